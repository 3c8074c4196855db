#include "rolecall/review/session_view.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall {

namespace {

std::string days_text(int days) { return days == 1 ? "1 day" : fmt::format("{} days", days); }

std::string kind_label(const CardRecord& card) {
    switch (card.kind) {
        case CardKind::choice: return "choice";
        case CardKind::recall: return "recall";
        case CardKind::cloze: return "cloze";
        case CardKind::contrast: return "contrast";
    }
    return "recall";
}

// The first line of a card's front that is not the deck's question, on one line.
std::string headline(const std::string& front) {
    std::size_t newline = front.find('\n');
    std::string line = newline == std::string::npos ? front : front.substr(newline + 1);
    for (char& c : line) {
        if (c == '\n') c = ' ';
    }
    return line.size() > 60 ? line.substr(0, 57) + "..." : line;
}

}  // namespace

void SessionView::card(const CardRecord& card, const Progress& progress) {
    std::string counts = fmt::format("{} due, {} new", progress.due_left, progress.new_left);
    if (progress.drills_left > 0) counts += fmt::format(", {} to drill", progress.drills_left);
    std::string label = kind_label(card) + (progress.drill ? ", same-day drill" : "");
    const std::string front = printable_only(card.front);
    if (!m_interactive) {
        m_out << fmt::format("--- card {} of {} ({} left) [{}]\n", progress.position, progress.total, counts, label);
        m_out << front << '\n';
        for (std::size_t i = 0; i < card.choices.size(); ++i) {
            m_out << fmt::format("  {}) {}\n", i + 1, printable_only(card.choices[i]));
        }
        return;
    }
    std::string rule(m_style.symbol("─", "-"));
    std::string head = fmt::format("{}{} Card {} of {} {} {} left {} {}", rule, rule, progress.position,
                                   progress.total, m_style.symbol("·", "-"), counts, m_style.symbol("·", "-"),
                                   label);
    m_out << '\n' << m_style.dim(head) << "\n\n";
    m_out << m_style.bold(wrap_text(front, m_width, "  ")) << "\n";
    if (!card.choices.empty()) {
        m_out << '\n';
        for (std::size_t i = 0; i < card.choices.size(); ++i) {
            m_out << fmt::format("  {}  {}\n", m_style.accent(std::to_string(i + 1)), printable_only(card.choices[i]));
        }
    }
}

void SessionView::prompt(const std::string& text) {
    // Scripted mode prints no prompt but flushes all the same: a program driving rolecall through a
    // pipe sees the card (and the `saved:` line of the answer before it) before rolecall waits for it.
    if (!m_interactive) {
        m_out << std::flush;
        return;
    }
    m_out << '\n' << m_style.accent(text) << ' ' << std::flush;
}

void SessionView::echo(const std::string& line) {
    if (!m_interactive) m_out << "> " << printable_only(line) << '\n';
}

void SessionView::choice_feedback(const CardRecord& card, std::size_t chosen, bool right) {
    const std::string answer = printable_only(card.answer);
    const std::string explanation = printable_only(card.explanation);
    if (!m_interactive) {
        if (right) {
            m_out << "right: " << answer << '\n';
        } else {
            m_out << "wrong: " << printable_only(card.choices[chosen]) << "; the answer is " << answer << '\n';
        }
        if (!explanation.empty()) m_out << "fact: " << explanation << '\n';
        return;
    }
    if (right) {
        m_out << "  " << m_style.good(fmt::format("{} Right: {}", m_style.symbol("✓", "+"), answer)) << '\n';
    } else {
        m_out << "  "
              << m_style.bad(fmt::format("{} Not the {}: it is the {}", m_style.symbol("✗", "x"),
                                         printable_only(card.choices[chosen]), answer))
              << '\n';
    }
    if (!explanation.empty()) m_out << m_style.dim(wrap_text(explanation, m_width, "    ")) << '\n';
}

void SessionView::recall_answer(const CardRecord& card) {
    const std::string back = printable_only(card.back);
    const std::string explanation = printable_only(card.explanation);
    if (!m_interactive) {
        m_out << "answer: " << back << '\n';
        if (!explanation.empty() && explanation != back) m_out << "fact: " << explanation << '\n';
        return;
    }
    m_out << m_style.good(wrap_text(back, m_width, "  ")) << '\n';
    if (!explanation.empty() && explanation != back) m_out << m_style.dim(wrap_text(explanation, m_width, "    ")) << '\n';
}

void SessionView::grade_preview(const std::array<int, 6>& intervals, bool drill) {
    if (drill) {
        std::string line = "drill: the schedule is already set for today; grade 4 or 5 ends the drill";
        m_out << (m_interactive ? m_style.dim("  " + line) : line) << '\n';
        return;
    }
    // Grades 0-2 always give one day; the passing grades differ, and that is what the learner weighs.
    // Until a card's second repetition every grade gives the same interval: say so once.
    std::string line =
        std::all_of(intervals.begin(), intervals.end(), [&](int days) { return days == intervals[0]; })
            ? fmt::format("next review: in {}, whatever the grade", days_text(intervals[0]))
            : fmt::format("next review: 0-2 again {} | 3 hard {} | 4 good {} | 5 easy {}",
                                   days_text(intervals[0]), days_text(intervals[3]), days_text(intervals[4]),
                                   days_text(intervals[5]));
    m_out << (m_interactive ? m_style.dim("  " + line) : line) << '\n';
}

void SessionView::saved(int grade, const Sm2State& after, Day today, bool drill) {
    std::string text;
    if (drill) {
        text = fmt::format("saved: drill grade {}{}", grade,
                           grade >= drill_until_grade ? "; done for today" : "; it comes back once more today");
    } else {
        int days = days_between(today, *after.due);
        text = fmt::format("saved: grade {}; next review {} ({})", grade, format_day(*after.due), describe_offset(days));
    }
    if (!m_interactive) {
        // Flushed at once: a `saved:` line on stdout is the promise that the answer is committed.
        m_out << text << '\n' << std::flush;
        return;
    }
    m_out << "  " << m_style.dim(fmt::format("{} {}", m_style.symbol("→", "->"), text)) << '\n';
}

void SessionView::undone(const CardRecord& card) {
    std::string text = fmt::format("undone: the last answer to \"{}\"; it is shown again",
                                   printable_only(headline(card.front)));
    m_out << (m_interactive ? m_style.accent(text) : text) << '\n';
}

void SessionView::hint(const std::string& text) {
    m_out << (m_interactive ? "  " + m_style.bad(text) : text) << '\n';
}

void SessionView::nothing_due(std::optional<Day> next_due, Day today) {
    if (next_due) {
        m_out << fmt::format("Nothing is due today ({}). The next card is due {} ({}).\n", format_day(today),
                             format_day(*next_due), describe_offset(days_between(today, *next_due)));
    } else {
        m_out << fmt::format("Nothing is due today ({}), and no card is scheduled.\n", format_day(today));
    }
}

void SessionView::summary(const SessionSummary& summary, Day today) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(summary.time_spent).count();
    int percent = summary.answered == 0 ? 0 : (summary.right * 100 + summary.answered / 2) / summary.answered;
    std::string title = m_interactive ? "\n\n" + m_style.bold("Session over") : "=== session over";
    m_out << title << '\n';
    m_out << fmt::format("answered: {} ({} right, {}%)\n", summary.answered, summary.right, percent);
    m_out << fmt::format("drills: {}\n", summary.drills);
    m_out << fmt::format("time: {} min {} s\n", seconds / 60, seconds % 60);
    if (summary.next_due) {
        m_out << fmt::format("next due: {} ({})\n", format_day(*summary.next_due),
                             describe_offset(days_between(today, *summary.next_due)));
    } else {
        m_out << "next due: nothing scheduled\n";
    }
    if (summary.confused_today.empty()) {
        m_out << "confused today: none\n";
    } else {
        m_out << "confused today:\n";
        for (const auto& c : summary.confused_today) {
            m_out << fmt::format("  {} taken for {} ({}x)\n", printable_only(c.right), printable_only(c.chosen),
                                 c.count);
        }
    }
    m_out << std::flush;
}

}  // namespace rolecall
