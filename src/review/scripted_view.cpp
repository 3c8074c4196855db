// The scripted review protocol (the format is described in rolecall/review/scripted_view.hpp).
#include "rolecall/review/scripted_view.hpp"

#include "rolecall/text/text_utils.hpp"
#include "view_text.hpp"

#include <fmt/format.h>

namespace rolecall {

namespace {

// "fact: ..." and "answer: ..." are one line each for a reader that goes line by line: a text of
// several lines (a contrast card's two facts, an imported back with a line break) gives a line each,
// each with the prefix.
void write_prefixed(std::ostream& out, std::string_view prefix, std::string_view text) {
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find('\n', start);
        out << prefix << text.substr(start, end == std::string_view::npos ? end : end - start) << '\n';
        if (end == std::string_view::npos) return;
        start = end + 1;
    }
}

}  // namespace

void ScriptedView::card(const CardRecord& card, const Progress& progress) {
    m_out << fmt::format("--- card {} of {} ({} left) [{}]\n", progress.position, progress.total,
                         view_text::counts(progress), view_text::label(card, progress));
    m_out << printable_only(card.front) << '\n';
    for (std::size_t i = 0; i < card.choices.size(); ++i) {
        m_out << fmt::format("  {}) {}\n", i + 1, printable_only(card.choices[i]));
    }
}

void ScriptedView::prompt(const std::string&) {
    // No prompt, but a flush all the same: a program driving rolecall through a pipe sees the card
    // (and the `saved:` line of the answer before it) before rolecall waits for it.
    m_out << std::flush;
}

void ScriptedView::echo(const std::string& line) { m_out << "> " << printable_only(line) << '\n'; }

void ScriptedView::choice_feedback(const CardRecord& card, std::size_t chosen, bool right) {
    const std::string answer = view_text::right_option(card);
    const std::string explanation = printable_only(card.explanation);
    if (right) {
        m_out << "right: " << answer << '\n';
    } else {
        m_out << "wrong: " << printable_only(card.choices[chosen]) << "; the answer is " << answer << '\n';
        if (auto why = view_text::why_not(card, chosen); !why.empty()) m_out << why << '\n';
    }
    if (!explanation.empty()) write_prefixed(m_out, "fact: ", explanation);
}

void ScriptedView::recall_answer(const CardRecord& card) {
    const std::string back = printable_only(card.back);
    const std::string explanation = printable_only(card.explanation);
    write_prefixed(m_out, "answer: ", back);
    if (!explanation.empty() && explanation != back) write_prefixed(m_out, "fact: ", explanation);
}

void ScriptedView::grade_preview(const std::array<int, 6>& intervals, AnswerKind kind) {
    m_out << view_text::grade_preview(intervals, kind) << '\n';
}

void ScriptedView::saved(int grade, const CardState& after, Day today, AnswerKind kind) {
    // Flushed at once: a `saved:` line on stdout is the promise that the answer is committed.
    m_out << view_text::saved(grade, after, today, kind) << '\n' << std::flush;
}

void ScriptedView::leech(const CardRecord& card, int lapses, bool suspended) {
    m_out << view_text::leech(card, lapses, suspended) << '\n' << std::flush;
}

void ScriptedView::undone(const CardRecord& card) { m_out << view_text::undone(card) << '\n'; }

void ScriptedView::hint(const std::string& text) { m_out << text << '\n'; }

void ScriptedView::nothing_due(const SessionSummary& summary, Day today) {
    view_text::write_nothing_due(m_out, summary, today);
}

void ScriptedView::summary(const SessionSummary& summary, Day today) {
    m_out << (summary.cram ? "=== cram session over\n" : "=== session over\n");
    view_text::write_summary_lines(m_out, summary, today);
}

}  // namespace rolecall
