// Unit tests of sync's parts: the folder's files, items as changesets, change capture, the merged
// log's replay, and sync_collection() between collections with injected clocks (no wall clock).
#include "rolecall/base/error.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/decks/fact_deck.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/storage/sync_store.hpp"
#include "rolecall/sync/log_replay.hpp"
#include "rolecall/sync/sync.hpp"
#include "rolecall/sync/sync_file.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <zstd.h>

#include <fmt/format.h>

#include <fstream>

using namespace rolecall;

namespace {

std::vector<std::string> read_all(const std::filesystem::path& path, SyncFileRead& result) {
    std::vector<std::string> changesets;
    SyncFileHeader header;
    result = read_sync_file(path, header, [&](std::string_view c) { changesets.emplace_back(c); });
    return changesets;
}

std::string file_bytes(const std::filesystem::path& path) { return test::read_file(path); }

sync_store::Item item(std::string kind, std::string key, std::int64_t at, nlohmann::json body) {
    return sync_store::Item{std::move(kind), std::move(key), sync_store::Stamp{at, "aa"}, std::move(body)};
}

std::int64_t scalar(Storage& storage, const std::filesystem::path& path, const char* sql) {
    (void)storage;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK);
    std::int64_t value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

const std::string roles_deck = test::two_roles_deck + "pm/vision: Owns the vision.\npo/stories: Writes user stories.\n";

// A collection of its own with a clock the test moves.
struct Device {
    explicit Device(const std::filesystem::path& path)
        : clock(std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000))),
          storage(Storage::open(path, true)) {
        storage->set_clock(&clock);
    }
    void later(int seconds = 1) { clock.advance(std::chrono::seconds(seconds)); }
    FixedClock clock;
    std::unique_ptr<Storage> storage;
};

std::vector<std::string> card_rows(Storage& storage) {
    std::vector<std::string> rows;
    storage.for_each_card(std::nullopt, [&](const CardRecord& card) {
        rows.push_back(fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", card.deck, card.note_key, card.view, card.front,
                                   card.suspended, card.state.repetitions, card.state.interval_days,
                                   card.state.due ? format_day(*card.state.due) : "-"));
    });
    std::sort(rows.begin(), rows.end());
    return rows;
}

Id card_of(Storage& storage, const std::string& key, const std::string& view) {
    Id found = 0;
    storage.for_each_card(std::nullopt, [&](const CardRecord& card) {
        if (card.note_key == key && card.view == view) found = card.id;
    });
    REQUIRE(found != 0);
    return found;
}

}  // namespace

TEST_CASE("sync file: names are DEVICE-SEQUENCE.rcsync and nothing else", "[sync]") {
    CHECK(sync_file_name({"00ff", 12}) == "00ff-00000012.rcsync");
    auto name = parse_sync_file_name("00ff-00000012.rcsync");
    REQUIRE(name);
    CHECK(name->device == "00ff");
    CHECK(name->sequence == 12);
    CHECK_FALSE(parse_sync_file_name(".00ff-00000012.rcsync.partial"));
    CHECK_FALSE(parse_sync_file_name("00ff-00000012.rcsync.partial"));
    CHECK_FALSE(parse_sync_file_name("00FF-1.rcsync"));
    CHECK_FALSE(parse_sync_file_name("00ff-0.rcsync"));
    CHECK_FALSE(parse_sync_file_name("00ff-x.rcsync"));
    CHECK_FALSE(parse_sync_file_name("-1.rcsync"));
}

TEST_CASE("sync file: written under a temporary name and read back whole or known as cut short", "[sync]") {
    test::TempDir dir;
    const auto target = dir.path() / "00ff-00000001.rcsync";
    {
        SyncFileWriter writer(target, SyncFileHeader{sync_file_version, "00ff", 1, 42});
        writer.add_changeset("first", 1);
        writer.add_changeset(std::string(100000, 'x'), 2);
        writer.finish();
        CHECK_FALSE(std::filesystem::exists(target));
        CHECK(std::filesystem::exists(dir.path() / ".00ff-00000001.rcsync.partial"));
        writer.publish();
    }
    CHECK_FALSE(std::filesystem::exists(dir.path() / ".00ff-00000001.rcsync.partial"));
    SyncFileRead result{};
    SyncFileHeader header;
    std::vector<std::string> changesets;
    result = read_sync_file(target, header, [&](std::string_view c) { changesets.emplace_back(c); });
    CHECK(result == SyncFileRead::whole);
    CHECK(header.device == "00ff");
    CHECK(header.sequence == 1);
    CHECK(header.created == 42);
    REQUIRE(changesets.size() == 2);
    CHECK(changesets[0] == "first");
    CHECK(changesets[1] == std::string(100000, 'x'));
    CHECK(std::filesystem::file_size(target) < 1000);  // compressed

    // Cut at every length: never read as whole, never an error.
    const std::string bytes = file_bytes(target);
    for (std::size_t size = 0; size < bytes.size(); ++size) {
        test::write_file(dir.path() / "cut.rcsync", bytes.substr(0, size));
        read_all(dir.path() / "cut.rcsync", result);
        CHECK(result == SyncFileRead::incomplete);
    }

    // A writer given up on leaves nothing.
    { SyncFileWriter abandoned(dir.path() / "00ff-00000002.rcsync", SyncFileHeader{1, "00ff", 2, 0}); }
    CHECK_FALSE(std::filesystem::exists(dir.path() / ".00ff-00000002.rcsync.partial"));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "00ff-00000002.rcsync"));
}

TEST_CASE("sync file: a changed byte is damage refused with the file's name", "[sync]") {
    test::TempDir dir;
    const auto target = dir.path() / "00ff-00000001.rcsync";
    {
        SyncFileWriter writer(target, SyncFileHeader{sync_file_version, "00ff", 1, 42});
        writer.add_changeset(std::string(5000, 'y'), 1);
        writer.finish();
        writer.publish();
    }
    std::string bytes = file_bytes(target);
    bytes[bytes.size() - 2] = static_cast<char>(bytes[bytes.size() - 2] ^ 0x5a);  // inside the checksum
    test::write_file(target, bytes);
    SyncFileRead result{};
    CHECK_THROWS_WITH(read_all(target, result), Catch::Contains("00ff-00000001.rcsync is damaged"));
    test::write_file(target, "not zstd at all");
    CHECK_THROWS_WITH(read_all(target, result), Catch::Contains("is damaged"));
}

TEST_CASE("sync items: a changeset of items reads back item for item and a later add of a key replaces", "[sync]") {
    sync_store::ChangesetWriter writer;
    writer.add(item("note", "d\x1fk1", 5, {{"fact", "one"}}));
    writer.add(item("answer", "u1", 6, {{"grade", 4}}));
    writer.add(item("note", "d\x1fk1", 7, {{"fact", "two"}}));
    CHECK(writer.size() == 3);
    const std::string changeset = writer.take();
    CHECK(writer.size() == 0);
    std::map<std::string, sync_store::Item> read;
    const auto all = [](std::string_view) { return true; };
    sync_store::read_changeset(changeset, all,
                               [&](sync_store::Item&& i) { read[i.kind + "/" + i.key] = std::move(i); });
    REQUIRE(read.size() == 2);
    CHECK(read["note/d\x1fk1"].body["fact"] == "two");
    CHECK(read["note/d\x1fk1"].stamp.at == 7);
    CHECK(read["answer/u1"].body["grade"] == 4);
    CHECK(writer.take().empty());  // nothing added since
    CHECK_THROWS_WITH(sync_store::read_changeset("garbage", all, [](sync_store::Item&&) {}),
                      Catch::Contains("damaged"));
    std::size_t notes = 0;
    sync_store::read_changeset(
        changeset, [](std::string_view kind) { return kind == "note"; }, [&](sync_store::Item&&) { ++notes; });
    CHECK(notes == 1);
}

TEST_CASE("sync capture: off until the first sync and then each commit is kept but not a rollback", "[sync]") {
    test::TempDir dir;
    Device device(dir.path() / "c.db");
    Storage& storage = *device.storage;
    storage.set_setting("new-per-day", "5");
    CHECK_FALSE(storage.capturing());
    {
        Storage::Transaction transaction(storage);
        storage.start_capture();
        transaction.commit();
    }
    CHECK(sync_store::outbox(storage).empty());
    {
        Storage::Transaction transaction(storage);
        storage.set_setting("new-per-day", "6");
        transaction.commit();
    }
    {
        Storage::Transaction transaction(storage);
        storage.set_setting("new-per-day", "7");
        // rolled back
    }
    device.later();
    storage.without_capture([&] { storage.set_setting("reviews-per-day", "50"); });
    auto entries = sync_store::outbox(storage);
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].at == 1'800'000'000'000'000);
    const auto items = sync_store::items_changed(storage, entries, "aa");
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == "setting");
    CHECK(items[0].body["value"] == "6");

    // Capture stays on when the collection is opened again.
    device.storage.reset();
    auto reopened = Storage::open(dir.path() / "c.db", false);
    CHECK(reopened->capturing());
    reopened->set_setting("colour", "never");  // outside a transaction: kept when the storage closes
    reopened.reset();
    reopened = Storage::open(dir.path() / "c.db", false);
    CHECK(sync_store::outbox(*reopened).size() == 2);
}

TEST_CASE("storage: schema 6 names decks and answers the same on every device", "[storage][sync]") {
    test::TempDir dir;
    auto storage = Storage::open(dir.path() / "c.db", true);
    sync_fact_deck(*storage, parse_fact_deck(roles_deck, "r.deck"), "r.deck", "h");
    const Id card = card_of(*storage, "statement:vision", "choice");
    test::log_answer(*storage, card, test::day("2026-11-02"), 4);
    test::log_answer(*storage, card, test::day("2026-11-03"), 4);
    CHECK(scalar(*storage, dir.path() / "c.db", "SELECT count(DISTINCT uid) FROM reviews WHERE length(uid) = 24") == 2);
    CHECK(scalar(*storage, dir.path() / "c.db", "SELECT count(*) FROM decks WHERE uid = name") == 1);
    CHECK(storage->device_id().size() == 16);
    // A deck renamed keeps its uid; a new deck of the old name gets one of its own.
    const Id roles = storage->find_deck("Roles")->id;
    storage->rename_deck(roles, "Old roles");
    storage->create_deck("Roles", "", "");
    CHECK(scalar(*storage, dir.path() / "c.db", "SELECT count(DISTINCT uid) FROM decks") == 2);
}

TEST_CASE("sync replay: answers that follow each other keep their states and offline ones are scheduled again",
          "[sync]") {
    const SchedulerConfig sm2{};
    sync_store::CardLog log;
    log.card = 7;
    log.start = CardState{};
    const Day d1 = test::day("2026-11-02");
    const Day d2 = test::day("2026-11-04");
    const CardState after1 = schedule_answer(CardState{}, 4, d1, sm2, 7);
    // Device one: day 1 then day 2, in order.
    log.reviews.push_back({1, d1, "u1", 4, false, CardState{}, after1});
    // Device two answered on day 1 too, from the new state: the day's second answer becomes a drill.
    log.reviews.push_back({2, d1, "u2", 2, false, CardState{}, schedule_answer(CardState{}, 2, d1, sm2, 99)});
    // Device two again on day 2, from its own state: not the state the merged log has.
    log.reviews.push_back({3, d2, "u3", 5, false, CardState{}, schedule_answer(CardState{}, 5, d2, sm2, 99)});
    const auto merged = replay_merged_log(log, sm2);
    REQUIRE(merged.rewritten.size() == 2);
    CHECK(merged.rewritten[0].id == 2);
    CHECK(merged.rewritten[0].drill);
    CHECK(merged.rewritten[0].before == after1);
    CHECK(merged.rewritten[0].after == after1);
    CHECK(merged.rewritten[1].id == 3);
    CHECK_FALSE(merged.rewritten[1].drill);
    CHECK(merged.rewritten[1].before == after1);
    REQUIRE(merged.state);
    CHECK(*merged.state == merged.rewritten[1].after);
    CHECK(merged.state->repetitions == 2);

    // The same log on another device, where the card has another id: the same schedule, fuzz and all.
    SchedulerConfig fsrs;
    fsrs.kind = SchedulerKind::fsrs;
    auto elsewhere = log;
    elsewhere.card = 1234;
    CHECK(*replay_merged_log(log, fsrs).state == *replay_merged_log(elsewhere, fsrs).state);

    // No answers left (all undone): the state before the first of them.
    sync_store::CardLog undone;
    undone.start = after1;
    CHECK(*replay_merged_log(undone, sm2).state == after1);
}

TEST_CASE("sync: two collections converge and the later change wins while the other is kept", "[sync]") {
    test::TempDir dir;
    const auto folder = dir.path() / "shared";
    std::filesystem::create_directory(folder);
    Device a(dir.path() / "a.db");
    Device b(dir.path() / "b.db");
    sync_fact_deck(*a.storage, parse_fact_deck(roles_deck, "r.deck"), "r.deck", "h");
    test::log_answer(*a.storage, card_of(*a.storage, "statement:vision", "choice"), test::day("2026-11-02"), 4);
    a.storage->set_setting("deck/" + std::to_string(a.storage->find_deck("Roles")->id) + "/new-per-day", "3");
    const auto first = sync_collection(*a.storage, folder);
    CHECK(first.sent_items > 0);
    CHECK(first.sent_file == sync_file_name({a.storage->device_id(), 1}));
    b.later(5);
    const auto joined = sync_collection(*b.storage, folder);
    CHECK(joined.sent_file.empty());  // nothing of its own yet
    CHECK(joined.files_read == 1);
    CHECK(card_rows(*b.storage) == card_rows(*a.storage));
    // The deck's setting arrives under b's own id for the deck.
    CHECK(b.storage->setting("deck/" + std::to_string(b.storage->find_deck("Roles")->id) + "/new-per-day") == "3");

    // Both suspend-or-not the same card; b's change is later.
    const Id on_a = card_of(*a.storage, "statement:stories", "choice");
    const Id on_b = card_of(*b.storage, "statement:stories", "choice");
    a.later(10);
    a.storage->set_suspended({on_a}, true);
    b.later(20);
    b.storage->set_suspended({on_b}, true);
    b.later(1);
    b.storage->set_suspended({on_b}, false);
    sync_collection(*a.storage, folder);
    const auto merged = sync_collection(*b.storage, folder);
    CHECK(merged.lost == 1);
    CHECK(sync_store::conflict_count(*b.storage) == 1);
    sync_collection(*a.storage, folder);
    CHECK_FALSE(a.storage->card(on_a).suspended);
    CHECK(card_rows(*b.storage) == card_rows(*a.storage));

    // A rename on one side, the deck's deletion later on the other.
    a.later(100);
    a.storage->rename_deck(a.storage->find_deck("Roles")->id, "Roles 2");
    sync_collection(*a.storage, folder);
    sync_collection(*b.storage, folder);
    CHECK(b.storage->find_deck("Roles 2"));
    b.later(200);
    {
        Storage::Transaction transaction(*b.storage);
        b.storage->delete_deck(b.storage->find_deck("Roles 2")->id);
        transaction.commit();
    }
    sync_collection(*b.storage, folder);
    sync_collection(*a.storage, folder);
    CHECK_FALSE(a.storage->find_deck("Roles 2"));
    CHECK(card_rows(*a.storage).empty());

    // Nothing more: a sync sends no file and changes nothing.
    const auto idle = sync_collection(*a.storage, folder);
    CHECK(idle.sent_file.empty());
    CHECK(idle.received_items == 0);
}

TEST_CASE("sync: a missing folder is named", "[sync]") {
    test::TempDir dir;
    auto storage = Storage::open(dir.path() / "c.db", true);
    CHECK_THROWS_WITH(sync_collection(*storage, dir.path() / "nope"), Catch::Contains("nope does not exist"));
    CHECK_FALSE(storage->capturing());
}

TEST_CASE("sync: changes at the same moment are decided by the device id", "[sync]") {
    test::TempDir dir;
    const auto folder = dir.path() / "shared";
    std::filesystem::create_directory(folder);
    Device a(dir.path() / "a.db");
    Device b(dir.path() / "b.db");
    sync_fact_deck(*a.storage, parse_fact_deck(roles_deck, "r.deck"), "r.deck", "h");
    sync_collection(*a.storage, folder);
    sync_collection(*b.storage, folder);
    // Both clocks read the same moment; each device suspends the card or not.
    a.later(60);
    b.later(60);
    a.storage->set_suspended({card_of(*a.storage, "statement:vision", "choice")}, true);
    b.storage->set_suspended({card_of(*b.storage, "statement:vision", "choice")}, true);
    b.storage->set_suspended({card_of(*b.storage, "statement:vision", "choice")}, false);
    for (int round = 0; round < 2; ++round) {
        sync_collection(*a.storage, folder);
        sync_collection(*b.storage, folder);
    }
    const bool a_wins = a.storage->device_id() > b.storage->device_id();
    CHECK(a.storage->card(card_of(*a.storage, "statement:vision", "choice")).suspended == a_wins);
    CHECK(card_rows(*a.storage) == card_rows(*b.storage));
}

TEST_CASE("sync: a folder new to a device gets its collection whole", "[sync]") {
    test::TempDir dir;
    std::filesystem::create_directory(dir.path() / "old");
    std::filesystem::create_directory(dir.path() / "new");
    Device a(dir.path() / "a.db");
    sync_fact_deck(*a.storage, parse_fact_deck(roles_deck, "r.deck"), "r.deck", "h");
    a.storage->set_suspended({card_of(*a.storage, "statement:vision", "choice")}, true);
    CHECK(sync_collection(*a.storage, dir.path() / "old").whole);
    a.later(10);
    a.storage->set_suspended({card_of(*a.storage, "statement:stories", "choice")}, true);
    CHECK_FALSE(sync_collection(*a.storage, dir.path() / "old").whole);
    const auto moved = sync_collection(*a.storage, dir.path() / "new");
    CHECK(moved.whole);
    CHECK(moved.sent_items > 0);
    Device b(dir.path() / "b.db");
    sync_collection(*b.storage, dir.path() / "new");
    CHECK(card_rows(*b.storage) == card_rows(*a.storage));
    CHECK(b.storage->card(card_of(*b.storage, "statement:stories", "choice")).suspended);
}

TEST_CASE("fuzz regressions: sync files refused quickly", "[sync][fuzz]") {
    // header-of-641-columns.txt: a changeset whose table header claims 641 columns; SQLite's iterator
    // spent seconds on it (a libFuzzer timeout). Each input is a sync file's content before zstd.
    const auto inputs = std::filesystem::path(ROLECALL_TEST_DATA) / "fuzz-regressions" / "sync";
    int replayed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(inputs)) {
        INFO(entry.path());
        test::TempDir dir;
        std::filesystem::create_directory(dir.path() / "shared");
        const std::string text = test::read_file(entry.path());
        std::string packed(ZSTD_compressBound(text.size()), '\0');
        packed.resize(ZSTD_compress(packed.data(), packed.size(), text.data(), text.size(), 1));
        test::write_file(dir.path() / "shared" / "00aa-00000001.rcsync", packed);
        auto storage = Storage::open(dir.path() / "c.db", true);
        CHECK_THROWS_WITH(sync_collection(*storage, dir.path() / "shared"), Catch::Contains("damaged"));
        ++replayed;
    }
    CHECK(replayed >= 1);
}
