#include "rolecall/scheduling/fsrs.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <vector>

namespace rolecall::fsrs {

const Parameters default_parameters = {0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
                                       0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
                                       1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542};

namespace {

// The forgetting curve R(t) = (1 + factor * t / S)^-w20, with `factor` chosen so that R(S) = 0.9.
double curve_factor(const Parameters& w) { return std::pow(0.9, -1.0 / w[20]) - 1.0; }

double initial_stability(const Parameters& w, Rating rating) {
    return w[static_cast<std::size_t>(rating) - 1];
}

double initial_difficulty(const Parameters& w, Rating rating) {
    return w[4] - std::exp(w[5] * (static_cast<int>(rating) - 1)) + 1.0;
}

// D' = D - w6 * (G - 3), damped as D nears 10, then pulled towards D0(Easy) by w7.
double next_difficulty(const Parameters& w, double difficulty, Rating rating) {
    const double delta = -w[6] * (static_cast<int>(rating) - 3.0);
    const double damped = difficulty + (10.0 - difficulty) * delta / 9.0;
    return w[7] * (initial_difficulty(w, Rating::easy) - damped) + damped;
}

double stability_after_success(const Parameters& w, double s, double d, double r, Rating rating) {
    const double hard_penalty = rating == Rating::hard ? w[15] : 1.0;
    const double easy_bonus = rating == Rating::easy ? w[16] : 1.0;
    return s * (std::exp(w[8]) * (11.0 - d) * std::pow(s, -w[9]) * (std::exp((1.0 - r) * w[10]) - 1.0) * hard_penalty *
                    easy_bonus +
                1.0);
}

// A lapse: the post-lapse stability, never above what a same-day relearning step would leave.
double stability_after_failure(const Parameters& w, double s, double d, double r) {
    const double lapsed = w[11] * std::pow(d, -w[12]) * (std::pow(s + 1.0, w[13]) - 1.0) * std::exp((1.0 - r) * w[14]);
    return std::min(lapsed, s / std::exp(w[17] * w[18]));
}

// A second answer on the same day; a pass never lowers stability.
double stability_short_term(const Parameters& w, double s, Rating rating) {
    const double increase = std::exp(w[17] * (static_cast<int>(rating) - 3.0 + w[18])) * std::pow(s, -w[19]);
    return s * (rating >= Rating::hard ? std::max(increase, 1.0) : increase);
}

// Anki's bands: [start, end) days and the share of those days added to the fuzz either way.
struct FuzzBand {
    double start, end, factor;
};
constexpr FuzzBand fuzz_bands[] = {
    {2.5, 7.0, 0.15}, {7.0, 20.0, 0.10}, {20.0, std::numeric_limits<double>::max(), 0.05}};

double fuzz_delta(double interval) {
    if (interval < 2.5) return 0.0;
    double delta = 1.0;
    for (const FuzzBand& band : fuzz_bands)
        delta += band.factor * std::max(std::min(interval, band.end) - band.start, 0.0);
    return delta;
}

std::vector<std::string_view> split_on_commas(std::string_view text) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t comma = text.find(',', start);
        parts.push_back(text.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
        if (comma == std::string_view::npos) return parts;
        start = comma + 1;
    }
}

std::string_view trimmed(std::string_view text) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    while (!text.empty() && space(text.back())) text.remove_suffix(1);
    return text;
}

}  // namespace

Rating rating_of_grade(int grade) {
    if (grade < 0 || grade > 5) throw Error(fmt::format("grade {} is outside 0..5", grade));
    if (grade <= 2) return Rating::again;
    return static_cast<Rating>(grade - 1);
}

Parameters parse_parameters(std::string_view text) {
    std::vector<double> values;
    for (std::string_view part : split_on_commas(text)) {
        part = trimmed(part);
        double value = 0;
        const auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (part.empty() || error != std::errc() || end != part.data() + part.size() || !std::isfinite(value)) {
            throw Error(fmt::format("FSRS parameter {} is '{}', not a number; give 21 comma-separated numbers",
                                    values.size() + 1, part));
        }
        values.push_back(value);
    }
    // FSRS-4.5 (17) and FSRS-5 (19) parameters, converted as fsrs-rs's check_and_fill_parameters does.
    constexpr double fsrs5_decay = 0.5;
    if (values.size() == 17) {
        values[4] = values[5] * 2.0 + values[4];
        values[5] = std::log(values[5] * 3.0 + 1.0) / 3.0;
        values[6] += 0.5;
        values.insert(values.end(), {0.0, 0.0, 0.0, fsrs5_decay});
    } else if (values.size() == 19) {
        values.insert(values.end(), {0.0, fsrs5_decay});
    }
    if (values.size() != parameter_count) {
        throw Error(
            fmt::format("{} FSRS parameters given; FSRS-6 has 21 (19 and 17, from FSRS-5 and 4.5, "
                        "are converted)",
                        values.size()));
    }
    Parameters w{};
    std::copy(values.begin(), values.end(), w.begin());
    return w;
}

std::string format_parameters(const Parameters& w) {
    std::string text;
    for (std::size_t i = 0; i < w.size(); ++i) text += fmt::format("{}{:.4f}", i == 0 ? "" : ", ", w[i]);
    return text;
}

Parameters clipped(const Parameters& w) {
    // fsrs-rs's clip_parameters as FSRS::new applies it: one relearning step (so w17 * w18 has no
    // ceiling below 2) and short-term scheduling off (so w19 may be 0).
    constexpr double init_max = 100.0;  // INIT_S_MAX
    constexpr std::pair<double, double> bounds[parameter_count] = {{min_stability, init_max},
                                                                   {min_stability, init_max},
                                                                   {min_stability, init_max},
                                                                   {min_stability, init_max},
                                                                   {min_difficulty, max_difficulty},
                                                                   {0.001, 4.0},
                                                                   {0.001, 4.0},
                                                                   {0.001, 0.75},
                                                                   {0.0, 4.5},
                                                                   {0.0, 0.8},
                                                                   {0.001, 3.5},
                                                                   {0.001, 5.0},
                                                                   {0.001, 0.25},
                                                                   {0.001, 0.9},
                                                                   {0.0, 4.0},
                                                                   {0.0, 1.0},
                                                                   {1.0, 6.0},
                                                                   {0.0, 2.0},
                                                                   {0.0, 2.0},
                                                                   {0.0, 0.8},
                                                                   {0.1, 0.8}};
    Parameters out{};
    for (std::size_t i = 0; i < parameter_count; ++i) out[i] = std::clamp(w[i], bounds[i].first, bounds[i].second);
    return out;
}

double retrievability(const MemoryState& state, double elapsed_days, const Parameters& w) {
    return std::pow(elapsed_days / state.stability * curve_factor(w) + 1.0, -w[20]);
}

MemoryState next_state(const std::optional<MemoryState>& before, Rating rating, double elapsed_days,
                       const Parameters& w) {
    if (!before) {
        return {std::clamp(initial_stability(w, rating), min_stability, max_stability),
                std::clamp(initial_difficulty(w, rating), min_difficulty, max_difficulty)};
    }
    const double s = std::clamp(before->stability, min_stability, max_stability);
    const double d = std::clamp(before->difficulty, min_difficulty, max_difficulty);
    double stability = 0;
    if (elapsed_days == 0.0) {
        stability = stability_short_term(w, s, rating);
    } else {
        const double r = retrievability({s, d}, elapsed_days, w);
        stability =
            rating == Rating::again ? stability_after_failure(w, s, d, r) : stability_after_success(w, s, d, r, rating);
    }
    return {std::clamp(stability, min_stability, max_stability),
            std::clamp(next_difficulty(w, d, rating), min_difficulty, max_difficulty)};
}

double raw_interval(double stability, double desired_retention, const Parameters& w) {
    return stability / curve_factor(w) * (std::pow(desired_retention, -1.0 / w[20]) - 1.0);
}

int scheduled_interval(double stability, double desired_retention, const Parameters& w, int max_interval) {
    const double days = std::round(raw_interval(stability, desired_retention, w));
    return static_cast<int>(std::clamp(days, 1.0, static_cast<double>(std::max(max_interval, 1))));
}

std::pair<int, int> fuzz_bounds(double interval, int minimum, int maximum) {
    minimum = std::min(minimum, maximum);
    interval = std::clamp(interval, static_cast<double>(minimum), static_cast<double>(maximum));
    const double delta = fuzz_delta(interval);
    int lower = std::clamp(static_cast<int>(std::round(interval - delta)), minimum, maximum);
    int upper = std::clamp(static_cast<int>(std::round(interval + delta)), minimum, maximum);
    if (upper == lower && upper > 2 && upper < maximum) upper = lower + 1;
    return {lower, upper};
}

int fuzzed_interval(double interval, int minimum, int maximum, double factor) {
    const auto [lower, upper] = fuzz_bounds(interval, minimum, maximum);
    return std::min(upper, static_cast<int>(std::floor(lower + factor * (1 + upper - lower))));
}

double fuzz_factor(std::uint64_t seed) {
    std::uint64_t x = seed + 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<double>(x >> 11) / static_cast<double>(std::uint64_t{1} << 53);
}

std::optional<MemoryState> memory_state_from_sm2(double ease, double interval, double sm2_retention,
                                                 const Parameters& w) {
    const double stability =
        std::max(interval, min_stability) * curve_factor(w) / (std::pow(sm2_retention, -1.0 / w[20]) - 1.0);
    const double difficulty =
        11.0 - (ease - 1.0) / (std::exp(w[8]) * std::pow(stability, -w[9]) * std::expm1((1.0 - sm2_retention) * w[10]));
    if (!std::isfinite(stability) || !std::isfinite(difficulty)) return std::nullopt;
    return MemoryState{stability, std::clamp(difficulty, min_difficulty, max_difficulty)};
}

}  // namespace rolecall::fsrs
