// `rolecall simulate`'s core: the workload simulator (deterministic, limits honoured, SM-2 by hand,
// FSRS's retention ordering) and the learner read from a small collection's log.
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/scheduling/sm2.hpp"
#include "rolecall/scheduling/workload_simulator.hpp"
#include "rolecall/settings/simulation_setup.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace rolecall;

namespace {

const Day start(2026, 3, 2);

WorkloadInput new_cards_input(int cards, int new_per_day, int reviews_per_day, int days) {
    WorkloadInput input;
    input.decks.push_back(SchedulerConfig{});
    for (int i = 0; i < cards; ++i) input.cards.push_back(SimulatedCard{i + 1, CardState{}, 0});
    input.new_per_day = new_per_day;
    input.reviews_per_day = reviews_per_day;
    input.days = days;
    input.today = start;
    input.variants = {{"SM-2", SchedulerKind::sm2, std::nullopt},
                      {"FSRS 0.85", SchedulerKind::fsrs, 0.85},
                      {"FSRS 0.95", SchedulerKind::fsrs, 0.95}};
    return input;
}

std::vector<int> reviews_of(const VariantOutcome& o) {
    std::vector<int> r;
    for (const auto& d : o.days) r.push_back(d.reviews);
    return r;
}

}  // namespace

TEST_CASE("simulate: the same seed gives the same days and another seed other draws", "[simulate]") {
    WorkloadInput input = new_cards_input(200, 20, 9999, 120);
    const auto first = simulate_workload(input);
    const auto again = simulate_workload(input);
    REQUIRE(first.size() == 3);
    for (std::size_t v = 0; v < first.size(); ++v) {
        CHECK(reviews_of(first[v]) == reviews_of(again[v]));
        CHECK(first[v].minutes == again[v].minutes);
        CHECK(first[v].memorised_end() == again[v].memorised_end());
    }
    input.seed = 2;
    const auto other = simulate_workload(input);
    CHECK(reviews_of(other[1]) != reviews_of(first[1]));
}

TEST_CASE("simulate: FSRS at 0.95 asks more reviews than at 0.85 and keeps more in memory", "[simulate]") {
    const auto outcomes = simulate_workload(new_cards_input(300, 20, 9999, 200));
    const VariantOutcome& low = outcomes[1];
    const VariantOutcome& high = outcomes[2];
    CHECK(high.reviews > low.reviews);
    CHECK(high.retention_end() > low.retention_end());
    CHECK(high.memorised_end() > low.memorised_end());
    // Recall at review lands near the retention asked for.
    CHECK(*low.recall_at_review() == Approx(0.85).margin(0.04));
    CHECK(*high.recall_at_review() == Approx(0.95).margin(0.04));
    CHECK(low.new_cards == 300);
}

TEST_CASE("simulate: no cards give days of zeros", "[simulate]") {
    const auto outcomes = simulate_workload(new_cards_input(0, 20, 200, 30));
    for (const auto& o : outcomes) {
        REQUIRE(o.days.size() == 30);
        CHECK(o.reviews == 0);
        CHECK(o.minutes == 0);
        CHECK(o.reviews_per_day() == 0);
        CHECK_FALSE(o.recall_at_review());
        CHECK(o.retention_end() == 0);
        CHECK(o.memorised_end() == 0);
    }
}

TEST_CASE("simulate: the daily limits hold and due cards that do not fit wait", "[simulate]") {
    const auto outcomes = simulate_workload(new_cards_input(500, 30, 32, 60));
    for (const auto& o : outcomes) {
        bool waited = false;
        for (const auto& d : o.days) {
            CHECK(d.reviews <= 32);
            CHECK(d.new_cards <= 30);
            if (d.backlog > 0) {
                waited = true;
                CHECK(d.reviews == 32);   // the due cards fill the day
                CHECK(d.new_cards == 0);  // and leave no room for new ones
            }
        }
        CHECK(waited);
    }
}

TEST_CASE("simulate: SM-2 gives the intervals worked out by hand", "[simulate]") {
    WorkloadInput input = new_cards_input(1, 1, 100, 12);
    input.variants = {{"SM-2", SchedulerKind::sm2, std::nullopt}};
    input.learner.first_shares = {0, 0, 1, 0};  // always Good first
    input.learner.recalled_shares = {0, 1, 0};  // and Good when recalled
    input.learner.seconds_new = 6;
    input.learner.seconds_recalled = 12;
    input.learner.seconds_forgotten = 30;
    for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        input.seed = seed;
        const auto o = simulate_workload(input).front();
        // Day 0: the new card, Good: SM-2's I(1) = 1 day.
        CHECK(o.days[0].reviews == 1);
        CHECK(o.days[0].new_cards == 1);
        CHECK(o.days[0].minutes == Approx(0.1));
        CHECK(o.days[0].retention == 0);  // nothing met that morning
        // Day 1: recall is FSRS's prediction one day after a first Good.
        const MemoryState memory = fsrs::next_state(std::nullopt, fsrs::Rating::good, 0, fsrs::default_parameters);
        CHECK(o.days[1].retention == Approx(fsrs::retrievability(memory, 1, fsrs::default_parameters)));
        REQUIRE(o.days[1].reviews == 1);
        if (o.days[1].recalled == 1) {
            // Good again: I(2) = 6 days, so nothing until day 7; then Good gives 6 x 2.5 = 15 days.
            CHECK(o.days[1].minutes == Approx(0.2));
            for (int d = 2; d < 7; ++d) CHECK(o.days[static_cast<std::size_t>(d)].reviews == 0);
            CHECK(o.days[7].reviews == 1);
            for (int d = 8; d < 12; ++d) CHECK(o.days[static_cast<std::size_t>(d)].reviews == 0);
        } else {
            // Forgotten (grade 1): the run starts over, 1 day.
            CHECK(o.days[1].minutes == Approx(0.5));
            CHECK(o.days[2].reviews == 1);
        }
    }
}

TEST_CASE("simulate: a card FSRS scheduled is due on SM-2's own day under SM-2 and keeps its day under FSRS",
          "[simulate]") {
    WorkloadInput input = new_cards_input(0, 0, 100, 5);
    CardState state;
    state.repetitions = 2;
    state.interval_days = 10;  // FSRS's interval
    state.sm2_interval = 6;    // SM-2's own
    state.due = start + boost::gregorian::days(4);
    state.memory = MemoryState{10, 5};
    input.cards.push_back(SimulatedCard{7, state, 0});
    input.variants = {{"SM-2", SchedulerKind::sm2, std::nullopt}, {"FSRS", SchedulerKind::fsrs, std::nullopt}};
    const auto outcomes = simulate_workload(input);
    CHECK(outcomes[0].days[0].reviews == 1);  // answered 6 days ago, SM-2's 6 days: due today
    CHECK(outcomes[1].days[0].reviews == 0);
    CHECK(outcomes[1].days[4].reviews == 1);
    // Both start from the same memory: the same retention on the first morning.
    CHECK(outcomes[0].days[0].retention == outcomes[1].days[0].retention);
    CHECK(outcomes[0].days[0].retention ==
          Approx(fsrs::retrievability(MemoryState{10, 5}, 6, fsrs::default_parameters)));
}

TEST_CASE("simulate: the learner is read from the log and defaults stand in for what it lacks", "[simulate]") {
    test::TempDir dir;
    auto storage = Storage::open(dir.path() / "c.db", true);
    {
        const LearnerReading empty = read_learner(*storage, std::nullopt);
        CHECK_FALSE(empty.first_shares_from_log);
        CHECK_FALSE(empty.recalled_shares_from_log);
        CHECK_FALSE(empty.times_from_log);
        CHECK(empty.model.seconds_recalled == 8);
        CHECK(empty.model.recalled_shares == std::array<double, 3>{0.15, 0.70, 0.15});
    }
    std::string text = test::two_roles_deck;
    for (int i = 0; i < 30; ++i) text += fmt::format("{}/s{}: fact number {}\n", i % 2 ? "pm" : "po", i, i);
    sync_fact_deck(*storage, parse_fact_deck(text, "r.deck"), "r.deck", "h");
    const std::vector<Id> cards = storage->new_cards(std::nullopt, start, 1000);
    REQUIRE(cards.size() >= 30);
    const Day next = start + boost::gregorian::days(1);
    for (int i = 0; i < 30; ++i) {
        const Id card = cards[static_cast<std::size_t>(i)];
        // First answers: 20 Good in 4 s, 10 Again answered by a script (no time worth the name).
        test::log_answer(*storage, card, start, i < 20 ? 4 : 1, "", false, i < 20 ? 4000 : 100);
        // Reviews a day later: 10 Hard in 6 s, 10 Easy in 2 s, 10 forgotten after 90 s (a minute counted).
        const int grade = i < 10 ? 3 : i < 20 ? 5 : 0;
        test::log_answer(*storage, card, next, grade, "", false, i < 10 ? 6000 : i < 20 ? 2000 : 90000);
    }
    test::log_answer(*storage, cards[0], next, 4, "", true, 1);  // a drill: left out
    const LearnerReading l = read_learner(*storage, std::nullopt);
    CHECK(l.first_answers == 30);
    CHECK(l.reviews == 30);
    REQUIRE(l.first_shares_from_log);
    CHECK(l.model.first_shares[0] == Approx(1.0 / 3));
    CHECK(l.model.first_shares[2] == Approx(2.0 / 3));
    REQUIRE(l.recalled_shares_from_log);
    CHECK(l.model.recalled_shares[0] == Approx(0.5));
    CHECK(l.model.recalled_shares[1] == Approx(0.0));
    CHECK(l.model.recalled_shares[2] == Approx(0.5));
    REQUIRE(l.times_from_log);
    CHECK(l.model.seconds_new == Approx(4.0));
    CHECK(l.model.seconds_recalled == Approx(4.0));
    CHECK(l.model.seconds_forgotten == Approx(60.0));
}

TEST_CASE("simulate: recall predicted on the last morning only gives that morning's figures and the same days",
          "[simulate]") {
    WorkloadInput input = new_cards_input(300, 20, 60, 90);
    const auto every = simulate_workload(input);
    input.every_morning = false;
    const auto last = simulate_workload(input);
    REQUIRE(every.size() == last.size());
    for (std::size_t v = 0; v < every.size(); ++v) {
        CHECK(reviews_of(last[v]) == reviews_of(every[v]));
        CHECK(last[v].recalled == every[v].recalled);
        CHECK(last[v].minutes == every[v].minutes);
        CHECK(last[v].retention_end() == every[v].retention_end());
        CHECK(last[v].memorised_end() == every[v].memorised_end());
        CHECK(last[v].memorised_end() > 0);
        // The mornings before the last were not worked out.
        CHECK(every[v].days[45].memorised > 0);
        CHECK(last[v].days[45].memorised == 0);
        CHECK(last[v].days[45].retention == 0);
    }
}
