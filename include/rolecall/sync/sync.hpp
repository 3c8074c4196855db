// `rolecall sync DIR`: this collection's changes since its last sync written into DIR as one file of
// its own, and every other device's file there not yet applied read in, all in one transaction.
// Merge rules (README, "Sync"): answers are never in conflict and all are kept; a card's schedule is
// its merged log replayed; anything else, the later change wins and the other is kept in
// sync_conflicts.
#pragma once

#include "rolecall/storage/storage.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace rolecall {

struct SyncReport {
    std::string device;
    bool whole = false;     // sent whole: its first sync, or a folder that had no file of this device
    std::string sent_file;  // empty: nothing to send
    int sent_items = 0;
    std::int64_t sent_bytes = 0;
    int files_read = 0;
    int received_items = 0;  // items that changed this collection
    int unchanged = 0;
    int lost = 0;     // older than a change made here: kept in the conflict log
    int orphans = 0;  // for a deck, note or card this collection does not have (deleted here)
    int replayed_cards = 0;
    std::vector<std::string> skipped;  // files not whole yet (still being copied): read next time
};

SyncReport sync_collection(Storage& storage, const std::filesystem::path& dir);

}  // namespace rolecall
