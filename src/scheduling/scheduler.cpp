#include "rolecall/scheduling/scheduler.hpp"

#include "rolecall/base/day.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/scheduling/sm2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rolecall {

namespace {

// The SM-2 retention fsrs-rs assumes when it estimates a memory from an SM-2 schedule (Anki's
// "historical retention" default).
constexpr double sm2_retention = 0.9;

std::uint64_t fuzz_seed(Id card, Day day) {
    return static_cast<std::uint64_t>(card) * 0x9e3779b97f4a7c15ULL ^ static_cast<std::uint64_t>(day.julian_day());
}

// FSRS's interval for a stability: rounded to whole days in minimum..max_interval, then, with fuzz
// on, spread within Anki's bands by a factor that depends only on the card and the day.
int fsrs_interval(double stability, int minimum, Day today, const SchedulerConfig& config, Id card) {
    const int plain =
        fsrs::scheduled_interval(stability, config.desired_retention, config.parameters, config.max_interval);
    if (!config.fuzz) return plain;
    return fsrs::fuzzed_interval(plain, minimum, config.max_interval, fsrs::fuzz_factor(fuzz_seed(card, today)));
}

// The interval of a passing answer under FSRS. With fuzz on, as in Anki, Good gives at least a day more
// than Hard and Easy a day more than Good would, so the spread never makes a better grade wait less.
int passing_interval(const std::optional<MemoryState>& memory, double elapsed, fsrs::Rating rating, Day today,
                     const SchedulerConfig& config, Id card) {
    int minimum = 1;
    int interval = 1;
    for (auto r : {fsrs::Rating::hard, fsrs::Rating::good, fsrs::Rating::easy}) {
        const double stability = fsrs::next_state(memory, r, elapsed, config.parameters).stability;
        interval = fsrs_interval(stability, config.fuzz ? minimum : 1, today, config, card);
        if (r == rating) break;
        minimum = std::min(interval + 1, config.max_interval);
    }
    return interval;
}

}  // namespace

const SchedulerConfig& scheduler_of(const DeckSchedulers& schedulers, Id deck) {
    static const SchedulerConfig defaults;
    const auto found = schedulers.find(deck);
    return found != schedulers.end() ? found->second : defaults;
}

std::string_view to_string(SchedulerKind kind) { return kind == SchedulerKind::fsrs ? "fsrs" : "sm2"; }

SchedulerKind scheduler_kind_from_string(std::string_view text) {
    if (text == "sm2") return SchedulerKind::sm2;
    if (text == "fsrs") return SchedulerKind::fsrs;
    throw usage_error(fmt::format("scheduler must be sm2 or fsrs, not '{}'", text));
}

std::optional<MemoryState> memory_before_answer(const CardState& state, const fsrs::Parameters& w) {
    if (state.memory) return state.memory;
    if (state.is_new()) return std::nullopt;
    return fsrs::memory_state_from_sm2(ease_as_number(state.ease), std::max(state.sm2_interval_days(), 1),
                                       sm2_retention, w);
}

std::optional<double> retrievability_on(const CardState& state, Day day, const fsrs::Parameters& w) {
    const auto memory = memory_before_answer(state, w);
    if (!memory) return std::nullopt;
    const int elapsed = std::max(days_between(*state.last_answer_day(), day), 0);
    return fsrs::retrievability(*memory, elapsed, w);
}

CardState schedule_answer(const CardState& before, int grade, Day today, const SchedulerConfig& config, Id card) {
    CardState after = apply_grade(before, grade, today, config.max_interval);
    const double elapsed = before.is_new() ? 0.0 : std::max(days_between(*before.last_answer_day(), today), 0);
    const auto memory = memory_before_answer(before, config.parameters);
    const fsrs::Rating rating = fsrs::rating_of_grade(grade);
    after.memory = fsrs::next_state(memory, rating, elapsed, config.parameters);
    if (config.kind == SchedulerKind::fsrs) {
        const int interval = rating == fsrs::Rating::again
                                 ? fsrs_interval(after.memory->stability, 1, today, config, card)
                                 : passing_interval(memory, elapsed, rating, today, config, card);
        if (interval != after.interval_days) after.sm2_interval = after.interval_days;
        after.interval_days = interval;
        after.due = today + boost::gregorian::days(interval);
    }
    return after;
}

std::array<int, 6> preview_intervals(const CardState& before, Day today, const SchedulerConfig& config, Id card) {
    std::array<int, 6> intervals{};
    for (int grade = min_grade; grade <= max_grade; ++grade) {
        intervals[static_cast<std::size_t>(grade)] = schedule_answer(before, grade, today, config, card).interval_days;
    }
    return intervals;
}

CardState replay(const CardState& start, const std::vector<LoggedAnswer>& answers, const SchedulerConfig& config,
                 Id card) {
    CardState state = start;
    for (const auto& answer : answers) state = schedule_answer(state, answer.grade, answer.day, config, card);
    return state;
}

CardState rescheduled_for(const CardState& current, const CardState& start, const std::vector<LoggedAnswer>& answers,
                          const SchedulerConfig& config, Id card) {
    CardState state = current;
    if (state.is_new()) return state;
    // The memory the log gives under these parameters; a card without a log keeps an estimate.
    state.memory.reset();
    if (answers.empty()) {
        state.memory = memory_before_answer(state, config.parameters);
    } else {
        CardState replayed = start;
        replayed.memory.reset();
        state.memory = replay(replayed, answers, config, card).memory;
    }
    if (config.kind == SchedulerKind::sm2 && state.sm2_interval) {
        const Day last = *state.last_answer_day();
        state.interval_days = *state.sm2_interval;
        state.sm2_interval.reset();
        state.due = last + boost::gregorian::days(state.interval_days);
    }
    return state;
}

}  // namespace rolecall
