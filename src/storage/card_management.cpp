// Everyday card management: searching cards (the full-text index cards_text, kept by triggers and
// brought up to date after an import by the first search that reads it), one
// card's history, suspending, burying, editing the text, and renaming and deleting decks.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

namespace rolecall {

namespace {

std::string json_strings(const std::vector<std::string>& items) {
    std::string out = "[";
    for (std::size_t i = 0; i < items.size(); ++i) {
        out += i ? ",\"" : "\"";
        for (char c : items[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + ']';
}

}  // namespace

void Storage::index_pending_text() {
    {
        Query pending(*this, "SELECT 1 FROM cards_text_pending");
        if (!pending.step()) return;
    }
    // Read again inside the write transaction: another rolecall may have done it meanwhile.
    Transaction transaction(*this);
    {
        Query index(*this,
                    "INSERT INTO cards_text (rowid, front, back) SELECT id, front, back FROM cards "
                    "WHERE id >= (SELECT first_card FROM cards_text_pending)");
        index.run();
    }
    exec("DELETE FROM cards_text_pending");
    transaction.commit();
}

void Storage::search_cards(const CardSearch& search, Day today, int limit,
                           const std::function<void(const CardRecord&)>& visit) {
    if (!search.match.empty() || !search.exclude.empty()) index_pending_text();
    // One statement for every query: each condition is off when its parameter says so, and the
    // full-text conditions read the index only when there are words to look up.
    Query query(*this, "SELECT " ROLECALL_CARD_COLUMNS
                       "WHERE (?1 = '' OR c.id IN (SELECT rowid FROM cards_text WHERE cards_text MATCH ?1)) "
                       "AND (?2 = '' OR c.id NOT IN (SELECT rowid FROM cards_text WHERE cards_text MATCH ?2)) "
                       "AND (?3 = 0 OR c.deck_id IN (SELECT value FROM json_each(?4))) "
                       "AND NOT EXISTS (SELECT 1 FROM json_each(?5) t "
                       "    WHERE instr(' ' || lower(c.tags) || ' ', ' ' || t.value || ' ') = 0) "
                       "AND (?6 IS NULL OR (CASE WHEN c.kind = 'choice' AND c.view = 'contrast' THEN 'contrast' "
                       "    ELSE c.kind END) = ?6) "
                       "AND (?7 = 0 OR (c.due IS NOT NULL AND c.due <= ?8 AND c.suspended = 0 "
                       "    AND (c.buried_until IS NULL OR c.buried_until <= ?8))) "
                       "AND (?9 = 0 OR c.due IS NULL) AND (?10 = 0 OR c.suspended = 1) "
                       "AND (?11 = 0 OR c.buried_until > ?8) AND c.retired = ?12 "
                       "AND c.lapses BETWEEN ?13 AND ?14 AND c.interval_days BETWEEN ?15 AND ?16 "
                       "AND (?17 IS NULL OR c.due >= ?17) AND (?18 IS NULL OR c.due <= ?18) "
                       "ORDER BY c.id LIMIT ?19");
    query.bind(1, search.match).bind(2, search.exclude);
    query.bind(3, !search.decks.empty()).bind(4, json_ids(search.deck_ids)).bind(5, json_strings(search.tags));
    if (search.kind) query.bind(6, std::string(to_string(*search.kind)));
    query.bind(7, search.due).bind(8, today).bind(9, search.fresh).bind(10, search.suspended);
    query.bind(11, search.buried).bind(12, search.retired);
    query.bind(13, search.lapses_min).bind(14, search.lapses_max);
    query.bind(15, search.interval_min).bind(16, search.interval_max);
    query.bind(17, search.due_from).bind(18, search.due_to).bind(19, limit);
    try {
        while (query.step()) visit(read_card(query));
    } catch (const Error& e) {
        // FTS5 refuses a few expressions our quoting cannot rule out: say so as a query problem.
        if (std::string(sqlite3_errmsg(m_db)).find("fts5") != std::string::npos) {
            throw Error(fmt::format("cards query: the search words cannot be looked up ({}); use plain words",
                                    sqlite3_errmsg(m_db)),
                        ExitCode::usage);
        }
        throw;
    }
}

std::vector<Id> Storage::missing_cards(const std::vector<Id>& ids) {
    Query query(*this, "SELECT value FROM json_each(?1) WHERE value NOT IN (SELECT id FROM cards)");
    query.bind(1, json_ids(ids));
    return collect_ids(query);
}

std::vector<ReviewRecord> Storage::reviews_of_card(Id card) {
    Query query(*this, "SELECT " ROLECALL_REVIEW_COLUMNS
                       "FROM reviews r WHERE r.card_id = ?1 AND r.undone = 0 "
                       "ORDER BY r.id");
    query.bind(1, card);
    std::vector<ReviewRecord> reviews;
    while (query.step()) reviews.push_back(read_review(query));
    return reviews;
}

std::vector<CardEdit> Storage::edits_of_card(Id card) {
    Query query(*this, "SELECT day, front_before, back_before FROM card_edits WHERE card_id = ?1 ORDER BY id");
    query.bind(1, card);
    std::vector<CardEdit> edits;
    while (query.step()) edits.push_back(CardEdit{*query.day(0), query.text(1), query.text(2)});
    return edits;
}

int Storage::set_suspended(const std::vector<Id>& cards, bool suspended) {
    Transaction transaction(*this);
    Query query(*this,
                "UPDATE cards SET suspended = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND suspended <> ?2");
    query.bind(1, json_ids(cards)).bind(2, suspended).run();
    const int changed = sqlite3_changes(m_db);
    transaction.commit();
    return changed;
}

int Storage::bury(const std::vector<Id>& cards, Day until) {
    Transaction transaction(*this);
    Query query(*this,
                "UPDATE cards SET buried_until = ?2 WHERE id IN (SELECT value FROM json_each(?1)) "
                "AND (buried_until IS NULL OR buried_until < ?2)");
    query.bind(1, json_ids(cards)).bind(2, until).run();
    const int changed = sqlite3_changes(m_db);
    transaction.commit();
    return changed;
}

void Storage::edit_card(Id card, const std::string& front, const std::string& back, const std::string& tags, Day day) {
    // The text before goes to card_edits first; the schedule and the answers stay as they are.
    Query log(*this,
              "INSERT INTO card_edits (card_id, day, front_before, back_before) "
              "SELECT id, ?2, front, back FROM cards WHERE id = ?1");
    log.bind(1, card).bind(2, day).run();
    Query query(*this, "UPDATE cards SET front = ?2, back = ?3, tags = ?4 WHERE id = ?1");
    query.bind(1, card).bind(2, front).bind(3, back).bind(4, tags).run();
}

void Storage::rename_deck(Id deck, const std::string& name) {
    Query query(*this, "UPDATE decks SET name = ?2 WHERE id = ?1");
    query.bind(1, deck).bind(2, name).run();
}

void Storage::delete_deck(Id deck) {
    // Children first: everything that points at the deck's cards, then the cards, notes and deck.
    // The card_text triggers take each card out of the search index in the same transaction.
    static constexpr const char* statements[] = {
        "DELETE FROM card_edits WHERE card_id IN (SELECT id FROM cards WHERE deck_id = ?1)",
        "DELETE FROM reviews WHERE deck_id = ?1",
        "DELETE FROM review_days WHERE deck_id = ?1",
        "DELETE FROM choice_days WHERE deck_id = ?1",
        "DELETE FROM due_snapshots WHERE deck_id = ?1",
        "DELETE FROM checkup_answers WHERE checkup_id IN (SELECT id FROM checkups WHERE deck_id = ?1)",
        "DELETE FROM checkups WHERE deck_id = ?1",
        "DELETE FROM checkup_questions WHERE deck_id = ?1",
        "DELETE FROM categories WHERE deck_id = ?1",
        "DELETE FROM cards WHERE deck_id = ?1",
        "DELETE FROM notes WHERE deck_id = ?1",
        "DELETE FROM decks WHERE id = ?1",
    };
    for (const char* sql : statements) {
        Query query(*this, sql);
        query.bind(1, deck).run();
    }
}

}  // namespace rolecall
