// rolecall-bench-optimize: times the FSRS-6 optimiser (fit_parameters) on a simulated learner.
//
//   rolecall-bench-optimize [--answers N] [--runs R] [--seed S]
//
// The learner is scripts/fsrs-oracle/optimize.mjs's, written again in C++ so that any size can be made
// without node: cards scheduled with the default parameters, recalled as other ("true") parameters
// predict, answered on time, early or late. Prints the median wall time of R fits in seconds, then the
// items, the rule applied and the log loss of the fit against the truth's, on stderr.
#include "rolecall/scheduling/fsrs.hpp"
#include "rolecall/scheduling/fsrs_optimizer.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace {

using namespace rolecall::fsrs;

const Parameters truth = {0.5, 2.0, 4.5,  12.0, 5.8,  1.1, 2.2, 0.02, 1.6,  0.25, 1.2,
                          1.8, 0.1, 0.35, 1.9,  0.45, 2.2, 0.4, 0.15, 0.06, 0.3};

std::vector<ReviewHistory> simulate(std::size_t answers, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    // New cards over up to two years (about 80 answers a day), answered until two months after the last.
    const int days = std::clamp(static_cast<int>(answers / 80), 60, 730);
    std::vector<ReviewHistory> histories;
    std::size_t total = 0;
    while (total < answers) {
        ReviewHistory history;
        history.first_day = static_cast<int>(uniform(random) * days);
        std::optional<MemoryState> scheduled, real;
        int day = history.first_day, elapsed = 0;
        for (;;) {
            Rating rating = Rating::again;
            const double roll = uniform(random);
            if (!real) {
                rating = roll < 0.25   ? Rating::again
                         : roll < 0.4  ? Rating::hard
                         : roll < 0.85 ? Rating::good
                                       : Rating::easy;
            } else if (uniform(random) < retrievability(*real, elapsed, truth)) {
                rating = roll < 0.12 ? Rating::hard : roll < 0.87 ? Rating::good : Rating::easy;
            }
            history.answers.push_back({rating, elapsed});
            scheduled = next_state(scheduled, rating, elapsed, default_parameters);
            real = next_state(real, rating, elapsed, truth);
            const int interval = scheduled_interval(scheduled->stability, 0.9, default_parameters, 36500);
            const double timing = uniform(random);
            elapsed = timing < 0.15   ? std::max(1, static_cast<int>(interval * (0.5 + 0.5 * uniform(random))))
                      : timing < 0.8  ? interval
                      : timing < 0.95 ? interval + 1 + static_cast<int>(interval * 0.5 * uniform(random))
                                      : interval + 1 + static_cast<int>(interval * 3 * uniform(random));
            day += elapsed;
            if (day > days + 60) break;
        }
        total += history.answers.size();
        histories.push_back(std::move(history));
    }
    return histories;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t answers = 100000;
    int runs = 5;
    std::uint64_t seed = 1;
    CLI::App app{"Times the FSRS optimiser on a simulated learner"};
    app.add_option("--answers", answers, "Answers in the history")->check(CLI::PositiveNumber);
    app.add_option("--runs", runs, "Fits to time")->check(CLI::PositiveNumber);
    app.add_option("--seed", seed, "Random seed of the learner");
    CLI11_PARSE(app, argc, argv);

    const std::vector<ReviewHistory> histories = simulate(answers, seed);
    std::vector<double> seconds;
    FitResult fit;
    for (int run = 0; run < runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        fit = fit_parameters(histories);
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(seconds.begin(), seconds.end());
    const double median = seconds.size() % 2 ? seconds[seconds.size() / 2]
                                             : (seconds[seconds.size() / 2 - 1] + seconds[seconds.size() / 2]) / 2;
    fmt::print("{:.4f}\n", median);
    fmt::print(stderr, "{} cards, {} items, rule {}, log loss {:.5f} (truth {:.5f}, defaults {:.5f})\n",
               histories.size(), fit.item_count, static_cast<int>(fit.rule),
               evaluate(histories, fit.parameters).log_loss, evaluate(histories, truth).log_loss,
               evaluate(histories, default_parameters).log_loss);
    return 0;
}
