// Deck sync: writes a built deck into storage so that card identities survive edits of the source.
// Unchanged facts keep their cards; edited facts keep their cards, history and SM-2 state with new
// text; removed facts are retired (hidden from reviews) and never deleted with their history.
#pragma once

#include "rolecall/decks/fact_deck.hpp"
#include "rolecall/storage/storage.hpp"

#include <filesystem>
#include <string>

namespace rolecall {

struct SyncCounts {
    int added = 0;
    int updated = 0;
    int unchanged = 0;
    int retired = 0;
    bool changed() const { return added + updated + retired > 0; }
};

// Syncs one parsed fact deck into storage in one transaction. With `retire_missing` off (an import
// without --sync), facts the source no longer holds are left as they are. Refuses (Error) a deck
// whose name belongs to the built-in deck, or to a deck of imported notes.
SyncCounts sync_fact_deck(Storage& storage, const FactDeck& deck, const std::string& source_path,
                          const std::string& source_hash, bool retire_missing = true);

// Whether two versions of a card read the same (text, options, tags).
bool same_card_text(const CardDraft& a, const CardDraft& b);

// The position of a new card in the order new cards are introduced: stable and well mixed.
std::int64_t new_card_rank(const std::string& deck, const std::string& note_key, const std::string& view);

struct BuildOutcome {
    std::string deck_name;
    SyncCounts counts;
    bool skipped = false;  // the source had not changed since the last build
};

// The source recorded for rolecall's own decks, wherever their files are installed.
inline constexpr std::string_view builtin_source_prefix = "builtin:";

// Reads, parses and syncs a fact-deck file. With `only_if_changed`, a source whose hash matches the
// last build is left as it is (the cheap check a review makes at start-up). `builtin` records the
// deck as rolecall's own, so a user's deck of the same name is refused instead of replacing it.
BuildOutcome build_deck_file(Storage& storage, const std::filesystem::path& file, bool only_if_changed,
                             bool builtin = false);

// Reads a whole text file; throws Error naming the file when it cannot.
std::string read_text_file(const std::filesystem::path& file);

}  // namespace rolecall
