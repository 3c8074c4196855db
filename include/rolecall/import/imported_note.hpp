// What every importer produces: notes with their cards, ready for the import writer.
#pragma once

#include "rolecall/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rolecall::import {

// A note read from a file: what the note writer stores, plus where it goes and where it came from.
struct ImportedNote : NoteDraft {
    // NoteDraft::key is the identity within the deck: "guid:..." or "front:<first field>";
    // NoteDraft::schedules is parallel to cards, or empty.
    std::string deck;
    std::string where;  // "deck.tsv:12", "deck.apkg: note 1650000000000", for messages
    // Set when the reader leaves the note out rather than refusing the file (an Anki note with an
    // empty first field, say): the import counts it as skipped in its deck and reports it by id.
    std::string skip_kind;    // "empty first field"; empty for a note to import
    std::string skip_detail;  // the kind with its particulars
    std::string id;           // the note's id in its file (Anki's note id, "line 7"), for that report
};

using NoteSink = std::function<void(ImportedNote&&)>;

// A recall note from a front and a back ("Basic"), optionally with its reverse card.
ImportedNote basic_note(std::string deck, std::string key, std::string front, std::string back, std::string tags,
                        bool reversed);

// A note of one of Anki's note types, from fields already turned into text: "Basic" gives one card,
// "Basic (and reversed card)" two, a cloze type one per cloze number, and any other type a card
// with the first field in front and the rest behind.
ImportedNote anki_note(std::string deck, std::string key, const std::string& notetype, bool cloze,
                       const std::vector<std::string>& fields, const std::string& tags);

// Cloze cards from Anki's {{c1::answer::hint}} syntax: one card per cloze number, in order.
// Returns no cards when the text has no deletion.
std::vector<CardDraft> anki_cloze_cards(const std::string& text, const std::string& extra, const std::string& tags);

}  // namespace rolecall::import
