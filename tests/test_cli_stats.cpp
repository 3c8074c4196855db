// Black-box tests of `rolecall stats`, `export stats` and `report` after scripted sessions.
#include "cli_runner.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;
using test::json;

namespace {

// Every statement is an Alpha: "a" is right, "b" wrong.
const char* alpha_deck =
    "deck = Letters\n[category a]\nname = Alpha\n[category b]\nname = Beta\n[statements]\n"
    "a/1: one\na/2: two\na/3: three\n";

}  // namespace

TEST_CASE("cli stats: an empty collection says something useful everywhere, exit 0", "[cli][stats]") {
    test::Cli cli;
    auto stats = cli.run({"--today", "2026-11-22", "stats"});
    CHECK(stats.exit_code == 0);
    CHECK_THAT(stats.out, Catch::Contains("due 0 (0 overdue) | new available 181"));
    CHECK_THAT(stats.out, Catch::Contains("No choice answers yet."));
    CHECK_THAT(stats.out, Catch::Contains("no lapses yet"));
    auto csv = cli.run({"--today", "2026-11-22", "export", "stats"});
    CHECK(csv.exit_code == 0);
    CHECK(csv.out == "date,reviews,new,correct,retention,minutes,drills,due_at_start\r\n");
    auto report = cli.run({"--today", "2026-11-22", "report", "-o", cli.file("r.html").string()});
    CHECK(report.exit_code == 0);
    CHECK_THAT(test::read_file(cli.file("r.html")), Catch::Contains("No choice answers yet."));
    // "-o -" is standard output, not a file named "-".
    auto piped = cli.run({"--today", "2026-11-22", "report", "-o", "-"});
    CHECK(piped.exit_code == 0);
    CHECK(piped.out == test::read_file(cli.file("r.html")));
    CHECK_FALSE(std::filesystem::exists("-"));  // the commands run in the test's working folder
    auto json_out = cli.run({"--today", "2026-11-22", "stats", "--json"});
    CHECK(json::parse(json_out.out)["current_streak"] == 0);
}

TEST_CASE("cli stats: a scripted week gives the hand-counted figures", "[cli][stats]") {
    test::Cli cli;
    test::write_file(cli.file("letters.deck"), alpha_deck);
    REQUIRE(cli.run({"build", cli.file("letters.deck").string()}).exit_code == 0);
    // The figures were counted by hand for grade 4 after every right pick and no follow-ups.
    for (const char* name : {"quick-seconds", "follow-ups"})
        REQUIRE(cli.run({"config", "set", name, "0"}).exit_code == 0);
    auto review = [&](const char* day, const std::string& lines) {
        auto run = cli.run({"--today", day, "review", "--deck", "Letters"}, lines);
        REQUIRE(run.exit_code == 0);
        return run;
    };
    review("2026-11-01", "a\nb\na\na 4\n");  // one wrong, drilled right
    review("2026-11-02", "a\na\na\n");
    review("2026-11-03", "");  // nothing due: no study day
    review("2026-11-08", "a\nb\na\na 4\n");
    auto stats = json::parse(cli.run({"--today", "2026-11-08", "stats", "--json", "--deck", "Letters"}).out);
    CHECK(stats["scope"] == "Letters");
    CHECK(stats["current_streak"] == 1);
    CHECK(stats["longest_streak"] == 2);
    CHECK(stats["done_today"] == 3);
    CHECK(stats["retention"]["young_all"]["correct"] == 5);
    CHECK(stats["retention"]["young_all"]["total"] == 6);
    CHECK(stats["forecast"][0] == 1);
    CHECK(stats["forecast"][14] == 2);
    // First answers only: the two drills that fixed the misses are not counted (7 right, 2 wrong).
    CHECK(stats["confusion_all"]["counts"] == json::parse("[[7, 2], [0, 0]]"));
    CHECK(stats["confusion_all"]["most_confused"]["true"] == "Alpha");
    CHECK(stats["confusion_all"]["most_confused"]["answered"] == "Beta");

    auto text = cli.run({"--today", "2026-11-08", "stats", "--deck", "Letters"});
    CHECK_THAT(text.out, Catch::Contains("Most confused: Alpha taken for Beta, 2 times (22% of its answers)."));
    CHECK(text.out.find('\x1b') == std::string::npos);  // not a terminal: no colour

    auto csv = cli.run({"--today", "2026-11-08", "export", "stats", "--deck", "Letters", "--since", "2026-11-02"});
    REQUIRE(csv.exit_code == 0);
    CHECK_THAT(csv.out, Catch::StartsWith("date,reviews,new,correct,retention,minutes,drills,due_at_start\r\n"
                                          "2026-11-02,3,0,3,1.0000,"));
    CHECK_THAT(csv.out, Catch::Contains("\r\n2026-11-08,3,0,2,0.6667,"));
    CHECK_THAT(csv.out, Catch::EndsWith(",1,3\r\n"));  // one drill; three cards were due that morning
    auto days = json::parse(cli.run({"--today", "2026-11-08", "export", "stats", "--format", "json"}).out)["days"];
    REQUIRE(days.size() == 3);
    CHECK(days[0]["date"] == "2026-11-01");
    CHECK(days[0]["new"] == 3);
    CHECK(days[0]["due_at_start"] == 0);
    CHECK(days[1]["due_at_start"] == 3);

    auto report = cli.run({"--today", "2026-11-08", "report", "-o", cli.file("week.html").string()});
    CHECK(report.exit_code == 0);
    CHECK(report.err == "rolecall: wrote " + cli.file("week.html").string() + "\n");
    const std::string page = test::read_file(cli.file("week.html"));
    CHECK_THAT(page, Catch::Contains("Most confused: Alpha taken for Beta, 2 times (22% of its answers)."));
}

TEST_CASE("cli stats: bad options are usage errors", "[cli][stats][errors]") {
    test::Cli cli;
    auto days = cli.run({"--today", "2026-11-22", "stats", "--days", "0"});
    CHECK(days.exit_code == 2);
    CHECK(days.err == "rolecall: error: --days 0 must be between 1 and 3650\n");
    auto deck = cli.run({"--today", "2026-11-22", "stats", "--deck", "Nope"});
    CHECK(deck.exit_code == 2);
}

TEST_CASE("cli stats: two decks get a confusion matrix each, in the dashboard, the JSON and the report",
          "[cli][stats]") {
    test::Cli cli;
    test::write_file(cli.file("letters.deck"), alpha_deck);
    test::write_file(cli.file("greek.deck"),
                     "deck = Greek\n[category g]\nname = Gamma\n[category d]\nname = Delta\n[statements]\n"
                     "d/1: four\nd/2: five\n");
    REQUIRE(cli.run({"build", cli.file("letters.deck").string(), cli.file("greek.deck").string()}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "follow-ups", "0"}).exit_code == 0);
    // Letters: one Alpha taken for Beta; Greek: one Delta taken for Gamma. Drills answer right.
    REQUIRE(cli.run({"--today", "2026-11-08", "review", "--deck", "Letters"}, "a\nb\na\na\n").exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-08", "review", "--deck", "Greek"}, "g\nd\nd\n").exit_code == 0);

    auto text = cli.run({"--today", "2026-11-08", "stats"});
    REQUIRE(text.exit_code == 0);
    const std::string all_time = text.out.substr(text.out.find("Confusion (all time)"));
    CHECK_THAT(all_time, Catch::Contains("\n  Greek\n") && Catch::Contains("\n  Letters\n"));
    // First answers only: the drills that follow each miss are not counted.
    CHECK_THAT(all_time, Catch::Contains("Most confused: Delta taken for Gamma, 1 time (50% of its answers)."));
    CHECK_THAT(all_time, Catch::Contains("Most confused: Alpha taken for Beta, 1 time (33% of its answers)."));
    // Greek's matrix holds Greek letters only.
    const std::string greek = all_time.substr(0, all_time.find("\n  Letters\n"));
    CHECK(greek.find("Alpha") == std::string::npos);

    auto stats = json::parse(cli.run({"--today", "2026-11-08", "stats", "--json"}).out);
    const json& decks = stats["confusion_all"]["decks"];
    REQUIRE(decks.size() == 2);
    CHECK(decks[0]["deck"] == "Greek");
    CHECK(decks[0]["categories"] == json::parse(R"(["Gamma", "Delta"])"));
    CHECK(decks[0]["counts"] == json::parse("[[0, 0], [1, 1]]"));
    CHECK(decks[1]["deck"] == "Letters");
    CHECK(decks[1]["most_confused"]["answered"] == "Beta");
    CHECK(stats["confusion_all"]["categories"].size() == 4);  // every deck together, as before
    auto letters = json::parse(cli.run({"--today", "2026-11-08", "stats", "--json", "--deck", "Letters"}).out);
    REQUIRE(letters["confusion_all"]["decks"].size() == 1);
    CHECK(letters["confusion_all"]["decks"][0]["deck"] == "Letters");

    const std::string page = cli.run({"--today", "2026-11-08", "report", "-o", "-"}).out;
    CHECK_THAT(page, Catch::Contains("data-deck=\"Greek\"") && Catch::Contains("data-deck=\"Letters\""));
}

TEST_CASE("cli stats: under FSRS a memory model section sets predicted recall against the answers given",
          "[cli][stats][calibration]") {
    test::Cli cli;
    test::write_file(cli.file("letters.deck"), alpha_deck);
    REQUIRE(cli.run({"build", cli.file("letters.deck").string()}).exit_code == 0);
    for (const char* name : {"quick-seconds", "follow-ups"})
        REQUIRE(cli.run({"config", "set", name, "0"}).exit_code == 0);
    // Before any answer under FSRS, no section (the built-in deck stays on SM-2: no --deck is global).
    REQUIRE(cli.run({"config", "set", "scheduler", "fsrs", "--deck", "Letters"}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "desired-retention", "0.8", "--deck", "Letters"}).exit_code == 0);
    auto none = cli.run({"--today", "2026-11-01", "stats", "--deck", "Letters"});
    REQUIRE(none.exit_code == 0);
    CHECK(none.out.find("Memory model") == std::string::npos);
    // Three new cards right; ten days later all due again: two right, one wrong (then drilled).
    REQUIRE(cli.run({"--today", "2026-11-01", "review", "--deck", "Letters"}, "a\na\na\n").exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-11", "review", "--deck", "Letters"}, "a\nb\na\na 4\n").exit_code == 0);

    auto text = cli.run({"--today", "2026-11-11", "stats", "--deck", "Letters", "--ascii"});
    REQUIRE(text.exit_code == 0);
    CHECK_THAT(text.out, Catch::Contains("Memory model (FSRS): predicted recall against answers, last 30 days"));
    CHECK_THAT(text.out, Catch::Contains("  Letters      ") && Catch::Contains("3     66.7%      80%"));
    CHECK_THAT(text.out, Catch::Contains("\n  all                         3"));
    CHECK_THAT(text.out, Catch::Contains("log loss 0."));

    auto stats = json::parse(cli.run({"--today", "2026-11-11", "stats", "--json", "--deck", "Letters"}).out);
    const json& model = stats["memory_model"];
    REQUIRE(model["decks"].size() == 1);
    CHECK(model["decks"][0]["scheduler"] == "fsrs");
    CHECK(model["decks"][0]["desired_retention"] == 0.8);
    CHECK(model["decks"][0]["reviews"] == 3);
    CHECK(model["decks"][0]["recalled"] == 2);
    CHECK(model["calibration"]["answers"] == 3);
    // The three predictions are alike (same first grade, same ten days), so they share one bin.
    int populated = 0;
    for (const auto& bin : model["calibration"]["bins"]) populated += bin["answers"] == 0 ? 0 : 1;
    CHECK(populated == 1);

    const std::string page = cli.run({"--today", "2026-11-11", "report", "--deck", "Letters", "-o", "-"}).out;
    CHECK_THAT(page, Catch::Contains("id=\"memory-model\"") && Catch::Contains("id=\"calibration\""));
    // A window that ends before the reviews: no predictions, no section.
    auto before = cli.run({"--today", "2026-11-10", "stats", "--deck", "Letters"});
    CHECK(before.out.find("Memory model") == std::string::npos);
}
