// What a change of the scheduler settings does to the cards it reaches: switching a deck to FSRS
// gives each answered card a memory replayed from its own log (or estimated from its SM-2 ease and
// interval when it has none); switching back to SM-2 resumes SM-2's own schedule, kept up to date all
// along; new fsrs-params replay the memories under them. Due days under FSRS stay until the next
// answer, as Anki keeps them, so a switch never floods a day with reviews.
#pragma once

#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/storage/storage.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace rolecall {

// Every deck's scheduler settings in force.
DeckSchedulers scheduler_configs(Storage& storage);

struct SchedulerChange {
    int decks = 0;      // decks whose scheduler or parameters changed
    int replayed = 0;   // cards whose memory came from their log
    int estimated = 0;  // answered cards with no log: memory estimated from SM-2
};

// "1 deck rescheduled: memory from the log for 3 cards, ..."; empty when no deck changed.
std::string describe(const SchedulerChange& change);

// Brings every card of the decks whose scheduler or fsrs-params differ from `before` in line with
// the settings now stored; in the caller's transaction.
SchedulerChange apply_scheduler_change(Storage& storage, const DeckSchedulers& before);

// Sets (a value) or unsets (nullopt) one setting, globally or for `deck`, and when it is one of the
// scheduler's brings the cards it reaches in line; one transaction.
SchedulerChange change_setting(Storage& storage, std::string_view name, const std::optional<std::string>& value,
                               DeckFilter deck);

}  // namespace rolecall
