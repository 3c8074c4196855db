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

std::optional<std::pair<std::string, std::string>> worst_confused_pair(const std::vector<Confusion>& confusions) {
    std::vector<std::pair<std::pair<std::string, std::string>, int>> pairs;  // in first-met order
    for (const auto& confusion : confusions) {
        if (confusion.right == confusion.chosen || confusion.count <= 0) continue;
        auto key = std::minmax(confusion.right, confusion.chosen);
        std::pair<std::string, std::string> pair{key.first, key.second};
        auto found = std::find_if(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == pair; });
        if (found == pairs.end()) {
            pairs.emplace_back(pair, confusion.count);
        } else {
            found->second += confusion.count;
        }
    }
    if (pairs.empty()) return std::nullopt;
    auto worst =
        std::max_element(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return worst->first;
}

std::vector<std::int64_t> interleave_new_cards(const std::vector<std::int64_t>& leaning,
                                               const std::vector<std::int64_t>& regular, int take) {
    std::vector<std::int64_t> out;
    std::size_t l = 0;
    std::size_t r = 0;
    auto taken = [&](std::int64_t id) { return std::find(out.begin(), out.end(), id) != out.end(); };
    bool lean_turn = true;
    while (static_cast<int>(out.size()) < take && (l < leaning.size() || r < regular.size())) {
        auto& list = lean_turn ? leaning : regular;
        auto& at = lean_turn ? l : r;
        while (at < list.size() && taken(list[at])) ++at;
        if (at < list.size()) out.push_back(list[at++]);
        lean_turn = !lean_turn;
    }
    return out;
}

}  // namespace rolecall
