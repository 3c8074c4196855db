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
    CHECK(forward->kind == CardKind::recall);
    CHECK(forward->front == "What is the Product Manager's time horizon?");
    CHECK(forward->back == "Quarters to years");
    CHECK(forward->explanation == "Product Manager: strategy");
    // The reverse is checked: the value placed among the roles, each wrong role told its own value.
    CHECK(reverse->kind == CardKind::choice);
    CHECK(reverse->front == "Which role has this as its time horizon?\nQuarters to years");
    CHECK(reverse->answer == "Product Manager");
    CHECK(reverse->why_not ==
          std::vector<std::string>{"", "its time horizon: One sprint", "its time horizon: The project"});
    // A contrast offers the two values and asks for one role's; the options stand for roles.
    const CardDraft* contrast = find(notes, "contrast:horizon:po-prj", "contrast");
    REQUIRE(contrast != nullptr);
    CHECK(contrast->kind == CardKind::choice);
    CHECK(contrast->choices == std::vector<std::string>{"One sprint", "The project"});
    CHECK(contrast->choice_roles == std::vector<std::string>{"Product Owner", "Project Manager"});
    CHECK((contrast->answer == "Product Owner" || contrast->answer == "Project Manager"));
    CHECK(contrast->front == "Which of these two is the " + contrast->answer + "'s time horizon?");
    CHECK(contrast->back == "Product Owner: One sprint\nProject Manager: The project");
    const std::size_t wrong = contrast->role_of(0) == contrast->answer ? 1 : 0;
    CHECK(contrast->why_not[wrong] == "that is the " + contrast->role_of(wrong) + "'s time horizon");
    CHECK(contrast->why_not[1 - wrong].empty());
    CHECK(find(notes, "contrast:horizon:pm-po", "contrast") != nullptr);
    CHECK(find(notes, "contrast:horizon:pm-prj", "contrast") != nullptr);
    // Which role a contrast asks for varies across pairs, so the option's place gives nothing away.
    std::set<std::size_t> right_places;
    for (const char* key : {"contrast:horizon:pm-po", "contrast:horizon:pm-prj", "contrast:horizon:po-prj"}) {
        const CardDraft* card = find(notes, key, "contrast");
        right_places.insert(card->role_of(0) == card->answer ? 0 : 1);
    }
    CHECK(right_places.size() == 2);
}

TEST_CASE("deck builder: 'why not' lines come from the deck, then the aspect, then the summary", "[deck_builder]") {
    auto notes = build_cards(parse_fact_deck(std::string(roles) + R"([scenarios]
prj/delay: A supplier is three weeks late. Who moves the milestones?
  not pm = decides whether the feature is still worth it
  why = the schedule is the Project Manager's
po/next: The team asks what to take on first.
  aspect = horizon
)",
                                             "roles.deck"));
    const CardDraft* delay = find(notes, "statement:delay", "choice");
    REQUIRE(delay != nullptr);
    CHECK(delay->front == "A supplier is three weeks late. Who moves the milestones?");  // asks its own question
    CHECK(delay->tags == "scenario");
    CHECK(delay->answer == "Project Manager");
    // Product Manager from its 'not' line; Product Owner has none and no aspect: its summary (empty here).
    CHECK(delay->why_not == std::vector<std::string>{"decides whether the feature is still worth it", "", ""});
    CHECK(delay->explanation == "Project Manager: the schedule is the Project Manager's");
    const CardDraft* next = find(notes, "statement:next", "choice");
    REQUIRE(next != nullptr);
    CHECK(next->why_not ==
          std::vector<std::string>{"its time horizon: Quarters to years", "", "its time horizon: The project"});
    CHECK(next->explanation == "Product Owner's time horizon: one sprint");
    // A plain statement is not a scenario.
    CHECK(find(notes, "statement:stories", "choice")->tags.empty());
}

TEST_CASE("deck builder: a cloze deletion that names a role is a checked choice", "[deck_builder]") {
    auto notes = build_cards(parse_fact_deck(std::string(roles) + "in-scrum: Without a PO, the {{Product Manager}} "
                                                                  "usually acts as one.\n",
                                             "roles.deck"));
    const CardDraft* card = find(notes, "takeaway:in-scrum", "c1");
    REQUIRE(card != nullptr);
    CHECK(card->kind == CardKind::choice);
    CHECK(card->front == "Without a PO, the [...] usually acts as one.");
    CHECK(card->answer == "Product Manager");
    CHECK(card->choices.size() == 3);
    // A deletion that names no role stays a self-graded cloze.
    CHECK(find(notes, "takeaway:ends", "c1")->kind == CardKind::cloze);
}

TEST_CASE("deck builder: checkup questions are held out of the cards", "[deck_builder][checkup]") {
    const FactDeck deck = parse_fact_deck(std::string(roles) + R"([checkup]
pm/sunset: Usage has fallen for a year. Who decides whether to retire the feature?
  not prj = plans the work of retiring it once decided
)",
                                          "roles.deck");
    auto questions = build_checkup(deck);
    REQUIRE(questions.size() == 1);
    CHECK(questions[0].key == "sunset");
    CHECK(questions[0].front == "Usage has fallen for a year. Who decides whether to retire the feature?");
    CHECK(questions[0].answer == "Product Manager");
    CHECK(questions[0].choices.size() == 3);
    CHECK(questions[0].why_not[2] == "plans the work of retiring it once decided");
    for (const auto& note : build_cards(deck)) CHECK(note.key != "statement:sunset");
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

TEST_CASE("deck builder: a plural aspect reads as one, and a contrast is a sibling of the values it shows",
          "[deck_builder]") {
    auto notes = build_cards(parse_fact_deck(R"(deck = Roles
[category pm]
name = Product Manager
[category po]
name = Product Owner
[aspect docs]
label = key documents
plural = yes
pm = A roadmap
po = An ordered list
)",
                                             "roles.deck"));
    CHECK(find(notes, "aspect:docs:pm", "forward")->front == "What are the Product Manager's key documents?");
    CHECK(find(notes, "aspect:docs:pm", "reverse")->front == "Which role has these as its key documents?\nA roadmap");
    const CardDraft* contrast = find(notes, "contrast:docs:pm-po", "contrast");
    REQUIRE(contrast != nullptr);
    CHECK(contrast->front.rfind("Which of these two are the ", 0) == 0);
    // Its "why not" agrees with the plural too.
    const std::size_t wrong = contrast->why_not[0].empty() ? 1 : 0;
    CHECK(contrast->why_not[wrong] == "those are the " + contrast->role_of(wrong) + "'s key documents");
    for (const auto& note : notes) {
        if (note.key == "contrast:docs:pm-po")
            CHECK(note.shows == std::vector<std::string>{"aspect:docs:pm", "aspect:docs:po"});
        if (note.key == "aspect:docs:pm") CHECK(note.shows.empty());
    }
}
