// Notes and cards: inserts, text updates, retirement and the identity tracking of an import.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>

namespace rolecall {

bool Storage::deck_has_notes(Id deck) {
    Query query(*this, "SELECT EXISTS (SELECT 1 FROM notes WHERE deck_id = ?1)");
    query.bind(1, deck);
    return query.step() && query.boolean(0);
}

std::vector<StoredCard> Storage::cards_of_note(Id note) {
    Query query(*this, "SELECT " ROLECALL_STORED_CARD_COLUMNS "WHERE c.note_id = ?1 ORDER BY c.id");
    query.bind(1, note);
    std::vector<StoredCard> cards;
    while (query.step()) cards.push_back(read_stored_card(query));
    return cards;
}

std::optional<StoredNote> Storage::note_by_key(Id deck, const std::string& key) {
    Query query(*this, "SELECT id, key, category, fact, retired, shows FROM notes WHERE deck_id = ?1 AND key = ?2");
    query.bind(1, deck).bind(2, key);
    if (!query.step()) return std::nullopt;
    return StoredNote{query.int64(0), query.text(1),    query.text(2),
                      query.text(3),  query.boolean(4), split_choices(query.text(5))};
}

// The one statement that writes a card's scheduling state: answers, undo and imports all go through it.
void Storage::set_card_state(Id card, const CardState& state) {
    Query query(*this,
                "UPDATE cards SET repetitions = ?2, ease = ?3, interval_days = ?4, due = ?5, lapses = ?6, "
                "sm2_interval = ?7, stability = ?8, difficulty = ?9 WHERE id = ?1");
    query.bind(1, card).bind(2, state.repetitions).bind(3, state.ease).bind(4, state.interval_days);
    query.bind(5, state.due).bind(6, state.lapses);
    bind_state_extras(query, 7, state);
    query.run();
}

Id Storage::start_note_tracking() {
    exec("CREATE TEMP TABLE IF NOT EXISTS import_seen (note_id INTEGER PRIMARY KEY)");
    {
        Query query(*this, "DELETE FROM import_seen");
        query.run();
    }
    // Notes inserted from here on have larger ids: they count as seen without a row in import_seen,
    // which keeps a large first import to one insert per note and card.
    Query query(*this, "SELECT coalesce(max(id), 0) + 1 FROM notes");
    m_first_new_note = query.step() ? query.int64(0) : 1;
    return m_first_new_note;
}

bool Storage::mark_note_seen(Id note) {
    if (note >= m_first_new_note) return false;  // inserted by this import: seen already
    Query query(*this, "INSERT OR IGNORE INTO import_seen (note_id) VALUES (?1)");
    query.bind(1, note).run();
    return sqlite3_changes(m_db) > 0;
}

int Storage::retire_unseen_notes(Id deck) {
    {
        Query query(*this,
                    "UPDATE notes SET retired = 1 WHERE deck_id = ?1 AND retired = 0 AND id < ?2 "
                    "AND id NOT IN (SELECT note_id FROM import_seen)");
        query.bind(1, deck).bind(2, m_first_new_note).run();
    }
    Query query(*this,
                "UPDATE cards SET retired = 1 WHERE deck_id = ?1 AND retired = 0 AND note_id < ?2 "
                "AND note_id NOT IN (SELECT note_id FROM import_seen)");
    query.bind(1, deck).bind(2, m_first_new_note).run();
    return sqlite3_changes(m_db);
}

std::optional<Id> Storage::insert_note_if_new(Id deck, const NoteDraft& note) {
    Query query(*this,
                "INSERT INTO notes (deck_id, key, category, fact, shows) VALUES (?1, ?2, ?3, ?4, ?5) "
                "ON CONFLICT (deck_id, key) DO NOTHING");
    const std::string shows = join_choices(note.shows);
    query.bind(1, deck).bind_static(2, note.key).bind_static(3, note.category).bind_static(4, note.fact);
    query.bind_static(5, shows).run();
    if (sqlite3_changes(m_db) == 0) return std::nullopt;
    return sqlite3_last_insert_rowid(m_db);
}

void Storage::update_note(Id note, const NoteDraft& text, bool retired) {
    Query query(*this, "UPDATE notes SET category = ?2, fact = ?3, retired = ?4, shows = ?5 WHERE id = ?1");
    query.bind(1, note).bind(2, text.category).bind(3, text.fact).bind(4, retired);
    query.bind(5, join_choices(text.shows)).run();
}

Id Storage::insert_card(Id deck, Id note, const CardDraft& card, std::int64_t new_rank) {
    Query query(
        *this,
        "INSERT INTO cards (note_id, deck_id, view, kind, front, back, choices, answer, explanation, "
        "new_rank, tags, choice_roles, why_not) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    const std::string choices = join_choices(card.choices);
    const std::string roles = join_choices(card.choice_roles);
    const std::string why_not = join_choices(card.why_not);
    query.bind(1, note).bind(2, deck).bind_static(3, card.view).bind_static(4, to_string(card.kind));
    query.bind_static(5, card.front).bind_static(6, card.back).bind_static(7, choices).bind_static(8, card.answer);
    query.bind_static(9, card.explanation).bind(10, new_rank).bind_static(11, card.tags);
    query.bind_static(12, roles).bind_static(13, why_not).run();
    const Id id = sqlite3_last_insert_rowid(m_db);
    if (m_bulk_cards >= 0 && ++m_bulk_cards > m_bulk_drop_after && !m_rank_index_dropped) {
        exec("DROP INDEX cards_by_new_rank");  // BulkImport::finish() builds it again
        m_rank_index_dropped = true;
    }
    return id;
}

void Storage::update_card_text(Id card, const CardDraft& text) {
    Query query(*this,
                "UPDATE cards SET kind = ?2, front = ?3, back = ?4, choices = ?5, answer = ?6, "
                "explanation = ?7, tags = ?8, choice_roles = ?9, why_not = ?10 WHERE id = ?1");
    query.bind(1, card).bind(2, to_string(text.kind)).bind(3, text.front).bind(4, text.back);
    query.bind(5, join_choices(text.choices)).bind(6, text.answer).bind(7, text.explanation).bind(8, text.tags);
    query.bind(9, join_choices(text.choice_roles)).bind(10, join_choices(text.why_not)).run();
}

void Storage::set_card_retired(Id card, bool retired) {
    Query query(*this, "UPDATE cards SET retired = ?2 WHERE id = ?1");
    query.bind(1, card).bind(2, retired).run();
}

// ---- bulk imports

Storage::BulkImport::BulkImport(Storage& storage) : m_storage(storage) {
    // The pragma is a no-op inside a transaction: an import nested in one keeps row-by-row checks.
    if (sqlite3_get_autocommit(m_storage.m_db) != 0) {
        m_storage.exec("PRAGMA foreign_keys = OFF");
        m_foreign_keys_off = true;
    }
}

Storage::BulkImport::~BulkImport() {
    // The transaction has ended by now: a rollback brought back any index the import dropped.
    m_storage.m_bulk_cards = -1;
    m_storage.m_rank_index_dropped = false;
    if (m_foreign_keys_off) sqlite3_exec(m_storage.m_db, "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
}

void Storage::BulkImport::begin() {
    {
        Query query(m_storage, "SELECT coalesce(max(id), 0) + 1 FROM cards");
        m_storage.m_first_new_card = query.step() ? query.int64(0) : 1;
    }
    // Cards a large import adds to cards_by_new_rank land at random places (the rank is a hash), so
    // once the index outgrows SQLite's page cache every insert rewrites pages already spilled to the
    // log. Past max(20,000, the entries it holds now) added cards, insert_card() drops the index, and
    // finish() builds it again in one sorted pass.
    Query query(m_storage, "SELECT count(*) FROM cards WHERE due IS NULL AND suspended = 0 AND retired = 0");
    m_storage.m_bulk_drop_after = std::max<std::int64_t>(20000, query.step() ? query.int64(0) : 0);
    m_storage.m_bulk_cards = 0;
    // The cards this import adds stay out of the full-text index: the mark says so, and the first
    // search that needs them adds them in one statement (index_pending_text()). A mark left by an
    // earlier import stays where it is, or comes down to this one's first card if every card above
    // it has gone since. The insert trigger would leave these cards out too; it is dropped while the
    // import runs so that no insert pays for asking.
    {
        Query mark(m_storage,
                   "INSERT INTO cards_text_pending (id, first_card) VALUES (1, ?1) "
                   "ON CONFLICT (id) DO UPDATE SET first_card = min(first_card, excluded.first_card)");
        mark.bind(1, m_storage.m_first_new_card).run();
    }
    m_storage.exec("DROP TRIGGER cards_text_insert");
}

void Storage::BulkImport::finish() {
    if (m_storage.m_rank_index_dropped) {
        // SQLite's sorter holds up to the page cache's size (2 MB) in memory beside the cache itself:
        // a quarter of the cache while the index is built keeps a large import's peak memory near a
        // small one's (100k rows: 10.7 -> 9.4 MiB, against 8.4 MiB for 10k; no slower).
        std::int64_t cache_size = -2000;
        {
            Query query(m_storage, "PRAGMA cache_size");
            if (query.step()) cache_size = query.int64(0);
        }
        m_storage.exec("PRAGMA cache_size = -512");
        m_storage.exec(cards_by_new_rank_sql);
        m_storage.exec(fmt::format("PRAGMA cache_size = {}", cache_size).c_str());
        m_storage.m_rank_index_dropped = false;
    }
    m_storage.m_bulk_cards = -1;
    m_storage.exec(ROLECALL_CARDS_TEXT_INSERT_TRIGGER);
    {
        // An import that added no card leaves no mark (unless cards of an earlier one still wait).
        Query unmark(m_storage,
                     "DELETE FROM cards_text_pending WHERE NOT EXISTS (SELECT 1 FROM cards WHERE id >= first_card)");
        unmark.run();
    }
    // An import inserts notes and cards (rowids above the marks taken at the start; a note's mark is
    // start_note_tracking()'s) and a fact deck's categories; updates never change a reference. So
    // those rows are all there is to check, and the cost follows the import's size, not the
    // collection's. NOT IN (SELECT id ...) is a rowid search per row, as in PRAGMA foreign_key_check.
    Query query(m_storage,
                "SELECT 1 FROM notes WHERE id >= ?1 AND deck_id NOT IN (SELECT id FROM decks) "
                "UNION ALL SELECT 1 FROM cards WHERE id >= ?2 AND (deck_id NOT IN (SELECT id FROM decks) "
                "OR note_id NOT IN (SELECT id FROM notes)) "
                "UNION ALL SELECT 1 FROM categories WHERE deck_id NOT IN (SELECT id FROM decks) LIMIT 1");
    query.bind(1, m_storage.m_first_new_note).bind(2, m_storage.m_first_new_card);
    if (query.step()) {
        throw Error(fmt::format("{}: the import made rows that point nowhere (a bug); nothing was changed",
                                m_storage.path().string()));
    }
}

}  // namespace rolecall
