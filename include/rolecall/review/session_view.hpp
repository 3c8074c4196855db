// What the learner sees during a review: card blocks, feedback, the grade preview and the summary.
// Formatting only; the review loop decides what to show and when.
#pragma once

#include "rolecall/review/review_session.hpp"
#include "rolecall/scheduling/sm2.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/text/style.hpp"

#include <array>
#include <ostream>
#include <string>

namespace rolecall {

struct Progress {
    int position = 0;  // 1-based
    int total = 0;
    int due_left = 0;
    int new_left = 0;
    int drills_left = 0;
    bool drill = false;
};

class SessionView {
public:
    SessionView(std::ostream& out, const Style& style, bool interactive, std::size_t width)
        : m_out(out), m_style(style), m_interactive(interactive), m_width(width) {}

    void card(const CardRecord& card, const Progress& progress);
    void prompt(const std::string& text);
    void echo(const std::string& line);  // scripted mode: the line read, for a readable transcript
    void choice_feedback(const CardRecord& card, std::size_t chosen, bool right);
    void recall_answer(const CardRecord& card);
    void grade_preview(const std::array<int, 6>& intervals, bool drill);
    void saved(int grade, const Sm2State& after, Day today, bool drill);
    void undone(const CardRecord& card);
    void hint(const std::string& text);
    void nothing_due(std::optional<Day> next_due, Day today);
    void summary(const SessionSummary& summary, Day today);

private:
    std::ostream& m_out;
    const Style& m_style;
    bool m_interactive;
    std::size_t m_width;
};

}  // namespace rolecall
