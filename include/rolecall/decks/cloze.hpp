// Cloze deletions of the fact-deck format: "{{answer}}" or "{{answer::hint}}" inside a takeaway.
// (Anki's numbered "{{c1::...}}" deletions are the importer's business: import/imported_note.hpp.)
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

// One deletion of a cloze sentence: "{{answer}}" or "{{answer::hint}}".
struct ClozeDeletion {
    std::string answer;
    std::string hint;
};

// The deletions of a cloze text, in order.
std::vector<ClozeDeletion> cloze_deletions(std::string_view text);

// The text with deletion `index` shown as "[...]" (or "[hint]") and every other deletion filled in.
std::string cloze_front(std::string_view text, std::size_t index);

// The text with every deletion filled in.
std::string cloze_full(std::string_view text);

}  // namespace rolecall
