#include "rolecall/storage/anki_collection.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

namespace rolecall {

namespace {

// A prepared statement over the foreign collection, finalized when it goes out of scope.
class Rows {
public:
    Rows(sqlite3* db, const char* sql, const std::function<void(const std::string&)>& fail) : m_fail(fail) {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK) m_fail(sqlite3_errmsg(db));
        m_db = db;
    }
    ~Rows() { sqlite3_finalize(m_stmt); }
    Rows(const Rows&) = delete;
    Rows& operator=(const Rows&) = delete;

    Rows& bind(int index, std::int64_t value) {
        sqlite3_bind_int64(m_stmt, index, value);
        return *this;
    }
    Rows& bind(int index, const char* value) {
        sqlite3_bind_text(m_stmt, index, value, -1, SQLITE_TRANSIENT);
        return *this;
    }
    bool step() {
        int rc = sqlite3_step(m_stmt);
        if (rc == SQLITE_ROW) return true;
        if (rc != SQLITE_DONE) m_fail(sqlite3_errmsg(m_db));
        return false;
    }
    std::int64_t int64(int column) const { return sqlite3_column_int64(m_stmt, column); }
    int integer(int column) const { return sqlite3_column_int(m_stmt, column); }
    std::string text(int column) const {
        auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
        return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, column))) : "";
    }

private:
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
    const std::function<void(const std::string&)>& m_fail;
};

// Reads the note type's kind from its protobuf config (NotetypeConfig.kind, field 1: 1 = cloze).
bool protobuf_says_cloze(const std::string& blob) {
    std::size_t i = 0;
    auto varint = [&](std::uint64_t& value) {
        value = 0;
        for (int shift = 0; i < blob.size() && shift < 64; shift += 7) {
            auto byte = static_cast<unsigned char>(blob[i++]);
            value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
            if ((byte & 0x80) == 0) return true;
        }
        return false;
    };
    while (i < blob.size()) {
        std::uint64_t key = 0;
        if (!varint(key)) return false;
        std::uint64_t field = key >> 3, wire = key & 7, value = 0;
        if (wire == 0) {
            if (!varint(value)) return false;
            if (field == 1) return value == 1;
        } else if (wire == 2) {
            if (!varint(value) || value > blob.size() - i) return false;
            i += value;
        } else if (wire == 1) {
            i += 8;
        } else if (wire == 5) {
            i += 4;
        } else {
            return false;
        }
    }
    return false;
}

}  // namespace

AnkiCollection::AnkiCollection(const std::filesystem::path& file, std::string label) : m_label(std::move(label)) {
    // immutable=1: no journal, no locks, no writes; the file is our private copy anyway.
    std::string uri = "file:" + file.string() + "?immutable=1";
    if (sqlite3_open_v2(uri.c_str(), &m_connection.handle, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) !=
        SQLITE_OK) {
        fail(m_connection.handle ? sqlite3_errmsg(m_connection.handle) : "cannot open");
    }
    // A stranger's schema is not trusted: no triggers or views run, no functions with side effects.
    sqlite3_db_config(m_connection.handle, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
    sqlite3_db_config(m_connection.handle, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
    sqlite3_db_config(m_connection.handle, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
    sqlite3_db_config(m_connection.handle, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_limit(m_connection.handle, SQLITE_LIMIT_LENGTH, 64 * 1024 * 1024);
    if (!has_table("notes") || !has_table("cards") || !has_table("col")) {
        fail("it has no notes, cards and col tables");
    }
    m_modern = has_table("notetypes");
}

AnkiCollection::Connection::~Connection() { sqlite3_close(handle); }

void AnkiCollection::fail(const std::string& what) const {
    throw Error(fmt::format("{}: not a readable Anki collection ({}); export it again from Anki", m_label, what));
}

bool AnkiCollection::has_table(const char* name) {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows rows(m_connection.handle, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", on_error);
    rows.bind(1, name);
    return rows.step();
}

std::map<std::int64_t, AnkiNotetype> AnkiCollection::notetypes() {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    std::map<std::int64_t, AnkiNotetype> types;
    if (m_modern) {
        Rows rows(m_connection.handle, "SELECT id, name, config FROM notetypes", on_error);
        while (rows.step()) types[rows.int64(0)] = AnkiNotetype{rows.text(1), protobuf_says_cloze(rows.text(2))};
        return types;
    }
    Rows rows(m_connection.handle, "SELECT models FROM col LIMIT 1", on_error);
    if (!rows.step()) fail("the col table is empty");
    auto models = nlohmann::json::parse(rows.text(0), nullptr, false);
    if (!models.is_object()) fail("its note types are not valid JSON");
    for (const auto& [id, model] : models.items()) {
        if (!model.is_object()) continue;
        AnkiNotetype type;
        type.name = model.value("name", std::string("Basic"));
        type.cloze = model.value("type", 0) == 1;
        try {
            types[std::stoll(id)] = type;
        } catch (const std::exception&) {
            fail(fmt::format("a note type id '{}' is not a number", id));
        }
    }
    return types;
}

std::map<std::int64_t, std::string> AnkiCollection::decks() {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    std::map<std::int64_t, std::string> names;
    if (m_modern) {
        Rows rows(m_connection.handle, "SELECT id, name FROM decks", on_error);
        while (rows.step()) {
            std::string name = rows.text(1);
            std::string readable;
            for (char c : name) readable += c == '\x1f' ? std::string("::") : std::string(1, c);
            names[rows.int64(0)] = readable;
        }
        return names;
    }
    Rows rows(m_connection.handle, "SELECT decks FROM col LIMIT 1", on_error);
    if (!rows.step()) fail("the col table is empty");
    auto decks = nlohmann::json::parse(rows.text(0), nullptr, false);
    if (!decks.is_object()) return names;
    for (const auto& [id, deck] : decks.items()) {
        if (!deck.is_object() || !deck.contains("name") || !deck["name"].is_string()) continue;
        try {
            names[std::stoll(id)] = deck["name"].get<std::string>();
        } catch (const std::exception&) {}
    }
    return names;
}

std::int64_t AnkiCollection::created_at() {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows rows(m_connection.handle, "SELECT crt FROM col LIMIT 1", on_error);
    return rows.step() ? rows.int64(0) : 0;
}

void AnkiCollection::for_each_note(const std::function<void(const AnkiNote&)>& visit) {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows rows(m_connection.handle,
              "SELECT n.id, n.guid, n.mid, n.tags, n.flds, "
              "(SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1) FROM notes n ORDER BY n.id",
              on_error);
    while (rows.step()) {
        visit(AnkiNote{rows.int64(0), rows.text(1), rows.int64(2), rows.text(3), rows.text(4), rows.int64(5)});
    }
}

std::vector<AnkiCard> AnkiCollection::cards_of_note(std::int64_t note) {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows rows(m_connection.handle,
              "SELECT ord, type, due, ivl, factor, reps, lapses FROM cards WHERE nid = ?1 ORDER BY ord", on_error);
    rows.bind(1, note);
    std::vector<AnkiCard> cards;
    while (rows.step()) {
        cards.push_back(AnkiCard{rows.integer(0), rows.integer(1), rows.int64(2), rows.integer(3), rows.integer(4),
                                 rows.integer(5), rows.integer(6)});
    }
    return cards;
}

}  // namespace rolecall
