// The scheduler a deck uses: SM-2 exactly as before, FSRS beside it with SM-2 kept up to date, the
// fuzz, the preview, and what a switch of scheduler does to a card.
#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/scheduling/sm2.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace rolecall;

namespace {

const Day start(2026, 3, 2);

SchedulerConfig fsrs_config(bool fuzz) {
    SchedulerConfig config;
    config.kind = SchedulerKind::fsrs;
    config.fuzz = fuzz;
    return config;
}

// SM-2's own part of a state: what SM-2 alone would hold.
struct Sm2Part {
    int repetitions, ease, interval, lapses;
    friend bool operator==(const Sm2Part&, const Sm2Part&) = default;
};
Sm2Part sm2_part(const CardState& s) { return {s.repetitions, s.ease, s.sm2_interval_days(), s.lapses}; }

const std::vector<int> grades = {4, 4, 3, 5, 1, 4, 4, 2, 5, 4, 3, 4};

}  // namespace

TEST_CASE("under SM-2 every answer schedules exactly as SM-2 alone, and FSRS's memory follows along", "[scheduler]") {
    CardState with_memory;
    CardState sm2_only;
    Day day = start;
    for (int grade : grades) {
        with_memory = schedule_answer(with_memory, grade, day, SchedulerConfig{}, 7);
        sm2_only = apply_grade(sm2_only, grade, day);
        CHECK(with_memory.interval_days == sm2_only.interval_days);
        CHECK(with_memory.due == sm2_only.due);
        CHECK(sm2_part(with_memory) == sm2_part(sm2_only));
        CHECK_FALSE(with_memory.sm2_interval);
        REQUIRE(with_memory.memory);
        day = *with_memory.due;
    }
}

TEST_CASE("under FSRS the schedule is FSRS's and SM-2's own state is still kept up to date", "[scheduler]") {
    CardState card;
    CardState sm2_only;
    std::optional<MemoryState> memory;
    Day day = start;
    bool differed = false;
    for (int grade : grades) {
        const int elapsed = card.is_new() ? 0 : days_between(*card.last_answer_day(), day);
        memory = fsrs::next_state(memory, fsrs::rating_of_grade(grade), elapsed, fsrs::default_parameters);
        card = schedule_answer(card, grade, day, fsrs_config(false), 7);
        sm2_only = apply_grade(sm2_only, grade, day);
        CHECK(card.memory == memory);
        CHECK(card.interval_days == fsrs::scheduled_interval(memory->stability, 0.9, fsrs::default_parameters, 36500));
        CHECK(sm2_part(card) == sm2_part(sm2_only));
        differed = differed || card.interval_days != sm2_only.interval_days;
        // Answered on the day FSRS asks, one day late now and then.
        day = *card.due + boost::gregorian::days(grade == 3 ? 1 : 0);
    }
    CHECK(differed);
}

TEST_CASE("FSRS's fuzz stays in Anki's bands, and the same card on the same day gets the same interval",
          "[scheduler][fuzz]") {
    CardState mature;
    mature.memory = MemoryState{40.0, 5.0};
    mature.due = start;
    mature.interval_days = 30;
    const Day today = start;
    const int plain = schedule_answer(mature, 4, today, fsrs_config(false), 1).interval_days;
    const auto [low, high] = fsrs::fuzz_bounds(plain, 1, 36500);
    std::set<int> seen;
    for (Id card = 1; card <= 200; ++card) {
        const int fuzzed = schedule_answer(mature, 4, today, fsrs_config(true), card).interval_days;
        CHECK(fuzzed >= low);
        CHECK(fuzzed <= high);
        CHECK(schedule_answer(mature, 4, today, fsrs_config(true), card).interval_days == fuzzed);
        seen.insert(fuzzed);
    }
    CHECK(seen.size() > 3);  // the cards part
    // Under 2.5 days nothing is spread.
    CardState young;
    young.memory = MemoryState{1.0, 5.0};
    young.due = start;
    young.interval_days = 1;
    for (Id card = 1; card <= 50; ++card) {
        CHECK(schedule_answer(young, 1, today, fsrs_config(true), card).interval_days == 1);
    }
}

TEST_CASE("with fuzz on a better grade never waits less: hard, good and easy a day apart at least",
          "[scheduler][fuzz]") {
    for (Id card = 1; card <= 300; ++card) {
        CardState state;
        state.memory = MemoryState{0.5 + static_cast<double>(card % 40), 1.0 + static_cast<double>(card % 9)};
        state.due = start;
        state.interval_days = 1 + static_cast<int>(card % 30);
        const auto preview =
            preview_intervals(state, start + boost::gregorian::days(card % 7), fsrs_config(true), card);
        INFO("card " << card);
        CHECK(preview[3] < preview[4]);
        CHECK(preview[4] < preview[5]);
    }
}

TEST_CASE("the grade preview shows what each grade will do under either scheduler", "[scheduler]") {
    CardState card = schedule_answer(CardState{}, 4, start, fsrs_config(true), 3);
    const Day later = *card.due;
    for (const auto& config : {SchedulerConfig{}, fsrs_config(true), fsrs_config(false)}) {
        const auto preview = preview_intervals(card, later, config, 3);
        for (int grade = 0; grade <= 5; ++grade) {
            CHECK(preview[static_cast<std::size_t>(grade)] ==
                  schedule_answer(card, grade, later, config, 3).interval_days);
        }
    }
}

TEST_CASE("switching to FSRS replays the memory from the log and keeps the due day, switching back resumes SM-2",
          "[scheduler][switch]") {
    std::vector<LoggedAnswer> log;
    CardState under_sm2;
    Day day = start;
    for (int grade : grades) {
        log.push_back({day, grade});
        under_sm2 = schedule_answer(under_sm2, grade, day, SchedulerConfig{}, 9);
        day = *under_sm2.due;
    }
    SchedulerConfig fitted = fsrs_config(true);
    fitted.parameters[2] = 3.5;  // another initial stability for Good gives another memory
    CardState switched = rescheduled_for(under_sm2, CardState{}, log, fitted, 9);
    CHECK(switched.memory == replay(CardState{}, log, fitted, 9).memory);
    CHECK_FALSE(switched.memory == under_sm2.memory);
    CHECK(switched.due == under_sm2.due);
    CHECK(switched.interval_days == under_sm2.interval_days);

    // Answers under FSRS, then back to SM-2: SM-2's schedule counts from the last answer.
    CardState card = switched;
    Day next = *card.due;
    for (int grade : {4, 4}) {
        card = schedule_answer(card, grade, next, fitted, 9);
        log.push_back({next, grade});
        next = *card.due;
    }
    REQUIRE(card.sm2_interval);
    const Day last = *card.last_answer_day();
    CardState back = rescheduled_for(card, CardState{}, log, SchedulerConfig{}, 9);
    CHECK(back.interval_days == *card.sm2_interval);
    CHECK_FALSE(back.sm2_interval);
    CHECK(*back.due == last + boost::gregorian::days(back.interval_days));
    CHECK(sm2_part(back) == sm2_part(replay(CardState{}, log, SchedulerConfig{}, 9)));
}

TEST_CASE("a card scheduled without a log gets its memory estimated from its SM-2 ease and interval",
          "[scheduler][switch]") {
    CardState imported;
    imported.ease = 230;
    imported.interval_days = 20;
    imported.repetitions = 4;
    imported.due = start;
    const CardState switched = rescheduled_for(imported, imported, {}, fsrs_config(true), 4);
    const auto expected = fsrs::memory_state_from_sm2(2.3, 20, 0.9, fsrs::default_parameters);
    CHECK(switched.memory == expected);
    CHECK(switched.due == imported.due);
    // A new card stays new.
    CHECK(rescheduled_for(CardState{}, CardState{}, {}, fsrs_config(true), 4) == CardState{});
}

TEST_CASE("predicted recall is certain on the day of the answer and 90% after the stability", "[scheduler]") {
    CHECK_FALSE(retrievability_on(CardState{}, start, fsrs::default_parameters));
    CardState card;
    card.memory = MemoryState{10.0, 5.0};
    card.interval_days = 10;
    card.due = start + boost::gregorian::days(10);
    CHECK(*retrievability_on(card, start, fsrs::default_parameters) == Approx(1.0));
    CHECK(*retrievability_on(card, *card.due, fsrs::default_parameters) == Approx(0.9));
}

TEST_CASE("scheduler names are sm2 and fsrs", "[scheduler]") {
    CHECK(scheduler_kind_from_string("fsrs") == SchedulerKind::fsrs);
    CHECK(to_string(scheduler_kind_from_string("sm2")) == "sm2");
    CHECK_THROWS_WITH(scheduler_kind_from_string("anki"), Catch::Contains("sm2 or fsrs"));
}
