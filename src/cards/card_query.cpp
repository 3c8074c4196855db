// Parsing `rolecall cards` queries: see card_query.hpp for the language.
#include "rolecall/cards/card_query.hpp"

#include "rolecall/base/day.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace rolecall {

namespace {

constexpr const char* known_filters =
    "deck:NAME, tag:T, is:due|new|suspended|buried|leech|retired, kind:K, lapses>N, interval>N, due<DATE";

[[noreturn]] void bad_word(std::string_view word, std::string_view why) {
    throw Error(fmt::format("cards query '{}': {}; filters: {}", word, why, known_filters), ExitCode::usage);
}

std::string lowered(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool has_word_character(std::string_view text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
    });
}

// "lapses>3" -> {">", "3"} for a field name followed by one of > >= < <= =.
struct Comparison {
    std::string op;
    std::string value;
};

std::optional<Comparison> comparison_after(std::string_view word, std::string_view field) {
    if (word.size() <= field.size() || lowered(word.substr(0, field.size())) != field) return std::nullopt;
    std::string_view rest = word.substr(field.size());
    for (std::string_view op : {">=", "<=", ">", "<", "="}) {
        if (rest.substr(0, op.size()) == op) return Comparison{std::string(op), std::string(rest.substr(op.size()))};
    }
    return std::nullopt;
}

int number_in(std::string_view word, const std::string& value) {
    int n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n < 0) bad_word(word, "expected a whole number");
    return n;
}

// Narrows [low, high] (inclusive) by one comparison with n.
void bound(int& low, int& high, const std::string& op, int n) {
    if (op == ">") low = std::max(low, n + 1);
    if (op == ">=") low = std::max(low, n);
    if (op == "<") high = std::min(high, n - 1);
    if (op == "<=") high = std::min(high, n);
    if (op == "=") {
        low = std::max(low, n);
        high = std::min(high, n);
    }
}

void bound_days(std::optional<Day>& from, std::optional<Day>& to, const std::string& op, Day day) {
    const boost::gregorian::days one(1);
    auto raise = [&](Day d) { from = from ? std::max(*from, d) : d; };
    auto lower = [&](Day d) { to = to ? std::min(*to, d) : d; };
    if (op == ">") raise(day + one);
    if (op == ">=") raise(day);
    if (op == "<") lower(day - one);
    if (op == "<=") lower(day);
    if (op == "=") {
        raise(day);
        lower(day);
    }
}

}  // namespace

std::vector<std::string> split_query_words(std::string_view query) {
    std::vector<std::string> words;
    std::string word;
    bool in_word = false;
    char quote = 0;
    for (char c : query) {
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else {
                word.push_back(c);
            }
        } else if (c == '"' || c == '\'') {
            quote = c;
            in_word = true;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            if (in_word) words.push_back(std::move(word));
            word.clear();
            in_word = false;
        } else {
            word.push_back(c);
            in_word = true;
        }
    }
    if (quote) throw Error(fmt::format("cards query: a {} quote is not closed", quote), ExitCode::usage);
    if (in_word) words.push_back(std::move(word));
    return words;
}

std::string fts_term(std::string_view text, bool prefix) {
    std::string term = "\"";
    for (char c : text) {
        if (c == '"') term.push_back('"');
        term.push_back(c);
    }
    term.push_back('"');
    if (prefix) term.push_back('*');
    return term;
}

bool deck_matches(std::string_view name, std::string_view wanted) {
    const std::string n = lowered(name);
    const std::string w = lowered(wanted);
    return n == w || (n.size() > w.size() + 2 && n.compare(0, w.size(), w) == 0 && n.compare(w.size(), 2, "::") == 0);
}

namespace {

bool is_filter_field(const std::string& field) {
    return field == "deck" || field == "tag" || field == "kind" || field == "is";
}

// "deck:NAME" and the like; false when the word is no filter.
bool add_filter(CardSearch& search, const std::string& word) {
    const auto colon = word.find(':');
    if (colon == std::string::npos || colon == 0) return false;
    const std::string field = lowered(word.substr(0, colon));
    if (!is_filter_field(field)) {
        // "foo:bar" reads as a filter that does not exist; "10:30" or "a b:c" are text.
        const bool looks_like_filter =
            word.find(' ') == std::string::npos &&
            std::all_of(field.begin(), field.end(), [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
        if (looks_like_filter) {
            bad_word(word, fmt::format("no filter '{}:' (to search the text, quote it: '\"{}\"')", field, word));
        }
        return false;
    }
    std::string value = word.substr(colon + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
    }
    if (value.empty()) bad_word(word, "a filter needs a value after ':'");
    if (field == "deck") {
        search.decks.push_back(value);
    } else if (field == "tag") {
        search.tags.push_back(lowered(value));
    } else if (field == "kind") {
        try {
            search.kind = card_kind_from_string(lowered(value));
        } catch (const Error&) {
            bad_word(word, "kinds are choice, recall, cloze and contrast");
        }
    } else {
        const std::string what = lowered(value);
        if (what == "due") {
            search.due = true;
        } else if (what == "new") {
            search.fresh = true;
        } else if (what == "suspended") {
            search.suspended = true;
        } else if (what == "buried") {
            search.buried = true;
        } else if (what == "retired") {
            search.retired = true;
        } else if (what == "leech") {
            search.tags.push_back("leech");
        } else {
            bad_word(word, "is: takes due, new, suspended, buried, leech or retired");
        }
    }
    return true;
}

// lapses>N, interval>N, due<DATE; false when the word is none of them.
bool add_comparison(CardSearch& search, const std::string& word) {
    if (auto c = comparison_after(word, "lapses")) {
        bound(search.lapses_min, search.lapses_max, c->op, number_in(word, c->value));
        return true;
    }
    if (auto c = comparison_after(word, "interval")) {
        bound(search.interval_min, search.interval_max, c->op, number_in(word, c->value));
        return true;
    }
    if (auto c = comparison_after(word, "due")) {
        auto day = parse_day(c->value);
        if (!day) bad_word(word, "expected a date as YYYY-MM-DD");
        bound_days(search.due_from, search.due_to, c->op, *day);
        return true;
    }
    return false;
}

}  // namespace

CardSearch parse_card_query(const std::vector<std::string>& words) {
    CardSearch search;
    std::vector<std::string> wanted;
    std::vector<std::string> unwanted;
    for (const auto& typed : words) {
        // Control characters (a NUL ends an FTS5 expression early) are in no card's text anyway.
        const std::string raw = printable_only(typed);
        // The shell has taken the quotes off `deck:"Product roles"`: a filter word stays whole.
        const auto colon = raw.find(':');
        if (colon != std::string::npos && raw.find_first_of("\"'") == std::string::npos &&
            is_filter_field(lowered(raw.substr(0, colon)))) {
            add_filter(search, raw);
            continue;
        }
        for (const auto& word : split_query_words(raw)) {
            // A quoted group with spaces is a phrase: its words match as written, in that order.
            const bool phrase = word.find(' ') != std::string::npos;
            if (add_filter(search, word) || (!phrase && add_comparison(search, word))) continue;
            const bool negated = !phrase && word.size() > 1 && word[0] == '-';
            const std::string text = negated ? word.substr(1) : word;
            // Punctuation alone ("--", "?") holds no word to look up: the index never sees it.
            if (!has_word_character(text)) continue;
            (negated ? unwanted : wanted).push_back(fts_term(text, !phrase));
        }
    }
    for (const auto& term : wanted) search.match += (search.match.empty() ? "" : " AND ") + term;
    for (const auto& term : unwanted) search.exclude += (search.exclude.empty() ? "" : " OR ") + term;
    return search;
}

}  // namespace rolecall
