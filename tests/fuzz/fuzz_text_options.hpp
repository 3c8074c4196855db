// Shared by the fuzz targets of the delimited-text readers (Anki text, CSV): the input's first byte
// picks the options a user could give (--header, a column mapping by number or name, a small
// --max-field, --separator, --lenient), the rest is the file. Besides not crashing, a file the reader
// accepts must keep the rule for odd rows: some may be skipped, never so many that it should have been
// refused. (A finding kept as a regression input keeps its first byte: it is the options.)
#pragma once

#include "fuzz_input.hpp"

#include <array>

namespace rolecall::fuzz {

inline ImportOptions text_options(std::uint8_t pick) {
    ImportOptions options;
    options.max_rows = 10000;
    options.header = (pick & 1) != 0;
    switch ((pick >> 1) & 3) {
        case 1: options.columns = ColumnMapping{"2", {"1", "3"}, "", ""}; break;
        case 2: options.columns = ColumnMapping{"Front", {"back", "s1"}, "tags", ""}; break;
        case 3: options.columns = ColumnMapping{"1", {"Back"}, "", "4"}; break;
        default: break;
    }
    if ((pick & 8) != 0) options.max_field_bytes = 64;  // long fields are skipped, longer lines refused
    static constexpr std::array<const char*, 8> separators{"", "\t", ",", ";", "|", ":", " ", ""};
    options.separator = separators[(pick >> 4) & 7];
    options.lenient = (pick & 128) != 0;
    return options;
}

inline int read_text_input(Reader reader, const char* name, const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const ImportOptions options = text_options(data[0]);
    std::uint64_t rows = 0;
    std::uint64_t skipped = 0;
    auto sink = [&](import::ImportedNote&& note) {
        ++rows;
        if (!note.skip_kind.empty()) {
            ++skipped;
            if (!note.id.starts_with("line ") || note.skip_detail.empty()) __builtin_trap();
        } else if (note.cards.empty() || note.key.empty()) {
            __builtin_trap();  // a note to import makes a card and has an identity
        }
    };
    try {
        reader(input_file(name, data + 1, size - 1), options, sink, [](const import::ReadStats&) {});
    } catch (const Error&) {
        return 0;
    }
    // Accepted: more than a tenth of the rows skipped (at least three), or all of them, refuses a file.
    if (skipped > 0 && (skipped == rows || (skipped >= 3 && skipped * 10 > rows))) __builtin_trap();
    return 0;
}

}  // namespace rolecall::fuzz
