// Builds small Anki fixtures for the tests: a collection made with SQL, with note types that carry
// real templates and explicit card rows, zipped with libzip into an .apkg (optionally as a
// zstd-compressed collection.anki21b beside the "please update" dummy), or left bare as a .anki2.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace rolecall::test {

// One row of Anki's review log (revlog).
struct AnkiFixtureReview {
    std::int64_t id = 0;  // the time of the answer, ms since the epoch
    int ease = 3;         // the button: 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a manual reschedule
    int type = 1;         // 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual
    int time_ms = 5000;
};

// One row of Anki's cards table.
struct AnkiFixtureCard {
    int ord = 0;
    int queue = 0;  // -1 suspended, -2/-3 buried, else as type
    int type = 0;   // 0 new, 1 learning, 2 review, 3 relearning
    int interval = 0;
    int factor = 0;
    std::int64_t due = 0;
    std::int64_t deck = 0;  // 0: the note's deck
    int reps = 3;
    int lapses = 1;
    std::vector<AnkiFixtureReview> revlog = {};  // this card's answers, written to the revlog table
};

struct AnkiFixtureNote {
    std::int64_t id;
    std::string guid;
    std::int64_t notetype;  // 1 Basic, 2 Basic (and reversed card), 3 Cloze, or a fixture note type's id
    std::string fields;     // 0x1f-separated
    std::string tags;
    std::int64_t deck;  // 10 "Lang::French", 11 "Default", 12 "Deutsch"
    // Without explicit `cards`, the cards Anki makes: one (Basic), two (reversed), one per cloze number
    // (at least one); the first with this schedule, type 0 new or 2 review.
    int type = 0;
    int due = 0;
    int interval = 0;
    int factor = 0;
    std::vector<AnkiFixtureCard> cards = {};
};

struct AnkiFixtureTemplate {
    std::string name;
    std::string qfmt;
    std::string afmt;
};

// A note type with its fields and templates. One with the id of a stock type (1, 2, 3) replaces it.
struct AnkiFixtureNotetype {
    std::int64_t id;
    std::string name;
    bool cloze;
    std::vector<std::string> fields;
    std::vector<AnkiFixtureTemplate> templates;
};

// Anki's stock templates, as Anki writes them.
inline const AnkiFixtureTemplate basic_forward{"Card 1", "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"};
inline const AnkiFixtureTemplate basic_reverse{"Card 2", "{{Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}"};

// Note types with real templates beyond the stock three:
//   1 "Basic" with two templates (replacing the stock Basic: the name says one card, the package two);
//   4 "Basic (optional reversed card)": Front, Back, Add Reverse; card 2 only while Add Reverse has text;
//   5 "Einfach (beide Richtungen)": Anki's reversed type in its German UI, Vorderseite and Rückseite;
//   6 "Vocab": Word, Meaning, Example, with {{#Example}} and {{^Example}} conditionals and filters;
//   7 "Basic (type in the answer)": Front, Back with {{type:Back}}.
AnkiFixtureNotetype two_template_basic();
std::vector<AnkiFixtureNotetype> template_notetypes();

enum class AnkiLayout {
    legacy,  // collection.anki2, schema 11 (note types and decks as JSON in col)
    modern,  // collection.anki21b (zstd, schema 18 tables) plus a dummy collection.anki2
};

// crt of every fixture collection: 2026-01-01T00:00:00Z.
inline constexpr std::int64_t fixture_created_at = 1767225600;

void write_apkg(const std::filesystem::path& target, const std::vector<AnkiFixtureNote>& notes, AnkiLayout layout,
                const std::vector<AnkiFixtureNotetype>& notetypes = {});

// A bare collection file, as Anki keeps one in a profile folder (collection.anki2); `wal` leaves it
// in Anki's journal mode, WAL.
void write_anki_collection(const std::filesystem::path& target, const std::vector<AnkiFixtureNote>& notes,
                           AnkiLayout layout, const std::vector<AnkiFixtureNotetype>& notetypes = {}, bool wal = false);

// An Anki 1.x collection (.anki): the tables of that schema (facts, fieldModels, cardModels...), empty.
void write_anki1_collection(const std::filesystem::path& target);

}  // namespace rolecall::test
