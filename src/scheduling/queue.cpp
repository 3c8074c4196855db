#include "rolecall/scheduling/queue.hpp"

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

std::vector<std::int64_t> pick_new_cards(std::vector<NewCandidate> candidates, int take,
                                         const std::map<std::int64_t, int>& deck_room) {
    std::sort(candidates.begin(), candidates.end(), [](const NewCandidate& a, const NewCandidate& b) {
        return a.rank != b.rank ? a.rank < b.rank : a.id < b.id;
    });
    std::map<std::int64_t, int> taken;
    std::vector<std::int64_t> picked;
    for (const auto& candidate : candidates) {
        if (static_cast<int>(picked.size()) >= take) break;
        auto room = deck_room.find(candidate.deck);
        if (room != deck_room.end() && taken[candidate.deck] >= room->second) continue;
        ++taken[candidate.deck];
        picked.push_back(candidate.id);
    }
    return picked;
}

}  // namespace rolecall
