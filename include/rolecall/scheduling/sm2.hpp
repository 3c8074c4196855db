// The SM-2 scheduler, exactly as SuperMemo published it ("SuperMemo 2 algorithm", 1987),
// with the two rules the published text leaves to the implementer written down in sm2.cpp.
// Pure functions of (state, grade, day): no clock, no storage.
#pragma once

#include "rolecall/base/day.hpp"
#include "rolecall/model.hpp"

#include <array>
#include <optional>

namespace rolecall {

bool is_valid_grade(int grade);

// The state after answering `grade` (0..5) on study day `today`. Throws Error for a grade outside 0..5.
// The interval never exceeds `max_interval` days (1..36500).
CardState apply_grade(const CardState& before, int grade, Day today, int max_interval = default_max_interval);

// The interval (days) each grade 0..5 would give, for the "what happens if" preview.
std::array<int, 6> preview_intervals(const CardState& before, int max_interval = default_max_interval);

// Formats an ease in hundredths as a decimal ("2.5", "2.36", "1.3").
double ease_as_number(EaseHundredths ease);

}  // namespace rolecall
