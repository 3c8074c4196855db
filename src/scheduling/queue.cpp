#include "rolecall/scheduling/queue.hpp"

#include <algorithm>
#include <set>

namespace rolecall {

int review_room(const DayUsage& used, const QueueLimits& limits) {
    int room = std::max(0, limits.reviews_per_day - used.reviews);
    if (limits.session_limit) room = std::min(room, std::max(0, *limits.session_limit));
    return room;
}

QueuePlan plan_queue(int due_available, int new_available, const DayUsage& used, const QueueLimits& limits) {
    const int room = review_room(used, limits);
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

namespace {

// splitmix64: a small generator whose output is the same everywhere (std::shuffle's is not).
std::uint64_t next_random(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// 0: met before, 1: new, 2: answered earlier today.
int cram_group(const CramCandidate& card) { return card.answered_today ? 2 : card.seen ? 0 : 1; }

// How many cards of its group ahead a pick may look for another answer than the last card's.
constexpr std::size_t interleave_lookahead = 6;

}  // namespace

std::vector<CramCandidate> cram_shuffle(std::vector<CramCandidate> cards, std::uint64_t seed) {
    std::sort(cards.begin(), cards.end(), [](const CramCandidate& a, const CramCandidate& b) { return a.id < b.id; });
    std::uint64_t state = seed;
    for (std::size_t i = cards.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(next_random(state) % i);
        std::swap(cards[i - 1], cards[j]);
    }
    std::stable_sort(cards.begin(), cards.end(),
                     [](const CramCandidate& a, const CramCandidate& b) { return cram_group(a) < cram_group(b); });
    return cards;
}

std::vector<std::int64_t> cram_spread(const std::vector<CramCandidate>& cards, int take) {
    std::vector<std::int64_t> order;
    std::vector<bool> used(cards.size(), false);
    std::set<std::string> shown;  // facts of every card placed so far
    std::set<std::string> last_facts;
    const CramCandidate* last = nullptr;
    std::size_t begin = 0;  // cards before it are all placed
    auto shares = [](const CramCandidate& card, const std::set<std::string>& facts) {
        return std::any_of(card.facts.begin(), card.facts.end(),
                           [&](const std::string& fact) { return facts.count(fact) > 0; });
    };
    auto same_answer = [&](const CramCandidate& card) {
        return last && !card.answer.empty() && card.answer == last->answer;
    };
    // The first unused card `fits` allows; among it and the next few of its group that fit too, the
    // first whose answer is not the last card's.
    auto pick = [&](const auto& fits) -> std::optional<std::size_t> {
        std::optional<std::size_t> first;
        std::size_t looked = 0;
        for (std::size_t i = begin; i < cards.size(); ++i) {
            if (used[i] || !fits(cards[i])) continue;
            if (!first) {
                first = i;
            } else if (cram_group(cards[i]) != cram_group(cards[*first]) || ++looked > interleave_lookahead) {
                break;
            }
            if (!same_answer(cards[i])) return i;
        }
        return first;
    };
    while (static_cast<int>(order.size()) < take) {
        std::optional<std::size_t> chosen = pick([&](const CramCandidate& c) { return !shares(c, shown); });
        if (!chosen) chosen = pick([&](const CramCandidate& c) { return !shares(c, last_facts); });
        if (!chosen) chosen = pick([](const CramCandidate&) { return true; });
        if (!chosen) break;
        used[*chosen] = true;
        while (begin < cards.size() && used[begin]) ++begin;
        last = &cards[*chosen];
        last_facts = std::set<std::string>(last->facts.begin(), last->facts.end());
        shown.insert(last->facts.begin(), last->facts.end());
        order.push_back(last->id);
    }
    return order;
}

}  // namespace rolecall
