// Items as changesets: written through a session on a scratch database in memory, read back with the
// session extension's iterator (sync_store.hpp).
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/storage/sync_store.hpp"

#include <memory>

namespace rolecall::sync_store {

namespace {

void check(sqlite3* db, int rc, const char* doing) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE)
        throw Error(fmt::format("{} for sync failed: {}", doing, db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

[[noreturn]] void not_ours() { throw Error("a change in a sync file is not one rolecall writes; the file is damaged"); }

std::string value_text(sqlite3_value* value) {
    if (!value || sqlite3_value_type(value) != SQLITE_TEXT) not_ours();
    const auto* text = sqlite3_value_text(value);
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_value_bytes(value)));
}

}  // namespace

ChangesetWriter::ChangesetWriter() {
    check(nullptr, sqlite3_open_v2(":memory:", &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr),
          "opening a scratch database");
    check(m_db,
          sqlite3_exec(m_db,
                       "CREATE TABLE item (kind TEXT NOT NULL, key TEXT NOT NULL, at INTEGER NOT NULL, "
                       "device TEXT NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, key)) WITHOUT ROWID",
                       nullptr, nullptr, nullptr),
          "making a scratch table");
    // Nothing here outlives the writer: no journal, and one transaction that is never committed (a
    // commit per row was half the time of a first sync).
    check(m_db, sqlite3_exec(m_db, "PRAGMA journal_mode = OFF; BEGIN", nullptr, nullptr, nullptr),
          "making a scratch table");
    start();
}

ChangesetWriter::~ChangesetWriter() {
    sqlite3_finalize(m_insert);
    if (m_session) sqlite3session_delete(m_session);
    sqlite3_close(m_db);
}

void ChangesetWriter::start() {
    check(m_db, sqlite3session_create(m_db, "main", &m_session), "starting a session");
    check(m_db, sqlite3session_attach(m_session, "item"), "starting a session");
    m_items = 0;
    m_bytes = 0;
}

void ChangesetWriter::add(const Item& item) {
    if (!m_insert) {
        check(m_db,
              sqlite3_prepare_v2(
                  m_db, "INSERT OR REPLACE INTO item (kind, key, at, device, body) VALUES (?1, ?2, ?3, ?4, ?5)", -1,
                  &m_insert, nullptr),
              "packing a change");
    }
    sqlite3_stmt* stmt = m_insert;
    const std::string body = item.body.dump();
    sqlite3_bind_text(stmt, 1, item.kind.data(), static_cast<int>(item.kind.size()), SQLITE_STATIC);
    sqlite3_bind_text(stmt, 2, item.key.data(), static_cast<int>(item.key.size()), SQLITE_STATIC);
    sqlite3_bind_int64(stmt, 3, item.stamp.at);
    sqlite3_bind_text(stmt, 4, item.stamp.device.data(), static_cast<int>(item.stamp.device.size()), SQLITE_STATIC);
    sqlite3_bind_text(stmt, 5, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    check(m_db, rc, "packing a change");
    ++m_items;
    m_bytes += body.size() + item.key.size();
}

std::string ChangesetWriter::take() {
    int size = 0;
    void* data = nullptr;
    check(m_db, sqlite3session_changeset(m_session, &size, &data), "packing changes");
    std::string changeset(static_cast<const char*>(data), static_cast<std::size_t>(size));
    sqlite3_free(data);
    sqlite3session_delete(m_session);
    m_session = nullptr;
    check(m_db, sqlite3_exec(m_db, "DELETE FROM item", nullptr, nullptr, nullptr), "clearing a scratch table");
    start();
    return changeset;
}

void read_changeset(std::string_view changeset, const std::function<bool(std::string_view kind)>& wanted,
                    const std::function<void(Item&&)>& visit) {
    sqlite3_changeset_iter* raw = nullptr;
    if (sqlite3changeset_start(&raw, static_cast<int>(changeset.size()), const_cast<char*>(changeset.data())) !=
        SQLITE_OK)
        not_ours();
    const std::unique_ptr<sqlite3_changeset_iter, int (*)(sqlite3_changeset_iter*)> iter(raw,
                                                                                         sqlite3changeset_finalize);
    int rc = SQLITE_OK;
    while ((rc = sqlite3changeset_next(iter.get())) == SQLITE_ROW) {
        const char* table = nullptr;
        int columns = 0;
        int op = 0;
        int indirect = 0;
        if (sqlite3changeset_op(iter.get(), &table, &columns, &op, &indirect) != SQLITE_OK ||
            std::string_view(table) != "item" || columns != 5 || op != SQLITE_INSERT)
            not_ours();
        sqlite3_value* values[5] = {};
        for (int c = 0; c < 5; ++c)
            if (sqlite3changeset_new(iter.get(), c, &values[c]) != SQLITE_OK || !values[c]) not_ours();
        if (sqlite3_value_type(values[2]) != SQLITE_INTEGER) not_ours();
        Item item;
        item.kind = value_text(values[0]);
        if (!wanted(item.kind)) continue;
        item.key = value_text(values[1]);
        item.stamp = Stamp{sqlite3_value_int64(values[2]), value_text(values[3])};
        item.body = nlohmann::json::parse(value_text(values[4]), nullptr, false);
        if (item.body.is_discarded()) not_ours();
        visit(std::move(item));
    }
    if (rc != SQLITE_DONE) not_ours();
}

}  // namespace rolecall::sync_store
