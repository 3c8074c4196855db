// Statistics and exports: reads of the aggregates, the due forecast, ease spread, confusions and
// streams of every card and answer.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/scheduling/leech.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace rolecall {

std::vector<Confusion> Storage::confusions(DeckFilter deck, Day from, Day to) {
    Query query(*this,
                "SELECT expected, chosen, sum(answers) AS n FROM choice_days "
                "WHERE chosen <> expected AND day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR deck_id = ?3) "
                "GROUP BY expected, chosen HAVING n > 0 ORDER BY n DESC, expected, chosen");
    query.bind(1, from).bind(2, to).bind(3, deck);
    std::vector<Confusion> rows;
    while (query.step()) rows.push_back(Confusion{query.text(0), query.text(1), query.integer(2)});
    return rows;
}

void Storage::for_each_day_bucket(DeckFilter deck, std::optional<Day> since,
                                  const std::function<void(const DayBucketCounts&)>& visit) {
    Query query(*this,
                "SELECT day, bucket, sum(reviews), sum(correct), sum(drills), sum(response_ms) FROM review_days "
                "WHERE (?1 IS NULL OR deck_id = ?1) AND (?2 IS NULL OR day >= ?2) "
                "GROUP BY day, bucket HAVING sum(reviews) + sum(drills) > 0 ORDER BY day, bucket");
    query.bind(1, deck).bind(2, since);
    while (query.step()) {
        visit(DayBucketCounts{*query.day(0), query.integer(1), query.integer(2), query.integer(3), query.integer(4),
                              query.int64(5)});
    }
}

std::vector<std::pair<Day, int>> Storage::due_by_day(DeckFilter deck, Day until) {
    Query query(*this,
                "SELECT due, count(*) FROM cards WHERE due IS NOT NULL AND due <= ?1 AND suspended = 0 "
                "AND retired = 0 AND (?2 IS NULL OR deck_id = ?2) GROUP BY due ORDER BY due");
    query.bind(1, until).bind(2, deck);
    std::vector<std::pair<Day, int>> rows;
    while (query.step()) rows.emplace_back(*query.day(0), query.integer(1));
    return rows;
}

std::vector<std::pair<EaseHundredths, int>> Storage::ease_counts(DeckFilter deck) {
    Query query(*this,
                // INDEXED BY: the planner would pick cards_by_due and read every card's row.
                "SELECT ease, count(*) FROM cards INDEXED BY cards_by_deck WHERE due IS NOT NULL AND suspended = 0 "
                "AND retired = 0 AND (?1 IS NULL OR deck_id = ?1) GROUP BY ease ORDER BY ease");
    query.bind(1, deck);
    std::vector<std::pair<EaseHundredths, int>> rows;
    while (query.step()) rows.emplace_back(query.integer(0), query.integer(1));
    return rows;
}

std::vector<CardRecord> Storage::hardest_cards(DeckFilter deck, int limit) {
    Query query(*this, "SELECT " ROLECALL_CARD_COLUMNS
                       "WHERE c.lapses > 0 AND c.retired = 0 "
                       "AND (?1 IS NULL OR c.deck_id = ?1) ORDER BY c.lapses DESC, c.ease, c.id LIMIT ?2");
    query.bind(1, deck).bind(2, limit);
    std::vector<CardRecord> cards;
    while (query.step()) cards.push_back(read_card(query));
    return cards;
}

std::vector<CardRecord> Storage::leech_cards(DeckFilter deck) {
    // The partial index cards_leeches holds exactly these cards, in this order, so the statement
    // reads the leeches' rows only. Its condition is written out as the index has it (the tag is
    // "leech", leech_tag) for SQLite to match them; a bound tag would read every lapsed card.
    static_assert(leech_tag == "leech", "cards_leeches (schema.cpp) names the tag");
    Query query(*this, "SELECT " ROLECALL_CARD_COLUMNS
                       "WHERE c.retired = 0 AND instr(' ' || c.tags || ' ', ' leech ') > 0 "
                       "AND (?1 IS NULL OR c.deck_id = ?1) ORDER BY c.lapses DESC, c.ease, c.id");
    query.bind(1, deck);
    std::vector<CardRecord> cards;
    while (query.step()) cards.push_back(read_card(query));
    return cards;
}

std::vector<ChoiceCount> Storage::choice_counts(DeckFilter deck, std::optional<Day> since) {
    Query query(*this,
                "SELECT expected, chosen, sum(answers), deck_id FROM choice_days "
                "WHERE (?1 IS NULL OR deck_id = ?1) AND (?2 IS NULL OR day >= ?2) "
                "GROUP BY deck_id, expected, chosen HAVING sum(answers) > 0");
    query.bind(1, deck).bind(2, since);
    std::vector<ChoiceCount> rows;
    while (query.step()) rows.push_back(ChoiceCount{query.text(0), query.text(1), query.integer(2), query.int64(3)});
    return rows;
}

std::vector<std::string> Storage::category_names(DeckFilter deck) {
    Query query(*this,
                "SELECT name FROM categories WHERE (?1 IS NULL OR deck_id = ?1) "
                "GROUP BY name ORDER BY min(deck_id), min(position)");
    query.bind(1, deck);
    std::vector<std::string> names;
    while (query.step()) names.push_back(query.text(0));
    return names;
}

void Storage::snapshot_due(Day day) {
    Query query(*this,
                // Only decks without today's snapshot are counted: after the first session of the day,
                // starting a review costs nothing here.
                "INSERT INTO due_snapshots (day, deck_id, due) "
                "SELECT ?1, d.id, (SELECT count(*) FROM cards c INDEXED BY cards_by_deck WHERE c.deck_id = d.id "
                "AND c.due IS NOT NULL AND c.due <= ?1 AND c.suspended = 0 AND c.retired = 0) FROM decks d "
                "WHERE NOT EXISTS (SELECT 1 FROM due_snapshots s WHERE s.day = ?1 AND s.deck_id = d.id)");
    query.bind(1, day).run();
}

std::vector<std::pair<Day, int>> Storage::due_snapshots(DeckFilter deck, std::optional<Day> since) {
    Query query(*this,
                "SELECT day, sum(due) FROM due_snapshots WHERE (?1 IS NULL OR deck_id = ?1) "
                "AND (?2 IS NULL OR day >= ?2) GROUP BY day ORDER BY day");
    query.bind(1, deck).bind(2, since);
    std::vector<std::pair<Day, int>> rows;
    while (query.step()) rows.emplace_back(*query.day(0), query.integer(1));
    return rows;
}

std::vector<GradeTally> Storage::grade_tallies(DeckFilter deck) {
    // A time under half a second is no answer a person gave (a script's); one over a minute is a
    // learner gone away, counted as a minute, as Anki caps it.
    Query query(
        *this,
        "SELECT due_before IS NULL AS first, grade, count(*), sum(response_ms >= ?2), "
        "sum(CASE WHEN response_ms >= ?2 THEN min(response_ms, ?3) ELSE 0 END) FROM reviews "
        "WHERE undone = 0 AND drill = 0 AND (?1 IS NULL OR deck_id = ?1) GROUP BY first, grade ORDER BY first, grade");
    query.bind(1, deck).bind(2, 500).bind(3, 60000);
    std::vector<GradeTally> rows;
    while (query.step()) {
        rows.push_back(
            GradeTally{query.integer(0) != 0, query.integer(1), query.integer(2), query.integer(3), query.int64(4)});
    }
    return rows;
}

// ---- exports

void Storage::for_each_card(DeckFilter deck, const std::function<void(const CardRecord&)>& visit) {
    Query query(*this, "SELECT " ROLECALL_CARD_COLUMNS "WHERE (?1 IS NULL OR c.deck_id = ?1) ORDER BY c.id");
    query.bind(1, deck);
    while (query.step()) visit(read_card(query));
}

void Storage::for_each_review(DeckFilter deck, std::optional<Day> since,
                              const std::function<void(const ReviewRecord&)>& visit) {
    Query query(*this, "SELECT " ROLECALL_REVIEW_COLUMNS
                       "FROM reviews r "
                       "WHERE r.undone = 0 AND (?1 IS NULL OR r.deck_id = ?1) AND (?2 IS NULL OR r.day >= ?2) "
                       "ORDER BY r.id");
    query.bind(1, deck).bind(2, since);
    while (query.step()) visit(read_review(query));
}

}  // namespace rolecall
