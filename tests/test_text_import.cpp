// Anki text and CSV: rows that cannot be a note are skipped and reported (too many refuse the file),
// and --front, --back, --tags and --deck-column choose the columns of a file.
#include "rolecall/base/error.hpp"
#include "rolecall/import/import.hpp"
#include "import_fixture.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <string>

using namespace rolecall;

namespace {

const std::filesystem::path data = std::filesystem::path(ROLECALL_TEST_DATA) / "import";

struct Fixture : test::ImportFixture {
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

using test::counts_of;

ImportOptions mapped(std::string front, std::vector<std::string> back, std::string tags = "", std::string deck = "") {
    ImportOptions options;
    options.columns = ColumnMapping{std::move(front), std::move(back), std::move(tags), std::move(deck)};
    return options;
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

TEST_CASE("import: rows that cannot be a note are skipped and named by line, the rest is imported",
          "[import][anki-text][skip]") {
    Fixture f;
    // As Anki's text-2fields.txt: a comment, rows of two fields, a repeated note, one of three fields,
    // one and two single fields (blanks fill them), one with an empty front.
    const auto report = f.import({data / "anki-odd-rows.txt"});
    const DeckImportCounts& counts = counts_of(report, "anki-odd-rows");
    CHECK(counts.added == 7);  // the repeated front is a note of its own, as in Anki
    CHECK(counts.skipped == 2);
    REQUIRE(report.files.size() == 1);
    const FileImport& file = report.files[0];
    CHECK(file.notes == 7);
    CHECK(file.skipped == 2);
    REQUIRE(file.first_skipped.size() == 2);
    CHECK(file.first_skipped[0].id == "line 7");
    CHECK(file.first_skipped[0].kind == "too many fields");
    CHECK(file.first_skipped[0].detail == "3 fields, but the first row has 2");
    CHECK(file.first_skipped[1].id == "line 10");
    CHECK(file.first_skipped[1].detail == "empty front");
    auto cards = f.cards_by_front("anki-odd-rows");
    CHECK(cards.size() == 6);  // by front: the two of 読む are one entry
    CHECK(f.card_count() == 7);
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

TEST_CASE("import: a skipped row counts as missing for --sync, and comes back once fixed", "[import][skip]") {
    Fixture f;
    test::write_file(f.dir / "s.tsv", "a\t1\nb\t2\nc\t3\n");
    f.import({f.dir / "s.tsv"});
    test::write_file(f.dir / "s.tsv", "a\t1\nb\t2\textra\nc\t3\n");
    ImportOptions sync;
    sync.sync = true;
    const auto broken = f.import({f.dir / "s.tsv"}, sync);
    CHECK(counts_of(broken, "s").retired == 1);
    CHECK(counts_of(broken, "s").skipped == 1);
    CHECK(f.cards_by_front("s").at("b").retired);
    test::write_file(f.dir / "s.tsv", "a\t1\nb\t2\nc\t3\n");
    f.import({f.dir / "s.tsv"}, sync);
    CHECK_FALSE(f.cards_by_front("s").at("b").retired);
}

TEST_CASE("import: a CSV header of other names than front, back, tags and deck asks for a mapping",
          "[import][csv][columns]") {
    Fixture f;
    const auto vocab = data / "german-vocab.csv";
    auto [message, code] = f.refusal({vocab});
    CHECK(code == ExitCode::usage);
    CHECK(message == vocab.string() +
                         ": the header names 24 columns (type, german, english, german_full, s1, t1, …); choose the "
                         "card's sides with --front COLUMN --back COLUMN (names from the header, or numbers from 1 "
                         "with --header so that the header is no card)");
    // The same when --header says the first row is a header, and for a first row of data that is too wide.
    ImportOptions header;
    header.header = true;
    CHECK(f.refusal({vocab}, header).second == ExitCode::usage);
    test::write_file(f.dir / "wide.csv", "sol,sun,,noun\nluna,moon,,noun\n");
    CHECK(f.refusal({f.dir / "wide.csv"}) ==
          std::pair<std::string, ExitCode>{(f.dir / "wide.csv").string() +
                                               ":1: the first row has 4 fields (sol, sun, , noun), more than front, "
                                               "back and tags; choose the card's sides with --front COLUMN --back "
                                               "COLUMN (numbers from 1)",
                                           ExitCode::usage});
    // A header of known names, and one or two others that make the front and the back, still reads.
    test::write_file(f.dir / "capitals.csv", "Country,Capital,tags\nFrance,Paris,europe\n");
    f.import({f.dir / "capitals.csv"}, header);
    CHECK(f.cards_by_front("capitals").at("France").tags == "europe");
    // More names than roles: a choice for the user.
    test::write_file(f.dir / "more.csv", "Country,Capital,Currency\nFrance,Paris,euro\n");
    CHECK_THAT(f.refusal({f.dir / "more.csv"}, header).first,
               Catch::EndsWith("more.csv: the header names 3 columns (Country, Capital, Currency); choose the card's "
                               "sides with --front COLUMN --back COLUMN (names from the header, or numbers from 1 with "
                               "--header so that the header is no card)"));
    test::write_file(f.dir / "twice.csv", "question,answer,definition\nsol,sun,star\n");
    CHECK(f.refusal({f.dir / "twice.csv"}).second == ExitCode::usage);
    CHECK(f.card_count() == 1);
}

TEST_CASE("import: --front and --back map a wide CSV by header names, other columns are ignored",
          "[import][csv][columns]") {
    Fixture f;
    auto report = f.import({data / "german-vocab.csv"}, mapped("German", {"english", "S2", "t2"}, "type"));
    CHECK(report.files[0].header_row);
    CHECK(counts_of(report, "german-vocab").added == 10);
    CHECK(counts_of(report, "german-vocab").skipped == 0);
    auto cards = f.cards_by_front("german-vocab");
    REQUIRE(cards.size() == 10);
    CHECK(cards.at("Hund").back == "dog");  // a row of 6 fields: s2 and t2 are blanks, left out
    CHECK(cards.at("Hund").tags == "noun");
    CHECK(cards.at("gehen").back == "to go\nWir gingen zu Fuß.\nWe went on foot.");
    CHECK(cards.at("heute").back == "today");  // its s2 and t2 are empty
    CHECK(cards.at("lernen").tags == "verb");
    CHECK(cards.at("lernen").note_key == "front:lernen");
    // By number, the header row is still a header when a name is used elsewhere.
    Fixture g;
    auto numbers = g.import({data / "german-vocab.csv"}, mapped("3", {"german", "4"}));
    CHECK(counts_of(numbers, "german-vocab").added == 10);
    CHECK(g.cards_by_front("german-vocab").at("to learn").back == "lernen\nlernen, lernte, hat gelernt");
    // Numbers only: the first row is a note unless --header says it names the columns.
    Fixture h;
    ImportOptions by_number = mapped("2", {"3"});
    CHECK(counts_of(h.import({data / "german-vocab.csv"}, by_number), "german-vocab").added == 11);
    CHECK(h.cards_by_front("german-vocab").at("german").back == "english");
    Fixture k;
    by_number.header = true;
    CHECK(counts_of(k.import({data / "german-vocab.csv"}, by_number), "german-vocab").added == 10);
    // A row longer than the header is no note.
    test::write_file(k.dir / "long.csv", "a,b,c\n1,2,3\n4,5,6,7\n8,9\n");
    auto longer = k.import({k.dir / "long.csv"}, mapped("a", {"c"}));
    CHECK(counts_of(longer, "long").added == 2);
    REQUIRE(longer.files[0].first_skipped.size() == 1);
    CHECK(longer.files[0].first_skipped[0].detail == "4 fields, but the header row names 3");
    CHECK(k.cards_by_front("long").at("8").back.empty());  // padded with blanks
}

TEST_CASE("import: column numbers map a file without a header, --deck-column and --tags pick the deck and tags",
          "[import][columns]") {
    Fixture f;
    test::write_file(f.dir / "plain.csv", "x1,Spanish,hola,hello,greeting\nx2,French,bonjour,hello,greeting\n");
    auto report = f.import({f.dir / "plain.csv"}, mapped("3", {"4", "1"}, "5", "2"));
    CHECK_FALSE(report.files[0].header_row);
    CHECK(counts_of(report, "Spanish").added == 1);
    CHECK(counts_of(report, "French").added == 1);
    CHECK(f.cards_by_front("Spanish").at("hola").back == "hello\nx1");
    CHECK(f.cards_by_front("French").at("bonjour").tags == "greeting");

    // Anki text: names from #columns, or from the first row with --header or when a name is asked for.
    test::write_file(f.dir / "named.txt", "#separator:tab\n#columns:Word\tMeaning\tExample\nperro\tdog\tEl perro.\n");
    f.import({f.dir / "named.txt"}, mapped("meaning", {"word"}));
    CHECK(f.cards_by_front("named").at("dog").back == "perro");
    test::write_file(f.dir / "row.tsv", "Word\tMeaning\tExample\ngato\tcat\tEl gato.\n");
    auto row = f.import({f.dir / "row.tsv"}, mapped("Example", {"Word"}));
    CHECK(row.files[0].header_row);
    CHECK(f.cards_by_front("row").at("El gato.").back == "gato");
    // Without a mapping, Anki text keeps its columns in order.
    test::write_file(f.dir / "order.tsv", "uno\tone\t1\n");
    f.import({f.dir / "order.tsv"});
    CHECK(f.cards_by_front("order").at("uno").back == "one\n1");
}

TEST_CASE("import: a mapping that does not fit the file is a usage error naming what there is",
          "[import][columns][errors]") {
    Fixture f;
    const auto vocab = data / "german-vocab.csv";
    auto unknown = f.refusal({vocab}, mapped("germn", {"english"}));
    CHECK(unknown.second == ExitCode::usage);
    CHECK(unknown.first == vocab.string() +
                               ": --front 'germn' names no column; the columns are: type, german, english, "
                               "german_full, s1, t1, s2, t2, s3, t3, s4, t4, s5, t5, s6, t6, s7, t7, s8, t8, s9, t9, "
                               "s10, t10");
    CHECK(f.refusal({vocab}, mapped("german", {"25"})) ==
          std::pair<std::string, ExitCode>{
              vocab.string() + ": --back 25: no such column, the file has 24 (numbered from 1)", ExitCode::usage});
    CHECK(f.refusal({vocab}, mapped("german", {"0"})).second == ExitCode::usage);
    CHECK(f.refusal({vocab}, mapped("german", {"2"})) ==
          std::pair<std::string, ExitCode>{
              vocab.string() + ": --front and --back both name column 2 (german); give each column one role",
              ExitCode::usage});
    CHECK_THAT(f.refusal({vocab}, mapped("german", {"english"}, "English")).first,
               Catch::EndsWith("--back and --tags both name column 3 (english); give each column one role"));
    // Numbers on a file without names count the first row's fields.
    test::write_file(f.dir / "two.tsv", "a\tb\n");
    CHECK_THAT(f.refusal({f.dir / "two.tsv"}, mapped("1", {"3"})).first,
               Catch::EndsWith("two.tsv: --back 3: no such column, the file has 2 (numbered from 1)"));
    // Checked before any file is read: formats without columns, a mapping without its front, two decks.
    test::write_file(f.dir / "events.deck", "deck = Events\n");
    CHECK(f.refusal({f.dir / "two.tsv", f.dir / "events.deck"}, mapped("1", {"2"})) ==
          std::pair<std::string, ExitCode>{
              (f.dir / "events.deck").string() +
                  ": --front, --back, --tags and --deck-column choose columns of Anki text and CSV; a file of the "
                  "format facts has none",
              ExitCode::usage});
    ImportOptions quizlet = mapped("1", {"2"});
    quizlet.format = ImportFormat::quizlet;
    CHECK(f.refusal({f.dir / "two.tsv"}, quizlet).second == ExitCode::usage);
    CHECK(f.refusal({f.dir / "two.tsv"}, mapped("", {"2"})) ==
          std::pair<std::string, ExitCode>{
              "--back, --tags and --deck-column need --front: choose the column of the card's front", ExitCode::usage});
    ImportOptions two_decks = mapped("1", {"2"}, "", "2");
    two_decks.deck = "Words";
    CHECK(f.refusal({f.dir / "two.tsv"}, two_decks).second == ExitCode::usage);
    CHECK(f.card_count() == 0);
    CHECK(f.storage->decks().empty());
}

TEST_CASE("import: a separator of several characters points at Quizlet, a typed backslash-t at 'tab'",
          "[import][separator]") {
    Fixture f;
    test::write_file(f.dir / "idioms.txt", "break the ice/////start a conversation\n");
    ImportOptions slashes;
    slashes.separator = "/////";
    auto [message, code] = f.refusal({f.dir / "idioms.txt"}, slashes);
    CHECK(code == ExitCode::usage);
    CHECK_THAT(message, Catch::EndsWith("--format quizlet --separator '/////'"));
    ImportOptions backslash_t;
    backslash_t.separator = "\\t";
    CHECK_THAT(f.refusal({f.dir / "idioms.txt"}, backslash_t).first, Catch::EndsWith("write --separator tab"));
    // A folder is named as one.
    CHECK_THAT(f.error_of({f.dir.path()}), Catch::Contains("it is a folder; name the files in it"));
}

TEST_CASE("import: a real Anki text export with guid, note type, deck and tags columns", "[import][real-world]") {
    // tests/data/real-world/anki-ai-notes-export.txt (MIT, see the README there): 8 notes of a
    // custom note type, HTML with entities and images, a guid that needs quoting.
    Fixture f;
    const auto report =
        f.import({std::filesystem::path(ROLECALL_TEST_DATA) / "real-world" / "anki-ai-notes-export.txt"});
    CHECK(counts_of(report, "Default").added == 8);
    CHECK(f.card_count() == 8);
    const auto cards = f.cards_by_front("Default");
    const auto ln = cards.find("Command to create a soft link");
    REQUIRE(ln != cards.end());
    CHECK(ln->second.back == "```bash\n$ ln -s <file> <link>\n```");
    CHECK(ln->second.tags == "linux");
    // A front that is only an image names the image; its back is the word.
    bool towel = false;
    for (const auto& [front, card] : cards) {
        if (card.back == "Towel") {
            towel = true;
            CHECK(front == "[image: paste-334a3566ffa4cab66033c10810e8d06af8fda194.jpg]");
            CHECK(card.tags == "english");
        }
    }
    CHECK(towel);
    // Known by Anki's guids: a second import changes nothing.
    CHECK(counts_of(f.import({std::filesystem::path(ROLECALL_TEST_DATA) / "real-world" / "anki-ai-notes-export.txt"}),
                    "Default")
              .unchanged == 8);
}
