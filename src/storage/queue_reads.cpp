// What the review queue reads: due and new cards, the day's counts, drills and one card.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <tuple>
#include <sqlite3.h>

namespace rolecall {

std::vector<Id> Storage::due_cards(DeckFilter deck, Day due_by, int limit, std::optional<Day> today) {
    // Most overdue first, then card id: a fixed order that the cards_by_due index serves directly.
    Query query(*this,
                "SELECT id FROM cards WHERE due IS NOT NULL AND due <= ?1 AND suspended = 0 AND retired = 0 "
                "AND " ROLECALL_NOT_BURIED("?4") " AND (?2 IS NULL OR deck_id = ?2) ORDER BY due, id LIMIT ?3");
    query.bind(1, due_by).bind(2, deck).bind(3, limit).bind(4, today.value_or(due_by));
    return collect_ids(query);
}

std::vector<Id> Storage::new_cards(DeckFilter deck, Day today, int limit) {
    Query query(*this,
                "SELECT id FROM cards WHERE due IS NULL AND suspended = 0 AND retired = 0 "
                "AND " ROLECALL_NOT_BURIED("?3") " AND (?1 IS NULL OR deck_id = ?1) ORDER BY new_rank, id LIMIT ?2");
    query.bind(1, deck).bind(2, limit).bind(3, today);
    return collect_ids(query);
}

std::vector<std::pair<Id, std::int64_t>> Storage::ranked_new_cards(Id deck, Day today, int limit) {
    Query query(*this,
                "SELECT id, new_rank FROM cards WHERE due IS NULL AND suspended = 0 AND retired = 0 "
                "AND " ROLECALL_NOT_BURIED("?3") " AND deck_id = ?1 ORDER BY new_rank, id LIMIT ?2");
    query.bind(1, deck).bind(2, limit).bind(3, today);
    std::vector<std::pair<Id, std::int64_t>> rows;
    while (query.step()) rows.emplace_back(query.int64(0), query.int64(1));
    return rows;
}

int Storage::count_due(DeckFilter deck, Day due_by, int at_most, std::optional<Day> today) {
    Query query(*this,
                "SELECT count(*) FROM (SELECT 1 FROM cards WHERE due IS NOT NULL AND due <= ?1 AND suspended = 0 "
                "AND retired = 0 AND " ROLECALL_NOT_BURIED("?4") " AND (?2 IS NULL OR deck_id = ?2) LIMIT ?3)");
    query.bind(1, due_by).bind(2, deck).bind(3, at_most).bind(4, today.value_or(due_by));
    return query.step() ? query.integer(0) : 0;
}

int Storage::count_new(DeckFilter deck, Day today, int at_most) {
    Query query(*this,
                "SELECT count(*) FROM (SELECT 1 FROM cards WHERE due IS NULL AND suspended = 0 AND retired = 0 "
                "AND " ROLECALL_NOT_BURIED("?3") " AND (?1 IS NULL OR deck_id = ?1) LIMIT ?2)");
    query.bind(1, deck).bind(2, at_most).bind(3, today);
    return query.step() ? query.integer(0) : 0;
}

DayCounts Storage::day_counts(DeckFilter deck, Day day) {
    Query query(*this,
                "SELECT count(*) FILTER (WHERE due_before IS NULL), count(*) FROM reviews "
                "WHERE day = ?1 AND drill = 0 AND undone = 0 AND (?2 IS NULL OR deck_id = ?2)");
    query.bind(1, day).bind(2, deck);
    if (!query.step()) return {};
    return DayCounts{query.integer(0), query.integer(1)};
}

std::vector<Id> Storage::cards_to_drill(DeckFilter deck, Day day) {
    Query query(*this,
                "SELECT r.card_id FROM reviews r JOIN cards c ON c.id = r.card_id "
                "WHERE r.day = ?1 AND r.undone = 0 AND (?2 IS NULL OR c.deck_id = ?2) "
                "AND c.suspended = 0 AND c.retired = 0 AND r.id = (SELECT max(l.id) FROM reviews l "
                "  WHERE l.card_id = r.card_id AND l.day = r.day AND l.undone = 0) "
                "AND r.grade < ?3 ORDER BY r.id");
    query.bind(1, day).bind(2, deck).bind(3, drill_until_grade);
    return collect_ids(query);
}

std::optional<Day> Storage::next_due_after(DeckFilter deck, Day today) {
    Query query(*this,
                "SELECT min(due) FROM cards WHERE due > ?1 AND suspended = 0 AND retired = 0 "
                "AND (?2 IS NULL OR deck_id = ?2)");
    query.bind(1, today).bind(2, deck);
    if (!query.step()) return std::nullopt;
    return query.day(0);
}

std::vector<CramCandidate> Storage::cram_candidates(DeckFilter deck, Day today) {
    // Today's answers are read once through reviews_by_day, not card by card.
    Query query(*this,
                "SELECT c.id, c.due IS NOT NULL, "
                "c.id IN (SELECT r.card_id FROM reviews r WHERE r.day = ?2 AND r.undone = 0), c.answer "
                "FROM cards c WHERE c.suspended = 0 AND c.retired = 0 AND (c.due IS NULL OR c.due > ?2) "
                "AND (?1 IS NULL OR c.deck_id = ?1) ORDER BY c.id");
    query.bind(1, deck).bind(2, today);
    std::vector<CramCandidate> cards;
    while (query.step())
        cards.push_back(CramCandidate{query.int64(0), query.boolean(1), query.boolean(2), query.text(3)});
    return cards;
}

CardRecord Storage::card(Id id) {
    Query query(*this, "SELECT " ROLECALL_CARD_COLUMNS "WHERE c.id = ?1");
    query.bind(1, id);
    if (!query.step()) throw Error(fmt::format("card {} is not in {}", id, m_path.string()));
    return read_card(query);
}

// ---- what keeps siblings apart and drills a confusion

namespace {

// "DECK:KEY" for a note's own key and each key it shows: fact keys are unique within a deck only.
// Reads deck_id, key and shows from the columns `first` on.
void add_fact_keys(const Query& row, std::vector<std::string>& keys, int first = 0) {
    const std::string prefix = std::to_string(row.int64(first)) + ':';
    keys.push_back(prefix + row.text(first + 1));
    for (const auto& shown : split_choices(row.text(first + 2))) keys.push_back(prefix + shown);
}

}  // namespace

std::vector<std::string> Storage::facts_of(Id card) {
    Query query(*this,
                "SELECT n.deck_id, n.key, n.shows FROM cards c JOIN notes n ON n.id = c.note_id WHERE c.id = ?1");
    query.bind(1, card);
    if (!query.step()) throw Error(fmt::format("card {} is not in {}", card, m_path.string()));
    std::vector<std::string> keys;
    add_fact_keys(query, keys);
    return keys;
}

std::map<Id, std::vector<std::string>> Storage::facts_of(const std::vector<Id>& cards) {
    // One statement for a whole queue: the ids go in as a JSON array (SQLite's json_each), so a
    // session start looks up 200 due cards' facts in one pass instead of 200 statements.
    Query query(*this,
                "SELECT c.id, n.deck_id, n.key, n.shows FROM cards c JOIN notes n ON n.id = c.note_id "
                "WHERE c.id IN (SELECT value FROM json_each(?1))");
    query.bind(1, json_ids(cards));
    std::map<Id, std::vector<std::string>> facts;
    while (query.step()) add_fact_keys(query, facts[query.int64(0)], 1);
    return facts;
}

std::vector<std::string> Storage::facts_answered_on(DeckFilter deck, Day day) {
    Query query(*this,
                "SELECT n.deck_id, n.key, n.shows FROM notes n WHERE n.id IN (SELECT c.note_id FROM reviews r "
                "JOIN cards c ON c.id = r.card_id WHERE r.day = ?1 AND r.drill = 0 AND r.undone = 0 "
                "AND (?2 IS NULL OR r.deck_id = ?2))");
    query.bind(1, day).bind(2, deck);
    std::vector<std::string> keys;
    while (query.step()) add_fact_keys(query, keys);
    return keys;
}

std::vector<Id> Storage::cards_separating(DeckFilter deck, const std::string& first, const std::string& second,
                                          Day today, bool new_only, int limit, bool answered_today) {
    // Choice cards whose answer is one of the two roles and whose options hold both (an option's role
    // is its choice_roles entry, or the option itself): cards met before, then new cards in
    // introduction order. Each statement walks cards_by_answer for one deck and one answer, most
    // overdue first, and stops at `limit`: a wrong pick reads a few rows, never the deck. Of the met
    // cards read, the one answered longest ago comes first: follow-ups are drills, which leave the
    // due day alone, so by due day alone the same two cards would follow every wrong pick of a pair.
#define ROLECALL_SEPARATING \
    "SELECT id, due, new_rank, (SELECT coalesce(max(r.id), 0) FROM reviews r WHERE r.card_id = cards.id) " \
    "FROM cards WHERE kind = 'choice' AND suspended = 0 AND retired = 0 " \
    "AND " ROLECALL_NOT_BURIED("?5") " "                                                            \
    "AND deck_id = ?1 AND answer = ?2 "                                                            \
    "AND instr(char(31) || iif(choice_roles <> '', choice_roles, choices) || char(31), "           \
    "          char(31) || ?3 || char(31)) > 0 "                                                   \
    "AND (?4 = 1 OR id NOT IN (SELECT card_id FROM reviews WHERE day = ?5 AND undone = 0)) "
    struct Found {
        Id id;
        std::string due;
        std::int64_t rank;
        Id last_answer;  // the card's latest answer in the log (0: none)
    };
    std::vector<Id> decks_to_search;
    if (deck) {
        decks_to_search.push_back(*deck);
    } else {
        for (const auto& row : decks()) decks_to_search.push_back(row.id);
    }
    std::vector<Id> ids;
    for (const bool fresh : {false, true}) {
        if (!fresh && new_only) continue;
        std::vector<Found> found;
        for (Id d : decks_to_search) {
            for (const auto& [answer, other] : {std::pair{&first, &second}, std::pair{&second, &first}}) {
                Query query(*this, fresh ? ROLECALL_SEPARATING "AND due IS NULL ORDER BY new_rank LIMIT ?6"
                                         : ROLECALL_SEPARATING "AND due IS NOT NULL ORDER BY due, new_rank LIMIT ?6");
                query.bind(1, d).bind(2, *answer).bind(3, *other).bind(4, answered_today).bind(5, today);
                query.bind(6, limit);
                while (query.step())
                    found.push_back(Found{query.int64(0), query.text(1), query.int64(2), query.int64(3)});
            }
        }
        std::sort(found.begin(), found.end(), [&](const Found& a, const Found& b) {
            return fresh ? a.rank < b.rank
                         : std::tie(a.last_answer, a.due, a.rank) < std::tie(b.last_answer, b.due, b.rank);
        });
        for (const auto& f : found) {
            if (static_cast<int>(ids.size()) == limit) break;
            ids.push_back(f.id);
        }
    }
#undef ROLECALL_SEPARATING
    return ids;
}

}  // namespace rolecall
