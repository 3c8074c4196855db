// The sentences both review views print: card labels, the grade preview, saved and undone lines,
// "nothing is due" and the summary.
#include "view_text.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

namespace rolecall::view_text {

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

std::string counts(const Progress& progress) {
    std::string text = progress.cram_session ? fmt::format("{} to cram", progress.cram_left)
                                             : fmt::format("{} due, {} new", progress.due_left, progress.new_left);
    if (progress.drills_left > 0) text += fmt::format(", {} to drill", progress.drills_left);
    return text;
}

std::string label(const CardRecord& card, const Progress& progress) {
    if (progress.follow_up) return kind_label(card) + ", follow-up";
    if (progress.drill) return kind_label(card) + ", same-day drill";
    if (progress.cram) return kind_label(card) + ", cram";
    return kind_label(card) + (progress.ahead ? ", ahead" : "");
}

std::string right_option(const CardRecord& card) {
    for (std::size_t i = 0; i < card.choices.size(); ++i) {
        if (card.role_of(i) == card.answer) return printable_only(card.choices[i]);
    }
    return printable_only(card.answer);
}

std::string why_not(const CardRecord& card, std::size_t chosen) {
    const std::string& text = card.why_not_for(chosen);
    if (text.empty() || chosen >= card.choices.size()) return "";
    return fmt::format("why not {}: {}", printable_only(card.choices[chosen]), printable_only(text));
}

std::string grade_preview(const std::array<int, 6>& intervals, AnswerKind kind) {
    if (kind == AnswerKind::cram)
        return "cram: the schedule stays as it is; below 4 the card comes back in this session";
    if (kind == AnswerKind::drill)
        return "drill: today's first answer set the next review; grade 4 or 5 ends the drill";
    // Grades 0-2 always give one day; the passing grades differ, and that is what the learner weighs.
    // Until a card's second repetition every grade gives the same interval: say so once.
    if (std::all_of(intervals.begin(), intervals.end(), [&](int days) { return days == intervals[0]; })) {
        return fmt::format("next review: in {}, whatever the grade", days_text(intervals[0]));
    }
    return fmt::format("next review: 0-2 again {} | 3 hard {} | 4 good {} | 5 easy {}", days_text(intervals[0]),
                       days_text(intervals[3]), days_text(intervals[4]), days_text(intervals[5]));
}

std::string saved(int grade, const CardState& after, Day today, AnswerKind kind) {
    if (kind == AnswerKind::cram) {
        return fmt::format("saved: cram grade {}; the schedule is unchanged{}", grade,
                           grade >= drill_until_grade ? "" : "; it comes back once more");
    }
    if (kind == AnswerKind::drill) {
        return fmt::format("saved: drill grade {}{}", grade,
                           grade >= drill_until_grade ? "; done for today" : "; it comes back once more today");
    }
    int days = days_between(today, *after.due);
    return fmt::format("saved: grade {}; next review {} ({})", grade, format_day(*after.due), describe_offset(days));
}

std::string leech(const CardRecord& card, int lapses, bool suspended) {
    const std::string times = lapses == 1 ? "once" : fmt::format("{} times", lapses);
    if (suspended) {
        return fmt::format(
            "leech: this card has lapsed {} and is suspended; rewrite it or unsuspend it with 'rolecall unsuspend {}'",
            times, card.id);
    }
    return fmt::format(
        "leech: this card has lapsed {} and is tagged leech; it stays in your reviews, but rewriting it "
        "may help",
        times);
}

std::string undone(const CardRecord& card) {
    return fmt::format("undone: the last answer to \"{}\"; it is shown again", printable_only(headline(card.front)));
}

namespace {

// A count of what is left, which stops at summary_count_cap.
std::string left_count(int count) {
    return count >= summary_count_cap ? fmt::format("{}+", summary_count_cap) : std::to_string(count);
}

// New cards beyond today's limit: how to take some anyway. --new N counts the new cards already
// started today, so the suggestion is that number plus a few more.
std::string more_new_cards(const SessionSummary& summary) {
    const int waiting = summary.new_waiting.value_or(0);
    return fmt::format("{} new cards are waiting: 'rolecall review --new {}' starts some today", left_count(waiting),
                       summary.new_started_today + std::min(waiting, 10));
}

}  // namespace

void write_nothing_due(std::ostream& out, const SessionSummary& summary, Day today) {
    if (summary.cram) {
        out << fmt::format("Nothing to cram ({}): every card is due today, suspended or retired.\n", format_day(today));
        if (summary.due_left > 0) {
            out << fmt::format(
                "{} due today: 'rolecall review' grades them.\n",
                summary.due_left == 1 ? std::string("1 card is") : left_count(summary.due_left) + " cards are");
        }
        return;
    }
    if (summary.next_due) {
        out << fmt::format("Nothing is due today ({}). The next card is due {} ({}).\n", format_day(today),
                           format_day(*summary.next_due), describe_offset(days_between(today, *summary.next_due)));
    } else {
        out << fmt::format("Nothing is due today ({}), and no card is scheduled.\n", format_day(today));
    }
    // A run with its own --new found nothing, but a plain review would start some: say that, not
    // how to raise --new.
    if (summary.new_left > 0) {
        out << fmt::format(
            "{} left today: 'rolecall review' starts them.\n",
            summary.new_left == 1 ? std::string("1 new card is") : left_count(summary.new_left) + " new cards are");
    } else if (summary.new_waiting.value_or(0) > 0) {
        out << more_new_cards(summary) << ".\n";
    }
}

void write_summary_lines(std::ostream& out, const SessionSummary& summary, Day today) {
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(summary.time_spent).count();
    int percent = summary.answered == 0 ? 0 : (summary.right * 100 + summary.answered / 2) / summary.answered;
    if (summary.cram) {
        const int cram_percent =
            summary.crammed == 0 ? 0 : (summary.cram_right * 100 + summary.crammed / 2) / summary.crammed;
        out << fmt::format("crammed: {} ({} right, {}%); logged as drills, the schedule was not changed\n",
                           summary.crammed, summary.cram_right, cram_percent);
    } else if (summary.answered == 0 && summary.drills > 0) {
        out << "answered: 0 (drills only: today's first answers were given before)\n";
    } else {
        // A right guess is graded 2 and scheduled as a miss; stats counts it so, and so does this line.
        std::string guesses;
        if (summary.right_guesses > 0) {
            guesses = fmt::format("; {} right {} graded as {}", summary.right_guesses,
                                  summary.right_guesses == 1 ? "guess" : "guesses",
                                  summary.right_guesses == 1 ? "a miss" : "misses");
        }
        out << fmt::format("answered: {} ({} right, {}%{})\n", summary.answered, summary.right, percent, guesses);
    }
    // A cram's answers are all drills: what counts there is the cards asked again after a miss.
    out << fmt::format("{}: {}\n", summary.cram ? "asked again" : "drills", summary.drills);
    out << fmt::format("time: {} min {} s\n", seconds / 60, seconds % 60);
    if (summary.next_due) {
        out << fmt::format("next due: {} ({})\n", format_day(*summary.next_due),
                           describe_offset(days_between(today, *summary.next_due)));
    } else {
        out << "next due: nothing scheduled\n";
    }
    // What is left today, so that stopping early is never mistaken for being done.
    std::string left =
        fmt::format("left today: {} due, {} new", left_count(summary.due_left), left_count(summary.new_left));
    if (summary.drills_left > 0) left += fmt::format(", {} to drill", summary.drills_left);
    if (summary.due_left + summary.new_left + summary.drills_left > 0) {
        left += " ('rolecall review' goes on)";
    } else if (summary.new_waiting.value_or(0) > 0) {
        left += "; " + more_new_cards(summary);
    }
    out << left << '\n';
    if (summary.confused_today.empty()) {
        out << "confused today: none\n";
    } else {
        out << "confused today:\n";
        for (const auto& c : summary.confused_today) {
            out << fmt::format("  {} taken for {} ({}x)\n", printable_only(c.right), printable_only(c.chosen), c.count);
        }
    }
    out << std::flush;
}

}  // namespace rolecall::view_text
