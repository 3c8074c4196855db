// Black-box tests of settings, `due`, `--quiet` and the hidden `complete` command.
#include "cli_runner.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace rolecall;

TEST_CASE("cli config: settings persist, validate, and apply per deck", "[cli][config]") {
    test::Cli cli;
    CHECK(cli.run({"config", "get", "new-per-day"}).out == "20\n");
    REQUIRE(cli.run({"config", "set", "new-per-day", "3"}).exit_code == 0);
    CHECK(cli.run({"config", "get", "new-per-day"}).out == "3\n");  // survives a restart: a new process
    auto bad = cli.run({"config", "set", "new-per-day", "10000"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "rolecall: error: new-per-day must be 0..9999, not '10000'\n");
    auto typo = cli.run({"config", "set", "new-per-dya", "3"});
    CHECK(typo.err == "rolecall: error: unknown setting 'new-per-dya': did you mean 'new-per-day'?\n");
    CHECK(cli.run({"config", "set", "rollover-hour", "3", "--deck", "Product roles"}).exit_code == 2);
    CHECK(cli.run({"config", "set", "colour", "sometimes"}).exit_code == 2);

    // The setting shapes the queue; --new overrides it for one run.
    auto review = cli.run({"--today", "2026-11-22", "review"});
    CHECK_THAT(review.out, Catch::Contains("--- card 1 of 3 "));
    auto override = cli.run({"--today", "2026-11-22", "review", "--new", "5"});
    CHECK_THAT(override.out, Catch::Contains("--- card 1 of 5 "));

    // A deck's own value applies when that deck is reviewed.
    REQUIRE(cli.run({"config", "set", "new-per-day", "2", "--deck", "Product roles"}).exit_code == 0);
    CHECK(cli.run({"config", "get", "new-per-day", "--deck", "Product roles"}).out == "2\n");
    auto deck_review = cli.run({"--today", "2026-11-22", "review", "--deck", "Product roles"});
    CHECK_THAT(deck_review.out, Catch::Contains("--- card 1 of 2 "));
    auto list = cli.run({"config", "list", "--deck", "Product roles"});
    CHECK_THAT(list.out, Catch::Contains("new-per-day       2       (set for this deck)"));
    REQUIRE(cli.run({"config", "unset", "new-per-day", "--deck", "Product roles"}).exit_code == 0);
    CHECK(cli.run({"config", "get", "new-per-day", "--deck", "Product roles"}).out == "3\n");
}

TEST_CASE("cli config: the suggested grades come from the settings", "[cli][config]") {
    test::Cli cli;
    test::write_file(cli.file("l.deck"),
                     "deck = L\n[category a]\nname = Alpha\n[category b]\nname = Beta\n"
                     "[statements]\na/1: one\na/2: two\n");
    REQUIRE(cli.run({"build", cli.file("l.deck").string()}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "grade-right", "5"}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "grade-wrong", "0"}).exit_code == 0);
    auto run = cli.run({"--today", "2026-11-22", "review", "--deck", "L"}, "a\nb\n");
    CHECK_THAT(run.out, Catch::Contains("saved: grade 5;"));
    CHECK_THAT(run.out, Catch::Contains("saved: grade 0;"));
}

TEST_CASE("cli config: max-interval caps the intervals a review gives", "[cli][config]") {
    test::Cli cli;
    test::write_file(cli.file("w.tsv"), "sol\tsun\n");
    REQUIRE(cli.run({"import", cli.file("w.tsv").string()}).exit_code == 0);
    CHECK(cli.run({"config", "set", "max-interval", "0"}).exit_code == 2);
    CHECK(cli.run({"config", "set", "max-interval", "4", "--deck", "w"}).exit_code == 2);  // global only
    REQUIRE(cli.run({"config", "set", "max-interval", "4"}).exit_code == 0);
    // 5 then 5: SM-2 gives 1 day, then 6; the cap makes the second one 4, in the preview too.
    auto first = cli.run({"--today", "2026-11-22", "review", "--deck", "w"}, "5\n");
    CHECK_THAT(first.out, Catch::Contains("saved: grade 5; next review 2026-11-23 (tomorrow)"));
    auto second = cli.run({"--today", "2026-11-23", "review", "--deck", "w"}, "5\n");
    CHECK_THAT(second.out, Catch::Contains("saved: grade 5; next review 2026-11-27 (in 4 days)"));
}

TEST_CASE("cli due: the number of cards due, without creating a database", "[cli][due]") {
    test::Cli cli;
    auto none = cli.run({"--db", cli.file("missing.db").string(), "due"});
    CHECK(none.exit_code == 0);
    CHECK(none.out == "0\n");
    CHECK_FALSE(std::filesystem::exists(cli.file("missing.db")));
    test::write_file(cli.file("w.tsv"), "sol\tsun\nluna\tmoon\nmar\tsea\n");
    REQUIRE(cli.run({"import", cli.file("w.tsv").string()}).exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-22", "review", "--deck", "w", "--new", "2"}, "4\n4\n").exit_code == 0);
    CHECK(cli.run({"--today", "2026-11-22", "due"}).out == "0\n");
    CHECK(cli.run({"--today", "2026-11-23", "due"}).out == "2\n");
}

TEST_CASE("cli: --quiet keeps stderr for errors only, complete lists decks and settings", "[cli]") {
    test::Cli cli;
    auto loud = cli.run({"--today", "2026-11-22", "report", "-o", cli.file("r.html").string()});
    CHECK_THAT(loud.err, Catch::StartsWith("rolecall: wrote "));
    auto quiet = cli.run({"-q", "--today", "2026-11-22", "report", "-o", cli.file("r.html").string()});
    CHECK(quiet.err.empty());
    CHECK(cli.run({"complete", "decks"}).out == "Product roles\n");
    CHECK_THAT(cli.run({"complete", "settings"}).out, Catch::StartsWith("new-per-day\nreviews-per-day\n"));
    auto help = cli.run({"--help"});
    CHECK(help.out.find("complete") == std::string::npos);  // hidden
    auto version = cli.run({"--version"});
    CHECK_THAT(version.out, Catch::Matches("rolecall [0-9.]+ \\(SQLite 3\\.[0-9.]+\\)\n"));
}

TEST_CASE("cli config: a deck's own new-per-day holds when every deck is reviewed", "[cli][config][queue]") {
    test::Cli cli;
    std::string rows;
    for (int i = 0; i < 30; ++i) rows += "word " + std::to_string(i) + "\tmeaning\n";
    test::write_file(cli.file("words.tsv"), rows);
    REQUIRE(cli.run({"import", cli.file("words.tsv").string()}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "new-per-day", "2", "--deck", "Product roles"}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "new-per-day", "10"}).exit_code == 0);
    auto review = cli.run({"--today", "2026-11-22", "review"});
    // 10 new cards in all, no more than 2 of them from the built-in deck.
    CHECK_THAT(review.out, Catch::Contains("--- card 1 of 10 "));
    // Answer all ten right with a 4 (a wrong pick cannot pass), then count per deck in the log.
    for (int i = 0; i < 10; ++i) {
        auto look = cli.run({"--today", "2026-11-22", "review"});
        std::string line = cli.right_line(look.out, "Product roles", 4);
        REQUIRE(cli.run({"--today", "2026-11-22", "review"}, line).exit_code == 0);
    }
    auto log = cli.reviews();
    REQUIRE(log.size() == 10);
    int builtin = 0;
    for (const auto& card : cli.card_of_deck("Product roles")) builtin += card["due"].is_null() ? 0 : 1;
    CHECK(builtin <= 2);
    CHECK(cli.run({"--today", "2026-11-22", "due"}).out == "0\n");
    CHECK_THAT(cli.run({"--today", "2026-11-22", "review"}).out, Catch::Contains("Nothing is due today"));
}
