// The fact-deck source format: a plain-text, human-editable description of categories to tell apart
// (the three roles, Scrum events, ...), their aspects, statements about them and takeaway sentences.
// The README documents the format; parse_fact_deck() is its only reader.
#pragma once

#include "rolecall/model.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolecall {

struct Aspect {
    std::string key;      // "horizon"
    std::string label;    // "time horizon"
    bool plural = false;  // "plural = yes": the label is a plural ("key documents": "What are ...?")
    bool first = false;   // "first = yes": its cards are the first new ones (definitions before details)
    std::vector<std::pair<std::string, std::string>> values;  // category key -> value, in category order
    int line = 0;                                             // of its [aspect KEY] header
};

// A "which one is this?" fact: a plain statement, a work situation ([scenarios]), or a held-out
// checkup question ([checkup]). Indented lines under it say what a learner who picks another
// category should be told.
struct Statement {
    std::string id;
    std::string category;  // category key
    std::string text;
    int line = 0;
    bool scenario = false;  // from [scenarios] or [checkup]: the text is the whole question, shown as is
    std::string aspect;     // "aspect = KEY": the other categories' values of that aspect say why not them
    std::string why;        // "why = TEXT": why the right category owns it
    std::vector<std::pair<std::string, std::string>> instead;  // "not KEY = TEXT": what KEY does instead
};

struct Takeaway {
    std::string id;
    std::string text;  // with {{cloze}} deletions
    int line = 0;
};

struct FactDeck {
    std::string name;
    std::string description;
    std::string question = "Which one?";  // asked on every choice card ("Which role is this?")
    std::vector<Category> categories;
    std::vector<Aspect> aspects;
    std::vector<Statement> statements;  // practised: [statements] and [scenarios]
    std::vector<Statement> checkup;     // held out: [checkup], asked only by `rolecall check`
    std::vector<Takeaway> takeaways;

    const Category* find_category(std::string_view key) const;
    const Category* find_category_by_name(std::string_view wanted) const;
    const Aspect* find_aspect(std::string_view key) const;
};

// The line of the source that holds the fact a note of this deck was built from ("statement:ID",
// "takeaway:ID", "aspect:KEY:CATEGORY", "contrast:KEY:A-B"): where to edit it. 0 when not found.
int source_line_of_note(const FactDeck& deck, std::string_view note_key);

// Parses a fact deck. `source_name` names the file in errors ("roles.deck:12: ...").
// Throws Error naming the line and what to change.
FactDeck parse_fact_deck(std::string_view text, const std::string& source_name);

}  // namespace rolecall
