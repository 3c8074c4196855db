// Card management through the binary: cards, card, suspend/unsuspend/bury, add, edit, deck.
#include "cli_runner.hpp"
#include "collection_checks.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/decks/fact_deck.hpp"
#include "rolecall/storage/storage.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

using namespace rolecall;
using test::json;

namespace {

std::vector<long> ids_of(const test::Run& run) {
    std::vector<long> ids;
    std::istringstream in(run.out);
    for (long id; in >> id;) ids.push_back(id);
    return ids;
}

// A small deck of one's own: three cards, one of them tagged.
void add_spanish(test::Cli& cli) {
    REQUIRE(cli.run({"add", "--deck", "Spanish", "la mesa", "the table", "--tags", "nouns"}).exit_code == 0);
    REQUIRE(cli.run({"add", "--deck", "Spanish", "el gato", "the cat"}).exit_code == 0);
    REQUIRE(cli.run({"add", "--deck", "Spanish::Verbs", "comer", "to eat"}).exit_code == 0);
}

}  // namespace

TEST_CASE("cli cards: words and filters find cards, table, ids and json", "[cli][cards]") {
    test::Cli cli;
    add_spanish(cli);
    auto table = cli.run({"--today", "2026-11-30", "cards", "deck:spanish"});
    REQUIRE(table.exit_code == 0);
    CHECK_THAT(table.out, Catch::StartsWith("id  deck"));
    CHECK_THAT(table.out, Catch::Contains("Spanish::Verbs") && Catch::Contains("comer"));
    CHECK_THAT(table.err, Catch::Contains("3 cards found"));
    // At --limit there may be more, and the note says so instead of a count.
    auto limited = cli.run({"--today", "2026-11-30", "cards", "deck:spanish", "--limit", "2"});
    CHECK_THAT(limited.err, Catch::Contains("the first 2 cards shown (--limit 2); there may be more"));
    // Into a pipe a front is whole, its line breaks shown as " / ".
    test::write_file(cli.file("two-lines.csv"), "\"line one\nline two\",back\n");
    REQUIRE(cli.run({"import", cli.file("two-lines.csv").string()}).exit_code == 0);
    CHECK_THAT(cli.run({"cards", "deck:two-lines"}).out, Catch::EndsWith("line one / line two\n"));

    CHECK(ids_of(cli.run({"cards", "tag:nouns", "--format", "ids"})).size() == 1);
    CHECK(ids_of(cli.run({"cards", "deck:Spanish::Verbs", "--format", "ids"})).size() == 1);
    CHECK(ids_of(cli.run({"cards", "the", "--format", "ids"})).size() == 2);       // "the table", "the cat"
    CHECK(ids_of(cli.run({"cards", "tab", "--format", "ids"})).size() == 1);       // a prefix
    CHECK(ids_of(cli.run({"cards", "the -cat", "--format", "ids"})).size() == 1);  // excluded
    CHECK(ids_of(cli.run({"cards", "is:new", "deck:spanish", "--format", "ids"})).size() == 3);
    CHECK(ids_of(cli.run({"cards", "is:due", "deck:spanish", "--format", "ids"})).empty());

    auto doc = json::parse(cli.run({"cards", "gato", "--format", "json"}).out);
    REQUIRE(doc["cards"].size() == 1);
    CHECK(doc["cards"][0]["back"] == "the cat");
    CHECK(doc["cards"][0]["deck"] == "Spanish");

    auto none = cli.run({"cards", "zebra"});
    CHECK(none.exit_code == 0);
    CHECK(none.out.empty());
    CHECK_THAT(none.err, Catch::Contains("no card matches"));

    auto unknown = cli.run({"cards", "deck:spansh"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("did you mean 'Spanish'"));
}

TEST_CASE("cli cards: the index follows every write: build, edit and delete", "[cli][cards]") {
    test::Cli cli;
    REQUIRE(cli.run({"build"}).exit_code == 0);
    auto found = ids_of(cli.run({"cards", "backlog", "--format", "ids"}));
    CHECK(found.size() > 5);
    add_spanish(cli);
    const long gato = ids_of(cli.run({"cards", "gato", "--format", "ids"})).at(0);
    test::write_file(cli.file("ed.sh"), "#!/bin/sh\nsed -i 's/the cat/the feline/' \"$1\"\n");
    std::filesystem::permissions(cli.file("ed.sh"), std::filesystem::perms::owner_all);
    REQUIRE(
        cli.run({"--today", "2026-11-30", "edit", std::to_string(gato)}, "", {"VISUAL=" + cli.file("ed.sh").string()})
            .exit_code == 0);
    CHECK(ids_of(cli.run({"cards", "feline", "--format", "ids"})) == std::vector<long>{gato});
    CHECK(ids_of(cli.run({"cards", "cat", "--format", "ids"})).empty());
    REQUIRE(cli.run({"deck", "delete", "Spanish", "--yes"}).exit_code == 0);
    CHECK(ids_of(cli.run({"cards", "feline", "--format", "ids"})).empty());
}

TEST_CASE("cli cards: the table fits the width it is given", "[cli][cards]") {
    test::Cli cli;
    REQUIRE(cli.run({"add", "--deck", "Long", std::string(200, 'x'), "y"}).exit_code == 0);
    auto run = cli.run({"cards", "deck:Long"}, "", {"COLUMNS=60"});
    std::istringstream lines(run.out);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        ++rows;
        CHECK(line.size() <= 60 + 2);  // the ellipsis is three bytes, one column
    }
    CHECK(rows == 2);
    CHECK_THAT(run.out, Catch::Contains("..."));  // NO_COLOR and no UTF-8 locale in tests: ASCII
    // A long deck name gives way before the front does.
    REQUIRE(cli.run({"add", "--deck", "A rather long deck name", std::string(200, 'z'), "y"}).exit_code == 0);
    auto narrow = cli.run({"cards", "deck:A rather long deck name"}, "", {"COLUMNS=60"});
    std::istringstream narrow_lines(narrow.out);
    rows = 0;
    while (std::getline(narrow_lines, line)) {
        ++rows;
        CHECK(line.size() <= 60);
    }
    CHECK(rows == 2);
    CHECK_THAT(narrow.out, Catch::Contains("zzzzzzz..."));
}

TEST_CASE("cli decks and cards: columns stay aligned with CJK, emoji and combining marks in deck names",
          "[cli][cards]") {
    // Columns by hand: 日本語の漢字と語彙 is 9 characters, 27 bytes and 18 columns; "Kanji 🎌" 8 columns
    // (the emoji takes two); "Cafés" with a combining accent 6 code points and 5 columns; the fourth
    // name, 32 columns, is cut in the cards table to 24.
    const std::string japanese =
        "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xae\xe6\xbc\xa2\xe5\xad\x97\xe3\x81\xa8"
        "\xe8\xaa\x9e\xe5\xbd\x99";
    const std::string kanji = "Kanji \xf0\x9f\x8e\x8c";
    const std::string cafes = "Cafe\xcc\x81s";
    const std::string long_name = japanese +
                                  "\xe3\x81\xa8\xe6\x96\x87\xe6\xb3\x95\xe3\x81\xae\xe7\xb7\xb4\xe7\xbf\x92"
                                  "\xe5\xb8\xb3";  // ...と文法の練習帳
    test::Cli cli;
    for (const auto& deck : {japanese, kanji, cafes, long_name}) {
        REQUIRE(cli.run({"add", "--deck", deck, "front of " + deck, "back"}).exit_code == 0);
    }
    auto spaces = [](int n) { return std::string(static_cast<std::size_t>(n), ' '); };

    // 24 columns for the deck: the long name cut to 23 (whole characters and "...") and one space.
    const auto cards = cli.run({"--today", "2026-11-30", "cards"});
    REQUIRE(cards.exit_code == 0);
    auto card = [&](int id, const std::string& deck, int pad, const std::string& front) {
        return fmt::format(" {}  {}{}  new             -  2.50       0  front of {}\n", id, deck, spaces(pad), front);
    };
    CHECK(cards.out == "id  deck" + spaces(20) + "  due           ivl  ease  lapses  front\n" +
                           card(1, japanese, 6, japanese) + card(2, kanji, 16, kanji) + card(3, cafes, 19, cafes) +
                           card(4, japanese + "\xe3\x81\xa8...", 1, long_name));

    // The widest name sets the deck column: 32 columns here, the built-in deck's counts after it.
    const auto decks = cli.run({"--today", "2026-11-30", "decks"});
    REQUIRE(decks.exit_code == 0);
    const std::string one = "      1      0      1\n";
    CHECK(decks.out == "deck" + spaces(28) + "    new    due  total\n" + cafes + spaces(27) + one + kanji + spaces(24) +
                           one + "Product roles" + spaces(19) + "    181      0    181\n" + japanese + spaces(14) +
                           one + long_name + one);
}

TEST_CASE("cli decks: on a narrow terminal long names are cut so that no row wraps", "[cli][cards]") {
    test::Cli cli;
    const std::string name = "A very long deck name that goes on and on past sixty columns";
    REQUIRE(cli.run({"add", "--deck", name, "front", "back"}).exit_code == 0);
    // 60 columns: 21 for the counts, 39 for the names; the long one cut to 36 and "...".
    const auto narrow = cli.run({"--today", "2026-11-30", "decks"}, "", {"COLUMNS=60"});
    REQUIRE(narrow.exit_code == 0);
    CHECK(narrow.out == "deck" + std::string(35, ' ') + "    new    due  total\n" +
                            "A very long deck name that goes on a...      1      0      1\n" + "Product roles" +
                            std::string(26, ' ') + "    181      0    181\n");
    // Wide enough, or a pipe without COLUMNS: the names whole, as before.
    const std::string whole = name + "      1      0      1\n";
    CHECK_THAT(cli.run({"--today", "2026-11-30", "decks"}, "", {"COLUMNS=100"}).out, Catch::Contains(whole));
    CHECK_THAT(cli.run({"--today", "2026-11-30", "decks"}).out, Catch::Contains(whole));
    // The card's title line wraps at the width too, at a space.
    CHECK_THAT(
        cli.run({"card", "1"}, "", {"COLUMNS=60"}).out,
        Catch::StartsWith("card 1 · recall · deck A very long deck name that goes on\nand on past sixty columns\n"));
}

TEST_CASE("cli card: both sides, state and the whole answer history", "[cli][cards]") {
    test::Cli cli;
    REQUIRE(cli.run({"add", "--deck", "Spanish", "la mesa", "the table"}).exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-30", "review", "--deck", "Spanish"}, "4\n").exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-12-01", "review", "--deck", "Spanish"}, "2\n4\n").exit_code == 0);
    auto run = cli.run({"card", "1"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("la mesa") && Catch::Contains("the table"));
    CHECK_THAT(run.out, Catch::Contains("2026-11-30") && Catch::Contains("2026-12-01"));
    CHECK_THAT(run.out, Catch::Contains("drill (schedule unchanged)"));
    CHECK_THAT(run.out, Catch::Contains("1 lapse"));
    // At 60 columns the note wraps under itself (37 columns in), not at column 0.
    const auto narrow = cli.run({"card", "1"}, "", {"COLUMNS=60"});
    CHECK_THAT(narrow.out, Catch::Contains("  drill (schedule\n" + std::string(37, ' ') + "unchanged)\n"));
    auto doc = json::parse(cli.run({"card", "1", "--json"}).out);
    REQUIRE(doc["answers"].size() == 3);
    CHECK(doc["answers"][0]["grade"] == 4);
    CHECK(doc["answers"][1]["grade"] == 2);
    CHECK(doc["answers"][2]["drill"] == true);
    CHECK(doc["card"]["lapses"] == 1);

    auto missing = cli.run({"card", "99999"});
    CHECK(missing.exit_code == 1);
    CHECK_THAT(missing.err, Catch::StartsWith("rolecall: error: no card has the id 99999"));
}

TEST_CASE("cli suspend, unsuspend, bury: by id or query, saying how many", "[cli][cards]") {
    test::Cli cli;
    add_spanish(cli);
    auto suspended = cli.run({"suspend", "1", "2"});
    CHECK(suspended.out == "suspended 2 cards\n");
    CHECK(cli.run({"suspend", "1"}).out == "suspended 0 cards (1 already were)\n");
    CHECK(ids_of(cli.run({"cards", "is:suspended", "--format", "ids"})) == std::vector<long>{1, 2});
    // Suspended cards are not reviewed: only card 3 is left.
    auto review = cli.run({"--today", "2026-11-30", "review", "--deck", "Spanish::Verbs"}, "");
    CHECK_THAT(review.out, Catch::Contains("comer"));
    CHECK(review.out.find("la mesa") == std::string::npos);
    CHECK(cli.run({"unsuspend", "--query", "is:suspended"}).out == "unsuspended 2 cards\n");

    // Buried: gone for today, back tomorrow, schedule untouched.
    CHECK(cli.run({"--today", "2026-11-30", "bury", "--query", "tag:nouns"}).out == "buried 1 card until 2026-12-01\n");
    CHECK(ids_of(cli.run({"--today", "2026-11-30", "cards", "is:buried", "--format", "ids"})) == std::vector<long>{1});
    auto today = cli.run({"--today", "2026-11-30", "review", "--deck", "Spanish"}, "");
    CHECK_THAT(today.out, Catch::StartsWith("--- card 1 of 1 (0 due, 0 new left)"));
    auto tomorrow = cli.run({"--today", "2026-12-01", "review", "--deck", "Spanish"}, "");
    CHECK_THAT(tomorrow.out, Catch::StartsWith("--- card 1 of 2 (0 due, 1 new left)"));
    CHECK(ids_of(cli.run({"--today", "2026-12-01", "cards", "is:buried", "--format", "ids"})).empty());
    CHECK_THAT(cli.run({"--today", "2026-11-30", "card", "1"}).out, Catch::Contains("buried until 2026-12-01"));
    CHECK(cli.run({"--today", "2026-12-01", "card", "1"}).out.find("buried") == std::string::npos);

    // A missing id changes nothing, even beside good ones.
    auto bad = cli.run({"suspend", "2", "77777"});
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.err, Catch::Contains("no card has the id 77777"));
    CHECK(ids_of(cli.run({"cards", "is:suspended", "--format", "ids"})).empty());
    CHECK(cli.run({"suspend"}).exit_code == 2);
}

TEST_CASE("cli add: a card into a new or existing deck of one's own, never a twin", "[cli][cards]") {
    test::Cli cli;
    auto added = cli.run({"add", "--deck", "Spanish", "el perro", "the dog", "--reversed"});
    REQUIRE(added.exit_code == 0);
    CHECK(added.out == "added card 1 to 'Spanish'\nadded card 2 to 'Spanish' (reverse)\n");
    CHECK_THAT(added.err, Catch::Contains("made the new deck 'Spanish'"));
    auto twin = cli.run({"add", "--deck", "Spanish", "el perro", "a dog"});
    CHECK(twin.exit_code == 1);
    CHECK_THAT(twin.err, Catch::Contains("already has a card with this front (card 1)"));
    CHECK(cli.run({"add", "--deck", "Spanish", " ", "x"}).exit_code == 2);
    REQUIRE(cli.run({"build"}).exit_code == 0);
    auto builtin = cli.run({"add", "--deck", "Product roles", "a", "b"});
    CHECK(builtin.exit_code == 1);
    CHECK_THAT(builtin.err, Catch::Contains("built-in deck"));
    // An import of the same front later updates the card instead of adding another.
    test::write_file(cli.file("s.txt"), "el perro\tthe dog (animal)\n");
    auto import = cli.run({"import", cli.file("s.txt").string(), "--deck", "Spanish"});
    CHECK_THAT(import.out, Catch::Contains("1 updated"));
}

TEST_CASE("cli edit: the editor's text replaces the card's, history kept, fact decks point at the source",
          "[cli][cards]") {
    test::Cli cli;
    REQUIRE(cli.run({"add", "--deck", "Spanish", "el gato", "the cta", "--reversed"}).exit_code == 0);
    REQUIRE(cli.run({"--today", "2026-11-30", "review", "--deck", "Spanish"}, "4\n").exit_code == 0);
    test::write_file(cli.file("fix.sh"), "#!/bin/sh\nsed -i 's/the cta/the cat/' \"$1\"\n");
    std::filesystem::permissions(cli.file("fix.sh"), std::filesystem::perms::owner_all);
    const std::string visual = "VISUAL=" + cli.file("fix.sh").string();
    auto edit = cli.run({"--today", "2026-12-01", "edit", "1"}, "", {visual});
    REQUIRE(edit.exit_code == 0);
    CHECK_THAT(edit.out, Catch::Contains("card 2 (its reverse) changed too"));
    auto doc = json::parse(cli.run({"card", "1", "--json"}).out);
    CHECK(doc["card"]["back"] == "the cat");
    CHECK(doc["card"]["repetitions"] == 1);  // the schedule stays
    CHECK(doc["answers"].size() == 1);
    REQUIRE(doc["edits"].size() == 1);
    CHECK(doc["edits"][0]["back_before"] == "the cta");
    CHECK(json::parse(cli.run({"card", "2", "--json"}).out)["card"]["front"] == "the cat");

    // Saved unchanged: nothing changes. An editor that fails: nothing changes either.
    CHECK(cli.run({"edit", "1"}, "", {"VISUAL=true"}).out == "card 1 unchanged\n");
    auto failed = cli.run({"edit", "1"}, "", {"VISUAL=false"});
    CHECK(failed.exit_code == 1);
    CHECK_THAT(failed.err, Catch::Contains("did not finish cleanly; card 1 is unchanged"));
    // An emptied front is refused, and the file with the user's text is kept and named.
    test::write_file(cli.file("empty.sh"), "#!/bin/sh\nsed -i 's/el gato//' \"$1\"\n");
    std::filesystem::permissions(cli.file("empty.sh"), std::filesystem::perms::owner_all);
    auto empty = cli.run({"edit", "1"}, "", {"VISUAL=" + cli.file("empty.sh").string()});
    CHECK(empty.exit_code == 1);
    CHECK_THAT(empty.err, Catch::Contains("the front is empty; nothing was changed"));

    REQUIRE(cli.run({"build"}).exit_code == 0);
    const long scenario = ids_of(cli.run({"cards", "ten-person startup", "--format", "ids"})).at(0);
    auto fact = cli.run({"edit", std::to_string(scenario)});
    CHECK(fact.exit_code == 1);
    CHECK_THAT(fact.err, Catch::Matches(".*built from the fact deck .*product-roles\\.deck:[0-9]+: edit the fact "
                                        "there, then run 'rolecall build'\\n"));
}

TEST_CASE("cli deck: rename with children, delete asks, copies, and the built-in deck comes back with build",
          "[cli][cards]") {
    test::Cli cli;
    add_spanish(cli);
    auto renamed = cli.run({"deck", "rename", "spanish", "Languages::Spanish"});
    REQUIRE(renamed.exit_code == 0);
    CHECK(renamed.out ==
          "renamed 'Spanish' to 'Languages::Spanish'\nrenamed 'Spanish::Verbs' to 'Languages::Spanish::Verbs'\n");
    REQUIRE(cli.run({"add", "--deck", "Other", "a", "b"}).exit_code == 0);
    auto clash = cli.run({"deck", "rename", "Other", "Languages::Spanish"});
    CHECK(clash.exit_code == 1);
    CHECK_THAT(clash.err, Catch::Contains("there is a deck named 'Languages::Spanish' already"));

    auto unasked = cli.run({"deck", "delete", "Languages"});  // standard input is no terminal
    CHECK(unasked.exit_code == 2);
    CHECK_THAT(unasked.err, Catch::Contains("pass --yes"));
    auto deleted = cli.run({"deck", "delete", "Languages", "--yes"});
    REQUIRE(deleted.exit_code == 0);
    CHECK_THAT(deleted.out, Catch::Contains("(3 cards)") && Catch::Contains("rolecall.db.before-delete.bak"));
    CHECK(std::filesystem::exists(cli.file("rolecall.db.before-delete.bak")));
    CHECK(ids_of(cli.run({"cards", "--format", "ids"})).size() == 1);

    REQUIRE(cli.run({"build"}).exit_code == 0);
    REQUIRE(cli.run({"deck", "delete", "Product roles", "-y"}).exit_code == 0);
    // No command builds it again behind the user's back...
    CHECK(cli.run({"decks"}).out.find("Product roles") == std::string::npos);
    CHECK(cli.run({"--today", "2026-11-30", "review"}, "").out.find("Product roles") == std::string::npos);
    // ... until asked.
    REQUIRE(cli.run({"build"}).exit_code == 0);
    CHECK_THAT(cli.run({"decks"}).out, Catch::Contains("Product roles"));
}

TEST_CASE("cli cards: imports index their cards in one pass and leave the index whole", "[cli][cards][import]") {
    test::Cli cli;
    std::string rows;
    for (int i = 0; i < 300; ++i) rows += fmt::format("front {} alpha\tback {} omega\n", i, i);
    test::write_file(cli.file("big.tsv"), rows);
    REQUIRE(cli.run({"import", cli.file("big.tsv").string(), "--deck", "Big"}).exit_code == 0);
    REQUIRE(cli.run({"import", cli.file("big.tsv").string(), "--deck", "Big", "--dry-run"}).exit_code == 0);
    test::write_file(cli.file("big.tsv"), "front 7 alpha\tback seven changed\nfront new alpha\tnew back\n");
    REQUIRE(cli.run({"import", cli.file("big.tsv").string(), "--deck", "Big"}).exit_code == 0);
    CHECK(ids_of(cli.run({"cards", "alpha", "--format", "ids"})).size() == 301);
    CHECK(ids_of(cli.run({"cards", "seven", "--format", "ids"})).size() == 1);
    CHECK(ids_of(cli.run({"cards", "omega", "--format", "ids"})).size() == 299);  // card 7's old back is gone
    {
        test::Sql sql(cli.file("rolecall.db"));
        // The insert trigger is back after a real import and after a dry run.
        CHECK(sql.column("SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name") ==
              std::vector<std::string>{"cards_text_delete", "cards_text_insert", "cards_text_update"});
        sql.column("INSERT INTO cards_text (cards_text) VALUES ('integrity-check')");  // fails when out of step
    }
    REQUIRE(cli.run({"deck", "delete", "Big", "--yes"}).exit_code == 0);
    test::Sql sql(cli.file("rolecall.db"));
    sql.column("INSERT INTO cards_text (cards_text) VALUES ('integrity-check')");
    CHECK(sql.column("SELECT count(*) FROM cards_text") == std::vector<std::string>{"0"});
}

TEST_CASE("cli cards: the first search indexes what imports left out, and finds it", "[cli][cards][import]") {
    test::Cli cli;
    std::string rows;
    for (int i = 0; i < 50; ++i) rows += fmt::format("front {} alpha\tback {} omega\n", i, i);
    test::write_file(cli.file("big.tsv"), rows);
    test::write_file(cli.file("other.tsv"), "gone alpha\tgone omega\n");
    auto pending = [&] {
        test::Sql sql(cli.file("rolecall.db"));
        return sql.number("SELECT count(*) FROM cards_text_pending");
    };
    auto indexed = [&](const std::string& word) {
        test::Sql sql(cli.file("rolecall.db"));
        return sql.number("SELECT count(*) FROM cards_text WHERE cards_text MATCH ?1", word);
    };
    REQUIRE(cli.run({"import", cli.file("big.tsv").string(), "--deck", "Big"}).exit_code == 0);
    REQUIRE(cli.run({"import", cli.file("other.tsv").string(), "--deck", "Other"}).exit_code == 0);
    // Left out by the imports, not lost: the cards wait above the mark.
    CHECK(pending() == 1);
    CHECK(indexed("alpha") == 0);
    // While they wait, a re-import that changes one, a dry run and a deleted deck leave the index alone.
    test::write_file(cli.file("big.tsv"), "front 7 alpha\tback seven changed\nfront new alpha\tnew back\n");
    REQUIRE(cli.run({"import", cli.file("big.tsv").string(), "--deck", "Big", "--dry-run"}).exit_code == 0);
    REQUIRE(cli.run({"import", cli.file("big.tsv").string(), "--deck", "Big"}).exit_code == 0);
    REQUIRE(cli.run({"deck", "delete", "Other", "--yes"}).exit_code == 0);
    CHECK(pending() == 1);
    // A listing without words does not need the index, and leaves the cards waiting.
    CHECK(ids_of(cli.run({"cards", "--format", "ids"})).size() >= 51);
    CHECK(pending() == 1);
    // The first search with words brings them in, once, and finds them.
    CHECK(ids_of(cli.run({"cards", "alpha", "--format", "ids"})).size() == 51);
    CHECK(pending() == 0);
    CHECK(indexed("alpha") == 51);
    CHECK(ids_of(cli.run({"cards", "seven", "--format", "ids"})).size() == 1);
    CHECK(ids_of(cli.run({"cards", "omega", "--format", "ids"})).size() == 49);
    CHECK(ids_of(cli.run({"cards", "gone", "--format", "ids"})).empty());
    {
        test::Sql sql(cli.file("rolecall.db"));
        sql.column("INSERT INTO cards_text (cards_text) VALUES ('integrity-check')");  // fails when out of step
    }
    // An import that adds no card leaves no mark.
    REQUIRE(cli.run({"import", cli.file("big.tsv").string(), "--deck", "Big"}).exit_code == 0);
    CHECK(pending() == 0);
}

TEST_CASE("cli review: the summary leaves out a due card waiting for its sibling's day, and counts drills left",
          "[cli][review]") {
    test::Cli cli;
    test::write_file(cli.file("r.deck"),
                     test::two_roles_deck + "[aspect horizon]\nlabel = time horizon\npm = years\npo = sprints\n");
    {
        auto storage = Storage::open(cli.file("rolecall.db"), true);
        sync_fact_deck(*storage, parse_fact_deck(test::read_file(cli.file("r.deck")), "r.deck"), "r.deck", "h");
        // The forward and reverse cards of the Product Manager's horizon: one due on 11-21, the other
        // answered on 11-21 (a first answer), so the due one waits for another day.
        const auto note = storage->note_by_key(storage->find_deck("Roles")->id, "aspect:horizon:pm");
        const auto cards = storage->cards_of_note(note->id);
        REQUIRE(cards.size() == 2);
        test::log_answer(*storage, cards[0].id, test::day("2026-11-20"), 4);
        test::log_answer(*storage, cards[1].id, test::day("2026-11-21"), 1);  // missed: a drill is owed
    }
    auto run = cli.run({"--today", "2026-11-21", "review", "--new", "0"}, "q\n");
    REQUIRE(run.exit_code == 0);
    // The new cards are counted as a plain review would start them (20 a day, one started), not by
    // this run's --new 0.
    CHECK_THAT(run.out, Catch::Contains("left today: 0 due, 19 new, 1 to drill ('rolecall review' goes on)"));
    CHECK_THAT(run.out, Catch::Contains("next due: 2026-11-22 (tomorrow)"));
}

TEST_CASE("cli cards: kind:contrast finds the built-in deck's contrast cards, and card names their kind",
          "[cli][cards]") {
    test::Cli cli;
    REQUIRE(cli.run({"build"}).exit_code == 0);
    const auto contrast = ids_of(cli.run({"cards", "kind:contrast", "--format", "ids", "--limit", "1000"}));
    REQUIRE_FALSE(contrast.empty());
    auto doc = json::parse(cli.run({"cards", "kind:contrast", "--format", "json", "--limit", "1000"}).out);
    REQUIRE(doc["cards"].size() == contrast.size());
    for (const auto& card : doc["cards"]) CHECK(card["view"] == "contrast");
    // A contrast card is not also a plain choice card.
    auto choices = json::parse(cli.run({"cards", "kind:choice", "--format", "json", "--limit", "1000"}).out);
    REQUIRE_FALSE(choices["cards"].empty());
    for (const auto& card : choices["cards"]) CHECK(card["view"] != "contrast");
    CHECK_THAT(cli.run({"card", std::to_string(contrast.front())}).out,
               Catch::StartsWith(fmt::format("card {} · contrast · deck", contrast.front())));
}
