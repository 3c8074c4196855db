// Inside the storage module only: the prepared-statement wrapper every storage file uses, and the
// readers that turn a row into a record. Not part of the public headers.
#pragma once

#include "rolecall/base/day.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/storage/storage.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <cstdint>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

// "RLCL": marks a database as rolecall's, so a foreign SQLite file is recognised and left alone (and
// one handed to the Anki importer is named for what it is).
inline constexpr int rolecall_application_id = 0x524c434c;

// Options of a choice card (and a category's aliases) are stored in one column, joined by the unit
// separator, which no card text can hold (control characters are stripped on the way in).
std::string join_choices(const std::vector<std::string>& choices);
std::vector<std::string> split_choices(const std::string& joined);

// A cached prepared statement in use: binds by position, steps, reads columns, and resets itself
// when it goes out of scope so the cache can hand it out again.
class Query {
public:
    Query(Storage& storage, const char* sql) : m_storage(storage), m_stmt(storage.prepare(sql)) {}
    ~Query() {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;

    Query& bind(int index, std::int64_t value) {
        check(sqlite3_bind_int64(m_stmt, index, value));
        return *this;
    }
    Query& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Query& bind(int index, bool value) { return bind(index, static_cast<std::int64_t>(value ? 1 : 0)); }
    Query& bind(int index, const std::string& value) {
        check(sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT));
        return *this;
    }
    // For text that outlives this Query (the caller's): bound without a copy.
    Query& bind_static(int index, std::string_view value) {
        check(sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC));
        return *this;
    }
    Query& bind(int index, const char* value) { return bind(index, std::string(value)); }
    Query& bind(int index, std::string_view value) { return bind(index, std::string(value)); }
    Query& bind(int index, Day day) { return bind(index, format_day(day)); }
    Query& bind(int index, const std::optional<Day>& day) {
        if (day) return bind(index, *day);
        check(sqlite3_bind_null(m_stmt, index));
        return *this;
    }
    Query& bind_blob(int index, const void* data, int size) {
        check(sqlite3_bind_blob(m_stmt, index, data, size, SQLITE_TRANSIENT));
        return *this;
    }
    Query& bind_null(int index) {
        check(sqlite3_bind_null(m_stmt, index));
        return *this;
    }
    Query& bind(int index, double value) {
        check(sqlite3_bind_double(m_stmt, index, value));
        return *this;
    }
    Query& bind(int index, const std::optional<int>& value) {
        if (value) return bind(index, *value);
        check(sqlite3_bind_null(m_stmt, index));
        return *this;
    }
    Query& bind(int index, const std::optional<double>& value) {
        if (value) return bind(index, *value);
        check(sqlite3_bind_null(m_stmt, index));
        return *this;
    }
    Query& bind(int index, const DeckFilter& deck) {
        if (deck) return bind(index, *deck);
        check(sqlite3_bind_null(m_stmt, index));
        return *this;
    }

    // True while a row is available.
    bool step() {
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        m_storage.fail("running a query");
    }
    void run() {
        while (step()) {}
    }
    // Rows the last INSERT, UPDATE or DELETE of this connection changed.
    int changes() const { return sqlite3_changes(sqlite3_db_handle(m_stmt)); }

    std::int64_t int64(int column) const { return sqlite3_column_int64(m_stmt, column); }
    int integer(int column) const { return sqlite3_column_int(m_stmt, column); }
    double real(int column) const { return sqlite3_column_double(m_stmt, column); }
    std::optional<int> optional_integer(int column) const {
        if (is_null(column)) return std::nullopt;
        return integer(column);
    }
    // Valid until the next step or the end of this Query.
    std::string_view blob(int column) const {
        const void* data = sqlite3_column_blob(m_stmt, column);
        return data ? std::string_view(static_cast<const char*>(data),
                                       static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column)))
                    : std::string_view();
    }
    bool boolean(int column) const { return sqlite3_column_int(m_stmt, column) != 0; }
    int type(int column) const { return sqlite3_column_type(m_stmt, column); }
    bool is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    std::string text(int column) const {
        auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : "";
    }
    std::optional<Day> day(int column) const {
        if (is_null(column)) return std::nullopt;
        auto parsed = parse_day(text(column));
        if (!parsed)
            throw Error(fmt::format("{}: a stored date '{}' is not YYYY-MM-DD; the database is damaged",
                                    m_storage.path().string(), text(column)));
        return parsed;
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) m_storage.fail("binding a value");
    }

    Storage& m_storage;
    sqlite3_stmt* m_stmt;
};
// Columns of a card, in the order read_card() expects; shared by every query that loads cards.
#define ROLECALL_CARD_COLUMNS                                                                               \
    "c.id, c.deck_id, d.name, n.key, c.view, c.kind, c.front, c.back, c.choices, c.answer, c.explanation, " \
    "c.tags, c.repetitions, c.ease, c.interval_days, c.due, c.lapses, c.suspended, c.retired, "             \
    "c.choice_roles, c.why_not, c.note_id, c.buried_until, c.sm2_interval, c.stability, c.difficulty "      \
    "FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id "

// A card's state from five columns, from `first` on: repetitions, ease, interval, due, lapses (the
// order of the cards table, and of the log's before and after columns), and three more from `more`
// on: SM-2's own interval, stability and difficulty (schema 5's columns, NULL where they don't apply).
CardState read_state(const Query& row, int first, int more);
// The three columns read_state() reads from `more`, bound from parameter `first` on.
inline void bind_state_extras(Query& query, int first, const CardState& state) {
    query.bind(first, state.sm2_interval);
    query.bind(first + 1, state.memory ? std::optional<double>(state.memory->stability) : std::nullopt);
    query.bind(first + 2, state.memory ? std::optional<double>(state.memory->difficulty) : std::nullopt);
}
#define ROLECALL_STATE_COLUMNS "repetitions, ease, interval_days, due, lapses, sm2_interval, stability, difficulty"

CardRecord read_card(const Query& row);

#define ROLECALL_REVIEW_COLUMNS                                                          \
    "r.id, r.card_id, r.day, r.answered_at, r.grade, r.drill, r.response_ms, r.chosen, " \
    "r.reps_before, r.ease_before, r.interval_before, r.due_before, r.lapses_before, "   \
    "r.reps_after, r.ease_after, r.interval_after, r.due_after, r.lapses_after, "        \
    "r.sm2_interval_before, r.stability_before, r.difficulty_before, "                   \
    "r.sm2_interval_after, r.stability_after, r.difficulty_after, r.source "

ReviewRecord read_review(const Query& row);

#define ROLECALL_STORED_CARD_COLUMNS                                                                        \
    "c.id, c.note_id, n.key, c.view, c.kind, c.front, c.back, c.choices, c.answer, c.explanation, c.tags, " \
    "c.retired, c.choice_roles, c.why_not FROM cards c JOIN notes n ON n.id = c.note_id "

StoredCard read_stored_card(const Query& row);

// A card buried by `rolecall bury` comes back on the study day it names; `day` is the SQL parameter
// holding today. The partial indexes stay usable: this only filters the rows they give.
#define ROLECALL_NOT_BURIED(day) "(buried_until IS NULL OR buried_until <= " day ")"

// The full-text index holds every card whose id is below cards_text_pending's first_card (every
// card, when the table is empty). An import leaves the cards it adds out and sets that mark; the
// first search that reads the index brings them in (Storage::index_pending_text()). Each trigger
// keeps to the rule, so a card above the mark is never deleted from, nor updated in, the index.
#define ROLECALL_TEXT_INDEXED(row) row ".id < coalesce((SELECT first_card FROM cards_text_pending), " row ".id + 1)"

// The trigger that adds a new card to the full-text index (schema 6). An import also drops it while
// it runs (FTS5 writes its pending terms out at every statement, so a trigger per inserted row made
// an import three times slower; the rule above leaves those cards out anyway).
#define ROLECALL_CARDS_TEXT_INSERT_TRIGGER                                                \
    "CREATE TRIGGER cards_text_insert AFTER INSERT ON cards WHEN " ROLECALL_TEXT_INDEXED( \
        "new") " BEGIN INSERT INTO cards_text (rowid, front, back) VALUES (new.id, new.front, new.back); END"

// The new-card index as schema 4 has it (migration 3 -> 4); a large import drops it and builds it again.
#define ROLECALL_CARDS_BY_NEW_RANK                                                            \
    "CREATE INDEX cards_by_new_rank ON cards (new_rank, id, buried_until) WHERE due IS NULL " \
    "AND suspended = 0 AND retired = 0"

// The index a large import drops and builds again at its end: ROLECALL_CARDS_BY_NEW_RANK.
extern const char* const cards_by_new_rank_sql;

// The current schema in one script, for a new collection (fresh_schema.cpp).
extern const char* const fresh_schema_sql;

// The first column of every row, as ids.
std::vector<Id> collect_ids(Query& query);

// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`: one bound statement for any number.
std::string json_ids(const std::vector<Id>& ids);

}  // namespace rolecall
