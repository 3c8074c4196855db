// evaluate: fsrs-rs 6.x's FSRS::evaluate (inference.rs), its log loss and RMSE(bins).
#include "rolecall/scheduling/fsrs_optimizer.hpp"

#include "fsrs_training_set.hpp"

#include <cmath>
#include <map>
#include <tuple>

namespace rolecall::fsrs {

namespace {

// fsrs-rs's bins (FSRSItem::r_matrix_index): the interval, the number of long-term answers so far and
// the lapses before, each on a geometric scale.
int geometric_bin(double value, double scale, double ratio) {
    return static_cast<int>(std::round(scale * std::pow(ratio, std::floor(std::log(value) / std::log(ratio)))));
}

struct Bin {
    double predicted = 0, actual = 0, count = 0, weight = 0;
};

// An answer as evaluate sees it: its predicted recall and its bin.
struct Prediction {
    double recall = 0;
    std::tuple<int, int, int> bin;
};

// Every answer's prediction and bin, card by card in one pass (fsrs-rs replays each item's prefix).
std::vector<Prediction> predictions(const ReviewHistory& history, const Parameters& w) {
    std::vector<Prediction> out(history.answers.size());
    std::optional<MemoryState> state;
    int long_term = 0, lapses = 0;  // long-term answers so far, and lapses among them before this one
    for (std::size_t k = 0; k < history.answers.size(); ++k) {
        const HistoryAnswer& answer = history.answers[k];
        const int days = k == 0 ? 0 : answer.elapsed_days;
        if (state && days > 0) {
            ++long_term;
            out[k].recall = retrievability(*state, days, w);
            out[k].bin = {geometric_bin(days, 248.0, 3.62), geometric_bin(long_term + 1.0, 1.99, 1.89),
                          lapses == 0 ? 0 : geometric_bin(lapses, 1.65, 1.73)};
            if (answer.rating == Rating::again) ++lapses;
        }
        state = next_state(state, answer.rating, days, w);
    }
    return out;
}

Metrics metrics_of(const std::vector<ReviewHistory>& histories, const std::vector<detail::Item>& items,
                   const Parameters& parameters) {
    const Parameters w = clipped(parameters);  // as fsrs-rs clips the parameters it is given
    std::vector<std::vector<Prediction>> predicted;
    predicted.reserve(histories.size());
    for (const ReviewHistory& history : histories) predicted.push_back(predictions(history, w));

    Metrics metrics;
    metrics.item_count = items.size();
    if (items.empty()) return metrics;
    std::map<std::tuple<int, int, int>, Bin> bins;
    double loss = 0, weights = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Prediction& prediction = predicted[items[i].card][items[i].answer];
        const double r = prediction.recall;
        const double y = detail::recalled(histories[items[i].card].answers[items[i].answer].rating) ? 1.0 : 0.0;
        const double weight = detail::recency_weight(i, items.size());
        // No clamp of r here: fsrs-rs's evaluate takes the logarithm as it is.
        loss -= (y * std::log(r) + (1.0 - y) * std::log(1.0 - r)) * weight;
        weights += weight;
        Bin& bin = bins[prediction.bin];
        bin.predicted += r;
        bin.actual += y;
        bin.count += 1;
        bin.weight += weight;
    }
    double squares = 0, bin_weights = 0;
    for (const auto& [key, bin] : bins) {
        const double difference = bin.predicted / bin.count - bin.actual / bin.count;
        squares += difference * difference * bin.weight;
        bin_weights += bin.weight;
    }
    metrics.log_loss = loss / weights;
    metrics.rmse_bins = std::sqrt(squares / bin_weights);
    return metrics;
}

}  // namespace

// The items of fsrs-rs's training set, as the binding's evaluate takes them (its prepare_items): outliers
// left out, the first intervals first, then the later answers in time order. The order matters: it sets
// the recency weights.
Metrics evaluate(const std::vector<ReviewHistory>& histories, const Parameters& parameters) {
    const detail::TrainingSet set = detail::filter_outliers(histories, detail::items_of(histories));
    std::vector<detail::Item> items = set.first_intervals;
    for (const detail::Item& item : set.items)
        if (!detail::is_first_interval(histories[item.card], item.answer)) items.push_back(item);
    return metrics_of(histories, items, parameters);
}

}  // namespace rolecall::fsrs
