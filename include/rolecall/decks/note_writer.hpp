// The one writer of notes and cards. A fact-deck build and an import both hand it notes; it matches
// each by identity (the note's key within its deck, a card's view within its note), inserts what is
// new, updates changed text without touching history or schedule, un-retires what comes back, retires
// cards a note no longer makes and, when asked, the notes a source no longer holds; and it counts
// all of that the same way for both.
#pragma once

#include "rolecall/model.hpp"

#include <cstdint>
#include <string>

namespace rolecall {

class Storage;

struct NoteCounts {
    int added = 0;    // new cards
    int updated = 0;  // cards whose text changed, or that came back from retirement
    int unchanged = 0;
    int retired = 0;  // cards hidden because their fact is gone (history kept)
    int skipped = 0;  // a note repeated within one write (the same guid or fact key): the first one stands
    bool changed() const { return added + updated + retired > 0; }
    NoteCounts& operator+=(const NoteCounts& more) {
        added += more.added;
        updated += more.updated;
        unchanged += more.unchanged;
        retired += more.retired;
        skipped += more.skipped;
        return *this;
    }
};

class NoteWriter {
public:
    // Starts tracking which notes this writer touches; run it inside the storage transaction that
    // the whole write belongs to. One writer at a time per connection.
    explicit NoteWriter(Storage& storage);

    // Writes one note into `deck`, whose name (with the note key and card view) seeds the order in
    // which new cards are introduced. A front repeated within one write is a note of its own.
    void write(Id deck, const std::string& deck_name, const NoteDraft& note, NoteCounts& counts);

    // The card ids of the note last written, parallel to its cards (0 after a write that was skipped).
    const std::vector<Id>& card_ids() const { return m_card_ids; }

    // Retires the notes of `deck` this writer did not write, and their cards; returns the cards retired.
    int retire_unwritten(Id deck);

private:
    bool write_once(Id deck, const std::string& deck_name, const NoteDraft& note, NoteCounts& counts);
    Id insert_new_card(Id deck, const std::string& deck_name, Id note_id, const NoteDraft& note, std::size_t i);

    Storage& m_storage;
    std::vector<Id> m_card_ids;
};

// Whether two versions of a card read the same (text, options, tags).
bool same_card_text(const CardDraft& a, const CardDraft& b);

// The position of a new card in the order new cards are introduced: stable and well mixed.
std::int64_t new_card_rank(const std::string& deck, const std::string& note_key, const std::string& view);
// ... of note.cards[card]: before every other when the note is to be introduced first.
std::int64_t new_card_rank(const NoteDraft& note, std::size_t card, const std::string& deck);

}  // namespace rolecall
