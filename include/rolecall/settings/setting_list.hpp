// Settings as `rolecall config get` and `config list` show them: the value in force at one level
// (a deck's own, else the global one, else the default) and where it came from.
#pragma once

#include "rolecall/settings/settings.hpp"
#include "rolecall/storage/storage.hpp"

#include <string>
#include <vector>

namespace rolecall {

struct SettingRow {
    const SettingSpec* spec = nullptr;
    std::string value;
    std::string source;  // "default", "set" (globally) or "set for this deck"
};

// The value of one setting in force for `deck` (globally when nullopt).
SettingRow effective_setting(Storage& storage, const SettingSpec& spec, DeckFilter deck);

// Every setting, in setting_specs() order; with a deck, only those a deck may set for itself.
std::vector<SettingRow> list_settings(Storage& storage, DeckFilter deck);

// One line of `config list`: "new-per-day      20      (default) new cards introduced per ...".
std::string format_setting_row(const SettingRow& row);

}  // namespace rolecall
