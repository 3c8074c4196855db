#include "rolecall/decks/deck_sync.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/decks/deck_builder.hpp"
#include "rolecall/decks/deck_source.hpp"
#include "rolecall/storage/storage.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <string_view>
#include <vector>

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

std::optional<std::string> source_stamp(const std::filesystem::path& file, std::chrono::nanoseconds settle) {
    struct stat status {};
    if (::stat(file.c_str(), &status) != 0) return std::nullopt;
    auto nanoseconds = [](const timespec& time) {
        return std::chrono::seconds(time.tv_sec) + std::chrono::nanoseconds(time.tv_nsec);
    };
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    if (now - std::max(nanoseconds(status.st_mtim), nanoseconds(status.st_ctim)) < settle) return std::nullopt;
    return fmt::format("{}:{}:{}:{}:{}:b{}", status.st_dev, status.st_ino, status.st_size,
                       nanoseconds(status.st_mtim).count(), nanoseconds(status.st_ctim).count(), deck_builder_version);
}

BuildOutcome build_deck_file(Storage& storage, const std::filesystem::path& file, bool only_if_changed, bool builtin) {
    const std::string source = builtin ? std::string(builtin_source_prefix) + file.filename().string()
                                       : std::filesystem::absolute(file).string();
    BuildOutcome outcome;
    if (!only_if_changed) {
        const DeckSource text = read_deck_source(file);
        const FactDeck deck = parse_fact_deck(text.text, file.string());
        outcome.deck_name = deck.name;
        outcome.counts = sync_fact_deck(storage, deck, source, text.hash);
        return outcome;
    }
    // The check every review makes at start-up. A file whose stamp is the one recorded when it last
    // built into the stored deck is not even read; else an unchanged source (by hash) is not parsed.
    // The stamp is taken before the read, so that a change during it shows next time.
    const std::string stamp_key = std::string(source_stamp_setting_prefix) + source;
    const std::optional<std::string> stamp = source_stamp(file);
    const std::vector<DeckRow> decks = storage.decks();
    auto built_from = [&](std::string_view hash) -> const DeckRow* {
        for (const auto& deck : decks) {
            if (deck.source_path == source && deck.source_hash == hash) return &deck;
        }
        return nullptr;
    };
    if (stamp) {
        const std::optional<std::string> recorded = storage.setting(stamp_key);
        if (recorded && recorded->starts_with(*stamp + " ")) {
            if (const DeckRow* built = built_from(std::string_view(*recorded).substr(stamp->size() + 1))) {
                outcome.deck_name = built->name;
                outcome.skipped = true;
                return outcome;
            }
        }
    }
    const DeckSource text = read_deck_source(file);
    if (const DeckRow* built = built_from(text.hash)) {
        outcome.deck_name = built->name;
        outcome.skipped = true;
    } else {
        const FactDeck deck = parse_fact_deck(text.text, file.string());
        outcome.deck_name = deck.name;
        outcome.counts = sync_fact_deck(storage, deck, source, text.hash);
    }
    if (stamp) storage.set_setting(stamp_key, *stamp + " " + text.hash);
    return outcome;
}

}  // namespace rolecall
