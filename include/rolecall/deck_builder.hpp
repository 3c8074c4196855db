// The deck builder: turns a FactDeck into notes (one per fact) and the cards that drill each fact.
// Pure: no storage. Card identity is (note key, view), so an edited fact keeps its cards.
#pragma once

#include "rolecall/fact_deck.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

enum class CardKind { choice, recall, cloze, contrast };

std::string_view to_string(CardKind kind);
CardKind card_kind_from_string(std::string_view text);  // throws Error for an unknown kind

struct CardDraft {
    std::string view;  // stable within the note: "choice", "forward", "reverse", "c1", "pm-po"
    CardKind kind = CardKind::recall;
    std::string front;
    std::string back;
    std::vector<std::string> choices;  // choice cards: the options, in order
    std::string answer;                // choice cards: the right option; otherwise the category, if any
    std::string explanation;           // shown after the answer: the fact behind it
    std::string tags;                  // space-separated
};

struct NoteDraft {
    std::string key;       // stable within the deck: "statement:vision", "aspect:horizon:pm"
    std::string category;  // category name the fact is about, empty when it spans several
    std::string fact;      // the fact as written in the source, for export and editing
    std::vector<CardDraft> cards;
};

// Bumped whenever build_cards() words a card differently, so stored decks are rebuilt.
inline constexpr int deck_builder_version = 2;

// Options shown on a choice card: every category in deck order, at most this many.
inline constexpr std::size_t max_choices = 9;

std::vector<NoteDraft> build_cards(const FactDeck& deck);

}  // namespace rolecall
