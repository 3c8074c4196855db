// What the learner sees during a review, behind one interface with two implementations:
// ScriptedView (scripted_view.hpp) writes the plain-text protocol that programs read, TerminalView
// (terminal_view.hpp) draws the screen. The review loop decides what to show and when; a view formats.
#pragma once

#include "rolecall/review/review_session.hpp"
#include "rolecall/scheduling/sm2.hpp"
#include "rolecall/storage/storage.hpp"

#include <array>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace rolecall {

struct Progress {
    int position = 0;  // 1-based
    int total = 0;
    int due_left = 0;
    int new_left = 0;
    int drills_left = 0;
    int cram_left = 0;
    bool cram_session = false;  // review --cram: the counts are the cards left to cram
    bool drill = false;
    bool follow_up = false;  // a card that separates the two roles of a wrong pick just made
    bool cram = false;       // a card of a cram
    bool ahead = false;      // review --ahead: a card due after today, answered early
};

// What an answer does to the schedule: a scheduled answer moves the card's SM-2 state; a drill (a
// same-day drill, a follow-up of a card met before) and any answer of a cram are logged and leave it.
enum class AnswerKind { scheduled, drill, cram };

class SessionView {
public:
    virtual ~SessionView() = default;

    virtual void card(const CardRecord& card, const Progress& progress) = 0;
    // Asks for the next line; a view that shows no prompt still flushes, so the reader sees the card.
    virtual void prompt(const std::string& text) = 0;
    virtual void echo(const std::string& line) = 0;  // the line read, where a transcript wants it
    // Right or wrong, and after a wrong pick why not the picked option; then the fact behind it.
    virtual void choice_feedback(const CardRecord& card, std::size_t chosen, bool right) = 0;
    virtual void recall_answer(const CardRecord& card) = 0;
    virtual void grade_preview(const std::array<int, 6>& intervals, AnswerKind kind) = 0;
    virtual void saved(int grade, const CardState& after, Day today, AnswerKind kind) = 0;
    // The answer just saved made the card a leech: it has lapsed `lapses` times; suspended, or only tagged.
    virtual void leech(const CardRecord& card, int lapses, bool suspended) = 0;
    virtual void undone(const CardRecord& card) = 0;
    virtual void hint(const std::string& text) = 0;
    virtual void nothing_due(const SessionSummary& summary, Day today) = 0;
    virtual void summary(const SessionSummary& summary, Day today) = 0;
};

// On a terminal (`interactive`) the screen, styled and wrapped to `width`; otherwise the scripted
// protocol that programs read. The review and the checkup both speak through it. A terminal view
// with a `prompt_sink` hands its prompts to it instead of writing them.
std::unique_ptr<SessionView> make_session_view(bool interactive, const Style& style, WidthSource width,
                                               std::ostream& out, PromptSink prompt_sink = {});

}  // namespace rolecall
