// FSRS-6, the memory model of the Free Spaced Repetition Scheduler (Jarrett Ye et al.), written from
// the published formulas and checked against fsrs-rs 6.x, the reference implementation
// (tests/data/fsrs/, produced by scripts/fsrs-oracle/). A card's memory is its stability S (days until
// recall falls to 90%) and difficulty D (1..10); each answer moves both, and the interval is the
// time until predicted recall falls to the desired retention. 21 parameters w0..w20; w20 is the decay
// of the forgetting curve. Pure functions: no clock, no storage, no randomness (fuzz takes its factor).
#pragma once

#include "rolecall/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace rolecall::fsrs {

inline constexpr std::size_t parameter_count = 21;
using Parameters = std::array<double, parameter_count>;

// fsrs-rs's DEFAULT_PARAMETERS (FSRS-6), fitted on the open benchmark's collections.
extern const Parameters default_parameters;

// Bounds of the model (fsrs-rs's S_MIN, S_MAX, D_MIN, D_MAX).
inline constexpr double min_stability = 0.001;
inline constexpr double max_stability = 36500.0;
inline constexpr double min_difficulty = 1.0;
inline constexpr double max_difficulty = 10.0;

// The range a user may choose the desired retention from (the setting `desired-retention`).
inline constexpr double min_desired_retention = 0.70;
inline constexpr double max_desired_retention = 0.97;
inline constexpr double default_desired_retention = 0.90;

using MemoryState = rolecall::MemoryState;  // model.hpp: a card's stability and difficulty

// FSRS's four buttons. rolecall's grades map onto them: 0-2 Again, 3 Hard, 4 Good, 5 Easy.
enum class Rating { again = 1, hard = 2, good = 3, easy = 4 };
Rating rating_of_grade(int grade);

// Parameters as Anki and fsrs-rs print them: comma-separated numbers. 21 are FSRS-6; 19 (FSRS-5)
// and 17 (FSRS-4.5) are converted as fsrs-rs converts them. Throws Error naming what is wrong.
Parameters parse_parameters(std::string_view text);
std::string format_parameters(const Parameters& w);  // 4 decimals, ", " between: what Anki shows

// Each parameter brought into fsrs-rs's bounds (clip_parameters with one relearning step and
// short-term stability on), as fsrs-rs does to any parameters it is given.
Parameters clipped(const Parameters& w);

// Predicted probability of recall after `elapsed_days` (R = (1 + factor * t / S)^-w20).
double retrievability(const MemoryState& state, double elapsed_days, const Parameters& w);

// The memory state after answering with `rating` `elapsed_days` after the previous answer; no
// state means a card's first answer. `elapsed_days` 0 is a same-day answer (FSRS's short-term
// stability).
MemoryState next_state(const std::optional<MemoryState>& before, Rating rating, double elapsed_days,
                       const Parameters& w);

// Days until recall falls to `desired_retention`, unrounded (fsrs-rs's next_interval).
double raw_interval(double stability, double desired_retention, const Parameters& w);

// The interval rolecall schedules without fuzz: raw_interval rounded to whole days, in 1..max_interval.
int scheduled_interval(double stability, double desired_retention, const Parameters& w, int max_interval);

// Anki's fuzz bands (rslib's fuzz.rs): none under 2.5 days, then 1 day plus 15% of the days in
// 2.5-7, 10% of those in 7-20 and 5% of those above 20, either way; bounds kept in [minimum, maximum].
std::pair<int, int> fuzz_bounds(double interval, int minimum, int maximum);

// The fuzzed interval: a point of fuzz_bounds chosen by `factor` in [0, 1), as Anki does.
int fuzzed_interval(double interval, int minimum, int maximum, double factor);

// A factor in [0, 1) from a seed (splitmix64), so that a replay of the same card and day fuzzes alike.
double fuzz_factor(std::uint64_t seed);

// An approximate memory state for a card known only by its SM-2 ease (e.g. 2.5) and interval,
// assuming SM-2 reached `sm2_retention` (fsrs-rs's memory_state_from_sm2). None if not finite.
std::optional<MemoryState> memory_state_from_sm2(double ease, double interval, double sm2_retention,
                                                 const Parameters& w);

}  // namespace rolecall::fsrs
