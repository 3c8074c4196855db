// The optimiser's objective on one card and its gradient, by hand-derived reverse mode (fsrs-rs 6.x
// differentiates the same way, in analytic.rs). One pass over a card's answers predicts every answer
// from those before it, so a card costs its length, not the sum of its prefixes' lengths.
#pragma once

#include "rolecall/scheduling/fsrs_optimizer.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rolecall::fsrs::detail {

class CardLoss {
public:
    explicit CardLoss(const Parameters& w);

    // The weighted log loss of predicting answers[1..count) (weights[k] for answer k; 0 leaves it out),
    // adding its gradient with respect to the parameters to `gradient` when that is not null.
    double loss(const HistoryAnswer* answers, std::size_t count, const double* weights, double* gradient);

private:
    enum class Branch : std::uint8_t { first, same_day, lapse, lapse_floor, success };
    // What the backward pass needs of one answer.
    struct Step {
        double s = 0, d = 0;          // the memory before the answer
        double base = 0, r = 0;       // 1 + factor * t / s, and the retrievability at the answer
        double g_r = 0;               // d loss / d r from predicting this answer
        double raw_s = 0, raw_d = 0;  // the memory after it, before clamping
        double branch_value = 0;      // same day: the stability factor used
        // Terms of the forward pass the backward pass reuses: success: s^-w9 and e^((1-r) w10);
        // lapse: d^-w12, e^((1-r) w14) and (s+1)^w13.
        double power = 0, growth = 0, grown = 0;
        int rating = 0;
        double t = 0;
        Branch branch = Branch::first;
        bool short_term_free = false;  // same day: the factor is not held at 1
    };

    void backward(double* gradient) const;

    Parameters w_;
    double factor_;           // the forgetting curve's factor
    double dfactor_dw20_;     // its derivative with respect to w20
    double exp_w8_;           // e^w8
    double floor_divisor_;    // e^(w17 w18): a lapse never leaves more than s / this
    double easy_difficulty_;  // D0(Easy), which difficulty reverts towards
    double exp_3w5_;          // e^(3 w5)
    std::vector<Step> tape_;
};

}  // namespace rolecall::fsrs::detail
