// The optimiser's data, as fsrs-rs builds it (dataset.rs): items, the outlier filter, recency weights.
#pragma once

#include "rolecall/scheduling/fsrs_optimizer.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace rolecall::fsrs::detail {

// One prediction: answer `answer` (>= 1) of card `card`, from the answers before it.
struct Item {
    std::uint32_t card = 0;
    std::uint32_t answer = 0;
    int day = 0;  // the study day of the answer
};

// Every answer after a card's first that came on a later day than the answer before it, ordered by
// study day (ties: card order, then answer order). fsrs-rs counts an item's position as its recency.
// A same-day answer predicts nothing of long-term memory (and fsrs-rs's outlier filter cannot place an
// item without a long-term interval), so it is no item; rolecall's histories have none anyway.
std::vector<Item> items_of(const std::vector<ReviewHistory>& histories);

// True when answer `answer` of the card is its first on a later day than its first answer.
bool is_first_interval(const ReviewHistory& history, std::uint32_t answer);

struct TrainingSet {
    std::vector<Item> items;            // what survives the outlier filter, still in time order
    std::vector<Item> first_intervals;  // items whose only interval is the first: kept for pretraining
};

// fsrs-rs's prepare_training_data: first intervals grouped by first rating and length; in each rating
// the rarest lengths (5% of the answers, at least 20) and the long ones are outliers, and so is every
// item of a card whose first interval is one of them.
TrainingSet filter_outliers(const std::vector<ReviewHistory>& histories, const std::vector<Item>& items);

// fsrs-rs's recency weight of the index-th of `count` items: from 0.25 for the oldest to 1 for the newest.
double recency_weight(std::size_t index, std::size_t count);

// Share of items recalled (rated Hard, Good or Easy).
double average_recall(const std::vector<ReviewHistory>& histories, const std::vector<Item>& items);

bool recalled(Rating rating);

}  // namespace rolecall::fsrs::detail
