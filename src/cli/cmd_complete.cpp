// `rolecall complete decks|settings` (hidden): the words the shell completions offer.
#include "commands.hpp"

#include "rolecall/settings/settings.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

int run_complete(Context& context, const std::string& what) {
    // Asked by the shell completions; never fails loudly, since a completion must not print errors.
    if (what == "decks") {
        if (!context.database_exists()) return 0;
        for (const auto& deck : context.open_existing().decks()) fmt::print("{}\n", deck.name);
    } else if (what == "settings") {
        for (const auto& spec : setting_specs()) fmt::print("{}\n", spec.name);
    }
    return 0;
}

}  // namespace rolecall::cli
