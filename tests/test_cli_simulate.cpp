// Black-box tests of `rolecall simulate`: its JSON, its checks of --days and --deck, an empty
// collection, a repeatable run, and the report's workload chart.
#include "cli_runner.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

namespace {

void three_cards_reviewed(test::Cli& cli) {
    test::write_file(cli.file("w.tsv"), "sol\tsun\nluna\tmoon\nmar\tsea\n");
    REQUIRE(cli.run({"import", cli.file("w.tsv").string()}).exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-02", "review", "--deck", "w"}, "4\n4\n1\n").exit_code == 0);
}

}  // namespace

TEST_CASE("cli simulate: --json has every variant with its totals and daily series", "[cli][simulate]") {
    test::Cli cli;
    three_cards_reviewed(cli);
    const auto run = cli.run({"--today", "2026-11-03", "simulate", "--deck", "w", "--days", "30", "--json"});
    REQUIRE(run.exit_code == 0);
    const auto doc = test::json::parse(run.out);
    CHECK(doc["schema_version"] == 1);
    CHECK(doc["scope"] == "w");
    CHECK(doc["today"] == "2026-11-03");
    CHECK(doc["days"] == 30);
    CHECK(doc["seed"] == 1);
    CHECK(doc["cards"] == 3);
    CHECK(doc["new_cards"] == 0);
    CHECK(doc["current_scheduler"] == "sm2");
    CHECK(doc["learner"]["times_from_log"] == false);  // three scripted answers: the defaults
    CHECK(doc["learner"]["seconds_recalled"] == 8.0);
    const auto& variants = doc["variants"];
    REQUIRE(variants.size() == 4);
    CHECK(variants[0]["label"] == "SM-2");
    CHECK(variants[0]["desired_retention"].is_null());
    CHECK(variants[1]["label"] == "FSRS 0.90");
    CHECK(variants[2]["desired_retention"] == 0.85);
    CHECK(variants[3]["desired_retention"] == 0.95);
    for (const auto& v : variants) {
        for (const char* key : {"reviews", "new", "minutes", "reviews_per_day", "minutes_per_day", "recall_at_review",
                                "retention_end", "memorised_end"})
            CHECK(v.contains(key));
        for (const char* series : {"reviews", "new", "minutes", "retention", "memorised", "backlog"})
            CHECK(v["daily"][series].size() == 30);
        // Day 0: the three cards due today (answered yesterday, SM-2's one day) under every scheduler.
        CHECK(v["daily"]["reviews"][0] == 3);
        int total = 0;
        for (const auto& r : v["daily"]["reviews"]) total += r.get<int>();
        CHECK(v["reviews"] == total);
    }
}

TEST_CASE("cli simulate: a table and a chart and the same output for the same seed", "[cli][simulate]") {
    test::Cli cli;
    three_cards_reviewed(cli);
    const auto run = cli.run({"--today", "2026-11-03", "simulate", "--deck", "w", "--days", "60", "--ascii"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("rolecall simulate: w, the next 60 days from 2026-11-03 (seed 1)\n"));
    CHECK_THAT(run.out, Catch::Contains("SM-2 (now)"));
    CHECK_THAT(run.out, Catch::Contains("FSRS 0.95"));
    CHECK_THAT(run.out, Catch::Contains("Reviews a day\n"));
    CHECK_THAT(run.out, Catch::Contains("Should you switch?"));
    CHECK_THAT(run.out, Catch::Contains("not a promise"));
    CHECK(run.out.find("\xe2\x96") == std::string::npos);  // --ascii: no block characters
    CHECK(cli.run({"--today", "2026-11-03", "simulate", "--deck", "w", "--days", "60", "--ascii"}).out == run.out);
    CHECK(cli.run({"--today", "2026-11-03", "simulate", "--deck", "w", "--days", "60", "--ascii", "--seed", "9"})
              .exit_code == 0);
}

TEST_CASE("cli simulate: --days out of range and an unknown deck are usage errors", "[cli][simulate]") {
    test::Cli cli;
    for (const char* days : {"0", "3651", "-5"}) {
        const auto run = cli.run({"--today", "2026-11-03", "simulate", "--days", days});
        CHECK(run.exit_code == 2);
        CHECK(run.err == std::string("rolecall: error: --days ") + days + " must be between 1 and 3650\n");
        CHECK(run.out.empty());
    }
    const auto deck = cli.run({"--today", "2026-11-03", "simulate", "--deck", "Product role"});
    CHECK(deck.exit_code == 2);
    CHECK(deck.err == "rolecall: error: no deck named 'Product role': did you mean 'Product roles'?\n");
}

TEST_CASE("cli simulate: an empty collection simulates nothing and says so", "[cli][simulate]") {
    test::Cli cli;
    REQUIRE(cli.run({"decks"}).exit_code == 0);
    REQUIRE(cli.run({"deck", "delete", "Product roles", "--yes"}).exit_code == 0);
    const auto text = cli.run({"--today", "2026-11-03", "simulate", "--days", "10"});
    REQUIRE(text.exit_code == 0);
    CHECK(text.out ==
          "rolecall simulate: all decks, the next 10 days from 2026-11-03 (seed 1)\n"
          "no cards to simulate: every card is suspended or retired, or there are none\n");
    const auto run = cli.run({"--today", "2026-11-03", "simulate", "--days", "10", "--json"});
    REQUIRE(run.exit_code == 0);
    const auto doc = test::json::parse(run.out);
    CHECK(doc["cards"] == 0);
    for (const auto& v : doc["variants"]) {
        CHECK(v["reviews"] == 0);
        CHECK(v["recall_at_review"].is_null());
        CHECK(v["memorised_end"] == 0.0);
    }
}

TEST_CASE("cli simulate: the report has the workload chart as inline SVG", "[cli][simulate]") {
    test::Cli cli;
    three_cards_reviewed(cli);
    const auto run = cli.run({"--today", "2026-11-03", "report", "-o", "-", "--deck", "w"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("<svg id=\"workload\""));
    CHECK_THAT(run.out, Catch::Contains("<table id=\"workload-table\""));
    CHECK_THAT(run.out, Catch::Contains("<title>FSRS 0.95</title>"));
}
