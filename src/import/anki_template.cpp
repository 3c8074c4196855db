// Anki's template language, rendered the way rslib does it (template.rs: tokens, conditionals,
// emptiness; template_filters.rs: filters; cloze.rs: deletions), but in one pass over the tokens with
// the open conditionals on a stack, and to plain HTML without Anki's spans and scripts.
#include "rolecall/import/anki_template.hpp"

#include "anki_template_parts.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <unordered_map>

namespace rolecall::import {

namespace {

using namespace anki;

constexpr std::size_t npos = std::string_view::npos;

// ---- template tokens (template.rs)

enum class TokenKind { text, comment, replacement, open_if, open_unless, close };

struct Token {
    TokenKind kind = TokenKind::text;
    std::string_view text;
};

// Anki's classify_handle: what "{{...}}" holds.
Token classify(std::string_view inside) {
    while (!inside.empty() && inside.front() == '{') inside.remove_prefix(1);
    inside = trim(inside);
    if (inside.size() >= 2) {
        if (inside.front() == '#') return {TokenKind::open_if, trim(inside.substr(1))};
        if (inside.front() == '/') return {TokenKind::close, trim(inside.substr(1))};
        if (inside.front() == '^') return {TokenKind::open_unless, trim(inside.substr(1))};
    }
    return {TokenKind::replacement, inside};
}

// The first occurrence of `mark` at or after `from`, remembered: asked again from further on, it is
// searched for again only once passed, so that every byte is scanned once per mark.
class Finder {
public:
    explicit Finder(std::string_view mark) : m_mark(mark) {}
    std::size_t find(std::string_view text, std::size_t from) {
        if (!m_known || (m_at != npos && m_at < from)) {
            m_at = text.find(m_mark, from);
            m_known = true;
        }
        return m_at;
    }
    std::size_t size() const { return m_mark.size(); }

private:
    std::string_view m_mark;
    std::size_t m_at = npos;
    bool m_known = false;
};

// Splits a template into tokens as Anki's next_token does: at each position a "{{...}}" closed
// further on, else a "<!--...-->" closed further on, else text.
class Lexer {
public:
    explicit Lexer(std::string_view text) : m_text(text) {
        // The legacy alternative syntax of Anki's first versions.
        constexpr std::string_view alternative = "{{=<% %>=}}";
        std::string_view start = m_text;
        while (!start.empty() && is_space(start.front())) start.remove_prefix(1);
        if (start.starts_with(alternative)) {
            while (start.starts_with(alternative)) start.remove_prefix(alternative.size());
            m_text = start;
            m_open = Finder("<%");
            m_close = Finder("%>");
        }
    }

    bool next(Token& token) {
        if (m_pos >= m_text.size()) return false;
        const std::size_t handlebar = marked(m_open, m_close, m_handlebar_end);
        const std::size_t comment = marked(m_comment_open, m_comment_close, m_comment_end);
        const std::size_t start = std::min(handlebar, comment);
        if (start != m_pos) {
            const std::size_t end = start == npos ? m_text.size() : start;
            token = {TokenKind::text, m_text.substr(m_pos, end - m_pos)};
            m_pos = end;
        } else if (start == handlebar) {
            token = classify(m_text.substr(m_pos + m_open.size(), m_handlebar_end - m_pos - m_open.size()));
            m_pos = m_handlebar_end + m_close.size();
        } else {
            token = {TokenKind::comment, m_text.substr(m_pos + 4, m_comment_end - m_pos - 4)};
            m_pos = m_comment_end + m_comment_close.size();
        }
        return true;
    }

private:
    // Where the next `open` that `close` follows starts (npos: none), with that close in `end`.
    std::size_t marked(Finder& open, Finder& close, std::size_t& end) {
        const std::size_t at = open.find(m_text, m_pos);
        if (at == npos) return npos;
        end = close.find(m_text, at + open.size());
        return end == npos ? npos : at;  // unclosed here, so unclosed at every later opening too
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    Finder m_open{"{{"}, m_close{"}}"};
    Finder m_comment_open{"<!--"}, m_comment_close{"-->"};
    std::size_t m_handlebar_end = 0, m_comment_end = 0;
};

// "<hr id=answer>" (any case, quotes and spacing) at text[at]: where the tag ends, else npos.
std::size_t answer_rule_at(std::string_view text, std::size_t at) {
    if (!starts_with_nocase(text, at, "<hr")) return npos;
    const std::size_t limit = std::min(text.size(), at + 64);  // a rule is short: no long scans
    std::size_t end = at + 3;
    while (end < limit && text[end] != '>') ++end;
    if (end >= limit) return npos;
    std::string tag;
    for (std::size_t i = at + 3; i < end; ++i) {
        char c = ascii_lower(text[i]);
        if (c != '"' && c != '\'' && c != '/') tag += is_space(c) ? ' ' : c;
    }
    if (!tag.empty() && tag.front() != ' ') return npos;  // "<hra ...>"
    // " id = answer " -> " id=answer ", then look for the attribute as a word.
    std::string compact;
    for (std::size_t i = 0; i < tag.size(); ++i) {
        if (tag[i] == ' ' && ((i + 1 < tag.size() && tag[i + 1] == '=') || (!compact.empty() && compact.back() == '=')))
            continue;
        compact += tag[i];
    }
    compact += ' ';
    return compact.find(" id=answer ") == std::string::npos ? npos : end + 1;
}

// ---- rendering

struct Context {
    const AnkiCardFields& card;
    std::unordered_map<std::string_view, std::string_view> fields;  // note fields, then special ones
    std::string subdeck, flag, card_number;
};

class SideRenderer {
public:
    SideRenderer(const Context& context, bool question, std::size_t max_bytes)
        : m_context(context), m_question(question), m_max_bytes(max_bytes) {}

    void render(std::string_view text) {
        Lexer lexer(text);
        Token token;
        while (m_error.empty() && lexer.next(token)) {
            switch (token.kind) {
                case TokenKind::text:
                    if (m_shown) add_text(token.text);
                    break;
                case TokenKind::comment: break;  // an HTML comment shows nothing
                case TokenKind::replacement:
                    if (m_shown) replace(token.text);
                    break;
                case TokenKind::open_if:
                case TokenKind::open_unless: {
                    m_open.emplace_back(token.text, m_shown);
                    const bool filled = nonempty(token.text);
                    m_shown = m_shown && (token.kind == TokenKind::open_if ? filled : !filled);
                    break;
                }
                case TokenKind::close:
                    if (m_open.empty()) {
                        m_error = fmt::format("{{{{/{}}}}} closes no {{{{#{}}}}} or {{{{^{}}}}}", token.text,
                                              token.text, token.text);
                    } else if (m_open.back().first != token.text) {
                        m_error = fmt::format("{{{{/{}}}}} found where {{{{/{}}}}} was expected", token.text,
                                              m_open.back().first);
                    } else {
                        m_shown = m_open.back().second;
                        m_open.pop_back();
                    }
                    break;
            }
        }
        if (m_error.empty() && !m_open.empty()) {
            m_error =
                fmt::format("{{{{#{}}}}} is never closed with {{{{/{}}}}}", m_open.back().first, m_open.back().first);
        }
        flush_pending();
    }

    std::string out;
    std::vector<std::string> hidden;  // question side: what {{cloze:...}} hid
    bool shows_a_field = false;       // a field with text is shown (Anki's renders_with_fields)
    std::size_t rule_at = npos;       // answer side: where an <hr id=answer> was left out
    const std::string& error() const { return m_error; }

private:
    bool nonempty(std::string_view key) const {
        auto found = m_context.fields.find(key);
        return found != m_context.fields.end() && !field_is_empty(found->second);
    }

    void append(std::string_view text) {
        if (!m_error.empty()) return;
        if (out.size() + text.size() > m_max_bytes) {
            m_error = fmt::format("renders to more than {} KiB", m_max_bytes / 1024);
            return;
        }
        out.append(text);
    }

    void flush_pending() {
        append(m_pending);
        m_pending.clear();
    }

    void add_text(std::string_view source) {
        // Template text is HTML source: its white space is html_to_text's to collapse, as a browser does.
        std::string_view text = source;
        if (!m_question && m_after_front_side) {
            // {{FrontSide}}, white space, then the rule Anki draws under the front: all left out.
            std::size_t i = 0;
            while (i < text.size() && is_space(text[i])) ++i;
            if (i == text.size()) {
                m_pending.append(text);  // the rule may come in the next run of text
                return;
            }
            m_after_front_side = false;
            if (std::size_t end = answer_rule_at(text, i); end != npos) {
                m_pending.clear();
                text.remove_prefix(end);
                m_rule_seen = true;
            }
        }
        flush_pending();
        if (!m_question && !m_rule_seen) {
            // The first <hr id=answer> is left out, and where it was remembered.
            for (std::size_t at = text.find('<'); at != npos; at = text.find('<', at + 1)) {
                if (std::size_t end = answer_rule_at(text, at); end != npos) {
                    append(text.substr(0, at));
                    rule_at = out.size();
                    m_rule_seen = true;
                    text.remove_prefix(end);
                    break;
                }
            }
        }
        append(text);
    }

    void replace(std::string_view spec) {
        m_after_front_side = false;
        flush_pending();
        // "filter2:filter1:Field": the field after the last colon, the filters applied right to left.
        const std::size_t colon = spec.rfind(':');
        const std::string_view key = trim(colon == npos ? spec : spec.substr(colon + 1));
        std::vector<std::string_view> filters;
        if (colon != npos) {
            std::string_view rest = spec.substr(0, colon);
            while (true) {
                std::size_t last = rest.rfind(':');
                filters.push_back(trim(last == npos ? rest : rest.substr(last + 1)));
                if (last == npos) break;
                rest = rest.substr(0, last);
            }
        }
        if (key == "FrontSide") {
            m_after_front_side = !m_question;  // rolecall shows the front itself
            return;
        }
        if (key.empty()) return;  // "{{tts-voices:}}" and friends add text of their own: none here
        auto found = m_context.fields.find(key);
        // Anki refuses a template that names a field the note type lacks; here it renders empty.
        const std::string_view value = found == m_context.fields.end() ? std::string_view() : found->second;
        if (!field_is_empty(value)) shows_a_field = true;
        if (!filters.empty() && filters.back() == "type") {
            // {{type:Field}}: the typing box. No box here: the front shows nothing, the back the answer.
            if (m_question) return;
            if (filters.size() == 2 && filters.front() == "cloze") {
                std::vector<std::string> answers;
                reveal_only(parse_clozes(value), m_context.card.ordinal + 1, false, answers);
                const bool same =
                    std::adjacent_find(answers.begin(), answers.end(), std::not_equal_to<>()) == answers.end();
                append(same && !answers.empty() ? answers.front() : join(answers, ", "));
            } else {
                append(value);
            }
            return;
        }
        std::string text(value);
        for (std::string_view filter : filters) {
            if (filter == "text") {
                text = strip_tags(text);
            } else if (filter == "cloze") {
                bool found_deletion = false;
                std::string revealed;
                // A field shown twice (a template that repeats the sentence, say in a hint box) gives
                // its deletions once: they are the card's answer, not one answer per appearance.
                const bool first_time =
                    std::find(m_cloze_fields.begin(), m_cloze_fields.end(), key) == m_cloze_fields.end();
                if (first_time) m_cloze_fields.push_back(key);
                reveal(parse_clozes(text), m_context.card.ordinal + 1, m_question, found_deletion, revealed,
                       m_question && first_time ? &hidden : nullptr);
                text = found_deletion ? std::move(revealed) : std::string();
            } else if (filter == "cloze-only") {
                std::vector<std::string> parts;
                reveal_only(parse_clozes(text), m_context.card.ordinal + 1, m_question, parts);
                text = join(parts, ", ");
            } else if (filter == "furigana") {
                text = ruby(text, Ruby::furigana);
            } else if (filter == "kanji") {
                text = ruby(text, Ruby::kanji);
            } else if (filter == "kana") {
                text = ruby(text, Ruby::kana);
            }
            // hint, tts, "" and filters of add-ons: the field as it is.
        }
        append(text);
    }

    const Context& m_context;
    const bool m_question;
    const std::size_t m_max_bytes;
    bool m_shown = true;                                    // every open conditional holds
    std::vector<std::pair<std::string_view, bool>> m_open;  // open conditionals, with m_shown before each
    bool m_after_front_side = false;                        // answer side: {{FrontSide}} just left out
    std::vector<std::string_view> m_cloze_fields;           // fields whose deletions are in `hidden`
    std::string m_pending;                                  // white space after it, held back
    bool m_rule_seen = false;                               // answer side: an <hr id=answer> left out
    std::string m_error;
};

}  // namespace

AnkiRenderedCard render_anki_card(std::string_view question, std::string_view answer, const AnkiCardFields& card,
                                  std::size_t max_bytes) {
    Context context{card, {}, {}, {}, {}};
    for (const auto& [name, value] : card.fields) context.fields.emplace(name, value);
    // Special fields give way to a note field of the same name, as in Anki (add_special_fields).
    const std::size_t last_part = card.deck.rfind("::");
    context.subdeck = last_part == std::string::npos ? card.deck : card.deck.substr(last_part + 2);
    context.flag = fmt::format("flag{}", card.flag);
    context.card_number = fmt::format("c{}", card.ordinal + 1);
    context.fields.emplace("Tags", card.tags);
    context.fields.emplace("Type", card.notetype);
    context.fields.emplace("Deck", card.deck);
    context.fields.emplace("Subdeck", context.subdeck);
    context.fields.emplace("Card", card.template_name);
    context.fields.emplace("CardFlag", context.flag);
    context.fields.emplace(context.card_number, "1");  // {{#c2}}...{{/c2}} holds on cloze card 2

    AnkiRenderedCard rendered;
    SideRenderer front(context, true, max_bytes);
    front.render(question);
    if (!front.error().empty()) {
        rendered.error = "front: " + front.error();
        return rendered;
    }
    if (card.cloze) {
        std::set<int> numbers;
        for (const auto& field : card.fields) collect_numbers(parse_clozes(field.second), numbers);
        rendered.blank = numbers.count(card.ordinal + 1) == 0;
    } else {
        rendered.blank = !front.shows_a_field;
    }
    SideRenderer back(context, false, max_bytes);
    back.render(answer);
    if (!back.error().empty()) {
        rendered.error = "back: " + back.error();
        return rendered;
    }
    rendered.question = std::move(front.out);
    rendered.cloze_answers = std::move(front.hidden);
    rendered.answer = std::move(back.out);
    // "{{Front}}<hr id=answer>{{Back}}": the front again above the rule, which rolecall shows already.
    if (back.rule_at != npos &&
        trim(std::string_view(rendered.answer).substr(0, back.rule_at)) == trim(std::string_view(rendered.question))) {
        rendered.answer.erase(0, back.rule_at);
    }
    return rendered;
}

std::set<int> anki_cloze_numbers(std::string_view text) {
    std::set<int> numbers;
    collect_numbers(parse_clozes(text), numbers);
    return numbers;
}

}  // namespace rolecall::import
