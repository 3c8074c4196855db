#include "anki_package.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/decks/note_writer.hpp"
#include "rolecall/text/text_utils.hpp"
#include "rolecall/import/import.hpp"
#include "rolecall/import/readers.hpp"
#include "collection_checks.hpp"
#include "import_fixture.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <map>

using namespace rolecall;

namespace {

const std::filesystem::path data = std::filesystem::path(ROLECALL_TEST_DATA) / "import";

struct Fixture : test::ImportFixture {
    std::vector<CardRecord> cards(const std::string& deck) {
        std::vector<CardRecord> found;
        storage->for_each_card(std::nullopt, [&](const CardRecord& card) {
            if (card.deck == deck) found.push_back(card);
        });
        return found;
    }

    // Everything a user could see of the collection: every card and every logged answer.
    std::string snapshot() {
        std::string text;
        storage->for_each_card(std::nullopt, [&](const CardRecord& c) {
            text += c.deck + "|" + c.note_key + "|" + c.view + "|" + c.front + "|" + c.back + "|" + c.tags + "|" +
                    std::to_string(c.retired) + "\n";
        });
        storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) {
            text += std::to_string(r.card_id) + ":" + std::to_string(r.grade) + "\n";
        });
        for (const auto& deck : storage->decks()) text += "deck " + deck.name + "\n";
        return text;
    }
};

using test::counts_of;

std::vector<test::AnkiFixtureNote> anki_notes();

}  // namespace

TEST_CASE("import: format detection by extension and content", "[import]") {
    CHECK(detect_import_format(data / "anki-basic.txt") == ImportFormat::anki_text);
    CHECK(detect_import_format(data / "bom-crlf.csv") == ImportFormat::csv);
    CHECK(detect_import_format(data / "scrum-events.deck") == ImportFormat::facts);
    CHECK(detect_import_format(data / "quizlet.txt") == ImportFormat::anki_text);
    test::TempDir dir;
    test::write_apkg(dir / "x.TSV", {}, test::AnkiLayout::legacy);  // a zip is a package, whatever its name
    CHECK(detect_import_format(dir / "x.TSV") == ImportFormat::apkg);
    test::write_file(dir / "Words.CSV", "a,b\n");
    CHECK(detect_import_format(dir / "Words.CSV") == ImportFormat::csv);
    CHECK_THROWS_AS(import_format_from_string("xlsx"), Error);
}

TEST_CASE("import: a file whose extension names no known format is refused unless --format names it",
          "[import][format]") {
    Fixture f;
    for (const char* name : {"capitals.xlsx", "notes.md", "capitals", "x.bin"}) {
        INFO(name);
        test::write_file(f.dir / name, "France\tParis\n");
        try {
            f.import({f.dir / name});
            FAIL("imported " << name);
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::usage);
            CHECK_THAT(e.what(), Catch::StartsWith((f.dir / name).string() + ": cannot tell the format"));
            CHECK_THAT(e.what(), Catch::Contains("pass --format anki-text, csv, apkg, quizlet or facts"));
        }
    }
    CHECK_THAT(f.error_of({f.dir / "capitals"}), Catch::Contains("without a file extension"));
    CHECK_THAT(f.error_of({f.dir / "capitals.xlsx"}), Catch::Contains("from the extension '.xlsx'"));
    CHECK(f.storage->decks().empty());
    // A zip without a known extension is refused too; --format apkg reads it.
    test::write_apkg(f.dir / "shared.zip", anki_notes(), test::AnkiLayout::legacy);
    CHECK_THROWS_AS(detect_import_format(f.dir / "shared.zip"), Error);
    ImportOptions as_apkg;
    as_apkg.format = ImportFormat::apkg;
    CHECK(counts_of(f.import({f.dir / "shared.zip"}, as_apkg), "Lang::French").added == 3);
    ImportOptions as_text;
    as_text.format = ImportFormat::anki_text;
    CHECK(counts_of(f.import({f.dir / "capitals.xlsx"}, as_text), "capitals").added == 1);
}

TEST_CASE("import: Anki text honours its headers, quoting and HTML", "[import][anki-text]") {
    Fixture f;
    auto report = f.import({data / "anki-basic.txt"});
    CHECK(counts_of(report, "Spanish::Verbs").added == 4);
    auto cards = f.cards("Spanish::Verbs");
    REQUIRE(cards.size() == 4);
    std::map<std::string, CardRecord> by_front;
    for (const auto& card : cards) by_front[card.front] = card;
    CHECK(by_front.at("hablar").back == "to speak\nto talk");
    CHECK(by_front.at("hablar").tags == "spanish verbs");
    CHECK(by_front.at("comer, beber").back == "to eat & to drink");
    // A quoted line break is read, and with #html:true shows as Anki shows it: HTML white space, a space.
    CHECK(by_front.at("dos lineas").back == "a \"quoted\" back");
    CHECK(by_front.at("vivir").back == "[image: live.png] [sound: vivir.mp3]");
}

TEST_CASE("import: Anki text column headers pick deck, guid, note type and tags", "[import][anki-text]") {
    Fixture f;
    f.import({data / "anki-columns.txt"});
    auto geo = f.cards("Geo");
    REQUIRE(geo.size() == 4);  // Paris forward + reverse, two cloze cards
    std::map<std::string, CardRecord> by_view;
    for (const auto& card : geo) by_view[card.note_key + "/" + card.view] = card;
    CHECK(by_view.at("guid:g-001/forward").front == "Paris");
    CHECK(by_view.at("guid:g-001/reverse").front == "Capital of France");
    CHECK(by_view.at("guid:g-001/forward").tags == "europe");
    CHECK(by_view.at("guid:g-002/c2").front == "Canberra is the capital of [country]");
    CHECK(by_view.at("guid:g-002/c1").kind == CardKind::cloze);
    auto rivers = f.cards("Geo::Rivers");
    REQUIRE(rivers.size() == 1);
    CHECK(rivers[0].back == "Longest river");
}

TEST_CASE("import: without a separator header, the separator is guessed as Anki does", "[import][anki-text]") {
    Fixture f;
    f.import({data / "anki-guess.txt"});
    auto cards = f.cards("anki-guess");
    REQUIRE(cards.size() == 3);
    CHECK(cards[0].front == "uno");
    CHECK(cards[0].back == "one");
    CHECK(cards[2].back.empty());  // fewer fields than columns get blanks
}

TEST_CASE("import: CSV with a header, BOM, CRLF and quoted line breaks", "[import][csv]") {
    Fixture f;
    f.import({data / "bom-crlf.csv", data / "quoted-newlines.csv"});
    auto animals = f.cards("bom-crlf");
    REQUIRE(animals.size() == 2);
    CHECK(animals[0].front == "perro");
    CHECK(animals[0].tags == "animals");
    CHECK(animals[1].front == "gato, el");
    auto quoted = f.cards("quoted-newlines");
    REQUIRE(quoted.size() == 2);
    CHECK(quoted[0].back == "a back\nthat spans\nthree lines");
    CHECK(quoted[1].back == "with \"quotes\" inside");
}

TEST_CASE("import: Quizlet exports, with a tab or a custom separator", "[import][quizlet]") {
    Fixture f;
    ImportOptions options;
    options.format = ImportFormat::quizlet;
    f.import({data / "quizlet.txt"}, options);
    CHECK(f.cards("quizlet").size() == 3);
    options.separator = " - ";
    f.import({data / "quizlet-dash.txt"}, options);
    auto cards = f.cards("quizlet-dash");
    REQUIRE(cards.size() == 2);
    CHECK(cards[1].front == "luna");
    CHECK(cards[1].back == "moon");
}

TEST_CASE("import: rolecall fact decks import like any other file", "[import][facts]") {
    Fixture f;
    auto report = f.import({data / "scrum-events.deck"});
    CHECK(counts_of(report, "Scrum events").added == 2);
    auto cards = f.cards("Scrum events");
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].kind == CardKind::choice);
}

TEST_CASE("import: escape sequences never survive an import", "[import][hostile]") {
    Fixture f;
    f.import({data / "escapes.tsv"});
    auto cards = f.cards("escapes");
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].back == "cleared clipboard bell");
    for (char c : cards[0].back) CHECK(static_cast<unsigned char>(c) >= 0x20);
}

TEST_CASE("import: broken files name the line and change nothing", "[import][errors]") {
    Fixture f;
    f.import({data / "quizlet.txt"});
    const std::string before = f.snapshot();
    CHECK_THAT(f.error_of({data / "invalid-utf8.csv"}),
               Catch::EndsWith("invalid-utf8.csv:3: invalid UTF-8 at byte 23 (0xff); save the file as UTF-8, or pass "
                               "--lenient to replace such bytes"));
    // Its one row no note: nothing is left to import.
    CHECK_THAT(f.error_of({data / "empty-front.csv"}),
               Catch::Contains("empty-front.csv: 1 of 1 rows cannot be notes: line 2 (empty front); "));
    CHECK_THAT(f.error_of({data / "bad-quote.csv"}), Catch::Contains("bad-quote.csv:1: malformed quoting"));
    // A good file and a bad one in the same import: all or nothing.
    CHECK_THAT(f.error_of({data / "bom-crlf.csv", data / "empty-front.csv"}),
               Catch::Contains("empty-front.csv: 1 of 1 rows"));
    CHECK(f.snapshot() == before);
    // One row of too many fields among good ones is skipped and reported by line, not fatal.
    auto odd = f.import({data / "anki-too-many-fields.txt"});
    CHECK(counts_of(odd, "anki-too-many-fields").added == 1);
    CHECK(counts_of(odd, "anki-too-many-fields").skipped == 1);
    REQUIRE(odd.files[0].first_skipped.size() == 1);
    CHECK(odd.files[0].first_skipped[0].id == "line 4");
    CHECK(odd.files[0].first_skipped[0].detail == "3 fields, but #columns names 2");
}

TEST_CASE("import: --lenient replaces invalid UTF-8 and counts it", "[import][errors]") {
    Fixture f;
    ImportOptions options;
    options.lenient = true;
    auto report = f.import({data / "invalid-utf8.csv"}, options);
    CHECK(report.replaced_invalid_utf8 == 1);
    auto cards = f.cards("invalid-utf8");
    REQUIRE(cards.size() == 2);
    CHECK(cards[1].front == "bad\xef\xbf\xbd byte");
}

TEST_CASE("import: fields over the cap and files over the row cap are refused", "[import][errors]") {
    Fixture f;
    // A row with a field over the cap is no note; a file of nothing else is refused.
    test::write_file(f.dir / "huge.csv", "front,back\nbig," + std::string(70 * 1024, 'x') + "\n");
    ImportOptions narrow;
    narrow.max_field_bytes = 64 * 1024;
    CHECK_THAT(f.error_of({f.dir / "huge.csv"}, narrow),
               Catch::Contains("huge.csv: 1 of 1 rows cannot be notes: line 2 (field 2 is 70 KiB, over --max-field "
                               "64 KiB)"));
    test::write_file(f.dir / "huger.csv", "front,back\nbig," + std::string(1024 * 1024 + 1, 'x') + "\n");
    CHECK_THAT(f.error_of({f.dir / "huger.csv"}),
               Catch::Contains("huger.csv: 1 of 1 rows cannot be notes: line 2 (field 2 is 1025 KiB, over "
                               "--max-field 1024 KiB)"));
    ImportOptions few;
    few.max_rows = 2;
    CHECK_THAT(f.error_of({data / "quizlet.txt"}, few), Catch::Contains("more than 2 rows"));
    CHECK(f.storage->decks().empty());
    // Real Anki fields hold long HTML: the default cap is 1 MiB, and 70 KiB is well inside it.
    CHECK(ImportOptions{}.max_field_bytes == 1024 * 1024);
    CHECK(counts_of(f.import({f.dir / "huge.csv"}), "huge").added == 1);
}

TEST_CASE("import: re-importing changes nothing, an edit updates text and keeps history", "[import][identity]") {
    Fixture f;
    test::write_file(f.dir / "v.tsv", "sol\tsun\nluna\tmoon\n");
    f.import({f.dir / "v.tsv"});
    auto again = f.import({f.dir / "v.tsv"});
    CHECK(counts_of(again, "v").unchanged == 2);
    CHECK(counts_of(again, "v").added == 0);

    // Answer "sol", then edit its back and drop "luna".
    CardRecord sol = f.cards("v")[0];
    REQUIRE(sol.front == "sol");
    ReviewRecord answer = test::log_answer(*f.storage, sol.id, test::day("2026-11-22"), 5);
    test::write_file(f.dir / "v.tsv", "sol\tthe sun\nestrella\tstar\n");
    auto edited = f.import({f.dir / "v.tsv"});
    CHECK(counts_of(edited, "v").updated == 1);
    CHECK(counts_of(edited, "v").added == 1);
    CHECK(counts_of(edited, "v").retired == 0);  // without --sync, luna is left alone
    CardRecord updated = f.storage->card(sol.id);
    CHECK(updated.back == "the sun");
    CHECK(updated.state == answer.after);

    ImportOptions sync;
    sync.sync = true;
    auto synced = f.import({f.dir / "v.tsv"}, sync);
    CHECK(counts_of(synced, "v").retired == 1);
    int active = 0;
    for (const auto& card : f.cards("v")) active += card.retired ? 0 : 1;
    CHECK(active == 2);
}

TEST_CASE("import: a front repeated within one file is a note of its own, found again in its place",
          "[import][identity]") {
    // Anki keeps both rows (a word with two meanings); so does rolecall, each known by its place
    // among the rows of that front.
    Fixture f;
    test::write_file(f.dir / "dup.tsv", "sol\tsun\nluna\tmoon\nsol\tsun, the star\n");
    auto report = f.import({f.dir / "dup.tsv"});
    CHECK(counts_of(report, "dup").added == 3);
    CHECK(counts_of(report, "dup").skipped == 0);
    std::map<std::string, std::string> back_by_key;
    for (const auto& card : f.cards("dup")) back_by_key[card.note_key] = card.back;
    CHECK(back_by_key == std::map<std::string, std::string>{
                             {"front:sol", "sun"}, {"front#2:sol", "sun, the star"}, {"front:luna", "moon"}});
    // Again: nothing changes. The second meaning edited: that card is updated, the first kept.
    CHECK(counts_of(f.import({f.dir / "dup.tsv"}), "dup").unchanged == 3);
    test::write_file(f.dir / "dup.tsv", "sol\tsun\nluna\tmoon\nsol\tthe star we orbit\n");
    report = f.import({f.dir / "dup.tsv"});
    CHECK(counts_of(report, "dup").updated == 1);
    CHECK(counts_of(report, "dup").unchanged == 2);
    CHECK(f.cards("dup").size() == 3);
}

TEST_CASE("import: a guid repeated within one import is skipped and named", "[import][identity]") {
    Fixture f;
    test::write_file(f.dir / "dup.txt", "#guid column:1\nabc\tsol\tsun\nabc\tsol\tsun again\n");
    auto report = f.import({f.dir / "dup.txt"});
    CHECK(counts_of(report, "dup").added == 1);
    CHECK(counts_of(report, "dup").skipped == 1);
    REQUIRE(report.files.size() == 1);
    REQUIRE(report.files[0].first_skipped.size() == 1);
    CHECK(report.files[0].first_skipped[0].id == "line 3");
    CHECK(report.files[0].first_skipped[0].detail == "same guid as an earlier note");
}

TEST_CASE("import: --dry-run reports the counts and writes nothing", "[import]") {
    Fixture f;
    ImportOptions dry;
    dry.dry_run = true;
    auto report = f.import({data / "anki-basic.txt"}, dry);
    CHECK(counts_of(report, "Spanish::Verbs").added == 4);
    CHECK(f.storage->decks().empty());
}

namespace {

std::vector<test::AnkiFixtureNote> anki_notes() {
    return {
        {1650000000001, "guid-basic", 1, "bonjour\x1fhello<br>hi", "greeting", 10, 2, 30, 12, 2300},
        {1650000000002, "guid-reversed", 2,
         "chat\x1f"
         "cat &amp; kitten",
         "", 10},
        {1650000000003, "guid-cloze", 3,
         "{{c1::Paris}} is in {{c2::France}}\x1f"
         "extra",
         "geo", 11},
    };
}

}  // namespace

TEST_CASE("import: an .apkg with collection.anki2 gives Basic, reversed and cloze cards", "[import][apkg]") {
    Fixture f;
    test::write_apkg(f.dir / "legacy.apkg", anki_notes(), test::AnkiLayout::legacy);
    auto report = f.import({f.dir / "legacy.apkg"});
    CHECK(counts_of(report, "Lang::French").added == 3);
    CHECK(counts_of(report, "Default").added == 2);
    auto french = f.cards("Lang::French");
    REQUIRE(french.size() == 3);
    CHECK(french[0].front == "bonjour");
    CHECK(french[0].back == "hello\nhi");
    CHECK(french[0].tags == "greeting");
    CHECK(french[0].state.is_new());  // no --keep-schedule
    CHECK(french[2].view == "reverse");
    CHECK(french[2].front == "cat & kitten");
    auto cloze = f.cards("Default");
    REQUIRE(cloze.size() == 2);
    CHECK(cloze[0].front == "[...] is in France");
    CHECK(cloze[0].explanation == "Paris is in France\nextra");
    auto again = f.import({f.dir / "legacy.apkg"});
    CHECK(counts_of(again, "Lang::French").unchanged == 3);
}

TEST_CASE("import: a modern .apkg is read from collection.anki21b, never the dummy", "[import][apkg]") {
    Fixture f;
    test::write_apkg(f.dir / "modern.apkg", anki_notes(), test::AnkiLayout::modern);
    f.import({f.dir / "modern.apkg"});
    CHECK(f.cards("Lang::French").size() == 3);
    auto cloze = f.cards("Default");
    REQUIRE(cloze.size() == 2);  // the cloze type is known from the protobuf config
    CHECK(cloze[1].kind == CardKind::cloze);
    for (const auto& card : cloze) CHECK(card.front.find("Please update") == std::string::npos);
}

TEST_CASE("import: --keep-schedule maps Anki's interval, ease and due day onto SM-2", "[import][apkg]") {
    Fixture f;
    test::write_apkg(f.dir / "s.apkg", anki_notes(), test::AnkiLayout::legacy);
    ImportOptions keep;
    keep.keep_schedule = true;
    f.import({f.dir / "s.apkg"}, keep);
    CardRecord bonjour = f.cards("Lang::French")[0];
    CHECK(bonjour.state.interval_days == 12);
    CHECK(bonjour.state.ease == 230);
    CHECK(bonjour.state.due == test::day("2026-01-31"));  // crt 2026-01-01 + 30 days
    CHECK(bonjour.state.lapses == 1);
    CHECK(f.cards("Lang::French")[1].state.is_new());
}

TEST_CASE("import: a file that is no zip, or a zip without a collection, is refused", "[import][apkg][errors]") {
    Fixture f;
    test::write_file(f.dir / "fake.apkg", "this is not a zip");
    CHECK_THAT(f.error_of({f.dir / "fake.apkg"}), Catch::Contains("not a readable .apkg"));
    CHECK(f.storage->decks().empty());
}

TEST_CASE("import: an .apkg whose collection unpacks past the cap is refused as a zip bomb", "[import][apkg][errors]") {
    Fixture f;
    test::write_apkg(f.dir / "legacy.apkg", anki_notes(), test::AnkiLayout::legacy);
    test::write_apkg(f.dir / "modern.apkg", anki_notes(), test::AnkiLayout::modern);
    ImportOptions small;
    small.max_unpacked_bytes = 4096;  // the fixture collections are larger than a page
    CHECK_THAT(f.error_of({f.dir / "legacy.apkg"}, small),
               Catch::Contains("collection.anki2 unpacks to more than 4096 bytes; refusing it as a possible zip bomb"));
    CHECK_THAT(f.error_of({f.dir / "modern.apkg"}, small),
               Catch::Contains("the collection unpacks to more than 4096 bytes"));
    CHECK(f.storage->decks().empty());
}

TEST_CASE("import: a new card's rank is the hash of its deck, note key and view, taken without joining them",
          "[import][bulk]") {
    // The ranks stored in collections came from stable_hash over the three joined by line breaks,
    // then mixed (splitmix64's finaliser); the piecewise hash must give the same ones.
    for (const auto& [deck, key, view] :
         {std::tuple<std::string, std::string, std::string>{"Imported", "front:café", "forward"},
          {"Languages::Spanish", "guid:abc", "c1"},
          {"", "", ""}}) {
        std::uint64_t x = stable_hash(deck + '\n' + key + '\n' + view);
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        x ^= x >> 31;
        CHECK(new_card_rank(deck, key, view) == static_cast<std::int64_t>(x >> 2));
    }
}

TEST_CASE("import: a large import builds the new-card index again and checks its references once", "[import][bulk]") {
    Fixture f;
    const auto tsv = f.dir / "big.tsv";
    {
        std::ofstream out(tsv);
        for (int i = 0; i < 20100; ++i) out << "front " << i << "\tback " << i << "\n";
    }
    // A dry run drops the index past 20,000 cards too; its rollback must bring it back.
    ImportOptions dry;
    dry.dry_run = true;
    CHECK(counts_of(f.import({tsv}, dry), "big").added == 20100);
    auto index_sql = [&] {
        test::Sql sql(f.dir / "c.db");
        return sql.column("SELECT sql FROM sqlite_schema WHERE name = 'cards_by_new_rank'");
    };
    REQUIRE(index_sql().size() == 1);

    CHECK(counts_of(f.import({tsv}), "big").added == 20100);
    // As schema 4 made it: with buried_until, so that the queue leaves buried cards out from the index.
    CHECK(index_sql() == std::vector<std::string>{"CREATE INDEX cards_by_new_rank ON cards (new_rank, id, "
                                                  "buried_until) WHERE due IS NULL AND suspended = 0 AND retired = 0"});
    test::Sql sql(f.dir / "c.db");
    CHECK(sql.number("SELECT count(*) FROM cards INDEXED BY cards_by_new_rank WHERE due IS NULL AND suspended = 0 "
                     "AND retired = 0 AND new_rank >= -9223372036854775807") == 20100);
    CHECK(sql.column("PRAGMA foreign_key_check").empty());
    CHECK(sql.column("PRAGMA integrity_check") == std::vector<std::string>{"ok"});
    // Foreign keys are enforced again once the import is over.
    CHECK(sql.number("SELECT count(*) FROM cards") == 20100);
    CHECK_THROWS(f.storage->insert_card(999, 999, CardDraft{}, 0));
    // A re-import finds every note by its key.
    auto again = counts_of(f.import({tsv}), "big");
    CHECK(again.unchanged == 20100);
    CHECK(again.added == 0);
}

TEST_CASE("import: an .apkg whose collection fails its CRC is called damaged, and nothing lands", "[import][apkg]") {
    Fixture f;
    // A zip whose one entry, collection.anki2 (deflated), has a byte of its compressed data changed.
    const auto damaged = std::filesystem::path(ROLECALL_TEST_DATA) / "apkg-damaged" / "crc.apkg";
    CHECK_THAT(f.error_of({damaged}), Catch::EndsWith("crc.apkg: collection.anki2 is damaged in the package"));
    CHECK(f.storage->decks().empty());
}

TEST_CASE("import: Anki's header lines at the top of a .csv file are honoured, not read as notes", "[import][csv]") {
    Fixture f;
    auto report = f.import({data / "anki-headers.csv"});
    REQUIRE(report.files.size() == 1);
    CHECK(report.files[0].separator == ';');
    CHECK(report.files[0].separator_source == SeparatorSource::header);
    auto cards = f.cards("Capitals::Europe");
    REQUIRE(cards.size() == 3);  // two rows; the reversed one gives two cards; no card from a '#' line
    std::map<std::string, CardRecord> by_view;
    for (const auto& card : cards) by_view[card.note_key + "/" + card.view] = card;
    CHECK(by_view.at("front:France/forward").back == "Paris\nthe capital");   // #html:true
    CHECK(by_view.at("front:France/forward").tags == "geo europe");           // #tags plus the tags column
    CHECK(by_view.at("front:France/reverse").front == "Paris\nthe capital");  // #notetype column
    CHECK(by_view.at("front:Spain, the kingdom/forward").back == "Madrid & more");
    CHECK(by_view.at("front:Spain, the kingdom/forward").tags == "geo");
    CHECK(f.cards("anki-headers").empty());
}

TEST_CASE("import: a CSV's first row is a header only when every cell is a known column name, or with --header",
          "[import][csv]") {
    Fixture f;
    test::write_file(f.dir / "countries.csv", "Country,Capital\nFrance,Paris\n");
    CHECK(counts_of(f.import({f.dir / "countries.csv"}), "countries").added == 2);  // "Country" is a note
    Fixture g;
    ImportOptions header;
    header.header = true;
    auto with_header = g.import({f.dir / "countries.csv"}, header);
    CHECK(counts_of(with_header, "countries").added == 1);
    CHECK(with_header.files[0].header_row);
    auto cards = g.cards("countries");
    REQUIRE(cards.size() == 1);
    CHECK(cards[0].front == "France");
    CHECK(cards[0].back == "Paris");

    // Known names in any case and order; a column named front is the front wherever it stands.
    Fixture h;
    test::write_file(f.dir / "named.csv", "Answer,TAGS,Question,Deck\nsun,sky,sol,Words\n");
    auto named = h.import({f.dir / "named.csv"});
    CHECK(named.files[0].header_row);
    auto words = h.cards("Words");
    REQUIRE(words.size() == 1);
    CHECK(words[0].front == "sol");
    CHECK(words[0].back == "sun");
    CHECK(words[0].tags == "sky");
    // A row with one unknown name is data.
    Fixture k;
    test::write_file(f.dir / "mixed.csv", "front,capital\nFrance,Paris\n");
    CHECK(counts_of(k.import({f.dir / "mixed.csv"}), "mixed").added == 2);
    // With --header, more unknown names than front and back are the user's to map.
    Fixture m;
    test::write_file(f.dir / "wide.csv", "Country,Capital,Currency\nFrance,Paris,euro\n");
    CHECK_THAT(m.error_of({f.dir / "wide.csv"}, header),
               Catch::Contains("wide.csv: the header names 3 columns (Country, Capital, Currency); choose the card's "
                               "sides with --front COLUMN --back COLUMN"));
    ImportOptions mapping = header;
    mapping.columns = ColumnMapping{"country", {"capital", "currency"}, "", ""};
    m.import({f.dir / "wide.csv"}, mapping);
    auto wide = m.cards("wide");
    REQUIRE(wide.size() == 1);
    CHECK(wide[0].back == "Paris\neuro");
    // --header in Anki text (and Quizlet): the first row makes no note.
    Fixture n;
    CHECK(counts_of(n.import({data / "anki-guess.txt"}, header), "anki-guess").added == 2);
    CHECK(n.cards("anki-guess")[0].front == "dos");
    ImportOptions quizlet = header;
    quizlet.format = ImportFormat::quizlet;
    CHECK(counts_of(n.import({data / "quizlet.txt"}, quizlet), "quizlet").added == 2);
}

TEST_CASE("import: without #separator the separator is guessed in Anki's order from the first row",
          "[import][separator]") {
    using rolecall::import::guess_separator;
    CHECK(guess_separator("a\tb|c;d:e,f", ' ') == '\t');
    CHECK(guess_separator("a|b;c:d,e", ' ') == '|');
    CHECK(guess_separator("a;b:c,d", ' ') == ';');
    CHECK(guess_separator("a:b,c", ' ') == ':');
    CHECK(guess_separator("a,b", ' ') == ',');
    CHECK(guess_separator("a b", ' ') == ' ');
    CHECK(guess_separator("a b", ',') == ',');
    CHECK(guess_separator("\"Paris; the capital\",France", ' ') == ',');  // inside quotes does not count
    // A .csv: a comma before pipe and colon, so a time or a URL does not split a comma-separated row.
    CHECK(guess_separator("Meeting,10:30", ',', true) == ',');
    CHECK(guess_separator("a;b,5", ',', true) == ';');
    CHECK(guess_separator("a|b", ',', true) == '|');

    Fixture f;
    test::write_file(f.dir / "semicolons.csv", "front;back\nsol;sun\n\"luna; la\";moon\n");
    auto report = f.import({f.dir / "semicolons.csv"});
    CHECK(report.files[0].separator == ';');
    CHECK(report.files[0].separator_source == SeparatorSource::guessed);
    CHECK(report.files[0].header_row);
    auto cards = f.cards("semicolons");
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].back == "sun");
    CHECK(cards[1].front == "luna; la");
    // A CSV with no candidate in its first row is one column; --separator overrides any guess.
    test::write_file(f.dir / "plain.csv", "one word\ntwo words\n");
    auto plain = f.import({f.dir / "plain.csv"});
    CHECK(plain.files[0].separator == ',');
    CHECK(plain.files[0].empty_backs == 2);
    ImportOptions pipe;
    pipe.separator = "|";
    test::write_file(f.dir / "piped.csv", "a;b|c\n");
    auto piped = f.import({f.dir / "piped.csv"}, pipe);
    CHECK(piped.files[0].separator_source == SeparatorSource::option);
    REQUIRE(f.cards("piped").size() == 1);
    CHECK(f.cards("piped")[0].front == "a;b");
}

TEST_CASE("import: the report names each file's first three notes and counts empty backs", "[import]") {
    Fixture f;
    test::write_file(f.dir / "four.tsv", "one\t1\ntwo\t\nthree\t3\nfour\t4\n");
    auto report = f.import({f.dir / "four.tsv", data / "scrum-events.deck"});
    REQUIRE(report.files.size() == 2);
    const FileImport& four = report.files[0];
    CHECK(four.name == (f.dir / "four.tsv").string());
    CHECK(four.format == ImportFormat::anki_text);
    CHECK(four.notes == 4);
    CHECK(four.empty_backs == 1);
    REQUIRE(four.preview.size() == 3);
    CHECK(four.preview[0].where == "line 1");
    CHECK(four.preview[0].deck == "four");
    CHECK(four.preview[2].front == "three");
    CHECK(four.preview[2].back == "3");
    CHECK(report.files[1].format == ImportFormat::facts);
    CHECK(report.files[1].preview.empty());
}

TEST_CASE("import: an .apkg's odd notes are skipped and reported by id, the rest is imported", "[import][apkg]") {
    Fixture f;
    auto notes = anki_notes();
    notes.push_back({1650000000004, "guid-empty", 1,
                     "\x1f"
                     "a back without a front",
                     "", 10});
    notes.push_back({1650000000005, "guid-big", 1, "big\x1f" + std::string(2048 * 1024, 'x'), "", 10});
    notes.push_back({1650000000006, "guid-no-deletion", 3, "no deletion here\x1f", "", 11});
    test::write_apkg(f.dir / "odd.apkg", notes, test::AnkiLayout::legacy);
    auto report = f.import({f.dir / "odd.apkg"});
    CHECK(counts_of(report, "Lang::French").added == 3);
    CHECK(counts_of(report, "Lang::French").skipped == 2);
    CHECK(counts_of(report, "Default").added == 2);
    CHECK(counts_of(report, "Default").skipped == 1);
    REQUIRE(report.files.size() == 1);
    const FileImport& file = report.files[0];
    CHECK(file.skipped == 3);
    REQUIRE(file.first_skipped.size() == 3);
    CHECK(file.first_skipped[0].id == "1650000000004");
    CHECK(file.first_skipped[0].detail == "empty first field");
    CHECK(file.first_skipped[1].id == "1650000000005");
    CHECK(file.first_skipped[1].detail == "field 2 is 2048 KiB, over --max-field 1024 KiB");
    CHECK(file.first_skipped[2].kind == "cloze without a deletion");
    CHECK(f.cards("Lang::French").size() == 3);
    // The cap is --max-field: raised, the big note comes in.
    ImportOptions wide;
    wide.max_field_bytes = 4096 * 1024;
    auto raised = f.import({f.dir / "odd.apkg"}, wide);
    CHECK(counts_of(raised, "Lang::French").added == 1);
    CHECK(raised.files[0].skipped == 2);
}

TEST_CASE("import: a deck whose notes are all skipped is counted but not created", "[import][apkg]") {
    Fixture f;
    test::write_apkg(f.dir / "empty.apkg",
                     {{1650000000009, "g9", 1,
                       "\x1f"
                       "back",
                       "", 11}},
                     test::AnkiLayout::legacy);
    auto report = f.import({f.dir / "empty.apkg"});
    CHECK(counts_of(report, "Default").skipped == 1);
    CHECK(counts_of(report, "Default").added == 0);
    CHECK(f.storage->decks().empty());
}
