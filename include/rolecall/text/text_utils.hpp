// Small text helpers shared by the deck builder, the answer parser and the terminal views.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

std::string_view trim(std::string_view text);

// 'A'..'Z' to 'a'..'z', every other byte as it is (no locale: HTML names, templates, queries).
inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Lower-case ASCII, trimmed, runs of white space folded to one space: the form answers are compared in.
std::string normalize_for_match(std::string_view text);

// The text with its first letter in lower case, to follow a colon mid-sentence ("its focus is outcomes
// and impact"); a first word in capitals ("PRD", "RACI") is left as it is.
std::string lowercase_first(std::string_view text);

// Splits on a delimiter and trims each piece; empty pieces are dropped.
std::vector<std::string> split_list(std::string_view text, char delimiter);

// Items as a sentence lists them: "a", "a or b", "a, b or c".
std::string or_list(const std::vector<std::string>& items);

// A short identifier made from text ("Owns the roadmap." -> "owns-the-roadmap"), at most 48 characters.
std::string slugify(std::string_view text);

// A stable 64-bit FNV-1a hash, used for deterministic orders and change detection.
std::uint64_t stable_hash(std::string_view text);

// Removes every control character but newline and tab (escape sequences, bells, carriage returns),
// so that no card text can drive the terminal.
std::string printable_only(std::string_view text);

// The columns text takes in a terminal: 2 for East Asian Wide and Fullwidth characters and emoji (a
// character followed by U+FE0F, a flag, emoji joined by U+200D: one emoji), 0 for combining marks,
// joiners and other format characters, 1 for the rest. From a built-in Unicode table, not the C
// library's wcwidth (whose answer depends on the locale). Every padding and cutting for the terminal
// counts with it.
std::size_t display_width(std::string_view text);

// The text if it fits in `columns`, else its longest start that fits with `ellipsis` after it; a
// character is never parted from its combining marks or from the emoji joined to it.
std::string cut_to_width(std::string_view text, std::size_t columns, std::string_view ellipsis);

// The text with spaces after it (pad_right) or before it (pad_left) up to `columns`; as it is when wider.
std::string pad_right(std::string_view text, std::size_t columns);
std::string pad_left(std::string_view text, std::size_t columns);

// The text on one line (line breaks as " / "), cut to `width` columns with `ellipsis` at the end.
std::string one_line_cut(std::string_view text, std::size_t width, std::string_view ellipsis);

// Word-wraps text to `width` columns (display_width), each line starting with `indent`. Lines break at
// spaces, and also next to a wide character (CJK runs on without spaces), though not before closing
// punctuation (、。）」 ...) nor after opening punctuation (（「 ...). A word longer than a whole line is
// cut by columns. Existing line breaks are kept, and so are a line's leading spaces (code from <pre>,
// nested lists), on its wrapped lines too, unless they take over half the width. A width of 0 only
// indents.
std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent);

// The candidate nearest to `typed` by edit distance, when near enough to be a likely typo.
std::optional<std::string> closest_match(const std::string& typed, const std::vector<std::string>& candidates);

// "1 card", "3 cards".
std::string plural(long long n, std::string_view one, std::string_view many);

// Text for HTML: the printable characters, with & < > " ' as references.
std::string html_escape(std::string_view text);

}  // namespace rolecall
