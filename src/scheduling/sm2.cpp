#include "rolecall/scheduling/sm2.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall {

namespace {

// EF' = EF + (0.1 - (5-q) * (0.08 + (5-q) * 0.02)), here in hundredths: 10 - d * (8 + 2d).
EaseHundredths next_ease(EaseHundredths ease, int grade) {
    const int d = max_grade - grade;
    const EaseHundredths changed = ease + 10 - d * (8 + 2 * d);
    // SM-2: "If EF is less than 1.3 then let EF be 1.3."
    return changed < minimum_ease ? minimum_ease : changed;
}

// I(1) = 1, I(2) = 6, I(n) = I(n-1) * EF for n > 2.
// Capped at `max_interval`, which SM-2 does not have (see default_max_interval).
int next_interval(int repetitions, int previous_interval, EaseHundredths ease, int max_interval) {
    if (repetitions == 1) return std::min(1, max_interval);
    if (repetitions == 2) return std::min(6, max_interval);
    // A fractional interval is rounded UP, in integer arithmetic so 6 x 2.8 is 17 and never 16 or 18.
    const long long scaled = static_cast<long long>(previous_interval) * ease;
    return static_cast<int>(std::min<long long>((scaled + 99) / 100, max_interval));
}

}  // namespace

bool is_valid_grade(int grade) { return grade >= min_grade && grade <= max_grade; }

CardState apply_grade(const CardState& before, int grade, Day today, int max_interval) {
    if (!is_valid_grade(grade)) throw Error(fmt::format("grade {} is outside 0..5", grade));
    if (max_interval < 1 || max_interval > default_max_interval) {
        throw Error(fmt::format("max-interval {} is outside 1..{}", max_interval, default_max_interval));
    }
    CardState after = before;
    if (grade >= passing_grade) {
        // EF' is the factor this answer just produced, so a 5 lengthens the very next interval
        // and a 3 shortens it.
        after.ease = next_ease(before.ease, grade);
        after.repetitions = before.repetitions + 1;
        after.interval_days = next_interval(after.repetitions, before.sm2_interval_days(), after.ease, max_interval);
    } else {
        // A failed recall starts the card over "as if memorized anew": this answer is the first
        // repetition of a new run (n = 1, I(1) = 1 day) and the E-Factor is left as it was.
        after.repetitions = 1;
        after.interval_days = 1;
        after.lapses = before.lapses + 1;
    }
    after.sm2_interval.reset();  // the schedule in force is SM-2's own
    // Due = the study day of the answer + interval; lateness is ignored, as SM-2 ignores it.
    after.due = today + boost::gregorian::days(after.interval_days);
    return after;
}

std::array<int, 6> preview_intervals(const CardState& before, int max_interval) {
    std::array<int, 6> intervals{};
    const Day any_day(2000, 1, 1);  // the interval does not depend on the day
    for (int grade = min_grade; grade <= max_grade; ++grade) {
        intervals[static_cast<std::size_t>(grade)] = apply_grade(before, grade, any_day, max_interval).interval_days;
    }
    return intervals;
}

double ease_as_number(EaseHundredths ease) { return static_cast<double>(ease) / 100.0; }

}  // namespace rolecall
