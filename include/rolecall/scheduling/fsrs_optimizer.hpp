// Fitting FSRS-6's 21 parameters to a review history, as fsrs-rs 6.x's optimiser does (compute_parameters
// and evaluate, checked against it in tests/data/fsrs/optimize-*, from scripts/fsrs-oracle/optimize.mjs):
// the same training items, outlier filter, small-data rules, pretraining of the initial stabilities,
// Adam with a cosine learning rate, L2 pull towards the starting point and clipping after each step.
// Where it departs (each explained where made): batches of whole cards (fsrs-rs's mode when it knows
// card ids) scored in one pass per card, doubles instead of f32, and its own shuffle of the batches;
// the fit reaches fsrs-rs's log loss at about a tenth of its time.
// Pure: no clock, no storage; the caller builds the histories from its review log.
#pragma once

#include "rolecall/scheduling/fsrs.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <vector>

namespace rolecall::fsrs {

// One answer: the first of a card on a study day (drills and later answers that day left out).
struct HistoryAnswer {
    Rating rating = Rating::good;
    int elapsed_days = 0;  // study days since the card's previous answer; ignored for the first answer
};

// A card's answers in study-day order. `first_day` (any day numbering) places the answers in time:
// fsrs-rs weights items by recency, so items are ordered by the study day of their answer.
struct ReviewHistory {
    int first_day = 0;
    std::vector<HistoryAnswer> answers;
};

// fsrs-rs's TrainingConfig defaults.
struct FitOptions {
    int epochs = 5;
    std::size_t batch_size = 512;  // predictions per optimiser step
    double learning_rate = 4e-2;
    double l2_strength = 1.0;       // fsrs-rs's gamma: the pull towards the pretrained starting point
    std::size_t max_answers = 256;  // items with longer histories are left out of training
    std::uint64_t seed = 2023;      // the order of the batches in each epoch
};

// Which of fsrs-rs's rules gave the parameters.
enum class FitRule {
    defaults_kept,           // fewer than 8 items (after the outlier filter), or no first intervals
    initial_stability_only,  // fewer than 64 items, or only first intervals: w0-w3 from them, the rest default
    full_fit,                // all 21 trained
};

struct FitResult {
    Parameters parameters = default_parameters;
    FitRule rule = FitRule::defaults_kept;
    std::size_t item_count = 0;  // the items trained on: answers after a card's first, less outliers
};

// Called with the share of the work done, 0..1, after each optimiser step (epochs x items / batch_size
// calls, about 250 for 25,000 items) and with 1 at the end; a terminal display should throttle itself.
using FitProgress = std::function<void(double fraction)>;

// The fitted parameters. Deterministic: the same histories and options give the same parameters.
FitResult fit_parameters(const std::vector<ReviewHistory>& histories, const FitOptions& options = {},
                         const FitProgress& progress = {});

// How well parameters predict the history, as fsrs-rs's evaluate through its binding: each item of the
// training set (every answer after a card's first, outliers left out) is predicted from the answers
// before it (recalled = Hard, Good or Easy), weighted by recency. Both parameter sets of a comparison
// are measured on the same items. With no item left, all three figures are 0.
struct Metrics {
    double log_loss = 0;   // weighted binary cross-entropy
    double rmse_bins = 0;  // RMSE of predicted against actual recall over bins of interval, length, lapses
    std::size_t item_count = 0;
};
Metrics evaluate(const std::vector<ReviewHistory>& histories, const Parameters& w);

// The training objective's data term and its gradient: the unweighted sum of the log losses of every
// answer after a card's first. For tests of the gradient; fit_parameters adds weights and batches.
struct LossGradient {
    double loss = 0;
    Parameters gradient{};
};
LossGradient loss_and_gradient(const std::vector<ReviewHistory>& histories, const Parameters& w);

}  // namespace rolecall::fsrs
