#include "rolecall/review/review_session.hpp"

#include "rolecall/review/answer.hpp"
#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/review/scripted_view.hpp"
#include "rolecall/review/terminal_view.hpp"
#include "rolecall/scheduling/sm2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <map>
#include <memory>
#include <set>

namespace rolecall {

namespace {

enum class Source { due, fresh, drill, follow_up };

struct Item {
    Id card = 0;
    Source source = Source::due;
    // A follow-up is asked between two roles only: the right one and the one picked by mistake. One
    // from today's queue keeps its source (its answer is the day's first); one from an earlier day is
    // Source::follow_up, logged as a drill.
    bool follow_up = false;
    std::string first_role = {};
    std::string second_role = {};
    bool apart = false;  // already found apart from its siblings (shown once, then undone)
};

struct Answered {
    Id review = 0;
    Item item;
    bool right = false;
    std::vector<Id> follow_ups;   // follow-ups this answer queued, taken back by its undo
    std::vector<Item> displaced;  // queued cards it turned into follow-ups, put back by its undo
};

// How many days of confusions choose the pair that new cards lean toward.
constexpr int confusion_window_days = 14;

// Drills, follow-ups and the summary leave the SM-2 state alone: only the day's first answer moves it.
bool logged_as_drill(Source source) { return source == Source::drill || source == Source::follow_up; }

// On a terminal the screen; otherwise the scripted protocol that programs read.
std::unique_ptr<SessionView> make_view(const SessionOptions& options, std::ostream& out) {
    if (options.interactive) return std::make_unique<TerminalView>(out, options.style, options.width);
    return std::make_unique<ScriptedView>(out);
}

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
          m_view(make_view(options, out)) {}

    SessionSummary run() {
        const auto started = m_clock.now();
        m_storage.snapshot_due(m_options.today);
        load_queue();
        SessionSummary summary;
        summary.had_cards = !m_pending.empty();
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
    void load_queue() {
        const Day today = m_options.today;
        const DayCounts counts = m_storage.day_counts(m_options.deck, today);
        const QueuePlan plan = plan_queue(m_storage.count_due(m_options.deck, today, m_options.limits.reviews_per_day),
                                          m_storage.count_new(m_options.deck, m_options.limits.new_per_day),
                                          DayUsage{counts.new_started, counts.reviews}, m_options.limits);
        for (auto& fact : m_storage.facts_answered_on(m_options.deck, today)) m_facts_shown.insert(std::move(fact));
        // Due cards are checked for siblings as they come up (shown_apart()): looking up 200 cards'
        // facts would cost a large collection's start-up more than the rest of it. New cards are
        // few, and chosen apart here so that the day's quota is filled.
        for (Id id : m_storage.due_cards(m_options.deck, today, plan.due)) m_pending.push_back({id, Source::due});
        m_facts_today = m_facts_shown;
        for (Id id : new_cards_leaning(plan.fresh)) m_pending.push_back({id, Source::fresh});
        // Drills left over from an earlier session today come after the day's first answers.
        if (m_pending.empty()) add_drills();
    }

    // Whether a card shows none of `facts`; if so, its facts join them.
    bool claim_facts(Id card, std::set<std::string>& facts) {
        const std::vector<std::string> own = m_storage.facts_of(card);
        for (const auto& fact : own) {
            if (facts.count(fact)) return false;
        }
        facts.insert(own.begin(), own.end());
        return true;
    }

    // Siblings apart: the first `want` cards `fetch` gives that show no fact a card answered or queued
    // today shows (cards of one note, or a contrast beside the values it contrasts). A sibling left out
    // keeps its place (its due day, its rank) and comes another day.
    std::vector<Id> apart_from_siblings(const std::function<std::vector<Id>(int)>& fetch, int want) {
        std::vector<Id> kept;
        if (want <= 0) return kept;
        for (int asked = want;; asked *= 2) {
            kept.clear();
            std::set<std::string> facts = m_facts_today;
            const std::vector<Id> ids = fetch(asked);
            const auto facts_of = m_storage.facts_of(ids);
            for (Id id : ids) {
                if (static_cast<int>(kept.size()) == want) break;
                const auto found = facts_of.find(id);
                if (found == facts_of.end()) continue;
                const auto& own = found->second;
                if (std::any_of(own.begin(), own.end(), [&](const std::string& f) { return facts.count(f) > 0; }))
                    continue;
                facts.insert(own.begin(), own.end());
                kept.push_back(id);
            }
            if (static_cast<int>(kept.size()) == want || static_cast<int>(ids.size()) < asked) {
                m_facts_today = std::move(facts);
                return kept;
            }
        }
    }

    // New cards for today: in rank order, and, when the learner has been confusing two roles lately,
    // taken in turn with new cards that separate those two.
    std::vector<Id> new_cards_leaning(int take) {
        if (take <= 0) return {};
        std::optional<std::pair<std::string, std::string>> pair;
        if (m_options.deck || m_options.deck_new_limits.empty()) pair = worst_pair();
        if (!pair) return apart_from_siblings([&](int n) { return new_cards_for_today(n); }, take);
        const std::set<std::string> facts_before = m_facts_today;
        std::vector<Id> leaning = apart_from_siblings(
            [&](int n) {
                return m_storage.cards_separating(m_options.deck, pair->first, pair->second, m_options.today, true, n);
            },
            take);
        std::vector<Id> regular = apart_from_siblings([&](int n) { return new_cards_for_today(n); }, take);
        std::vector<Id> picked = interleave_new_cards(leaning, regular, take);
        // The facts of cards not picked are free again.
        m_facts_today = facts_before;
        for (Id id : picked) claim_facts(id, m_facts_today);
        return picked;
    }

    std::optional<std::pair<std::string, std::string>> worst_pair() {
        const Day today = m_options.today;
        std::vector<RoleConfusion> confusions;
        for (const auto& c :
             m_storage.confusions(m_options.deck, today - boost::gregorian::days(confusion_window_days), today)) {
            confusions.push_back(RoleConfusion{c.right, c.chosen, c.count});
        }
        return worst_confused_pair(confusions);
    }

    // New cards in rank order; reviewing every deck, a deck with its own new-per-day stops there.
    std::vector<Id> new_cards_for_today(int take) {
        if (m_options.deck || m_options.deck_new_limits.empty() || take == 0) {
            return m_storage.new_cards(m_options.deck, take);
        }
        std::vector<NewCandidate> candidates;
        std::map<std::int64_t, int> room;
        for (const auto& deck : m_storage.decks()) {
            int limit = take;
            if (auto own = m_options.deck_new_limits.find(deck.id); own != m_options.deck_new_limits.end()) {
                int started = m_storage.day_counts(deck.id, m_options.today).new_started;
                limit = std::clamp(own->second - started, 0, take);
                room[deck.id] = limit;
            }
            for (auto [id, rank] : m_storage.ranked_new_cards(deck.id, limit)) {
                candidates.push_back(NewCandidate{id, rank, deck.id});
            }
        }
        return pick_new_cards(std::move(candidates), take, room);
    }

    // Same-day rule: once the queue is through, every card whose latest answer today scored below 4
    // comes back, round after round, until it scores 4 or more.
    bool add_drills() {
        for (Id id : m_storage.cards_to_drill(m_options.deck, m_options.today))
            m_pending.push_back({id, Source::drill});
        // The card just answered does not come straight back while another can come between.
        if (m_pending.size() > 1 && !m_history.empty() && m_pending.front().card == m_history.back().item.card) {
            std::rotate(m_pending.begin(), m_pending.begin() + 1, m_pending.end());
        }
        return !m_pending.empty();
    }

    // Whether a card about to be shown as a first answer of the day shows no fact that another card
    // answered today showed; if so, its facts are taken. A sibling is left for another day, in its
    // place (its due day, its rank among new cards). Drills and follow-ups are exempt.
    bool shown_apart(const Item& item) {
        if (logged_as_drill(item.source) || item.apart) return true;
        const std::vector<std::string> facts = m_storage.facts_of(item.card);
        if (!item.follow_up) {
            for (const auto& fact : facts) {
                if (m_facts_shown.count(fact)) return false;
            }
        }
        m_facts_shown.insert(facts.begin(), facts.end());
        return true;
    }

    void drill_loop() {
        while (!m_pending.empty() || add_drills()) {
            Item item = m_pending.front();
            m_pending.pop_front();
            if (!shown_apart(item)) continue;
            Turn turn = show(item);
            if (turn == Turn::quit) return;
            if (turn == Turn::undo) {
                item.apart = true;
                m_pending.push_front(item);
                undo_last();
            }
        }
    }

    Progress progress(const Item& item) const {
        Progress p;
        p.position = static_cast<int>(m_history.size()) + 1;
        p.total = p.position + static_cast<int>(m_pending.size());
        for (const auto& pending : m_pending) {
            if (pending.source == Source::due) ++p.due_left;
            if (pending.source == Source::fresh) ++p.new_left;
            if (logged_as_drill(pending.source)) ++p.drills_left;
        }
        p.drill = item.source == Source::drill;
        p.follow_up = item.follow_up;
        return p;
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
        m_view->card(card, progress(item));
        m_shown_at = m_clock.now();
        return card.kind == CardKind::choice ? choice_turn(card, item) : recall_turn(card, item);
    }

    Turn choice_turn(const CardRecord& card, const Item& item) {
        const auto options = options_for(card);
        ChoiceAnswer answer;
        while (true) {
            Input input = read_input(fmt::format("Your answer (1-{} or a name; u undo, q quit):", options.size()));
            if (input.end) return *input.end;
            try {
                answer = parse_choice_answer(input.line, options);
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
        record(card, item, grade, picked, right, response);
        if (!right && !item.follow_up && m_options.follow_ups > 0) queue_follow_ups(card, picked);
        return Turn::answered;
    }

    // After a wrong pick between roles X (right) and Y (picked): other cards that separate X from Y
    // come next, asked with those two options only. Cards met on earlier days first (logged as drills:
    // their schedule stays), then cards from later in today's queue, moved forward (their answer is
    // the day's first, as it would have been). Never a card showing a fact of the missed one. The
    // missed card itself comes back in the drill.
    void queue_follow_ups(const CardRecord& missed, const std::string& picked) {
        Answered& answer = m_history.back();
        const std::vector<std::string> missed_facts = m_storage.facts_of(missed.id);
        std::set<std::string> taken(missed_facts.begin(), missed_facts.end());
        std::vector<Item> chosen;
        auto consider = [&](Id id, bool answered_today) {
            if (static_cast<int>(chosen.size()) == m_options.follow_ups || id == missed.id) return;
            for (const auto& item : chosen) {
                if (item.card == id) return;
            }
            auto queued = std::find_if(m_pending.begin(), m_pending.end(), [&](const Item& p) { return p.card == id; });
            const bool in_queue = queued != m_pending.end();
            if (in_queue && logged_as_drill(queued->source)) return;
            const bool met_before = !m_storage.card(id).state.is_new();
            if (!in_queue && !met_before) return;  // a new card beyond today's queue waits its turn
            std::set<std::string> facts = taken;
            if (!claim_facts(id, facts)) return;
            taken = std::move(facts);
            const bool first_answer = in_queue && !answered_today;
            chosen.push_back(Item{id, first_answer ? queued->source : Source::follow_up, true, missed.answer, picked});
            if (in_queue) {
                answer.displaced.push_back(*queued);
                m_pending.erase(queued);
            }
        };
        const int wanted = m_options.follow_ups + 16;
        for (Id id : m_storage.cards_separating(missed.deck_id, missed.answer, picked, m_options.today, false, wanted))
            consider(id, false);
        // Late in a day's drill, when every such card has had its answer, cards answered earlier today
        // come again (as drills) rather than the missed card straight after itself.
        if (static_cast<int>(chosen.size()) < m_options.follow_ups) {
            for (Id id : m_storage.cards_separating(missed.deck_id, missed.answer, picked, m_options.today, false,
                                                    wanted, true))
                consider(id, true);
        }
        for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) m_pending.push_front(*it);
        for (const auto& item : chosen) answer.follow_ups.push_back(item.card);
    }

    Turn recall_turn(const CardRecord& card, const Item& item) {
        if (m_options.interactive) {
            Input input = read_input("Press Enter to show the answer (u undo, q quit):");
            if (input.end) return *input.end;
        }
        m_view->recall_answer(card);
        preview(card, item);
        while (true) {
            Input input = read_input("Grade 0-5 (again 1, hard 3, good 4, easy 5):");
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
        m_view->grade_preview(preview_intervals(card.state, m_options.max_interval), item.source == Source::drill);
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
        review.after =
            review.drill ? card.state : apply_grade(card.state, grade, m_options.today, m_options.max_interval);
        // Another rolecall may have answered this card since it was shown: the grade then applies to
        // the state that one left, and both answers stay in the log and in the schedule.
        std::optional<Id> id = m_storage.record_answer(review);
        while (!id) {
            review.before = m_storage.card(card.id).state;
            review.after = apply_grade(review.before, grade, m_options.today, m_options.max_interval);
            id = m_storage.record_answer(review);
        }
        review.id = *id;
        m_history.push_back(Answered{review.id, item, right, {}, {}});
        m_view->saved(grade, review.after, m_options.today, review.drill);
    }

    bool can_undo() const { return !m_history.empty(); }

    void undo_last() {
        Answered last = m_history.back();
        Id card = m_storage.undo_answer(last.review);
        m_history.pop_back();
        // The follow-ups a wrong pick queued go with it, unless already shown.
        for (Id follow_up : last.follow_ups) {
            auto found = std::find_if(m_pending.begin(), m_pending.end(), [&](const Item& pending) {
                return pending.card == follow_up && pending.follow_up;
            });
            if (found != m_pending.end()) m_pending.erase(found);
        }
        for (const Item& item : last.displaced) m_pending.push_back(item);
        m_pending.push_front(last.item);
        m_pending.front().apart = true;
        m_view->undone(m_storage.card(card));
    }

    // What a plain `rolecall review` would find now: the due cards (the day's review limit aside),
    // the new cards the day's limits still allow, and the new cards beyond them; counts stop at
    // summary_count_cap.
    void count_left(SessionSummary& summary) {
        const Day today = m_options.today;
        const DayCounts counts = m_storage.day_counts(m_options.deck, today);
        summary.due_left = m_storage.count_due(m_options.deck, today, summary_count_cap);
        summary.new_waiting = m_storage.count_new(m_options.deck, summary_count_cap);
        summary.new_started_today = counts.new_started;
        QueueLimits limits = m_options.limits;
        limits.session_limit.reset();
        const QueuePlan plan =
            plan_queue(summary.due_left, summary.new_waiting, DayUsage{counts.new_started, counts.reviews}, limits);
        summary.new_left = static_cast<int>(new_cards_for_today(plan.fresh).size());
        summary.next_due =
            summary.due_left > 0 ? std::optional<Day>(today) : m_storage.next_due_after(m_options.deck, today);
    }

    void finish(SessionSummary& summary, std::chrono::system_clock::time_point started) {
        for (const auto& answered : m_history) {
            if (logged_as_drill(answered.item.source)) {
                ++summary.drills;
                continue;
            }
            ++summary.answered;
            if (answered.right) ++summary.right;
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
    std::deque<Item> m_pending;
    std::vector<Answered> m_history;
    std::map<Id, std::vector<Category>> m_categories;
    std::set<std::string> m_facts_shown;  // facts of the cards with a first answer today: siblings wait
    std::set<std::string> m_facts_today;  // ... and of the new cards queued, while they are chosen
    std::chrono::system_clock::time_point m_shown_at;
    int m_line_number = 0;
};

}  // namespace

SessionSummary run_review(Storage& storage, const Clock& clock, const SessionOptions& options,
                          const LineReader& read_line, std::ostream& out) {
    return ReviewLoop(storage, clock, options, read_line, out).run();
}

}  // namespace rolecall
