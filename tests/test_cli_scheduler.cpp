// Black-box tests of the scheduler settings: a deck switched to FSRS and back, undo under FSRS, and
// the settings' checks.
#include "cli_runner.hpp"

#include "rolecall/scheduling/fsrs.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace rolecall;

namespace {

nlohmann::json card_of(test::Cli& cli, const std::string& front) {
    for (const auto& card : cli.card_of_deck("w")) {
        if (card["front"] == front) return card;
    }
    FAIL("no card " << front);
    return {};
}

void import_three(test::Cli& cli) {
    test::write_file(cli.file("w.tsv"), "sol\tsun\nluna\tmoon\nmar\tsea\n");
    REQUIRE(cli.run({"import", cli.file("w.tsv").string()}).exit_code == 0);
}

}  // namespace

TEST_CASE(
    "cli scheduler: a deck switched to FSRS keeps its due days, then schedules by FSRS, and back to SM-2 resumes "
    "SM-2",
    "[cli][scheduler]") {
    test::Cli cli;
    import_three(cli);
    REQUIRE(cli.run({"--today", "2026-11-02", "review", "--deck", "w"}, "4\n4\n4\n").exit_code == 0);
    // Under SM-2 the memory follows along: a first Good is w2 days of stability.
    const auto before = card_of(cli, "sol");
    CHECK(before["due"] == "2026-11-03");
    CHECK(before["stability"] == Approx(fsrs::default_parameters[2]));

    auto sw = cli.run({"--today", "2026-11-03", "config", "set", "scheduler", "fsrs", "--deck", "w"});
    REQUIRE(sw.exit_code == 0);
    CHECK(sw.err ==
          "rolecall: 1 deck rescheduled: memory from the log for 3 cards, estimated from SM-2 for 0; "
          "due days stay until each card's next answer\n");
    CHECK(card_of(cli, "sol")["due"] == "2026-11-03");
    CHECK(cli.run({"config", "get", "scheduler", "--deck", "w"}).out == "fsrs\n");
    CHECK(cli.run({"config", "get", "scheduler"}).out == "sm2\n");  // the other decks stay on SM-2
    REQUIRE(cli.run({"config", "set", "fuzz", "off", "--deck", "w"}).exit_code == 0);

    // A Good a day later: FSRS's interval for the new stability, not SM-2's 6 days.
    auto review = cli.run({"--today", "2026-11-03", "review", "--deck", "w"}, "4\n4\n4\n");
    REQUIRE(review.exit_code == 0);
    const auto after = card_of(cli, "sol");
    const int expected =
        fsrs::scheduled_interval(after["stability"].get<double>(), 0.9, fsrs::default_parameters, 36500);
    CHECK(after["interval_days"] == expected);
    CHECK(expected != 6);
    CHECK_THAT(review.out, Catch::Contains(fmt::format("4 good {} days", expected)));

    // Back to SM-2: six days from the last answer, as SM-2 alone would have it.
    REQUIRE(cli.run({"--today", "2026-11-04", "config", "set", "scheduler", "sm2", "--deck", "w"}).exit_code == 0);
    const auto back = card_of(cli, "sol");
    CHECK(back["interval_days"] == 6);
    CHECK(back["due"] == "2026-11-09");
    CHECK(back["repetitions"] == 2);
}

TEST_CASE("cli scheduler: undo under FSRS restores the card's memory and schedule", "[cli][scheduler]") {
    test::Cli cli;
    import_three(cli);
    REQUIRE(cli.run({"config", "set", "scheduler", "fsrs"}).exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-02", "review", "--deck", "w"}, "4\n4\n4\n").exit_code == 0);
    const auto before = card_of(cli, "sol");
    // Answer sol again on its due day, then undo that answer and quit.
    const std::string due = before["due"];
    auto run = cli.run({"--today", due, "review", "--deck", "w"}, "5\nu\nq\n");
    REQUIRE(run.exit_code == 0);
    const auto after = card_of(cli, "sol");
    CHECK(after["stability"] == before["stability"]);
    CHECK(after["difficulty"] == before["difficulty"]);
    CHECK(after["due"] == before["due"]);
    CHECK(after["interval_days"] == before["interval_days"]);
}

TEST_CASE("cli scheduler: the FSRS settings are checked, and Anki's parameters can be pasted", "[cli][scheduler]") {
    test::Cli cli;
    CHECK(cli.run({"config", "set", "scheduler", "anki"}).err ==
          "rolecall: error: scheduler must be sm2 or fsrs, not 'anki'\n");
    auto retention = cli.run({"config", "set", "desired-retention", "0.99"});
    CHECK(retention.exit_code == 2);
    CHECK(retention.err == "rolecall: error: desired-retention must be a number from 0.70 to 0.97, not '0.99'\n");
    REQUIRE(cli.run({"config", "set", "desired-retention", "0.85"}).exit_code == 0);
    CHECK(cli.run({"config", "get", "desired-retention"}).out == "0.85\n");
    CHECK(cli.run({"config", "set", "fuzz", "maybe"}).exit_code == 2);
    // Defaults until fitted; 21 numbers as Anki shows them are taken, 3 are refused.
    CHECK(cli.run({"config", "get", "fsrs-params"}).out == fsrs::format_parameters(fsrs::default_parameters) + "\n");
    const std::string anki =
        "0.4072, 1.1829, 3.1262, 15.4722, 7.2102, 0.5316, 1.0651, 0.0234, 1.616, 0.1544, "
        "1.0824, 1.9813, 0.0953, 0.2975, 2.2042, 0.2407, 2.9466, 0.5034, 0.6567, 0.1, 0.2";
    REQUIRE(cli.run({"config", "set", "fsrs-params", anki}).exit_code == 0);
    CHECK(cli.run({"config", "get", "fsrs-params"}).out == anki + "\n");
    auto few = cli.run({"config", "set", "fsrs-params", "1, 2, 3"});
    CHECK(few.exit_code == 2);
    CHECK_THAT(few.err, Catch::Contains("3 FSRS parameters given"));
}

TEST_CASE("cli optimize: with too few answers the parameters stay, and says why", "[cli][optimize]") {
    test::Cli cli;
    import_three(cli);
    REQUIRE(cli.run({"--today", "2026-11-02", "review", "--deck", "w"}, "4\n4\n4\n").exit_code == 0);
    auto run = cli.run({"optimize", "--deck", "w"});
    CHECK(run.exit_code == 0);
    CHECK(run.out ==
          "w: 3 cards with 3 answers: too few to fit (0 left after fsrs-rs's outlier filter, 8 needed); "
          "the current parameters stay\n");
    CHECK(cli.run({"config", "get", "fsrs-params", "--deck", "w"}).out ==
          fsrs::format_parameters(fsrs::default_parameters) + "\n");
    CHECK(cli.run({"optimize", "--deck", "nope"}).exit_code != 0);
}
