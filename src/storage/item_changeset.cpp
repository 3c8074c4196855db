// Items as changesets: written through a session on a scratch database in memory, read back with the
// session extension's iterator (sync_store.hpp).
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/storage/sync_store.hpp"

#include <cstdint>
#include <memory>
#include <string_view>

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

// The table header every changeset of ours starts with: 'T', 5 columns, the primary key's positions
// (kind, key), and the table's name.
constexpr std::string_view item_table_header("T\x05\x01\x02\x00\x00\x00item\x00", 12);

// SQLite's varint: 7 bits a byte, high bit set while more follow; a ninth byte gives all 8 bits.
bool read_varint(std::string_view bytes, std::size_t& at, std::uint64_t& value) {
    value = 0;
    for (int i = 0; i < 9; ++i) {
        if (at >= bytes.size()) return false;
        const auto byte = static_cast<unsigned char>(bytes[at++]);
        if (i == 8) {
            value = (value << 8) | byte;
            return true;
        }
        value = (value << 7) | (byte & 0x7f);
        if ((byte & 0x80) == 0) return true;
    }
    return false;
}

// Whether `bytes` has the shape ChangesetWriter gives: table sections of one table, item, each of
// whole INSERT records of 5 values. Checked before SQLite's iterator sees it, which on a header
// claiming hundreds of columns spent seconds on a 700-byte file (a fuzzer's find).
bool shaped_like_ours(std::string_view bytes) {
    std::size_t at = 0;
    bool in_table = false;
    while (at < bytes.size()) {
        if (bytes[at] == 'T') {
            if (bytes.substr(at, item_table_header.size()) != item_table_header) return false;
            at += item_table_header.size();
            in_table = true;
            continue;
        }
        if (!in_table || bytes[at] != SQLITE_INSERT || at + 1 >= bytes.size()) return false;
        at += 2;  // the operation and the "indirect" flag
        for (int column = 0; column < 5; ++column) {
            if (at >= bytes.size()) return false;
            const auto type = static_cast<unsigned char>(bytes[at++]);
            std::uint64_t size = 0;
            if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
                size = 8;
            } else if (type == SQLITE_TEXT || type == SQLITE_BLOB) {
                if (!read_varint(bytes, at, size)) return false;
            } else if (type != SQLITE_NULL) {
                return false;
            }
            if (size > bytes.size() - at) return false;
            at += static_cast<std::size_t>(size);
        }
    }
    return true;
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
    if (!shaped_like_ours(changeset)) not_ours();
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
