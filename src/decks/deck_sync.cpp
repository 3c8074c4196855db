#include "rolecall/decks/deck_sync.hpp"

#include "rolecall/text/text_utils.hpp"
#include "rolecall/decks/deck_builder.hpp"
#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

namespace rolecall {

bool same_card_text(const CardDraft& a, const CardDraft& b) {
    return a.kind == b.kind && a.front == b.front && a.back == b.back && a.choices == b.choices &&
           a.answer == b.answer && a.explanation == b.explanation && a.tags == b.tags;
}

// New cards are introduced in a stable pseudo-random order, so a first session mixes kinds and roles
// instead of drilling one aspect twenty times in a row.
std::int64_t new_card_rank(const std::string& deck, const std::string& note_key, const std::string& view) {
    // FNV-1a barely moves the high bits for keys that differ in their last byte ("c1", "c2"), so mix
    // them (splitmix64's finaliser) before ordering; otherwise sibling cards would sit side by side.
    std::uint64_t x = stable_hash(deck + '\n' + note_key + '\n' + view);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<std::int64_t>(x >> 2);
}

SyncCounts sync_fact_deck(Storage& storage, const FactDeck& deck, const std::string& source_path,
                          const std::string& source_hash, bool retire_missing) {
    const std::vector<NoteDraft> notes = build_cards(deck);
    SyncCounts counts;
    Storage::Transaction transaction(storage);

    Id deck_id = 0;
    if (auto existing = storage.find_deck(deck.name)) {
        // Decks are known by name: a second source of the same name would retire the first one's cards.
        const bool was_builtin = existing->source_path.starts_with(builtin_source_prefix);
        const bool is_builtin = source_path.starts_with(builtin_source_prefix);
        if (was_builtin != is_builtin) {
            throw Error(fmt::format("{}: the deck name '{}' belongs to rolecall's built-in deck; give yours another "
                                    "name (deck = ...)",
                                    is_builtin ? existing->source_path : source_path, deck.name));
        }
        if (existing->source_path.empty() && !storage.notes_of_deck(existing->id).empty()) {
            throw Error(fmt::format("{}: the deck '{}' holds imported notes; give the fact deck another name (deck = ...)",
                                    source_path, deck.name));
        }
        deck_id = existing->id;
        storage.set_deck_source(deck_id, source_path, source_hash);
    } else {
        deck_id = storage.create_deck(deck.name, source_path, source_hash);
    }
    storage.replace_categories(deck_id, deck.categories);

    std::map<std::string, StoredNote> stored_notes;
    for (auto& note : storage.notes_of_deck(deck_id)) stored_notes.emplace(note.key, std::move(note));
    std::map<std::pair<std::string, std::string>, StoredCard> stored_cards;
    for (auto& card : storage.cards_of_deck(deck_id)) {
        stored_cards.emplace(std::make_pair(card.note_key, card.view), std::move(card));
    }

    for (const auto& note : notes) {
        Id note_id = 0;
        auto found_note = stored_notes.find(note.key);
        if (found_note == stored_notes.end()) {
            note_id = storage.insert_note(deck_id, note);
        } else {
            note_id = found_note->second.id;
            if (found_note->second.fact != note.fact || found_note->second.category != note.category ||
                found_note->second.retired) {
                storage.update_note(note_id, note, false);
            }
            stored_notes.erase(found_note);
        }
        for (const auto& card : note.cards) {
            auto found = stored_cards.find({note.key, card.view});
            if (found == stored_cards.end()) {
                storage.insert_card(deck_id, note_id, card, new_card_rank(deck.name, note.key, card.view));
                ++counts.added;
                continue;
            }
            const StoredCard& stored = found->second;
            bool text_changed = !same_card_text(stored.text, card);
            if (text_changed) storage.update_card_text(stored.id, card);
            if (stored.retired) storage.set_card_retired(stored.id, false);
            if (text_changed || stored.retired) {
                ++counts.updated;
            } else {
                ++counts.unchanged;
            }
            stored_cards.erase(found);
        }
    }
    // What the source no longer holds is retired: hidden from reviews, its history kept.
    if (!retire_missing) {
        transaction.commit();
        return counts;
    }
    for (const auto& [key, note] : stored_notes) {
        if (!note.retired) storage.update_note(note.id, NoteDraft{note.key, note.category, note.fact, {}}, true);
    }
    for (const auto& [key, card] : stored_cards) {
        if (card.retired) continue;
        storage.set_card_retired(card.id, true);
        ++counts.retired;
    }
    transaction.commit();
    return counts;
}

std::string read_text_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(fmt::format("cannot read {}: check that the file exists and is readable", file.string()));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) throw Error(fmt::format("cannot read {}: a read error occurred", file.string()));
    return text.str();
}

BuildOutcome build_deck_file(Storage& storage, const std::filesystem::path& file, bool only_if_changed,
                             bool builtin) {
    const std::string text = read_text_file(file);
    // The builder's version is part of the hash: when rolecall words its cards differently, every
    // fact deck is rebuilt once, even though its source did not change.
    const std::string hash = fmt::format("{:016x}-b{}", stable_hash(text), deck_builder_version);
    const std::string source = builtin ? std::string(builtin_source_prefix) + file.filename().string()
                                       : std::filesystem::absolute(file).string();
    BuildOutcome outcome;
    if (only_if_changed) {
        // The check every review makes at start-up: an unchanged source is not even parsed.
        for (const auto& stored : storage.decks()) {
            if (stored.source_path == source && stored.source_hash == hash) {
                outcome.deck_name = stored.name;
                outcome.skipped = true;
                return outcome;
            }
        }
    }
    const FactDeck deck = parse_fact_deck(text, file.string());
    outcome.deck_name = deck.name;
    outcome.counts = sync_fact_deck(storage, deck, source, hash);
    return outcome;
}

}  // namespace rolecall
