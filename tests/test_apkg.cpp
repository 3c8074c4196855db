// Anki packages and collections, read through the importer: one card per card row of the package,
// rendered from its note type's template; schedules and suspension with --keep-schedule; bare
// collection files.
#include "anki_package.hpp"
#include "import_fixture.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/decks/note_writer.hpp"
#include "rolecall/import/import.hpp"
#include "rolecall/import/imported_note.hpp"
#include "rolecall/import/readers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <map>

using namespace rolecall;

namespace {

struct Fixture : test::ImportFixture {
    // The cards of a deck by "note key/view".
    std::map<std::string, CardRecord> cards(const std::string& deck) {
        std::map<std::string, CardRecord> found;
        storage->for_each_card(std::nullopt, [&](const CardRecord& card) {
            if (card.deck == deck) found[card.note_key + "/" + card.view] = card;
        });
        return found;
    }
};

// A new SQLite file made by `sql`.
void make_sqlite(const std::filesystem::path& file, const char* sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
    CHECK(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
}

using test::counts_of;

std::vector<test::AnkiFixtureNotetype> notetypes() {
    auto types = test::template_notetypes();
    types.push_back(test::two_template_basic());
    return types;
}

// One note of each kind that the note type's name used to get wrong.
std::vector<test::AnkiFixtureNote> template_notes() {
    return {
        {1650000000001, "two", 1, "sol\x1fsun", "", 10},
        {1650000000002, "opt-on", 4,
         "perro\x1f"
         "dog\x1fy",
         "", 10},
        // Add Reverse empty: Anki made card 1 only.
        {1650000000003,
         "opt-off",
         4,
         "gato\x1f"
         "cat\x1f",
         "",
         10,
         0,
         0,
         0,
         0,
         {{0}}},
        // ... and here a card 2 that Anki kept after Add Reverse was emptied: blank, so left out.
        {1650000000004, "opt-stale", 4,
         "pez\x1f"
         "fish\x1f",
         "", 10},
        {1650000000005, "de", 5,
         "Hund\x1f"
         "dog",
         "", 12},
        {1650000000006, "ex", 6,
         "<b>Haus</b>\x1fhouse\x1f"
         "Das Haus ist alt.",
         "noun", 12},
        {1650000000007, "no-ex", 6, "Baum\x1ftree\x1f", "", 12},
        {1650000000008, "typed", 7,
         "Hauptstadt?\x1f"
         "Berlin",
         "", 12},
        {1650000000009, "cloze", 3,
         "{{c1::Paris}} is in {{c2::France}}\x1f"
         "extra",
         "", 11},
        // A typo leaves no valid deletion: Anki shows nothing to ask, so the note is left out.
        {1650000000010, "typo", 3, "{{c1L::Paris}} is in France\x1f", "", 11},
    };
}

}  // namespace

TEST_CASE("apkg: one card per card row, rendered from the note type's templates", "[import][apkg][templates]") {
    const auto layout = GENERATE(test::AnkiLayout::legacy, test::AnkiLayout::modern);
    INFO((layout == test::AnkiLayout::legacy ? "legacy" : "modern"));
    Fixture f;
    test::write_apkg(f.dir / "t.apkg", template_notes(), layout, notetypes());
    auto report = f.import({f.dir / "t.apkg"});
    // French: 2 (two-template Basic) + 2 (optional reversed, on) + 1 (off) + 1 (stale card 2 left out).
    CHECK(counts_of(report, "Lang::French").added == 6);
    CHECK(counts_of(report, "Lang::French").skipped == 1);
    // Deutsch: 2 (German reversed) + 1 + 1 (Vocab) + 1 (typed).
    CHECK(counts_of(report, "Deutsch").added == 5);
    CHECK(counts_of(report, "Default").added == 2);
    CHECK(counts_of(report, "Default").skipped == 1);
    REQUIRE(report.files.size() == 1);
    REQUIRE(report.files[0].first_skipped.size() == 2);
    CHECK(report.files[0].first_skipped[0].id == "1650000000004 card 2");
    CHECK(report.files[0].first_skipped[0].kind == "empty front");
    CHECK(report.files[0].first_skipped[0].detail == "empty front");
    CHECK(report.files[0].first_skipped[1].id == "1650000000010");
    CHECK(report.files[0].first_skipped[1].kind == "cloze without a deletion");

    auto french = f.cards("Lang::French");
    REQUIRE(french.size() == 6);
    CHECK(french["guid:two/forward"].front == "sol");
    CHECK(french["guid:two/forward"].back == "sun");
    CHECK(french["guid:two/reverse"].front == "sun");
    CHECK(french["guid:two/reverse"].back == "sol");
    CHECK(french["guid:opt-on/reverse"].front == "dog");
    // The flag field is no part of the answer any more.
    CHECK(french["guid:opt-off/forward"].back == "cat");
    CHECK(french.count("guid:opt-off/reverse") == 0);
    CHECK(french.count("guid:opt-stale/reverse") == 0);

    auto deutsch = f.cards("Deutsch");
    REQUIRE(deutsch.size() == 5);
    CHECK(deutsch["guid:de/forward"].front == "Hund");
    CHECK(deutsch["guid:de/reverse"].front == "dog");
    CHECK(deutsch["guid:de/reverse"].back == "Hund");
    CHECK(deutsch["guid:ex/forward"].front == "Haus\nDas Haus ist alt.");
    CHECK(deutsch["guid:ex/forward"].back == "house\nnoun / Deutsch");
    CHECK(deutsch["guid:ex/forward"].tags == "noun");
    CHECK(deutsch["guid:no-ex/forward"].front == "Baum");
    CHECK(deutsch["guid:no-ex/forward"].back == "tree\n(no example)\n/ Deutsch");
    CHECK(deutsch["guid:typed/forward"].front == "Hauptstadt?");
    CHECK(deutsch["guid:typed/forward"].back == "Berlin");

    auto cloze = f.cards("Default");
    REQUIRE(cloze.size() == 2);
    CHECK(cloze["guid:cloze/c1"].front == "[...] is in France");
    CHECK(cloze["guid:cloze/c1"].back == "Paris");
    CHECK(cloze["guid:cloze/c1"].explanation == "Paris is in France\nextra");
    CHECK(cloze["guid:cloze/c2"].front == "Paris is in [...]");
    CHECK(cloze["guid:cloze/c2"].kind == CardKind::cloze);

    // Imported again: nothing added, nothing changed.
    auto again = f.import({f.dir / "t.apkg"});
    for (const char* deck : {"Lang::French", "Deutsch", "Default"}) {
        INFO(deck);
        CHECK(counts_of(again, deck).added == 0);
        CHECK(counts_of(again, deck).updated == 0);
        CHECK(counts_of(again, deck).retired == 0);
    }
    CHECK(counts_of(again, "Deutsch").unchanged == 5);
}

TEST_CASE("apkg: a card whose template is broken or missing is left out and named, its siblings stay",
          "[import][apkg][templates]") {
    Fixture f;
    const test::AnkiFixtureNotetype broken{
        8, "Broken", false, {"Front", "Back"}, {{"Card 1", "{{#Front}}{{Front}}", "{{Back}}"}, test::basic_reverse}};
    test::write_apkg(f.dir / "b.apkg",
                     {{1650000000001, "both", 8,
                       "a\x1f"
                       "b",
                       "", 10},
                      {1650000000002,
                       "first",
                       8,
                       "c\x1f"
                       "d",
                       "",
                       10,
                       0,
                       0,
                       0,
                       0,
                       {{0}}},
                      {1650000000003,
                       "none",
                       1,
                       "e\x1f"
                       "f",
                       "",
                       10,
                       0,
                       0,
                       0,
                       0,
                       {{3}}}},
                     test::AnkiLayout::modern, {broken});
    auto report = f.import({f.dir / "b.apkg"});
    CHECK(counts_of(report, "Lang::French").added == 1);
    CHECK(counts_of(report, "Lang::French").skipped == 3);
    const auto& skipped = report.files.at(0).first_skipped;
    REQUIRE(skipped.size() == 3);
    CHECK(skipped[0].id == "1650000000001 card 1");
    CHECK(skipped[0].kind == "template error");
    CHECK(skipped[0].detail == "front: {{#Front}} is never closed with {{/Front}}");
    CHECK(skipped[1].id == "1650000000002");
    CHECK(skipped[1].detail == "card 1: front: {{#Front}} is never closed with {{/Front}}");
    CHECK(skipped[2].id == "1650000000003");
    CHECK(skipped[2].kind == "no template");
    CHECK(skipped[2].detail == "card 4: its note type has no template for it");
    CHECK(f.cards("Lang::French").at("guid:both/reverse").front == "b");
}

TEST_CASE("apkg: a package imported by the name-guessing reader is updated in place, not duplicated",
          "[import][apkg][templates][identity]") {
    Fixture f;
    // What rolecall stored before cards came from templates: anki_note() guessed the cards from the
    // note type's name, the fields turned to text first ("Basic (optional reversed card)" as Basic,
    // its flag field behind the back).
    {
        Storage::Transaction transaction(*f.storage);
        NoteWriter writer(*f.storage);
        const Id deck = f.storage->create_deck("Lang::French", "", "");
        NoteCounts counts;
        writer.write(
            deck, "Lang::French",
            import::anki_note("Lang::French", "guid:rev", "Basic (and reversed card)", false, {"chat", "cat"}, ""),
            counts);
        writer.write(deck, "Lang::French",
                     import::anki_note("Lang::French", "guid:basic", "Basic", false, {"bonjour", "hello"}, ""), counts);
        writer.write(deck, "Lang::French",
                     import::anki_note("Lang::French", "guid:opt", "Basic (optional reversed card)", false,
                                       {"perro", "dog", "y"}, ""),
                     counts);
        writer.write(deck, "Lang::French",
                     import::anki_note("Lang::French", "guid:cloze", "Cloze", true,
                                       {"{{c1::Paris}} is in {{c2::France}}", ""}, ""),
                     counts);
        transaction.commit();
        REQUIRE(counts.added == 6);
    }
    test::write_apkg(f.dir / "old.apkg",
                     {{1650000000001, "rev", 2,
                       "chat\x1f"
                       "cat",
                       "", 10},
                      {1650000000002, "basic", 1, "bonjour\x1fhello", "", 10},
                      {1650000000003, "opt", 4,
                       "perro\x1f"
                       "dog\x1fy",
                       "", 10},
                      {1650000000004, "cloze", 3, "{{c1::Paris}} is in {{c2::France}}\x1f", "", 10}},
                     test::AnkiLayout::modern, test::template_notetypes());
    auto report = f.import({f.dir / "old.apkg"});
    const auto counts = counts_of(report, "Lang::French");
    // Only the reverse card of the optional type is new; its first card loses the flag from its back.
    CHECK(counts.added == 1);
    CHECK(counts.updated == 1);
    CHECK(counts.unchanged == 5);
    CHECK(counts.retired == 0);
    CHECK(f.cards("Lang::French")["guid:opt/forward"].back == "dog");
    auto again = counts_of(f.import({f.dir / "old.apkg"}), "Lang::French");
    CHECK(again.added == 0);
    CHECK(again.unchanged == 7);
}

TEST_CASE("apkg: --keep-schedule keeps suspension, relearning and learning cards as Anki had them",
          "[import][apkg][schedule]") {
    Fixture f;
    std::vector<test::AnkiFixtureNote> notes = {
        // Card 1 suspended in review, card 2 buried (for a day only: not kept).
        {1650000000001,
         "rev",
         2,
         "chat\x1f"
         "cat",
         "",
         10,
         0,
         0,
         0,
         0,
         {{0, -1, 2, 20, 2400, 40}, {1, -2, 2, 5, 2600, 10}}},
        // Relearning: Anki's interval and ease, due today; its due is a timestamp.
        {1650000000002,
         "relearn",
         1,
         "a\x1f"
         "b",
         "",
         10,
         0,
         0,
         0,
         0,
         {{0, 1, 3, 7, 2100, 1767300000, 0, 9, 2}}},
        // Learning: due today as a one-day card.
        {1650000000003,
         "learn",
         1,
         "c\x1f"
         "d",
         "",
         10,
         0,
         0,
         0,
         0,
         {{0, 1, 1, 0, 0, 1767300000}}},
        // New and suspended; new and sibling-buried.
        {1650000000004,
         "new-suspended",
         1,
         "e\x1f"
         "f",
         "",
         10,
         0,
         0,
         0,
         0,
         {{0, -1, 0}}},
        {1650000000005, "new-buried", 1, "g\x1fh", "", 10, 0, 0, 0, 0, {{0, -3, 0}}},
    };
    test::write_apkg(f.dir / "s.apkg", notes, test::AnkiLayout::legacy);
    ImportOptions keep;
    keep.keep_schedule = true;
    CHECK(counts_of(f.import({f.dir / "s.apkg"}, keep), "Lang::French").added == 6);
    auto cards = f.cards("Lang::French");
    const CardRecord& suspended = cards["guid:rev/forward"];
    CHECK(suspended.suspended);
    CHECK(suspended.state.interval_days == 20);
    CHECK(suspended.state.due == test::day("2026-02-10"));  // crt 2026-01-01 + 40 days
    const CardRecord& buried = cards["guid:rev/reverse"];
    CHECK_FALSE(buried.suspended);
    CHECK(buried.state.interval_days == 5);
    CHECK(buried.state.ease == 260);
    const CardRecord& relearning = cards["guid:relearn/forward"];
    CHECK_FALSE(relearning.suspended);
    CHECK(relearning.state.interval_days == 7);
    CHECK(relearning.state.ease == 210);
    CHECK(relearning.state.lapses == 2);
    CHECK(relearning.state.due == test::day("2026-11-22"));
    CHECK(relearning.state.repetitions >= 2);  // a success goes on from 7 days, not from 1
    const CardRecord& learning = cards["guid:learn/forward"];
    CHECK(learning.state.interval_days == 1);
    CHECK(learning.state.due == test::day("2026-11-22"));
    CHECK(cards["guid:new-suspended/forward"].suspended);
    CHECK(cards["guid:new-suspended/forward"].state.is_new());
    CHECK_FALSE(cards["guid:new-buried/forward"].suspended);

    // Without --keep-schedule nothing of Anki's state comes over.
    Fixture plain;
    plain.import({f.dir / "s.apkg"});
    for (const auto& [key, card] : plain.cards("Lang::French")) {
        INFO(key);
        CHECK_FALSE(card.suspended);
        CHECK(card.state.is_new());
    }
    // A re-import keeps what the learner did in rolecall since: unsuspended stays unsuspended.
    REQUIRE(f.storage->set_suspended({suspended.id}, false) == 1);
    f.import({f.dir / "s.apkg"}, keep);
    CHECK_FALSE(f.cards("Lang::French")["guid:rev/forward"].suspended);
}

TEST_CASE("apkg: a bare collection is read like a package's, whatever its name", "[import][apkg][collection]") {
    const auto layout = GENERATE(test::AnkiLayout::legacy, test::AnkiLayout::modern);
    Fixture f;
    const std::vector<test::AnkiFixtureNote> notes = {{1650000000001, "g1", 2,
                                                       "chat\x1f"
                                                       "cat",
                                                       "", 10}};
    // Anki keeps its collection in WAL mode.
    test::write_anki_collection(f.dir / "collection.anki2", notes, layout, {}, true);
    std::filesystem::copy_file(f.dir / "collection.anki2", f.dir / "collection.anki21");
    std::filesystem::copy_file(f.dir / "collection.anki2", f.dir / "backup.db");
    for (const char* name : {"collection.anki2", "collection.anki21", "backup.db"}) {
        INFO(name);
        CHECK(detect_import_format(f.dir / name) == ImportFormat::apkg);
    }
    CHECK(counts_of(f.import({f.dir / "collection.anki2"}), "Lang::French").added == 2);
    CHECK(counts_of(f.import({f.dir / "collection.anki21"}), "Lang::French").unchanged == 2);
    CHECK(counts_of(f.import({f.dir / "backup.db"}), "Lang::French").unchanged == 2);
    CHECK(f.cards("Lang::French")["guid:g1/reverse"].front == "cat");

    // A collection Anki has open: its last changes are in the -wal file.
    test::write_file(f.dir / "collection.anki2-wal", "not empty");
    CHECK_THAT(f.error_of({f.dir / "collection.anki2"}),
               Catch::Contains("collection.anki2: Anki has this collection open, or was not closed "
                               "(collection.anki2-wal is beside it)"));
}

TEST_CASE("apkg: an Anki 1.x .anki file and a rolecall database are refused with what they are",
          "[import][apkg][collection][errors]") {
    Fixture f;
    test::write_anki1_collection(f.dir / "deck.anki");
    CHECK(detect_import_format(f.dir / "deck.anki") == ImportFormat::apkg);
    CHECK(f.error_of({f.dir / "deck.anki"}) ==
          (f.dir / "deck.anki").string() +
              ": an Anki 1.x collection, which rolecall does not read; open it in Anki and export an .apkg");
    // Another rolecall database, by any name.
    Storage::open(f.dir / "other.db", true);
    std::filesystem::copy_file(f.dir / "other.db", f.dir / "other.anki2");
    for (const char* name : {"other.db", "other.anki2"}) {
        INFO(name);
        CHECK(f.error_of({f.dir / name}) ==
              (f.dir / name).string() + ": a rolecall database, not an Anki collection; nothing to import");
    }
    // A collection of Anki 2.0's alphas (schema 1).
    make_sqlite(f.dir / "alpha.anki2",
                "CREATE TABLE col (id INTEGER PRIMARY KEY, crt INTEGER, ver INTEGER, models TEXT, decks TEXT);"
                "INSERT INTO col VALUES (1, 0, 1, '{}', '{}'); CREATE TABLE notes (id INTEGER PRIMARY KEY);"
                "CREATE TABLE cards (id INTEGER PRIMARY KEY)");
    CHECK(f.error_of({f.dir / "alpha.anki2"}) ==
          (f.dir / "alpha.anki2").string() +
              ": an Anki collection of schema 1, older than rolecall reads; open it in Anki and export an .apkg");
    // Any other SQLite file.
    make_sqlite(f.dir / "music.sqlite", "CREATE TABLE songs (title TEXT)");
    CHECK_THAT(f.error_of({f.dir / "music.sqlite"}),
               Catch::EndsWith("music.sqlite: not a readable Anki collection (it has no notes, cards and col "
                               "tables); export it again from Anki"));
    CHECK(f.storage->decks().empty());
}

TEST_CASE("apkg: a collection's hostile creation and due days are kept to dates", "[import][apkg][hostile]") {
    Fixture f;
    test::write_anki_collection(f.dir / "c.anki2",
                                {{1650000000001,
                                  "g1",
                                  1,
                                  "a\x1f"
                                  "b",
                                  "",
                                  10,
                                  0,
                                  0,
                                  0,
                                  0,
                                  {{0, 2, 2, 10, 2500, 1000000000000}}}},
                                test::AnkiLayout::legacy);
    make_sqlite(f.dir / "c.anki2", "UPDATE col SET crt = 1000000000000000");
    ImportOptions keep;
    keep.keep_schedule = true;
    CHECK(f.error_of({f.dir / "c.anki2"}, keep).empty());
    const CardRecord card = f.cards("Lang::French").at("guid:g1/forward");
    REQUIRE(card.state.due.has_value());
    CHECK(card.state.due->year() < 3300);
}
