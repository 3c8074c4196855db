// The review screen on a terminal: colour, symbols and wrapping through Style.
#include "rolecall/review/terminal_view.hpp"

#include "rolecall/text/text_utils.hpp"
#include "view_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace rolecall {

namespace {

// A status line ("next review: ...", "saved: ...") that starts `lead` columns in, wrapped to `width`
// with its lines after the first under the text after its label. Parts set apart by " | " (the grades'
// intervals) are kept whole where they fit. The first line comes without its lead.
std::string hanging(std::string_view text, std::size_t lead, std::size_t width) {
    const std::size_t colon = text.find(": ");
    const std::size_t label = colon == std::string_view::npos ? 0 : colon + 2;
    const std::string hang(lead + display_width(text.substr(0, label)), ' ');
    const std::string_view rest = text.substr(label);
    std::string wrapped;
    if (width > hang.size() + 10 && rest.find(" | ") != std::string_view::npos) {
        const std::size_t room = width - hang.size();
        std::string line;
        for (const auto& part : split_list(rest, '|')) {
            if (line.empty()) {
                line = part;
            } else if (display_width(line) + 3 + display_width(part) <= room) {
                line += " | " + part;
            } else {
                wrapped += wrap_text(line + " |", width, hang) + '\n';
                line = part;
            }
        }
        wrapped += wrap_text(line, width, hang);
    } else {
        wrapped = wrap_text(rest, width, hang);
    }
    return std::string(text.substr(0, label)) + wrapped.substr(hang.size());
}

}  // namespace

void TerminalView::card(const CardRecord& card, const Progress& progress) {
    std::string rule(m_style.symbol("─", "-"));
    std::string head = fmt::format("{}{} Card {} of {} {} {} left {} {}", rule, rule, progress.position, progress.total,
                                   m_style.symbol("·", "-"), view_text::counts(progress), m_style.symbol("·", "-"),
                                   view_text::label(card, progress));
    m_out << '\n' << m_style.dim(wrap_text(head, width(), "")) << "\n\n";
    m_out << m_style.bold(wrap_text(printable_only(card.front), width(), "  ")) << "\n";
    if (!card.choices.empty()) {
        m_out << '\n';
        for (std::size_t i = 0; i < card.choices.size(); ++i) {
            // A long option (a contrast card's value) wraps under its own text, not under the number.
            const std::string number = std::to_string(i + 1);
            const std::string hang(2 + number.size() + 2, ' ');
            const std::string text = wrap_text(printable_only(card.choices[i]), width(), hang);
            m_out << "  " << m_style.accent(number) << "  " << text.substr(hang.size()) << '\n';
        }
    }
}

void TerminalView::prompt(const std::string& text) {
    m_out << '\n';
    if (m_prompt_sink) {
        m_out << std::flush;
        m_prompt_sink(m_style.accent(text) + ' ');
    } else {
        m_out << m_style.accent(text) << ' ' << std::flush;
    }
}

void TerminalView::echo(const std::string&) {
    // The terminal echoes what the learner types.
}

void TerminalView::choice_feedback(const CardRecord& card, std::size_t chosen, bool right) {
    const std::string answer = view_text::right_option(card);
    const std::string explanation = printable_only(card.explanation);
    if (right) {
        m_out << m_style.good(wrap_text(fmt::format("{} Right: {}", m_style.symbol("✓", "+"), answer), width(), "  "))
              << '\n';
    } else {
        m_out << m_style.bad(wrap_text(fmt::format("{} Not {}: the answer is {}", m_style.symbol("✗", "x"),
                                                   printable_only(card.choices[chosen]), answer),
                                       width(), "  "))
              << '\n';
        // The reason reads as an explanation, in the text's own colour, not as part of the error.
        if (auto why = view_text::why_not(card, chosen); !why.empty()) m_out << wrap_text(why, width(), "    ") << '\n';
    }
    if (!explanation.empty()) m_out << m_style.dim(wrap_text(explanation, width(), "    ")) << '\n';
}

void TerminalView::recall_answer(const CardRecord& card) {
    const std::string back = printable_only(card.back);
    const std::string explanation = printable_only(card.explanation);
    m_out << m_style.good(wrap_text(back, width(), "  ")) << '\n';
    if (!explanation.empty() && explanation != back)
        m_out << m_style.dim(wrap_text(explanation, width(), "    ")) << '\n';
}

void TerminalView::grade_preview(const std::array<int, 6>& intervals, AnswerKind kind) {
    m_out << m_style.dim("  " + hanging(view_text::grade_preview(intervals, kind), 2, width())) << '\n';
}

void TerminalView::saved(int grade, const CardState& after, Day today, AnswerKind kind) {
    const std::string_view arrow = m_style.symbol("→", "->");
    m_out << "  "
          << m_style.dim(fmt::format(
                 "{} {}", arrow,
                 hanging(view_text::saved(grade, after, today, kind), 2 + display_width(arrow) + 1, width())))
          << '\n';
}

void TerminalView::leech(const CardRecord& card, int lapses, bool suspended) {
    m_out << m_style.bad(wrap_text(view_text::leech(card, lapses, suspended), width(), "  ")) << '\n';
}

void TerminalView::undone(const CardRecord& card) {
    m_out << m_style.accent(wrap_text(view_text::undone(card), width(), "  ")) << '\n';
}

void TerminalView::hint(const std::string& text) { m_out << m_style.bad(wrap_text(text, width(), "  ")) << '\n'; }

void TerminalView::nothing_due(const SessionSummary& summary, Day today) {
    std::ostringstream lines;
    view_text::write_nothing_due(lines, summary, today);
    m_out << wrap_text(lines.str(), width(), "");
}

void TerminalView::summary(const SessionSummary& summary, Day today) {
    m_out << "\n\n" + m_style.bold(summary.cram ? "Cram session over" : "Session over") << '\n';
    // Each line wrapped under the text after its label, as the status lines are ("left today: ...").
    std::ostringstream lines;
    view_text::write_summary_lines(lines, summary, today);
    std::istringstream in(lines.str());
    for (std::string line; std::getline(in, line);) {
        const std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
        m_out << std::string(indent, ' ') << hanging(std::string_view(line).substr(indent), indent, width()) << '\n';
    }
}

}  // namespace rolecall
