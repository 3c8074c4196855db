#include "rolecall/base/error.hpp"
#include "rolecall/scheduling/sm2.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <vector>

using namespace rolecall;

namespace {

struct Step {
    int interval;
    EaseHundredths ease;
};

// Answers each grade on the day the card is due, from a new card on 2026-01-01.
std::vector<Step> walk(const std::vector<int>& grades) {
    CardState state;
    Day today(2026, 1, 1);
    std::vector<Step> steps;
    for (int grade : grades) {
        state = apply_grade(state, grade, today);
        steps.push_back({state.interval_days, state.ease});
        today = *state.due;
    }
    return steps;
}

std::vector<int> intervals(const std::vector<Step>& steps) {
    std::vector<int> out;
    for (auto s : steps) out.push_back(s.interval);
    return out;
}

std::vector<int> eases(const std::vector<Step>& steps) {
    std::vector<int> out;
    for (auto s : steps) out.push_back(s.ease);
    return out;
}

}  // namespace

TEST_CASE("sm2: grades 5,5,5 give intervals 1, 6, 17 and EF 2.8", "[sm2]") {
    auto steps = walk({5, 5, 5});
    CHECK(intervals(steps) == std::vector<int>{1, 6, 17});
    CHECK(eases(steps) == std::vector<int>{260, 270, 280});
}

TEST_CASE("sm2: ten 3s walk EF down by 0.14 to the 1.3 floor", "[sm2]") {
    auto steps = walk({3, 3, 3, 3, 3, 3, 3, 3, 3, 3});
    CHECK(eases(steps) == std::vector<int>{236, 222, 208, 194, 180, 166, 152, 138, 130, 130});
    // I(3) = ceil(6 * 2.08) = 13, I(4) = ceil(13 * 1.94) = 26, I(5) = ceil(26 * 1.80) = 47,
    // I(6) = ceil(47 * 1.66) = 79, I(7) = ceil(79 * 1.52) = 121, I(8) = ceil(121 * 1.38) = 167,
    // I(9) = ceil(167 * 1.30) = 218, I(10) = ceil(218 * 1.30) = 284.
    CHECK(intervals(steps) == std::vector<int>{1, 6, 13, 26, 47, 79, 121, 167, 218, 284});
}

TEST_CASE("sm2: a lapse restarts the interval at one day and keeps EF", "[sm2]") {
    auto steps = walk({5, 5, 5, 2, 4, 4});
    CHECK(intervals(steps) == std::vector<int>{1, 6, 17, 1, 6, 17});
    CHECK(eases(steps) == std::vector<int>{260, 270, 280, 280, 280, 280});
}

TEST_CASE("sm2: the E-Factor change per grade is exactly SuperMemo's", "[sm2]") {
    // EF' = EF + (0.1 - (5-q)(0.08 + (5-q)0.02)): +0.10, 0, -0.14 for q = 5, 4, 3.
    CardState start;
    Day today(2026, 3, 1);
    CHECK(apply_grade(start, 5, today).ease == 260);
    CHECK(apply_grade(start, 4, today).ease == 250);
    CHECK(apply_grade(start, 3, today).ease == 236);
    for (int grade : {0, 1, 2}) {
        auto after = apply_grade(start, grade, today);
        CHECK(after.ease == 250);
        CHECK(after.lapses == 1);
        CHECK(after.repetitions == 1);
        CHECK(after.interval_days == 1);
    }
}

TEST_CASE("sm2: EF never drops below 1.3", "[sm2]") {
    CardState state;
    state.ease = 131;
    state.repetitions = 3;
    state.interval_days = 10;
    auto after = apply_grade(state, 3, Day(2026, 1, 1));
    CHECK(after.ease == 130);
    CHECK(after.interval_days == 13);  // ceil(10 * 1.30)
}

TEST_CASE("sm2: integer rounding up avoids the floating-point trap 25 x 2.2", "[sm2]") {
    CardState state;
    state.repetitions = 2;
    state.interval_days = 25;
    state.ease = 220;  // grade 4 leaves it at 2.2
    auto after = apply_grade(state, 4, Day(2026, 1, 1));
    CHECK(after.interval_days == 55);
}

TEST_CASE("sm2: the due day is the answer's day plus the interval, lateness ignored", "[sm2]") {
    CardState state;
    state.repetitions = 2;
    state.interval_days = 6;
    state.due = Day(2026, 1, 7);
    // Answered 10 days late: the interval is computed as if on time.
    auto after = apply_grade(state, 5, Day(2026, 1, 17));
    CHECK(after.interval_days == 16);  // ceil(6 * 2.6)
    CHECK(*after.due == Day(2026, 2, 2));
}

TEST_CASE("sm2: the preview differs by grade and matches apply_grade", "[sm2]") {
    CardState state;
    state.repetitions = 3;
    state.interval_days = 10;
    state.ease = 250;
    auto preview = preview_intervals(state);
    CHECK(preview[0] == 1);
    CHECK(preview[2] == 1);
    CHECK(preview[3] == 24);  // ceil(10 * 2.36)
    CHECK(preview[4] == 25);  // ceil(10 * 2.5)
    CHECK(preview[5] == 26);  // ceil(10 * 2.6)
    for (int grade = 0; grade <= 5; ++grade) {
        CHECK(preview[static_cast<std::size_t>(grade)] == apply_grade(state, grade, Day(2026, 1, 1)).interval_days);
    }
}

TEST_CASE("sm2: grades outside 0..5 are refused", "[sm2]") {
    CHECK_THROWS_AS(apply_grade(CardState{}, 6, Day(2026, 1, 1)), Error);
    CHECK_THROWS_AS(apply_grade(CardState{}, -1, Day(2026, 1, 1)), Error);
}

TEST_CASE("sm2: intervals stop at max-interval, so no answer runs off the calendar", "[sm2]") {
    // Unbounded, thirteen 5s reach a due date past the year 9999 (Boost refuses it): the cap holds the
    // interval at 36500 days and every answer still gets a due day.
    CardState state;
    Day today(2026, 1, 1);
    std::vector<int> seen;
    for (int answer = 0; answer < 20; ++answer) {
        REQUIRE_NOTHROW(state = apply_grade(state, 5, today));
        seen.push_back(state.interval_days);
        today = *state.due;
    }
    CHECK(seen[2] == 17);  // below the cap SM-2 is untouched
    CHECK(*std::max_element(seen.begin(), seen.end()) == default_max_interval);
    CHECK(seen.back() == default_max_interval);
    // A cap of its own; the preview agrees with the answer.
    CardState mature{5, 250, 90, 0, Day(2026, 1, 1), std::nullopt, std::nullopt};
    CHECK(apply_grade(mature, 4, Day(2026, 1, 1), 100).interval_days == 100);
    CHECK(apply_grade(mature, 4, Day(2026, 1, 1), 1000).interval_days == 225);
    CHECK(preview_intervals(mature, 100)[5] == 100);
    CHECK(preview_intervals(mature, 100)[1] == 1);
    CHECK_THROWS_AS(apply_grade(mature, 4, Day(2026, 1, 1), 0), Error);
}

TEST_CASE("sm2: an early answer gets the interval it would get on its due day, counted from the day of the answer",
          "[sm2][ahead]") {
    // Due on 2026-03-10 with interval 6 (n = 2, EF 2.5), answered 3 days early with grade 4.
    CardState state;
    state.repetitions = 2;
    state.interval_days = 6;
    state.due = Day(2026, 3, 10);
    const CardState early = apply_grade(state, 4, Day(2026, 3, 7));
    const CardState on_time = apply_grade(state, 4, Day(2026, 3, 10));
    CHECK(early.interval_days == 15);  // 6 x 2.5, from the stored interval, not from the 3 days elapsed
    CHECK(early.due == Day(2026, 3, 22));
    CHECK(early.interval_days == on_time.interval_days);
    CHECK(early.ease == on_time.ease);
    CHECK(early.repetitions == 3);
    // With EF 2.7 the same answer gives 6 x 2.7 = 16.2, rounded up: 17.
    state.ease = 270;
    CHECK(apply_grade(state, 4, Day(2026, 3, 7)).interval_days == 17);
}
