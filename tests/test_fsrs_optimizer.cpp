// The FSRS-6 optimiser against fsrs-rs's own (tests/data/fsrs/optimize-*, written once by
// scripts/fsrs-oracle/optimize.mjs): its metrics, its small-data rules, and the quality of the fit on a
// simulated learner's 30,000 answers.
#include "rolecall/scheduling/fsrs_optimizer.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace rolecall::fsrs;

namespace {

std::string data_path(const std::string& name) { return std::string(ROLECALL_TEST_DATA) + "/fsrs/" + name; }

// "first_day rating,elapsed rating,elapsed ..."
ReviewHistory parse_history(const std::string& line) {
    std::istringstream fields(line);
    ReviewHistory history;
    fields >> history.first_day;
    for (std::string pair; fields >> pair;) {
        const auto comma = pair.find(',');
        history.answers.push_back(
            {static_cast<Rating>(std::stoi(pair.substr(0, comma))), std::stoi(pair.substr(comma + 1))});
    }
    return history;
}

std::vector<ReviewHistory> read_histories(std::istream& in, bool stop_at_blank) {
    std::vector<ReviewHistory> histories;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() && stop_at_blank) break;
        if (line.empty() || line[0] == '#') continue;
        histories.push_back(parse_history(line));
    }
    return histories;
}

const std::vector<ReviewHistory>& simulated_history() {
    static const std::vector<ReviewHistory> histories = [] {
        std::ifstream in(data_path("optimize-history.txt"));
        REQUIRE(in);
        return read_histories(in, false);
    }();
    return histories;
}

// optimize-expected.tsv: a name, then its values.
std::map<std::string, std::vector<double>> read_expected() {
    std::ifstream in(data_path("optimize-expected.tsv"));
    REQUIRE(in);
    std::map<std::string, std::vector<double>> values;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string name;
        std::getline(fields, name, '\t');
        for (std::string cell; std::getline(fields, cell, '\t');) values[name].push_back(std::stod(cell));
    }
    return values;
}

Parameters parameters_of(const std::vector<double>& values) {
    REQUIRE(values.size() == parameter_count);
    Parameters w{};
    std::copy(values.begin(), values.end(), w.begin());
    return w;
}

// optimize-small.tsv: "# name", "result\t<21 values or error>", the cards, a blank line.
struct SmallCase {
    std::string name;
    std::vector<double> result;
    std::vector<ReviewHistory> histories;
};

std::vector<SmallCase> read_small_cases() {
    std::ifstream in(data_path("optimize-small.tsv"));
    REQUIRE(in);
    std::vector<SmallCase> cases;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("# ", 0) != 0) continue;
        SmallCase small{line.substr(2), {}, {}};
        std::getline(in, line);
        std::istringstream fields(line);
        std::string cell;
        std::getline(fields, cell, '\t');
        REQUIRE(cell == "result");
        while (std::getline(fields, cell, '\t')) small.result.push_back(std::stod(cell));
        small.histories = read_histories(in, true);
        cases.push_back(small);
    }
    return cases;
}

std::vector<ReviewHistory> first_cards(std::size_t count) {
    const auto& all = simulated_history();
    return {all.begin(), all.begin() + static_cast<std::ptrdiff_t>(std::min(count, all.size()))};
}

}  // namespace

TEST_CASE("FSRS evaluate gives fsrs-rs's log loss and RMSE(bins)", "[fsrs][optimizer]") {
    const auto expected = read_expected();
    for (const std::string name : {"true", "fitted", "default"}) {
        INFO(name);
        const Parameters w = name == "default" ? default_parameters : parameters_of(expected.at(name + "_parameters"));
        const Metrics metrics = evaluate(simulated_history(), w);
        // The outliers (rare first intervals) are left out, as the binding's evaluate leaves them out.
        CHECK(metrics.item_count < static_cast<std::size_t>(expected.at("items")[0]));
        CHECK(metrics.item_count > static_cast<std::size_t>(expected.at("items")[0] * 0.9));
        CHECK(metrics.log_loss == Approx(expected.at(name + "_log_loss")[0]).margin(1e-4));
        CHECK(metrics.rmse_bins == Approx(expected.at(name + "_rmse_bins")[0]).margin(1e-4));
    }
}

TEST_CASE("FSRS evaluate of no history is empty", "[fsrs][optimizer]") {
    const Metrics metrics = evaluate({{0, {{Rating::good, 0}}}}, default_parameters);
    CHECK(metrics.item_count == 0);
    CHECK(metrics.log_loss == 0);
}

TEST_CASE("FSRS loss gradient agrees with finite differences", "[fsrs][optimizer]") {
    // Cards with lapses, hard and easy answers; a same-day answer too, for the short-term branch.
    std::vector<ReviewHistory> histories = first_cards(300);
    histories.push_back(
        {0, {{Rating::again, 0}, {Rating::good, 0}, {Rating::again, 3}, {Rating::hard, 0}, {Rating::good, 2}}});
    const auto expected = read_expected();
    for (const Parameters& w : {default_parameters, parameters_of(expected.at("true_parameters"))}) {
        const LossGradient analytic = loss_and_gradient(histories, w);
        for (std::size_t i = 0; i < parameter_count; ++i) {
            INFO("w" << i);
            const double h = 1e-6 * std::max(1.0, std::abs(w[i]));
            Parameters up = w, down = w;
            up[i] += h;
            down[i] -= h;
            const double numeric =
                (loss_and_gradient(histories, up).loss - loss_and_gradient(histories, down).loss) / (2 * h);
            CHECK(analytic.gradient[i] == Approx(numeric).epsilon(1e-4).margin(1e-4));
        }
    }
}

TEST_CASE("FSRS optimiser keeps fsrs-rs's small-data rules", "[fsrs][optimizer]") {
    const std::map<std::string, FitRule> rules = {{"five-items", FitRule::defaults_kept},
                                                  {"fifty-items", FitRule::initial_stability_only},
                                                  {"first-intervals-only", FitRule::initial_stability_only},
                                                  {"outliers-only", FitRule::defaults_kept}};
    const auto cases = read_small_cases();
    REQUIRE(cases.size() == rules.size());
    for (const SmallCase& small : cases) {
        INFO(small.name);
        const FitResult fit = fit_parameters(small.histories);
        CHECK(fit.rule == rules.at(small.name));
        REQUIRE(small.result.size() == parameter_count);
        // fsrs-rs computes in f32.
        for (std::size_t i = 0; i < parameter_count; ++i) {
            INFO("w" << i);
            CHECK(fit.parameters[i] == Approx(small.result[i]).epsilon(1e-4));
        }
    }
}

TEST_CASE("FSRS optimiser keeps the defaults with no history", "[fsrs][optimizer]") {
    const FitResult fit = fit_parameters({});
    CHECK(fit.rule == FitRule::defaults_kept);
    CHECK(fit.parameters == default_parameters);
    CHECK(fit.item_count == 0);
}

TEST_CASE("FSRS optimiser reaches fsrs-rs's log loss on a simulated learner", "[fsrs][optimizer]") {
    const auto expected = read_expected();
    std::vector<double> fractions;
    const FitResult fit = fit_parameters(simulated_history(), {}, [&](double f) { fractions.push_back(f); });
    CHECK(fit.rule == FitRule::full_fit);
    const Metrics ours = evaluate(simulated_history(), fit.parameters);
    const double reference = expected.at("fitted_log_loss")[0];
    const double truth = expected.at("true_log_loss")[0];
    INFO("ours " << ours.log_loss << ", fsrs-rs " << reference << ", truth " << truth << "; RMSE(bins) "
                 << ours.rmse_bins << " against " << expected.at("fitted_rmse_bins")[0]);
    CHECK(ours.log_loss <= reference * 1.01);
    CHECK(ours.log_loss <= truth * 1.01);
    CHECK(ours.log_loss < expected.at("default_log_loss")[0]);
    CHECK(clipped(fit.parameters) == fit.parameters);
    // Initial stabilities grow with the first rating (fsrs-rs smooths them after training).
    CHECK(std::is_sorted(fit.parameters.begin(), fit.parameters.begin() + 4));
    // Progress: rising, ending at 1.
    REQUIRE(fractions.size() > 10);
    CHECK(std::is_sorted(fractions.begin(), fractions.end()));
    CHECK(fractions.back() == 1.0);
}

TEST_CASE("FSRS optimiser is deterministic", "[fsrs][optimizer]") {
    const std::vector<ReviewHistory> histories = first_cards(1200);
    const FitResult first = fit_parameters(histories);
    const FitResult second = fit_parameters(histories);
    CHECK(first.rule == FitRule::full_fit);
    CHECK(first.parameters == second.parameters);
    CHECK(first.item_count == second.item_count);
}

TEST_CASE("FSRS optimiser refuses answers it cannot read", "[fsrs][optimizer]") {
    CHECK_THROWS(fit_parameters({{0, {{Rating::good, 0}, {Rating::good, -1}}}}));
    CHECK_THROWS(fit_parameters({{0, {{static_cast<Rating>(5), 0}}}}));
}
