// The scheduler a deck uses, with its settings: what one answer does to a card, the grade preview,
// and a card's state replayed from its log. SM-2 (sm2.hpp) is the default and schedules exactly as
// before; FSRS-6 (fsrs.hpp) is opt-in per deck. Both keep SM-2's fields and FSRS's memory up to date,
// whichever schedules, so a deck can switch either way and carry on. Pure: no clock, no storage.
#pragma once

#include "rolecall/model.hpp"
#include "rolecall/scheduling/fsrs.hpp"

#include <array>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

namespace rolecall {

struct SchedulerConfig {
    SchedulerKind kind = SchedulerKind::sm2;
    fsrs::Parameters parameters = fsrs::default_parameters;
    double desired_retention = fsrs::default_desired_retention;
    bool fuzz = true;  // FSRS only: intervals spread as Anki spreads them, so cards learnt together part
    int max_interval = default_max_interval;
    friend bool operator==(const SchedulerConfig&, const SchedulerConfig&) = default;
};

// Each deck's settings (settings/scheduler_change.hpp reads them); a deck not in it has the defaults.
using DeckSchedulers = std::map<Id, SchedulerConfig>;
const SchedulerConfig& scheduler_of(const DeckSchedulers& schedulers, Id deck);

std::string_view to_string(SchedulerKind kind);
SchedulerKind scheduler_kind_from_string(std::string_view text);  // "sm2" or "fsrs"; throws a usage Error

// The state after the first answer of study day `today` with `grade` (0..5). SM-2's fields move as
// SM-2 moves them; the memory moves by FSRS with the days since the card's last answer; the schedule
// (interval, due) is the config's scheduler's. `card` seeds the fuzz with the day, so a replay of the
// same answers gives the same days.
CardState schedule_answer(const CardState& before, int grade, Day today, const SchedulerConfig& config, Id card);

// The interval each grade 0..5 would give today (the grade preview), as schedule_answer() would set it.
std::array<int, 6> preview_intervals(const CardState& before, Day today, const SchedulerConfig& config, Id card);

// The memory a card brings to its next answer: its own, or for a card scheduled before it had one
// (by an older rolecall, or an import that kept Anki's schedule) one estimated from its SM-2 ease and
// interval, as fsrs-rs's memory_state_from_sm2 does. nullopt for a new card.
std::optional<MemoryState> memory_before_answer(const CardState& state, const fsrs::Parameters& w);

// Predicted recall on `day`; nullopt for a new card.
std::optional<double> retrievability_on(const CardState& state, Day day, const fsrs::Parameters& w);

// A card's state after its logged first answers of each day, oldest first, from `start` (the state
// before the first of them: new, or a schedule an import kept) under `config`.
CardState replay(const CardState& start, const std::vector<LoggedAnswer>& answers, const SchedulerConfig& config,
                 Id card);

// What switching a card's deck to `config` does to a card that keeps its log: its memory is replayed
// under the config's parameters (or estimated, without a log); under SM-2 its schedule is SM-2's
// own again, counted from its last answer; under FSRS its due day stays until its next answer.
CardState rescheduled_for(const CardState& current, const CardState& start, const std::vector<LoggedAnswer>& answers,
                          const SchedulerConfig& config, Id card);

}  // namespace rolecall
