// The sentences both review views print, worded once: the scripted view prints them as they are, the
// terminal view dresses them in colour and indentation. Internal to src/review/.
#pragma once

#include "rolecall/review/session_view.hpp"

#include <array>
#include <optional>
#include <ostream>
#include <string>

namespace rolecall::view_text {

// "2 due, 5 new", or in a cram "7 to cram" (", 1 to drill" while drills wait).
std::string counts(const Progress& progress);
// "choice", "recall", "cloze" or "contrast" (", same-day drill" for a drill, ", follow-up" for a follow-up,
// ", cram" for a card of a cram, ", ahead" for a card answered before its due day).
std::string label(const CardRecord& card, const Progress& progress);
// The text of a choice card's right option (for a which-role card, the role's name).
std::string right_option(const CardRecord& card);
// "why not Project Manager: ..." after picking option `chosen`; empty when the card says nothing.
std::string why_not(const CardRecord& card, std::size_t chosen);
// "next review: in 1 day, whatever the grade", the intervals per grade, or the drill or cram rule.
std::string grade_preview(const std::array<int, 6>& intervals, AnswerKind kind);
// "saved: grade 4; next review 2026-11-23 (tomorrow)", "saved: drill grade ..." or "saved: cram grade ...".
std::string saved(int grade, const CardState& after, Day today, AnswerKind kind);
// "leech: this card has lapsed 8 times and is suspended; ..." after the answer that made it a leech.
std::string leech(const CardRecord& card, int lapses, bool suspended);
// "undone: the last answer to \"...\"; it is shown again".
std::string undone(const CardRecord& card);

// "Nothing is due today (...)..." with the next due day; in a cram, "Nothing to cram ...".
void write_nothing_due(std::ostream& out, const SessionSummary& summary, Day today);
// The summary's lines after its title ("answered: ..." to "confused today: ..."), then a flush.
void write_summary_lines(std::ostream& out, const SessionSummary& summary, Day today);

}  // namespace rolecall::view_text
