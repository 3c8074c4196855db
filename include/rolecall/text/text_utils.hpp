// Small text helpers shared by the deck builder, the answer parser and the terminal views.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

std::string_view trim(std::string_view text);

// Lower-case ASCII, trimmed, runs of white space folded to one space: the form answers are compared in.
std::string normalize_for_match(std::string_view text);

// The text with its first letter in lower case, to follow a colon mid-sentence ("its focus is outcomes
// and impact"); a first word in capitals ("PRD", "RACI") is left as it is.
std::string lowercase_first(std::string_view text);

// Splits on a delimiter and trims each piece; empty pieces are dropped.
std::vector<std::string> split_list(std::string_view text, char delimiter);

// A short identifier made from text ("Owns the roadmap." -> "owns-the-roadmap"), at most 48 characters.
std::string slugify(std::string_view text);

// A stable 64-bit FNV-1a hash, used for deterministic orders and change detection.
std::uint64_t stable_hash(std::string_view text);

// Removes every control character but newline and tab (escape sequences, bells, carriage returns),
// so that no card text can drive the terminal.
std::string printable_only(std::string_view text);

// The text on one line (line breaks as " / "), cut to `width` columns with `ellipsis` at the end.
std::string one_line_cut(std::string_view text, std::size_t width, std::string_view ellipsis);

// Word-wraps text to `width` columns (counting UTF-8 code points), each line starting with `indent`.
// Existing line breaks are kept. A width of 0 only indents.
std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent);

// The candidate nearest to `typed` by edit distance, when near enough to be a likely typo.
std::optional<std::string> closest_match(const std::string& typed, const std::vector<std::string>& candidates);

}  // namespace rolecall
