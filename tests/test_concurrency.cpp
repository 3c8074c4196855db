// Two processes at once on one collection: two reviews, a review beside an import, and a writer that
// holds the database too long.
#include "child_process.hpp"
#include "cli_runner.hpp"
#include "collection_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <chrono>

using namespace rolecall;
using namespace std::chrono_literals;
using test::Child;

namespace {

// Answers whatever card `child` shows next, if one is waiting; counts acknowledgements.
struct Session {
    Child& child;
    int sent = 0;
    int acknowledged = 0;
    bool over = false;

    void answer(const std::string& header, int limit) {
        if (sent == limit) {
            child.send("q\n");
            return;
        }
        ++sent;
        child.send(header.find("[choice") != std::string::npos ? "2 3\n" : "3\n");
    }

    void step(int limit) {
        auto line = child.line(Child::Clock::now() + 20ms);
        if (!line) return;
        if (line->rfind("--- card", 0) == 0) {
            answer(*line, limit);
        } else if (line->rfind("saved:", 0) == 0) {
            ++acknowledged;
        } else if (line->rfind("=== session", 0) == 0) {
            over = true;
        }
    }
};

}  // namespace

TEST_CASE("concurrency: two reviews of the same cards at once lose no answer and apply none twice",
          "[hardening][concurrency]") {
    test::TempDir dir;
    const auto db = dir / "c.db";
    // Forty which-role statements, all the second role's: "2 3" answers every card right and passes
    // it (a wrong pick cannot pass, and would queue follow-ups that differ between the sessions).
    std::string deck =
        "deck = Seconds\n[category a]\nname = Alpha\n[category b]\nname = Beta\n"
        "[category c]\nname = Gamma\n[statements]\n";
    for (int i = 0; i < 40; ++i) deck += fmt::format("b/s{}: Statement number {}.\n", i, i);
    test::write_file(dir / "seconds.deck", deck);
    test::Cli setup;
    REQUIRE(setup.run({"--db", db.string(), "-q", "build", (dir / "seconds.deck").string()}).exit_code == 0);

    // Both sessions start with the same queue, so they answer the same cards, often at the same moment.
    Child a({"--db", db.string(), "--today", "2026-11-22", "review", "--deck", "Seconds", "--new", "40"},
            dir / "a.err");
    Child b({"--db", db.string(), "--today", "2026-11-22", "review", "--deck", "Seconds", "--new", "40"},
            dir / "b.err");
    Session first{a};
    Session second{b};
    // Neither answers before both have planned their queue (shown their first card).
    std::string header_a;
    std::string header_b;
    REQUIRE(a.wait_for("--- card", Child::Clock::now() + 30s, &header_a));
    REQUIRE(b.wait_for("--- card", Child::Clock::now() + 30s, &header_b));
    first.answer(header_a, 30);
    second.answer(header_b, 30);
    const auto deadline = Child::Clock::now() + 60s;
    while (!(first.over && second.over) && Child::Clock::now() < deadline) {
        if (!first.over) first.step(30);
        if (!second.over) second.step(30);
    }
    a.close_input();
    b.close_input();
    CHECK(a.exit_code() == 0);
    CHECK(b.exit_code() == 0);
    INFO(test::read_file(dir / "a.err") << test::read_file(dir / "b.err"));
    CHECK(first.acknowledged == 30);
    CHECK(second.acknowledged == 30);

    test::Sql sql(db);
    CHECK(sql.number("SELECT count(*) FROM reviews WHERE undone = 0") == 60);
    // Each card was answered twice, once by each session: the second answer built on the first.
    CHECK(sql.number("SELECT count(*) FROM (SELECT card_id FROM reviews GROUP BY card_id HAVING count(*) = 2)") == 30);
    CHECK(sql.number("SELECT count(*) FROM cards WHERE repetitions = 2") == 30);
    test::check_collection(db);
}

TEST_CASE("concurrency: a review and an import at once both finish whole", "[hardening][concurrency]") {
    test::TempDir dir;
    const auto db = dir / "c.db";
    std::string rows;
    for (int i = 0; i < 3000; ++i) rows += fmt::format("question {}\tanswer {}\n", i, i);
    test::write_file(dir / "rows.tsv", rows);
    test::Cli setup;
    REQUIRE(setup.run({"--db", db.string(), "-q", "build"}).exit_code == 0);

    Child review({"--db", db.string(), "--today", "2026-11-22", "review", "--deck", "Product roles"}, dir / "r.err");
    Session session{review};
    // The import starts once the review is under way, and runs while it answers.
    while (session.acknowledged < 3 && !session.over) session.step(1000);
    Child import({"--db", db.string(), "-q", "import", (dir / "rows.tsv").string(), "--deck", "Rows"}, dir / "i.err");
    const auto deadline = Child::Clock::now() + 60s;
    while (session.sent < 20 && !session.over && Child::Clock::now() < deadline) session.step(20);
    review.send("q\n");
    review.close_input();
    while (auto line = review.line(Child::Clock::now() + 30s)) {
        if (line->rfind("saved:", 0) == 0) ++session.acknowledged;
    }
    CHECK(review.exit_code() == 0);
    CHECK(import.exit_code() == 0);
    INFO(test::read_file(dir / "r.err") << test::read_file(dir / "i.err"));

    test::Sql sql(db);
    CHECK(sql.number("SELECT count(*) FROM reviews WHERE undone = 0") == session.acknowledged);
    CHECK(session.acknowledged == 20);
    CHECK(sql.number("SELECT count(*) FROM notes n JOIN decks d ON d.id = n.deck_id WHERE d.name = 'Rows'") == 3000);
    test::check_collection(db);
}

TEST_CASE("concurrency: a writer that holds the database too long gets one clear message", "[hardening][concurrency]") {
    test::TempDir dir;
    const auto db = dir / "c.db";
    test::Cli cli;
    REQUIRE(cli.run({"--db", db.string(), "-q", "build"}).exit_code == 0);
    sqlite3* holder = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &holder) == SQLITE_OK);
    REQUIRE(sqlite3_exec(holder, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);

    ::setenv("ROLECALL_BUSY_TIMEOUT", "300", 1);  // instead of 5 s
    auto run = cli.run({"--db", db.string(), "--today", "2026-11-22", "import",
                        std::string(ROLECALL_TEST_DATA) + "/import/anki-basic.txt", "--deck", "Blocked"});
    ::unsetenv("ROLECALL_BUSY_TIMEOUT");
    sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(holder);
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::StartsWith("rolecall: error: ") && Catch::Contains("is busy: another process") &&
                            Catch::Contains("try again when it has finished"));
    CHECK(std::count(run.err.begin(), run.err.end(), '\n') == 1);
    test::Sql sql(db);
    CHECK(sql.number("SELECT count(*) FROM decks WHERE name = 'Blocked'") == 0);
}
