#include "rolecall/settings/simulation_setup.hpp"

#include "rolecall/settings/scheduler_change.hpp"
#include "rolecall/settings/settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace rolecall {

namespace {

struct Sum {
    long long answers = 0;
    long long timed = 0;
    long long timed_ms = 0;
    void add(const GradeTally& t) {
        answers += t.answers;
        timed += t.timed;
        timed_ms += t.timed_ms;
    }
    double seconds() const { return static_cast<double>(timed_ms) / 1000.0 / static_cast<double>(timed); }
};

}  // namespace

LearnerReading learner_from_tallies(const std::vector<GradeTally>& tallies) {
    LearnerReading reading;
    std::array<long long, 4> first{};     // Again, Hard, Good, Easy
    std::array<long long, 3> recalled{};  // Hard, Good, Easy
    Sum new_time, recalled_time, forgotten_time, all_time;
    for (const auto& t : tallies) {
        const bool passed = t.grade >= passing_grade;
        const std::size_t button = passed ? static_cast<std::size_t>(std::clamp(t.grade - 2, 1, 3)) : 0;
        all_time.add(t);
        if (t.first) {
            first[button] += t.answers;
            new_time.add(t);
        } else {
            reading.reviews += t.answers;
            if (passed) {
                recalled[button - 1] += t.answers;
                recalled_time.add(t);
            } else {
                forgotten_time.add(t);
            }
        }
    }
    for (long long n : first) reading.first_answers += n;
    if (reading.first_answers >= min_answers_for_shares) {
        for (std::size_t i = 0; i < first.size(); ++i)
            reading.model.first_shares[i] = static_cast<double>(first[i]) / static_cast<double>(reading.first_answers);
        reading.first_shares_from_log = true;
    }
    const long long passed = recalled[0] + recalled[1] + recalled[2];
    if (passed >= min_answers_for_shares) {
        for (std::size_t i = 0; i < recalled.size(); ++i)
            reading.model.recalled_shares[i] = static_cast<double>(recalled[i]) / static_cast<double>(passed);
        reading.recalled_shares_from_log = true;
    }
    // Each kind of answer its own mean time when the log has enough of them, else the mean of every
    // timed answer, else the default.
    if (all_time.timed >= min_answers_for_times) {
        reading.times_from_log = true;
        const double overall = all_time.seconds();
        auto mean = [&](const Sum& s) { return s.timed >= min_answers_for_times ? s.seconds() : overall; };
        reading.model.seconds_new = mean(new_time);
        reading.model.seconds_recalled = mean(recalled_time);
        reading.model.seconds_forgotten = mean(forgotten_time);
    }
    return reading;
}

LearnerReading read_learner(Storage& storage, DeckFilter deck) {
    return learner_from_tallies(storage.grade_tallies(deck));
}

SimulationSetup simulation_setup(Storage& storage, DeckFilter deck, Day today, int days, std::uint64_t seed) {
    SimulationSetup setup;
    WorkloadInput& input = setup.input;
    const Settings settings = load_settings(storage, deck);
    input.new_per_day = settings.new_per_day;
    input.reviews_per_day = settings.reviews_per_day;
    input.days = days;
    input.today = today;
    input.seed = seed;
    setup.current = settings.scheduler.kind;
    setup.desired_retention = settings.scheduler.desired_retention;

    const DeckSchedulers configs = scheduler_configs(storage);
    std::map<Id, std::size_t> deck_index;
    storage.for_each_card(deck, [&](const CardRecord& card) {
        if (card.suspended || card.retired) return;
        auto [at, added] = deck_index.emplace(card.deck_id, input.decks.size());
        if (added) input.decks.push_back(scheduler_of(configs, card.deck_id));
        input.cards.push_back(SimulatedCard{card.id, card.state, at->second});
    });

    // The desired retention each deck has set: one value names the variant, several say "each deck's".
    bool one_retention = true;
    for (const auto& config : input.decks)
        one_retention = one_retention && config.desired_retention == input.decks.front().desired_retention;
    const double own = input.decks.empty() || !one_retention ? settings.scheduler.desired_retention
                                                             : input.decks.front().desired_retention;
    input.variants.push_back({"SM-2", SchedulerKind::sm2, std::nullopt});
    input.variants.push_back({one_retention ? fmt::format("FSRS {:.2f}", own) : std::string("FSRS, each deck's"),
                              SchedulerKind::fsrs, std::nullopt});
    for (double retention : {0.85, 0.95}) {
        if (one_retention && std::abs(own - retention) < 1e-9) continue;
        input.variants.push_back({fmt::format("FSRS {:.2f}", retention), SchedulerKind::fsrs, retention});
    }
    setup.learner = read_learner(storage, deck);
    input.learner = setup.learner.model;
    return setup;
}

}  // namespace rolecall
