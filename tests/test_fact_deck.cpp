#include "rolecall/base/error.hpp"
#include "rolecall/decks/deck_builder.hpp"
#include "rolecall/decks/fact_deck.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

namespace {

const char* scrum_deck = R"(# a user's own deck
deck = Scrum events
question = Which event?

[category planning]
name = Sprint Planning
aliases = planning
summary = starts the sprint

[category retro]
name = Sprint Retrospective
aliases = retro

[aspect output]
label = what it produces
planning = A sprint goal and a sprint backlog
retro = Improvements for the next sprint

[statements]
planning/goal: The team agrees on a sprint goal.
retro: The team looks back at how it worked.

[takeaways]
timebox: Every Scrum event is {{time-boxed}}.
)";

std::string error_of(const std::string& text) {
    try {
        parse_fact_deck(text, "my.deck");
    } catch (const Error& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("fact deck: a user's deck parses into categories, aspects, statements, takeaways", "[fact_deck]") {
    FactDeck deck = parse_fact_deck(scrum_deck, "scrum.deck");
    CHECK(deck.name == "Scrum events");
    CHECK(deck.question == "Which event?");
    REQUIRE(deck.categories.size() == 2);
    CHECK(deck.categories[0].name == "Sprint Planning");
    CHECK(deck.categories[0].aliases == std::vector<std::string>{"planning"});
    REQUIRE(deck.aspects.size() == 1);
    CHECK(deck.aspects[0].values.size() == 2);
    REQUIRE(deck.statements.size() == 2);
    CHECK(deck.statements[0].id == "goal");
    CHECK(deck.statements[1].id == "the-team-looks-back-at-how-it-worked");
    CHECK(deck.statements[1].category == "retro");
    REQUIRE(deck.takeaways.size() == 1);
    CHECK(deck.takeaways[0].id == "timebox");
}

TEST_CASE("fact deck: mistakes name the file, the line and the fix", "[fact_deck]") {
    CHECK(error_of("[category a]\nname = A\n") ==
          "my.deck:1: the deck has no name: add a line 'deck = NAME' at the top");
    CHECK(error_of("deck = X\n[category a]\nname = A\n[category b]\nname = B\n[statements]\nc: text\n") ==
          "my.deck:7: 'c' is not a category of this deck");
    CHECK(error_of("deck = X\n[takeaways]\nno deletion here\n") ==
          "my.deck:3: a takeaway needs at least one {{deletion}} to turn into a cloze card");
    CHECK(error_of("deck = X\n[stuff]\n") ==
          "my.deck:2: unknown section '[stuff]': use [category KEY], [aspect KEY], [statements], [scenarios], "
          "[checkup] or [takeaways]");
    CHECK(error_of("deck = X\n[category a]\nname = A\n[category a]\n") == "my.deck:4: category 'a' is defined twice");
    CHECK(error_of("deck = X\n[category a]\nname = A\n[category b]\nname = B\n[statements]\na/x: one\nb/x: two\n") ==
          "my.deck:8: the statement id 'x' is used twice: give each line its own id");
    CHECK(error_of("deck = X\n[category a]\nname = A\n[aspect h]\nlabel = horizon\nz = 1\n") ==
          "my.deck:6: 'z' is neither 'label', 'plural', 'first' nor a category key of this deck");
    // The indented lines under a statement.
    const std::string two = "deck = X\n[category a]\nname = A\n[category b]\nname = B\n[statements]\na/x: one\n";
    CHECK(error_of(two + "  not a = itself\n") ==
          "my.deck:8: 'not a' names the statement's own category: name another one");
    CHECK(error_of(two + "  not c = who\n") == "my.deck:8: 'c' is not a category of this deck");
    CHECK(error_of(two + "  aspect = none\n") == "my.deck:8: 'none' is not an aspect defined above");
    CHECK(error_of(two + "  not b = one\n  not b = two\n") == "my.deck:9: 'not b' is given twice for this statement");
    CHECK(error_of(two + "  because = x\n") ==
          "my.deck:8: unknown statement detail 'because': use 'aspect = KEY', 'why = TEXT' or 'not CATEGORY = TEXT'");
}

TEST_CASE("fact deck: scenarios and checkup questions take the statement syntax", "[fact_deck]") {
    FactDeck deck = parse_fact_deck(
        "deck = X\n[category a]\nname = A\n[category b]\nname = B\n[scenarios]\na/s: Who does it?\n"
        "  not b = does the other thing\n  why = it is A's\n[checkup]\nb/c: Who else?\n",
        "my.deck");
    REQUIRE(deck.statements.size() == 1);
    CHECK(deck.statements[0].scenario);
    CHECK(deck.statements[0].why == "it is A's");
    CHECK(deck.statements[0].instead ==
          std::vector<std::pair<std::string, std::string>>{{"b", "does the other thing"}});
    REQUIRE(deck.checkup.size() == 1);
    CHECK(deck.checkup[0].id == "c");
    CHECK(deck.checkup[0].category == "b");
}

TEST_CASE("fact deck: the built-in deck parses and covers the three roles", "[fact_deck][builtin]") {
    FactDeck deck = parse_fact_deck(test::read_file(ROLECALL_BUILTIN_DECK), "product-roles.deck");
    REQUIRE(deck.categories.size() == 3);
    CHECK(deck.categories[0].name == "Product Manager");
    CHECK(deck.categories[1].name == "Product Owner");
    CHECK(deck.categories[2].name == "Project Manager");
    for (const char* aspect : {"question", "horizon", "metric", "artifacts", "focus", "responsibility"}) {
        bool found = false;
        for (const auto& a : deck.aspects) {
            if (a.key == aspect) {
                found = true;
                CHECK(a.values.size() == 3);
            }
        }
        INFO(aspect);
        CHECK(found);
    }
    CHECK(deck.statements.size() >= 30);
    CHECK(deck.takeaways.size() >= 15);
}

TEST_CASE("fact deck: a comment may end a line, and '#' inside a text stays", "[fact_deck]") {
    FactDeck deck = parse_fact_deck(
        "deck = X   # the name\n[category a]  # first\nname = A\n[category b]\nname = B\n"
        "[statements]\na/x: Fixes ticket #42 in C#.   # a comment\n  why = it is A's\t# another\n",
        "my.deck");
    CHECK(deck.name == "X");
    REQUIRE(deck.statements.size() == 1);
    CHECK(deck.statements[0].text == "Fixes ticket #42 in C#.");
    CHECK(deck.statements[0].why == "it is A's");
}

TEST_CASE("fact deck: the README's example builds as printed", "[fact_deck][readme]") {
    const std::string readme = test::read_file(ROLECALL_README);
    const std::size_t section = readme.find("## Fact decks");
    REQUIRE(section != std::string::npos);
    const std::size_t start = readme.find("```ini\n", section);
    REQUIRE(start != std::string::npos);
    const std::size_t end = readme.find("```", start + 7);
    const FactDeck deck = parse_fact_deck(readme.substr(start + 7, end - start - 7), "README.md");
    CHECK(deck.name == "Scrum events");
    CHECK(deck.categories.size() == 2);
    CHECK(deck.aspects.size() == 1);
    CHECK(deck.statements.size() == 3);
    CHECK(deck.checkup.size() == 1);
    CHECK(deck.takeaways.size() == 1);
    CHECK(deck.statements[1].instead.at(0).second == "agrees on what the coming sprint should achieve");
    CHECK_FALSE(build_cards(deck).empty());
}
