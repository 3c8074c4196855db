// Black-box tests: the built rolecall binary, scripted standard input, a temporary database,
// and the study day from --today. Nothing here reads the wall clock.
#include "cli_runner.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

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
a/five: Fifth fact.
)";

// One cloze card.
const char* cloze_deck = R"(deck = Cloze
[takeaways]
ends: {{Projects}} have a finish line.
)";

// A Cli with the two small decks above written beside its database.
class DeckCli : public test::Cli {
public:
    DeckCli() {
        test::write_file(file("choices.deck"), choice_deck);
        test::write_file(file("cloze.deck"), cloze_deck);
    }
};

}  // namespace

TEST_CASE("cli: a full first session on the built-in deck, one scripted answer per card", "[cli]") {
    DeckCli cli;
    Run probe = cli.run({"--today", "2026-11-22", "review"});
    REQUIRE(probe.exit_code == 0);
    CHECK_THAT(probe.out, Catch::Contains("--- card 1 of 20 (0 due, 19 new left)"));
    // Answer card by card: look at the next card (a run with no input answers nothing), then answer it.
    int answered = 0;
    for (int turn = 0; turn < 40; ++turn) {
        Run look = cli.run({"--today", "2026-11-22", "review"});
        REQUIRE(look.exit_code == 0);
        if (look.out.find("Nothing is due today") != std::string::npos) break;
        Run answer = cli.run({"--today", "2026-11-22", "review"}, cli.right_line(look.out, "Product roles", 4));
        REQUIRE(answer.exit_code == 0);
        CHECK_THAT(answer.out, Catch::Contains("saved: grade 4; next review 2026-11-23 (tomorrow)"));
        ++answered;
    }
    CHECK(answered == 20);
    json log = cli.reviews();
    CHECK(log.size() == 20);
    Run done = cli.run({"--today", "2026-11-22", "review"});
    CHECK_THAT(done.out, Catch::Contains("The next card is due 2026-11-23 (tomorrow)."));
    Run decks = cli.run({"--today", "2026-11-23", "decks"});
    CHECK_THAT(decks.out, Catch::Contains("Product roles"));
    CHECK_THAT(decks.out, Catch::Matches("(.|\\n)*Product roles +161 +20 +181\\n"));
}

TEST_CASE("cli: a week of sessions walks a card through the SM-2 intervals", "[cli][sm2]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("cloze.deck").string()}).exit_code == 0);
    auto review = [&](const std::string& day, const std::string& grade) {
        return cli.run({"--today", day, "review", "--deck", "Cloze"}, grade + "\n");
    };
    CHECK_THAT(review("2026-11-22", "5").out, Catch::Contains("next review 2026-11-23 (tomorrow)"));
    CHECK_THAT(review("2026-11-23", "5").out, Catch::Contains("next review 2026-11-29 (in 6 days)"));
    CHECK_THAT(review("2026-11-25", "").out, Catch::Contains("Nothing is due today (2026-11-25)"));
    CHECK_THAT(review("2026-11-29", "5").out, Catch::Contains("next review 2026-12-16 (in 17 days)"));
    json card = cli.card_of_deck("Cloze")[0];
    CHECK(card["repetitions"] == 3);
    CHECK(card["interval_days"] == 17);
    CHECK(card["ease"] == Approx(2.8));
    CHECK(card["due"] == "2026-12-16");
    // A lapse: back to one day, EF kept, then 6 and 17 again.
    CHECK_THAT(review("2026-12-16", "2").out, Catch::Contains("next review 2026-12-17 (tomorrow)"));
    card = cli.card_of_deck("Cloze")[0];
    CHECK(card["lapses"] == 1);
    CHECK(card["ease"] == Approx(2.8));
}

TEST_CASE("cli: a wrong choice comes back as a same-day drill until graded 4", "[cli][drill]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("choices.deck").string()}).exit_code == 0);
    // One new card a day, so the second session has nothing but the drill.
    Run first = cli.run({"--today", "2026-11-22", "review", "--deck", "Choices", "--new", "1"}, "b\n");
    CHECK_THAT(first.out, Catch::Contains("wrong: Beta; the answer is Alpha"));
    Run drill = cli.run({"--today", "2026-11-22", "review", "--deck", "Choices", "--new", "1"}, "a 3\na 4\n");
    CHECK_THAT(drill.out, Catch::Contains("[choice, same-day drill]"));
    CHECK_THAT(drill.out, Catch::Contains("drills: 2"));
    json log = cli.reviews();
    REQUIRE(log.size() == 3);
    CHECK(log[0]["drill"] == false);
    CHECK(log[0]["grade"] == 1);
    CHECK(log[0]["chosen"] == "Beta");
    CHECK(log[1]["drill"] == true);
    CHECK(log[2]["drill"] == true);
    CHECK(log[2]["after"] == log[0]["after"]);
}

TEST_CASE("cli: undo takes back the last answer and asks the card again", "[cli][undo]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("choices.deck").string()}).exit_code == 0);
    Run run = cli.run({"--today", "2026-11-22", "review", "--deck", "Choices"}, "a 5\nu\nb 2\n");
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("undone: the last answer"));
    json log = cli.reviews();
    REQUIRE(log.size() == 1);
    CHECK(log[0]["chosen"] == "Beta");
    CHECK(log[0]["grade"] == 2);
}

TEST_CASE("cli: end of input mid-session keeps what was answered", "[cli]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("choices.deck").string()}).exit_code == 0);
    Run run = cli.run({"--today", "2026-11-22", "review", "--deck", "Choices"}, "a\nalpha\n");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("answered: 2 (2 right, 100%)"));
    CHECK(cli.reviews().size() == 2);
    Run rest = cli.run({"--today", "2026-11-22", "review", "--deck", "Choices"});
    CHECK_THAT(rest.out, Catch::Contains("--- card 1 of 3"));
}

TEST_CASE("cli: a bad scripted line names the line, exits 2 and keeps earlier answers", "[cli][errors]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("choices.deck").string()}).exit_code == 0);
    Run run = cli.run({"--today", "2026-11-22", "review", "--deck", "Choices"}, "a\n7\n");
    CHECK(run.exit_code == 2);
    CHECK(run.err ==
          "rolecall: error: standard input line 2: '7' is not one of the options: type 1-2 or a name, optionally "
          "followed by a grade 0-5 (end with ? for a guess)\n");
    CHECK(cli.reviews().size() == 1);
}

TEST_CASE("cli: usage mistakes exit 2 with one line that says what to do", "[cli][errors]") {
    DeckCli cli;
    Run bad_day = cli.run({"--today", "2026-13-01", "review"});
    CHECK(bad_day.exit_code == 2);
    CHECK(bad_day.err == "rolecall: error: --today '2026-13-01' is not a date: use YYYY-MM-DD, e.g. 2026-11-22\n");
    Run typo = cli.run({"revew"});
    CHECK(typo.exit_code == 2);
    CHECK(typo.err == "rolecall: error: unknown command 'revew': did you mean 'review'?\n");
    Run deck = cli.run({"--today", "2026-11-22", "review", "--deck", "Product role"});
    CHECK(deck.exit_code == 2);
    CHECK(deck.err == "rolecall: error: no deck named 'Product role': did you mean 'Product roles'?\n");
    Run flag = cli.run({"review", "--bogus"});
    CHECK(flag.exit_code == 2);
    CHECK(flag.err == "rolecall: error: unknown option '--bogus' for 'review': see 'rolecall help review'\n");
    // CLI11's own mistakes, said as rolecall says the others: the thing, what is wrong, where to look.
    const std::vector<std::pair<std::vector<std::string>, std::string>> said = {
        {{"frobnicate"}, "unknown command 'frobnicate': 'rolecall help' lists the commands"},
        {{"card", "abc"}, "ID takes a whole number, not 'abc': see 'rolecall help card'"},
        {{"review", "--new", "abc"}, "--new takes a whole number, not 'abc': see 'rolecall help review'"},
        {{"export", "foo"}, "WHAT is cards, reviews or stats, not 'foo': see 'rolecall help export'"},
        {{"import"}, "'import' needs FILES: see 'rolecall help import'"},
        {{"stats", "--days"}, "--days needs a value: see 'rolecall help stats'"},
        {{"review", "extra"}, "'review' takes no argument 'extra': see 'rolecall help review'"},
    };
    for (const auto& [args, message] : said) {
        Run run = cli.run(args);
        CHECK(run.exit_code == 2);
        CHECK(run.err == "rolecall: error: " + message + "\n");
    }
    Run negative = cli.run({"--today", "2026-11-22", "review", "--new", "-1"});
    CHECK(negative.exit_code == 2);
}

TEST_CASE("cli: a file that is not a rolecall database is refused, untouched, exit 1", "[cli][errors]") {
    DeckCli cli;
    test::write_file(cli.file("notes.txt"), "just some text\n");
    Run run = cli.run({"--db", cli.file("notes.txt").string(), "--today", "2026-11-22", "review"});
    CHECK(run.exit_code == 1);
    CHECK_THAT(run.err, Catch::StartsWith("rolecall: error: "));
    CHECK_THAT(run.err, Catch::Contains("is not a rolecall database"));
    CHECK(test::read_file(cli.file("notes.txt")) == "just some text\n");
    Run missing = cli.run({"--db", cli.file("none.db").string(), "export", "cards"});
    CHECK(missing.exit_code == 1);
    CHECK_FALSE(std::filesystem::exists(cli.file("none.db")));
}

TEST_CASE("cli: an export of a deck that is not there fails and writes nothing", "[cli][export][errors]") {
    test::Cli cli;
    // No database yet: refused, and none is created.
    Run missing = cli.run({"export", "cards", "--deck", "nope"});
    CHECK(missing.exit_code != 0);
    CHECK_FALSE(std::filesystem::exists(cli.file("rolecall.db")));
    // A new, empty collection: a usage error, and the built-in deck is not built as a side effect.
    REQUIRE(cli.run({"config", "get", "new-per-day"}).exit_code == 0);
    Run nope = cli.run({"export", "cards", "--deck", "nope"});
    CHECK(nope.exit_code == 2);
    CHECK(nope.err == "rolecall: error: no deck named 'nope': 'rolecall decks' lists them\n");
    CHECK(json::parse(cli.run({"export", "cards", "--format", "json"}).out)["cards"].empty());
}

TEST_CASE("cli: help, for rolecall or one command, is --help's text", "[cli][help]") {
    test::Cli cli;
    Run all = cli.run({"help"});
    CHECK(all.exit_code == 0);
    CHECK(all.out == cli.run({"--help"}).out);
    Run import = cli.run({"help", "import"});
    CHECK(import.exit_code == 0);
    CHECK(import.out == cli.run({"import", "--help"}).out);
    CHECK_THAT(import.out, Catch::Contains("Usage: rolecall import"));
    Run nope = cli.run({"help", "imprt"});
    CHECK(nope.exit_code == 2);
    CHECK(nope.err == "rolecall: error: no command named 'imprt'; 'rolecall help' lists them\n");
    CHECK_FALSE(std::filesystem::exists(cli.file("rolecall.db")));
}

TEST_CASE("cli: an unknown deck gets the deck it most likely means", "[cli][errors]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("choices.deck").string()}).exit_code == 0);
    for (const char* typed : {"choices", "choi", "Chioces"}) {
        Run run = cli.run({"--today", "2026-11-22", "review", "--deck", typed});
        INFO(typed);
        CHECK(run.exit_code == 2);
        CHECK(run.err == "rolecall: error: no deck named '" + std::string(typed) + "': did you mean 'Choices'?\n");
    }
}

TEST_CASE("cli: a bad --today is refused before any collection is opened", "[cli][errors]") {
    test::Cli cli;
    for (const char* command : {"import", "review", "stats"}) {
        Run run = command == std::string("import") ? cli.run({"--today", "2026-13-01", command, "x.tsv"})
                                                   : cli.run({"--today", "2026-13-01", command});
        INFO(command);
        CHECK(run.exit_code == 2);
        CHECK(run.err == "rolecall: error: --today '2026-13-01' is not a date: use YYYY-MM-DD, e.g. 2026-11-22\n");
        CHECK_FALSE(std::filesystem::exists(cli.file("rolecall.db")));
    }
}

TEST_CASE("cli: exports to a file as CSV with a header row", "[cli][export]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("choices.deck").string()}).exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-22", "review", "--deck", "Choices"}, "a\n").exit_code == 0);
    Run run = cli.run({"export", "reviews", "-o", cli.file("reviews.csv").string()});
    CHECK(run.exit_code == 0);
    CHECK(run.out.empty());
    std::string csv = test::read_file(cli.file("reviews.csv"));
    CHECK(csv.rfind("id,card_id,day,answered_at,grade,drill,response_ms,chosen,", 0) == 0);
    CHECK_THAT(csv, Catch::Contains(",2026-11-22,"));
    CHECK_FALSE(std::filesystem::exists(cli.file("reviews.csv.partial")));
}

TEST_CASE("cli: editing a deck source keeps the history of its cards", "[cli][deck_sync]") {
    DeckCli cli;
    REQUIRE(cli.run({"build", cli.file("choices.deck").string()}).exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-22", "review", "--deck", "Choices"}, "a\na\na\na\na\n").exit_code == 0);
    std::string edited = choice_deck;
    edited.replace(edited.find("First fact."), 11, "The first fact, reworded.");
    edited.erase(edited.find("a/five"));
    test::write_file(cli.file("choices.deck"), edited);
    Run build = cli.run({"build", cli.file("choices.deck").string()});
    CHECK_THAT(build.out, Catch::StartsWith("Choices: 0 added, 1 updated, 3 unchanged, 1 retired"));
    json cards = cli.card_of_deck("Choices");
    int active = 0;
    for (const auto& card : cards) {
        CHECK(card["repetitions"] == 1);  // every card keeps its schedule
        if (card["suspended"] == false) ++active;
        if (card["note"] == "statement:one") CHECK(card["front"] == "Which one?\nThe first fact, reworded.");
    }
    CHECK(active == 4);
    CHECK(cli.reviews().size() == 5);
}

TEST_CASE("cli: an export into a pipe that closes early stops quietly", "[cli][export]") {
    DeckCli cli;
    // More than a pipe holds (64 KiB), so rolecall is still writing when the reader leaves.
    std::string rows;
    for (int i = 0; i < 3000; ++i) rows += "front number " + std::to_string(i) + "\tback of the card\n";
    test::write_file(cli.file("w.tsv"), rows);
    REQUIRE(cli.run({"import", cli.file("w.tsv").string()}).exit_code == 0);
    // `head -c 1` leaves after one byte; rolecall must neither complain nor fail (nor die of SIGPIPE).
    std::string command = "set -o pipefail; " + test::quote(ROLECALL_BINARY) + " --db " +
                          test::quote((cli.file("rolecall.db")).string()) + " export cards 2> " +
                          test::quote(cli.file("err").string()) + " | head -c 1 > /dev/null";
    int status = std::system(("bash -c " + test::quote(command)).c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(test::read_file(cli.file("err")).empty());
}

TEST_CASE("cli: after review --new N, what is left today is what a plain review would find", "[cli][summary]") {
    DeckCli cli;
    std::string out;
    for (int i = 0; i < 3; ++i) {
        Run look = cli.run({"--today", "2026-11-22", "review", "--new", "3"});
        Run answer =
            cli.run({"--today", "2026-11-22", "review", "--new", "3"}, cli.right_line(look.out, "Product roles", 5));
        REQUIRE(answer.exit_code == 0);
        out = answer.out;
    }
    // The third answer ends --new 3; a plain review would still start 17 of the day's 20.
    CHECK_THAT(out, Catch::Contains("left today: 0 due, 17 new ('rolecall review' goes on)"));
    // A run whose own --new is used up says what a plain review would do, not how to raise --new.
    CHECK_THAT(cli.run({"--today", "2026-11-22", "review", "--new", "2"}).out,
               Catch::Contains("17 new cards are left today: 'rolecall review' starts them.\n"));
    CHECK_THAT(cli.run({"--today", "2026-11-22", "review"}).out, Catch::Contains("--- card 1 of 17 "));
}
