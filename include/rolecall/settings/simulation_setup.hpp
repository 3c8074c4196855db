// What `rolecall simulate` and the report's workload chart simulate: the learner read from the review
// log (their shares of grades, their seconds per answer), the cards of the collection or of one deck,
// each deck's scheduler settings, the daily limits, and the schedulers compared.
#pragma once

#include "rolecall/scheduling/workload_simulator.hpp"
#include "rolecall/storage/storage.hpp"

#include <cstdint>
#include <vector>

namespace rolecall {

// The learner and how much of it the log gave: a part the log is too thin for keeps its default.
struct LearnerReading {
    LearnerModel model;
    long long first_answers = 0;  // first answers of new cards in the log
    long long reviews = 0;        // reviews of cards met before
    bool first_shares_from_log = false;
    bool recalled_shares_from_log = false;
    bool times_from_log = false;
};

// Below these many answers a share or a mean time is the default's rather than the log's.
inline constexpr long long min_answers_for_shares = 20;
inline constexpr long long min_answers_for_times = 10;

// The learner from the log's tallies (Storage::grade_tallies); pure.
LearnerReading learner_from_tallies(const std::vector<GradeTally>& tallies);

// The learner of `deck`'s log, or of every deck's.
LearnerReading read_learner(Storage& storage, DeckFilter deck);

// Everything to simulate `days` days from `today` for `deck` (or every deck): its active cards in id
// order, each deck's scheduler settings, the limits in force for a review of that scope, and the
// variants: SM-2, FSRS at the desired retention set, and FSRS at 0.85 and 0.95 (each once).
struct SimulationSetup {
    WorkloadInput input;
    LearnerReading learner;
    SchedulerKind current = SchedulerKind::sm2;  // the scheduler in force for the scope (its global one)
    double desired_retention = 0.9;              // ... and its desired retention
};
SimulationSetup simulation_setup(Storage& storage, DeckFilter deck, Day today, int days, std::uint64_t seed);

}  // namespace rolecall
