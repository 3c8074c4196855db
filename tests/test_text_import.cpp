// Anki text and CSV: rows that cannot be a note are skipped and reported (too many refuse the file).
#include "rolecall/base/error.hpp"
#include "rolecall/import/import.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace rolecall;

namespace {

const std::filesystem::path data = std::filesystem::path(ROLECALL_TEST_DATA) / "import";

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);

    ImportReport import(const std::vector<std::filesystem::path>& files, ImportOptions options = {}) {
        options.today = test::day("2026-11-22");
        return import_files(*storage, files, options, nullptr);
    }

    // The error an import is refused with, and its exit code; "" when it goes through.
    std::pair<std::string, ExitCode> refusal(const std::vector<std::filesystem::path>& files,
                                             ImportOptions options = {}) {
        try {
            import(files, options);
        } catch (const Error& e) {
            return {e.what(), e.code()};
        }
        return {"", ExitCode::ok};
    }

    std::map<std::string, CardRecord> cards_by_front(const std::string& deck) {
        std::map<std::string, CardRecord> found;
        storage->for_each_card(std::nullopt, [&](const CardRecord& card) {
            if (card.deck == deck) found[card.front] = card;
        });
        return found;
    }

    std::size_t card_count() {
        std::size_t count = 0;
        storage->for_each_card(std::nullopt, [&](const CardRecord&) { ++count; });
        return count;
    }
};

const DeckImportCounts& counts_of(const ImportReport& report, const std::string& deck) {
    for (const auto& counts : report.decks) {
        if (counts.deck == deck) return counts;
    }
    FAIL("no counts for deck " << deck);
    throw std::logic_error("unreachable");
}

// `rows` lines "wordN<TAB>meaningN", the lines in `bad` with a third field.
std::string tsv_rows(int rows, const std::vector<int>& bad) {
    std::string text;
    for (int line = 1; line <= rows; ++line) {
        text += "word" + std::to_string(line) + "\tmeaning" + std::to_string(line);
        if (std::find(bad.begin(), bad.end(), line) != bad.end()) text += "\textra";
        text += "\n";
    }
    return text;
}

}  // namespace

TEST_CASE("import: rows that cannot be a note are skipped and named by line; the rest is imported",
          "[import][anki-text][skip]") {
    Fixture f;
    // As Anki's text-2fields.txt: a comment, rows of two fields, a repeated note, one of three fields,
    // one and two single fields (blanks fill them), one with an empty front.
    const auto report = f.import({data / "anki-odd-rows.txt"});
    const DeckImportCounts& counts = counts_of(report, "anki-odd-rows");
    CHECK(counts.added == 6);
    CHECK(counts.skipped == 3);  // the two odd rows and the repeated note
    REQUIRE(report.files.size() == 1);
    const FileImport& file = report.files[0];
    CHECK(file.notes == 7);  // the repeated one is read, then skipped by the writer
    CHECK(file.skipped == 2);
    REQUIRE(file.first_skipped.size() == 2);
    CHECK(file.first_skipped[0].id == "line 7");
    CHECK(file.first_skipped[0].kind == "too many fields");
    CHECK(file.first_skipped[0].detail == "3 fields, but the first row has 2");
    CHECK(file.first_skipped[1].id == "line 10");
    CHECK(file.first_skipped[1].detail == "empty front");
    auto cards = f.cards_by_front("anki-odd-rows");
    CHECK(cards.size() == 6);
    CHECK(cards.at("読む").back == "to read");  // the first of the repeated note
    CHECK(cards.at("not, enough, fields").back.empty());
    CHECK(cards.count("多い") == 0);

    // The same in a CSV, where the front must be filled too; an over-long field and a cloze without a
    // deletion are skipped the same way.
    Fixture g;
    test::write_file(g.dir / "odd.csv", "front,back\nsol,sun\n,no front\nluna,moon\nbig," +
                                            std::string(70 * 1024, 'x') +
                                            "\nestrella,star\nmar,sea\nrio,river\ncielo,sky\n");
    ImportOptions narrow;
    narrow.max_field_bytes = 64 * 1024;
    auto csv = g.import({g.dir / "odd.csv"}, narrow);
    CHECK(counts_of(csv, "odd").added == 6);
    CHECK(counts_of(csv, "odd").skipped == 2);
    REQUIRE(csv.files[0].first_skipped.size() == 2);
    CHECK(csv.files[0].first_skipped[0].id == "line 3");
    CHECK(csv.files[0].first_skipped[1].id == "line 5");
    CHECK(csv.files[0].first_skipped[1].detail == "field 2 is 70 KiB, over --max-field 64 KiB");
    CHECK(csv.files[0].first_skipped[1].kind == "field over --max-field");
    test::write_file(
        g.dir / "cloze.txt",
        "#separator:tab\n#notetype:Cloze\n{{c1::Paris}} is in France\nno deletion here\n{{c1::Rome}} is in Italy\n");
    auto cloze = g.import({g.dir / "cloze.txt"});
    CHECK(counts_of(cloze, "cloze").added == 2);
    REQUIRE(cloze.files[0].first_skipped.size() == 1);
    CHECK(cloze.files[0].first_skipped[0].id == "line 4");
    CHECK(cloze.files[0].first_skipped[0].kind == "cloze without a deletion");
}

TEST_CASE("import: more than a tenth of the rows bad refuses the file, naming the first three and the separator",
          "[import][anki-text][skip]") {
    Fixture f;
    // 4 of 20 rows: refused, nothing written.
    test::write_file(f.dir / "many.tsv", tsv_rows(20, {3, 8, 9, 15}));
    auto [message, code] = f.refusal({f.dir / "many.tsv"});
    CHECK(code == ExitCode::failure);
    CHECK(message == (f.dir / "many.tsv").string() +
                         ": 4 of 20 rows cannot be notes: line 3 (3 fields, but the first row has 2), line 8 (3 "
                         "fields, but the first row has 2), line 9 (3 fields, but the first row has 2) and 1 more; "
                         "the file was probably read with the wrong separator (tab, guessed from the first row): "
                         "choose it with --separator tab, comma, semicolon, pipe, colon, space or the character, and "
                         "check with --dry-run");
    CHECK(f.card_count() == 0);
    CHECK(f.storage->decks().empty());
    // A good file in the same import does not land either.
    test::write_file(f.dir / "good.tsv", tsv_rows(5, {}));
    CHECK_FALSE(f.refusal({f.dir / "good.tsv", f.dir / "many.tsv"}).first.empty());
    CHECK(f.card_count() == 0);

    // A tenth exactly is not more than a tenth: 3 of 30 rows are skipped.
    test::write_file(f.dir / "tenth.tsv", tsv_rows(30, {2, 12, 22}));
    auto tenth = f.import({f.dir / "tenth.tsv"});
    CHECK(counts_of(tenth, "tenth").added == 27);
    CHECK(counts_of(tenth, "tenth").skipped == 3);
    // Two bad rows are always reported, not refused, however small the file...
    test::write_file(f.dir / "small.tsv", tsv_rows(4, {2, 3}));
    CHECK(counts_of(f.import({f.dir / "small.tsv"}), "small").added == 2);
    // ...unless no row is left to import.
    test::write_file(f.dir / "none.tsv", "#columns:a\tb\nx\ty\tz\n");
    CHECK_THAT(f.refusal({f.dir / "none.tsv"}).first,
               Catch::EndsWith("none.tsv: 1 of 1 rows cannot be notes: line 2 (3 fields, but #columns names 2); the "
                               "file was probably read with the wrong separator (tab, guessed from the first row): "
                               "choose it with --separator tab, comma, semicolon, pipe, colon, space or the "
                               "character, and check with --dry-run"));
    // The separator named is the one used, and where it came from.
    ImportOptions comma;
    comma.separator = ",";
    test::write_file(f.dir / "wrong.csv", "a,b\nc,d,e,f\ng,h,i,j\nk,l,m,n\n");
    CHECK_THAT(f.refusal({f.dir / "wrong.csv"}, comma).first,
               Catch::Contains("3 of 4 rows cannot be notes: line 2 (4 fields, but a row without a header holds "
                               "front, back and tags at most), line 3 (4 fields"));
    CHECK_THAT(f.refusal({f.dir / "wrong.csv"}, comma).first, Catch::Contains("separator (',' from --separator)"));
}

TEST_CASE("import: what cannot be skipped stays fatal", "[import][anki-text][skip][errors]") {
    Fixture f;
    // A quote never closed would swallow the rest of the file.
    test::write_file(f.dir / "open.csv", "a,b\n\"c,d\ne,f\n");
    CHECK_THAT(f.refusal({f.dir / "open.csv"}).first,
               Catch::EndsWith("open.csv:2: a quoted field is never closed; add the missing double quote"));
    CHECK_THAT(f.refusal({data / "bad-quote.csv"}).first, Catch::Contains("bad-quote.csv:1: malformed quoting"));
    CHECK_THAT(f.refusal({data / "invalid-utf8.csv"}).first, Catch::Contains("invalid-utf8.csv:3: invalid UTF-8"));
    test::write_file(f.dir / "header.txt", "#html:maybe\na\tb\n");
    CHECK_THAT(f.refusal({f.dir / "header.txt"}).first,
               Catch::EndsWith("header.txt:1: #html must be true or false, got 'maybe'"));
    ImportOptions few;
    few.max_rows = 3;
    test::write_file(f.dir / "long.tsv", tsv_rows(5, {1}));
    CHECK_THAT(f.refusal({f.dir / "long.tsv"}, few).first, Catch::Contains("long.tsv:4: more than 3 rows"));
    CHECK(f.card_count() == 0);
}
