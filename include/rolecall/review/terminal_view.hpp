// The review screen on a terminal: a dim header rule per card, the front in bold wrapped to the
// terminal's width, numbered options, coloured feedback, prompts, and the summary. For people, not
// programs: its look may change (programs read the scripted protocol, scripted_view.hpp).
#pragma once

#include "rolecall/review/session_view.hpp"
#include "rolecall/text/style.hpp"

#include <cstddef>
#include <ostream>
#include <utility>

namespace rolecall {

class TerminalView final : public SessionView {
public:  // `width`: the columns to wrap text to, asked again before each thing written, so that a terminal
    // resized mid-session gets text fitted to its new width. `prompt_sink`, when set, takes each
    // prompt (styled) in place of the stream: a line editor shows it.
    TerminalView(std::ostream& out, const Style& style, WidthSource width, PromptSink prompt_sink = {})
        : m_out(out), m_style(style), m_width(std::move(width)), m_prompt_sink(std::move(prompt_sink)) {}
    TerminalView(std::ostream& out, const Style& style, std::size_t width, PromptSink prompt_sink = {})
        : TerminalView(out, style, fixed_width(width), std::move(prompt_sink)) {}
    void card(const CardRecord& card, const Progress& progress) override;
    void prompt(const std::string& text) override;
    void echo(const std::string& line) override;
    void choice_feedback(const CardRecord& card, std::size_t chosen, bool right) override;
    void recall_answer(const CardRecord& card) override;
    void grade_preview(const std::array<int, 6>& intervals, AnswerKind kind) override;
    void saved(int grade, const CardState& after, Day today, AnswerKind kind) override;
    void leech(const CardRecord& card, int lapses, bool suspended) override;
    void undone(const CardRecord& card) override;
    void hint(const std::string& text) override;
    void nothing_due(const SessionSummary& summary, Day today) override;
    void summary(const SessionSummary& summary, Day today) override;

private:
    std::size_t width() const { return m_width ? m_width() : 0; }

    std::ostream& m_out;
    const Style& m_style;
    WidthSource m_width;
    PromptSink m_prompt_sink;
};

}  // namespace rolecall
