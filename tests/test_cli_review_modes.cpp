// Black-box tests of `review --cram`, `review --ahead` and leeches: the built binary, scripted
// standard input, and the study day from --today.
#include "cli_runner.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <regex>

using namespace rolecall;
using nlohmann::json;
using test::Run;

namespace {

// Every statement belongs to category "a": "a" is always right, "b" always wrong.
const char* choice_deck = R"(deck = Choices
[category a]
name = Alpha
[category b]
name = Beta
[statements]
a/one: First fact.
a/two: Second fact.
a/three: Third fact.
a/four: Fourth fact.
)";

// One cloze card.
const char* cloze_deck = R"(deck = Cloze
[takeaways]
ends: {{Projects}} have a finish line.
)";

class ModesCli : public test::Cli {
public:
    ModesCli() {
        test::write_file(file("choices.deck"), choice_deck);
        test::write_file(file("cloze.deck"), cloze_deck);
        REQUIRE(run({"build", file("choices.deck").string()}).exit_code == 0);
        REQUIRE(run({"build", file("cloze.deck").string()}).exit_code == 0);
    }

    Run review(const std::string& day, std::vector<std::string> options, const std::string& input) {
        std::vector<std::string> args = {"--today", day, "review"};
        args.insert(args.end(), options.begin(), options.end());
        return run(args, input);
    }

    json card(const std::string& deck, std::size_t index = 0) { return card_of_deck(deck).at(index); }
};

int count(const std::string& text, const std::string& what) {
    int n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("cli: review --cram practises cards that are not due, as drills, and changes no schedule", "[cli][cram]") {
    ModesCli cli;
    // Day 1: two of the four cards answered (due tomorrow); two stay new.
    REQUIRE(cli.review("2026-11-22", {"--deck", "Choices", "--new", "2"}, "a\na\n").exit_code == 0);
    const json before = cli.card_of_deck("Choices");

    Run cram = cli.review("2026-11-22", {"--deck", "Choices", "--cram"}, "a\nb\na\na\na\n");
    REQUIRE(cram.exit_code == 0);
    CHECK(count(cram.out, ", cram]\n") == 4);
    CHECK_THAT(cram.out, Catch::Contains("--- card 1 of 4 (3 to cram left) [choice, cram]\n"));
    CHECK_THAT(cram.out, Catch::Contains("wrong: Beta; the answer is Alpha\n"));  // the teaching feedback stays
    CHECK_THAT(cram.out, Catch::Contains("saved: cram grade 5; the schedule is unchanged\n"));
    CHECK_THAT(cram.out, Catch::Contains("saved: cram grade 1; the schedule is unchanged; it comes back once more\n"));
    CHECK_THAT(cram.out, Catch::Contains("[choice, same-day drill]"));  // the miss, after the four
    CHECK_THAT(cram.out, Catch::Contains("=== cram session over\ncrammed: 4 (3 right, 75%); logged as drills, the "
                                         "schedule was not changed\nasked again: 1\n"));
    CHECK(cli.card_of_deck("Choices") == before);
    json log = cli.reviews();
    REQUIRE(log.size() == 7);
    for (std::size_t i = 2; i < log.size(); ++i) {
        CHECK(log[i]["drill"] == true);
        CHECK(log[i]["before"] == log[i]["after"]);
    }
    // The cards answered today came last (they were answered in the review before).
    CHECK(log[2]["card_id"] != log[0]["card_id"]);
    CHECK(log[2]["card_id"] != log[1]["card_id"]);
    CHECK(log[3]["card_id"] != log[0]["card_id"]);
    CHECK(log[3]["card_id"] != log[1]["card_id"]);
    // Still two new cards for the day's review: a cram introduces none.
    Run after = cli.review("2026-11-22", {"--deck", "Choices"}, "");
    CHECK_THAT(after.out, Catch::Contains("--- card 1 of 2 (0 due, 1 new left)"));

    // --limit applies.
    Run limited = cli.review("2026-11-23", {"--deck", "Choices", "--cram", "--limit", "2"}, "q\n");
    CHECK_THAT(limited.out, Catch::Contains("--- card 1 of 2 (1 to cram left) [choice, cram]"));
}

TEST_CASE("cli: review --cram with nothing to cram, and options that do not go with it", "[cli][cram][errors]") {
    ModesCli cli;
    REQUIRE(cli.review("2026-11-22", {"--deck", "Cloze"}, "5\n").exit_code == 0);
    Run nothing = cli.review("2026-11-23", {"--deck", "Cloze", "--cram"}, "");
    CHECK(nothing.exit_code == 0);
    CHECK(nothing.out ==
          "Nothing to cram (2026-11-23): every card is due today, suspended or retired.\n"
          "1 card is due today: 'rolecall review' grades them.\n");
    Run both = cli.review("2026-11-23", {"--cram", "--ahead", "3"}, "");
    CHECK(both.exit_code == 2);
    CHECK_THAT(both.err, Catch::StartsWith("rolecall: error: --cram excludes --ahead"));
    CHECK(cli.review("2026-11-23", {"--cram", "--new", "3"}, "").exit_code == 2);
    CHECK_THAT(cli.run({"review", "--help"}).out, Catch::Contains("--cram"));
}

TEST_CASE("cli: review --ahead answers cards due in the next days early, as SM-2 grades any answer",
          "[cli][ahead][sm2]") {
    ModesCli cli;
    // 5 then 5: intervals 1 and 6, EF 2.7; due 2026-11-29.
    REQUIRE(cli.review("2026-11-22", {"--deck", "Cloze"}, "5\n").exit_code == 0);
    REQUIRE(cli.review("2026-11-23", {"--deck", "Cloze"}, "5\n").exit_code == 0);
    CHECK(cli.card("Cloze")["due"] == "2026-11-29");
    CHECK_THAT(cli.review("2026-11-26", {"--deck", "Cloze"}, "").out, Catch::Contains("Nothing is due today"));
    CHECK_THAT(cli.review("2026-11-26", {"--deck", "Cloze", "--ahead", "2"}, "").out,
               Catch::Contains("Nothing is due today"));
    // Three days early, graded 4: EF 2.7 stays, the interval is 6 x 2.7 = 16.2 -> 17 days from today
    // (not from the due day), as on the due day itself.
    Run early = cli.review("2026-11-26", {"--deck", "Cloze", "--ahead", "3"}, "4\n");
    REQUIRE(early.exit_code == 0);
    CHECK_THAT(early.out, Catch::Contains("--- card 1 of 1 (0 due, 0 new left) [cloze, ahead]\n"));
    CHECK_THAT(early.out, Catch::Contains("next review: 0-2 again 1 day | 3 hard 16 days | 4 good 17 days | 5 easy "
                                          "17 days\n"));
    CHECK_THAT(early.out, Catch::Contains("saved: grade 4; next review 2026-12-13 (in 17 days)"));
    json card = cli.card("Cloze");
    CHECK(card["repetitions"] == 3);
    CHECK(card["interval_days"] == 17);
    CHECK(card["ease"] == Approx(2.7));
    CHECK(card["due"] == "2026-12-13");
    json log = cli.reviews();
    REQUIRE(log.size() == 3);
    CHECK(log[2]["drill"] == false);
    CHECK(log[2]["before"]["due"] == "2026-11-29");

    Run zero = cli.review("2026-11-26", {"--ahead", "0"}, "");
    CHECK(zero.exit_code == 2);
    CHECK(zero.err == "rolecall: error: --ahead 0 must be 1..36500 days\n");
    CHECK_THAT(cli.run({"review", "--help"}).out, Catch::Contains("--ahead DAYS"));
}

TEST_CASE("cli: a leech is suspended and tagged, says so, is listed by stats, and undo takes it back", "[cli][leech]") {
    ModesCli cli;
    REQUIRE(cli.run({"config", "set", "leech-lapses", "2", "--deck", "Cloze"}).exit_code == 0);
    CHECK_THAT(cli.run({"config", "list", "--deck", "Cloze"}).out,
               Catch::Contains("leech-lapses      2       (set for this deck)"));
    CHECK_THAT(cli.run({"config", "list"}).out, Catch::Contains("leech-action      suspend (default)"));
    CHECK_THAT(cli.run({"review", "--help"}).out, Catch::Contains("leech-lapses"));
    Run bad = cli.run({"config", "set", "leech-action", "delete"});
    CHECK(bad.exit_code == 2);
    CHECK(bad.err == "rolecall: error: leech-action must be suspend or tag, not 'delete'\n");

    // Lapse 1 on the 21st; on the 23rd the cloze card is the most overdue, before a choice card due that day.
    REQUIRE(cli.review("2026-11-21", {"--deck", "Cloze"}, "1\n").exit_code == 0);
    REQUIRE(cli.review("2026-11-22", {"--deck", "Choices", "--new", "1"}, "a\n").exit_code == 0);
    const int id = cli.card("Cloze")["id"];
    const std::string leech_line =
        "leech: this card has lapsed 2 times and is suspended; rewrite it or unsuspend it "
        "with 'rolecall unsuspend " +
        std::to_string(id) + "'\n";

    // The second lapse, undone at the next card: the card is as it was, and shown again.
    Run undone = cli.review("2026-11-23", {"--new", "0"}, "1\nu\n");
    CHECK_THAT(undone.out, Catch::Contains(leech_line));
    CHECK_THAT(undone.out, Catch::Contains("undone: the last answer to \"[...] have a finish line.\""));
    json card = cli.card("Cloze");
    CHECK(card["suspended"] == false);
    CHECK(card["tags"] == "");
    CHECK(card["lapses"] == 1);
    CHECK(card["due"] == "2026-11-22");

    // The second lapse, kept.
    Run leech = cli.review("2026-11-23", {"--deck", "Cloze"}, "1\n");
    CHECK_THAT(leech.out, Catch::Contains("saved: grade 1; next review 2026-11-24 (tomorrow)\n" + leech_line));
    card = cli.card("Cloze");
    CHECK(card["suspended"] == true);
    CHECK(card["tags"] == "leech");
    CHECK(card["lapses"] == 2);
    CHECK_THAT(cli.review("2026-11-24", {"--deck", "Cloze"}, "").out, Catch::Contains("Nothing is due today"));

    json stats = json::parse(cli.run({"--today", "2026-11-24", "stats", "--json"}).out);
    REQUIRE(stats["leeches"].size() == 1);
    CHECK(stats["leeches"][0]["id"] == id);
    CHECK(stats["leeches"][0]["deck"] == "Cloze");
    CHECK(stats["leeches"][0]["front"] == "[...] have a finish line.");
    CHECK(stats["leeches"][0]["lapses"] == 2);
    Run dashboard = cli.run({"--today", "2026-11-24", "stats", "--ascii"});
    CHECK_THAT(dashboard.out, Catch::Contains("Leeches: cards that keep lapsing\n"));
    CHECK(std::regex_search(dashboard.out, std::regex("#" + std::to_string(id) + "   2 lapses  suspended  Cloze: ")));
    // A rebuild of the deck keeps the tag.
    REQUIRE(cli.run({"build", cli.file("cloze.deck").string()}).exit_code == 0);
    CHECK(cli.card("Cloze")["tags"] == "leech");
}

TEST_CASE("cli: leech-action tag keeps the leech in reviews", "[cli][leech]") {
    ModesCli cli;
    REQUIRE(cli.run({"config", "set", "leech-lapses", "1"}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "leech-action", "tag"}).exit_code == 0);
    Run first = cli.review("2026-11-22", {"--deck", "Cloze"}, "1\n5\n");
    CHECK_THAT(first.out, Catch::Contains("leech: this card has lapsed once and is tagged leech; it stays in your "
                                          "reviews, but rewriting it may help\n"));
    CHECK_THAT(first.out, Catch::Contains("[cloze, same-day drill]"));
    json card = cli.card("Cloze");
    CHECK(card["suspended"] == false);
    CHECK(card["tags"] == "leech");
}
