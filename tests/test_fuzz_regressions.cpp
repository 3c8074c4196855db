// Inputs the fuzzers once broke rolecall with, kept in tests/data/fuzz-regressions/<target>/ and run
// here through the same readers, so the sanitizer build of the suite (ASan with LeakSanitizer)
// catches the bug again without a fuzzing run. scripts/fuzz also feeds them back as seeds.
#include "rolecall/base/error.hpp"
#include "rolecall/cards/card_query.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/decks/fact_deck.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/import/html_text.hpp"
#include "rolecall/import/import.hpp"
#include "rolecall/import/readers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

namespace {

const std::filesystem::path regressions = std::filesystem::path(ROLECALL_TEST_DATA) / "fuzz-regressions";

using Reader = void (*)(const std::filesystem::path&, const ImportOptions&, const import::NoteSink&,
                        const import::ReadProgress&);

// Each input is read to the end or refused with rolecall::Error; anything else fails the test.
int replay(const std::string& target, Reader reader) {
    int replayed = 0;
    if (!std::filesystem::is_directory(regressions / target)) return replayed;
    for (const auto& entry : std::filesystem::directory_iterator(regressions / target)) {
        INFO(entry.path());
        try {
            reader(
                entry.path(), ImportOptions{}, [](import::ImportedNote&&) {}, [](const import::ReadStats&) {});
        } catch (const Error&) {}
        ++replayed;
    }
    return replayed;
}

}  // namespace

TEST_CASE("fuzz regressions: .apkg inputs that once leaked or crashed", "[import][fuzz]") {
    // not-a-collection-leak.apkg: a zip whose collection lacks Anki's tables. The reader threw from
    // AnkiCollection's constructor, whose destructor then never closed the SQLite connection.
    CHECK(replay("apkg", import::read_apkg) >= 1);
}

TEST_CASE("fuzz regressions: cards queries whose FTS5 expression SQLite refused", "[cards][fuzz]") {
    // nul-in-a-filter-word: a NUL inside a text word ended the FTS5 expression inside its quotes.
    // Replayed against the index as rolecall builds it: the search runs (it finds nothing).
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    // Cards to search: with none, SQLite never evaluates the MATCH.
    sync_fact_deck(*storage, parse_fact_deck(test::two_roles_deck + "pm/a: Sets the direction.\n", "r.deck"), "r.deck",
                   "h");
    int replayed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(regressions / "card_query")) {
        INFO(entry.path());
        std::optional<CardSearch> search;
        try {
            search = parse_card_query({test::read_file(entry.path())});
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::usage);  // a query refused by the parser is the user's mistake
        }
        // What the parser accepts, SQLite must too.
        if (search)
            CHECK_NOTHROW(storage->search_cards(*search, test::day("2026-11-30"), -1, [](const CardRecord&) {}));
        ++replayed;
    }
    CHECK(replayed >= 1);
}

TEST_CASE("fuzz regressions: HTML fields whose text came out broken", "[import][html][fuzz]") {
    // esc-before-utf8: a stray ESC before a combining accent. printable_only took the ESC and the
    // accent's first byte as an escape sequence and left its second byte: invalid UTF-8.
    // utf8-a0-in-attribute: an image's src holding 砚 (E7 A0 9A), whose byte A0 was taken for a
    // no-break space and made a space, cutting the character.
    int replayed = 0;
    for (const auto& entry : std::filesystem::directory_iterator(regressions / "html_text")) {
        INFO(entry.path());
        const std::string text = import::html_to_text(test::read_file(entry.path()));
        CHECK(text.find('\x1b') == std::string::npos);
        std::size_t continuation = 0, expected = 0;  // every UTF-8 sequence whole
        for (char c : text) {
            const auto byte = static_cast<unsigned char>(c);
            if ((byte & 0xc0) == 0x80) {
                ++continuation;
            } else {
                CHECK(continuation == expected);
                continuation = 0;
                expected = byte >= 0xf0 ? 3 : byte >= 0xe0 ? 2 : byte >= 0xc0 ? 1 : 0;
            }
        }
        CHECK(continuation == expected);
        ++replayed;
    }
    CHECK(replayed >= 1);
}
