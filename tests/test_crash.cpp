// Crash safety, tested by killing: scripted reviews and imports are stopped with SIGKILL at random
// moments (seeded; ROLECALL_CRASH_SEED picks another seed), and the collection is checked after each.
#include "child_process.hpp"
#include "collection_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <random>
#include <thread>

using namespace rolecall;
using namespace std::chrono_literals;
using test::Child;

namespace {

std::uint64_t crash_seed() {
    const char* text = std::getenv("ROLECALL_CRASH_SEED");
    return text ? std::strtoull(text, nullptr, 10) : 20261122;
}

std::string study_day(int offset) { return format_day(test::day("2026-11-22") + boost::gregorian::days(offset)); }

}  // namespace

TEST_CASE("crash: SIGKILL mid-review keeps every acknowledged answer exactly once", "[hardening][crash]") {
    const auto seed = crash_seed();
    INFO("seed " << seed);
    std::mt19937_64 random(seed);
    test::TempDir dir;
    const auto db = dir / "c.db";
    const auto started = Child::Clock::now();

    std::vector<std::string> expected;  // grades of the answers the log must hold, in order
    int kills = 0;
    for (int round = 0; round < 40 && Child::Clock::now() - started < 20s; ++round) {
        // A new study day every round, so that new cards come and answered ones fall due again.
        Child child({"--db", db.string(), "--today", study_day(round), "review", "--new", "25"}, dir / "err");
        // One round in four is killed up to 60 ms after the start, often before the first card (while
        // the collection is made or the deck built); the others up to 60 ms after their first card, so
        // a slow or loaded machine still kills sessions mid-answer instead of only at start-up.
        const bool from_start = random() % 4 == 0;
        auto kill_at = Child::Clock::now() + (from_start ? std::chrono::microseconds(random() % 60000) : 10s);
        bool timed_from_card = from_start;
        std::vector<std::string> sent;
        std::size_t acknowledged = 0;
        while (auto line = child.line(kill_at)) {
            if (!timed_from_card && line->rfind("--- card", 0) == 0) {
                kill_at = Child::Clock::now() + std::chrono::microseconds(random() % 60000);
                timed_from_card = true;
            }
            if (line->rfind("--- card", 0) == 0) {
                // A choice card's pick may be wrong, and a wrong pick cannot pass: its grade is 0-2,
                // which the log holds as typed whether the pick was right or not.
                const bool choice = line->find("[choice") != std::string::npos;
                std::string grade = std::to_string(random() % (choice ? 3 : 6));
                sent.push_back(grade);
                child.send((choice ? "1 " : "") + grade + "\n");
            } else if (line->rfind("saved:", 0) == 0) {
                ++acknowledged;
            }
        }
        child.signal(SIGKILL);
        int status = child.wait();
        if (WIFSIGNALED(status)) ++kills;

        if (!std::filesystem::exists(db)) {  // killed before the file was created
            CHECK(acknowledged == 0);
            continue;
        }
        test::Sql sql(db);
        if (sql.number("SELECT count(*) FROM sqlite_schema WHERE name = 'reviews'") == 0) {
            // Killed before the collection had its tables: nothing can have been acknowledged.
            CHECK(acknowledged == 0);
            continue;
        }
        // The answers in the log, oldest first: what came before, then this round's acknowledged
        // answers in the order given, then at most the one that was being committed when it died.
        auto logged = sql.column("SELECT grade FROM reviews WHERE undone = 0 ORDER BY id");
        INFO("round " << round << ": sent " << sent.size() << ", acknowledged " << acknowledged << ", log "
                      << logged.size() << " after " << expected.size());
        REQUIRE(logged.size() >= expected.size() + acknowledged);
        REQUIRE(logged.size() <= expected.size() + std::min(sent.size(), acknowledged + 1));
        for (std::size_t i = 0; i < logged.size() - expected.size(); ++i) {
            CHECK(logged[expected.size() + i] == sent[i]);
        }
        expected = logged;
        test::check_collection(db);
    }
    CHECK(kills >= 10);  // the test did kill mid-way, not only watch sessions end
    CHECK(expected.size() >= 50);
}

TEST_CASE("crash: SIGKILL mid-import leaves all of the import or none of it", "[hardening][crash]") {
    const auto seed = crash_seed();
    INFO("seed " << seed);
    std::mt19937_64 random(seed);
    test::TempDir dir;
    const auto db = dir / "c.db";
    std::string rows;
    constexpr int row_count = 4000;
    for (int i = 0; i < row_count; ++i) rows += fmt::format("front {} ünïcode\tback {}\n", i, i);
    test::write_file(dir / "rows.tsv", rows);

    // How long a whole import takes here (the sanitizer build is slower): kills land across it.
    auto whole_started = Child::Clock::now();
    {
        Child whole({"--db", db.string(), "-q", "import", (dir / "rows.tsv").string(), "--deck", "Whole"}, dir / "err");
        REQUIRE(whole.exit_code() == 0);
    }
    const auto whole = std::chrono::duration_cast<std::chrono::microseconds>(Child::Clock::now() - whole_started);

    int none = 0;
    int all = 0;
    for (int round = 0; round < 12; ++round) {
        const std::string deck = fmt::format("Import {}", round);
        Child child({"--db", db.string(), "-q", "import", (dir / "rows.tsv").string(), "--deck", deck}, dir / "err");
        std::this_thread::sleep_for(std::chrono::microseconds(random() % static_cast<std::uint64_t>(whole.count())));
        child.signal(SIGKILL);
        child.wait();

        test::Sql sql(db);
        REQUIRE(sql.number("SELECT count(*) FROM sqlite_schema WHERE name = 'notes'") == 1);
        long notes =
            sql.number("SELECT count(*) FROM notes n JOIN decks d ON d.id = n.deck_id WHERE d.name = ?1", deck);
        long cards =
            sql.number("SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.name = ?1", deck);
        long decks = sql.number("SELECT count(*) FROM decks WHERE name = ?1", deck);
        INFO("round " << round << ": " << notes << " notes, " << cards << " cards, deck rows " << decks);
        CHECK(((notes == 0 && cards == 0 && decks == 0) || (notes == row_count && cards == row_count && decks == 1)));
        (notes == 0 ? none : all) += 1;
        test::check_collection(db);
    }
    CHECK(none > 0);  // at least one kill landed before the commit
}

TEST_CASE("crash: SIGKILL mid-sync leaves the collection and the folder usable", "[hardening][crash][sync]") {
    const auto seed = crash_seed();
    INFO("seed " << seed);
    std::mt19937_64 random(seed);
    test::TempDir dir;
    const auto pristine = dir / "pristine.db";
    std::string rows;
    constexpr int row_count = 3000;
    for (int i = 0; i < row_count; ++i) rows += fmt::format("front {}\tback {}\n", i, i);
    test::write_file(dir / "rows.tsv", rows);
    {
        Child import({"--db", pristine.string(), "-q", "import", (dir / "rows.tsv").string(), "--deck", "Rows"},
                     dir / "err");
        REQUIRE(import.exit_code() == 0);
    }
    std::filesystem::create_directory(dir / "timing");
    std::filesystem::copy_file(pristine, dir / "timing.db");
    auto started = Child::Clock::now();
    {
        Child whole({"--db", (dir / "timing.db").string(), "sync", (dir / "timing").string()}, dir / "err");
        REQUIRE(whole.exit_code() == 0);
    }
    const auto whole = std::chrono::duration_cast<std::chrono::microseconds>(Child::Clock::now() - started);

    int killed_before_commit = 0;
    for (int round = 0; round < 6; ++round) {
        INFO("round " << round);
        const auto db = dir / fmt::format("r{}.db", round);
        const auto folder = dir / fmt::format("f{}", round);
        std::filesystem::create_directory(folder);
        std::filesystem::copy_file(pristine, db);
        {
            Child child({"--db", db.string(), "sync", folder.string()}, dir / "err");
            std::this_thread::sleep_for(
                std::chrono::microseconds(random() % static_cast<std::uint64_t>(whole.count())));
            child.signal(SIGKILL);
            child.wait();
        }
        test::check_collection(db);
        int published = 0;
        for (const auto& entry : std::filesystem::directory_iterator(folder))
            if (entry.path().extension() == ".rcsync") ++published;
        killed_before_commit += published == 0 ? 1 : 0;
        // The next sync finishes the work; a new device then gets every card, whatever the kill left.
        {
            Child again({"--db", db.string(), "-q", "sync", folder.string()}, dir / "err");
            REQUIRE(again.exit_code() == 0);
        }
        const auto fresh = dir / fmt::format("fresh{}.db", round);
        {
            Child join({"--db", fresh.string(), "-q", "sync", folder.string()}, dir / "err");
            REQUIRE(join.exit_code() == 0);
        }
        test::Sql sql(fresh);
        CHECK(sql.number("SELECT count(*) FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.name = 'Rows'") ==
              row_count);
        for (const auto& entry : std::filesystem::directory_iterator(folder))
            CHECK(entry.path().extension() == ".rcsync");  // a killed sync's partial file is gone
        test::check_collection(fresh);
    }
    CHECK(killed_before_commit > 0);
}
