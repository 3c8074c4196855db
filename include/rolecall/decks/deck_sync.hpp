// Deck sync: writes a built deck into storage so that card identities survive edits of the source.
// Unchanged facts keep their cards; edited facts keep their cards, history and SM-2 state with new
// text; removed facts are retired (hidden from reviews) and never deleted with their history.
#pragma once

#include "rolecall/decks/fact_deck.hpp"
#include "rolecall/decks/note_writer.hpp"
#include "rolecall/storage/storage.hpp"

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace rolecall {

using SyncCounts = NoteCounts;

// Syncs one parsed fact deck into storage in one transaction (a savepoint inside an import's), its
// notes written by `writer`. With `retire_missing` off (an import without --sync), facts the source no
// longer holds are left as they are. Refuses (Error) a deck whose name belongs to the built-in deck,
// or to a deck of imported notes.
SyncCounts sync_fact_deck(Storage& storage, NoteWriter& writer, const FactDeck& deck, const std::string& source_path,
                          const std::string& source_hash, bool retire_missing = true);
// The same with a writer of its own.
SyncCounts sync_fact_deck(Storage& storage, const FactDeck& deck, const std::string& source_path,
                          const std::string& source_hash, bool retire_missing = true);

struct BuildOutcome {
    std::string deck_name;
    SyncCounts counts;
    bool skipped = false;  // the source had not changed since the last build
};

// The source recorded for rolecall's own decks, wherever their files are installed.
inline constexpr std::string_view builtin_source_prefix = "builtin:";
// Set by `rolecall deck delete` on the built-in deck, so no command builds it again until
// `rolecall build` (without files) asks for it.
inline constexpr const char* builtin_deck_hidden_setting = "builtin-deck-hidden";

// A fact-deck file's stamp, as stat(2) sees it: device, inode, size, modification and change times
// (to the nanosecond), with deck_builder_version. While it stays the same, so does what the file
// builds into, as make and git assume. nullopt when stat fails, or when the file changed less than
// `settle` ago: file times come from a coarse clock, so a file written twice within one tick can keep
// its stamp through a change of the same size; such a file is read every time, until it settles.
std::optional<std::string> source_stamp(const std::filesystem::path& file,
                                        std::chrono::nanoseconds settle = std::chrono::seconds(1));
// The setting (key: this prefix and the deck's source) that holds the stamp of a file and the hash of
// its text when it last built into, or matched, its deck.
inline constexpr std::string_view source_stamp_setting_prefix = "source-stamp:";

// Reads, parses and syncs a fact-deck file. With `only_if_changed`, a source whose hash matches the
// last build is left as it is, and one whose source_stamp() matches that of the last build is not even
// read (the cheap check a review makes at start-up). `builtin` records the deck as rolecall's own, so
// a user's deck of the same name is refused instead of replacing it.
BuildOutcome build_deck_file(Storage& storage, const std::filesystem::path& file, bool only_if_changed,
                             bool builtin = false);

}  // namespace rolecall
