// Change capture for sync: SQLite's session extension watches the synced tables, and each committed
// transaction's changeset is kept in sync_outbox with its time, in the same transaction, until a
// sync sends it (sync/sync.hpp). Off until a collection first syncs: a collection that never syncs
// pays nothing, neither at start-up nor per write.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <array>
#include <chrono>
#include <memory>

namespace rolecall {

namespace {

// What sync carries. The aggregates (review_days, choice_days) are rebuilt from the log, due
// snapshots, card edits and checkups stay with the device that made them.
constexpr std::array<const char*, 6> captured_tables = {"decks", "notes", "cards", "reviews", "settings", "categories"};

}  // namespace

std::int64_t Storage::now_micros() const {
    const auto at = m_clock ? m_clock->now() : std::chrono::system_clock::now();
    return std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
}

std::string Storage::device_id() {
    Query query(*this, "SELECT value FROM device WHERE key = 'id'");
    if (!query.step()) throw Error(fmt::format("{} has no device id; the database is damaged", m_path.string()));
    return query.text(0);
}

void Storage::start_capture() {
    exec(R"sql(
CREATE TABLE IF NOT EXISTS sync_outbox (
    id        INTEGER PRIMARY KEY,
    at        INTEGER NOT NULL,  -- microseconds since 1970, UTC: the commit's time, the stamp of its changes
    changeset BLOB NOT NULL
);
-- Files of other devices applied here, by name ("DEVICE-SEQUENCE.rcsync").
CREATE TABLE IF NOT EXISTS sync_applied (
    file TEXT PRIMARY KEY
) WITHOUT ROWID;
-- The latest change known of each synced item (a deck, a note, a card's text, flags or schedule, a
-- setting): its time and device decide which of two changes wins.
CREATE TABLE IF NOT EXISTS sync_stamps (
    item   TEXT PRIMARY KEY,
    at     INTEGER NOT NULL,
    device TEXT NOT NULL
) WITHOUT ROWID;
-- Changes that lost to a later one, kept: what they would have written, and what won.
CREATE TABLE IF NOT EXISTS sync_conflicts (
    id          INTEGER PRIMARY KEY,
    resolved_at INTEGER NOT NULL,
    item        TEXT NOT NULL,
    kept        TEXT NOT NULL,
    lost        TEXT NOT NULL,
    lost_at     INTEGER NOT NULL,
    lost_device TEXT NOT NULL
);
)sql");
    m_capture = true;
    if (!m_session) attach_capture();
}

void Storage::attach_capture() {
    if (sqlite3session_create(m_db, "main", &m_session) != SQLITE_OK) fail("starting change capture");
    for (const char* table : captured_tables) {
        if (sqlite3session_attach(m_session, table) != SQLITE_OK) fail("starting change capture");
    }
}

void Storage::drop_capture() {
    if (m_session) sqlite3session_delete(m_session);
    m_session = nullptr;
}

void Storage::flush_capture() {
    if (!m_session || m_capture_paused || sqlite3session_isempty(m_session)) return;
    int size = 0;
    void* changes = nullptr;
    if (sqlite3session_changeset(m_session, &size, &changes) != SQLITE_OK) fail("recording a change for sync");
    // A session reports every change since it began: a new one starts after each record.
    drop_capture();
    attach_capture();
    if (size == 0) {
        sqlite3_free(changes);
        return;
    }
    struct Free {
        void operator()(void* p) const { sqlite3_free(p); }
    };
    const std::unique_ptr<void, Free> owned(changes);
    Query query(*this, "INSERT INTO sync_outbox (at, changeset) VALUES (?1, ?2)");
    query.bind(1, now_micros()).bind_blob(2, changes, size).run();
}

void Storage::without_capture(const std::function<void()>& write) {
    flush_capture();
    if (m_session) sqlite3session_enable(m_session, 0);
    m_capture_paused = true;
    try {
        write();
    } catch (...) {
        m_capture_paused = false;
        if (m_session) sqlite3session_enable(m_session, 1);
        throw;
    }
    m_capture_paused = false;
    if (m_session) sqlite3session_enable(m_session, 1);
}

}  // namespace rolecall
