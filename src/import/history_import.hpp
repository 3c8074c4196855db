// --with-history: a card's answers from another program's log added to rolecall's, and the card's
// state replayed from them under its deck's scheduler. Inside the import's transaction.
#pragma once

#include "rolecall/import/import.hpp"

namespace rolecall::import {

// Adds the answers of `history` (oldest first) that the card's log lacks and that are not older than
// its latest answer there, in order: the first of each study day as an answer, later ones that day
// as drills, each moving the card's state by `scheduler` as a review would. A card with no answer yet
// starts new, whatever schedule the import gave it: its log is its history.
void add_history(Storage& storage, Id card, const std::vector<ImportedAnswer>& history,
                 const SchedulerConfig& scheduler, HistoryCounts& counts);

}  // namespace rolecall::import
