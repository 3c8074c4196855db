// Read-only access to an Anki collection (unpacked from an .apkg, or a bare collection.anki2): a
// stranger's SQLite file, opened immutable and defensive (no triggers, no views, untrusted schema).
// Part of the storage module beside rolecall's own SQL.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace rolecall {

// One card template of a note type: Anki's qfmt and afmt.
struct AnkiTemplate {
    int ordinal = 0;
    std::string name;
    std::string question;
    std::string answer;
};

struct AnkiNotetype {
    std::string name;
    bool cloze = false;
    std::vector<std::string> fields;      // field names, in order
    std::vector<AnkiTemplate> templates;  // in ordinal order
    // The template a card of this ordinal renders (a cloze type's cards all use its first); null if none.
    const AnkiTemplate* template_for(int card_ordinal) const;
};

struct AnkiCard {
    std::int64_t id = 0;
    int ordinal = 0;        // the template's, or a cloze card's number - 1
    std::int64_t deck = 0;  // its home deck (for a card in a filtered deck, the deck it came from)
    int type = 0;           // 0 new, 1 learning, 2 review, 3 relearning
    int queue = 0;          // -1 suspended, -2 and -3 buried, else as type
    std::int64_t due = 0;   // a review card's day, counted from the collection's creation
    int interval = 0;
    int factor = 0;  // ease in per-mille (2500 = 2.5)
    int reps = 0;
    int lapses = 0;
    int flags = 0;  // the card's flag colour in its low 3 bits
};

// One answer of Anki's review log (revlog) that a memory model can learn from.
struct AnkiReview {
    std::int64_t id = 0;  // its time, in ms since the epoch
    int button = 0;       // 1 Again, 2 Hard, 3 Good, 4 Easy
    int time_ms = 0;      // how long the answer took
};

struct AnkiNote {
    std::int64_t id = 0;
    std::string guid;
    std::int64_t notetype = 0;
    std::string tags;
    std::string fields;           // separated by 0x1f
    std::vector<AnkiCard> cards;  // by ordinal
};

class AnkiCollection {
public:
    // Throws Error naming `label` (the .apkg) when the file is not an Anki collection rolecall reads:
    // an Anki 1.x .anki file and a rolecall database are named as such.
    AnkiCollection(const std::filesystem::path& file, std::string label);
    AnkiCollection(const AnkiCollection&) = delete;
    AnkiCollection& operator=(const AnkiCollection&) = delete;

    std::map<std::int64_t, AnkiNotetype> notetypes();
    std::map<std::int64_t, std::string> decks();  // names as "Parent::Child"
    std::int64_t created_at();                    // col.crt, seconds since the epoch
    // The answers of learning, review and relearning (revlog types 0-2) with a button pressed, by
    // card id, oldest first. Manual reschedules, filtered-deck reviews and resets are left out. Empty
    // when the collection has no revlog table.
    std::map<std::int64_t, std::vector<AnkiReview>> reviews();
    // Every note with its cards, in note id order.
    void for_each_note(const std::function<void(const AnkiNote&)>& visit);

private:
    [[noreturn]] void fail(const std::string& what) const;
    bool has_table(const char* name);
    void read_modern_notetypes(std::map<std::int64_t, AnkiNotetype>& types);
    void read_legacy_notetypes(std::map<std::int64_t, AnkiNotetype>& types);

    // Owns the connection apart from the collection, so that a constructor that throws half-way
    // (a file that is no Anki collection) still closes it.
    struct Connection {
        sqlite3* handle = nullptr;
        Connection() = default;
        Connection(const Connection&) = delete;
        Connection& operator=(const Connection&) = delete;
        ~Connection();
    };

    Connection m_connection;
    std::string m_label;
    bool m_modern = false;  // schema 15 and later: note types, fields, templates and decks in tables
};

}  // namespace rolecall
