// The review log: recording an answer with the card's new state, undoing it, and the per-day
// aggregates kept in step with both.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/scheduling/leech.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace rolecall {

namespace {

// A card's tags and whether it is suspended: what a leech changes beside the SM-2 state.
struct CardFlags {
    std::string tags;
    bool suspended = false;
};

CardFlags read_flags(Storage& storage, Id card) {
    Query query(storage, "SELECT tags, suspended FROM cards WHERE id = ?1");
    query.bind(1, card);
    if (!query.step()) throw Error(fmt::format("card {} is not in the collection", card));
    return CardFlags{query.text(0), query.boolean(1)};
}

void write_flags(Storage& storage, Id card, const CardFlags& flags) {
    Query query(storage, "UPDATE cards SET tags = ?2, suspended = ?3 WHERE id = ?1");
    query.bind(1, card).bind(2, flags.tags).bind(3, flags.suspended).run();
}

}  // namespace

std::optional<Id> Storage::record_answer(const ReviewRecord& answer) {
    LeechChange unused;
    return record_answer(answer, LeechMark{}, unused);
}

std::optional<Id> Storage::record_answer(const ReviewRecord& answer, const LeechMark& leech, LeechChange& changed) {
    changed = {};
    Transaction transaction(*this);
    if (!answer.drill) {
        // Checked inside the write transaction, so no other process can slip in between.
        Query query(*this, "SELECT " ROLECALL_STATE_COLUMNS " FROM cards WHERE id = ?1");
        query.bind(1, answer.card_id);
        if (!query.step()) throw Error(fmt::format("card {} is not in the collection", answer.card_id));
        if (read_state(query, 0, 5) != answer.before) return std::nullopt;
    }
    {
        Query query(*this,
                    "INSERT INTO reviews (card_id, day, answered_at, grade, drill, response_ms, chosen, "
                    "reps_before, ease_before, interval_before, due_before, lapses_before, "
                    "reps_after, ease_after, interval_after, due_after, lapses_after, "
                    "sm2_interval_before, stability_before, difficulty_before, "
                    "sm2_interval_after, stability_after, difficulty_after, source, deck_id, expected, uid) "
                    "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                    "?18, ?19, ?20, ?21, ?22, ?23, ?24, "
                    "c.deck_id, CASE WHEN c.kind = 'choice' THEN c.answer ELSE '' END, "
                    // Unique on every device (sync): 96 random bits, or where it came from.
                    "coalesce(?24, lower(hex(randomblob(12)))) FROM cards c WHERE c.id = ?1");
        query.bind(1, answer.card_id).bind(2, answer.day).bind(3, answer.answered_at).bind(4, answer.grade);
        query.bind(5, answer.drill).bind(6, answer.response_ms).bind(7, answer.chosen);
        query.bind(8, answer.before.repetitions).bind(9, answer.before.ease).bind(10, answer.before.interval_days);
        query.bind(11, answer.before.due).bind(12, answer.before.lapses);
        query.bind(13, answer.after.repetitions).bind(14, answer.after.ease).bind(15, answer.after.interval_days);
        query.bind(16, answer.after.due).bind(17, answer.after.lapses);
        bind_state_extras(query, 18, answer.before);
        bind_state_extras(query, 21, answer.after);
        if (answer.source.empty()) {
            query.bind_null(24);
        } else {
            query.bind(24, answer.source);
        }
        query.run();
    }
    Id review = sqlite3_last_insert_rowid(m_db);
    add_to_aggregates(review, +1);
    if (!answer.drill) {
        set_card_state(answer.card_id, answer.after);
        if (leech.tag || leech.suspend) {
            CardFlags flags = read_flags(*this, answer.card_id);
            changed.tagged = leech.tag && !has_tag(flags.tags, leech_tag);
            changed.suspended = leech.suspend && !flags.suspended;
            if (changed.tagged) flags.tags = with_tag(flags.tags, leech_tag);
            if (changed.suspended) flags.suspended = true;
            if (changed.any()) write_flags(*this, answer.card_id, flags);
        }
    }
    transaction.commit();
    return review;
}

Id Storage::undo_answer(Id review_id, const LeechChange& leech) {
    Transaction transaction(*this);
    ReviewRecord review;
    {
        Query query(*this, "SELECT " ROLECALL_REVIEW_COLUMNS "FROM reviews r WHERE r.id = ?1 AND r.undone = 0");
        query.bind(1, review_id);
        if (!query.step()) throw Error(fmt::format("answer {} is not in the log or was already undone", review_id));
        review = read_review(query);
    }
    {
        Query query(*this, "SELECT count(*) FROM reviews WHERE card_id = ?1 AND id > ?2 AND undone = 0");
        query.bind(1, review.card_id).bind(2, review_id);
        if (query.step() && query.integer(0) > 0)
            throw Error("a later answer to the same card is in the log; undo that one first");
    }
    add_to_aggregates(review_id, -1);
    {
        Query query(*this, "UPDATE reviews SET undone = 1 WHERE id = ?1");
        query.bind(1, review_id).run();
    }
    if (!review.drill) {
        set_card_state(review.card_id, review.before);
        if (leech.any()) {
            CardFlags flags = read_flags(*this, review.card_id);
            if (leech.tagged) flags.tags = without_tag(flags.tags, leech_tag);
            if (leech.suspended) flags.suspended = false;
            write_flags(*this, review.card_id, flags);
        }
    }
    transaction.commit();
    return review.card_id;
}

std::vector<CardHistory> Storage::card_histories(Id deck, std::optional<Day> answered_since) {
    // Two forms of each statement, not one with "?2 IS NULL OR ...": given that disjunction SQLite
    // plans for the whole deck and scans every card and the whole log once per deck (1.6 s for
    // stats at 100k cards under FSRS). With a day, the cards answered since (reviews_by_day finds
    // them) lead, and their logs are searched by card.
    const bool since = answered_since.has_value();
    std::vector<CardHistory> histories;
    {
        Query query(*this, since ? "SELECT id, " ROLECALL_STATE_COLUMNS
                                   " FROM cards WHERE deck_id = ?1 AND due IS NOT NULL AND id IN "
                                   "(SELECT card_id FROM reviews WHERE day >= ?2 AND deck_id = ?1) ORDER BY id"
                                 : "SELECT id, " ROLECALL_STATE_COLUMNS
                                   " FROM cards WHERE deck_id = ?1 AND due IS NOT NULL ORDER BY id");
        query.bind(1, deck);
        if (since) query.bind(2, answered_since);
        while (query.step()) {
            CardHistory history;
            history.card = query.int64(0);
            history.state = read_state(query, 1, 6);
            history.start = history.state;
            histories.push_back(std::move(history));
        }
    }
    // One pass over the log in card order, matched to the cards above by a moving index.
#define ROLECALL_HISTORY_COLUMNS                                                                         \
    "SELECT card_id, day, grade, reps_before, ease_before, interval_before, due_before, lapses_before, " \
    "sm2_interval_before, stability_before, difficulty_before FROM reviews "
    Query query(*this, since ? ROLECALL_HISTORY_COLUMNS
                           "WHERE card_id IN (SELECT card_id FROM reviews WHERE day >= ?2 AND deck_id = ?1) "
                           "AND deck_id = ?1 AND undone = 0 AND drill = 0 ORDER BY card_id, id"
                             : ROLECALL_HISTORY_COLUMNS
                           "WHERE deck_id = ?1 AND undone = 0 AND drill = 0 ORDER BY card_id, id");
#undef ROLECALL_HISTORY_COLUMNS
    query.bind(1, deck);
    if (since) query.bind(2, answered_since);
    std::size_t at = 0;
    while (query.step()) {
        const Id card = query.int64(0);
        while (at < histories.size() && histories[at].card < card) ++at;
        if (at == histories.size()) break;
        if (histories[at].card != card) continue;  // a card reset to new since, or moved to another deck
        CardHistory& history = histories[at];
        if (history.answers.empty()) history.start = read_state(query, 3, 8);
        history.answers.push_back(LoggedAnswer{*query.day(1), query.integer(2)});
    }
    return histories;
}

void Storage::set_card_states(const std::vector<std::pair<Id, CardState>>& states) {
    Transaction transaction(*this);
    for (const auto& [card, state] : states) set_card_state(card, state);
    transaction.commit();
}

namespace {

// The interval bucket of the card an answer was given to, and whether the answer passed: the rules of
// model.hpp (interval_bucket(), passing_grade), bound into the SQL as ?10..?15 rather than restated.
#define ROLECALL_BUCKET_OF_ANSWER                                                                         \
    "CASE WHEN due_before IS NULL THEN 0 WHEN interval_before <= ?11 THEN 1 WHEN interval_before <= ?12 " \
    "THEN 2 WHEN interval_before <= ?13 THEN 3 WHEN interval_before <= ?14 THEN 4 "                       \
    "WHEN interval_before <= ?15 THEN 5 ELSE 6 END"
#define ROLECALL_ANSWER_PASSED "(grade >= ?10)"

void bind_grading_rules(Query& query) {
    static_assert(interval_bucket_max.size() == 7, "ROLECALL_BUCKET_OF_ANSWER names buckets 0..6");
    query.bind(10, passing_grade);
    for (int b = 1; b <= 5; ++b) query.bind(10 + b, interval_bucket_max[static_cast<std::size_t>(b)]);
}

}  // namespace

void Storage::add_to_aggregates(Id review, int sign) {
    {
        Query query(*this,
                    "INSERT INTO review_days (day, deck_id, bucket, reviews, correct, drills, response_ms) "
                    "SELECT day, deck_id, " ROLECALL_BUCKET_OF_ANSWER
                    ", ?2 * (drill = 0), "
                    "?2 * (drill = 0 AND " ROLECALL_ANSWER_PASSED
                    "), ?2 * drill, ?2 * response_ms FROM reviews "
                    "WHERE id = ?1 "
                    "ON CONFLICT (day, deck_id, bucket) DO UPDATE SET reviews = reviews + excluded.reviews, "
                    "correct = correct + excluded.correct, drills = drills + excluded.drills, "
                    "response_ms = response_ms + excluded.response_ms");
        query.bind(1, review).bind(2, sign);
        bind_grading_rules(query);
        query.run();
    }
    Query query(*this,
                "INSERT INTO choice_days (day, deck_id, expected, chosen, answers) "
                "SELECT day, deck_id, expected, chosen, ?2 FROM reviews WHERE id = ?1 AND chosen <> '' AND drill = 0 "
                "ON CONFLICT (day, deck_id, expected, chosen) DO UPDATE SET answers = answers + excluded.answers");
    query.bind(1, review).bind(2, sign).run();
}

// The aggregates of the answers `where` selects (a condition on reviews), counted afresh.
#define ROLECALL_REVIEW_DAYS_FROM_LOG(where)                                                                \
    "INSERT INTO review_days (day, deck_id, bucket, reviews, correct, drills, response_ms) "                \
    "SELECT day, deck_id, " ROLECALL_BUCKET_OF_ANSWER                                                       \
    " AS bucket, sum(drill = 0), "                                                                          \
    "sum(drill = 0 AND " ROLECALL_ANSWER_PASSED "), sum(drill), sum(response_ms) FROM reviews WHERE " where \
    " GROUP BY day, deck_id, bucket"
#define ROLECALL_CHOICE_DAYS_FROM_LOG(where)                                                                   \
    "INSERT INTO choice_days (day, deck_id, expected, chosen, answers) "                                       \
    "SELECT day, deck_id, expected, chosen, count(*) FROM reviews WHERE drill = 0 AND chosen <> '' AND " where \
    " GROUP BY day, deck_id, expected, chosen"

void Storage::rebuild_aggregates() {
    Transaction transaction(*this);
    exec("DELETE FROM review_days; DELETE FROM choice_days");
    {
        Query query(*this, ROLECALL_REVIEW_DAYS_FROM_LOG("undone = 0"));
        bind_grading_rules(query);
        query.run();
    }
    Query query(*this, ROLECALL_CHOICE_DAYS_FROM_LOG("undone = 0"));
    query.run();
    transaction.commit();
}

void Storage::rebuild_aggregates(const std::set<std::pair<Day, Id>>& days) {
    // Each (day, deck) through reviews_by_day: a day's sync reads its days' answers, not the log.
    for (const auto& [day, deck] : days) {
        {
            Query query(*this, "DELETE FROM review_days WHERE day = ?1 AND deck_id = ?2");
            query.bind(1, day).bind(2, deck).run();
        }
        {
            Query query(*this, "DELETE FROM choice_days WHERE day = ?1 AND deck_id = ?2");
            query.bind(1, day).bind(2, deck).run();
        }
        {
            Query query(*this, ROLECALL_REVIEW_DAYS_FROM_LOG("undone = 0 AND day = ?1 AND deck_id = ?2"));
            query.bind(1, day).bind(2, deck);
            bind_grading_rules(query);
            query.run();
        }
        Query query(*this, ROLECALL_CHOICE_DAYS_FROM_LOG("undone = 0 AND day = ?1 AND deck_id = ?2"));
        query.bind(1, day).bind(2, deck).run();
    }
}

}  // namespace rolecall
