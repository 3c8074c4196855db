// `rolecall build [FILE...]`: turns fact-deck sources into cards, keeping history across edits.
#include "commands.hpp"

#include "rolecall/decks/deck_sync.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

int run_build(Context& context, const BuildConfig& config) {
    std::vector<std::filesystem::path> files;
    for (const auto& file : config.files) files.emplace_back(file);
    const bool builtin = files.empty();
    if (builtin) files.push_back(builtin_decks_dir(context.env(), context.executable()) / builtin_deck_file);
    Storage& storage = context.open_or_create();
    if (builtin) storage.remove_setting(builtin_deck_hidden_setting);  // `deck delete` hid it
    for (const auto& file : files) {
        BuildOutcome outcome = build_deck_file(storage, file, false, builtin);
        const SyncCounts& c = outcome.counts;
        fmt::print("{}: {} added, {} updated, {} unchanged, {} retired ({})\n", outcome.deck_name, c.added, c.updated,
                   c.unchanged, c.retired, file.string());
    }
    return 0;
}

}  // namespace rolecall::cli
