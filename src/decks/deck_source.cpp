#include "rolecall/decks/deck_source.hpp"

#include "rolecall/decks/deck_builder.hpp"
#include "rolecall/text/text_input.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

namespace rolecall {

DeckSource read_deck_source(const std::filesystem::path& file, bool lenient, std::size_t max_line_bytes) {
    DeckSource source;
    TextInput input(file, lenient, max_line_bytes);
    while (auto line = input.next_line()) {
        source.text += *line;
        source.text += '\n';
    }
    source.replaced_invalid_utf8 = input.replaced();
    // The builder's version is part of the hash: when rolecall words its cards differently, every
    // fact deck is rebuilt once, even though its source did not change.
    source.hash = fmt::format("{:016x}-b{}", stable_hash(source.text), deck_builder_version);
    return source;
}

}  // namespace rolecall
