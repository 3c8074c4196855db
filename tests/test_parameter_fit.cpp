// `rolecall optimize` in the core library: the histories it learns from, a fit on a simulated
// learner's log stored as fsrs-params, and the small-data rule that keeps the defaults.
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/settings/parameter_fit.hpp"
#include "rolecall/settings/settings.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <random>

using namespace rolecall;

namespace {

const Day first_day(2025, 1, 6);

// A deck of `statements` facts, each its own card or more.
std::vector<Id> deck_of(Storage& storage, int statements) {
    std::string text = test::two_roles_deck;
    for (int i = 0; i < statements; ++i) text += fmt::format("{}/s{}: fact number {}\n", i % 2 ? "pm" : "po", i, i);
    sync_fact_deck(storage, parse_fact_deck(text, "r.deck"), "r.deck", "h");
    return storage.new_cards(std::nullopt, first_day, 100000);
}

// A learner whose memory follows FSRS with parameters of its own (slower to forget at first, a
// flatter curve than the defaults): each card is answered on the days SM-2 schedules, recalled with
// the probability those parameters predict.
void simulate(Storage& storage, const std::vector<Id>& cards, int answers_per_card) {
    fsrs::Parameters truth = fsrs::default_parameters;
    truth[0] = 0.8;
    truth[2] = 5.0;
    truth[8] = 2.2;
    truth[20] = 0.3;
    std::mt19937_64 random(42);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    for (Id card : cards) {
        std::optional<MemoryState> memory;
        Day day = first_day;
        Day last = day;
        for (int n = 0; n < answers_per_card; ++n) {
            const int elapsed = memory ? days_between(last, day) : 0;
            const bool recalled = !memory || uniform(random) < fsrs::retrievability(*memory, elapsed, truth);
            const int grade = !recalled ? 1 : uniform(random) < 0.2 ? 5 : 4;
            memory = fsrs::next_state(memory, fsrs::rating_of_grade(grade), elapsed, truth);
            const ReviewRecord answer = test::log_answer(storage, card, day, grade);
            last = day;
            day = *answer.after.due;
        }
    }
}

}  // namespace

TEST_CASE("optimize: the fit learns from first answers of cards whose log starts new", "[optimize]") {
    CardHistory fresh{1, {}, CardState{}, {{first_day, 4}, {first_day + boost::gregorian::days(3), 1}}};
    CardState imported;
    imported.due = first_day;
    imported.interval_days = 10;
    CardHistory scheduled{2, {}, imported, {{first_day, 4}}};
    const auto histories = fit_histories({fresh, scheduled});
    REQUIRE(histories.size() == 1);  // an imported schedule has no known start
    REQUIRE(histories[0].answers.size() == 2);
    CHECK(histories[0].answers[0].rating == fsrs::Rating::good);
    CHECK(histories[0].answers[1].rating == fsrs::Rating::again);
    CHECK(histories[0].answers[1].elapsed_days == 3);
}

TEST_CASE("optimize: a simulated learner's log gives parameters that predict it better, stored as fsrs-params",
          "[optimize]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    const auto cards = deck_of(*storage, 160);
    REQUIRE(cards.size() >= 160);
    simulate(*storage, cards, 6);
    const Id deck = storage->find_deck("Roles").value().id;

    const ParameterFit fit = fit_to_log(*storage, deck);
    CHECK(fit.cards == cards.size());
    CHECK(fit.answers == cards.size() * 6);
    CHECK(fit.fitted.rule == fsrs::FitRule::full_fit);
    CHECK(fit.current == fsrs::default_parameters);
    CHECK(fit.after.log_loss < fit.before.log_loss);
    CHECK(fit.after.item_count == fit.before.item_count);
    REQUIRE(fit.better());

    const SchedulerChange change = store_fitted(*storage, deck, fit);
    CHECK(change.decks == 1);
    CHECK(change.replayed == static_cast<int>(cards.size()));
    CHECK(load_settings(*storage, deck).scheduler.parameters == fit.fitted.parameters);
    CHECK(load_settings(*storage, std::nullopt).scheduler.parameters == fsrs::default_parameters);
    // The memories now follow the fitted parameters.
    const CardHistory history = storage->card_histories(deck).at(0);
    CHECK(storage->card(history.card).state.memory ==
          replay(CardState{}, history.answers, load_settings(*storage, deck).scheduler, history.card).memory);
}

TEST_CASE("optimize: with fewer than 8 answers after a first one the defaults stay", "[optimize]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    const auto cards = deck_of(*storage, 3);
    simulate(*storage, {cards[0], cards[1], cards[2]}, 3);  // 6 answers after a first
    const ParameterFit fit = fit_to_log(*storage, std::nullopt);
    CHECK(fit.fitted.rule == fsrs::FitRule::defaults_kept);
    CHECK(fit.fitted.parameters == fsrs::default_parameters);
    CHECK_FALSE(fit.better());
}
