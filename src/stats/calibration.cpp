#include "rolecall/stats/calibration.hpp"

#include "rolecall/base/day.hpp"

#include <algorithm>
#include <cmath>

namespace rolecall {

std::vector<RecallPrediction> recall_predictions(const CardHistory& history, const fsrs::Parameters& w) {
    std::vector<RecallPrediction> predictions;
    predictions.reserve(history.answers.size());
    // As a change of scheduler replays it (rescheduled_for): the log's start without a memory, so a
    // schedule an import kept starts from the estimate of its SM-2 ease and interval.
    CardState start = history.start;
    start.memory.reset();
    std::optional<MemoryState> memory = memory_before_answer(start, w);
    std::optional<Day> previous = start.last_answer_day();
    for (const auto& answer : history.answers) {
        const double elapsed = previous ? std::max(days_between(*previous, answer.day), 0) : 0.0;
        if (memory) {
            predictions.push_back(
                RecallPrediction{answer.day, fsrs::retrievability(*memory, elapsed, w), answer.grade >= passing_grade});
        }
        memory = fsrs::next_state(memory, fsrs::rating_of_grade(answer.grade), elapsed, w);
        previous = answer.day;
    }
    return predictions;
}

std::size_t calibration_bin_of(double predicted) {
    for (std::size_t b = 1; b < calibration_bin_count; ++b) {
        if (predicted < calibration_bin_edges[b]) return b - 1;
    }
    return calibration_bin_count - 1;
}

std::array<CalibrationBin, calibration_bin_count> empty_calibration_bins() {
    std::array<CalibrationBin, calibration_bin_count> bins{};
    for (std::size_t b = 0; b < calibration_bin_count; ++b) {
        bins[b].low = calibration_bin_edges[b];
        bins[b].high = calibration_bin_edges[b + 1];
    }
    return bins;
}

std::optional<double> CalibrationBin::mean_predicted() const {
    if (answers == 0) return std::nullopt;
    return predicted_sum / answers;
}

std::optional<double> CalibrationBin::actual() const {
    if (answers == 0) return std::nullopt;
    return static_cast<double>(recalled) / answers;
}

void Calibration::add(const RecallPrediction& prediction) {
    CalibrationBin& bin = bins[calibration_bin_of(prediction.predicted)];
    ++bin.answers;
    bin.predicted_sum += prediction.predicted;
    bin.recalled += prediction.recalled ? 1 : 0;
    ++answers;
    recalled += prediction.recalled ? 1 : 0;
    predicted_sum += prediction.predicted;
    const double p = std::clamp(prediction.predicted, 0.0001, 0.9999);
    log_loss_sum -= prediction.recalled ? std::log(p) : std::log(1 - p);
}

double Calibration::log_loss() const { return answers == 0 ? 0.0 : log_loss_sum / answers; }

double Calibration::rmse_bins() const {
    if (answers == 0) return 0.0;
    double sum = 0;
    for (const auto& bin : bins) {
        if (bin.answers == 0) continue;
        const double gap = *bin.actual() - *bin.mean_predicted();
        sum += bin.answers * gap * gap;
    }
    return std::sqrt(sum / answers);
}

Calibration calibration_table(const std::vector<RecallPrediction>& predictions, Day from, Day to) {
    Calibration table;
    for (const auto& prediction : predictions) {
        if (prediction.day >= from && prediction.day <= to) table.add(prediction);
    }
    return table;
}

std::optional<double> DeckRecall::reached() const {
    if (reviews == 0) return std::nullopt;
    return static_cast<double>(recalled) / reviews;
}

std::optional<double> DeckRecall::mean_predicted() const {
    if (reviews == 0) return std::nullopt;
    return predicted_sum / reviews;
}

MemoryModelStats memory_model_stats(const std::vector<DeckLog>& decks, Day from, Day to) {
    MemoryModelStats stats;
    for (const auto& deck : decks) {
        DeckRecall recall{deck.deck, deck.config.kind, deck.config.desired_retention, 0, 0, 0};
        const bool fsrs = deck.config.kind == SchedulerKind::fsrs;
        for (const auto& history : deck.histories) {
            for (const auto& prediction : recall_predictions(history, deck.config.parameters)) {
                if (prediction.day < from || prediction.day > to) continue;
                ++recall.reviews;
                recall.recalled += prediction.recalled ? 1 : 0;
                recall.predicted_sum += prediction.predicted;
                if (fsrs) stats.calibration.add(prediction);
            }
        }
        if (recall.reviews > 0) stats.decks.push_back(std::move(recall));
    }
    return stats;
}

}  // namespace rolecall
