// `rolecall optimize`: FSRS's parameters fitted to a deck's own review log (or every deck's), compared
// with the parameters in force on the same answers, and stored as fsrs-params when they predict better.
#pragma once

#include "rolecall/scheduling/fsrs_optimizer.hpp"
#include "rolecall/settings/scheduler_change.hpp"
#include "rolecall/storage/storage.hpp"

#include <vector>

namespace rolecall {

// The histories the optimiser learns from: each card whose log starts from new (a card whose first
// logged answer came after an imported schedule has no known start, and fsrs-rs leaves such cards
// out too), its first answers of each study day in order, days apart as study days are.
std::vector<fsrs::ReviewHistory> fit_histories(const std::vector<CardHistory>& cards);

struct ParameterFit {
    std::size_t cards = 0;    // cards learnt from
    std::size_t answers = 0;  // their answers
    fsrs::Parameters current;
    fsrs::FitResult fitted;
    fsrs::Metrics before;  // the current parameters on the fitted items
    fsrs::Metrics after;   // the fitted ones on the same items
    // Whether the fitted parameters are worth storing: fitted at all, and a lower log loss.
    bool better() const {
        return fitted.rule != fsrs::FitRule::defaults_kept && after.item_count > 0 && after.log_loss < before.log_loss;
    }
};

// Fits to the log of `deck`, or of every deck; reads only.
ParameterFit fit_to_log(Storage& storage, DeckFilter deck, const fsrs::FitProgress& progress = {});

// Stores the fitted parameters as fsrs-params (the deck's own, or the global value) and replays the
// memories of the cards they reach.
SchedulerChange store_fitted(Storage& storage, DeckFilter deck, const ParameterFit& fit);

}  // namespace rolecall
