// The query language of `rolecall cards`: words become FTS5 terms, filters become conditions.
#include "rolecall/base/error.hpp"
#include "rolecall/cards/card_query.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

TEST_CASE("card query: words are prefix terms, quoted groups phrases, -words exclusions", "[cards]") {
    auto search = parse_card_query({"backlog", "\"user story\"", "-velocity"});
    CHECK(search.match == "\"backlog\"* AND \"user story\"");
    CHECK(search.exclude == "\"velocity\"*");
    // One argument holding the whole query splits the same way.
    auto joined = parse_card_query({"backlog \"user story\" -velocity"});
    CHECK(joined.match == "\"backlog\"* AND \"user story\"");
    CHECK(joined.exclude == "\"velocity\"*");
    // Quotes inside a word are doubled for FTS5; punctuation alone is no word.
    CHECK(fts_term("say \"hi\"", false) == "\"say \"\"hi\"\"\"");
    CHECK(parse_card_query({"--", "?"}).match.empty());
}

TEST_CASE("card query: filters", "[cards]") {
    auto search = parse_card_query({"deck:Product roles", "tag:Hard", "is:due", "is:leech", "kind:cloze"});
    CHECK(search.decks == std::vector<std::string>{"Product roles"});  // the shell took its quotes
    CHECK(search.tags == std::vector<std::string>{"hard", "leech"});
    CHECK(search.due);
    CHECK_FALSE(search.suspended);
    CHECK(search.kind == CardKind::cloze);
    CHECK(search.match.empty());

    auto quoted = parse_card_query({"deck:\"Product roles\" backlog"});
    CHECK(quoted.decks == std::vector<std::string>{"Product roles"});
    CHECK(quoted.match == "\"backlog\"*");
}

TEST_CASE("card query: comparisons narrow inclusive bounds", "[cards]") {
    auto search = parse_card_query({"lapses>2", "lapses<=5", "interval=6", "due<2026-12-31", "due>=2026-12-01"});
    CHECK(search.lapses_min == 3);
    CHECK(search.lapses_max == 5);
    CHECK(search.interval_min == 6);
    CHECK(search.interval_max == 6);
    CHECK(search.due_from == test::day("2026-12-01"));
    CHECK(search.due_to == test::day("2026-12-30"));
}

TEST_CASE("card query: what is not understood is a usage error naming the word", "[cards]") {
    auto usage = [](std::vector<std::string> words, const char* part) {
        try {
            parse_card_query(words);
            FAIL("no error for " << words.front());
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::usage);
            CHECK_THAT(e.what(), Catch::Contains(part));
        }
    };
    usage({"is:lost"}, "is: takes due, new");
    usage({"colour:red"}, "no filter 'colour:'");
    usage({"lapses>many"}, "whole number");
    usage({"due<tomorrow"}, "YYYY-MM-DD");
    usage({"kind:essay"}, "kinds are");
    usage({"\"open"}, "not closed");
    // Text with a colon that reads as no filter is searched as text.
    CHECK(parse_card_query({"10:30"}).match == "\"10:30\"*");
}

TEST_CASE("card query: a deck name matches itself and its children, in any case", "[cards]") {
    CHECK(deck_matches("Languages::Spanish", "languages"));
    CHECK(deck_matches("Spanish", "SPANISH"));
    CHECK_FALSE(deck_matches("Languages2", "Languages"));
    CHECK_FALSE(deck_matches("Lang", "Languages"));
}
