// `rolecall sync [DIR]`: this collection's changes into a shared folder, the other devices' out of it.
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/sync/sync.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

int run_sync(Context& context, const SyncConfig& config) {
    Storage& storage = context.open_or_create();
    storage.set_clock(&context.clock());
    std::string dir = config.dir;
    if (dir.empty()) {
        const auto setting = storage.setting("sync-dir");
        if (!setting)
            throw usage_error("sync needs a folder: rolecall sync DIR, or once: rolecall config set sync-dir DIR");
        dir = *setting;
    }
    const SyncReport report = sync_collection(storage, dir);
    if (report.sent_file.empty()) {
        fmt::print("sent: nothing new\n");
    } else {
        fmt::print("sent: {}{} in {} ({:.1f} KiB)\n", plural(report.sent_items, "change", "changes"),
                   report.whole ? " (the whole collection: a folder new to this device)" : "", report.sent_file,
                   static_cast<double>(report.sent_bytes) / 1024.0);
    }
    fmt::print("received: {} from {}", plural(report.received_items, "change", "changes"),
               plural(report.files_read, "file", "files"));
    if (report.replayed_cards > 0)
        fmt::print("; {} rescheduled from the merged log", plural(report.replayed_cards, "card", "cards"));
    fmt::print("\n");
    if (report.lost > 0)
        fmt::print("kept aside: {} older than this device's own (the later one wins; see sync_conflicts)\n",
                   plural(report.lost, "change", "changes"));
    if (report.orphans > 0)
        fmt::print("left out: {} for decks, notes or cards deleted here\n",
                   plural(report.orphans, "change", "changes"));
    for (const auto& file : report.skipped)
        context.note(fmt::format("{} is not whole yet (still being copied?); it is read at the next sync", file));
    return 0;
}

}  // namespace rolecall::cli
