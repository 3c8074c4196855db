// What the review queue reads: due and new cards, the day's counts, drills and one card.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace rolecall {

std::vector<Id> Storage::due_cards(DeckFilter deck, Day today, int limit) {
    // Most overdue first, then card id: a fixed order that the cards_by_due index serves directly.
    Query query(*this,
                "SELECT id FROM cards WHERE due IS NOT NULL AND due <= ?1 AND suspended = 0 AND retired = 0 "
                "AND (?2 IS NULL OR deck_id = ?2) ORDER BY due, id LIMIT ?3");
    query.bind(1, today).bind(2, deck).bind(3, limit);
    return collect_ids(query);
}

std::vector<Id> Storage::new_cards(DeckFilter deck, int limit) {
    Query query(*this,
                "SELECT id FROM cards WHERE due IS NULL AND suspended = 0 AND retired = 0 "
                "AND (?1 IS NULL OR deck_id = ?1) ORDER BY new_rank, id LIMIT ?2");
    query.bind(1, deck).bind(2, limit);
    return collect_ids(query);
}

std::vector<std::pair<Id, std::int64_t>> Storage::ranked_new_cards(Id deck, int limit) {
    Query query(*this,
                "SELECT id, new_rank FROM cards WHERE due IS NULL AND suspended = 0 AND retired = 0 "
                "AND deck_id = ?1 ORDER BY new_rank, id LIMIT ?2");
    query.bind(1, deck).bind(2, limit);
    std::vector<std::pair<Id, std::int64_t>> rows;
    while (query.step()) rows.emplace_back(query.int64(0), query.int64(1));
    return rows;
}

int Storage::count_due(DeckFilter deck, Day today, int at_most) {
    Query query(*this,
                "SELECT count(*) FROM (SELECT 1 FROM cards WHERE due IS NOT NULL AND due <= ?1 AND suspended = 0 "
                "AND retired = 0 AND (?2 IS NULL OR deck_id = ?2) LIMIT ?3)");
    query.bind(1, today).bind(2, deck).bind(3, at_most);
    return query.step() ? query.integer(0) : 0;
}

int Storage::count_new(DeckFilter deck, int at_most) {
    Query query(*this,
                "SELECT count(*) FROM (SELECT 1 FROM cards WHERE due IS NULL AND suspended = 0 AND retired = 0 "
                "AND (?1 IS NULL OR deck_id = ?1) LIMIT ?2)");
    query.bind(1, deck).bind(2, at_most);
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

CardRecord Storage::card(Id id) {
    Query query(*this, "SELECT " ROLECALL_CARD_COLUMNS "WHERE c.id = ?1");
    query.bind(1, id);
    if (!query.step()) throw Error(fmt::format("card {} is not in {}", id, m_path.string()));
    return read_card(query);
}

// ---- what keeps siblings apart and drills a confusion

namespace {

// "DECK:KEY" for a note's own key and each key it shows: fact keys are unique within a deck only.
void add_fact_keys(const Query& row, std::vector<std::string>& keys) {
    const std::string prefix = std::to_string(row.int64(0)) + ':';
    keys.push_back(prefix + row.text(1));
    for (const auto& shown : split_choices(row.text(2))) keys.push_back(prefix + shown);
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
    // is its choice_roles entry, or the option itself), not answered today; cards the learner has met
    // before come first, then new ones in their introduction order.
    Query query(
        *this,
        "SELECT id FROM cards WHERE (?1 IS NULL OR deck_id = ?1) AND kind = 'choice' AND suspended = 0 AND retired = 0 "
        "AND answer IN (?2, ?3) AND (?5 = 0 OR due IS NULL) "
        "AND instr(char(31) || iif(choice_roles <> '', choice_roles, choices) || char(31), "
        "          char(31) || ?2 || char(31)) > 0 "
        "AND instr(char(31) || iif(choice_roles <> '', choice_roles, choices) || char(31), "
        "          char(31) || ?3 || char(31)) > 0 "
        "AND (?7 = 1 OR id NOT IN (SELECT card_id FROM reviews WHERE day = ?4 AND undone = 0)) "
        "ORDER BY due IS NULL, new_rank, id LIMIT ?6");
    query.bind(1, deck).bind(2, first).bind(3, second).bind(4, today).bind(5, new_only).bind(6, limit);
    query.bind(7, answered_today);
    return collect_ids(query);
}

}  // namespace rolecall
