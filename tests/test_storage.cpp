#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/storage/storage.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

using namespace rolecall;

namespace {

const std::string deck_text = test::two_roles_deck + "pm/vision: Owns the vision.\npo/stories: Writes user stories.\n";

std::string open_error(const std::filesystem::path& path) {
    try {
        Storage::open(path, true);
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

void run_sql(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

std::string sql_text(const std::filesystem::path& path, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
    std::string text;
    if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0)) {
        text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return text;
}

}  // namespace

TEST_CASE("storage: a schema-1 collection is copied, then upgraded with its history intact", "[storage]") {
    // tests/data/schema1.db: written by rolecall 0.1.0 (schema 1): the built-in deck, two answers.
    test::TempDir dir;
    std::filesystem::copy_file(std::filesystem::path(ROLECALL_TEST_DATA) / "schema1.db", dir / "c.db");
    const char* states =
        "SELECT group_concat(id || ':' || repetitions || ':' || ease || ':' || interval_days || ':' || "
        "ifnull(due, '-') || ':' || lapses, ' ') FROM (SELECT * FROM cards ORDER BY id)";
    const std::string before = sql_text(dir / "c.db", states);
    REQUIRE(sql_text(dir / "c.db", "PRAGMA user_version") == "1");
    {
        auto storage = Storage::open(dir / "c.db", false);
        CHECK(storage->migrated_from() == 1);
        REQUIRE(storage->migration_backup());
        CHECK(*storage->migration_backup() == dir / "c.db.schema1.bak");
    }
    CHECK(sql_text(dir / "c.db", "PRAGMA user_version") == std::to_string(Storage::schema_version));
    CHECK(sql_text(dir / "c.db", "PRAGMA integrity_check") == "ok");
    CHECK(sql_text(dir / "c.db", "SELECT count(*) FROM reviews") == "2");
    CHECK(sql_text(dir / "c.db", states) == before);
    CHECK(sql_text(dir / "c.db", "SELECT count(*) FROM sqlite_schema WHERE name = 'cards_by_deck'") == "1");
    // The copy is the old collection, whole.
    CHECK(sql_text(dir / "c.db.schema1.bak", "PRAGMA user_version") == "1");
    CHECK(sql_text(dir / "c.db.schema1.bak", states) == before);
    // Opening again neither migrates nor copies.
    auto again = Storage::open(dir / "c.db", false);
    CHECK_FALSE(again->migrated_from());
    CHECK_FALSE(std::filesystem::exists(dir / "c.db.schema1.2.bak"));
}

TEST_CASE("storage: a new collection has the schema the migrations build", "[storage]") {
    // A new collection runs one script (fresh_schema.cpp), an old one the migrations from its
    // version: both must end with the same tables, columns, indexes and triggers, to the letter.
    test::TempDir dir;
    std::filesystem::copy_file(std::filesystem::path(ROLECALL_TEST_DATA) / "schema1.db", dir / "old.db");
    { auto migrated = Storage::open(dir / "old.db", false); }
    { auto created = Storage::open(dir / "new.db", true); }
    const char* schema =
        "SELECT group_concat(type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, ''), char(10)) "
        "FROM (SELECT * FROM sqlite_schema ORDER BY type, name)";
    const std::string built = sql_text(dir / "old.db", schema);
    CHECK(built.find("cards_text_pending") != std::string::npos);
    CHECK(sql_text(dir / "new.db", schema) == built);
    CHECK(sql_text(dir / "new.db", "PRAGMA user_version") == std::to_string(Storage::schema_version));
    CHECK(sql_text(dir / "new.db", "PRAGMA integrity_check") == "ok");
    run_sql(dir / "new.db", "INSERT INTO cards_text (cards_text) VALUES ('integrity-check')");
}

TEST_CASE("storage: a new database gets the schema, WAL and the version", "[storage]") {
    test::TempDir dir;
    CHECK_THROWS_WITH(Storage::open(dir / "sub" / "c.db", true), Catch::Contains("sub does not exist: create it"));
    CHECK_FALSE(std::filesystem::exists(dir / "sub"));
    std::filesystem::create_directory(dir / "sub");
    { auto storage = Storage::open(dir / "sub" / "c.db", true); }
    CHECK(std::filesystem::exists(dir / "sub" / "c.db"));
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((dir / "sub" / "c.db").c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(sqlite3_column_int(stmt, 0) == Storage::schema_version);
    sqlite3_finalize(stmt);
    sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
    REQUIRE(sqlite3_step(stmt) == SQLITE_ROW);
    CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0))) == "wal");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

TEST_CASE("storage: a database from a newer rolecall is refused and left untouched", "[storage]") {
    test::TempDir dir;
    { auto storage = Storage::open(dir / "c.db", true); }
    run_sql(dir / "c.db", "PRAGMA user_version = 99");
    auto before = test::read_file(dir / "c.db");
    CHECK_THAT(open_error(dir / "c.db"), Catch::Contains("newer rolecall (schema 99"));
    CHECK(test::read_file(dir / "c.db") == before);
}

TEST_CASE("storage: foreign and damaged files are refused with one clear message", "[storage]") {
    test::TempDir dir;
    test::write_file(dir / "notes.txt", std::string(4096, 'x'));
    CHECK_THAT(open_error(dir / "notes.txt"), Catch::Contains("is not a rolecall database"));
    CHECK(test::read_file(dir / "notes.txt") == std::string(4096, 'x'));

    run_sql(dir / "other.db", "CREATE TABLE t (x)");
    CHECK_THAT(open_error(dir / "other.db"), Catch::Contains("another program"));

    CHECK_THAT(open_error(dir.path()), Catch::Contains("is a folder"));
    CHECK_THROWS_AS(Storage::open(dir / "missing.db", false), Error);
    CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST_CASE("storage: answers are logged with their before and after states, and undone from the log", "[storage]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    sync_fact_deck(*storage, parse_fact_deck(deck_text, "r.deck"), "r.deck", "h");
    const Day today = test::day("2026-11-22");
    auto ids = storage->new_cards(std::nullopt, test::day("2026-11-22"), 10);
    REQUIRE(ids.size() == 2);
    CHECK(storage->count_new(std::nullopt, test::day("2026-11-22")) == 2);

    CardRecord card = storage->card(ids[0]);
    ReviewRecord answer = test::log_answer(*storage, card.id, today, 2);
    Id review = answer.id;

    CHECK(storage->card(card.id).state == answer.after);
    CHECK(storage->count_new(std::nullopt, test::day("2026-11-22")) == 1);
    CHECK(storage->day_counts(std::nullopt, today).new_started == 1);
    CHECK(storage->cards_to_drill(std::nullopt, today) == std::vector<Id>{card.id});
    CHECK(storage->next_due_after(std::nullopt, today) == test::day("2026-11-23"));

    CHECK(storage->undo_answer(review) == card.id);
    CHECK(storage->card(card.id).state == card.state);
    CHECK(storage->count_new(std::nullopt, test::day("2026-11-22")) == 2);
    CHECK(storage->day_counts(std::nullopt, today).reviews == 0);
    CHECK(storage->cards_to_drill(std::nullopt, today).empty());
    CHECK_THROWS_AS(storage->undo_answer(review), Error);
}

TEST_CASE("storage: due cards come most overdue first and respect the deck filter", "[storage]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    sync_fact_deck(*storage, parse_fact_deck(deck_text, "r.deck"), "r.deck", "h");
    auto ids = storage->new_cards(std::nullopt, test::day("2026-11-22"), 10);
    const Day today = test::day("2026-11-22");
    // Answer the second card earlier so it is more overdue.
    test::log_answer(*storage, ids[0], test::day("2026-11-10"), 4);
    test::log_answer(*storage, ids[1], test::day("2026-11-01"), 4);
    CHECK(storage->due_cards(std::nullopt, today, 10) == std::vector<Id>{ids[1], ids[0]});
    CHECK(storage->count_due(std::nullopt, today) == 2);
    CHECK(storage->due_cards(std::nullopt, test::day("2026-11-01"), 10).empty());
    Id deck = storage->find_deck("Roles")->id;
    CHECK(storage->due_cards(deck, today, 1) == std::vector<Id>{ids[1]});
    CHECK(storage->due_cards(deck + 1, today, 10).empty());
}
