#include "rolecall/decks/fact_deck.hpp"

#include "rolecall/decks/cloze.hpp"
#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <optional>
#include <set>

namespace rolecall {

const Category* FactDeck::find_category(std::string_view key) const {
    for (const auto& category : categories) {
        if (category.key == key) return &category;
    }
    return nullptr;
}

const Category* FactDeck::find_category_by_name(std::string_view wanted) const {
    for (const auto& category : categories) {
        if (category.name == wanted) return &category;
    }
    return nullptr;
}

const Aspect* FactDeck::find_aspect(std::string_view key) const {
    for (const auto& aspect : aspects) {
        if (aspect.key == key) return &aspect;
    }
    return nullptr;
}

namespace {

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
}

bool is_key(std::string_view text) {
    if (text.empty()) return false;
    for (char c : text) {
        if (!is_key_char(c)) return false;
    }
    return true;
}

enum class Section { header, category, aspect, statements, scenarios, checkup, takeaways };

class Parser {
public:
    Parser(std::string_view text, const std::string& source) : m_text(text), m_source(source) {}

    FactDeck run() {
        std::size_t pos = 0;
        while (pos <= m_text.size()) {
            std::size_t end = m_text.find('\n', pos);
            if (end == std::string_view::npos) end = m_text.size();
            ++m_line;
            parse_line(m_text.substr(pos, end - pos));
            pos = end + 1;
        }
        finish();
        return std::move(m_deck);
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw Error(fmt::format("{}:{}: {}", m_source, m_line, what));
    }

    // A comment may end a line: " # " (white space, '#', white space or the end) starts it. "#42" or
    // "C#" in a text are kept.
    static std::string_view without_comment(std::string_view raw) {
        for (std::size_t i = 1; i < raw.size(); ++i) {
            if (raw[i] != '#' || (raw[i - 1] != ' ' && raw[i - 1] != '\t')) continue;
            if (i + 1 == raw.size() || raw[i + 1] == ' ' || raw[i + 1] == '\t') return raw.substr(0, i);
        }
        return raw;
    }

    void parse_line(std::string_view full) {
        const std::string_view raw = without_comment(full);
        std::string_view line = trim(raw);
        if (line.empty() || line.front() == '#') return;
        if ((raw.front() == ' ' || raw.front() == '\t') && line.front() != '[' && m_last_statement) {
            statement_detail(line);
            return;
        }
        m_last_statement = nullptr;
        if (line.front() == '[') {
            open_section(line);
            return;
        }
        switch (m_section) {
            case Section::header: header_field(line); break;
            case Section::category: category_field(line); break;
            case Section::aspect: aspect_field(line); break;
            case Section::statements: statement_line(line, m_deck.statements, false); break;
            case Section::scenarios: statement_line(line, m_deck.statements, true); break;
            case Section::checkup: statement_line(line, m_deck.checkup, true); break;
            case Section::takeaways: takeaway_line(line); break;
        }
    }

    void open_section(std::string_view line) {
        if (line.back() != ']') fail("a section header must end with ']', as in [category pm]");
        auto words = split_list(line.substr(1, line.size() - 2), ' ');
        if (words.size() == 2 && words[0] == "category") {
            if (!is_key(words[1])) fail(fmt::format("'{}' is not a valid key: use letters, digits, _ - .", words[1]));
            if (m_deck.find_category(words[1])) fail(fmt::format("category '{}' is defined twice", words[1]));
            if (!m_deck.aspects.empty() || !m_deck.statements.empty())
                fail("define every [category ...] before the aspects and statements that use it");
            m_deck.categories.push_back(Category{words[1], "", {}, ""});
            m_section = Section::category;
        } else if (words.size() == 2 && words[0] == "aspect") {
            if (!is_key(words[1])) fail(fmt::format("'{}' is not a valid key: use letters, digits, _ - .", words[1]));
            for (const auto& aspect : m_deck.aspects) {
                if (aspect.key == words[1]) fail(fmt::format("aspect '{}' is defined twice", words[1]));
            }
            m_deck.aspects.push_back(Aspect{words[1], "", false, false, {}, m_line});
            m_section = Section::aspect;
        } else if (words.size() == 1 && words[0] == "statements") {
            m_section = Section::statements;
        } else if (words.size() == 1 && words[0] == "scenarios") {
            m_section = Section::scenarios;
        } else if (words.size() == 1 && words[0] == "checkup") {
            m_section = Section::checkup;
        } else if (words.size() == 1 && words[0] == "takeaways") {
            m_section = Section::takeaways;
        } else {
            fail(
                fmt::format("unknown section '{}': use [category KEY], [aspect KEY], [statements], [scenarios], "
                            "[checkup] or [takeaways]",
                            line));
        }
    }

    // "key = value"
    std::pair<std::string, std::string> key_value(std::string_view line) const {
        auto eq = line.find('=');
        if (eq == std::string_view::npos) fail(fmt::format("expected 'key = value', got '{}'", line));
        std::string key(trim(line.substr(0, eq)));
        std::string value(trim(line.substr(eq + 1)));
        if (value.empty()) fail(fmt::format("'{}' has no value", key));
        return {key, value};
    }

    void header_field(std::string_view line) {
        auto [key, value] = key_value(line);
        if (key == "deck") {
            m_deck.name = value;
        } else if (key == "description") {
            m_deck.description = value;
        } else if (key == "question") {
            m_deck.question = value;
        } else {
            fail(fmt::format("unknown deck field '{}': use 'deck', 'description' or 'question'", key));
        }
    }

    void category_field(std::string_view line) {
        auto [key, value] = key_value(line);
        Category& category = m_deck.categories.back();
        if (key == "name") {
            category.name = value;
        } else if (key == "aliases") {
            category.aliases = split_list(value, ',');
        } else if (key == "summary") {
            category.summary = value;
        } else {
            fail(fmt::format("unknown category field '{}': use name, aliases or summary", key));
        }
    }

    void aspect_field(std::string_view line) {
        auto [key, value] = key_value(line);
        Aspect& aspect = m_deck.aspects.back();
        if (key == "label") {
            aspect.label = value;
            return;
        }
        if (key == "plural" || key == "first") {
            if (value != "yes" && value != "no") fail(fmt::format("{} is 'yes' or 'no', not '{}'", key, value));
            (key == "plural" ? aspect.plural : aspect.first) = value == "yes";
            return;
        }
        if (!m_deck.find_category(key))
            fail(fmt::format("'{}' is neither 'label', 'plural', 'first' nor a category key of this deck", key));
        for (const auto& existing : aspect.values) {
            if (existing.first == key) fail(fmt::format("aspect '{}' gives '{}' twice", aspect.key, key));
        }
        aspect.values.emplace_back(key, value);
    }

    // "ID: text" where ID is a key; returns the id (empty when the line has none) and the text.
    static std::pair<std::string, std::string_view> split_id(std::string_view line) {
        auto colon = line.find(':');
        if (colon != std::string_view::npos && colon + 1 < line.size() && line[colon + 1] == ' ') {
            std::string_view head = line.substr(0, colon);
            bool ok = !head.empty();
            for (char c : head) ok = ok && (is_key_char(c) || c == '/');
            if (ok) return {std::string(head), trim(line.substr(colon + 1))};
        }
        return {"", line};
    }

    void claim_id(const char* kind, const std::string& id) {
        if (!m_ids.insert(fmt::format("{}:{}", kind, id)).second)
            fail(fmt::format("the {} id '{}' is used twice: give each line its own id", kind, id));
    }

    void statement_line(std::string_view line, std::vector<Statement>& into, bool scenario) {
        auto [head, text] = split_id(line);
        if (head.empty()) fail("a statement reads 'CATEGORY: text' or 'CATEGORY/ID: text'");
        auto slash = head.find('/');
        std::string category = head.substr(0, slash);
        std::string id = slash == std::string::npos ? slugify(text) : head.substr(slash + 1);
        if (!m_deck.find_category(category)) fail(fmt::format("'{}' is not a category of this deck", category));
        if (!is_key(id)) fail(fmt::format("'{}' is not a valid id: use letters, digits, _ - .", id));
        claim_id("statement", id);
        into.push_back(Statement{id, category, std::string(text), m_line, scenario, "", "", {}});
        m_last_statement = &into.back();
    }

    // An indented line under a statement: "aspect = KEY", "why = TEXT" or "not CATEGORY = TEXT".
    void statement_detail(std::string_view line) {
        auto [key, value] = key_value(line);
        Statement& statement = *m_last_statement;
        if (key == "aspect") {
            if (!m_deck.find_aspect(value)) fail(fmt::format("'{}' is not an aspect defined above", value));
            statement.aspect = value;
        } else if (key == "why") {
            statement.why = value;
        } else if (key.rfind("not ", 0) == 0) {
            std::string other(trim(std::string_view(key).substr(4)));
            if (!m_deck.find_category(other)) fail(fmt::format("'{}' is not a category of this deck", other));
            if (other == statement.category)
                fail(fmt::format("'not {}' names the statement's own category: name another one", other));
            for (const auto& existing : statement.instead) {
                if (existing.first == other) fail(fmt::format("'not {}' is given twice for this statement", other));
            }
            statement.instead.emplace_back(other, value);
        } else {
            fail(fmt::format("unknown statement detail '{}': use 'aspect = KEY', 'why = TEXT' or 'not CATEGORY = TEXT'",
                             key));
        }
    }

    void takeaway_line(std::string_view line) {
        auto [id, text] = split_id(line);
        if (id.empty()) id = slugify(cloze_full(text));
        if (!is_key(id)) fail(fmt::format("'{}' is not a valid id: use letters, digits, _ - .", id));
        if (cloze_deletions(text).empty()) fail("a takeaway needs at least one {{deletion}} to turn into a cloze card");
        claim_id("takeaway", id);
        m_deck.takeaways.push_back(Takeaway{id, std::string(text), m_line});
    }

    void finish() {
        if (m_deck.name.empty()) {
            m_line = 1;
            fail("the deck has no name: add a line 'deck = NAME' at the top");
        }
        for (const auto& category : m_deck.categories) {
            if (category.name.empty()) {
                throw Error(fmt::format("{}: category '{}' has no 'name = ...'", m_source, category.key));
            }
        }
        if (m_deck.categories.size() < 2 && (!m_deck.statements.empty() || !m_deck.aspects.empty())) {
            throw Error(fmt::format("{}: statements and aspects need at least two categories to tell apart", m_source));
        }
        for (const auto& aspect : m_deck.aspects) {
            if (aspect.label.empty())
                throw Error(fmt::format("{}: aspect '{}' has no 'label = ...'", m_source, aspect.key));
        }
    }

    std::string_view m_text;
    const std::string& m_source;
    int m_line = 0;
    Section m_section = Section::header;
    FactDeck m_deck;
    std::set<std::string> m_ids;
    Statement* m_last_statement = nullptr;  // the statement indented lines add to
};

}  // namespace

FactDeck parse_fact_deck(std::string_view text, const std::string& source_name) {
    return Parser(text, source_name).run();
}

int source_line_of_note(const FactDeck& deck, std::string_view note_key) {
    auto after = [&](std::string_view prefix) -> std::optional<std::string_view> {
        if (note_key.substr(0, prefix.size()) != prefix) return std::nullopt;
        return note_key.substr(prefix.size());
    };
    if (auto statement_id = after("statement:")) {
        for (const auto& statement : deck.statements) {
            if (statement.id == *statement_id) return statement.line;
        }
    } else if (auto takeaway_id = after("takeaway:")) {
        for (const auto& takeaway : deck.takeaways) {
            if (takeaway.id == *takeaway_id) return takeaway.line;
        }
    } else if (auto rest = after("aspect:") ? after("aspect:") : after("contrast:")) {
        // "KEY:..." names the aspect: its block holds every value the card shows.
        if (const Aspect* aspect = deck.find_aspect(rest->substr(0, rest->find(':')))) return aspect->line;
    }
    return 0;
}

}  // namespace rolecall
