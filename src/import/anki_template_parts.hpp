// The parts of Anki's template language that anki_template.cpp's renderer calls: cloze deletions
// (anki_cloze.cpp, after rslib's cloze.rs) and field filters (anki_filters.cpp, after
// template_filters.rs). Internal to the importer.
#pragma once

#include "rolecall/text/text_utils.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall::import::anki {

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Whether text[at...] starts with `prefix` (lower case) in any case.
bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// ---- cloze deletions

struct Cloze;

struct ClozeNode {
    std::string_view text;         // when cloze is null
    std::unique_ptr<Cloze> cloze;  // a deletion, with its own text and deletions inside
};

struct Cloze {
    std::vector<int> ordinals;  // sorted, without repeats
    std::vector<ClozeNode> nodes;
    std::optional<std::string_view> hint;

    bool active(int ordinal) const;
    bool image_occlusion() const;
};

// The text as plain runs and deletions. As in Anki, a deletion never closed is dropped with its text,
// a "}}" outside every deletion is text, and "::" inside one starts its hint.
std::vector<ClozeNode> parse_clozes(std::string_view text);

// A deletion's text, its own deletions filled in.
std::string clozed_text(const Cloze& cloze);

// Anki's reveal_cloze: on the question side the card's own deletions read "[...]" or "[hint]" (what
// they hide goes to `hidden`), every other deletion its text; on the answer side all read their text.
void reveal(const std::vector<ClozeNode>& nodes, int ordinal, bool question, bool& found, std::string& out,
            std::vector<std::string>* hidden);

// Anki's reveal_cloze_text_only: the card's deletions alone, their hints (question) or text (answer).
void reveal_only(const std::vector<ClozeNode>& nodes, int ordinal, bool question, std::vector<std::string>& out);

// Every deletion number (but 0) the nodes hold, nested ones too.
void collect_numbers(const std::vector<ClozeNode>& nodes, std::set<int>& numbers);

// ---- filters

// The "text" filter: tags and comments dropped. Entities stay, for html_to_text to decode once.
std::string strip_tags(std::string_view html);

enum class Ruby { furigana, kanji, kana };

// Anki's furigana, kanji and kana filters on "base[reading]" (regex ` ?([^ >]+?)\[(.+?)\]`): a base
// runs back to a space, a '>' or the previous match; [sound:...] is never a reading.
std::string ruby(std::string_view field, Ruby mode);

// Anki's field_is_empty: only white space and empty <br> or <div> tags.
bool field_is_empty(std::string_view text);

}  // namespace rolecall::import::anki
