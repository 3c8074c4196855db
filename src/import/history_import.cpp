#include "history_import.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <set>

namespace rolecall::import {

void add_history(Storage& storage, Id card, const std::vector<ImportedAnswer>& history,
                 const SchedulerConfig& scheduler, HistoryCounts& counts) {
    if (history.empty()) return;
    const std::vector<ReviewRecord> logged = storage.reviews_of_card(card);
    std::set<std::string> known;
    std::optional<Day> last_day;        // of the card's latest answer here
    std::optional<Day> last_first_day;  // of its latest answer that moved its state (not a drill)
    for (const auto& review : logged) {
        if (!review.source.empty()) known.insert(review.source);
        if (!last_day || review.day > *last_day) last_day = review.day;
        if (!review.drill && (!last_first_day || review.day > *last_first_day)) last_first_day = review.day;
    }
    CardState state = storage.card(card).state;
    if (logged.empty()) {
        state = CardState{};
        storage.set_card_state(card, state);
    }
    bool added = false;
    for (const auto& answer : history) {
        if (known.count(answer.source) > 0) {
            ++counts.known;
            continue;
        }
        if (last_day && answer.day < *last_day) {
            ++counts.older;
            continue;
        }
        ReviewRecord review;
        review.card_id = card;
        review.day = answer.day;
        review.answered_at = answer.answered_at;
        review.grade = answer.grade;
        review.response_ms = answer.response_ms;
        review.source = answer.source;
        // As in a review: the day's first answer schedules, later ones that day are drills.
        review.drill = last_first_day && *last_first_day == answer.day;
        review.before = state;
        review.after = review.drill ? state : schedule_answer(state, answer.grade, answer.day, scheduler, card);
        if (!storage.record_answer(review)) {
            throw Error(fmt::format("card {} changed while its history was imported; import again", card));
        }
        state = review.after;
        last_day = answer.day;
        if (!review.drill) last_first_day = answer.day;
        known.insert(answer.source);
        ++counts.added;
        added = true;
    }
    if (added) ++counts.cards;
}

}  // namespace rolecall::import
