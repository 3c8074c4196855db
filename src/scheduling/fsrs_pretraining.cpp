// Pretraining of the initial stabilities w0-w3 from the first intervals alone, and their smoothing, as
// fsrs-rs 6.x's parameter_initialization.rs.
#include "fsrs_pretraining.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace rolecall::fsrs::detail {

namespace {

// Recall after the first interval, for one first rating and one length of interval.
struct IntervalRecall {
    double days = 0;
    double recall = 0;
    double count = 0;
};

// fsrs-rs's pretraining loss: the log loss of the default forgetting curve with stability s over the
// first intervals, plus an L1 pull (1/16 a day) towards the default stability.
double pretraining_loss(const std::vector<IntervalRecall>& data, double s, double default_s) {
    const double decay = default_parameters[20];
    const double factor = std::pow(0.9, -1.0 / decay) - 1.0;
    double loss = 0;
    for (const IntervalRecall& point : data) {
        const double r = std::pow(point.days / s * factor + 1.0, -decay);
        loss -= (point.recall * std::log(r) + (1.0 - point.recall) * std::log(1.0 - r)) * point.count;
    }
    return loss + std::abs(s - default_s) / 16.0;
}

// fsrs-rs's ternary search over [S_MIN, INIT_S_MAX] down to the machine epsilon (at most 1000 rounds).
double search_stability(const std::vector<IntervalRecall>& data, double default_s) {
    double low = min_stability;
    double high = initial_stability_max;
    double best = default_s;
    for (int round = 0; high - low > std::numeric_limits<double>::epsilon() && round < 1000; ++round) {
        const double mid1 = low + (high - low) / 3.0;
        const double mid2 = high - (high - low) / 3.0;
        if (pretraining_loss(data, mid1, default_s) < pretraining_loss(data, mid2, default_s)) {
            high = mid2;
        } else {
            low = mid1;
        }
        best = (high + low) / 2.0;
    }
    return best;
}

}  // namespace

std::optional<InitialStability> pretrain_initial_stability(const std::vector<ReviewHistory>& histories,
                                                           const std::vector<Item>& first_intervals,
                                                           double average_recall) {
    // first rating -> interval -> (recalled, answers)
    std::map<int, std::map<int, std::pair<double, double>>> groups;
    for (const Item& item : first_intervals) {
        const ReviewHistory& history = histories[item.card];
        const HistoryAnswer& answer = history.answers[item.answer];
        auto& [recalled_count, count] = groups[static_cast<int>(history.answers.front().rating)][answer.elapsed_days];
        recalled_count += recalled(answer.rating) ? 1.0 : 0.0;
        count += 1.0;
    }
    InitialStability result;
    std::map<int, double> rating_stability;
    for (const auto& [rating, by_days] : groups) {
        std::vector<IntervalRecall> data;
        double total = 0;
        for (const auto& [days, tally] : by_days) {
            // Laplace smoothing towards the average recall, as fsrs-rs does.
            const auto& [recalled_count, count] = tally;
            data.push_back({static_cast<double>(days), (recalled_count + average_recall) / (count + 1.0), count});
            total += count;
        }
        result.rating_count[rating] = static_cast<std::size_t>(total);
        rating_stability[rating] = search_stability(data, default_parameters[static_cast<std::size_t>(rating - 1)]);
    }
    const auto stability = smooth_and_fill(rating_stability, result.rating_count);
    if (!stability) return std::nullopt;
    result.stability = *stability;
    return result;
}

std::optional<std::array<double, 4>> smooth_and_fill(std::map<int, double> rating_stability,
                                                     const std::map<int, std::size_t>& rating_count) {
    std::erase_if(rating_stability, [&](const auto& entry) { return !rating_count.contains(entry.first); });
    // A better first rating must not give a lower stability: the rating seen more often wins.
    for (const auto& [small, big] : {std::pair{1, 2}, {2, 3}, {3, 4}, {1, 3}, {2, 4}, {1, 4}}) {
        if (!rating_stability.contains(small) || !rating_stability.contains(big)) continue;
        if (rating_stability[small] <= rating_stability[big]) continue;
        if (rating_count.at(small) > rating_count.at(big)) {
            rating_stability[big] = rating_stability[small];
        } else {
            rating_stability[small] = rating_stability[big];
        }
    }
    // fsrs-rs's fill-in: fixed ratios between neighbouring ratings' stabilities, in log space.
    constexpr double w1 = 0.41;
    constexpr double w2 = 0.54;
    std::array<std::optional<double>, 5> s{};  // s[1..4]
    for (const auto& [rating, stability] : rating_stability) s[static_cast<std::size_t>(rating)] = stability;
    using std::pow;
    switch (rating_stability.size()) {
        case 0: return std::nullopt;
        case 1: {
            const int rating = rating_stability.begin()->first;
            const double factor =
                rating_stability.begin()->second / default_parameters[static_cast<std::size_t>(rating - 1)];
            for (std::size_t r = 1; r <= 4; ++r) s[r] = default_parameters[r - 1] * factor;
            break;
        }
        case 2: {
            const bool a = s[1].has_value(), b = s[2].has_value(), c = s[3].has_value(), d = s[4].has_value();
            if (!a && !b && c && d) {
                s[2] = pow(*s[3], 1.0 / (1.0 - w2)) * pow(*s[4], 1.0 - 1.0 / (1.0 - w2));
                s[1] = pow(*s[2], 1.0 / w1) * pow(*s[3], 1.0 - 1.0 / w1);
            } else if (!a && b && !c && d) {
                s[3] = pow(*s[2], 1.0 - w2) * pow(*s[4], w2);
                s[1] = pow(*s[2], 1.0 / w1) * pow(*s[3], 1.0 - 1.0 / w1);
            } else if (!a && b && c && !d) {
                s[4] = pow(*s[2], 1.0 - 1.0 / w2) * pow(*s[3], 1.0 / w2);
                s[1] = pow(*s[2], 1.0 / w1) * pow(*s[3], 1.0 - 1.0 / w1);
            } else if (a && !b && !c && d) {
                const double k = w1 + w2 - w1 * w2;
                s[2] = pow(*s[1], w1 / k) * pow(*s[4], 1.0 - w1 / k);
                s[3] = pow(*s[1], 1.0 - w2 / k) * pow(*s[4], w2 / k);
            } else if (a && !b && c && !d) {
                s[2] = pow(*s[1], w1) * pow(*s[3], 1.0 - w1);
                s[4] = pow(*s[2], 1.0 - 1.0 / w2) * pow(*s[3], 1.0 / w2);
            } else if (a && b && !c && !d) {
                s[3] = pow(*s[1], 1.0 - 1.0 / (1.0 - w1)) * pow(*s[2], 1.0 / (1.0 - w1));
                s[4] = pow(*s[2], 1.0 - 1.0 / w2) * pow(*s[3], 1.0 / w2);
            }
            break;
        }
        case 3:
            if (!s[1]) {
                s[1] = pow(*s[2], 1.0 / w1) * pow(*s[3], 1.0 - 1.0 / w1);
            } else if (!s[2]) {
                s[2] = pow(*s[1], w1) * pow(*s[3], 1.0 - w1);
            } else if (!s[3]) {
                s[3] = pow(*s[2], 1.0 - w2) * pow(*s[4], w2);
            } else {
                s[4] = pow(*s[2], 1.0 - 1.0 / w2) * pow(*s[3], 1.0 / w2);
            }
            break;
        default: break;
    }
    std::array<double, 4> out{};
    for (std::size_t r = 1; r <= 4; ++r) out[r - 1] = std::clamp(*s[r], min_stability, initial_stability_max);
    return out;
}

}  // namespace rolecall::fsrs::detail
