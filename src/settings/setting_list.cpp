// The settings in force, one row each, for `rolecall config get` and `config list`.
#include "rolecall/settings/setting_list.hpp"

#include <fmt/format.h>

namespace rolecall {

SettingRow effective_setting(Storage& storage, const SettingSpec& spec, DeckFilter deck) {
    SettingRow row{&spec, std::string(spec.default_value), "default"};
    if (auto global = stored_setting(storage, spec.name, std::nullopt)) {
        row.value = *global;
        row.source = "set";
    }
    if (deck) {
        if (auto own = stored_setting(storage, spec.name, deck)) {
            row.value = *own;
            row.source = "set for this deck";
        }
    }
    return row;
}

std::vector<SettingRow> list_settings(Storage& storage, DeckFilter deck) {
    std::vector<SettingRow> rows;
    for (const auto& spec : setting_specs()) {
        if (deck && !spec.per_deck) continue;
        rows.push_back(effective_setting(storage, spec, deck));
    }
    return rows;
}

std::string format_setting_row(const SettingRow& row) {
    return fmt::format("{:<17} {:<7} ({}) {}", row.spec->name, row.value, row.source, row.spec->description);
}

}  // namespace rolecall
