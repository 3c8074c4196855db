// The daily queue: how many due and new cards a session takes, given the limits and what was already
// done today. Pure: storage supplies the counts and the ordered card ids.
#pragma once

#include <optional>

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

}  // namespace rolecall
