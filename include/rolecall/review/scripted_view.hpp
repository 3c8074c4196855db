// The scripted review protocol: what rolecall writes when standard input is not a terminal, for
// programs to read (README, "Scripted mode"). This file and scripted_view.cpp are the whole format;
// it is stable, and tests/test_review_session.cpp and tests/test_cli.cpp pin it. Plain text: no escape
// codes, no wrapping, control characters dropped. One block per card shown, one input line per block:
//
//   a choice card                              a recall or cloze card
//   --- card N of M (COUNTS left) [choice]     --- card N of M (COUNTS left) [KIND]
//   FRONT (its lines as stored)                FRONT
//     1) OPTION                                answer: BACK
//     2) OPTION ...                            fact: EXPLANATION  (when there is one, unlike BACK)
//   > LINE READ                                next review: PREVIEW
//   right: NAME                                > LINE READ
//     or wrong: CHOSEN; the answer is NAME     SAVED
//        why not CHOSEN: TEXT  (when the deck says why)
//   a right guess: graded 2, ...  (a right answer ending in "?")
//   fact: EXPLANATION  (when there is one)
//   SAVED
//
// A BACK or EXPLANATION of several lines (a contrast card's two facts) gives a line each, each with
// its prefix ("answer: ", "fact: "). COUNTS is "D due, W new", in a cram "C to cram" (", R to drill" while drills or
// follow-ups wait); KIND is recall or cloze (contrast for a self-graded contrast card of an older collection); a
// same-day drill adds
// ", same-day drill" to the kind, a follow-up after a wrong pick ", follow-up" (its options: the two roles
// confused), a card of a cram ", cram", a card answered before its due day (review --ahead) ", ahead". PREVIEW is
// "in 1 day, whatever the grade" or "0-2 again I | 3 hard I | 4 good I | 5 easy I"; a drill shows "drill: today's first
// answer set the next review; grade 4 or 5 ends the drill" instead of the next-review line, a cram "cram: the schedule
// stays as it is; below 4 the card comes back in this session". SAVED is "saved: grade G; next review YYYY-MM-DD
// (OFFSET)", or for a drill "saved: drill grade G; done for today" or "...; it comes back once more today", in a cram
// "saved: cram grade G; the schedule is unchanged" (+ "; it comes back once more" below 4). An answer that makes the
// card a leech adds, after SAVED, "leech: this card has lapsed N times and is suspended; rewrite it or unsuspend it
// with 'rolecall unsuspend ID'" or "leech: ... and is tagged leech; it stays in your reviews, but rewriting it may
// help". A `u` line prints "undone: the last answer to "HEADLINE"; it is shown again" and the card comes back.
// The session ends with
//
//   === session over                   or  === cram session over
//   answered: A (R right, P%)          or  answered: 0 (drills only: ...)  after drills alone
//                                      or  crammed: C (R right, P%); logged as drills, the schedule was not changed
//   drills: D
//   time: M min S s
//   next due: YYYY-MM-DD (OFFSET)      or  next due: nothing scheduled   (today while cards are due)
//   left today: D due, W new ('rolecall review' goes on)
//     or left today: 0 due, 0 new; N new cards are waiting: 'rolecall review --new K' starts some today
//   confused today: none               or  confused today:, then "  RIGHT taken for CHOSEN (Nx)" lines
//
// and when nothing is due the output is "Nothing is due today (DAY). The next card is due DAY
// (OFFSET)." or "Nothing is due today (DAY), and no card is scheduled.", followed, when a run's own --new
// left out new cards a plain review would start, by "N new cards are left today: 'rolecall review' starts
// them.", or when new cards wait beyond today's limit, by "N new cards are waiting: 'rolecall review --new K'
// starts some today." With nothing
// to cram: "Nothing to cram (DAY): every card is due today, suspended or retired.", then "N cards are due
// today: 'rolecall review' grades them." when some are. Output is flushed
// before each line is read and after each SAVED line: once `saved:` is on stdout, the answer is committed.
#pragma once

#include "rolecall/review/session_view.hpp"

#include <ostream>

namespace rolecall {

class ScriptedView final : public SessionView {
public:
    explicit ScriptedView(std::ostream& out) : m_out(out) {}

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
    std::ostream& m_out;
};

}  // namespace rolecall
