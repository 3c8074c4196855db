// A card's schedule after a sync merged its log: the answers of every device in one order (study
// day, time, uid), replayed under the deck's scheduler from the state before the first of them.
// Pure: storage reads the log and writes what changed.
#pragma once

#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/storage/sync_store.hpp"

#include <optional>
#include <vector>

namespace rolecall {

struct MergedSchedule {
    std::vector<sync_store::LoggedReview> rewritten;  // answers whose drill flag or states changed
    std::optional<CardState> state;                   // the card's state; none: it has no log
};

// Each study day's first answer moves the card; a later one that day is a drill, which moves
// nothing, as on one device. An answer that already follows from the one before keeps the states it
// was given where it was made; one that doesn't (two devices answered the card offline) is scheduled
// again, its fuzz seeded by its uid, so every device computes the same days.
MergedSchedule replay_merged_log(const sync_store::CardLog& log, const SchedulerConfig& config);

}  // namespace rolecall
