// fit_parameters: fsrs-rs 6.x's compute_parameters and train (training.rs), with its small-data rules.
#include "rolecall/scheduling/fsrs_optimizer.hpp"

#include "fsrs_gradient.hpp"
#include "fsrs_pretraining.hpp"
#include "fsrs_training_set.hpp"
#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace rolecall::fsrs {

using detail::Item;

namespace {

// fsrs-rs's minimum items for any fit, and for more than w0-w3.
constexpr std::size_t minimum_items = 8;
constexpr std::size_t minimum_items_to_train = 64;

// fsrs-rs's PARAMS_STDDEV: the spread of each parameter over the benchmark's collections, which scales
// the L2 pull towards the starting point.
constexpr Parameters parameter_spread = {6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,  0.12, 0.39, 0.18, 0.33,
                                         0.3,  0.09, 0.16,  0.57,  0.25, 1.03, 0.31, 0.32, 0.14, 0.27};

// Clipping during training: clipped() with short-term stability on, as fsrs-rs trains (enable_short_term),
// which keeps w19 at 0.01 or more.
Parameters clipped_for_training(const Parameters& w) {
    Parameters out = clipped(w);
    out[19] = std::max(out[19], 0.01);
    return out;
}

// A card in training: the answers up to its last item, and each answer's item weight (0: no item).
struct TrainingCard {
    std::uint32_t card = 0;
    std::size_t answers = 0;
    std::size_t first_weight = 0;  // offset into the weights
    std::size_t items = 0;
};

// A batch: whole cards, as fsrs-rs's windowed batches when it knows card ids, so that one pass over a
// card scores all of its items (fsrs-rs without card ids replays every item's prefix on its own).
struct Batch {
    std::vector<TrainingCard> cards;
    std::size_t items = 0;
};

struct TrainingData {
    std::vector<Batch> batches;
    std::vector<double> weights;
    std::size_t items = 0;
};

TrainingData batches_of(const std::vector<ReviewHistory>& histories, const std::vector<Item>& items,
                        const FitOptions& options) {
    // The recency weight of each item: its place among all items of the training set. Items with more
    // answers than max_answers are then left out, as fsrs-rs does after weighting.
    std::vector<std::vector<std::pair<std::uint32_t, double>>> by_card(histories.size());
    std::size_t kept = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].answer + 1 > options.max_answers) continue;
        by_card[items[i].card].emplace_back(items[i].answer, detail::recency_weight(i, items.size()));
        ++kept;
    }
    TrainingData data;
    data.items = kept;
    std::vector<TrainingCard> cards;
    for (std::uint32_t card = 0; card < by_card.size(); ++card) {
        auto& card_items = by_card[card];
        if (card_items.empty()) continue;
        std::sort(card_items.begin(), card_items.end());
        TrainingCard training{card, card_items.back().first + std::size_t{1}, data.weights.size(), card_items.size()};
        data.weights.resize(data.weights.size() + training.answers, 0.0);
        for (const auto& [answer, weight] : card_items) data.weights[training.first_weight + answer] = weight;
        cards.push_back(training);
    }
    // Cards of alike length together, packed up to batch_size items a batch (fsrs-rs's order and packing).
    std::stable_sort(cards.begin(), cards.end(),
                     [](const TrainingCard& a, const TrainingCard& b) { return a.answers < b.answers; });
    Batch batch;
    for (const TrainingCard& card : cards) {
        if (!batch.cards.empty() && batch.items + card.items > options.batch_size) {
            data.batches.push_back(std::move(batch));
            batch = {};
        }
        batch.cards.push_back(card);
        batch.items += card.items;
    }
    if (!batch.cards.empty()) data.batches.push_back(std::move(batch));
    return data;
}

// splitmix64: the batch order of each epoch. fsrs-rs shuffles with Rust's StdRng, which a C++ program
// has no reason to copy: any fixed seed keeps the fit deterministic.
class Shuffler {
public:
    explicit Shuffler(std::uint64_t seed) : state_(seed) {}
    template <typename T>
    void shuffle(std::vector<T>& values) {
        for (std::size_t i = values.size(); i > 1; --i) std::swap(values[i - 1], values[next() % i]);
    }

private:
    std::uint64_t next() {
        std::uint64_t x = (state_ += 0x9e3779b97f4a7c15ULL);
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
    std::uint64_t state_;
};

// Adam with PyTorch's defaults, as fsrs-rs's HostAdam.
class Adam {
public:
    void step(Parameters& w, const Parameters& gradient, double learning_rate) {
        constexpr double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
        ++t_;
        const double bias1 = 1.0 - std::pow(beta1, t_);
        const double bias2 = 1.0 - std::pow(beta2, t_);
        for (std::size_t i = 0; i < parameter_count; ++i) {
            m_[i] = beta1 * m_[i] + (1.0 - beta1) * gradient[i];
            v_[i] = beta2 * v_[i] + (1.0 - beta2) * gradient[i] * gradient[i];
            w[i] -= learning_rate * (m_[i] / bias1) / (std::sqrt(v_[i] / bias2) + epsilon);
        }
    }

private:
    Parameters m_{}, v_{};
    int t_ = 0;
};

// The L2 pull towards the starting point, for a share `share` of the items (fsrs-rs's l2_penalty).
double l2_penalty(const Parameters& w, const Parameters& start, double scale) {
    double sum = 0;
    for (std::size_t i = 0; i < parameter_count; ++i)
        sum += (w[i] - start[i]) * (w[i] - start[i]) / (parameter_spread[i] * parameter_spread[i]);
    return sum * scale;
}

double batch_loss(const std::vector<ReviewHistory>& histories, const TrainingData& data, const Batch& batch,
                  detail::CardLoss& model, double* gradient) {
    double loss = 0;
    for (const TrainingCard& card : batch.cards) {
        loss += model.loss(histories[card.card].answers.data(), card.answers, data.weights.data() + card.first_weight,
                           gradient);
    }
    return loss;
}

Parameters train(const std::vector<ReviewHistory>& histories, const TrainingData& data, const Parameters& start,
                 const FitOptions& options, const FitProgress& progress) {
    const auto total = static_cast<double>(data.items);
    const std::size_t steps = data.batches.size() * static_cast<std::size_t>(options.epochs);
    // fsrs-rs's cosine schedule runs over (items / batch_size + 1) * epochs steps; packing whole cards can
    // make more batches than that, so the schedule is never shorter than the steps taken.
    const double schedule = static_cast<double>(
        std::max(steps, (data.items / options.batch_size + 1) * static_cast<std::size_t>(options.epochs)));
    Parameters w = start;
    Parameters best = start;
    double best_loss = std::numeric_limits<double>::infinity();
    Adam adam;
    Shuffler shuffler(options.seed);
    std::vector<std::size_t> order(data.batches.size());
    std::size_t step = 0;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        shuffler.shuffle(order);
        for (const std::size_t index : order) {
            const Batch& batch = data.batches[index];
            const double learning_rate =
                options.learning_rate * 0.5 * (1.0 + std::cos(std::numbers::pi * static_cast<double>(step) / schedule));
            Parameters gradient{};
            detail::CardLoss model(w);
            batch_loss(histories, data, batch, model, gradient.data());
            const double scale = options.l2_strength * static_cast<double>(batch.items) / total;
            for (std::size_t i = 0; i < parameter_count; ++i)
                gradient[i] += 2.0 * (w[i] - start[i]) / (parameter_spread[i] * parameter_spread[i]) * scale;
            adam.step(w, gradient, learning_rate);
            w = clipped_for_training(w);
            ++step;
            if (progress) progress(static_cast<double>(step) / static_cast<double>(steps + 1));
        }
        // The epoch's parameters on the whole training set; the best epoch wins, as in fsrs-rs.
        detail::CardLoss model(w);
        double loss = 0;
        for (const Batch& batch : data.batches) loss += batch_loss(histories, data, batch, model, nullptr);
        loss = (loss + l2_penalty(w, start, options.l2_strength)) / total;
        if (loss < best_loss) {
            best_loss = loss;
            best = w;
        }
    }
    return best;
}

void check(const std::vector<ReviewHistory>& histories, const FitOptions& options) {
    if (options.epochs < 1 || options.batch_size < 1 || !std::isfinite(options.learning_rate) ||
        !std::isfinite(options.l2_strength)) {
        throw Error("FSRS optimiser: epochs and batch size must be positive, learning rate and L2 finite");
    }
    for (const ReviewHistory& history : histories) {
        for (const HistoryAnswer& answer : history.answers) {
            const int rating = static_cast<int>(answer.rating);
            if (rating < 1 || rating > 4 || answer.elapsed_days < 0) {
                throw Error(fmt::format("FSRS optimiser: an answer rated {} after {} days is not valid", rating,
                                        answer.elapsed_days));
            }
        }
    }
}

}  // namespace

FitResult fit_parameters(const std::vector<ReviewHistory>& histories, const FitOptions& options,
                         const FitProgress& progress) {
    check(histories, options);
    const std::vector<Item> items = detail::items_of(histories);
    const detail::TrainingSet set = detail::filter_outliers(histories, items);
    FitResult result;
    result.item_count = set.items.size();
    const auto finish = [&] {
        if (progress) progress(1.0);
        return result;
    };
    if (set.items.size() < minimum_items) return finish();
    // No first interval survived the filter: fsrs-rs fails (NotEnoughData); rolecall keeps the defaults.
    const auto initial = detail::pretrain_initial_stability(histories, set.first_intervals,
                                                            detail::average_recall(histories, set.items));
    if (!initial) return finish();
    Parameters start = default_parameters;
    std::copy(initial->stability.begin(), initial->stability.end(), start.begin());
    result.parameters = start;
    result.rule = FitRule::initial_stability_only;
    if (set.items.size() == set.first_intervals.size() || set.items.size() < minimum_items_to_train) return finish();

    const TrainingData data = batches_of(histories, set.items, options);
    Parameters trained = train(histories, data, start, options, progress);
    // w0-w3 made to grow with the rating again, the ratings never seen first filled in (as fsrs-rs).
    std::map<int, double> rating_stability;
    for (int rating = 1; rating <= 4; ++rating)
        rating_stability[rating] = trained[static_cast<std::size_t>(rating - 1)];
    if (const auto smoothed = detail::smooth_and_fill(rating_stability, initial->rating_count))
        std::copy(smoothed->begin(), smoothed->end(), trained.begin());
    result.parameters = trained;
    result.rule = FitRule::full_fit;
    return finish();
}

LossGradient loss_and_gradient(const std::vector<ReviewHistory>& histories, const Parameters& w) {
    LossGradient result;
    detail::CardLoss model(w);
    std::vector<double> weights;
    for (const ReviewHistory& history : histories) {
        weights.assign(history.answers.size(), 0.0);
        for (std::size_t k = 1; k < history.answers.size(); ++k)
            if (history.answers[k].elapsed_days > 0) weights[k] = 1.0;
        result.loss +=
            model.loss(history.answers.data(), history.answers.size(), weights.data(), result.gradient.data());
    }
    return result;
}

}  // namespace rolecall::fsrs
