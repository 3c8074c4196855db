// Read-only access to an Anki collection unpacked from an .apkg: a stranger's SQLite file, opened
// immutable and defensive (no triggers, no views, untrusted schema). Part of the storage module:
// its SQL lives in storage_anki.cpp beside rolecall's own.
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

struct AnkiNotetype {
    std::string name;
    bool cloze = false;
};

struct AnkiCard {
    int ordinal = 0;
    int type = 0;  // 0 new, 1 learning, 2 review, 3 relearning
    std::int64_t due = 0;
    int interval = 0;
    int factor = 0;  // ease in per-mille (2500 = 2.5)
    int reps = 0;
    int lapses = 0;
};

struct AnkiNote {
    std::int64_t id = 0;
    std::string guid;
    std::int64_t notetype = 0;
    std::string tags;
    std::string fields;  // separated by 0x1f
    std::int64_t deck = 0;
};

class AnkiCollection {
public:
    // Throws Error naming `label` (the .apkg) when the file is not an Anki collection.
    AnkiCollection(const std::filesystem::path& file, std::string label);
    AnkiCollection(const AnkiCollection&) = delete;
    AnkiCollection& operator=(const AnkiCollection&) = delete;

    std::map<std::int64_t, AnkiNotetype> notetypes();
    std::map<std::int64_t, std::string> decks();  // names as "Parent::Child"
    std::int64_t created_at();                    // col.crt, seconds since the epoch
    void for_each_note(const std::function<void(const AnkiNote&)>& visit);
    std::vector<AnkiCard> cards_of_note(std::int64_t note);

private:
    [[noreturn]] void fail(const std::string& what) const;
    bool has_table(const char* name);

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
    bool m_modern = false;  // schema 18: notetypes and decks in tables of their own
};

}  // namespace rolecall
