#include "rolecall/decks/deck_sync.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace rolecall;
using namespace std::chrono_literals;

namespace {

const std::string original = test::two_roles_deck +
                             "pm/vision: Owns the vision.\n"
                             "po/stories: Writes user stories.\n"
                             "po/accept: Accepts finished work.\n";

Id card_id(Storage& storage, const std::string& note_key) {
    Id found = 0;
    storage.for_each_card(std::nullopt, [&](const CardRecord& card) {
        if (card.note_key == note_key) found = card.id;
    });
    return found;
}

}  // namespace

TEST_CASE("deck sync: an edit keeps unchanged and edited cards with their history, removed ones retire",
          "[deck_sync]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    auto first = sync_fact_deck(*storage, parse_fact_deck(original, "r.deck"), "r.deck", "h1");
    CHECK(first.added == 3);

    // Review the card that will be edited, so it has history and SM-2 state.
    Id stories = card_id(*storage, "statement:stories");
    ReviewRecord review = test::log_answer(*storage, stories, test::day("2026-11-22"), 5);

    std::string edited = original;
    edited.replace(edited.find("Writes user stories."), 20, "Writes and refines user stories.");
    edited.erase(edited.find("po/accept"));
    edited += "pm/roadmap: Owns the roadmap.\n";
    auto second = sync_fact_deck(*storage, parse_fact_deck(edited, "r.deck"), "r.deck", "h2");
    CHECK(second.added == 1);
    CHECK(second.updated == 1);
    CHECK(second.unchanged == 1);
    CHECK(second.retired == 1);

    CardRecord after = storage->card(stories);
    CHECK(after.front == "Which one?\nWrites and refines user stories.");
    CHECK(after.state == review.after);  // history and schedule survive the edit
    CHECK(storage->card(card_id(*storage, "statement:accept")).retired);
    int logged = 0;
    storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) {
        CHECK(r.card_id == stories);
        ++logged;
    });
    CHECK(logged == 1);

    // Syncing the same source again changes nothing; restoring the removed line brings its card back.
    auto again = sync_fact_deck(*storage, parse_fact_deck(edited, "r.deck"), "r.deck", "h2");
    CHECK_FALSE(again.changed());
    auto restored = sync_fact_deck(*storage, parse_fact_deck(edited + "po/accept: Accepts finished work.\n", "r.deck"),
                                   "r.deck", "h3");
    CHECK(restored.updated == 1);
    CHECK(restored.added == 0);
    CHECK_FALSE(storage->card(card_id(*storage, "statement:accept")).retired);
}

TEST_CASE("deck sync: a file is rebuilt only when its source changed", "[deck_sync]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    test::write_file(dir / "r.deck", original);
    CHECK_FALSE(build_deck_file(*storage, dir / "r.deck", true).skipped);
    CHECK(build_deck_file(*storage, dir / "r.deck", true).skipped);
    test::write_file(dir / "r.deck", original + "pm/new: A new fact.\n");
    auto outcome = build_deck_file(*storage, dir / "r.deck", true);
    CHECK_FALSE(outcome.skipped);
    CHECK(outcome.counts.added == 1);
}

TEST_CASE("deck sync: a settled file whose stamp was recorded at its last build is not read again", "[deck_sync]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    const auto file = dir / "r.deck";
    const std::string key = std::string(source_stamp_setting_prefix) + std::filesystem::absolute(file).string();
    test::write_file(file, original);
    CHECK_FALSE(build_deck_file(*storage, file, true).skipped);
    const std::string built_hash = storage->decks().front().source_hash;
    // Just written, a file has no stamp (it may change again within a tick of the file clock): it
    // is read, and nothing is recorded.
    test::write_file(file, original + "pm/new: A new fact.\n");
    CHECK_FALSE(source_stamp(file));
    CHECK(source_stamp(file, 0ns));
    std::this_thread::sleep_for(1100ms);
    const auto stamp = source_stamp(file);
    REQUIRE(stamp);
    // A stamp recorded with the stored deck's hash is trusted: the file is not read (the new fact
    // it holds would have been added).
    storage->set_setting(key, *stamp + " " + built_hash);
    CHECK(build_deck_file(*storage, file, true).skipped);
    // Without it, the file is read and built, and its stamp recorded with the new hash.
    storage->remove_setting(key);
    auto outcome = build_deck_file(*storage, file, true);
    CHECK_FALSE(outcome.skipped);
    CHECK(outcome.counts.added == 1);
    CHECK(storage->setting(key) == *stamp + " " + storage->decks().front().source_hash);
    CHECK(build_deck_file(*storage, file, true).skipped);
}
