#include "anki_package.hpp"

#include "test_support.hpp"

#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

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

// A protobuf varint, and a length-delimited field (wire type 2): what Anki's config blobs hold.
std::string varint(std::uint64_t value) {
    std::string out;
    while (value >= 0x80) {
        out += static_cast<char>((value & 0x7f) | 0x80);
        value >>= 7;
    }
    return out + static_cast<char>(value);
}

std::string protobuf_text(int field, const std::string& text) {
    return varint(static_cast<std::uint64_t>(field) << 3 | 2) + varint(text.size()) + text;
}

// Anki declares its name columns with this collation; a fixture must have it to be made.
int unicase(void*, int a_size, const void* a, int b_size, const void* b) {
    std::string left(static_cast<const char*>(a), static_cast<std::size_t>(a_size));
    std::string right(static_cast<const char*>(b), static_cast<std::size_t>(b_size));
    for (auto* text : {&left, &right}) {
        for (char& c : *text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return left.compare(right);
}

std::vector<AnkiFixtureNotetype> all_notetypes(const std::vector<AnkiFixtureNotetype>& extra) {
    std::vector<AnkiFixtureNotetype> types = {
        {1, "Basic", false, {"Front", "Back"}, {basic_forward}},
        {2, "Basic (and reversed card)", false, {"Front", "Back"}, {basic_forward, basic_reverse}},
        {3, "Cloze", true, {"Text", "Back Extra"}, {{"Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}"}}},
    };
    for (const auto& type : extra) {
        auto same = std::find_if(types.begin(), types.end(), [&](const auto& t) { return t.id == type.id; });
        if (same != types.end()) {
            *same = type;
        } else {
            types.push_back(type);
        }
    }
    return types;
}

// Legacy col.models: every note type as JSON, with flds and tmpls.
std::string models_json(const std::vector<AnkiFixtureNotetype>& types) {
    nlohmann::json models = nlohmann::json::object();
    for (const auto& type : types) {
        nlohmann::json model = {{"id", type.id}, {"name", type.name}, {"type", type.cloze ? 1 : 0}};
        model["flds"] = nlohmann::json::array();
        for (std::size_t i = 0; i < type.fields.size(); ++i) {
            model["flds"].push_back({{"name", type.fields[i]}, {"ord", i}});
        }
        model["tmpls"] = nlohmann::json::array();
        for (std::size_t i = 0; i < type.templates.size(); ++i) {
            const auto& t = type.templates[i];
            model["tmpls"].push_back({{"name", t.name}, {"ord", i}, {"qfmt", t.qfmt}, {"afmt", t.afmt}});
        }
        models[std::to_string(type.id)] = model;
    }
    return models.dump();
}

// The cards Anki would have made of a note without explicit ones.
std::vector<AnkiFixtureCard> cards_of(const AnkiFixtureNote& note, const std::vector<AnkiFixtureNotetype>& types) {
    if (!note.cards.empty()) return note.cards;
    auto type = std::find_if(types.begin(), types.end(), [&](const auto& t) { return t.id == note.notetype; });
    std::vector<int> ords;
    if (type != types.end() && type->cloze) {
        std::set<int> numbers;
        static const std::regex deletion(R"(\{\{c(\d+)::)");
        for (auto it = std::sregex_iterator(note.fields.begin(), note.fields.end(), deletion);
             it != std::sregex_iterator(); ++it) {
            numbers.insert(std::stoi((*it)[1]) - 1);
        }
        ords.assign(numbers.begin(), numbers.end());
        if (ords.empty()) ords.push_back(0);
    } else {
        const std::size_t templates = type == types.end() ? 1 : type->templates.size();
        for (std::size_t i = 0; i < templates; ++i) ords.push_back(static_cast<int>(i));
    }
    std::vector<AnkiFixtureCard> cards;
    for (int ord : ords) {
        AnkiFixtureCard card;
        card.ord = ord;
        if (cards.empty()) {
            card.type = card.queue = note.type;
            card.due = note.due;
            card.interval = note.interval;
            card.factor = note.factor;
        }
        cards.push_back(card);
    }
    return cards;
}

void make_collection(const std::filesystem::path& file, const std::vector<AnkiFixtureNote>& notes, bool modern,
                     const std::vector<AnkiFixtureNotetype>& extra_types, bool wal) {
    const auto types = all_notetypes(extra_types);
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot create fixture collection");
    sqlite3_create_collation_v2(db, "unicase", SQLITE_UTF8, nullptr, unicase, nullptr);
    if (wal) exec(db, "PRAGMA journal_mode = WAL");
    exec(db,
         "CREATE TABLE col (id INTEGER PRIMARY KEY, crt INTEGER, mod INTEGER, scm INTEGER, ver INTEGER, dty INTEGER,"
         " usn INTEGER, ls INTEGER, conf TEXT, models TEXT, decks TEXT, dconf TEXT, tags TEXT);"
         "CREATE TABLE notes (id INTEGER PRIMARY KEY, guid TEXT, mid INTEGER, mod INTEGER, usn INTEGER, tags TEXT,"
         " flds TEXT, sfld TEXT, csum INTEGER, flags INTEGER, data TEXT);"
         "CREATE TABLE cards (id INTEGER PRIMARY KEY, nid INTEGER, did INTEGER, ord INTEGER, mod INTEGER, usn INTEGER,"
         " type INTEGER, queue INTEGER, due INTEGER, ivl INTEGER, factor INTEGER, reps INTEGER, lapses INTEGER,"
         " left INTEGER, odue INTEGER, odid INTEGER, flags INTEGER, data TEXT);"
         "CREATE INDEX ix_cards_nid ON cards (nid);"
         "CREATE TABLE revlog (id INTEGER PRIMARY KEY, cid INTEGER, usn INTEGER, ease INTEGER, ivl INTEGER,"
         " lastIvl INTEGER, factor INTEGER, time INTEGER, type INTEGER);");
    // A hostile touch: a trigger that would write if triggers ran on a stranger's file.
    exec(db, "CREATE TABLE log (x); CREATE TRIGGER spy AFTER INSERT ON notes BEGIN INSERT INTO log VALUES (1); END;");
    std::string decks = R"({"10": {"name": "Lang::French"}, "11": {"name": "Default"}, "12": {"name": "Deutsch"}})";
    exec(db, fmt::format("INSERT INTO col VALUES (1, {}, 0, 0, {}, 0, 0, 0, '{{}}', {}, {}, '{{}}', '{{}}')",
                         fixture_created_at, modern ? 18 : 11, modern ? "''" : sql_text(models_json(types)),
                         modern ? "''" : sql_text(decks)));
    if (modern) {
        // As Anki's schema 18 declares them (rslib/src/storage/upgrades/schema15_upgrade.sql).
        exec(db,
             "CREATE TABLE notetypes (id integer NOT NULL PRIMARY KEY, name text NOT NULL COLLATE unicase,"
             " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL);"
             "CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);"
             "CREATE TABLE fields (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE unicase,"
             " config blob NOT NULL, PRIMARY KEY (ntid, ord)) without rowid;"
             "CREATE UNIQUE INDEX idx_fields_name_ntid ON fields (name, ntid);"
             "CREATE TABLE templates (ntid integer NOT NULL, ord integer NOT NULL, name text NOT NULL COLLATE unicase,"
             " mtime_secs integer NOT NULL, usn integer NOT NULL, config blob NOT NULL, PRIMARY KEY (ntid, ord))"
             " without rowid;"
             "CREATE UNIQUE INDEX idx_templates_name_ntid ON templates (name, ntid);"
             "CREATE TABLE decks (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE unicase,"
             " mtime_secs integer NOT NULL, usn integer NOT NULL, common blob NOT NULL, kind blob NOT NULL);"
             "CREATE UNIQUE INDEX idx_decks_name ON decks (name);");
        for (const auto& type : types) {
            // NotetypeConfig: field 1 (kind) = 1 for cloze; field 3 (css) just to be skipped over.
            const std::string config = (type.cloze ? std::string("\x08\x01", 2) : "") + protobuf_text(3, "ab");
            exec(db, fmt::format("INSERT INTO notetypes VALUES ({}, {}, 0, 0, {})", type.id, sql_text(type.name),
                                 blob(config)));
            for (std::size_t i = 0; i < type.fields.size(); ++i) {
                exec(db,
                     fmt::format("INSERT INTO fields VALUES ({}, {}, {}, X'')", type.id, i, sql_text(type.fields[i])));
            }
            for (std::size_t i = 0; i < type.templates.size(); ++i) {
                // CardTemplate.Config: q_format (1), a_format (2), then a field to skip (target deck, 5).
                const auto& t = type.templates[i];
                const std::string template_config =
                    protobuf_text(1, t.qfmt) + protobuf_text(2, t.afmt) + std::string("\x28\x07", 2);
                exec(db, fmt::format("INSERT INTO templates VALUES ({}, {}, {}, 0, 0, {})", type.id, i,
                                     sql_text(t.name), blob(template_config)));
            }
        }
        exec(db,
             "INSERT INTO decks VALUES (10, 'Lang' || char(31) || 'French', 0, 0, X'', X''), "
             "(11, 'Default', 0, 0, X'', X''), (12, 'Deutsch', 0, 0, X'', X'')");
    }
    std::int64_t card_id = 1000;
    for (const auto& note : notes) {
        exec(db, fmt::format("INSERT INTO notes VALUES ({}, {}, {}, 0, 0, {}, {}, '', 0, 0, '')", note.id,
                             sql_text(note.guid), note.notetype, sql_text(note.tags), sql_text(note.fields)));
        for (const auto& card : cards_of(note, types)) {
            exec(db, fmt::format("INSERT INTO cards VALUES ({}, {}, {}, {}, 0, 0, {}, {}, {}, {}, {}, {}, {}, 0, 0, 0, "
                                 "0, '')",
                                 card_id, note.id, card.deck != 0 ? card.deck : note.deck, card.ord, card.type,
                                 card.queue, card.due, card.interval, card.factor, card.reps, card.lapses));
            for (const auto& review : card.revlog) {
                exec(db, fmt::format("INSERT INTO revlog VALUES ({}, {}, 0, {}, 0, 0, 2500, {}, {})", review.id,
                                     card_id, review.ease, review.time_ms, review.type));
            }
            ++card_id;
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

AnkiFixtureNotetype two_template_basic() {
    return {1, "Basic", false, {"Front", "Back"}, {basic_forward, basic_reverse}};
}

std::vector<AnkiFixtureNotetype> template_notetypes() {
    return {
        {4,
         "Basic (optional reversed card)",
         false,
         {"Front", "Back", "Add Reverse"},
         {basic_forward,
          {"Card 2", "{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}"}}},
        {5,
         "Einfach (beide Richtungen)",
         false,
         {"Vorderseite",
          "R\xc3\xbc"
          "ckseite"},
         {{"Karte 1", "{{Vorderseite}}",
           "{{FrontSide}}\n\n<hr id=answer>\n\n{{R\xc3\xbc"
           "ckseite}}"},
          {"Karte 2",
           "{{R\xc3\xbc"
           "ckseite}}",
           "{{FrontSide}}\n\n<hr id=answer>\n\n{{Vorderseite}}"}}},
        {6,
         "Vocab",
         false,
         {"Word", "Meaning", "Example"},
         {{"Recognition", "<div class=word>{{text:Word}}</div>\n{{#Example}}<div><i>{{Example}}</i></div>{{/Example}}",
           "{{FrontSide}}\n<hr id=answer>\n{{Meaning}}{{^Example}}<br>(no example){{/Example}}<br>{{Tags}} / "
           "{{Deck}}"}}},
        {7,
         "Basic (type in the answer)",
         false,
         {"Front", "Back"},
         {{"Card 1", "{{Front}}\n\n{{type:Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{type:Back}}"}}},
    };
}

void write_apkg(const std::filesystem::path& target, const std::vector<AnkiFixtureNote>& notes, AnkiLayout layout,
                const std::vector<AnkiFixtureNotetype>& notetypes) {
    TempDir work;
    const bool modern = layout == AnkiLayout::modern;
    make_collection(work / "collection", notes, modern, notetypes, false);
    int error = 0;
    zip_t* zip = zip_open(target.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    if (zip == nullptr) throw std::runtime_error("cannot create the fixture zip");
    if (modern) {
        add_entry(zip, "collection.anki21b", zstd_compress(read_file(work / "collection")));
        AnkiFixtureNote dummy{
            1,  "dummy", 1, "Please update to the latest Anki version, then import the .colpkg/.apkg file again.\x1f",
            "", 11};
        make_collection(work / "dummy", {dummy}, false, {}, false);
        add_entry(zip, "collection.anki2", read_file(work / "dummy"));
    } else {
        add_entry(zip, "collection.anki2", read_file(work / "collection"));
    }
    add_entry(zip, "media", "{}");
    if (zip_close(zip) != 0) throw std::runtime_error("cannot write the fixture zip");
}

void write_anki_collection(const std::filesystem::path& target, const std::vector<AnkiFixtureNote>& notes,
                           AnkiLayout layout, const std::vector<AnkiFixtureNotetype>& notetypes, bool wal) {
    std::filesystem::remove(target);
    make_collection(target, notes, layout == AnkiLayout::modern, notetypes, wal);
}

void write_anki1_collection(const std::filesystem::path& target) {
    std::filesystem::remove(target);
    sqlite3* db = nullptr;
    if (sqlite3_open(target.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot create fixture collection");
    exec(db,
         "CREATE TABLE decks (id INTEGER PRIMARY KEY, created NUMERIC, modified NUMERIC, description TEXT);"
         "CREATE TABLE models (id INTEGER PRIMARY KEY, deckId INTEGER, name TEXT);"
         "CREATE TABLE facts (id INTEGER PRIMARY KEY, modelId INTEGER, created NUMERIC, tags TEXT);"
         "CREATE TABLE fields (id INTEGER PRIMARY KEY, factId INTEGER, fieldModelId INTEGER, ordinal INTEGER,"
         " value TEXT);"
         "CREATE TABLE fieldModels (id INTEGER PRIMARY KEY, ordinal INTEGER, modelId INTEGER, name TEXT);"
         "CREATE TABLE cardModels (id INTEGER PRIMARY KEY, ordinal INTEGER, modelId INTEGER, name TEXT, qformat TEXT,"
         " aformat TEXT);"
         "CREATE TABLE cards (id INTEGER PRIMARY KEY, factId INTEGER, cardModelId INTEGER, question TEXT,"
         " answer TEXT, interval NUMERIC, due NUMERIC);");
    sqlite3_close(db);
}

}  // namespace rolecall::test
