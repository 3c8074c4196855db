// `rolecall config get|set|unset|list`: settings kept in the collection, globally or per deck.
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/settings/scheduler_change.hpp"
#include "rolecall/settings/setting_list.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

int run_config(Context& context, const ConfigConfig& config) {
    Storage& storage = context.open_or_create();
    DeckFilter deck;
    if (!config.deck.empty()) {
        // `config set new-per-day 5 --deck 'Product roles'` in a new collection: the built-in deck may
        // not be built yet, so build it before looking the name up again.
        if (!storage.find_deck(config.deck)) context.ensure_builtin_deck();
        deck = context.deck_id(config.deck);
    }
    auto need = [&](std::size_t count, const char* usage) {
        if (config.args.size() != count) throw usage_error(fmt::format("usage: rolecall config {}", usage));
    };
    if (config.action == "list") {
        need(0, "list [--deck NAME]");
        for (const auto& row : list_settings(storage, deck)) fmt::print("{}\n", format_setting_row(row));
        return 0;
    }
    if (config.action == "get") {
        need(1, "get NAME [--deck NAME]");
        fmt::print("{}\n", effective_setting(storage, find_setting(config.args[0]), deck).value);
        return 0;
    }
    if (config.action == "set" || config.action == "unset") {
        if (config.action == "set") need(2, "set NAME VALUE [--deck NAME]");
        if (config.action == "unset") need(1, "unset NAME [--deck NAME]");
        const std::optional<std::string> value =
            config.action == "set" ? std::optional<std::string>(config.args[1]) : std::nullopt;
        const std::string changed = describe(change_setting(storage, config.args[0], value, deck));
        if (!changed.empty()) context.note(changed);
        return 0;
    }
    throw usage_error(fmt::format("unknown config action '{}': use get, set, unset or list", config.action));
}

}  // namespace rolecall::cli
