#include "rolecall/storage/anki_collection.hpp"

#include "rolecall/base/error.hpp"

#include "storage_internal.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <string_view>

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

// Calls `visit(number, value, bytes)` for each field of a protobuf message (value for varints, bytes
// for length-delimited fields); false when the message is malformed.
bool each_protobuf_field(std::string_view blob,
                         const std::function<void(std::uint64_t, std::uint64_t, std::string_view)>& visit) {
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
        std::uint64_t key = 0, value = 0;
        if (!varint(key)) return false;
        const std::uint64_t field = key >> 3, wire = key & 7;
        if (wire == 0) {
            if (!varint(value)) return false;
            visit(field, value, {});
        } else if (wire == 2) {
            if (!varint(value) || value > blob.size() - i) return false;
            visit(field, 0, blob.substr(i, static_cast<std::size_t>(value)));
            i += static_cast<std::size_t>(value);
        } else if (wire == 1 || wire == 5) {
            const std::size_t size = wire == 1 ? 8 : 4;
            if (size > blob.size() - i) return false;
            i += size;
        } else {
            return false;
        }
    }
    return true;
}

// Anki's collation of names (case-insensitive), so that a statement touching a column declared with
// it can run; rolecall itself never sorts by it.
int unicase_compare(void*, int left_size, const void* left, int right_size, const void* right) {
    const auto* a = static_cast<const unsigned char*>(left);
    const auto* b = static_cast<const unsigned char*>(right);
    const int common = std::min(left_size, right_size);
    for (int i = 0; i < common; ++i) {
        int x = std::tolower(a[i]), y = std::tolower(b[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    return left_size == right_size ? 0 : left_size < right_size ? -1 : 1;
}

// Safe reads of a stranger's JSON: a missing key or a value of another type gives the fallback.
std::string json_text(const nlohmann::json& object, const char* key, const std::string& fallback = "") {
    auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

std::int64_t json_number(const nlohmann::json& object, const char* key, std::int64_t fallback) {
    auto found = object.find(key);
    if (found == object.end()) return fallback;
    if (found->is_number_integer()) return found->get<std::int64_t>();
    if (found->is_number_float()) {
        double value = found->get<double>();
        return value >= -1e15 && value <= 1e15 ? static_cast<std::int64_t>(value) : fallback;
    }
    return fallback;
}

int small_int(std::int64_t value) {
    return static_cast<int>(std::clamp<std::int64_t>(value, -1'000'000'000, 1'000'000'000));
}

}  // namespace

const AnkiTemplate* AnkiNotetype::template_for(int card_ordinal) const {
    if (cloze) return templates.empty() ? nullptr : &templates.front();
    for (const auto& candidate : templates) {
        if (candidate.ordinal == card_ordinal) return &candidate;
    }
    return nullptr;
}

AnkiCollection::AnkiCollection(const std::filesystem::path& file, std::string label) : m_label(std::move(label)) {
    // immutable=1: no journal, no locks, no writes, no -wal or -shm beside it.
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
    sqlite3_create_collation_v2(m_connection.handle, "unicase", SQLITE_UTF8, nullptr, unicase_compare, nullptr);
    if (!has_table("notes") || !has_table("cards") || !has_table("col")) {
        if (has_table("facts") && has_table("fieldModels")) {
            throw Error(fmt::format(
                "{}: an Anki 1.x collection, which rolecall does not read; open it in Anki and export an .apkg",
                m_label));
        }
        auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
        Rows id(m_connection.handle, "PRAGMA application_id", on_error);
        if (id.step() && id.integer(0) == rolecall_application_id) {
            throw Error(fmt::format("{}: a rolecall database, not an Anki collection; nothing to import", m_label));
        }
        fail("it has no notes, cards and col tables");
    }
    // Schema 11 (Anki 2.0 and 2.1) and later; the alphas of Anki 2.0 wrote others, without odid and odue.
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows version(m_connection.handle, "SELECT ver FROM col LIMIT 1", on_error);
    if (version.step() && version.int64(0) < 11) {
        throw Error(
            fmt::format("{}: an Anki collection of schema {}, older than rolecall reads; open it in Anki and "
                        "export an .apkg",
                        m_label, version.int64(0)));
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
    std::map<std::int64_t, AnkiNotetype> types;
    if (m_modern) {
        read_modern_notetypes(types);
    } else {
        read_legacy_notetypes(types);
    }
    return types;
}

// Schema 15 and later: notetypes (kind in the config blob, NotetypeConfig field 1: 1 = cloze), fields
// and templates (q_format and a_format in the config blob, CardTemplate.Config fields 1 and 2).
void AnkiCollection::read_modern_notetypes(std::map<std::int64_t, AnkiNotetype>& types) {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    {
        Rows rows(m_connection.handle, "SELECT id, name, config FROM notetypes", on_error);
        while (rows.step()) {
            AnkiNotetype& type = types[rows.int64(0)];
            type.name = rows.text(1);
            each_protobuf_field(rows.text(2), [&](std::uint64_t field, std::uint64_t value, std::string_view) {
                if (field == 1) type.cloze = value == 1;
            });
        }
    }
    if (has_table("fields")) {
        Rows rows(m_connection.handle, "SELECT ntid, name FROM fields ORDER BY ntid, ord", on_error);
        while (rows.step()) {
            auto type = types.find(rows.int64(0));
            if (type != types.end()) type->second.fields.push_back(rows.text(1));
        }
    }
    if (has_table("templates")) {
        Rows rows(m_connection.handle, "SELECT ntid, ord, name, config FROM templates ORDER BY ntid, ord", on_error);
        while (rows.step()) {
            auto type = types.find(rows.int64(0));
            if (type == types.end()) continue;
            AnkiTemplate card{small_int(rows.int64(1)), rows.text(2), {}, {}};
            each_protobuf_field(rows.text(3), [&](std::uint64_t field, std::uint64_t, std::string_view bytes) {
                if (field == 1) card.question = std::string(bytes);
                if (field == 2) card.answer = std::string(bytes);
            });
            type->second.templates.push_back(std::move(card));
        }
    }
}

// Schema 11: every note type as JSON in col.models, with its fields (flds) and templates (tmpls).
void AnkiCollection::read_legacy_notetypes(std::map<std::int64_t, AnkiNotetype>& types) {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows rows(m_connection.handle, "SELECT models FROM col LIMIT 1", on_error);
    if (!rows.step()) fail("the col table is empty");
    auto models = nlohmann::json::parse(rows.text(0), nullptr, false);
    if (!models.is_object()) fail("its note types are not valid JSON");
    for (const auto& [id, model] : models.items()) {
        if (!model.is_object()) continue;
        AnkiNotetype type;
        type.name = json_text(model, "name", "Basic");
        type.cloze = json_number(model, "type", 0) == 1;
        auto fields = model.find("flds");
        if (fields != model.end() && fields->is_array()) {
            std::vector<std::pair<std::int64_t, std::string>> named;
            for (const auto& field : *fields) {
                if (field.is_object()) named.emplace_back(json_number(field, "ord", 0), json_text(field, "name"));
            }
            std::stable_sort(named.begin(), named.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (auto& field : named) type.fields.push_back(std::move(field.second));
        }
        auto templates = model.find("tmpls");
        if (templates != model.end() && templates->is_array()) {
            int index = 0;
            for (const auto& card : *templates) {
                if (!card.is_object()) continue;
                type.templates.push_back(AnkiTemplate{small_int(json_number(card, "ord", index++)),
                                                      json_text(card, "name"), json_text(card, "qfmt"),
                                                      json_text(card, "afmt")});
            }
            std::stable_sort(type.templates.begin(), type.templates.end(),
                             [](const auto& a, const auto& b) { return a.ordinal < b.ordinal; });
        }
        try {
            types[std::stoll(id)] = std::move(type);
        } catch (const std::exception&) {
            fail(fmt::format("a note type id '{}' is not a number", id));
        }
    }
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

std::map<std::int64_t, std::vector<AnkiReview>> AnkiCollection::reviews() {
    std::map<std::int64_t, std::vector<AnkiReview>> by_card;
    if (!has_table("revlog")) return by_card;
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows rows(m_connection.handle,
              "SELECT cid, id, ease, time FROM revlog WHERE type IN (0, 1, 2) AND ease BETWEEN 1 AND 4 "
              "ORDER BY cid, id",
              on_error);
    while (rows.step()) {
        by_card[rows.int64(0)].push_back(AnkiReview{rows.int64(1), small_int(rows.int64(2)), small_int(rows.int64(3))});
    }
    return by_card;
}

void AnkiCollection::for_each_note(const std::function<void(const AnkiNote&)>& visit) {
    auto on_error = std::function<void(const std::string&)>([this](const std::string& m) { fail(m); });
    Rows notes(m_connection.handle, "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id", on_error);
    // Both in note order, read side by side. A card in a filtered deck (odid) keeps its home deck and,
    // for a review card, its own due day in odue.
    Rows cards(m_connection.handle,
               "SELECT nid, id, ord, CASE WHEN odid != 0 THEN odid ELSE did END, type, queue, "
               "CASE WHEN odid != 0 AND odue != 0 THEN odue ELSE due END, ivl, factor, reps, lapses, flags "
               "FROM cards ORDER BY nid, ord, id",
               on_error);
    bool card = cards.step();
    while (notes.step()) {
        AnkiNote note{notes.int64(0), notes.text(1), notes.int64(2), notes.text(3), notes.text(4), {}};
        while (card && cards.int64(0) < note.id) card = cards.step();  // cards of no note
        for (; card && cards.int64(0) == note.id; card = cards.step()) {
            note.cards.push_back(AnkiCard{
                cards.int64(1), small_int(cards.int64(2)), cards.int64(3), small_int(cards.int64(4)),
                small_int(cards.int64(5)), cards.int64(6), small_int(cards.int64(7)), small_int(cards.int64(8)),
                small_int(cards.int64(9)), small_int(cards.int64(10)), small_int(cards.int64(11))});
        }
        visit(note);
    }
}

}  // namespace rolecall
