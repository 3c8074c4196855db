// The review loop: shows the next card the session queue (session_queue.hpp) gives, reads and
// interprets the answer, grades it with SM-2 and commits it before the next card, and writes the
// summary. Which cards come, in what order, is the queue's business.
#include "rolecall/review/review_session.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/review/answer.hpp"
#include "rolecall/review/scripted_view.hpp"
#include "rolecall/review/terminal_view.hpp"
#include "rolecall/scheduling/leech.hpp"
#include "rolecall/scheduling/sm2.hpp"
#include "rolecall/text/text_utils.hpp"
#include "session_queue.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <memory>
#include <utility>

namespace rolecall {

namespace {

using review_queue::FollowUps;
using review_queue::Item;
using review_queue::logged_as_drill;
using review_queue::Source;

struct Answered {
    Id review = 0;
    Item item;
    bool passed = false;       // graded passing_grade or more: a recall, as stats counts it
    bool right_guess = false;  // the right option picked, but graded below a pass (a guess, or so graded)
    FollowUps follow_ups;      // what a wrong pick queued, taken back by its undo
    LeechChange leech;         // what the answer did to the card as a leech, taken back by its undo
};

// What one card's turn ended with.
enum class Turn { answered, undo, quit };

class ReviewLoop {
public:
    ReviewLoop(Storage& storage, const Clock& clock, const SessionOptions& options, const LineReader& read_line,
               std::ostream& out)
        : m_storage(storage),
          m_clock(clock),
          m_options(options),
          m_read_line(read_line),
          m_view(make_session_view(options.interactive, options.style, options.width, out, options.prompt_sink)),
          m_queue(storage, options) {}

    SessionSummary run() {
        const auto started = m_clock.now();
        m_storage.snapshot_due(m_options.today);
        m_queue.load();
        SessionSummary summary;
        summary.cram = m_options.mode == ReviewMode::cram;
        summary.had_cards = !m_queue.empty();
        if (!summary.had_cards) {
            count_left(summary);
            m_view->nothing_due(summary, m_options.today);
            return summary;
        }
        try {
            drill_loop();
        } catch (const Error&) {
            finish(summary, started);
            throw;
        }
        finish(summary, started);
        return summary;
    }

private:
    void drill_loop() {
        std::optional<Id> last;
        while (std::optional<Item> item = m_queue.next(last)) {
            Turn turn = show(*item);
            if (turn == Turn::quit) return;
            if (turn == Turn::undo) {
                item->apart = true;
                m_queue.push_front(*item);
                undo_last();
            }
            last = m_history.empty() ? std::nullopt : std::optional<Id>(m_history.back().item.card);
        }
    }

    Progress progress(const Item& item) const {
        Progress p;
        p.position = static_cast<int>(m_history.size()) + 1;
        const review_queue::QueueCounts left = m_queue.counts();
        p.total = p.position + left.pending;
        p.due_left = left.due;
        p.new_left = left.fresh;
        p.drills_left = left.drills;
        p.cram_left = left.cram;
        p.cram_session = m_options.mode == ReviewMode::cram;
        p.drill = item.source == Source::drill;
        p.follow_up = item.follow_up;
        p.cram = item.source == Source::cram;
        return p;
    }

    // How the answer to `item` counts: every answer of a cram leaves the schedule as it is.
    AnswerKind answer_kind(const Item& item) const {
        if (m_options.mode == ReviewMode::cram) return AnswerKind::cram;
        return logged_as_drill(item.source) ? AnswerKind::drill : AnswerKind::scheduled;
    }

    // Reads one line; counts lines for error messages. nullopt at end of input.
    std::optional<std::string> next_line() {
        auto line = m_read_line();
        if (line) {
            ++m_line_number;
            m_view->echo(*line);
        }
        return line;
    }

    // A scripted line that is no answer ends the session with a usage error naming the line;
    // on a terminal the learner is told and asked again.
    [[noreturn]] void bad_script_line(const Error& error) const {
        throw usage_error(fmt::format("standard input line {}: {}", m_line_number, error.what()));
    }

    // What a prompt got: a line to interpret, or the end of the card's turn (quit, undo).
    struct Input {
        std::optional<Turn> end;
        std::string line;
    };

    // Prompts and reads one line, handling the commands every prompt takes: q (and end of input)
    // quits, u undoes the previous answer when there is one.
    Input read_input(const std::string& prompt) {
        while (true) {
            m_view->prompt(prompt);
            auto line = next_line();
            if (!line) return {Turn::quit, ""};
            Command command = parse_command(*line);
            if (command == Command::quit) return {Turn::quit, ""};
            if (command == Command::none) return {std::nullopt, *line};
            if (can_undo()) return {Turn::undo, ""};
            if (!m_options.interactive) bad_script_line(usage_error("'u': there is no answer to undo yet"));
            m_view->hint("nothing to undo yet");
        }
    }

    std::vector<ChoiceOption> options_for(const CardRecord& card) {
        auto found = m_categories.find(card.deck_id);
        if (found == m_categories.end()) {
            found = m_categories.emplace(card.deck_id, m_storage.categories_of_deck(card.deck_id)).first;
        }
        std::vector<ChoiceOption> options;
        for (const auto& choice : card.choices) {
            ChoiceOption option{choice, {}};
            for (const auto& category : found->second) {
                if (category.name == choice) option.aliases = category.aliases;
            }
            options.push_back(std::move(option));
        }
        return options;
    }

    // A follow-up keeps only the options of the two roles it separates.
    static CardRecord narrowed(CardRecord card, const Item& item) {
        if (!item.follow_up) return card;
        CardRecord two = card;
        two.choices.clear();
        two.choice_roles.clear();
        two.why_not.clear();
        for (std::size_t i = 0; i < card.choices.size(); ++i) {
            const std::string& role = card.role_of(i);
            if (role != item.first_role && role != item.second_role) continue;
            two.choices.push_back(card.choices[i]);
            two.choice_roles.push_back(role);
            two.why_not.push_back(card.why_not_for(i));
        }
        return two.choices.size() == 2 ? two : card;
    }

    Turn show(const Item& item) {
        const CardRecord card = narrowed(m_storage.card(item.card), item);
        Progress shown = progress(item);
        shown.ahead = item.source == Source::due && card.state.due && *card.state.due > m_options.today;
        m_view->card(card, shown);
        m_shown_at = m_clock.now();
        return card.kind == CardKind::choice ? choice_turn(card, item) : recall_turn(card, item);
    }

    Turn choice_turn(const CardRecord& card, const Item& item) {
        const auto options = options_for(card);
        // A contrast card's options are two texts, not roles: it is answered by number.
        const bool by_name = shown_kind(card.kind, card.view) != to_string(CardKind::contrast);
        ChoiceAnswer answer;
        while (true) {
            Input input = read_input(
                fmt::format("Your answer (1-{}{}; u undo, q quit):", options.size(), by_name ? " or a name" : ""));
            if (input.end) return *input.end;
            try {
                answer = parse_choice_answer(input.line, options, ChoiceInput{by_name, true});
                break;
            } catch (const Error& error) {
                if (!m_options.interactive) bad_script_line(error);
                m_view->hint(error.what());
            }
        }
        const auto response = elapsed_ms();
        const std::string& picked = card.role_of(answer.option);
        const bool right = picked == card.answer;
        m_view->choice_feedback(card, answer.option, right);
        if (right && answer.guessed) m_view->hint("a right guess: graded 2, so it comes back later today");
        const ChoiceGrading grading{m_options.grade_right, m_options.grade_wrong, m_options.quick_ms,
                                    m_options.slow_ms};
        const int suggested = suggested_grade(grading, right, answer.guessed, response);
        int grade = answer.grade.value_or(suggested);
        if (!answer.grade && m_options.interactive) {
            // The answer is given: from here on it is saved whatever happens, with the suggested grade
            // when the learner quits or input ends before confirming.
            preview(card, item);
            while (true) {
                m_view->prompt(fmt::format("Grade 0-5 [Enter = {}]:", suggested));
                auto line = next_line();
                if (!line || parse_command(*line) == Command::quit) {
                    record(card, item, suggested, picked, right, response);
                    return Turn::quit;
                }
                if (trim(*line).empty()) break;
                if (auto typed = parse_grade(*line)) {
                    grade = *typed;
                    break;
                }
                m_view->hint("type a grade 0-5 (again, hard, good, easy), or press Enter to accept the suggestion");
            }
        }
        if (!right && grade >= passing_grade) {
            // A wrong pick is a miss whatever grade is typed: passing it would schedule the card as
            // known and count it right in the summary and in stats. A slip of the finger is undone
            // with u, not graded away.
            m_view->hint(
                fmt::format("a wrong pick cannot pass: graded {}, not {} (u undoes a slip)", passing_grade - 1, grade));
            grade = passing_grade - 1;
        }
        record(card, item, grade, picked, right, response);
        if (!right && !item.follow_up && m_options.follow_ups > 0)
            m_history.back().follow_ups = m_queue.queue_follow_ups(card, picked);
        return Turn::answered;
    }

    Turn recall_turn(const CardRecord& card, const Item& item) {
        if (m_options.interactive) {
            Input input = read_input("Press Enter to show the answer (u undo, q quit):");
            if (input.end) return *input.end;
        }
        m_view->recall_answer(card);
        preview(card, item);
        while (true) {
            Input input = read_input("Grade 0-5 (a again 1, h hard 3, g good 4, e easy 5):");
            if (input.end) return *input.end;
            if (auto grade = parse_grade(input.line)) {
                record(card, item, *grade, "", *grade >= passing_grade, elapsed_ms());
                return Turn::answered;
            }
            Error error = usage_error(fmt::format("'{}' is not a grade: type 0-5, again, hard, good or easy",
                                                  printable_only(trim(input.line))));
            if (!m_options.interactive) bad_script_line(error);
            m_view->hint(error.what());
        }
    }

    void preview(const CardRecord& card, const Item& item) {
        m_view->grade_preview(preview_intervals(card.state, m_options.today, scheduler_for(card), card.id),
                              answer_kind(item));
    }

    int elapsed_ms() const {
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - m_shown_at).count();
        return static_cast<int>(std::clamp<std::int64_t>(ms, 0, 24LL * 3600 * 1000));
    }

    void record(const CardRecord& card, const Item& item, int grade, const std::string& chosen, bool right,
                int response_ms) {
        ReviewRecord review;
        review.card_id = card.id;
        review.day = m_options.today;
        review.answered_at = format_timestamp(m_clock.now());
        review.grade = grade;
        review.drill = logged_as_drill(item.source);
        review.response_ms = response_ms;
        review.chosen = chosen;
        review.before = card.state;
        // A drill answer is logged but leaves the SM-2 state as the day's first answer set it.
        review.after = review.drill ? card.state
                                    : schedule_answer(card.state, grade, m_options.today, scheduler_for(card), card.id);
        // Another rolecall may have answered this card since it was shown: the grade then applies to
        // the state that one left, and both answers stay in the log and in the schedule.
        LeechMark leech = leech_mark(card, review);
        LeechChange changed;
        std::optional<Id> id = m_storage.record_answer(review, leech, changed);
        while (!id) {
            review.before = m_storage.card(card.id).state;
            review.after = schedule_answer(review.before, grade, m_options.today, scheduler_for(card), card.id);
            leech = leech_mark(card, review);
            id = m_storage.record_answer(review, leech, changed);
        }
        review.id = *id;
        m_history.push_back(
            Answered{review.id, item, grade >= passing_grade, right && grade < passing_grade, {}, changed});
        m_view->saved(grade, review.after, m_options.today, answer_kind(item));
        if (leech.tag) m_view->leech(card, review.after.lapses, leech.suspend);
    }

    const SchedulerConfig& scheduler_for(const CardRecord& card) const {
        const auto own = m_options.deck_schedulers.find(card.deck_id);
        return own != m_options.deck_schedulers.end() ? own->second : m_options.scheduler;
    }

    // A lapse that makes the card a leech (by its deck's leech settings) gets it tagged, and
    // suspended with leech-action suspend. Drills never lapse, so never make a leech.
    LeechMark leech_mark(const CardRecord& card, const ReviewRecord& review) const {
        if (review.drill) return {};
        const auto own = m_options.deck_leech_rules.find(card.deck_id);
        const LeechRule& rule = own != m_options.deck_leech_rules.end() ? own->second : m_options.leech;
        if (!is_leech_lapse(review.before.lapses, review.after.lapses, rule.lapses)) return {};
        return LeechMark{true, rule.action == LeechAction::suspend};
    }

    bool can_undo() const { return !m_history.empty(); }

    void undo_last() {
        Answered last = m_history.back();
        Id card = m_storage.undo_answer(last.review, last.leech);
        m_history.pop_back();
        // The follow-ups a wrong pick queued go with it, unless already shown.
        m_queue.take_back(last.follow_ups);
        Item again = last.item;
        again.apart = true;
        m_queue.push_front(again);
        m_view->undone(m_storage.card(card));
    }

    // What a plain `rolecall review` would find now: the due cards (the day's review limit aside),
    // the new cards the day's limits still allow, and the new cards beyond them; counts stop at
    // summary_count_cap.
    void count_left(SessionSummary& summary) {
        const Day today = m_options.today;
        const DayCounts counts = m_storage.day_counts(m_options.deck, today);
        // A due card whose fact was answered today waits for another day (siblings apart): the next
        // review would not show it, so it is not left today.
        // Nothing answered today (a session quit at its first card): nothing is held, and counting
        // is cheaper than reading a thousand due cards' facts.
        std::set<std::string> shown;
        for (auto& fact : m_storage.facts_answered_on(m_options.deck, today)) shown.insert(std::move(fact));
        int held = 0;
        if (shown.empty()) {
            summary.due_left = m_storage.count_due(m_options.deck, today, summary_count_cap);
        } else {
            const auto due = m_storage.due_cards(m_options.deck, today, summary_count_cap);
            for (const auto& [id, facts] : m_storage.facts_of(due)) {
                if (std::any_of(facts.begin(), facts.end(), [&](const std::string& f) { return shown.count(f) > 0; }))
                    ++held;
            }
            summary.due_left = static_cast<int>(due.size()) - held;
        }
        summary.drills_left = static_cast<int>(m_storage.cards_to_drill(m_options.deck, today).size());
        summary.new_started_today = counts.new_started;
        QueueLimits limits = m_options.plain_limits.value_or(m_options.limits);
        limits.session_limit.reset();
        const DayUsage used{counts.new_started, counts.reviews};
        // New cards are counted when they can show: when there was nothing to review, when the due
        // cards leave room in the day's reviews, or when none is due (the summary then says how to
        // start more). After a session whose due cards fill the day, no line names them, and
        // counting a thousand would cost a large collection's session end a tenth of its start.
        if (!summary.had_cards || summary.due_left == 0 || summary.due_left < review_room(used, limits)) {
            summary.new_waiting = m_storage.count_new(m_options.deck, today, summary_count_cap);
        }
        const QueuePlan plan = plan_queue(summary.due_left, summary.new_waiting.value_or(0), used, limits);
        summary.new_left = static_cast<int>(m_queue.new_cards_for_today(plan.fresh).size());
        summary.next_due =
            summary.due_left > 0 ? std::optional<Day>(today) : m_storage.next_due_after(m_options.deck, today);
        if (summary.due_left == 0 && held > 0) summary.next_due = today + boost::gregorian::days(1);
    }

    void finish(SessionSummary& summary, std::chrono::system_clock::time_point started) {
        for (const auto& answered : m_history) {
            if (answered.item.source == Source::cram) {
                ++summary.crammed;
                if (answered.passed) ++summary.cram_right;
                continue;
            }
            if (logged_as_drill(answered.item.source)) {
                ++summary.drills;
                continue;
            }
            ++summary.answered;
            if (answered.passed) ++summary.right;
            if (answered.right_guess) ++summary.right_guesses;
        }
        summary.time_spent = std::chrono::duration_cast<std::chrono::milliseconds>(m_clock.now() - started);
        count_left(summary);
        summary.confused_today = m_storage.confusions(m_options.deck, m_options.today, m_options.today);
        m_view->summary(summary, m_options.today);
    }

    Storage& m_storage;
    const Clock& m_clock;
    const SessionOptions& m_options;
    const LineReader& m_read_line;
    std::unique_ptr<SessionView> m_view;
    review_queue::SessionQueue m_queue;
    std::vector<Answered> m_history;
    std::map<Id, std::vector<Category>> m_categories;
    std::chrono::system_clock::time_point m_shown_at;
    int m_line_number = 0;
};

}  // namespace

std::unique_ptr<SessionView> make_session_view(bool interactive, const Style& style, WidthSource width,
                                               std::ostream& out, PromptSink prompt_sink) {
    if (interactive) return std::make_unique<TerminalView>(out, style, std::move(width), std::move(prompt_sink));
    return std::make_unique<ScriptedView>(out);
}

SessionSummary run_review(Storage& storage, const Clock& clock, const SessionOptions& options,
                          const LineReader& read_line, std::ostream& out) {
    return ReviewLoop(storage, clock, options, read_line, out).run();
}

}  // namespace rolecall
