#include "rolecall/queue.hpp"

#include <algorithm>

namespace rolecall {

QueuePlan plan_queue(int due_available, int new_available, const DayUsage& used, const QueueLimits& limits) {
    int room = std::max(0, limits.reviews_per_day - used.reviews);
    if (limits.session_limit) room = std::min(room, std::max(0, *limits.session_limit));
    QueuePlan plan;
    plan.due = std::clamp(due_available, 0, room);
    int new_room = std::max(0, limits.new_per_day - used.new_started);
    plan.fresh = std::clamp(std::min(new_available, new_room), 0, room - plan.due);
    return plan;
}

}  // namespace rolecall
