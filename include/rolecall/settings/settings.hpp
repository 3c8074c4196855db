// Settings that persist in the collection: `rolecall config get|set|unset|list`. Each has a default,
// a global value, and for some a per-deck override; command-line options override them for one run.
#pragma once

#include "rolecall/scheduling/leech.hpp"
#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/storage/storage.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

enum class ColourMode { automatic, always, never };

struct Settings {
    int new_per_day = 20;
    int reviews_per_day = 200;
    int rollover_hour = 4;
    int grade_right = 4;        // suggested grade after a right choice
    int quick_seconds = 8;      // a right choice within this is suggested 5 (0: never)
    int slow_seconds = 25;      // a right choice after this is suggested 3 (0: never)
    int follow_ups = 2;         // cards separating two roles asked after a wrong pick between them
    int grade_wrong = 1;        // suggested grade after a wrong one
    SchedulerConfig scheduler;  // scheduler, desired-retention, fuzz, fsrs-params, max-interval
    LeechRule leech;            // leech-lapses and leech-action
    ColourMode colour = ColourMode::automatic;
};

struct SettingSpec {
    std::string_view name;
    std::string_view description;
    bool per_deck;
    std::string_view default_value;
};

const std::vector<SettingSpec>& setting_specs();

// Throws a usage Error for an unknown name (with the closest one) or a value out of range.
const SettingSpec& find_setting(std::string_view name);
std::string validated_setting(std::string_view name, std::string_view value);

// The settings in force: defaults, then global values, then the deck's overrides.
Settings load_settings(Storage& storage, DeckFilter deck);

// nullopt: not set at that level (global when deck is nullopt).
std::optional<std::string> stored_setting(Storage& storage, std::string_view name, DeckFilter deck);
void store_setting(Storage& storage, std::string_view name, std::string_view value, DeckFilter deck);
void remove_setting(Storage& storage, std::string_view name, DeckFilter deck);

// fsrs-params as stored: every number in its shortest exact form, ", " between.
std::string stored_parameters(const fsrs::Parameters& w);

// Whether `deck` has a value of its own for any of the scheduler's settings.
bool has_scheduler_settings(Storage& storage, Id deck);

// The scheduler settings of the decks that have any of their own, by deck.
DeckSchedulers own_scheduler_configs(Storage& storage);

// The scheduler settings' names: a change to one of them can change cards' memory or schedule.
bool is_scheduler_setting(std::string_view name);

ColourMode colour_mode_from_string(std::string_view text);

}  // namespace rolecall
