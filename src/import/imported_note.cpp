#include "rolecall/import/imported_note.hpp"

#include <fmt/format.h>

#include <map>

namespace rolecall::import {

ImportedNote basic_note(std::string deck, std::string key, std::string front, std::string back, std::string tags,
                        bool reversed) {
    ImportedNote note;
    note.deck = std::move(deck);
    note.key = std::move(key);
    note.fact.reserve(front.size() + 3 + back.size());
    note.fact.append(front).append(" | ").append(back);
    CardDraft forward;
    forward.view = "forward";
    forward.kind = CardKind::recall;
    forward.front = std::move(front);
    forward.back = std::move(back);
    forward.tags = std::move(tags);
    if (!reversed) {
        note.cards.push_back(std::move(forward));
        return note;
    }
    CardDraft reverse = forward;
    reverse.view = "reverse";
    reverse.front = forward.back;
    reverse.back = forward.front;
    note.cards.push_back(std::move(forward));
    note.cards.push_back(std::move(reverse));
    return note;
}

namespace {

struct AnkiDeletion {
    std::size_t begin = 0;  // of "{{"
    std::size_t end = 0;    // past "}}"
    int ordinal = 0;
    std::string answer;
    std::string hint;
};

// {{c1::answer}} and {{c1::answer::hint}}, in text order.
std::vector<AnkiDeletion> find_deletions(const std::string& text) {
    std::vector<AnkiDeletion> found;
    std::size_t pos = 0;
    while ((pos = text.find("{{c", pos)) != std::string::npos) {
        std::size_t digits = pos + 3;
        std::size_t cursor = digits;
        while (cursor < text.size() && text[cursor] >= '0' && text[cursor] <= '9' && cursor - digits < 4) ++cursor;
        if (cursor == digits || text.compare(cursor, 2, "::") != 0) {
            pos += 3;
            continue;
        }
        std::size_t close = text.find("}}", cursor + 2);
        if (close == std::string::npos) break;
        AnkiDeletion deletion;
        deletion.begin = pos;
        deletion.end = close + 2;
        deletion.ordinal = std::stoi(text.substr(digits, cursor - digits));
        std::string inner = text.substr(cursor + 2, close - cursor - 2);
        std::size_t hint = inner.find("::");
        deletion.answer = inner.substr(0, hint);
        if (hint != std::string::npos) deletion.hint = inner.substr(hint + 2);
        found.push_back(std::move(deletion));
        pos = close + 2;
    }
    return found;
}

// The text with the deletions of `ordinal` hidden (or all shown when ordinal is 0).
std::string render(const std::string& text, const std::vector<AnkiDeletion>& deletions, int ordinal) {
    std::string out;
    std::size_t pos = 0;
    for (const auto& d : deletions) {
        out.append(text, pos, d.begin - pos);
        if (d.ordinal == ordinal) {
            out += "[" + (d.hint.empty() ? std::string("...") : d.hint) + "]";
        } else {
            out += d.answer;
        }
        pos = d.end;
    }
    out.append(text, pos);
    return out;
}

}  // namespace

std::vector<CardDraft> anki_cloze_cards(const std::string& text, const std::string& extra, const std::string& tags) {
    auto deletions = find_deletions(text);
    std::map<int, std::vector<std::string>> answers;
    for (const auto& d : deletions) answers[d.ordinal].push_back(d.answer);
    std::vector<CardDraft> cards;
    const std::string full = render(text, deletions, 0);
    for (const auto& [ordinal, words] : answers) {
        CardDraft card;
        card.view = fmt::format("c{}", ordinal);
        card.kind = CardKind::cloze;
        card.front = render(text, deletions, ordinal);
        for (const auto& word : words) card.back += (card.back.empty() ? "" : ", ") + word;
        card.explanation = extra.empty() ? full : full + "\n" + extra;
        card.tags = tags;
        cards.push_back(std::move(card));
    }
    return cards;
}

ImportedNote anki_note(std::string deck, std::string key, const std::string& notetype, bool cloze,
                       const std::vector<std::string>& fields, const std::string& tags) {
    std::string first = fields.empty() ? "" : fields[0];
    std::string rest;
    for (std::size_t i = 1; i < fields.size(); ++i) {
        if (fields[i].empty()) continue;
        if (!rest.empty()) rest += '\n';
        rest += fields[i];
    }
    if (cloze) {
        ImportedNote note;
        note.deck = std::move(deck);
        note.key = std::move(key);
        note.fact = rest.empty() ? first : first + " | " + rest;
        note.cards = anki_cloze_cards(first, rest, tags);
        return note;
    }
    const bool reversed = notetype.starts_with("Basic (and reversed");
    return basic_note(std::move(deck), std::move(key), std::move(first), std::move(rest), tags, reversed);
}

}  // namespace rolecall::import
