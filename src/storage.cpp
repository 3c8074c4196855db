#include "rolecall/storage.hpp"

#include "rolecall/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <system_error>

namespace rolecall {

namespace {

// "RLCL": marks a database as rolecall's, so a foreign SQLite file is recognised and left alone.
constexpr int application_id = 0x524c434c;

// Migrations run forward, each once, inside one transaction with the user_version bump.
// Entry i takes the schema from version i to version i + 1.
constexpr std::array<const char*, Storage::schema_version> migrations = {
    R"sql(
CREATE TABLE decks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    source_path TEXT NOT NULL DEFAULT '',
    source_hash TEXT NOT NULL DEFAULT ''
);
CREATE TABLE notes (
    id       INTEGER PRIMARY KEY,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    key      TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    fact     TEXT NOT NULL,
    retired  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (deck_id, key)
);
CREATE TABLE cards (
    id            INTEGER PRIMARY KEY,
    note_id       INTEGER NOT NULL REFERENCES notes(id),
    deck_id       INTEGER NOT NULL REFERENCES decks(id),
    view          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('choice', 'recall', 'cloze', 'contrast')),
    front         TEXT NOT NULL,
    back          TEXT NOT NULL,
    choices       TEXT NOT NULL DEFAULT '',
    answer        TEXT NOT NULL DEFAULT '',
    explanation   TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '',
    new_rank      INTEGER NOT NULL DEFAULT 0,
    repetitions   INTEGER NOT NULL DEFAULT 0,
    ease          INTEGER NOT NULL DEFAULT 250,
    interval_days INTEGER NOT NULL DEFAULT 0,
    due           TEXT,
    lapses        INTEGER NOT NULL DEFAULT 0,
    suspended     INTEGER NOT NULL DEFAULT 0,
    retired       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (note_id, view)
);
CREATE INDEX cards_by_due ON cards (due, id) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_new_rank ON cards (new_rank, id) WHERE due IS NULL AND suspended = 0 AND retired = 0;
-- For statistics: the spread of E-Factors and the cards with the most lapses, without reading cards' text.
CREATE INDEX cards_by_ease ON cards (deck_id, ease) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_lapses ON cards (lapses DESC, ease, id) WHERE lapses > 0 AND retired = 0;
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    card_id         INTEGER NOT NULL REFERENCES cards(id),
    deck_id         INTEGER NOT NULL REFERENCES decks(id),
    day             TEXT NOT NULL,
    answered_at     TEXT NOT NULL,
    grade           INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
    drill           INTEGER NOT NULL,
    response_ms     INTEGER NOT NULL,
    chosen          TEXT NOT NULL DEFAULT '',
    expected        TEXT NOT NULL DEFAULT '',
    reps_before     INTEGER NOT NULL,
    ease_before     INTEGER NOT NULL,
    interval_before INTEGER NOT NULL,
    due_before      TEXT,
    lapses_before   INTEGER NOT NULL,
    reps_after      INTEGER NOT NULL,
    ease_after      INTEGER NOT NULL,
    interval_after  INTEGER NOT NULL,
    due_after       TEXT,
    lapses_after    INTEGER NOT NULL,
    undone          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reviews_by_day ON reviews (day, deck_id);
CREATE INDEX reviews_by_card ON reviews (card_id, id);
-- Aggregates of the log, kept in the same transaction as every answer and undo, so statistics
-- read a few rows a day instead of scanning a million answers. Both can be rebuilt from the log.
CREATE TABLE review_days (
    day         TEXT NOT NULL,
    deck_id     INTEGER NOT NULL REFERENCES decks(id),
    bucket      INTEGER NOT NULL,  -- interval bucket of the card before the answer; 0: a new card
    reviews     INTEGER NOT NULL,  -- non-drill answers
    correct     INTEGER NOT NULL,  -- of those, graded 3 or more
    drills      INTEGER NOT NULL,
    response_ms INTEGER NOT NULL,
    PRIMARY KEY (day, deck_id, bucket)
) WITHOUT ROWID;
CREATE TABLE choice_days (
    day      TEXT NOT NULL,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    expected TEXT NOT NULL,  -- the right option
    chosen   TEXT NOT NULL,  -- the option answered
    answers  INTEGER NOT NULL,
    PRIMARY KEY (day, deck_id, expected, chosen)
) WITHOUT ROWID;
-- Cards due when a study day's first session started: the one figure the log cannot give afterwards.
CREATE TABLE due_snapshots (
    day     TEXT NOT NULL,
    deck_id INTEGER NOT NULL REFERENCES decks(id),
    due     INTEGER NOT NULL,
    PRIMARY KEY (day, deck_id)
) WITHOUT ROWID;
CREATE TABLE categories (
    id       INTEGER PRIMARY KEY,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    aliases  TEXT NOT NULL DEFAULT '',
    summary  TEXT NOT NULL DEFAULT '',
    UNIQUE (deck_id, name)
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql",
    // 1 -> 2: cards rebuilt (SQLite's 12-step recipe) with the kind check written as comparisons: the
    // IN list built a temporary index on every insert, a third of an import's time. cards_by_ease
    // becomes cards_by_deck, which also counts a deck's due cards without reading card rows.
    R"sql(
CREATE TABLE cards_v2 (
    id            INTEGER PRIMARY KEY,
    note_id       INTEGER NOT NULL REFERENCES notes(id),
    deck_id       INTEGER NOT NULL REFERENCES decks(id),
    view          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind = 'choice' OR kind = 'recall' OR kind = 'cloze' OR kind = 'contrast'),
    front         TEXT NOT NULL,
    back          TEXT NOT NULL,
    choices       TEXT NOT NULL DEFAULT '',
    answer        TEXT NOT NULL DEFAULT '',
    explanation   TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '',
    new_rank      INTEGER NOT NULL DEFAULT 0,
    repetitions   INTEGER NOT NULL DEFAULT 0,
    ease          INTEGER NOT NULL DEFAULT 250,
    interval_days INTEGER NOT NULL DEFAULT 0,
    due           TEXT,
    lapses        INTEGER NOT NULL DEFAULT 0,
    suspended     INTEGER NOT NULL DEFAULT 0,
    retired       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (note_id, view)
);
INSERT INTO cards_v2 SELECT id, note_id, deck_id, view, kind, front, back, choices, answer, explanation, tags,
    new_rank, repetitions, ease, interval_days, due, lapses, suspended, retired FROM cards;
DROP TABLE cards;
ALTER TABLE cards_v2 RENAME TO cards;
CREATE INDEX cards_by_due ON cards (due, id) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_new_rank ON cards (new_rank, id) WHERE due IS NULL AND suspended = 0 AND retired = 0;
-- For statistics and the daily snapshot: a deck's due cards and their E-Factors, without reading cards' text.
CREATE INDEX cards_by_deck ON cards (deck_id, due, ease) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_lapses ON cards (lapses DESC, ease, id) WHERE lapses > 0 AND retired = 0;
)sql",
};

constexpr char choice_separator = '\x1f';

std::string join_choices(const std::vector<std::string>& choices) {
    std::string joined;
    for (const auto& choice : choices) {
        if (!joined.empty()) joined.push_back(choice_separator);
        joined += choice;
    }
    return joined;
}

std::vector<std::string> split_choices(const std::string& joined) {
    std::vector<std::string> choices;
    if (joined.empty()) return choices;
    std::size_t pos = 0;
    while (true) {
        std::size_t next = joined.find(choice_separator, pos);
        choices.push_back(joined.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
        if (next == std::string::npos) break;
        pos = next + 1;
    }
    return choices;
}

}  // namespace

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
    Query& bind(int index, const char* value) { return bind(index, std::string(value)); }
    Query& bind(int index, std::string_view value) { return bind(index, std::string(value)); }
    Query& bind(int index, Day day) { return bind(index, format_day(day)); }
    Query& bind(int index, const std::optional<Day>& day) {
        if (day) return bind(index, *day);
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
        while (step()) {
        }
    }

    std::int64_t int64(int column) const { return sqlite3_column_int64(m_stmt, column); }
    int integer(int column) const { return sqlite3_column_int(m_stmt, column); }
    bool boolean(int column) const { return sqlite3_column_int(m_stmt, column) != 0; }
    bool is_null(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }
    std::string text(int column) const {
        auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
        return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : "";
    }
    std::optional<Day> day(int column) const {
        if (is_null(column)) return std::nullopt;
        auto parsed = parse_day(text(column));
        if (!parsed) throw Error(fmt::format("{}: a stored date '{}' is not YYYY-MM-DD; the database is damaged",
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

namespace {

// Columns of a card, in the order read_card() expects; shared by every query that loads cards.
#define ROLECALL_CARD_COLUMNS                                                                           \
    "c.id, c.deck_id, d.name, n.key, c.view, c.kind, c.front, c.back, c.choices, c.answer, c.explanation, " \
    "c.tags, c.repetitions, c.ease, c.interval_days, c.due, c.lapses, c.suspended, c.retired "           \
    "FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id "

CardRecord read_card(const Query& row) {
    CardRecord card;
    card.id = row.int64(0);
    card.deck_id = row.int64(1);
    card.deck = row.text(2);
    card.note_key = row.text(3);
    card.view = row.text(4);
    card.kind = card_kind_from_string(row.text(5));
    card.front = row.text(6);
    card.back = row.text(7);
    card.choices = split_choices(row.text(8));
    card.answer = row.text(9);
    card.explanation = row.text(10);
    card.tags = row.text(11);
    card.state.repetitions = row.integer(12);
    card.state.ease = row.integer(13);
    card.state.interval_days = row.integer(14);
    card.state.due = row.day(15);
    card.state.lapses = row.integer(16);
    card.suspended = row.boolean(17);
    card.retired = row.boolean(18);
    return card;
}

#define ROLECALL_REVIEW_COLUMNS                                                                       \
    "r.id, r.card_id, r.day, r.answered_at, r.grade, r.drill, r.response_ms, r.chosen, "             \
    "r.reps_before, r.ease_before, r.interval_before, r.due_before, r.lapses_before, "               \
    "r.reps_after, r.ease_after, r.interval_after, r.due_after, r.lapses_after "

ReviewRecord read_review(const Query& row) {
    ReviewRecord review;
    review.id = row.int64(0);
    review.card_id = row.int64(1);
    review.day = *row.day(2);
    review.answered_at = row.text(3);
    review.grade = row.integer(4);
    review.drill = row.boolean(5);
    review.response_ms = row.integer(6);
    review.chosen = row.text(7);
    review.before = Sm2State{row.integer(8), row.integer(9), row.integer(10), row.integer(12), row.day(11)};
    review.after = Sm2State{row.integer(13), row.integer(14), row.integer(15), row.integer(17), row.day(16)};
    return review;
}

}  // namespace

std::unique_ptr<Storage> Storage::open(const std::filesystem::path& path, bool create, int busy_ms) {
    std::error_code ec;
    bool exists = std::filesystem::exists(path, ec);
    if (!exists && !create) {
        throw Error(fmt::format("no database at {}: run 'rolecall' once to create it, or pass --db PATH",
                                path.string()));
    }
    if (exists && std::filesystem::is_directory(path, ec)) {
        throw Error(fmt::format("{} is a folder, not a database file: pass --db with a file path", path.string()));
    }
    // A missing folder is more often a mistyped path than a wish: nothing is created outside it.
    if (!exists && path.has_parent_path() && !std::filesystem::is_directory(path.parent_path(), ec)) {
        throw Error(fmt::format("the folder {} does not exist: create it, or pass --db with another path",
                                path.parent_path().string()));
    }
    sqlite3* db = nullptr;
    // NOMUTEX: one connection used by one thread; SQLite's own locking between processes stays.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw Error(fmt::format("cannot open the database {}: {}; check the path and its permissions",
                                path.string(), reason));
    }
    std::unique_ptr<Storage> storage(new Storage(db, path, busy_ms));
    storage->configure_and_migrate();
    return storage;
}

Storage::Storage(sqlite3* db, std::filesystem::path path, int busy_ms)
    : m_db(db), m_path(std::move(path)), m_busy_ms(busy_ms) {}

Storage::~Storage() {
    for (auto& [sql, stmt] : m_statements) sqlite3_finalize(stmt);
    sqlite3_close(m_db);
}

void Storage::fail(const std::string& doing) const {
    int code = sqlite3_extended_errcode(m_db);
    std::string message = sqlite3_errmsg(m_db);
    if ((code & 0xff) == SQLITE_NOTADB) {
        throw Error(fmt::format("{} is not a rolecall database (SQLite: {}); pass --db with another path",
                                m_path.string(), message));
    }
    if ((code & 0xff) == SQLITE_CORRUPT) {
        throw Error(fmt::format("{} is damaged (SQLite: {}); restore it from a backup", m_path.string(), message));
    }
    if ((code & 0xff) == SQLITE_BUSY || (code & 0xff) == SQLITE_LOCKED) {
        throw Error(fmt::format("{} is busy: another process has been writing to it for over {:.1f} s; try again "
                                "when it has finished",
                                m_path.string(), m_busy_ms / 1000.0));
    }
    if ((code & 0xff) == SQLITE_FULL) {
        throw Error(fmt::format("cannot write {}: the disk is full (SQLite: {}); nothing was changed, free some space "
                                "and try again",
                                m_path.string(), message));
    }
    if ((code & 0xff) == SQLITE_IOERR) {
        throw Error(fmt::format("cannot write {} (SQLite: {}); nothing was changed: check the disk and its free space",
                                m_path.string(), message));
    }
    if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_PERM) {
        throw Error(fmt::format("cannot write {} (SQLite: {}); check its permissions or pass --db", m_path.string(),
                                message));
    }
    throw Error(fmt::format("{}: {} failed: {}", m_path.string(), doing, message));
}

void Storage::exec(const char* sql) {
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) fail("setting up the database");
}

sqlite3_stmt* Storage::prepare(const char* sql) {
    auto found = m_statements.find(sql);
    if (found != m_statements.end()) return found->second;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(m_db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        fail("preparing a query");
    }
    m_statements.emplace(sql, stmt);
    return stmt;
}

void Storage::configure_and_migrate() {
    // Wait (5 s by default) for another rolecall to finish its short write before giving up with a message.
    sqlite3_busy_timeout(m_db, m_busy_ms);
    // Reading the schema first makes SQLite check the header: a non-database fails here, untouched.
    int version = 0;
    int app_id = 0;
    int tables = 0;
    {
        Query query(*this, "PRAGMA user_version");
        if (query.step()) version = query.integer(0);
    }
    {
        Query query(*this, "PRAGMA application_id");
        if (query.step()) app_id = query.integer(0);
    }
    {
        Query query(*this, "SELECT count(*) FROM sqlite_schema");
        if (query.step()) tables = query.integer(0);
    }
    if (tables > 0 && app_id != application_id) {
        throw Error(fmt::format("{} is a SQLite database of another program, not rolecall's; pass --db with another path",
                                m_path.string()));
    }
    if (version > schema_version) {
        throw Error(fmt::format("{} was written by a newer rolecall (schema {}, this one reads up to {}); "
                                "upgrade rolecall to use it",
                                m_path.string(), version, schema_version));
    }
    // WAL lets a reader (an export) run beside a review; synchronous=NORMAL in WAL mode keeps every
    // committed answer across a crash of rolecall itself and costs no fsync per answer.
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    if (version < schema_version) migrate(version, tables > 0);
    exec("PRAGMA foreign_keys = ON");
}

void Storage::migrate(int from, bool has_tables) {
    // A collection written by an older rolecall is copied first, whole and consistent, so a failed
    // or unwanted upgrade can be undone by hand.
    if (has_tables) {
        std::filesystem::path backup;
        std::error_code ec;
        for (int n = 1;; ++n) {
            backup = m_path;
            backup += n == 1 ? fmt::format(".schema{}.bak", from) : fmt::format(".schema{}.{}.bak", from, n);
            if (!std::filesystem::exists(backup, ec)) break;
        }
        Query query(*this, "VACUUM INTO ?1");
        query.bind(1, backup.string()).run();
        m_backup = backup;
    }
    // Foreign keys stay off while tables are rebuilt (the pragma is ignored inside a transaction), and
    // are checked as a whole before the commit.
    Transaction transaction(*this);
    for (int step = from; step < schema_version; ++step) exec(migrations[static_cast<std::size_t>(step)]);
    {
        Query query(*this, "PRAGMA foreign_key_check");
        if (query.step()) throw Error(fmt::format("{}: the upgrade to schema {} found rows that point nowhere; "
                                                  "nothing was changed, restore the file from a backup",
                                                  m_path.string(), schema_version));
    }
    exec(fmt::format("PRAGMA application_id = {}", application_id).c_str());
    exec(fmt::format("PRAGMA user_version = {}", schema_version).c_str());
    transaction.commit();
    m_migrated_from = from;
}

void Storage::defer_checkpoints() {
    // An automatic checkpoint (every 1000 pages, about 80 answers) copies 4 MB and syncs the file:
    // 10-60 ms, on whichever answer crosses the mark. Closing the last connection checkpoints anyway,
    // after the session's summary; a crash leaves the log to the next open, which replays it.
    exec("PRAGMA wal_autocheckpoint = 0");
}

Storage::Transaction::Transaction(Storage& storage)
    : m_storage(storage), m_outer(sqlite3_get_autocommit(storage.m_db) != 0) {
    // IMMEDIATE takes the write lock up front, so the busy timeout applies here and never midway.
    m_storage.exec(m_outer ? "BEGIN IMMEDIATE" : "SAVEPOINT nested");
}

Storage::Transaction::~Transaction() {
    if (m_done) return;
    if (m_outer) {
        sqlite3_exec(m_storage.m_db, "ROLLBACK", nullptr, nullptr, nullptr);
    } else {
        sqlite3_exec(m_storage.m_db, "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
    }
}

void Storage::Transaction::commit() {
    m_storage.exec(m_outer ? "COMMIT" : "RELEASE nested");
    m_done = true;
}

// ---- settings

std::optional<std::string> Storage::setting(const std::string& key) {
    Query query(*this, "SELECT value FROM settings WHERE key = ?1");
    query.bind(1, key);
    if (query.step()) return query.text(0);
    return std::nullopt;
}

void Storage::set_setting(const std::string& key, const std::string& value) {
    Query query(*this,
                    "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    query.bind(1, key).bind(2, value).run();
}

void Storage::remove_setting(const std::string& key) {
    Query query(*this, "DELETE FROM settings WHERE key = ?1");
    query.bind(1, key).run();
}

// ---- decks

std::optional<DeckRow> Storage::find_deck(const std::string& name) {
    Query query(*this, "SELECT id, name, source_path, source_hash FROM decks WHERE name = ?1");
    query.bind(1, name);
    if (!query.step()) return std::nullopt;
    return DeckRow{query.int64(0), query.text(1), query.text(2), query.text(3)};
}

std::vector<DeckRow> Storage::decks() {
    Query query(*this, "SELECT id, name, source_path, source_hash FROM decks ORDER BY name");
    std::vector<DeckRow> rows;
    while (query.step()) rows.push_back(DeckRow{query.int64(0), query.text(1), query.text(2), query.text(3)});
    return rows;
}

Id Storage::create_deck(const std::string& name, const std::string& source_path, const std::string& source_hash) {
    Query query(*this, "INSERT INTO decks (name, source_path, source_hash) VALUES (?1, ?2, ?3)");
    query.bind(1, name).bind(2, source_path).bind(3, source_hash).run();
    return sqlite3_last_insert_rowid(m_db);
}

void Storage::set_deck_source(Id deck, const std::string& source_path, const std::string& source_hash) {
    Query query(*this, "UPDATE decks SET source_path = ?2, source_hash = ?3 WHERE id = ?1");
    query.bind(1, deck).bind(2, source_path).bind(3, source_hash).run();
}

std::vector<DeckCounts> Storage::deck_counts(Day today) {
    Query query(*this,
                    "SELECT d.name, "
                    "  count(c.id) FILTER (WHERE c.due IS NULL AND c.suspended = 0 AND c.retired = 0), "
                    "  count(c.id) FILTER (WHERE c.due <= ?1 AND c.suspended = 0 AND c.retired = 0), "
                    "  count(c.id) FILTER (WHERE c.retired = 0) "
                    "FROM decks d LEFT JOIN cards c ON c.deck_id = d.id GROUP BY d.id ORDER BY d.name");
    query.bind(1, today);
    std::vector<DeckCounts> rows;
    while (query.step()) rows.push_back(DeckCounts{query.text(0), query.integer(1), query.integer(2), query.integer(3)});
    return rows;
}

// ---- categories

void Storage::replace_categories(Id deck, const std::vector<Category>& categories) {
    {
        Query query(*this, "DELETE FROM categories WHERE deck_id = ?1");
        query.bind(1, deck).run();
    }
    int position = 0;
    for (const auto& category : categories) {
        Query query(*this,
                        "INSERT INTO categories (deck_id, position, name, aliases, summary) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)");
        // The key the deck's author wrote ("po") is an answer as good as any alias.
        std::vector<std::string> aliases = category.aliases;
        if (!category.key.empty()) aliases.push_back(category.key);
        query.bind(1, deck).bind(2, position++).bind(3, category.name).bind(4, join_choices(aliases));
        query.bind(5, category.summary).run();
    }
}

std::vector<Category> Storage::categories_of_deck(Id deck) {
    Query query(*this, "SELECT name, aliases, summary FROM categories WHERE deck_id = ?1 ORDER BY position");
    query.bind(1, deck);
    std::vector<Category> categories;
    while (query.step()) {
        categories.push_back(Category{"", query.text(0), split_choices(query.text(1)), query.text(2)});
    }
    return categories;
}

// ---- notes and cards

std::vector<StoredNote> Storage::notes_of_deck(Id deck) {
    Query query(*this, "SELECT id, key, category, fact, retired FROM notes WHERE deck_id = ?1 ORDER BY id");
    query.bind(1, deck);
    std::vector<StoredNote> notes;
    while (query.step()) {
        notes.push_back(StoredNote{query.int64(0), query.text(1), query.text(2), query.text(3), query.boolean(4)});
    }
    return notes;
}

namespace {

#define ROLECALL_STORED_CARD_COLUMNS                                                                     \
    "c.id, c.note_id, n.key, c.view, c.kind, c.front, c.back, c.choices, c.answer, c.explanation, c.tags, " \
    "c.retired FROM cards c JOIN notes n ON n.id = c.note_id "

StoredCard read_stored_card(const Query& row) {
    StoredCard card;
    card.id = row.int64(0);
    card.note_id = row.int64(1);
    card.note_key = row.text(2);
    card.view = row.text(3);
    card.text.view = card.view;
    card.text.kind = card_kind_from_string(row.text(4));
    card.text.front = row.text(5);
    card.text.back = row.text(6);
    card.text.choices = split_choices(row.text(7));
    card.text.answer = row.text(8);
    card.text.explanation = row.text(9);
    card.text.tags = row.text(10);
    card.retired = row.boolean(11);
    return card;
}

}  // namespace

std::vector<StoredCard> Storage::cards_of_deck(Id deck) {
    Query query(*this, "SELECT " ROLECALL_STORED_CARD_COLUMNS "WHERE c.deck_id = ?1 ORDER BY c.id");
    query.bind(1, deck);
    std::vector<StoredCard> cards;
    while (query.step()) cards.push_back(read_stored_card(query));
    return cards;
}

std::vector<StoredCard> Storage::cards_of_note(Id note) {
    Query query(*this, "SELECT " ROLECALL_STORED_CARD_COLUMNS "WHERE c.note_id = ?1 ORDER BY c.id");
    query.bind(1, note);
    std::vector<StoredCard> cards;
    while (query.step()) cards.push_back(read_stored_card(query));
    return cards;
}

std::optional<Id> Storage::find_note(Id deck, const std::string& key) {
    Query query(*this, "SELECT id FROM notes WHERE deck_id = ?1 AND key = ?2");
    query.bind(1, deck).bind(2, key);
    if (!query.step()) return std::nullopt;
    return query.int64(0);
}

void Storage::set_card_state(Id card, const Sm2State& state) {
    Query query(*this,
                "UPDATE cards SET repetitions = ?2, ease = ?3, interval_days = ?4, due = ?5, lapses = ?6 WHERE id = ?1");
    query.bind(1, card).bind(2, state.repetitions).bind(3, state.ease).bind(4, state.interval_days);
    query.bind(5, state.due).bind(6, state.lapses).run();
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
                "INSERT INTO notes (deck_id, key, category, fact) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (deck_id, key) DO NOTHING");
    query.bind(1, deck).bind(2, note.key).bind(3, note.category).bind(4, note.fact).run();
    if (sqlite3_changes(m_db) == 0) return std::nullopt;
    return sqlite3_last_insert_rowid(m_db);
}

Id Storage::insert_note(Id deck, const NoteDraft& note) {
    Query query(*this, "INSERT INTO notes (deck_id, key, category, fact) VALUES (?1, ?2, ?3, ?4)");
    query.bind(1, deck).bind(2, note.key).bind(3, note.category).bind(4, note.fact).run();
    return sqlite3_last_insert_rowid(m_db);
}

void Storage::update_note(Id note, const NoteDraft& text, bool retired) {
    Query query(*this, "UPDATE notes SET category = ?2, fact = ?3, retired = ?4 WHERE id = ?1");
    query.bind(1, note).bind(2, text.category).bind(3, text.fact).bind(4, retired).run();
}

Id Storage::insert_card(Id deck, Id note, const CardDraft& card, std::int64_t new_rank) {
    Query query(*this,
                    "INSERT INTO cards (note_id, deck_id, view, kind, front, back, choices, answer, explanation, "
                    "new_rank, tags) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    query.bind(1, note).bind(2, deck).bind(3, card.view).bind(4, to_string(card.kind)).bind(5, card.front);
    query.bind(6, card.back).bind(7, join_choices(card.choices)).bind(8, card.answer).bind(9, card.explanation);
    query.bind(10, new_rank).bind(11, card.tags).run();
    return sqlite3_last_insert_rowid(m_db);
}

void Storage::update_card_text(Id card, const CardDraft& text) {
    Query query(*this,
                    "UPDATE cards SET kind = ?2, front = ?3, back = ?4, choices = ?5, answer = ?6, "
                    "explanation = ?7, tags = ?8 WHERE id = ?1");
    query.bind(1, card).bind(2, to_string(text.kind)).bind(3, text.front).bind(4, text.back);
    query.bind(5, join_choices(text.choices)).bind(6, text.answer).bind(7, text.explanation).bind(8, text.tags);
    query.run();
}

void Storage::set_card_retired(Id card, bool retired) {
    Query query(*this, "UPDATE cards SET retired = ?2 WHERE id = ?1");
    query.bind(1, card).bind(2, retired).run();
}

// ---- the review queue

namespace {

std::vector<Id> collect_ids(Query& query) {
    std::vector<Id> ids;
    while (query.step()) ids.push_back(query.int64(0));
    return ids;
}

}  // namespace

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

std::optional<Id> Storage::record_answer(const ReviewRecord& answer) {
    Transaction transaction(*this);
    if (!answer.drill) {
        // Checked inside the write transaction, so no other process can slip in between.
        Query query(*this, "SELECT repetitions, ease, interval_days, due, lapses FROM cards WHERE id = ?1");
        query.bind(1, answer.card_id);
        if (!query.step()) throw Error(fmt::format("card {} is not in the collection", answer.card_id));
        Sm2State now;
        now.repetitions = query.integer(0);
        now.ease = query.integer(1);
        now.interval_days = query.integer(2);
        now.due = query.day(3);
        now.lapses = query.integer(4);
        if (now != answer.before) return std::nullopt;
    }
    {
        Query query(*this,
                        "INSERT INTO reviews (card_id, day, answered_at, grade, drill, response_ms, chosen, "
                        "reps_before, ease_before, interval_before, due_before, lapses_before, "
                        "reps_after, ease_after, interval_after, due_after, lapses_after, deck_id, expected) "
                        "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                        "c.deck_id, CASE WHEN c.kind = 'choice' THEN c.answer ELSE '' END FROM cards c WHERE c.id = ?1");
        query.bind(1, answer.card_id).bind(2, answer.day).bind(3, answer.answered_at).bind(4, answer.grade);
        query.bind(5, answer.drill).bind(6, answer.response_ms).bind(7, answer.chosen);
        query.bind(8, answer.before.repetitions).bind(9, answer.before.ease).bind(10, answer.before.interval_days);
        query.bind(11, answer.before.due).bind(12, answer.before.lapses);
        query.bind(13, answer.after.repetitions).bind(14, answer.after.ease).bind(15, answer.after.interval_days);
        query.bind(16, answer.after.due).bind(17, answer.after.lapses);
        query.run();
    }
    Id review = sqlite3_last_insert_rowid(m_db);
    add_to_aggregates(review, +1);
    if (!answer.drill) {
        Query query(*this,
                        "UPDATE cards SET repetitions = ?2, ease = ?3, interval_days = ?4, due = ?5, lapses = ?6 "
                        "WHERE id = ?1");
        query.bind(1, answer.card_id).bind(2, answer.after.repetitions).bind(3, answer.after.ease);
        query.bind(4, answer.after.interval_days).bind(5, answer.after.due).bind(6, answer.after.lapses).run();
    }
    transaction.commit();
    return review;
}

Id Storage::undo_answer(Id review_id) {
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
        Query query(*this,
                        "UPDATE cards SET repetitions = ?2, ease = ?3, interval_days = ?4, due = ?5, lapses = ?6 "
                        "WHERE id = ?1");
        query.bind(1, review.card_id).bind(2, review.before.repetitions).bind(3, review.before.ease);
        query.bind(4, review.before.interval_days).bind(5, review.before.due).bind(6, review.before.lapses).run();
    }
    transaction.commit();
    return review.card_id;
}

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

// ---- statistics

void Storage::add_to_aggregates(Id review, int sign) {
    {
        Query query(*this,
                    "INSERT INTO review_days (day, deck_id, bucket, reviews, correct, drills, response_ms) "
                    "SELECT day, deck_id, CASE WHEN due_before IS NULL THEN 0 WHEN interval_before <= 1 THEN 1 "
                    "WHEN interval_before <= 6 THEN 2 WHEN interval_before < 21 THEN 3 WHEN interval_before < 60 "
                    "THEN 4 WHEN interval_before < 180 THEN 5 ELSE 6 END, ?2 * (drill = 0), "
                    "?2 * (drill = 0 AND grade >= 3), ?2 * drill, ?2 * response_ms FROM reviews WHERE id = ?1 "
                    "ON CONFLICT (day, deck_id, bucket) DO UPDATE SET reviews = reviews + excluded.reviews, "
                    "correct = correct + excluded.correct, drills = drills + excluded.drills, "
                    "response_ms = response_ms + excluded.response_ms");
        query.bind(1, review).bind(2, sign).run();
    }
    Query query(*this,
                "INSERT INTO choice_days (day, deck_id, expected, chosen, answers) "
                "SELECT day, deck_id, expected, chosen, ?2 FROM reviews WHERE id = ?1 AND chosen <> '' "
                "ON CONFLICT (day, deck_id, expected, chosen) DO UPDATE SET answers = answers + excluded.answers");
    query.bind(1, review).bind(2, sign).run();
}

void Storage::rebuild_aggregates() {
    Transaction transaction(*this);
    exec("DELETE FROM review_days; DELETE FROM choice_days;"
         "INSERT INTO review_days (day, deck_id, bucket, reviews, correct, drills, response_ms) "
         "SELECT day, deck_id, CASE WHEN due_before IS NULL THEN 0 WHEN interval_before <= 1 THEN 1 "
         "WHEN interval_before <= 6 THEN 2 WHEN interval_before < 21 THEN 3 WHEN interval_before < 60 THEN 4 "
         "WHEN interval_before < 180 THEN 5 ELSE 6 END AS bucket, sum(drill = 0), sum(drill = 0 AND grade >= 3), "
         "sum(drill), sum(response_ms) FROM reviews WHERE undone = 0 GROUP BY day, deck_id, bucket;"
         "INSERT INTO choice_days (day, deck_id, expected, chosen, answers) "
         "SELECT day, deck_id, expected, chosen, count(*) FROM reviews WHERE undone = 0 AND chosen <> '' "
         "GROUP BY day, deck_id, expected, chosen;");
    transaction.commit();
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
    Query query(*this,
                "SELECT " ROLECALL_CARD_COLUMNS "WHERE c.lapses > 0 AND c.retired = 0 "
                "AND (?1 IS NULL OR c.deck_id = ?1) ORDER BY c.lapses DESC, c.ease, c.id LIMIT ?2");
    query.bind(1, deck).bind(2, limit);
    std::vector<CardRecord> cards;
    while (query.step()) cards.push_back(read_card(query));
    return cards;
}

std::vector<ChoiceCount> Storage::choice_counts(DeckFilter deck, std::optional<Day> since) {
    Query query(*this,
                "SELECT expected, chosen, sum(answers) FROM choice_days "
                "WHERE (?1 IS NULL OR deck_id = ?1) AND (?2 IS NULL OR day >= ?2) "
                "GROUP BY expected, chosen HAVING sum(answers) > 0");
    query.bind(1, deck).bind(2, since);
    std::vector<ChoiceCount> rows;
    while (query.step()) rows.push_back(ChoiceCount{query.text(0), query.text(1), query.integer(2)});
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

// ---- exports

void Storage::for_each_card(DeckFilter deck, const std::function<void(const CardRecord&)>& visit) {
    Query query(*this, "SELECT " ROLECALL_CARD_COLUMNS "WHERE (?1 IS NULL OR c.deck_id = ?1) ORDER BY c.id");
    query.bind(1, deck);
    while (query.step()) visit(read_card(query));
}

void Storage::for_each_review(DeckFilter deck, std::optional<Day> since,
                              const std::function<void(const ReviewRecord&)>& visit) {
    Query query(*this,
                    "SELECT " ROLECALL_REVIEW_COLUMNS "FROM reviews r "
                    "WHERE r.undone = 0 AND (?1 IS NULL OR r.deck_id = ?1) AND (?2 IS NULL OR r.day >= ?2) "
                    "ORDER BY r.id");
    query.bind(1, deck).bind(2, since);
    while (query.step()) visit(read_review(query));
}

}  // namespace rolecall
