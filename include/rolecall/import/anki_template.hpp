// Anki's card templates rendered as Anki renders a card for review, to HTML that html_to_text then
// turns into terminal text: {{Field}} and its filters (text, cloze, cloze-only, type, hint, furigana,
// kanji, kana; others are dropped and the field kept), {{#Field}}...{{/Field}} and {{^Field}}...{{/Field}}
// conditionals, and the special fields Tags, Type, Deck, Subdeck, Card and CardFlag. The semantics are
// those of Anki's rslib/src/template.rs, template_filters.rs and cloze.rs, with two departures for a
// text trainer: a field the note type lacks renders empty instead of an error, and the answer side
// leaves out {{FrontSide}} (rolecall shows the front anyway) with the <hr id=answer> that follows it.
//
// Pure and untrusted-input safe: no I/O, time linear in the template and the text it shows, nesting
// kept on an explicit stack (cloze nesting stops at Anki's own depth of 10), output capped.
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolecall::import {

// What one card's templates are rendered with.
struct AnkiCardFields {
    // The note's fields, name and HTML, in the note type's order. Names are matched exactly (case
    // counts, as in Anki); a template's name is trimmed of surrounding spaces first.
    std::vector<std::pair<std::string, std::string>> fields;
    std::string tags;           // {{Tags}}: space-separated
    std::string notetype;       // {{Type}}
    std::string deck;           // {{Deck}} ("Parent::Child"); {{Subdeck}} is its last part
    std::string template_name;  // {{Card}}
    int flag = 0;               // {{CardFlag}}: "flag0".."flag7"
    int ordinal = 0;            // the card's template ordinal; in a cloze note type, its cloze number - 1
    bool cloze = false;         // the note type is of Anki's cloze kind
};

struct AnkiRenderedCard {
    std::string question;  // HTML
    // HTML of the answer side without {{FrontSide}} and the <hr id=answer> after it; when the answer
    // repeats the question before its <hr id=answer> ("{{Front}}<hr id=answer>{{Back}}"), that is left
    // out too.
    std::string answer;
    // What the question side's {{cloze:...}} hid, in order (HTML): the card's answer.
    std::vector<std::string> cloze_answers;
    // Anki would show this card's front as blank, and never made it from these fields: no field the
    // question shows has text, or, in a cloze note type, no field holds a deletion of this card's number.
    bool blank = false;
    // Why Anki would show an error instead of the card (a conditional closed that is not open, one
    // left open), or that the card renders to more than the byte cap; empty when it rendered.
    std::string error;
};

// Renders one card: `question` and `answer` are the template's qfmt and afmt. Either side past
// `max_bytes` stops rendering with an error.
AnkiRenderedCard render_anki_card(std::string_view question, std::string_view answer, const AnkiCardFields& card,
                                  std::size_t max_bytes);

// The cloze numbers of Anki's {{c1::...}} deletions in `text` ("{{c1,2::...}}" holds two; 0 is none),
// nested deletions included.
std::set<int> anki_cloze_numbers(std::string_view text);

}  // namespace rolecall::import
