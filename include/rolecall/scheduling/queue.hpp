// The daily queue: how many due and new cards a session takes, given the limits and what was already
// done today. Pure: storage supplies the counts and the ordered card ids.
#pragma once

#include "rolecall/model.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace rolecall {

struct QueueLimits {
    int new_per_day = 20;
    int reviews_per_day = 200;
    std::optional<int> session_limit;  // --limit N: at most N cards this session
};

// What the day has used so far (non-drill answers, from the review log).
struct DayUsage {
    int new_started = 0;
    int reviews = 0;  // new cards included
};

struct QueuePlan {
    int due = 0;
    int fresh = 0;  // new cards
    int total() const { return due + fresh; }
};

// Due cards first, then new cards up to the day's new-card limit (counting new cards already started
// today); the whole capped by the day's review limit (counting answers already given today) and by
// the session limit.
QueuePlan plan_queue(int due_available, int new_available, const DayUsage& used, const QueueLimits& limits);
// The answers the day's review limit still allows, within the session limit: the most cards, due and
// new, that plan_queue() takes.
int review_room(const DayUsage& used, const QueueLimits& limits);

// A new card offered for today, with its place in the order new cards are introduced.
struct NewCandidate {
    std::int64_t id = 0;
    std::int64_t rank = 0;
    std::int64_t deck = 0;
};

// Picks up to `take` new cards in rank order, no more from a deck than `deck_room` allows (decks
// missing from it are bounded by `take` alone). `candidates` holds each deck's first cards by rank.
std::vector<std::int64_t> pick_new_cards(std::vector<NewCandidate> candidates, int take,
                                         const std::map<std::int64_t, int>& deck_room);

// The pair of roles confused most often, both directions added up; nullopt when nothing was
// confused. Ties go to the pair met first.
std::optional<std::pair<std::string, std::string>> worst_confused_pair(const std::vector<Confusion>& confusions);

// Today's new cards leaning toward a confusion: cards from `leaning` (those that separate the pair)
// and from `regular` (the usual order) taken in turn, one of each, so the pair is practised among
// other cards rather than in a block. No card twice; at most `take`.
std::vector<std::int64_t> interleave_new_cards(const std::vector<std::int64_t>& leaning,
                                               const std::vector<std::int64_t>& regular, int take);

// A cram session's order, step one: cards met before ahead of new ones, and both ahead of cards
// answered earlier today (a cram restarted the same day goes on with the cards it has not shown);
// within each group a shuffle that `seed` fixes (the same day and deck give the same order). The
// input order does not matter.
std::vector<CramCandidate> cram_shuffle(std::vector<CramCandidate> cards, std::uint64_t seed);

// Step two: up to `take` of the shuffled cards, in that order except that a card showing a fact
// already shown this session waits until every card that does not has come (siblings apart: one
// would give the other away), and that a card does not follow one with the same answer when one of
// the next few cards of its group has another (interleaving). Never two siblings in a row while
// another card can come between.
std::vector<std::int64_t> cram_spread(const std::vector<CramCandidate>& cards, int take);

}  // namespace rolecall
