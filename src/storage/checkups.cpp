// The held-out checkup: a fact deck's question pool, and every checkup taken with its answers. The
// pool lives in its own table, apart from cards, so no review query can ever reach a question.
#include "storage_internal.hpp"

#include <sqlite3.h>

namespace rolecall {

void Storage::replace_checkup_questions(Id deck, const std::vector<CheckupQuestion>& questions) {
    Transaction transaction(*this);
    {
        Query query(*this, "DELETE FROM checkup_questions WHERE deck_id = ?1");
        query.bind(1, deck).run();
    }
    int position = 0;
    for (const auto& question : questions) {
        Query query(*this,
                    "INSERT INTO checkup_questions (deck_id, key, position, front, choices, answer, explanation, "
                    "why_not) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        query.bind(1, deck).bind(2, question.key).bind(3, position++).bind(4, question.front);
        query.bind(5, join_choices(question.choices)).bind(6, question.answer).bind(7, question.explanation);
        query.bind(8, join_choices(question.why_not)).run();
    }
    transaction.commit();
}

std::vector<CheckupQuestion> Storage::checkup_questions(Id deck) {
    Query query(*this,
                "SELECT key, front, choices, answer, explanation, why_not FROM checkup_questions "
                "WHERE deck_id = ?1 ORDER BY position");
    query.bind(1, deck);
    std::vector<CheckupQuestion> questions;
    while (query.step()) {
        questions.push_back(CheckupQuestion{query.text(0), query.text(1), split_choices(query.text(2)), query.text(3),
                                            query.text(4), split_choices(query.text(5))});
    }
    return questions;
}

std::map<std::string, int> Storage::checkup_times_asked(Id deck) {
    Query query(*this,
                "SELECT a.question_key, count(*) FROM checkup_answers a JOIN checkups k ON k.id = a.checkup_id "
                "WHERE k.deck_id = ?1 GROUP BY a.question_key");
    query.bind(1, deck);
    std::map<std::string, int> counts;
    while (query.step()) counts[query.text(0)] = query.integer(1);
    return counts;
}

Id Storage::start_checkup(Id deck, Day day, const std::string& taken_at, int asked) {
    Query query(*this,
                "INSERT INTO checkups (deck_id, day, taken_at, asked, score, total) VALUES (?1, ?2, ?3, ?4, 0, 0)");
    query.bind(1, deck).bind(2, day).bind(3, taken_at).bind(4, asked).run();
    return sqlite3_last_insert_rowid(m_db);
}

void Storage::record_checkup_answer(Id checkup, const std::string& question_key, const std::string& expected,
                                    const std::string& chosen, int response_ms) {
    Transaction transaction(*this);
    {
        Query query(*this,
                    "INSERT INTO checkup_answers (checkup_id, question_key, expected, chosen, response_ms) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)");
        query.bind(1, checkup).bind(2, question_key).bind(3, expected).bind(4, chosen).bind(5, response_ms).run();
    }
    Query query(*this, "UPDATE checkups SET score = score + ?2, total = total + 1 WHERE id = ?1");
    query.bind(1, checkup).bind(2, expected == chosen).run();
    transaction.commit();
}

std::vector<CheckupScore> Storage::checkup_scores(DeckFilter deck) {
    Query query(*this,
                "SELECT k.day, d.name, k.score, k.total FROM checkups k JOIN decks d ON d.id = k.deck_id "
                "WHERE k.total > 0 AND (?1 IS NULL OR k.deck_id = ?1) ORDER BY k.day, k.id");
    query.bind(1, deck);
    std::vector<CheckupScore> scores;
    while (query.step())
        scores.push_back(CheckupScore{*query.day(0), query.text(1), query.integer(2), query.integer(3)});
    return scores;
}

}  // namespace rolecall
