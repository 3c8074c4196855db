#include "rolecall/decks/deck_builder.hpp"
#include "rolecall/decks/fact_deck.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace rolecall;

namespace {

const char* roles = R"(deck = Roles
question = Which role?
[category pm]
name = Product Manager
summary = strategy
[category po]
name = Product Owner
[category prj]
name = Project Manager
[aspect horizon]
label = time horizon
pm = Quarters to years
po = One sprint
prj = The project
[statements]
po/stories: Writes user stories.
[takeaways]
ends: {{Projects}} end; {{products}} evolve.
)";

const CardDraft* find(const std::vector<NoteDraft>& notes, const std::string& key, const std::string& view) {
    for (const auto& note : notes) {
        if (note.key != key) continue;
        for (const auto& card : note.cards) {
            if (card.view == view) return &card;
        }
    }
    return nullptr;
}

}  // namespace

TEST_CASE("deck builder: a statement becomes a 'which role?' choice card", "[deck_builder]") {
    auto notes = build_cards(parse_fact_deck(roles, "roles.deck"));
    const CardDraft* card = find(notes, "statement:stories", "choice");
    REQUIRE(card != nullptr);
    CHECK(card->kind == CardKind::choice);
    CHECK(card->front == "Which role?\nWrites user stories.");
    CHECK(card->choices == std::vector<std::string>{"Product Manager", "Product Owner", "Project Manager"});
    CHECK(card->answer == "Product Owner");
}

TEST_CASE("deck builder: an aspect gives recall both ways and a contrast per pair", "[deck_builder]") {
    auto notes = build_cards(parse_fact_deck(roles, "roles.deck"));
    const CardDraft* forward = find(notes, "aspect:horizon:pm", "forward");
    const CardDraft* reverse = find(notes, "aspect:horizon:pm", "reverse");
    REQUIRE(forward != nullptr);
    REQUIRE(reverse != nullptr);
    CHECK(forward->front == "Product Manager: time horizon?");
    CHECK(forward->back == "Quarters to years");
    CHECK(forward->explanation == "Product Manager: strategy");
    CHECK(reverse->front == "Whose time horizon?\nQuarters to years");
    CHECK(reverse->back == "Product Manager");
    const CardDraft* contrast = find(notes, "contrast:horizon:po-prj", "contrast");
    REQUIRE(contrast != nullptr);
    CHECK(contrast->kind == CardKind::contrast);
    CHECK(contrast->front == "Product Owner vs Project Manager: time horizon?");
    CHECK(contrast->back == "Product Owner: One sprint\nProject Manager: The project");
    CHECK(find(notes, "contrast:horizon:pm-po", "contrast") != nullptr);
    CHECK(find(notes, "contrast:horizon:pm-prj", "contrast") != nullptr);
}

TEST_CASE("deck builder: a takeaway gives one cloze card per deletion", "[deck_builder]") {
    auto notes = build_cards(parse_fact_deck(roles, "roles.deck"));
    const CardDraft* first = find(notes, "takeaway:ends", "c1");
    const CardDraft* second = find(notes, "takeaway:ends", "c2");
    REQUIRE(first != nullptr);
    REQUIRE(second != nullptr);
    CHECK(first->front == "[...] end; products evolve.");
    CHECK(first->back == "Projects");
    CHECK(second->front == "Projects end; [...] evolve.");
    CHECK(second->back == "products");
}

TEST_CASE("deck builder: card identities are unique within a deck", "[deck_builder]") {
    auto notes = build_cards(parse_fact_deck(roles, "roles.deck"));
    std::set<std::pair<std::string, std::string>> ids;
    std::size_t cards = 0;
    for (const auto& note : notes) {
        for (const auto& card : note.cards) {
            ids.insert({note.key, card.view});
            ++cards;
        }
    }
    CHECK(ids.size() == cards);
    CHECK(cards == 1 + 3 * 2 + 3 + 2);
}
