#include "rolecall/decks/cloze.hpp"
#include "rolecall/text/text_utils.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

TEST_CASE("card text: cloze deletions, fronts and the full sentence", "[card_text]") {
    const std::string text = "{{Projects}} end; {{products::what?}} keep evolving.";
    auto deletions = cloze_deletions(text);
    REQUIRE(deletions.size() == 2);
    CHECK(deletions[0].answer == "Projects");
    CHECK(deletions[1].answer == "products");
    CHECK(deletions[1].hint == "what?");
    CHECK(cloze_front(text, 0) == "[...] end; products keep evolving.");
    CHECK(cloze_front(text, 1) == "Projects end; [what?] keep evolving.");
    CHECK(cloze_full(text) == "Projects end; products keep evolving.");
}

TEST_CASE("card text: an unclosed deletion stays plain text", "[card_text]") {
    CHECK(cloze_deletions("a {{b c").empty());
    CHECK(cloze_full("a {{b c") == "a {{b c");
}

TEST_CASE("card text: escape sequences never reach the terminal", "[card_text]") {
    CHECK(printable_only("red \x1b[31mtext\x1b[0m\a") == "red text");
    CHECK(printable_only("osc \x1b]52;c;aGk=\x07 end") == "osc  end");
    CHECK(printable_only("title \x1b]0;pwned\x1b\\ done") == "title  done");
    CHECK(printable_only("move \x1b[2J\x1b[H home \x1b"
                         "7x") == "move  home x");
    CHECK(printable_only("trailing \x1b") == "trailing ");
    CHECK(printable_only("line\r\nnext\ttab") == "line\nnext\ttab");
    CHECK(printable_only("c1 \xc2\x9b"
                         "31m") == "c1 31m");
    CHECK(printable_only("caf\xc3\xa9 \xe2\x80\x94") == "caf\xc3\xa9 \xe2\x80\x94");
}

TEST_CASE("card text: matching ignores case and spacing, slugs are stable", "[card_text]") {
    CHECK(normalize_for_match("  Product   OWNER ") == "product owner");
    CHECK(slugify("Owns the roadmap, and the PRD!") == "owns-the-roadmap-and-the-prd");
    CHECK(split_list("PM, product mgr ,, x", ',') == std::vector<std::string>{"PM", "product mgr", "x"});
    CHECK(stable_hash("a") != stable_hash("b"));
}

TEST_CASE("card text: wrapping keeps words whole, indents every line and counts UTF-8 as one column", "[card_text]") {
    CHECK(wrap_text("one two three four", 20, "  ") == "  one two three four");
    CHECK(wrap_text("aaaa bbbb cccc dddd eeee ffff", 25, "  ") == "  aaaa bbbb cccc dddd\n  eeee ffff");
    CHECK(wrap_text("first\nsecond", 40, "> ") == "> first\n> second");
    CHECK(wrap_text("é é é é é é é é é é é é", 25, "") == "é é é é é é é é é é é é");
    CHECK(wrap_text("no wrap at all here", 0, "  ") == "  no wrap at all here");
}

TEST_CASE("text: the closest name to a mistyped one", "[text]") {
    const std::vector<std::string> decks = {"Product roles", "Scrum events", "Spanish::Verbs"};
    CHECK(closest_match("product ROLES", decks) == std::optional<std::string>("Product roles"));  // case
    CHECK(closest_match("scrum", decks) == std::optional<std::string>("Scrum events"));           // a prefix
    CHECK(closest_match("Scrum evnts", decks) == std::optional<std::string>("Scrum events"));     // a typo
    CHECK_FALSE(closest_match("s", decks));  // "Scrum events" and "Spanish::Verbs" both begin so
    CHECK_FALSE(closest_match("geography", decks));
}
