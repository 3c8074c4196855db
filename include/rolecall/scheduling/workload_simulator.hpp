// `rolecall simulate`: the workload and the retention the next N days would bring under SM-2 and under
// FSRS at a few desired retentions, for the learner's own cards. FSRS's memory model with the deck's
// parameters stands for the learner's memory (the truth of the simulation): a review is recalled with
// the probability it predicts, graded Hard/Good/Easy in the learner's own shares, and costs the
// learner's own seconds. Every variant sees the same draws for the same card's n-th answer, so
// differences come from the schedules, not from luck. Pure: no clock, no storage; seeded.
#pragma once

#include "rolecall/model.hpp"
#include "rolecall/scheduling/scheduler.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rolecall {

// The learner, as the log shows them (settings/learner_model.hpp reads it).
struct LearnerModel {
    // Shares of Again, Hard, Good, Easy among first answers of new cards (sum 1).
    std::array<double, 4> first_shares = {0.25, 0.10, 0.50, 0.15};
    // Shares of Hard, Good, Easy among recalled reviews (sum 1).
    std::array<double, 3> recalled_shares = {0.15, 0.70, 0.15};
    double seconds_new = 8;        // mean seconds of a first answer
    double seconds_recalled = 8;   // ... of a review recalled
    double seconds_forgotten = 8;  // ... of a review forgotten
};

// One card to simulate: its state today and which deck configuration it belongs to.
struct SimulatedCard {
    Id id = 0;
    CardState state;
    std::size_t deck = 0;  // index into WorkloadInput::decks
};

// A scheduler to compare: SM-2, or FSRS at a desired retention (nullopt: each deck's own setting).
struct SimulationVariant {
    std::string label;
    SchedulerKind kind = SchedulerKind::sm2;
    std::optional<double> retention;
};

struct WorkloadInput {
    std::vector<SimulatedCard> cards;  // active cards (suspended and retired ones left out), new or not
    // Each deck's scheduler settings: their fsrs-params are the learner's memory, their fuzz and
    // max-interval apply to every variant.
    std::vector<SchedulerConfig> decks;
    std::vector<SimulationVariant> variants;
    LearnerModel learner;
    int new_per_day = 20;
    int reviews_per_day = 200;  // answers a day, new cards included, as rolecall's queue counts them
    int days = 365;
    Day today;
    std::uint64_t seed = 1;
    // false: a day's retention and memorised cards are worked out on the last day only, the others
    // left at 0. Predicting every met card's recall every morning is most of a run's time (a pow() a
    // card a day, under each variant), and the report and the text of `simulate` show only the end.
    bool every_morning = true;
};

struct SimulatedDay {
    int reviews = 0;     // answers given that day, first answers of new cards included
    int new_cards = 0;   // of those, first answers
    int recalled = 0;    // reviews of cards met before that were recalled
    double minutes = 0;  // time answering
    // The morning of that day, before its answers: the mean predicted recall of every card met so far
    // (0 if none), and the sum of those recalls: the cards one would know if asked.
    double retention = 0;
    double memorised = 0;
    int backlog = 0;  // cards due that the day's limit left waiting
};

struct VariantOutcome {
    SimulationVariant variant;
    std::vector<SimulatedDay> days;
    // Totals over the period.
    long long reviews = 0;
    long long new_cards = 0;
    long long recalled = 0;  // of the reviews of cards met before
    double minutes = 0;
    double reviews_per_day() const;
    double minutes_per_day() const;
    // Share of reviews of cards met before that were recalled; nullopt without any.
    std::optional<double> recall_at_review() const;
    double retention_end() const;  // the last day's retention
    double memorised_end() const;  // the last day's memorised cards
};

// Runs every variant over input.days days from input.today (day 0 is today). Deterministic for a seed.
// `progress` hears the fraction done now and then.
std::vector<VariantOutcome> simulate_workload(const WorkloadInput& input,
                                              const std::function<void(double)>& progress = {});

// The scheduler a variant makes of a deck's settings: its kind, and its retention when it has one.
SchedulerConfig variant_config(const SchedulerConfig& deck, const SimulationVariant& variant);

}  // namespace rolecall
