#include "rolecall/decks/note_writer.hpp"

#include "rolecall/scheduling/leech.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/text/text_utils.hpp"

#include <algorithm>

namespace rolecall {

bool same_card_text(const CardDraft& a, const CardDraft& b) {
    return a.kind == b.kind && a.front == b.front && a.back == b.back && a.choices == b.choices &&
           a.answer == b.answer && a.explanation == b.explanation && a.tags == b.tags &&
           a.choice_roles == b.choice_roles && a.why_not == b.why_not;
}

// New cards are introduced in a stable pseudo-random order, so a first session mixes kinds and roles
// instead of drilling one aspect twenty times in a row.
std::int64_t new_card_rank(const NoteDraft& note, std::size_t card, const std::string& deck) {
    // Below every mixed rank (those are 0 or more): position, then the card within its note.
    if (note.introduce_at)
        return -(std::int64_t{1} << 40) + *note.introduce_at * std::int64_t{16} + static_cast<std::int64_t>(card);
    return new_card_rank(deck, note.key, note.cards[card].view);
}

std::int64_t new_card_rank(const std::string& deck, const std::string& note_key, const std::string& view) {
    // FNV-1a barely moves the high bits for keys that differ in their last byte ("c1", "c2"), so mix
    // them (splitmix64's finaliser) before ordering; otherwise sibling cards would sit side by side.
    // stable_hash(deck + '\n' + note_key + '\n' + view), FNV-1a taken piece by piece (one per new card).
    std::uint64_t x = 14695981039346656037ULL;
    auto hash = [&x](std::string_view piece) {
        for (char c : piece) {
            x ^= static_cast<unsigned char>(c);
            x *= 1099511628211ULL;
        }
    };
    hash(deck);
    hash("\n");
    hash(note_key);
    hash("\n");
    hash(view);
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return static_cast<std::int64_t>(x >> 2);
}

NoteWriter::NoteWriter(Storage& storage) : m_storage(storage) { m_storage.start_note_tracking(); }

void NoteWriter::write(Id deck, const std::string& deck_name, const NoteDraft& note, NoteCounts& counts) {
    if (write_once(deck, deck_name, note, counts)) return;
    // A note known by its front (a text row, no guid) whose front came earlier in this write is a
    // note of its own, as Anki keeps it: the second is known as "front#2:...", and so on, so that a
    // re-import of the same file finds each one again in its place. A repeated guid is the same
    // note twice: the first one stands.
    constexpr std::string_view by_front = "front:";
    if (!note.key.starts_with(by_front)) {
        ++counts.skipped;
        return;
    }
    NoteDraft repeat = note;
    for (int occurrence = 2;; ++occurrence) {
        repeat.key = "front#" + std::to_string(occurrence) + ":" + note.key.substr(by_front.size());
        if (write_once(deck, deck_name, repeat, counts)) return;
    }
}

// Writes `note` unless a note of its key was already written by this writer; returns whether it wrote.
bool NoteWriter::write_once(Id deck, const std::string& deck_name, const NoteDraft& note, NoteCounts& counts) {
    // One statement for a new note (the common case of a first import); lookups only for the rest.
    m_card_ids.assign(note.cards.size(), 0);
    if (std::optional<Id> inserted = m_storage.insert_note_if_new(deck, note)) {
        for (std::size_t i = 0; i < note.cards.size(); ++i) {
            m_card_ids[i] = insert_new_card(deck, deck_name, *inserted, note, i);
            ++counts.added;
        }
        return true;
    }
    const StoredNote stored_note = *m_storage.note_by_key(deck, note.key);
    if (!m_storage.mark_note_seen(stored_note.id)) return false;  // written before in this write
    if (stored_note.fact != note.fact || stored_note.category != note.category || stored_note.retired ||
        stored_note.shows != note.shows) {
        m_storage.update_note(stored_note.id, note, false);
    }
    std::vector<StoredCard> stored = m_storage.cards_of_note(stored_note.id);
    for (std::size_t i = 0; i < note.cards.size(); ++i) {
        const CardDraft& card = note.cards[i];
        auto found =
            std::find_if(stored.begin(), stored.end(), [&](const StoredCard& s) { return s.view == card.view; });
        if (found == stored.end()) {
            m_card_ids[i] = insert_new_card(deck, deck_name, stored_note.id, note, i);
            ++counts.added;
            continue;
        }
        // The tag a review gave a leech is the learner's, not the source's: a rebuild keeps it.
        CardDraft text = card;
        if (has_tag(found->text.tags, leech_tag)) text.tags = with_tag(text.tags, leech_tag);
        const bool changed = !same_card_text(found->text, text);
        if (changed) m_storage.update_card_text(found->id, text);
        if (found->retired) m_storage.set_card_retired(found->id, false);
        ++(changed || found->retired ? counts.updated : counts.unchanged);
        m_card_ids[i] = found->id;
        found->view.clear();  // matched
    }
    // Cards the note no longer makes (a cloze number or an aspect value removed) are retired, never deleted.
    for (const auto& card : stored) {
        if (card.view.empty() || card.retired) continue;
        m_storage.set_card_retired(card.id, true);
        ++counts.retired;
    }
    return true;
}

// A card new to the collection takes the state an import carried over for it, if any; a card
// already there keeps its own history and schedule.
Id NoteWriter::insert_new_card(Id deck, const std::string& deck_name, Id note_id, const NoteDraft& note,
                               std::size_t i) {
    const Id id = m_storage.insert_card(deck, note_id, note.cards[i], new_card_rank(note, i, deck_name));
    if (i < note.schedules.size() && note.schedules[i]) m_storage.set_card_state(id, *note.schedules[i]);
    if (i < note.suspended.size() && note.suspended[i]) m_storage.set_suspended({id}, true);
    return id;
}

int NoteWriter::retire_unwritten(Id deck) { return m_storage.retire_unseen_notes(deck); }

}  // namespace rolecall
