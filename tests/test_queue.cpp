#include "rolecall/scheduling/queue.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

TEST_CASE("queue: due cards first, then new up to the daily new limit", "[queue]") {
    auto plan = plan_queue(5, 100, DayUsage{}, QueueLimits{});
    CHECK(plan.due == 5);
    CHECK(plan.fresh == 20);
}

TEST_CASE("queue: new cards already started today count against the limit", "[queue]") {
    auto plan = plan_queue(0, 100, DayUsage{15, 15}, QueueLimits{});
    CHECK(plan.fresh == 5);
    plan = plan_queue(0, 100, DayUsage{25, 25}, QueueLimits{});
    CHECK(plan.fresh == 0);
}

TEST_CASE("queue: the daily review limit caps due and new together", "[queue]") {
    QueueLimits limits;
    limits.reviews_per_day = 30;
    auto plan = plan_queue(25, 100, DayUsage{0, 0}, limits);
    CHECK(plan.due == 25);
    CHECK(plan.fresh == 5);
    plan = plan_queue(50, 100, DayUsage{0, 10}, limits);
    CHECK(plan.due == 20);
    CHECK(plan.fresh == 0);
}

TEST_CASE("queue: the session limit takes due cards before new ones", "[queue]") {
    QueueLimits limits;
    limits.session_limit = 4;
    auto plan = plan_queue(3, 100, DayUsage{}, limits);
    CHECK(plan.due == 3);
    CHECK(plan.fresh == 1);
    CHECK(plan.total() == 4);
}

TEST_CASE("queue: fewer cards than the limits allow", "[queue]") {
    auto plan = plan_queue(2, 3, DayUsage{}, QueueLimits{});
    CHECK(plan.due == 2);
    CHECK(plan.fresh == 3);
    QueueLimits none;
    none.new_per_day = 0;
    CHECK(plan_queue(0, 10, DayUsage{}, none).total() == 0);
}

TEST_CASE("queue: new cards across decks follow the rank, each deck within its own limit", "[queue]") {
    std::vector<NewCandidate> candidates = {{1, 50, 10}, {2, 10, 10}, {3, 20, 20}, {4, 30, 10}, {5, 40, 20}};
    CHECK(pick_new_cards(candidates, 4, {}) == std::vector<std::int64_t>{2, 3, 4, 5});
    CHECK(pick_new_cards(candidates, 4, {{10, 1}}) == std::vector<std::int64_t>{2, 3, 5});
    CHECK(pick_new_cards(candidates, 2, {{20, 0}}) == std::vector<std::int64_t>{2, 4});
    CHECK(pick_new_cards({}, 3, {}).empty());
}
