#include "rolecall/sync/sync.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/settings/scheduler_change.hpp"
#include "rolecall/storage/sync_store.hpp"
#include "rolecall/sync/log_replay.hpp"
#include "rolecall/sync/sync_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <system_error>

namespace rolecall {

namespace {

// The size of a changeset's items: a bound on the memory a large first sync takes on either side.
constexpr std::size_t bytes_per_changeset = 4 << 20;

struct FolderFile {
    std::filesystem::path path;
    SyncFileName name;
};

std::vector<FolderFile> files_in(const std::filesystem::path& dir) {
    std::vector<FolderFile> files;
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (!entry.is_regular_file(ec)) continue;
        if (auto name = parse_sync_file_name(entry.path().filename().string()))
            files.push_back(FolderFile{entry.path(), *name});
    }
    if (ec) throw Error(fmt::format("cannot read the sync folder {}: {}", dir.string(), ec.message()));
    std::sort(files.begin(), files.end(), [](const FolderFile& a, const FolderFile& b) {
        return a.name.device != b.name.device ? a.name.device < b.name.device : a.name.sequence < b.name.sequence;
    });
    return files;
}

// Packs this collection's changes since its last sync into `writer`, or all of it (`whole`: its
// first sync, or a folder new to it); each item with the stamp this collection knows it by. Returns
// the items written.
int pack(Storage& storage, bool first, bool whole, const std::string& device, SyncFileWriter& writer, Id& outbox_end) {
    sync_store::ChangesetWriter changes;
    int items = 0;
    const auto add = [&](const sync_store::Item& item) {
        changes.add(item);
        ++items;
        if (changes.bytes() >= bytes_per_changeset) {
            const int n = changes.size();
            writer.add_changeset(changes.take(), n);
        }
    };
    const auto entries = sync_store::outbox(storage);
    outbox_end = entries.empty() ? 0 : entries.back().id;
    // The changes made since the last sync take their stamps (a first sync's items keep its one
    // stamp instead: sync_store::first_sync_stamp()).
    std::vector<sync_store::Item> changed;
    if (!entries.empty()) changed = sync_store::items_changed(storage, entries, device);
    for (const auto& item : changed)
        if (item.kind != sync_store::answers_kind) sync_store::set_stamp(storage, item);
    if (whole) {
        sync_store::for_each_item(storage, device, first, add);
    } else if (!changed.empty()) {
        // The decks go along with every change, so a receiver knows where its notes and cards belong.
        for (const auto& item : sync_store::deck_items(storage, device)) add(item);
        for (const auto& item : changed)
            if (item.kind != sync_store::deck_kind || item.body.contains("deleted")) add(item);  // and tombstones
    }
    if (changes.size() > 0) {
        const int n = changes.size();
        writer.add_changeset(changes.take(), n);
    }
    return items;
}

int apply_rank(std::string_view kind) {
    constexpr std::array<std::string_view, 8> order = {
        sync_store::deck_kind, sync_store::categories_kind, sync_store::setting_kind, sync_store::note_kind,
        sync_store::card_kind, sync_store::flags_kind,      sync_store::answers_kind, sync_store::state_kind};
    return static_cast<int>(std::find(order.begin(), order.end(), kind) - order.begin());
}

int apply_pass(std::string_view kind) {
    if (kind == sync_store::deck_kind) return 0;
    if (kind == sync_store::note_kind || kind == sync_store::categories_kind || kind == sync_store::setting_kind)
        return 1;
    if (kind == sync_store::card_kind) return 2;
    return 3;  // flags, answers, schedules: of cards, which all exist by now
}

std::int64_t next_sequence(Storage& storage, const std::vector<FolderFile>& files, const std::string& device) {
    std::int64_t last = sync_store::last_sequence(storage);
    for (const auto& file : files)
        if (file.name.device == device) last = std::max(last, file.name.sequence);
    return last + 1;
}

// Applies every other device's file in `files` not applied yet, in four passes, so that an item
// never arrives before what it belongs to, whichever device's file holds that: decks; their notes,
// categories and settings; cards; their flags, answers and schedules. A file not whole (still being
// copied) is left out of every pass, to be read next time.
void apply_files(Storage& storage, const std::vector<FolderFile>& files, SyncReport& report, std::int64_t now,
                 sync_store::ApplyTally& tally) {
    sync_store::CardPlaces places;
    const sync_store::Stamp first_sync = sync_store::first_sync_stamp(storage, report.device);
    std::vector<const FolderFile*> todo;
    for (const auto& file : files) {
        if (file.name.device == report.device || sync_store::file_applied(storage, file.path.filename().string()))
            continue;
        todo.push_back(&file);
    }
    for (int pass = 0; pass < 4; ++pass) {
        std::vector<const FolderFile*> whole;
        for (const FolderFile* file : todo) {
            Storage::Transaction one_file(storage);
            sync_store::ApplyTally file_tally;
            SyncFileHeader header;
            const auto read = read_sync_file(file->path, header, [&](std::string_view changeset) {
                // A changeset lists rows in no set order: decks go before their notes, notes before
                // their cards, cards before their answers.
                std::vector<sync_store::Item> items;
                sync_store::read_changeset(
                    changeset, [&](std::string_view kind) { return apply_pass(kind) == pass; },
                    [&](sync_store::Item&& item) { items.push_back(std::move(item)); });
                std::stable_sort(items.begin(), items.end(),
                                 [](const auto& a, const auto& b) { return apply_rank(a.kind) < apply_rank(b.kind); });
                for (const auto& item : items)
                    sync_store::apply_item(storage, item, now, first_sync, file_tally, places);
            });
            if (read == SyncFileRead::incomplete) {
                if (pass == 0) report.skipped.push_back(file->path.filename().string());
                continue;  // rolled back
            }
            one_file.commit();
            whole.push_back(file);
            tally.applied += file_tally.applied;
            tally.unchanged += file_tally.unchanged;
            tally.lost += file_tally.lost;
            tally.orphans += file_tally.orphans;
            tally.replay_cards.insert(file_tally.replay_cards.begin(), file_tally.replay_cards.end());
            tally.aggregate_days.insert(file_tally.aggregate_days.begin(), file_tally.aggregate_days.end());
        }
        todo = std::move(whole);
    }
    for (const FolderFile* file : todo) sync_store::mark_file_applied(storage, file->path.filename().string());
    report.files_read = static_cast<int>(todo.size());
}

// Each card whose answers changed gets the schedule its merged log gives, and the statistics of the
// days whose answers changed are counted again. Returns the cards replayed.
int replay_merged_logs(Storage& storage, sync_store::ApplyTally& tally) {
    const DeckSchedulers schedulers = scheduler_configs(storage);
    int replayed = 0;
    for (Id card : tally.replay_cards) {
        const auto log = sync_store::card_log(storage, card);
        if (!log.start) continue;  // no answers: the schedule carried with it stands
        const auto merged = replay_merged_log(log, scheduler_of(schedulers, log.deck));
        for (const auto& review : merged.rewritten) {
            sync_store::rewrite_review(storage, review);
            tally.aggregate_days.emplace(review.day, log.deck);
        }
        if (merged.state) storage.set_card_state(card, *merged.state);
        ++replayed;
    }
    // Day by day for a day's sync; past a few hundred days (a device joining), one pass over the log
    // is faster than a search of it per day.
    if (tally.aggregate_days.size() > 300) {
        storage.rebuild_aggregates();
    } else {
        storage.rebuild_aggregates(tally.aggregate_days);
    }
    return replayed;
}

}  // namespace

SyncReport sync_collection(Storage& storage, const std::filesystem::path& dir) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw Error(
            fmt::format("the sync folder {} does not exist: create it (or mount it), then sync again", dir.string()));
    SyncReport report;
    // A first sync reads and writes every row: a 2 MB page cache would read pages again and again.
    storage.set_cache_size(64);
    // Written as an import is: foreign keys checked once at the end for the rows added, and the cards
    // it adds left for the first search to index.
    Storage::BulkImport bulk(storage);
    Storage::Transaction transaction(storage);
    bulk.begin();
    storage.start_note_tracking();  // where the notes it adds begin, for bulk.finish()'s check
    const bool first = !storage.capturing();
    if (first) storage.start_capture();
    storage.flush_capture();
    report.device = storage.device_id();
    const std::int64_t now = storage.now_micros();

    // What a sync of this device killed while writing left behind: its own partial files only.
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.starts_with("." + report.device + "-") && name.ends_with(".partial"))
            std::filesystem::remove(entry.path(), ec);
    }

    // Send: packed before anything is received, so this collection's own changes carry their stamps
    // when the others' are weighed against them. Published only once the whole sync has worked.
    const auto files = files_in(dir);
    const std::int64_t sequence = next_sequence(storage, files, report.device);
    const auto target = dir / sync_file_name({report.device, sequence});
    SyncFileWriter writer(target, SyncFileHeader{sync_file_version, report.device, sequence, now});
    Id outbox_end = 0;
    // A first sync sends this collection whole; so does a sync into a folder that holds none of the
    // files this device has written (one new to it). A device that has only received sends no echo.
    const bool whole = first || (sync_store::last_sequence(storage) > 0 &&
                                 std::none_of(files.begin(), files.end(), [&](const FolderFile& file) {
                                     return file.name.device == report.device;
                                 }));
    report.whole = whole;
    report.sent_items = pack(storage, first, whole, report.device, writer, outbox_end);
    writer.finish();
    if (outbox_end > 0) sync_store::clear_outbox(storage, outbox_end);

    // Receive: every other device's file not applied yet, each whole or not at all; then the merged
    // logs replayed. Not captured: those changes are the other devices' to send.
    sync_store::ApplyTally tally;
    storage.without_capture([&] {
        apply_files(storage, files, report, now, tally);
        report.replayed_cards = replay_merged_logs(storage, tally);
    });
    report.received_items = tally.applied;
    report.unchanged = tally.unchanged;
    report.lost = tally.lost;
    report.orphans = tally.orphans;

    bulk.finish();
    if (report.sent_items > 0) {
        sync_store::set_last_sequence(storage, sequence);
        writer.publish();
        report.sent_file = target.filename().string();
        report.sent_bytes = writer.bytes();
    }
    transaction.commit();
    return report;
}

}  // namespace rolecall
