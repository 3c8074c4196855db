// The SM-2 scheduler, exactly as SuperMemo published it ("SuperMemo 2 algorithm", 1987),
// with the two rules the published text leaves to the implementer written down in sm2.cpp.
// Pure functions of (state, grade, day): no clock, no storage.
#pragma once

#include "rolecall/day.hpp"

#include <array>
#include <optional>

namespace rolecall {

// The E-Factor in whole hundredths (250 = 2.5). Every change SM-2 makes to it is a multiple of 0.02,
// so integers keep it exact where doubles would drift (25 x 2.2 = 55.00000000000001 rounds up to 56).
using EaseHundredths = int;

inline constexpr EaseHundredths initial_ease = 250;
inline constexpr EaseHundredths minimum_ease = 130;
inline constexpr int min_grade = 0;
inline constexpr int max_grade = 5;
inline constexpr int passing_grade = 3;      // q >= 3 is a successful recall
inline constexpr int drill_until_grade = 4;  // same-day rule: below 4 comes back today

struct Sm2State {
    int repetitions = 0;  // n: successful repetitions in the current run
    EaseHundredths ease = initial_ease;
    int interval_days = 0;  // 0 for a card never answered
    int lapses = 0;
    std::optional<Day> due;  // nullopt for a new card

    bool is_new() const { return !due.has_value(); }
    friend bool operator==(const Sm2State&, const Sm2State&) = default;
};

bool is_valid_grade(int grade);

// The state after answering `grade` (0..5) on study day `today`. Throws Error for a grade outside 0..5.
Sm2State apply_grade(const Sm2State& before, int grade, Day today);

// The interval (days) each grade 0..5 would give, for the "what happens if" preview.
std::array<int, 6> preview_intervals(const Sm2State& before);

// Formats an ease in hundredths as a decimal ("2.5", "2.36", "1.3").
double ease_as_number(EaseHundredths ease);

}  // namespace rolecall
