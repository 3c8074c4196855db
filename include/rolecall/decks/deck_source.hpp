// Reading a fact-deck source: the one way both `build` and `import` read and fingerprint a deck file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>

namespace rolecall {

struct DeckSource {
    std::string text;                         // UTF-8, byte-order mark dropped, line ends as '\n'
    std::string hash;                         // changes when the text or the way rolecall builds cards from it changes
    std::uint64_t replaced_invalid_utf8 = 0;  // lenient reads only
};

// Reads a deck file, checked as every text rolecall reads is (UTF-8, line length); throws Error
// naming the file and line. `lenient` replaces invalid bytes instead of refusing the file.
DeckSource read_deck_source(const std::filesystem::path& file, bool lenient = false,
                            std::size_t max_line_bytes = 64 * 1024);

}  // namespace rolecall
