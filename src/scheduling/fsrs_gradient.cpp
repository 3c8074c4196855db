#include "fsrs_gradient.hpp"

#include <algorithm>
#include <cmath>

namespace rolecall::fsrs::detail {

namespace {

// fsrs-rs clamps predictions into [1e-7, 1 - 1e-7] for the log loss; outside, no gradient flows.
constexpr double min_probability = 1e-7;
constexpr double max_probability = 1.0 - 1e-7;

// Whether a clamp lets the gradient through: inside the bounds or on them (Burn's and PyTorch's rule).
bool passes(double x, double low, double high) { return x >= low && x <= high; }

}  // namespace

CardLoss::CardLoss(const Parameters& w)
    : w_(w),
      factor_(std::pow(0.9, -1.0 / w[20]) - 1.0),
      dfactor_dw20_(std::pow(0.9, -1.0 / w[20]) * std::log(0.9) / (w[20] * w[20])),
      exp_w8_(std::exp(w[8])),
      floor_divisor_(std::exp(w[17] * w[18])),
      easy_difficulty_(w[4] - std::exp(3.0 * w[5]) + 1.0),
      exp_3w5_(std::exp(3.0 * w[5])) {}

// The forward pass follows next_state() in fsrs.cpp step by step; it is written again here because the
// backward pass needs the branch taken and the values before each clamp.
double CardLoss::loss(const HistoryAnswer* answers, std::size_t count, const double* weights, double* gradient) {
    const Parameters& w = w_;
    tape_.clear();
    double s = 0, d = 0, total = 0;
    for (std::size_t k = 0; k < count; ++k) {
        Step step;
        step.rating = static_cast<int>(answers[k].rating);
        const double g = step.rating;
        if (k == 0) {
            step.raw_s = w[static_cast<std::size_t>(step.rating - 1)];
            step.raw_d = w[4] - std::exp(w[5] * (g - 1.0)) + 1.0;
        } else {
            step.s = s;
            step.d = d;
            step.t = answers[k].elapsed_days;
            step.base = step.t / s * factor_ + 1.0;
            step.r = std::pow(step.base, -w[20]);
            if (weights[k] != 0.0) {
                const double y = g > 1.0 ? 1.0 : 0.0;
                const double r = std::clamp(step.r, min_probability, max_probability);
                total -= (y * std::log(r) + (1.0 - y) * std::log(1.0 - r)) * weights[k];
                if (step.r > min_probability && step.r < max_probability)
                    step.g_r = -weights[k] * (y / r - (1.0 - y) / (1.0 - r));
            }
            if (step.t == 0.0) {
                step.branch = Branch::same_day;
                const double raw = std::exp(w[17] * (g - 3.0 + w[18])) * std::pow(s, -w[19]);
                step.short_term_free = !(g >= 2.0 && raw < 1.0);
                step.branch_value = g >= 2.0 ? std::max(raw, 1.0) : raw;
                step.raw_s = s * step.branch_value;
            } else if (step.rating == 1) {
                step.power = std::pow(d, -w[12]);
                step.growth = std::exp((1.0 - step.r) * w[14]);
                step.grown = std::pow(s + 1.0, w[13]);
                const double lapsed = w[11] * step.power * (step.grown - 1.0) * step.growth;
                const double floor = s / floor_divisor_;
                step.branch = floor < lapsed ? Branch::lapse_floor : Branch::lapse;
                step.raw_s = std::min(floor, lapsed);
            } else {
                step.branch = Branch::success;
                const double hard_penalty = step.rating == 2 ? w[15] : 1.0;
                const double easy_bonus = step.rating == 4 ? w[16] : 1.0;
                step.power = std::pow(s, -w[9]);
                step.growth = std::exp((1.0 - step.r) * w[10]);
                const double increase =
                    exp_w8_ * (11.0 - d) * step.power * (step.growth - 1.0) * hard_penalty * easy_bonus;
                step.raw_s = s * (increase + 1.0);
            }
            const double delta = -w[6] * (g - 3.0);
            const double damped = d + (10.0 - d) * delta / 9.0;
            step.raw_d = w[7] * (easy_difficulty_ - damped) + damped;
        }
        s = std::clamp(step.raw_s, min_stability, max_stability);
        d = std::clamp(step.raw_d, min_difficulty, max_difficulty);
        if (gradient != nullptr) tape_.push_back(step);
    }
    if (gradient != nullptr) backward(gradient);
    return total;
}

// Walks the tape backwards carrying d loss / d (stability, difficulty) of the memory after each answer.
void CardLoss::backward(double* gw) const {
    const Parameters& w = w_;
    double g_s = 0, g_d = 0;
    for (auto it = tape_.rbegin(); it != tape_.rend(); ++it) {
        const Step& c = *it;
        const double g_raw_s = passes(c.raw_s, min_stability, max_stability) ? g_s : 0.0;
        const double g_raw_d = passes(c.raw_d, min_difficulty, max_difficulty) ? g_d : 0.0;
        const double g = c.rating;
        if (c.branch == Branch::first) {
            gw[c.rating - 1] += g_raw_s;
            gw[4] += g_raw_d;
            gw[5] += g_raw_d * -(g - 1.0) * std::exp(w[5] * (g - 1.0));
            return;
        }
        const double s = c.s, d = c.d, r = c.r;
        double g_prev_s = 0, g_prev_d = 0, g_r = c.g_r;
        switch (c.branch) {
            case Branch::same_day: {
                g_prev_s += g_raw_s * c.branch_value;
                if (c.short_term_free) {
                    const double g_factor = g_raw_s * s * c.branch_value;
                    gw[17] += g_factor * (g - 3.0 + w[18]);
                    gw[18] += g_factor * w[17];
                    gw[19] += g_factor * -std::log(s);
                    g_prev_s += g_factor * (-w[19] / s);
                }
                break;
            }
            case Branch::lapse_floor: {
                gw[17] += g_raw_s * c.raw_s * -w[18];
                gw[18] += g_raw_s * c.raw_s * -w[17];
                g_prev_s += g_raw_s / floor_divisor_;
                break;
            }
            case Branch::lapse: {
                const double lapsed = c.raw_s;
                const double grown = c.grown;
                const double rest = w[11] * c.power * c.growth;
                gw[11] += g_raw_s * lapsed / w[11];
                gw[12] += g_raw_s * lapsed * -std::log(d);
                gw[13] += g_raw_s * rest * grown * std::log(s + 1.0);
                gw[14] += g_raw_s * lapsed * (1.0 - r);
                g_prev_s += g_raw_s * rest * w[13] * grown / (s + 1.0);
                g_prev_d += g_raw_s * lapsed * (-w[12] / d);
                g_r += g_raw_s * lapsed * -w[14];
                break;
            }
            case Branch::success: {
                const double hard_penalty = c.rating == 2 ? w[15] : 1.0;
                const double easy_bonus = c.rating == 4 ? w[16] : 1.0;
                const double s_power = c.power;
                const double e = c.growth;
                const double common = exp_w8_ * s_power * hard_penalty * easy_bonus;  // the increase / ((11-d)(e-1))
                const double increase = common * (11.0 - d) * (e - 1.0);
                const double g_increase = g_raw_s * s;
                g_prev_s += g_raw_s * (increase + 1.0) + g_increase * increase * (-w[9] / s);
                g_prev_d -= g_increase * common * (e - 1.0);
                g_r += g_increase * common * (11.0 - d) * -w[10] * e;
                gw[8] += g_increase * increase;
                gw[9] += g_increase * increase * -std::log(s);
                gw[10] += g_increase * common * (11.0 - d) * (1.0 - r) * e;
                // increase without its hard penalty or easy bonus (only one of them is not 1)
                const double plain = exp_w8_ * s_power * (11.0 - d) * (e - 1.0);
                if (c.rating == 2) gw[15] += g_increase * plain;
                if (c.rating == 4) gw[16] += g_increase * plain;
                break;
            }
            case Branch::first: break;
        }
        if (g_raw_d != 0.0) {
            const double delta = -w[6] * (g - 3.0);
            const double damped = d + (10.0 - d) * delta / 9.0;
            gw[7] += g_raw_d * (easy_difficulty_ - damped);
            gw[4] += g_raw_d * w[7];
            gw[5] += g_raw_d * w[7] * -3.0 * exp_3w5_;
            const double g_damped = g_raw_d * (1.0 - w[7]);
            gw[6] += g_damped * (10.0 - d) * -(g - 3.0) / 9.0;
            g_prev_d += g_damped * (1.0 - delta / 9.0);
        }
        if (g_r != 0.0) {
            // r = base^-w20 with base = 1 + factor(w20) t / s
            g_prev_s += g_r * r * -w[20] / c.base * (-c.t * factor_ / (s * s));
            gw[20] += g_r * r * (-std::log(c.base) - w[20] * c.t / s * dfactor_dw20_ / c.base);
        }
        g_s = g_prev_s;
        g_d = g_prev_d;
    }
}

}  // namespace rolecall::fsrs::detail
