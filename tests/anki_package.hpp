// Builds small .apkg fixtures for the tests: an Anki collection made with SQL, zipped with libzip,
// optionally as a zstd-compressed collection.anki21b beside the "please update" dummy.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace rolecall::test {

struct AnkiFixtureNote {
    std::int64_t id;
    std::string guid;
    std::int64_t notetype;  // 1 Basic, 2 Basic (and reversed card), 3 Cloze
    std::string fields;     // 0x1f-separated
    std::string tags;
    std::int64_t deck;  // 10 "Lang::French", 11 "Default"
    // The first card's schedule: type 0 new, 2 review
    int type = 0;
    int due = 0;
    int interval = 0;
    int factor = 0;
};

enum class AnkiLayout {
    legacy,  // collection.anki2, schema 11 (note types and decks as JSON in col)
    modern,  // collection.anki21b (zstd, schema 18 tables) plus a dummy collection.anki2
};

// crt of every fixture collection: 2026-01-01T00:00:00Z.
inline constexpr std::int64_t fixture_created_at = 1767225600;

void write_apkg(const std::filesystem::path& target, const std::vector<AnkiFixtureNote>& notes, AnkiLayout layout);

}  // namespace rolecall::test
