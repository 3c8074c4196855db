#include "fsrs_training_set.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

namespace rolecall::fsrs::detail {

namespace {

int rating_number(Rating rating) { return static_cast<int>(rating); }

// A card's first rating and its first interval (the first answer on a later day), which place all of
// its items in the outlier filter's groups.
struct FirstInterval {
    int rating = 0;
    int days = 0;
};

FirstInterval first_interval(const ReviewHistory& history) {
    FirstInterval first{rating_number(history.answers.front().rating), 0};
    for (std::size_t k = 1; k < history.answers.size(); ++k) {
        if (history.answers[k].elapsed_days > 0) {
            first.days = history.answers[k].elapsed_days;
            break;
        }
    }
    return first;
}

}  // namespace

bool is_first_interval(const ReviewHistory& history, std::uint32_t answer) {
    for (std::uint32_t k = 1; k < answer; ++k)
        if (history.answers[k].elapsed_days > 0) return false;
    return true;
}

bool recalled(Rating rating) { return rating != Rating::again; }

std::vector<Item> items_of(const std::vector<ReviewHistory>& histories) {
    std::vector<Item> items;
    for (std::size_t card = 0; card < histories.size(); ++card) {
        const auto& answers = histories[card].answers;
        int day = histories[card].first_day;
        for (std::size_t k = 1; k < answers.size(); ++k) {
            day += answers[k].elapsed_days;
            if (answers[k].elapsed_days > 0)
                items.push_back({static_cast<std::uint32_t>(card), static_cast<std::uint32_t>(k), day});
        }
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) { return a.day < b.day; });
    return items;
}

TrainingSet filter_outliers(const std::vector<ReviewHistory>& histories, const std::vector<Item>& items) {
    // first rating -> first interval -> the first-interval items of that group, in item order
    std::map<int, std::map<int, std::vector<Item>>> groups;
    for (const Item& item : items) {
        const ReviewHistory& history = histories[item.card];
        if (!is_first_interval(history, item.answer)) continue;
        groups[rating_number(history.answers.front().rating)][history.answers[item.answer].elapsed_days].push_back(
            item);
    }
    TrainingSet set;
    std::set<std::pair<int, int>> removed;  // (first rating, first interval)
    for (auto& [rating, by_days] : groups) {
        // Rarest first, and of equally rare lengths the shortest first (fsrs-rs sorts by size descending,
        // then length descending, and walks the list backwards).
        std::vector<std::pair<int, std::vector<Item>*>> sub_groups;
        std::size_t total = 0;
        for (auto& [days, group] : by_days) {
            sub_groups.emplace_back(days, &group);
            total += group.size();
        }
        std::stable_sort(sub_groups.begin(), sub_groups.end(), [](const auto& a, const auto& b) {
            return a.second->size() != b.second->size() ? a.second->size() < b.second->size() : a.first < b.first;
        });
        const std::size_t quota = std::max<std::size_t>(20, total / 20);
        const int longest_kept = rating != rating_number(Rating::easy) ? 100 : 365;
        std::size_t removed_so_far = 0;
        for (const auto& [days, group] : sub_groups) {
            if (removed_so_far + group->size() >= quota) {
                if (group->size() >= 6 && days <= longest_kept) {
                    set.first_intervals.insert(set.first_intervals.end(), group->begin(), group->end());
                } else {
                    removed.insert({rating, days});
                }
            } else {
                removed_so_far += group->size();
                removed.insert({rating, days});
            }
        }
    }
    for (const Item& item : items) {
        const FirstInterval first = first_interval(histories[item.card]);
        if (!removed.contains({first.rating, first.days})) set.items.push_back(item);
    }
    return set;
}

double recency_weight(std::size_t index, std::size_t count) {
    const double last = std::max(static_cast<double>(count) - 1.0, 1.0);
    return 0.25 + 0.75 * std::pow(static_cast<double>(index) / last, 3);
}

double average_recall(const std::vector<ReviewHistory>& histories, const std::vector<Item>& items) {
    if (items.empty()) return 0.0;
    std::size_t recalled_count = 0;
    for (const Item& item : items)
        if (recalled(histories[item.card].answers[item.answer].rating)) ++recalled_count;
    return static_cast<double>(recalled_count) / static_cast<double>(items.size());
}

}  // namespace rolecall::fsrs::detail
