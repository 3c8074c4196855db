// The options of a review session as the collection's settings and one run's overrides make them:
// the day's limits, each deck's own new-card limit, the suggested grades. What only a terminal knows
// (interactive or not, colour, width) the caller adds.
#pragma once

#include "rolecall/review/review_session.hpp"
#include "rolecall/storage/storage.hpp"

#include <optional>

namespace rolecall {

// What the command line asks of one session; nullopt: the settings decide.
struct SessionRequest {
    DeckFilter deck;                     // nullopt: every deck
    std::optional<int> new_per_day;      // --new
    std::optional<int> reviews_per_day;  // --reviews
    std::optional<int> session_limit;    // --limit
};

// Settings in force for the deck reviewed (its own values when one deck is reviewed, the global ones
// otherwise), overridden by the request. Reviewing every deck without --new, a deck with a
// new-per-day of its own gets that value in deck_new_limits.
SessionOptions session_options(Storage& storage, const SessionRequest& request, Day today);

}  // namespace rolecall
