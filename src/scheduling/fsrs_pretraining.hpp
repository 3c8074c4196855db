// The initial stabilities w0-w3 from the first intervals alone (fsrs-rs's parameter_initialization.rs).
#pragma once

#include "fsrs_training_set.hpp"

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <vector>

namespace rolecall::fsrs::detail {

// fsrs-rs's INIT_S_MAX: the ceiling of w0-w3.
inline constexpr double initial_stability_max = 100.0;

// w0-w3 fitted to the first intervals alone, and how many first intervals each first rating had.
// None when there are no first intervals (fsrs-rs fails with NotEnoughData).
struct InitialStability {
    std::array<double, 4> stability{};
    std::map<int, std::size_t> rating_count;  // first rating (1-4) -> items
};
std::optional<InitialStability> pretrain_initial_stability(const std::vector<ReviewHistory>& histories,
                                                           const std::vector<Item>& first_intervals,
                                                           double average_recall);

// fsrs-rs's smooth_and_fill: stabilities of the ratings seen, made to grow with the rating, and the
// missing ones filled in from them; None when no rating was seen.
std::optional<std::array<double, 4>> smooth_and_fill(std::map<int, double> rating_stability,
                                                     const std::map<int, std::size_t>& rating_count);

}  // namespace rolecall::fsrs::detail
