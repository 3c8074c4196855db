// FSRS's predictions of recall against the answers given (stats/calibration.hpp): the predictions a
// card's log gives, the calibration table, and each deck's share recalled against its target.
#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/stats/calibration.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <random>

using namespace rolecall;

namespace {

const fsrs::Parameters& w = fsrs::default_parameters;

// R = (1 + factor t / S)^-w20 with factor such that R(S) = 0.9, written out again here.
double recall_after(double stability, double days) {
    const double factor = std::pow(0.9, -1.0 / w[20]) - 1.0;
    return std::pow(1.0 + factor * days / stability, -w[20]);
}

CardHistory history_of(std::vector<LoggedAnswer> answers) {
    CardHistory history;
    history.card = 7;
    history.answers = std::move(answers);
    return history;
}

}  // namespace

TEST_CASE("calibration: a tiny history predicts each answer after the first by hand", "[calibration]") {
    using test::day;
    // Good on 11-01, Good 3 days later, Again 10 days after that, Hard the next day.
    const CardHistory history =
        history_of({{day("2026-11-01"), 4}, {day("2026-11-04"), 4}, {day("2026-11-14"), 1}, {day("2026-11-15"), 3}});
    const auto predictions = recall_predictions(history, w);
    REQUIRE(predictions.size() == 3);  // the first answer of a new card has no prediction
    // After a first Good the stability is w2, and the second answer comes 3 days later.
    CHECK(predictions[0].day == day("2026-11-04"));
    CHECK(predictions[0].predicted == Approx(recall_after(w[2], 3)).epsilon(1e-12));
    // By hand with the defaults: factor = 0.9^(-1 / 0.1542) - 1 = 0.98035, and
    // R = (1 + 0.98035 x 3 / 2.3065)^-0.1542 = 2.27511^-0.1542 = 0.88095.
    CHECK(predictions[0].predicted == Approx(0.88095).margin(1e-5));
    CHECK(predictions[0].recalled);
    CHECK_FALSE(predictions[1].recalled);  // grade 1
    CHECK(predictions[2].recalled);        // grade 3 counts as recalled
    // Each prediction is the retrievability of the state the scheduler replays up to that answer.
    for (std::size_t i = 0; i < predictions.size(); ++i) {
        const std::vector<LoggedAnswer> before(history.answers.begin(),
                                               history.answers.begin() + static_cast<std::ptrdiff_t>(i + 1));
        for (auto kind : {SchedulerKind::sm2, SchedulerKind::fsrs}) {
            SchedulerConfig config;
            config.kind = kind;
            const CardState state = replay(history.start, before, config, history.card);
            CHECK(predictions[i].predicted ==
                  Approx(*retrievability_on(state, history.answers[i + 1].day, w)).epsilon(1e-12));
        }
    }

    // The table: the three answers in their bins, the log loss and RMSE over them by hand.
    const Calibration table = calibration_table(predictions, day("2026-11-01"), day("2026-11-30"));
    CHECK(table.answers == 3);
    CHECK(table.recalled == 2);
    const double p0 = predictions[0].predicted, p1 = predictions[1].predicted, p2 = predictions[2].predicted;
    CHECK(table.log_loss() == Approx(-(std::log(p0) + std::log(1 - p1) + std::log(p2)) / 3));
    double squares = 0;
    int counted = 0;
    for (const auto& bin : table.bins) {
        counted += bin.answers;
        if (bin.answers > 0) squares += bin.answers * std::pow(*bin.actual() - *bin.mean_predicted(), 2);
    }
    CHECK(counted == 3);
    CHECK(table.rmse_bins() == Approx(std::sqrt(squares / 3)));
    CHECK(table.bins[calibration_bin_of(p1)].answers >= 1);
    // The window: 11-14 alone.
    const Calibration one = calibration_table(predictions, day("2026-11-14"), day("2026-11-14"));
    CHECK(one.answers == 1);
    CHECK(one.recalled == 0);
    CHECK(one.log_loss() == Approx(-std::log(1 - p1)));
    CHECK(one.rmse_bins() == Approx(p1));
}

TEST_CASE("calibration: a log that starts from an imported schedule predicts its first answer", "[calibration]") {
    using test::day;
    CardHistory history = history_of({{day("2026-11-20"), 4}, {day("2026-11-25"), 2}});
    history.start.repetitions = 3;
    history.start.interval_days = 10;
    history.start.due = day("2026-11-18");  // answered on 11-08 in Anki
    const auto predictions = recall_predictions(history, w);
    REQUIRE(predictions.size() == 2);
    CHECK(predictions[0].predicted == Approx(*retrievability_on(history.start, day("2026-11-20"), w)));
    CHECK(predictions[0].recalled);
    CHECK_FALSE(predictions[1].recalled);
}

TEST_CASE("calibration: bins follow the edges and add up to the answers of the window", "[calibration]") {
    using test::day;
    CHECK(calibration_bin_of(0.0) == 0);
    CHECK(calibration_bin_of(0.4999) == 0);
    CHECK(calibration_bin_of(0.5) == 1);
    CHECK(calibration_bin_of(0.85) == 4);
    CHECK(calibration_bin_of(0.9499) == 5);
    CHECK(calibration_bin_of(0.95) == 6);
    CHECK(calibration_bin_of(1.0) == 6);
    std::mt19937_64 random(14);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<RecallPrediction> predictions;
    const Day first = day("2026-10-01");
    for (int i = 0; i < 1000; ++i) {
        predictions.push_back(
            RecallPrediction{first + boost::gregorian::days(i % 61), unit(random), unit(random) < 0.8});
    }
    const Calibration table = calibration_table(predictions, day("2026-11-01"), day("2026-11-30"));
    const int in_window = static_cast<int>(std::count_if(predictions.begin(), predictions.end(), [&](const auto& p) {
        return p.day >= day("2026-11-01") && p.day <= day("2026-11-30");
    }));
    CHECK(in_window > 0);
    CHECK(table.answers == in_window);
    int answers = 0, recalled = 0;
    for (std::size_t b = 0; b < table.bins.size(); ++b) {
        const CalibrationBin& bin = table.bins[b];
        CHECK(bin.low == calibration_bin_edges[b]);
        CHECK(bin.high == calibration_bin_edges[b + 1]);
        answers += bin.answers;
        recalled += bin.recalled;
        if (bin.answers > 0) {
            CHECK(*bin.mean_predicted() >= bin.low);
            CHECK(*bin.mean_predicted() <= bin.high);
        }
    }
    CHECK(answers == table.answers);
    CHECK(recalled == table.recalled);
    const Calibration none = calibration_table({}, first, first);
    CHECK(none.answers == 0);
    CHECK(none.log_loss() == 0);
    CHECK(none.rmse_bins() == 0);
    CHECK_FALSE(none.bins[0].actual().has_value());
}

TEST_CASE("calibration: a learner who forgets as FSRS predicts gives recalled shares near the predictions",
          "[calibration]") {
    // 3,000 cards of 8 answers each; before each answer after the first, the learner waits between a
    // fifth of the stability and 100 times it (log-uniform, so every bin fills) and recalls with
    // FSRS's own probability; grades 1 (forgot) or 3-5 (recalled).
    std::mt19937_64 random(2026);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::vector<RecallPrediction> predictions;
    for (int card = 0; card < 3000; ++card) {
        CardHistory history;
        history.card = card;
        Day on = test::day("2000-01-01");
        std::optional<fsrs::MemoryState> memory;
        int grade = 3 + static_cast<int>(unit(random) * 3);
        for (int n = 0; n < 8; ++n) {
            if (memory) {
                const double ratio = std::exp(std::log(0.2) + unit(random) * (std::log(100.0) - std::log(0.2)));
                const int elapsed = std::clamp(static_cast<int>(std::lround(memory->stability * ratio)), 1, 2000);
                const double recall = fsrs::retrievability(*memory, elapsed, w);
                grade = unit(random) < recall ? 3 + static_cast<int>(unit(random) * 3) : 1;
                on += boost::gregorian::days(elapsed);
                memory = fsrs::next_state(memory, fsrs::rating_of_grade(grade), elapsed, w);
            } else {
                memory = fsrs::next_state(std::nullopt, fsrs::rating_of_grade(grade), 0, w);
            }
            history.answers.push_back(LoggedAnswer{on, grade});
        }
        const auto own = recall_predictions(history, w);
        predictions.insert(predictions.end(), own.begin(), own.end());
    }
    REQUIRE(predictions.size() == 3000 * 7);
    const Calibration table = calibration_table(predictions, test::day("2000-01-01"), test::day("2099-12-31"));
    CHECK(table.answers == 3000 * 7);
    int populated = 0;
    for (const auto& bin : table.bins) {
        if (bin.answers < 300) continue;
        ++populated;
        const double p = *bin.mean_predicted();
        // Three standard errors of a share of bin.answers draws.
        const double tolerance = 3 * std::sqrt(p * (1 - p) / bin.answers) + 0.005;
        INFO(bin.low << ".." << bin.high << ": " << bin.answers << " answers, predicted " << p << ", recalled "
                     << *bin.actual());
        CHECK(std::abs(*bin.actual() - p) < tolerance);
    }
    CHECK(populated >= 5);
    CHECK(table.rmse_bins() < 0.01);
    // Predictions 8 points too confident are told apart by both figures.
    Calibration worse;
    for (auto p : predictions) {
        p.predicted = std::min(1.0, p.predicted + 0.08);
        worse.add(p);
    }
    CHECK(worse.log_loss() > table.log_loss());
    CHECK(worse.rmse_bins() > 0.05);
}

TEST_CASE("calibration: each deck's reviews against its target, the table from FSRS's decks alone", "[calibration]") {
    using test::day;
    SchedulerConfig fsrs_config;
    fsrs_config.kind = SchedulerKind::fsrs;
    fsrs_config.desired_retention = 0.85;
    const std::vector<DeckLog> decks = {
        DeckLog{"Spanish",
                fsrs_config,
                {history_of({{day("2026-11-01"), 4}, {day("2026-11-05"), 4}, {day("2026-11-20"), 0}}),
                 history_of({{day("2026-11-02"), 5}, {day("2026-11-12"), 3}})}},
        DeckLog{"Roles", SchedulerConfig{}, {history_of({{day("2026-11-03"), 4}, {day("2026-11-06"), 4}})}},
        DeckLog{"Old", fsrs_config, {history_of({{day("2026-09-01"), 4}, {day("2026-09-04"), 4}})}},
        DeckLog{"Empty", fsrs_config, {}},
    };
    const MemoryModelStats stats = memory_model_stats(decks, day("2026-11-01"), day("2026-11-30"));
    REQUIRE(stats.decks.size() == 2);  // "Old" has no review in the window, "Empty" none at all
    CHECK(stats.decks[0].deck == "Spanish");
    CHECK(stats.decks[0].scheduler == SchedulerKind::fsrs);
    CHECK(stats.decks[0].desired_retention == 0.85);
    CHECK(stats.decks[0].reviews == 3);
    CHECK(stats.decks[0].recalled == 2);
    CHECK(*stats.decks[0].reached() == Approx(2.0 / 3));
    CHECK(stats.decks[1].deck == "Roles");
    CHECK(stats.decks[1].scheduler == SchedulerKind::sm2);
    CHECK(stats.decks[1].reviews == 1);
    CHECK(stats.calibration.answers == 3);  // Spanish's; SM-2's deck is not in the table
    CHECK(stats.any());
    CHECK(*stats.decks[0].mean_predicted() == Approx(stats.calibration.predicted_sum / 3));
    CHECK_FALSE(memory_model_stats({decks[1]}, day("2026-11-01"), day("2026-11-30")).any());
}
