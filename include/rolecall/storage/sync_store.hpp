// What sync reads from and writes to a collection (sync/sync.hpp runs it). Rows are carried between
// devices as items named by identities every device shares, never by local row ids: a deck by its
// uid, a note by its deck's uid and its key, a card by its note's and its view, an answer by its uid,
// a setting by its name (and its deck's uid). Each item's body is JSON; its stamp (time, device)
// decides between two changes of one item. This is the storage module's part: every SQL statement of
// sync is here.
#pragma once

#include "rolecall/model.hpp"
#include "rolecall/storage/storage.hpp"

#include <nlohmann/json.hpp>

#include <compare>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall::sync_store {

// When an item last changed and where: the later wins, ties broken by the device id.
struct Stamp {
    std::int64_t at = 0;  // microseconds since 1970, UTC
    std::string device;
    friend auto operator<=>(const Stamp&, const Stamp&) = default;
};

// The kinds of item, as they are named in a sync file.
inline constexpr std::string_view deck_kind = "deck";
inline constexpr std::string_view note_kind = "note";
inline constexpr std::string_view card_kind = "card";    // a card's text and what it asks
inline constexpr std::string_view flags_kind = "flags";  // suspended, buried
inline constexpr std::string_view state_kind = "state";  // its schedule (replayed from the log when it has one)
// A card's answers, several to an item (one item per card, not per answer: a first sync of a million
// answers packs and applies a tenth as many rows). Each answer is an array, in the order of
// answer_fields(); answers are never in conflict, so the item's stamp plays no part.
inline constexpr std::string_view answers_kind = "answers";
inline constexpr std::string_view setting_kind = "setting";
inline constexpr std::string_view categories_kind = "categories";

struct Item {
    std::string kind;
    std::string key;  // parts joined by '\x1f'
    Stamp stamp;
    nlohmann::json body;
};

// ---- items as changesets
// A sync file carries items as changesets of one table, item (kind, key, at, device, body), recorded
// by SQLite's session extension on a scratch database in memory: the format SQLite itself reads,
// versioned with SQLite, and iterated without building that database again on the other side.
class ChangesetWriter {
public:
    ChangesetWriter();
    ~ChangesetWriter();
    ChangesetWriter(const ChangesetWriter&) = delete;
    ChangesetWriter& operator=(const ChangesetWriter&) = delete;
    void add(const Item& item);  // a later item of the same kind and key replaces an earlier one
    int size() const { return m_items; }
    std::size_t bytes() const { return m_bytes; }  // of the bodies added since the last take()
    std::string take();                            // the changeset of the items added since the last take()

private:
    void start();
    ::sqlite3* m_db = nullptr;
    ::sqlite3_session* m_session = nullptr;
    ::sqlite3_stmt* m_insert = nullptr;
    int m_items = 0;
    std::size_t m_bytes = 0;
};
// Calls `visit` for each item of a changeset ChangesetWriter made whose kind `wanted` takes (the
// others' bodies are not parsed); an Error for anything else.
void read_changeset(std::string_view changeset, const std::function<bool(std::string_view kind)>& wanted,
                    const std::function<void(Item&&)>& visit);

// ---- sending

struct OutboxEntry {
    Id id = 0;
    std::int64_t at = 0;
    std::string changeset;
};
std::vector<OutboxEntry> outbox(Storage& storage);
void clear_outbox(Storage& storage, Id up_to);

// The items the local changesets touched, each read as it is now and stamped with the latest
// change's time and `device`; a deck deleted since, or a setting removed, as a tombstone.
std::vector<Item> items_changed(Storage& storage, const std::vector<OutboxEntry>& entries, const std::string& device);
// Every item of the collection. At a first sync (`first`) stamped with the time of its latest answer
// (0 for a collection never answered in), so that a fresh device's defaults lose to a used one's;
// later (a folder new to this device) each with the stamp it has here.
void for_each_item(Storage& storage, const std::string& device, bool first,
                   const std::function<void(const Item&)>& visit);
// Every deck item, with the stamp each last had: sent with every change so that a receiver knows
// the decks its notes and cards belong to.
std::vector<Item> deck_items(Storage& storage, const std::string& device);

// The sequence number of this device's latest file in a sync folder (0: none yet).
std::int64_t last_sequence(Storage& storage);
void set_last_sequence(Storage& storage, std::int64_t sequence);

// The body the item has here now, as this collection would send it; none when it has no such item.
std::optional<nlohmann::json> current_body(Storage& storage, const Item& item);

// The stamp of every item this collection held at its first sync and has not changed since: the
// time of its latest answer then, and this device. Those items have no row in sync_stamps.
Stamp first_sync_stamp(Storage& storage, const std::string& device);
// The stamp recorded for an item (sent from here, or applied here); none for an item first_sync_stamp() dates.
std::optional<Stamp> stamp_of(Storage& storage, const Item& item);
void set_stamp(Storage& storage, const Item& item);

// ---- receiving

bool file_applied(Storage& storage, const std::string& file);
void mark_file_applied(Storage& storage, const std::string& file);

struct ApplyTally {
    int applied = 0;                              // items that changed this collection
    int unchanged = 0;                            // seen before, or no different
    int lost = 0;                                 // older than this collection's own change: kept in sync_conflicts
    int orphans = 0;                              // for a deck, note or card this collection does not have
    std::set<Id> replay_cards;                    // cards whose log or schedule changed
    std::set<std::pair<Day, Id>> aggregate_days;  // (day, deck) whose aggregates need a rebuild
};
// Where a card key's deck, note and card are here: looked up once per sync, not once per answer.
struct CardPlace {
    Id deck = 0;
    Id note = 0;
    Id card = 0;
};
using CardPlaces = std::map<std::string, CardPlace, std::less<>>;

// Applies one item from another device: the later change wins; an answer is added once.
// `first_sync`: this collection's first_sync_stamp(), read once per sync.
void apply_item(Storage& storage, const Item& item, std::int64_t now, const Stamp& first_sync, ApplyTally& tally,
                CardPlaces& places);

// A card's answers in the merged order (study day, time, uid), undone ones left out.
struct LoggedReview {
    Id id = 0;
    Day day;
    std::string uid;
    int grade = 0;
    bool drill = false;
    CardState before;
    CardState after;
};
struct CardLog {
    Id card = 0;
    Id deck = 0;
    std::optional<CardState> start;     // before its first answer, undone ones included; none: never answered
    std::vector<LoggedReview> reviews;  // not undone
};
CardLog card_log(Storage& storage, Id card);
void rewrite_review(Storage& storage, const LoggedReview& review);

int conflict_count(Storage& storage);

}  // namespace rolecall::sync_store
