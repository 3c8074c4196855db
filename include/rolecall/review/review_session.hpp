// The review loop: takes the day's queue from storage, shows each card, reads the answer, grades it
// with SM-2 and commits it before the next card shows. It reads lines through a LineReader and writes
// to a stream, so the terminal, scripted standard input and the tests all drive the same code.
#pragma once

#include "rolecall/base/clock.hpp"
#include "rolecall/base/day.hpp"
#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/scheduling/leech.hpp"
#include "rolecall/scheduling/queue.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/text/style.hpp"

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace rolecall {

// Returns the next input line, or nullopt at end of input (or when the user interrupted).
using LineReader = std::function<std::optional<std::string>()>;

// What a session reviews. `normal`: the day's due cards, then new ones (with ahead_days, cards due in
// the next ahead_days days too, graded as usual). `cram`: practice of cards that are not due, logged
// as drills: no card's schedule changes.
enum class ReviewMode { normal, cram };

// Where the terminal view sends each prompt, styled, instead of writing it: a line editor draws the
// prompt itself, so that it can redraw it as the line is edited (SessionOptions::prompt_sink).
using PromptSink = std::function<void(const std::string& prompt)>;
// The terminal's columns now (SessionOptions::width): asked again as the session goes, so that text
// follows a window resized mid-session.
using WidthSource = std::function<std::size_t()>;
// Always `columns` (tests, and views of a known width).
inline WidthSource fixed_width(std::size_t columns) {
    return [columns] { return columns; };
}
struct SessionOptions {
    DeckFilter deck;
    ReviewMode mode = ReviewMode::normal;
    // --ahead DAYS: cards due up to today + ahead_days join the queue after today's, by due day.
    int ahead_days = 0;
    QueueLimits limits;
    // The day's limits without this run's own (review --new, --reviews): what the summary's "left
    // today" counts with, as a plain `rolecall review` would. Unset: `limits`.
    std::optional<QueueLimits> plain_limits;
    // Reviewing every deck: decks with a new-cards-per-day value of their own, and that value. Their
    // new cards stop at it, inside the global limits.
    std::map<Id, int> deck_new_limits;
    Day today;
    // On a terminal: prompts, a reveal step for recall cards and a grade confirmation for choice cards.
    // Scripted (false): exactly one input line per card shown, plain text out.
    bool interactive = false;
    Style style;
    int grade_right = 4;  // suggested after a right choice (setting grade-right)
    int grade_wrong = 1;  // suggested after a wrong one (setting grade-wrong)
    // A right choice answered within quick_ms is suggested 5, one answered after slow_ms 3 (settings
    // quick-seconds and slow-seconds; 0: never), so a slow lucky pick is not scheduled as well known.
    int quick_ms = 8000;
    int slow_ms = 25000;
    int follow_ups = 2;  // setting follow-ups: cards separating two roles asked after a wrong pick
    // The scheduler and its settings (scheduler, desired-retention, fuzz, fsrs-params, max-interval).
    SchedulerConfig scheduler;
    // Reviewing every deck: decks with scheduler settings of their own, and theirs.
    std::map<Id, SchedulerConfig> deck_schedulers;
    LeechRule leech;  // settings leech-lapses and leech-action
    // Decks with leech settings of their own, and their rule: it applies to their cards in every review.
    std::map<Id, LeechRule> deck_leech_rules;  // The terminal's columns to wrap text to, asked before each thing shown;
                                               // unset in scripted mode.
    WidthSource width;
    // On a terminal with line editing: takes the prompts, which the line reader then shows. Unset: the
    // view writes them.
    PromptSink prompt_sink;
};

// Runs one session. Every answer is committed as it is given; an Error (such as a scripted line that
// is no answer) ends the session after its summary is written, and is then rethrown.
SessionSummary run_review(Storage& storage, const Clock& clock, const SessionOptions& options,
                          const LineReader& read_line, std::ostream& out);

}  // namespace rolecall
