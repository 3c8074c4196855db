// Opening a collection, turning SQLite's errors into messages a user can act on, the statement
// cache and transactions.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <system_error>

#include <fmt/format.h>
#include <sqlite3.h>

namespace rolecall {

std::unique_ptr<Storage> Storage::open(const std::filesystem::path& path, bool create, int busy_ms) {
    std::error_code ec;
    bool exists = std::filesystem::exists(path, ec);
    if (!exists && !create) {
        throw Error(
            fmt::format("no database at {}: run 'rolecall' once to create it, or pass --db PATH", path.string()));
    }
    if (exists && std::filesystem::is_directory(path, ec)) {
        throw Error(fmt::format("{} is a folder, not a database file: pass --db with a file path", path.string()));
    }
    // A missing folder is more often a mistyped path than a wish: nothing is created outside it.
    if (!exists && path.has_parent_path() && !std::filesystem::is_directory(path.parent_path(), ec)) {
        throw Error(fmt::format("the folder {} does not exist: create it, or pass --db with another path",
                                path.parent_path().string()));
    }
    // SQLite's memory statistics take a global mutex on every allocation; rolecall reads none of them.
    static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
    (void)configured;
    sqlite3* db = nullptr;
    // NOMUTEX: one connection used by one thread; SQLite's own locking between processes stays.
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string reason = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        sqlite3_close(db);
        throw Error(
            fmt::format("cannot open the database {}: {}; check the path and its permissions", path.string(), reason));
    }
    std::unique_ptr<Storage> storage(new Storage(db, path, busy_ms));
    storage->configure_and_migrate();
    return storage;
}

Storage::Storage(sqlite3* db, std::filesystem::path path, int busy_ms)
    : m_db(db), m_path(std::move(path)), m_busy_ms(busy_ms) {}

Storage::~Storage() {
    try {
        flush_capture();
    } catch (const Error&) {
        // Closing after a failure: the change it would keep was not committed either.
    }
    drop_capture();
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
        throw Error(
            fmt::format("{} is busy: another process has been writing to it for over {:.1f} s; try again "
                        "when it has finished",
                        m_path.string(), m_busy_ms / 1000.0));
    }
    if ((code & 0xff) == SQLITE_FULL) {
        throw Error(
            fmt::format("cannot write {}: the disk is full (SQLite: {}); nothing was changed, free some space "
                        "and try again",
                        m_path.string(), message));
    }
    if ((code & 0xff) == SQLITE_IOERR) {
        throw Error(fmt::format("cannot write {} (SQLite: {}); nothing was changed: check the disk and its free space",
                                m_path.string(), message));
    }
    if ((code & 0xff) == SQLITE_READONLY || (code & 0xff) == SQLITE_CANTOPEN || (code & 0xff) == SQLITE_PERM) {
        throw Error(
            fmt::format("cannot write {} (SQLite: {}); check its permissions or pass --db", m_path.string(), message));
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

void Storage::defer_checkpoints() {
    // An automatic checkpoint (every 1000 pages, about 80 answers) copies 4 MB and syncs the file:
    // 10-60 ms, on whichever answer crosses the mark. Closing the last connection checkpoints anyway,
    // after the session's summary; a crash leaves the log to the next open, which replays it.
    exec("PRAGMA wal_autocheckpoint = 0");
}

void Storage::set_cache_size(int mib) { exec(fmt::format("PRAGMA cache_size = -{}", mib * 1024).c_str()); }

Storage::Transaction::Transaction(Storage& storage)
    : m_storage(storage), m_outer(sqlite3_get_autocommit(storage.m_db) != 0) {
    // IMMEDIATE takes the write lock up front, so the busy timeout applies here and never midway.
    // A change written outside a transaction is kept on its own first, so a rollback here can't lose it.
    if (m_outer) m_storage.flush_capture();
    m_storage.exec(m_outer ? "BEGIN IMMEDIATE" : "SAVEPOINT nested");
}

Storage::Transaction::~Transaction() {
    if (m_done) return;
    if (m_outer) {
        sqlite3_exec(m_storage.m_db, "ROLLBACK", nullptr, nullptr, nullptr);
        // What the capture saw was rolled back with it.
        if (m_storage.m_session) {
            m_storage.drop_capture();
            m_storage.attach_capture();
        }
    } else {
        sqlite3_exec(m_storage.m_db, "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
    }
}

void Storage::Transaction::commit() {
    if (m_outer) m_storage.flush_capture();  // in this transaction: the change and its record commit together
    m_storage.exec(m_outer ? "COMMIT" : "RELEASE nested");
    m_done = true;
}

std::filesystem::path Storage::copy_beside(const std::string& label) {
    std::filesystem::path backup;
    std::error_code ec;
    for (int n = 1;; ++n) {
        backup = m_path;
        backup += n == 1 ? fmt::format(".{}.bak", label) : fmt::format(".{}.{}.bak", label, n);
        if (!std::filesystem::exists(backup, ec)) break;
    }
    Query query(*this, "VACUUM INTO ?1");
    query.bind(1, backup.string()).run();
    return backup;
}

}  // namespace rolecall
