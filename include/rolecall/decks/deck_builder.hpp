// The deck builder: turns a FactDeck into notes (one per fact) and the cards that drill each fact.
// Pure: no storage. Card identity is (note key, view), so an edited fact keeps its cards.
#pragma once

#include "rolecall/decks/fact_deck.hpp"
#include "rolecall/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

// Bumped whenever build_cards() words a card differently, so stored decks are rebuilt.
inline constexpr int deck_builder_version = 3;

// Options shown on a choice card: every category in deck order, at most this many.
inline constexpr std::size_t max_choices = 9;

std::vector<NoteDraft> build_cards(const FactDeck& deck);

// The deck's held-out [checkup] questions, as `rolecall check` asks them: never cards, never reviewed.
std::vector<CheckupQuestion> build_checkup(const FactDeck& deck);

}  // namespace rolecall
