#include "rolecall/sync/log_replay.hpp"

#include <cstdint>

namespace rolecall {

namespace {

// FNV-1a of the answer's uid: a fuzz seed that is the same on every device (card ids are not).
Id seed_of(const std::string& uid) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (char c : uid) {
        hash ^= static_cast<std::uint8_t>(c);
        hash *= 1099511628211ULL;
    }
    return static_cast<Id>(hash >> 1);
}

}  // namespace

MergedSchedule replay_merged_log(const sync_store::CardLog& log, const SchedulerConfig& config) {
    MergedSchedule merged;
    if (!log.start) return merged;
    CardState running = *log.start;
    std::optional<Day> moved_on;  // the day of the last answer that moved the card
    for (const auto& review : log.reviews) {
        sync_store::LoggedReview next = review;
        if (moved_on && review.day == *moved_on) {
            next.drill = true;
            next.before = running;
            next.after = running;
        } else {
            next.drill = false;
            if (review.drill || review.before != running) {
                next.before = running;
                next.after = schedule_answer(running, review.grade, review.day, config, seed_of(review.uid));
            }
            running = next.after;
            moved_on = review.day;
        }
        if (next.drill != review.drill || next.before != review.before || next.after != review.after)
            merged.rewritten.push_back(next);
    }
    merged.state = running;
    return merged;
}

}  // namespace rolecall
