// How well FSRS's predictions of recall held: each answer of the log that had a prediction (the first
// answer of a study day to a card answered before; drills out), its predicted recall against whether
// it was recalled, gathered in bins of predicted recall (a calibration table) with the log loss and
// RMSE(bins); and per deck, the share of reviews recalled against the desired retention. Pure: the
// histories come from storage (Storage::card_histories), the parameters from the deck's settings.
#pragma once

#include "rolecall/model.hpp"
#include "rolecall/scheduling/scheduler.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace rolecall {

// One answer FSRS predicted: the recall it predicted and whether the answer recalled (grade >= 3).
struct RecallPrediction {
    Day day;
    double predicted = 0;
    bool recalled = false;
};

// Every prediction FSRS makes on a card's log under `w`, oldest first: its memory replayed from the
// history's start (fsrs::next_state after each answer, as schedule_answer moves it), and before each
// answer after the first the retrievability after the study days since the previous one. A log that
// starts from an imported schedule starts from the memory estimated from its SM-2 ease and interval
// (memory_before_answer), so its first answer has a prediction too.
std::vector<RecallPrediction> recall_predictions(const CardHistory& history, const fsrs::Parameters& w);

// The bins of predicted recall: [0, 50%), [50, 70%), [70, 80%), [80, 85%), [85, 90%), [90, 95%),
// [95, 100%]; narrower where FSRS's predictions crowd.
inline constexpr std::array<double, 8> calibration_bin_edges = {0.0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1.0};
inline constexpr std::size_t calibration_bin_count = calibration_bin_edges.size() - 1;
std::size_t calibration_bin_of(double predicted);

struct CalibrationBin {
    double low = 0;
    double high = 1;
    int answers = 0;
    int recalled = 0;
    double predicted_sum = 0;
    std::optional<double> mean_predicted() const;
    std::optional<double> actual() const;  // the share recalled
};

// The bins above, empty.
std::array<CalibrationBin, calibration_bin_count> empty_calibration_bins();

struct Calibration {
    std::array<CalibrationBin, calibration_bin_count> bins = empty_calibration_bins();
    int answers = 0;
    int recalled = 0;
    double predicted_sum = 0;
    double log_loss_sum = 0;

    void add(const RecallPrediction& prediction);
    // The mean binary cross-entropy of the predictions (clamped to 0.0001..0.9999, as fsrs-rs clamps
    // them); 0 with no answer.
    double log_loss() const;
    // The square root of the answer-weighted mean of (share recalled - mean predicted)^2 over the
    // bins above; 0 with no answer. Not fsrs-rs's RMSE(bins) (bins of interval, answer count and
    // lapses, which `optimize` prints): bins of predicted recall, the ones the table shows.
    double rmse_bins() const;
};

// The calibration table of the predictions with a day in from..to (inclusive).
Calibration calibration_table(const std::vector<RecallPrediction>& predictions, Day from, Day to);

// One deck's reviews (answers with a prediction) in the window: the share recalled, beside its
// scheduler's desired retention (FSRS) and the mean recall FSRS predicted for them.
struct DeckRecall {
    std::string deck;
    SchedulerKind scheduler = SchedulerKind::sm2;
    double desired_retention = 0;  // the deck's setting; SM-2 has no target and ignores it
    int reviews = 0;
    int recalled = 0;
    double predicted_sum = 0;
    std::optional<double> reached() const;
    std::optional<double> mean_predicted() const;
};

// The section "Memory model (FSRS)" of the statistics.
struct MemoryModelStats {
    std::vector<DeckRecall> decks;  // every deck given with reviews in the window, in the order given
    Calibration calibration;        // the predictions on answers to decks scheduled by FSRS, in the window
    // Shown when FSRS predicted at least one answer of a deck it schedules in the window.
    bool any() const { return calibration.answers > 0; }
};

// One deck's log and settings, as memory_model_stats takes them.
struct DeckLog {
    std::string deck;
    SchedulerConfig config;
    std::vector<CardHistory> histories;
};

// Each deck's histories replayed under its own parameters; answers from `from` to `to` counted.
MemoryModelStats memory_model_stats(const std::vector<DeckLog>& decks, Day from, Day to);

}  // namespace rolecall
