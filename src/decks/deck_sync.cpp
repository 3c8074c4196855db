#include "rolecall/decks/deck_sync.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/decks/deck_builder.hpp"
#include "rolecall/decks/deck_source.hpp"
#include "rolecall/storage/storage.hpp"

#include <fmt/format.h>

namespace rolecall {

namespace {

// The deck a fact-deck source builds into: found by name, or made. Decks are known by name, so a
// second source of the same name would retire the first one's cards: refused.
Id deck_for_source(Storage& storage, const FactDeck& deck, const std::string& source_path,
                   const std::string& source_hash) {
    auto existing = storage.find_deck(deck.name);
    if (!existing) return storage.create_deck(deck.name, source_path, source_hash);
    const bool was_builtin = existing->source_path.starts_with(builtin_source_prefix);
    const bool is_builtin = source_path.starts_with(builtin_source_prefix);
    if (was_builtin != is_builtin) {
        throw Error(
            fmt::format("{}: the deck name '{}' belongs to rolecall's built-in deck; give yours another "
                        "name (deck = ...)",
                        is_builtin ? existing->source_path : source_path, deck.name));
    }
    if (existing->source_path.empty() && storage.deck_has_notes(existing->id)) {
        throw Error(fmt::format("{}: the deck '{}' holds imported notes; give the fact deck another name (deck = ...)",
                                source_path, deck.name));
    }
    storage.set_deck_source(existing->id, source_path, source_hash);
    return existing->id;
}

}  // namespace

SyncCounts sync_fact_deck(Storage& storage, NoteWriter& writer, const FactDeck& deck, const std::string& source_path,
                          const std::string& source_hash, bool retire_missing) {
    const std::vector<NoteDraft> notes = build_cards(deck);
    SyncCounts counts;
    Storage::Transaction transaction(storage);
    const Id deck_id = deck_for_source(storage, deck, source_path, source_hash);
    storage.replace_categories(deck_id, deck.categories);
    storage.replace_checkup_questions(deck_id, build_checkup(deck));
    for (const auto& note : notes) writer.write(deck_id, deck.name, note, counts);
    // What the source no longer holds is retired: hidden from reviews, its history kept.
    if (retire_missing) counts.retired += writer.retire_unwritten(deck_id);
    transaction.commit();
    return counts;
}

SyncCounts sync_fact_deck(Storage& storage, const FactDeck& deck, const std::string& source_path,
                          const std::string& source_hash, bool retire_missing) {
    Storage::Transaction transaction(storage);
    NoteWriter writer(storage);
    SyncCounts counts = sync_fact_deck(storage, writer, deck, source_path, source_hash, retire_missing);
    transaction.commit();
    return counts;
}

BuildOutcome build_deck_file(Storage& storage, const std::filesystem::path& file, bool only_if_changed, bool builtin) {
    const DeckSource text = read_deck_source(file);
    const std::string source = builtin ? std::string(builtin_source_prefix) + file.filename().string()
                                       : std::filesystem::absolute(file).string();
    BuildOutcome outcome;
    if (only_if_changed) {
        // The check every review makes at start-up: an unchanged source is not even parsed.
        for (const auto& stored : storage.decks()) {
            if (stored.source_path == source && stored.source_hash == text.hash) {
                outcome.deck_name = stored.name;
                outcome.skipped = true;
                return outcome;
            }
        }
    }
    const FactDeck deck = parse_fact_deck(text.text, file.string());
    outcome.deck_name = deck.name;
    outcome.counts = sync_fact_deck(storage, deck, source, text.hash);
    return outcome;
}

}  // namespace rolecall
