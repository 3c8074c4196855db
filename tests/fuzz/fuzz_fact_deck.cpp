// libFuzzer target: the fact-deck parser and the deck builder behind it (rolecall's own deck
// format, imported with --format facts and read for the built-in deck).
#include "rolecall/decks/deck_builder.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/decks/fact_deck.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rolecall;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        FactDeck deck = parse_fact_deck(text, "fuzz.deck");
        auto notes = build_cards(deck);
        for (const auto& note : notes) {
            if (note.cards.empty()) __builtin_trap();  // every fact is drilled by at least one card
        }
    } catch (const Error&) {}
    return 0;
}
