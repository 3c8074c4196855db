#include "anki_package.hpp"

#include "test_support.hpp"

#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace rolecall::test {

namespace {

void exec(sqlite3* db, const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error ? error : "?";
        sqlite3_free(error);
        throw std::runtime_error("fixture SQL failed: " + message);
    }
}

std::string sql_text(const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// A hex blob literal X'..'.
std::string blob(const std::string& bytes) {
    std::string out = "X'";
    for (char c : bytes) out += fmt::format("{:02x}", static_cast<unsigned char>(c));
    return out + "'";
}

void make_collection(const std::filesystem::path& file, const std::vector<AnkiFixtureNote>& notes, bool modern) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot create fixture collection");
    exec(db,
         "CREATE TABLE col (id INTEGER PRIMARY KEY, crt INTEGER, mod INTEGER, scm INTEGER, ver INTEGER, dty INTEGER,"
         " usn INTEGER, ls INTEGER, conf TEXT, models TEXT, decks TEXT, dconf TEXT, tags TEXT);"
         "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, mod INTEGER, usn INTEGER, tags TEXT,"
         " flds TEXT, sfld TEXT, csum INTEGER, flags INTEGER, data TEXT);"
         "CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER, mod INTEGER, usn INTEGER,"
         " type INTEGER, queue INTEGER, due INTEGER, ivl INTEGER, factor INTEGER, reps INTEGER, lapses INTEGER,"
         " left INTEGER, odue INTEGER, odid INTEGER, flags INTEGER, data TEXT);");
    // A hostile touch: a trigger that would write if triggers ran on a stranger's file.
    exec(db, "CREATE TABLE log (x); CREATE TRIGGER spy AFTER INSERT ON notes BEGIN INSERT INTO log VALUES (1); END;");
    std::string models =
        R"json({"1": {"name": "Basic", "type": 0}, "2": {"name": "Basic (and reversed card)", "type": 0},
                            "3": {"name": "Cloze", "type": 1}})json";
    std::string decks = R"({"10": {"name": "Lang::French"}, "11": {"name": "Default"}})";
    exec(db, fmt::format("INSERT INTO col VALUES (1, {}, 0, 0, 11, 0, 0, 0, '{{}}', {}, {}, '{{}}', '{{}}')",
                         fixture_created_at, modern ? "''" : sql_text(models), modern ? "''" : sql_text(decks)));
    if (modern) {
        exec(db,
             "CREATE TABLE notetypes (id INTEGER PRIMARY KEY, name TEXT, mtime_secs INTEGER, usn INTEGER, config BLOB);"
             "CREATE TABLE decks (id INTEGER PRIMARY KEY, name TEXT, mtime_secs INTEGER, usn INTEGER, common BLOB,"
             " kind BLOB);");
        // NotetypeConfig: field 1 (kind) = 1 for cloze; field 3 (css) just to be skipped over.
        std::string cloze_config = std::string(
            "\x08\x01\x1a\x02"
            "ab",
            6);
        std::string basic_config = std::string(
            "\x1a\x02"
            "ab",
            4);
        exec(db, fmt::format("INSERT INTO notetypes VALUES (1, 'Basic', 0, 0, {0}), "
                             "(2, 'Basic (and reversed card)', 0, 0, {0}), (3, 'Cloze', 0, 0, {1})",
                             blob(basic_config), blob(cloze_config)));
        exec(db,
             "INSERT INTO decks VALUES (10, 'Lang' || char(31) || 'French', 0, 0, X'', X''), "
             "(11, 'Default', 0, 0, X'', X'')");
    }
    std::int64_t card_id = 1000;
    for (const auto& note : notes) {
        exec(db, fmt::format("INSERT INTO notes VALUES ({}, {}, {}, 0, 0, {}, {}, '', 0, 0, '')", note.id,
                             sql_text(note.guid), note.notetype, sql_text(note.tags), sql_text(note.fields)));
        int cards = note.notetype == 2 ? 2 : 1;
        for (int ord = 0; ord < cards; ++ord) {
            exec(db, fmt::format(
                         "INSERT INTO cards VALUES ({}, {}, {}, {}, 0, 0, {}, {}, {}, {}, {}, 3, 1, 0, 0, 0, 0, '')",
                         card_id++, note.id, note.deck, ord, ord == 0 ? note.type : 0, ord == 0 ? note.type : 0,
                         ord == 0 ? note.due : 0, ord == 0 ? note.interval : 0, ord == 0 ? note.factor : 0));
        }
    }
    sqlite3_close(db);
}

std::string zstd_compress(const std::string& data) {
    std::string out(ZSTD_compressBound(data.size()), '\0');
    std::size_t size = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
    if (ZSTD_isError(size)) throw std::runtime_error("zstd failed");
    out.resize(size);
    return out;
}

void add_entry(zip_t* zip, const char* name, const std::string& data) {
    // libzip copies nothing until zip_close: keep the bytes alive by handing it a malloc'd buffer to free.
    void* copy = std::malloc(data.size() == 0 ? 1 : data.size());
    std::memcpy(copy, data.data(), data.size());
    zip_source_t* source = zip_source_buffer(zip, copy, data.size(), 1);
    if (source == nullptr || zip_file_add(zip, name, source, ZIP_FL_OVERWRITE) < 0) {
        throw std::runtime_error("cannot add a zip entry");
    }
}

}  // namespace

void write_apkg(const std::filesystem::path& target, const std::vector<AnkiFixtureNote>& notes, AnkiLayout layout) {
    TempDir work;
    const bool modern = layout == AnkiLayout::modern;
    make_collection(work / "collection", notes, modern);
    int error = 0;
    zip_t* zip = zip_open(target.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (zip == nullptr) throw std::runtime_error("cannot create the fixture zip");
    if (modern) {
        add_entry(zip, "collection.anki21b", zstd_compress(read_file(work / "collection")));
        AnkiFixtureNote dummy{
            1,  "dummy", 1, "Please update to the latest Anki version, then import the .colpkg/.apkg file again.\x1f",
            "", 11};
        make_collection(work / "dummy", {dummy}, false);
        add_entry(zip, "collection.anki2", read_file(work / "dummy"));
    } else {
        add_entry(zip, "collection.anki2", read_file(work / "collection"));
    }
    add_entry(zip, "media", "{}");
    if (zip_close(zip) != 0) throw std::runtime_error("cannot write the fixture zip");
}

}  // namespace rolecall::test
