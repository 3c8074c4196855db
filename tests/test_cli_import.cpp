// Black-box tests of `rolecall import`: the built binary on a temporary database.
#include "anki_package.hpp"
#include "cli_runner.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;
using test::json;

namespace {
const std::filesystem::path data = std::filesystem::path(ROLECALL_TEST_DATA) / "import";

// The collection as a user sees it: every card and answer, exported.
std::string contents(test::Cli& cli) {
    return cli.run({"export", "cards", "--format", "json"}).out +
           cli.run({"export", "reviews", "--format", "json"}).out;
}
}  // namespace

TEST_CASE("cli import: import, re-import, edit and re-import keep one card with its history", "[cli][import]") {
    test::Cli cli;
    test::write_file(cli.file("words.tsv"), "sol\tsun\nluna\tmoon\n");
    auto first = cli.run({"import", cli.file("words.tsv").string()});
    REQUIRE(first.exit_code == 0);
    CHECK(first.out == "words: 2 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    auto again = cli.run({"import", cli.file("words.tsv").string()});
    CHECK(again.out == "words: 0 added, 0 updated, 2 unchanged, 0 retired, 0 skipped\n");

    // Review both cards, then edit one back and import again.
    REQUIRE(cli.run({"--today", "2026-11-22", "review", "--deck", "words"}, "4\n5\n").exit_code == 0);
    test::write_file(cli.file("words.tsv"), "sol\tthe sun\nluna\tmoon\n");
    auto edited = cli.run({"import", cli.file("words.tsv").string()});
    CHECK(edited.out == "words: 0 added, 1 updated, 1 unchanged, 0 retired, 0 skipped\n");
    json cards = cli.card_of_deck("words");
    REQUIRE(cards.size() == 2);
    for (const auto& card : cards) {
        CHECK(card["repetitions"] == 1);
        CHECK(card["due"] == "2026-11-23");
        if (card["front"] == "sol") CHECK(card["back"] == "the sun");
    }
    CHECK(cli.reviews().size() == 2);
    // The imported deck reviews like any other.
    auto review = cli.run({"--today", "2026-11-23", "review", "--deck", "words"}, "4\n4\n");
    CHECK_THAT(review.out, Catch::Contains("answered: 2 (2 right, 100%)"));
}

TEST_CASE("cli import: a failed import leaves the database as it was, exit 1", "[cli][import][errors]") {
    test::Cli cli;
    REQUIRE(cli.run({"import", (data / "quizlet.txt").string(), "--format", "quizlet"}).exit_code == 0);
    const std::string before = contents(cli);
    auto failed = cli.run({"import", (data / "bom-crlf.csv").string(), (data / "empty-front.csv").string()});
    CHECK(failed.exit_code == 1);
    CHECK(failed.err == "rolecall: error: " + (data / "empty-front.csv").string() +
                            ": 1 of 1 rows cannot be notes: line 2 (empty front); the file was probably read with "
                            "the wrong separator (',', guessed from the first row): choose it with --separator tab, "
                            "comma, semicolon, pipe, colon, space or the character, and check with --dry-run\n");
    CHECK(failed.out.empty());
    CHECK(contents(cli) == before);
    auto utf8 = cli.run({"import", (data / "invalid-utf8.csv").string()});
    CHECK(utf8.exit_code == 1);
    CHECK_THAT(utf8.err, Catch::Contains("invalid UTF-8 at byte 23"));
    CHECK(contents(cli) == before);
    auto missing = cli.run({"import", cli.file("nope.csv").string()});
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.err, Catch::Contains("nope.csv: no such file; check its name and folder"));
    auto usage = cli.run({"import", (data / "quizlet.txt").string(), "--format", "xlsx"});
    CHECK(usage.exit_code == 2);
}

TEST_CASE("cli import: --dry-run prints the counts and the first notes, and writes nothing", "[cli][import]") {
    test::Cli cli;
    const std::string file = (data / "anki-basic.txt").string();
    auto dry = cli.run({"import", "--dry-run", file});
    REQUIRE(dry.exit_code == 0);
    CHECK(dry.out == file +
                         " (anki-text; separator tab from #separator): 4 notes, the first ones:\n"
                         "  line 7  deck: Spanish::Verbs  tags: spanish verbs\n"
                         "    front: hablar\n"
                         "    back:  to speak\\nto talk\n"
                         "  line 8  deck: Spanish::Verbs  tags: spanish verbs\n"
                         "    front: comer, beber\n"
                         "    back:  to eat & to drink\n"
                         "  line 9  deck: Spanish::Verbs  tags: spanish verbs\n"
                         "    front: dos lineas\n"  // a quoted line break, HTML white space with #html:true
                         "    back:  a \"quoted\" back\n"
                         "Spanish::Verbs: 4 added, 0 updated, 0 unchanged, 0 retired, 0 skipped (dry run: nothing "
                         "written)\n");
    CHECK(dry.err.empty());
    CHECK(cli.run({"export", "cards", "--deck", "Spanish::Verbs"}).exit_code == 2);  // no such deck
    // A real import shows no preview.
    auto real = cli.run({"import", file});
    CHECK(real.out == "Spanish::Verbs: 4 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
}

TEST_CASE("cli import: --dry-run cuts long fields and warns when every back is empty", "[cli][import]") {
    test::Cli cli;
    // Space-separated words in a CSV: no tab, pipe, semicolon, colon or comma, so one column.
    test::write_file(cli.file("words.csv"), "sol sun\nluna moon\n" + std::string(100, 'y') + " long\n");
    auto dry = cli.run({"import", "--dry-run", cli.file("words.csv").string()});
    REQUIRE(dry.exit_code == 0);
    CHECK_THAT(dry.out, Catch::StartsWith(cli.file("words.csv").string() +
                                          " (csv; separator ',', guessed from the first row): 3 notes:\n"
                                          "  line 1  deck: words\n"
                                          "    front: sol sun\n"
                                          "    back:  (empty)\n"));
    CHECK_THAT(dry.out, Catch::Contains("    front: " + std::string(60, 'y') + "...\n"));
    CHECK(dry.err == "rolecall: warning: " + cli.file("words.csv").string() +
                         ": every note's back is empty: is the separator right? (separator ',', guessed from the "
                         "first row; --separator chooses one, --dry-run shows the notes first)\n");
    CHECK(cli.run({"-q", "import", "--dry-run", cli.file("words.csv").string()}).err.empty());
    // With the right separator the backs fill and the warning goes.
    auto right = cli.run({"import", "--dry-run", "--separator", " ", cli.file("words.csv").string()});
    CHECK_THAT(right.out, Catch::Contains("    front: sol\n    back:  sun\n"));
    CHECK(right.err.empty());
}

TEST_CASE("cli import: a file of an unknown type is refused with exit 2 and changes nothing", "[cli][import][format]") {
    test::Cli cli;
    test::write_file(cli.file("capitals.tsv"), "France\tParis\nSpain\tMadrid\n");
    // Before any collection exists, a refused type does not create one.
    test::write_file(cli.file("capitals.xlsx"), "PK\x03\x04 not really a spreadsheet");
    auto early = cli.run({"import", cli.file("capitals.xlsx").string()});
    CHECK(early.exit_code == 2);
    CHECK_FALSE(std::filesystem::exists(cli.file("rolecall.db")));
    REQUIRE(cli.run({"import", cli.file("capitals.tsv").string(), "--deck", "Capitals"}).exit_code == 0);
    const std::string before = contents(cli);
    // The issue: a spreadsheet read as Anki text rewrote the cards of its deck.
    test::write_file(cli.file("capitals.xlsx"), "France\tLyon\n");
    for (const char* name : {"capitals.xlsx", "README.md", "capitals"}) {
        INFO(name);
        if (std::string(name) != "capitals.xlsx") test::write_file(cli.file(name), "France\tLyon\n");
        auto refused = cli.run({"import", cli.file(name).string(), "--deck", "Capitals"});
        CHECK(refused.exit_code == 2);
        CHECK_THAT(refused.err,
                   Catch::StartsWith("rolecall: error: " + cli.file(name).string() + ": cannot tell the format "));
        CHECK_THAT(refused.err, Catch::Contains("; pass --format anki-text, csv, apkg, quizlet or facts"));
        CHECK(refused.out.empty());
        CHECK(contents(cli) == before);
    }
    // Another file of the same import, known and fine, is not read either: nothing changes.
    test::write_file(cli.file("more.tsv"), "Italy\tRome\n");
    auto mixed = cli.run({"import", cli.file("more.tsv").string(), cli.file("README.md").string()});
    CHECK(mixed.exit_code == 2);
    CHECK(contents(cli) == before);
    // --format says what it is.
    auto told = cli.run({"import", cli.file("capitals.xlsx").string(), "--format", "anki-text", "--deck", "Capitals"});
    CHECK(told.exit_code == 0);
    CHECK(told.out == "Capitals: 0 added, 1 updated, 0 unchanged, 0 retired, 0 skipped\n");
}

TEST_CASE("cli import: a CSV's header row, --header and Anki's separator guess, through the binary",
          "[cli][import][csv]") {
    test::Cli cli;
    const std::string countries = cli.file("countries.csv").string();
    test::write_file(countries, "Country;Capital\nFrance;Paris\n");
    auto guessed = cli.run({"import", "--dry-run", countries});
    REQUIRE(guessed.exit_code == 0);
    CHECK_THAT(guessed.out,
               Catch::EndsWith("countries: 2 added, 0 updated, 0 unchanged, 0 retired, 0 skipped (dry run: nothing "
                               "written)\n"));
    CHECK(guessed.err ==
          "rolecall: " + countries +
              ": separator ';', guessed from the first row (as Anki does); --separator chooses another\n");
    auto header = cli.run({"-q", "import", "--header", countries});
    CHECK(header.out == "countries: 1 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    CHECK(header.err.empty());
    json cards = cli.card_of_deck("countries");
    REQUIRE(cards.size() == 1);
    CHECK(cards[0]["front"] == "France");
    CHECK(cards[0]["back"] == "Paris");
    // Anki's header lines in a .csv name the separator, the deck and the columns: no note, no guess.
    auto anki = cli.run({"import", (data / "anki-headers.csv").string()});
    CHECK(anki.out == "Capitals::Europe: 3 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    CHECK(anki.err.empty());
}

TEST_CASE("cli import: - reads standard input, which needs --format", "[cli][import][stdin]") {
    test::Cli cli;
    auto bare = cli.run({"import", "-"}, "sol,sun\n");
    CHECK(bare.exit_code == 2);
    CHECK(bare.err ==
          "rolecall: error: standard input (-) has no file name to tell its format from; pass --format anki-text, "
          "csv, apkg, quizlet or facts\n");
    CHECK_FALSE(std::filesystem::exists(cli.file("rolecall.db")));
    auto twice = cli.run({"import", "-", "-", "--format", "csv"}, "sol,sun\n");
    CHECK(twice.exit_code == 2);
    CHECK_THAT(twice.err, Catch::Contains("standard input (-) is named twice"));

    // No deck named anywhere: the deck "Imported".
    auto csv = cli.run({"import", "-", "--format", "csv"}, "front;back\nsol;sun\nluna;moon\n");
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == "Imported: 2 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    CHECK(csv.err ==
          "rolecall: standard input: separator ';', guessed from the first row (as Anki does); "
          "--separator chooses another\n");
    CHECK(cli.card_of_deck("Imported").size() == 2);
    // The input's own deck, or --deck.
    auto named = cli.run({"import", "-", "--format", "anki-text"}, "#deck:Spanish\nhablar\tto speak\n");
    CHECK(named.out == "Spanish: 1 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    auto into = cli.run({"import", "-", "--format", "quizlet", "--deck", "Words"}, "perro\tdog\n");
    CHECK(into.out == "Words: 1 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    // Standard input beside files.
    test::write_file(cli.file("more.tsv"), "gato\tcat\n");
    auto both =
        cli.run({"import", "--dry-run", cli.file("more.tsv").string(), "-", "--format", "anki-text"}, "perro\tdog\n");
    CHECK_THAT(both.out, Catch::Contains("Imported: 1 added, 0 updated, 0 unchanged, 0 retired, 0 skipped (dry run"));
    CHECK_THAT(both.out, Catch::Contains("more: 1 added, 0 updated, 0 unchanged, 0 retired, 0 skipped (dry run"));
    // The preview names it.
    CHECK_THAT(both.out, Catch::Contains("standard input (anki-text; separator tab, guessed from the first row): 1 "
                                         "note:\n  line 1  deck: Imported\n"));

    // A broken input names standard input and its line, never a temporary file, and writes nothing.
    const std::string before = contents(cli);
    auto broken = cli.run({"import", "-", "--format", "anki-text"}, "#columns:a\tb\nbad\trow\textra\n");
    CHECK(broken.exit_code == 1);
    CHECK_THAT(broken.err, Catch::StartsWith("rolecall: error: standard input: 1 of 1 rows cannot be notes: line 2 "
                                             "(3 fields, but #columns names 2); "));
    CHECK(contents(cli) == before);
    auto fact = cli.run({"import", "-", "--format", "facts"}, "deck = Broken\n[category a]\nname A\n");
    CHECK(fact.exit_code == 1);
    CHECK_THAT(fact.err, Catch::StartsWith("rolecall: error: standard input:"));
    CHECK(contents(cli) == before);
}

TEST_CASE("cli import: an .apkg and a fact deck come through standard input too", "[cli][import][stdin][apkg]") {
    test::Cli cli;
    test::write_apkg(cli.file("french.apkg"), {{1650000000001, "g1", 1, "bonjour\x1fhello", "", 10}},
                     test::AnkiLayout::modern);
    auto apkg = cli.run({"import", "-", "--format", "apkg"}, test::read_file(cli.file("french.apkg")));
    REQUIRE(apkg.exit_code == 0);
    CHECK(apkg.out == "Lang::French: 1 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    auto facts = cli.run({"import", "-", "--format", "facts"}, test::read_file(data / "scrum-events.deck"));
    REQUIRE(facts.exit_code == 0);
    CHECK(facts.out == "Scrum events: 2 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    // Nothing of the temporary copy is left behind.
    CHECK_THAT(cli.run({"import", "-", "--format", "apkg"}, "not a zip").err,
               Catch::StartsWith("rolecall: error: standard input: not a readable .apkg"));
}

TEST_CASE(
    "cli import: an .apkg's odd notes are skipped and named on stderr, "
    "the rest is imported",
    "[cli][import][apkg]") {
    test::Cli cli;
    test::write_apkg(cli.file("odd.apkg"),
                     {{1650000000001, "g1", 1, "bonjour\x1fhello", "", 10},
                      {1696969000001, "g2", 1, "\x1fno front", "", 10},
                      {1696969000002, "g3", 1, "big\x1f" + std::string(1025 * 1024, 'x'), "", 10}},
                     test::AnkiLayout::modern);
    auto imported = cli.run({"import", cli.file("odd.apkg").string()});
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out == "Lang::French: 1 added, 0 updated, 0 unchanged, 0 retired, 2 skipped\n");
    CHECK(imported.err == "rolecall: " + cli.file("odd.apkg").string() +
                              ": skipped 2 notes: 1696969000001 (empty first "
                              "field), 1696969000002 (field 2 is 1025 "
                              "KiB, over --max-field 1024 KiB)\n");
    CHECK(cli.card_of_deck("Lang::French").size() == 1);
    // --max-field raises the cap.
    auto raised = cli.run({"import", cli.file("odd.apkg").string(), "--max-field", "2048"});
    CHECK(raised.out == "Lang::French: 1 added, 0 updated, 1 unchanged, 0 retired, 1 skipped\n");

    // Many skipped notes: one line, counted by kind, the first five ids.
    std::vector<test::AnkiFixtureNote> many{{1650000000001, "g1", 1, "bonjour\x1fhello", "", 10}};
    for (int i = 0; i < 7; ++i) many.push_back({1700000000000 + i, "e" + std::to_string(i), 1, "\x1fx", "", 10});
    many.push_back({1700000000100, "c", 3, "no deletion\x1f", "", 11});
    test::write_apkg(cli.file("many.apkg"), many, test::AnkiLayout::legacy);
    auto lots = cli.run({"import", cli.file("many.apkg").string()});
    REQUIRE(lots.exit_code == 0);
    CHECK(lots.err == "rolecall: " + cli.file("many.apkg").string() +
                          ": skipped 8 notes (7 empty first field, 1 cloze "
                          "without a deletion): 1700000000000, "
                          "1700000000001, 1700000000002, 1700000000003, "
                          "1700000000004 and 3 more\n");
}

TEST_CASE("cli import: the help names the new options and the 1 MiB field cap", "[cli][import][help]") {
    test::Cli cli;
    auto help = cli.run({"import", "--help"});
    CHECK_THAT(help.out, Catch::Contains("--header"));
    CHECK_THAT(help.out, Catch::Contains("Largest field in KiB (default 1024"));
    CHECK_THAT(help.out, Catch::Contains("- reads standard input"));
    CHECK_THAT(help.out, Catch::Contains("--front"));
    CHECK_THAT(help.out, Catch::Contains("repeat it for more lines of the back"));
    CHECK_THAT(help.out, Catch::Contains("--deck-column"));
}

TEST_CASE("cli import: an .apkg imports into a working review session", "[cli][import][apkg]") {
    test::Cli cli;
    test::write_apkg(cli.file("french.apkg"),
                     {{1650000000001, "g1", 1, "bonjour\x1fhello", "", 10},
                      {1650000000002, "g2", 3, "{{c1::Paris}} is in France\x1f", "", 10}},
                     test::AnkiLayout::modern);
    auto imported = cli.run({"import", cli.file("french.apkg").string()});
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out == "Lang::French: 2 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    auto review = cli.run({"--today", "2026-11-22", "review", "--deck", "Lang::French"}, "5\n5\n");
    CHECK_THAT(review.out, Catch::Contains("answered: 2 (2 right, 100%)"));
}

TEST_CASE("cli import: an .apkg gives one card per card of the package, rendered from its templates",
          "[cli][import][apkg][templates]") {
    test::Cli cli;
    // Anki's reversed type in its German UI: the name says nothing to rolecall, the card rows do.
    std::vector<test::AnkiFixtureNote> notes = {
        {1650000000001, "d1", 5,
         "Hund\x1f"
         "dog",
         "", 12},
        {1650000000002, "d2", 5,
         "Katze\x1f"
         "cat",
         "", 12},
        {1650000000003, "d3", 5, "Haus\x1fhouse", "", 12},
        // A card 2 Anki kept after Add Reverse was emptied: Anki shows it blank.
        {1650000000004, "o1", 4, "Baum\x1ftree\x1f", "", 12},
        {1650000000005, "c1", 3, "{{c1L::Berlin}} ist die Hauptstadt\x1f", "", 12},
    };
    const std::string file = cli.file("deutsch.apkg").string();
    test::write_apkg(file, notes, test::AnkiLayout::modern, test::template_notetypes());
    auto imported = cli.run({"import", file});
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out == "Deutsch: 7 added, 0 updated, 0 unchanged, 0 retired, 2 skipped\n");
    CHECK(imported.err == "rolecall: " + file +
                              ": skipped 2 notes: 1650000000004 card 2 (empty front), 1650000000005 (a "
                              "cloze note without a {{c1::...}} deletion)\n");
    json cards = cli.card_of_deck("Deutsch");
    REQUIRE(cards.size() == 7);
    int reverse = 0;
    for (const auto& card : cards) {
        if (card["view"] != "reverse") continue;
        ++reverse;
        if (card["note"] == "guid:d2") {
            CHECK(card["front"] == "cat");
            CHECK(card["back"] == "Katze");
        }
    }
    CHECK(reverse == 3);
    auto again = cli.run({"import", file});
    CHECK(again.out == "Deutsch: 0 added, 0 updated, 7 unchanged, 0 retired, 2 skipped\n");
    // They review as any other cards: one card of each note a day, the reverse cards on another day.
    auto review = cli.run({"--today", "2026-11-22", "review", "--deck", "Deutsch"}, "5\n5\n5\n5\n");
    CHECK_THAT(review.out, Catch::Contains("answered: 4 (4 right, 100%)"));
    CHECK_THAT(review.out, Catch::Contains("left today: 0 due, 3 new"));
}

TEST_CASE("cli import: --keep-schedule keeps Anki's suspended cards suspended", "[cli][import][apkg][schedule]") {
    test::Cli cli;
    test::write_apkg(cli.file("s.apkg"),
                     {{1650000000001,
                       "g1",
                       2,
                       "chat\x1f"
                       "cat",
                       "",
                       10,
                       0,
                       0,
                       0,
                       0,
                       {{0, -1, 2, 20, 2400, 400}, {1, -3, 3, 6, 2200, 1767300000}}}},
                     test::AnkiLayout::legacy);
    auto imported = cli.run({"--today", "2026-11-22", "import", "--keep-schedule", cli.file("s.apkg").string()});
    REQUIRE(imported.exit_code == 0);
    json cards = cli.card_of_deck("Lang::French");
    REQUIRE(cards.size() == 2);
    for (const auto& card : cards) {
        if (card["view"] == "forward") {
            CHECK(card["suspended"] == true);
            CHECK(card["interval_days"] == 20);
            CHECK(card["due"] == "2027-02-05");  // crt 2026-01-01 + 400 days
        } else {
            // Relearning (and buried, which lasts a day): due today with Anki's interval and ease.
            CHECK(card["suspended"] == false);
            CHECK(card["interval_days"] == 6);
            CHECK(card["ease"] == 2.2);
            CHECK(card["due"] == "2026-11-22");
        }
    }
    auto due = cli.run({"--today", "2026-11-22", "review", "--deck", "Lang::French"}, "5\n");
    CHECK_THAT(due.out, Catch::Contains("answered: 1 (1 right, 100%)"));
}

TEST_CASE("cli import: a bare collection.anki2 is read as Anki's collection, not as text",
          "[cli][import][apkg][collection]") {
    test::Cli cli;
    const std::vector<test::AnkiFixtureNote> notes = {{1650000000001, "g1", 2,
                                                       "chat\x1f"
                                                       "cat",
                                                       "", 10}};
    test::write_anki_collection(cli.file("collection.anki2"), notes, test::AnkiLayout::legacy, {}, true);
    test::write_anki_collection(cli.file("collection.anki21"), notes, test::AnkiLayout::modern);
    // The issue: "invalid UTF-8 at byte 98", and with --lenient the SQLite file read as rows of text.
    auto lenient = cli.run({"import", "--lenient", "--dry-run", cli.file("collection.anki2").string()});
    REQUIRE(lenient.exit_code == 0);
    CHECK_THAT(lenient.out, Catch::StartsWith(cli.file("collection.anki2").string() + " (apkg): 1 note:\n"));
    CHECK_THAT(lenient.out, Catch::EndsWith("Lang::French: 2 added, 0 updated, 0 unchanged, 0 retired, 0 skipped "
                                            "(dry run: nothing written)\n"));
    auto imported = cli.run({"import", cli.file("collection.anki2").string()});
    CHECK(imported.out == "Lang::French: 2 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    auto modern = cli.run({"import", cli.file("collection.anki21").string()});
    CHECK(modern.out == "Lang::French: 0 added, 0 updated, 2 unchanged, 0 retired, 0 skipped\n");
    auto piped = cli.run({"import", "-", "--format", "apkg"}, test::read_file(cli.file("collection.anki21")));
    CHECK(piped.out == "Lang::French: 0 added, 0 updated, 2 unchanged, 0 retired, 0 skipped\n");

    // An Anki 1.x file, a rolecall database: one line each, exit 1, nothing written.
    const std::string before = contents(cli);
    test::Cli other;
    REQUIRE(other.run({"import", cli.file("collection.anki2").string()}).exit_code == 0);
    auto database = cli.run({"import", other.file("rolecall.db").string()});
    CHECK(database.exit_code == 1);
    CHECK(database.err == "rolecall: error: " + other.file("rolecall.db").string() +
                              ": a rolecall database, not an Anki collection; nothing to import\n");
    test::write_anki1_collection(cli.file("deck.anki"));
    auto old = cli.run({"import", cli.file("deck.anki").string()});
    CHECK(old.exit_code == 1);
    CHECK(old.err ==
          "rolecall: error: " + cli.file("deck.anki").string() +
              ": an Anki 1.x collection, which rolecall does not read; open it in Anki and export an .apkg\n");
    CHECK(contents(cli) == before);
}

TEST_CASE("cli import: text with escape sequences reaches the terminal as plain text", "[cli][import][hostile]") {
    test::Cli cli;
    REQUIRE(cli.run({"import", (data / "escapes.tsv").string()}).exit_code == 0);
    auto review = cli.run({"--today", "2026-11-22", "review", "--deck", "escapes"}, "4\n");
    CHECK_THAT(review.out, Catch::Contains("answer: cleared clipboard bell"));
    for (char c : review.out) {
        auto byte = static_cast<unsigned char>(c);
        CHECK((byte >= 0x20 || c == '\n'));
    }
}

TEST_CASE("cli import: decks of the same name never overwrite each other", "[cli][import][identity]") {
    test::Cli cli;
    // A user's fact deck may not take the built-in deck's name: it would retire the built-in cards.
    test::write_file(cli.file("mine.deck"),
                     "deck = Product roles\n[category a]\nname = A\n[category b]\nname = B\n"
                     "[statements]\na/x: one\n");
    REQUIRE(cli.run({"decks"}).exit_code == 0);
    auto clash = cli.run({"build", cli.file("mine.deck").string()});
    CHECK(clash.exit_code == 1);
    CHECK_THAT(clash.err, Catch::Contains("the deck name 'Product roles' belongs to rolecall's built-in deck"));
    // Rows imported into a deck built from a source would be retired at its next build.
    test::write_file(cli.file("w.tsv"), "sol\tsun\n");
    auto into_builtin = cli.run({"import", cli.file("w.tsv").string(), "--deck", "Product roles"});
    CHECK(into_builtin.exit_code == 1);
    CHECK_THAT(into_builtin.err, Catch::Contains("the deck 'Product roles' is built from builtin:product-roles.deck"));
    // And a fact deck may not take over a deck of imported notes.
    REQUIRE(cli.run({"import", cli.file("w.tsv").string(), "--deck", "Words"}).exit_code == 0);
    test::write_file(cli.file("words.deck"),
                     "deck = Words\n[category a]\nname = A\n[category b]\nname = B\n"
                     "[statements]\na/x: one\n");
    auto over_import = cli.run({"build", cli.file("words.deck").string()});
    CHECK(over_import.exit_code == 1);
    CHECK_THAT(over_import.err, Catch::Contains("the deck 'Words' holds imported notes"));
    CHECK(cli.card_of_deck("Product roles").size() == 181);
}

TEST_CASE("cli import: odd rows of a text file are skipped and named by line, too many refuse the file",
          "[cli][import][skip]") {
    test::Cli cli;
    const std::string odd = (data / "anki-odd-rows.txt").string();
    auto imported = cli.run({"--today", "2026-11-22", "import", odd});
    REQUIRE(imported.exit_code == 0);
    CHECK(imported.out == "anki-odd-rows: 7 added, 0 updated, 0 unchanged, 0 retired, 2 skipped\n");
    CHECK(imported.err == "rolecall: " + odd +
                              ": skipped 2 notes: line 7 (3 fields, but the first row has 2), line 10 (empty front)\n");
    CHECK(cli.card_of_deck("anki-odd-rows").size() == 7);

    // More than a tenth of the rows bad: nothing is written, and the first three are named.
    const std::string before = contents(cli);
    std::string rows;
    for (int i = 1; i <= 10; ++i) rows += "sol" + std::to_string(i) + ";sun" + (i % 3 == 0 ? ";extra" : "") + "\n";
    test::write_file(cli.file("semi.txt"), rows);
    auto refused = cli.run({"--today", "2026-11-22", "import", cli.file("semi.txt").string()});
    CHECK(refused.exit_code == 1);
    CHECK(refused.out.empty());
    CHECK(refused.err == "rolecall: error: " + cli.file("semi.txt").string() +
                             ": 3 of 10 rows cannot be notes: line 3 (3 fields, but the first row has 2), line 6 (3 "
                             "fields, but the first row has 2), line 9 (3 fields, but the first row has 2); the file "
                             "was probably read with the wrong separator (';', guessed from the first row): choose it "
                             "with --separator tab, comma, semicolon, pipe, colon, space or the character, and check "
                             "with --dry-run\n");
    CHECK(contents(cli) == before);
}

TEST_CASE("cli import: a wide CSV is refused until --front and --back choose its columns", "[cli][import][columns]") {
    test::Cli cli;
    const std::string vocab = (data / "german-vocab.csv").string();
    auto refused = cli.run({"--today", "2026-11-22", "import", vocab});
    CHECK(refused.exit_code == 2);
    CHECK(refused.out.empty());
    CHECK(refused.err == "rolecall: error: " + vocab +
                             ": the header names 24 columns (type, german, english, german_full, s1, t1, …); choose "
                             "the card's sides with --front COLUMN --back COLUMN (names from the header, or numbers "
                             "from 1 with --header so that the header is no card)\n");

    auto dry = cli.run({"--today", "2026-11-22", "import", "--dry-run", vocab, "--front", "german", "--back", "English",
                        "--back", "s1", "--back", "t1", "--tags", "type"});
    REQUIRE(dry.exit_code == 0);
    CHECK(dry.out == vocab +
                         " (csv; separator ',', guessed from the first row; the first row names the columns): 10 "
                         "notes, the first ones:\n"
                         "  line 2  deck: german-vocab  tags: noun\n"
                         "    front: Hund\n"
                         "    back:  dog\\nDer Hund bellt.\\nThe dog barks.\n"
                         "  line 3  deck: german-vocab  tags: verb\n"
                         "    front: gehen\n"
                         "    back:  to go\\nIch gehe nach Hause.\\nI am going home.\n"
                         "  line 4  deck: german-vocab  tags: adjective\n"
                         "    front: schnell\n"
                         "    back:  fast\\nDas Auto ist schnell.\\nThe car is fast.\n"
                         "german-vocab: 10 added, 0 updated, 0 unchanged, 0 retired, 0 skipped (dry run: nothing "
                         "written)\n");
    CHECK(dry.err.empty());

    // Numbers, with --header for the first row, and the deck from --deck.
    auto real = cli.run(
        {"--today", "2026-11-22", "import", vocab, "--header", "--front", "3", "--back", "2", "--deck", "Deutsch"});
    REQUIRE(real.exit_code == 0);
    CHECK(real.out == "Deutsch: 10 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    json cards = cli.card_of_deck("Deutsch");
    REQUIRE(cards.size() == 10);
    CHECK(cards[0]["front"] == "dog");
    CHECK(cards[0]["back"] == "Hund");
}

TEST_CASE("cli import: a column mapping that does not fit is a usage error", "[cli][import][columns][errors]") {
    test::Cli cli;
    const std::string vocab = (data / "german-vocab.csv").string();
    // Checked before the collection is opened: formats without columns, a mapping without --front.
    test::write_apkg(cli.file("french.apkg"), {{1650000000001, "g1", 1, "bonjour\x1fhello", "", 10}},
                     test::AnkiLayout::modern);
    auto apkg = cli.run({"--today", "2026-11-22", "import", cli.file("french.apkg").string(), "--front", "1"});
    CHECK(apkg.exit_code == 2);
    CHECK(apkg.err == "rolecall: error: " + cli.file("french.apkg").string() +
                          ": --front, --back, --tags and --deck-column choose columns of Anki text and CSV; a file of "
                          "the format apkg has none\n");
    auto no_front = cli.run({"--today", "2026-11-22", "import", vocab, "--back", "english"});
    CHECK(no_front.exit_code == 2);
    CHECK(no_front.err ==
          "rolecall: error: --back, --tags and --deck-column need --front: choose the column of the card's front\n");
    CHECK_FALSE(std::filesystem::exists(cli.file("rolecall.db")));
    // Checked against the file's columns as it is read.
    auto unknown = cli.run({"--today", "2026-11-22", "import", vocab, "--front", "deutsch", "--back", "english"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::StartsWith("rolecall: error: " + vocab +
                                              ": --front 'deutsch' names no column; the columns are: type, german, "
                                              "english, german_full, s1, t1, s2,"));
    auto range = cli.run({"--today", "2026-11-22", "import", vocab, "--front", "german", "--back", "30"});
    CHECK(range.exit_code == 2);
    CHECK(range.err ==
          "rolecall: error: " + vocab + ": --back 30: no such column, the file has 24 (numbered from 1)\n");
    auto same = cli.run({"--today", "2026-11-22", "import", vocab, "--front", "german", "--back", "GERMAN"});
    CHECK(same.exit_code == 2);
    CHECK(same.err == "rolecall: error: " + vocab +
                          ": --front and --back both name column 2 (german); give each column one role\n");
    // --back takes one column each time: the file after it stays a file.
    test::write_file(cli.file("three.tsv"), "uno\tone\t1\n");
    auto one_each =
        cli.run({"--today", "2026-11-22", "import", "--front", "3", "--back", "1", cli.file("three.tsv").string()});
    CHECK(one_each.exit_code == 0);
    CHECK(one_each.out == "three: 1 added, 0 updated, 0 unchanged, 0 retired, 0 skipped\n");
    CHECK(cli.card_of_deck("three")[0]["back"] == "uno");
}

TEST_CASE("cli import: --separator takes the names #separator has", "[cli][import][separator]") {
    test::Cli cli;
    test::write_file(cli.file("words.txt"), "sol;sun|star\nluna;moon|night\n");
    for (const auto& [name, back] : std::vector<std::pair<std::string, std::string>>{
             {"semicolon", "sun|star"}, {"Pipe", "star"}, {"comma", "(empty)"}, {";", "sun|star"}}) {
        INFO(name);
        auto dry = cli.run(
            {"--today", "2026-11-22", "import", "--dry-run", "--separator", name, cli.file("words.txt").string()});
        CHECK(dry.exit_code == 0);
        CHECK_THAT(dry.out, Catch::Contains("    back:  " + back + "\n"));
    }
    auto piped = cli.run(
        {"--today", "2026-11-22", "import", "--dry-run", "--separator", "pipe", cli.file("words.txt").string()});
    CHECK_THAT(piped.out, Catch::StartsWith(cli.file("words.txt").string() +
                                            " (anki-text; separator '|' from --separator): 2 notes:\n"
                                            "  line 1  deck: words\n"
                                            "    front: sol;sun\n"
                                            "    back:  star\n"));
}
