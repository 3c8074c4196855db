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

}  // namespace

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
               Catch::Contains("leech-lapses     2       (set for this deck)"));
    CHECK_THAT(cli.run({"config", "list"}).out, Catch::Contains("leech-action     suspend (default)"));
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
