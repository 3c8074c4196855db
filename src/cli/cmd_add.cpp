// `rolecall add --deck NAME FRONT BACK`: one card typed on the command line, into a deck of the
// user's own (created when new). It is the note an import of "FRONT<tab>BACK" would make, so a later
// import of the same front updates it instead of adding a twin.
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/decks/note_writer.hpp"
#include "rolecall/import/imported_note.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

namespace {

// Card text from an argument: control characters out, ends trimmed, and it must say something.
std::string card_text(const std::string& argument, std::string_view side) {
    std::string text(trim(printable_only(argument)));
    if (text.empty()) throw usage_error(fmt::format("the {} of the card is empty: say what it asks or answers", side));
    return text;
}

}  // namespace

int run_add(Context& context, const AddConfig& config) {
    if (trim(config.deck).empty()) throw usage_error("add needs --deck NAME: the deck to add the card to");
    const std::string deck_name(trim(config.deck));
    const std::string front = card_text(config.front, "front");
    const std::string back = card_text(config.back, "back");
    const std::string tags(trim(printable_only(config.tags)));

    Storage& storage = context.open_or_create();
    const auto deck = storage.find_deck(deck_name);
    if (deck && deck->source_path.starts_with(builtin_source_prefix)) {
        throw Error(
            fmt::format("the deck '{}' is rolecall's built-in deck: add the card to a deck of your own", deck_name));
    }
    if (deck && !deck->source_path.empty()) {
        throw Error(
            fmt::format("the deck '{}' is built from {}: add the fact there and run 'rolecall build', or add "
                        "the card to a deck of your own",
                        deck_name, deck->source_path));
    }
    const std::string key = "front:" + front;
    if (deck) {
        if (auto existing = storage.note_by_key(deck->id, key)) {
            const auto cards = storage.cards_of_note(existing->id);
            throw Error(
                fmt::format("the deck '{}' already has a card with this front (card {}); change it with "
                            "'rolecall edit {}'",
                            deck_name, cards.empty() ? 0 : cards.front().id, cards.empty() ? 0 : cards.front().id));
        }
    }
    Storage::Transaction transaction(storage);
    const Id deck_id = deck ? deck->id : storage.create_deck(deck_name, "", "");
    NoteWriter writer(storage);
    NoteCounts counts;
    writer.write(deck_id, deck_name, import::basic_note(deck_name, key, front, back, tags, config.reversed), counts);
    const auto note = storage.note_by_key(deck_id, key);
    const auto cards = storage.cards_of_note(note->id);
    transaction.commit();
    for (const auto& card : cards) {
        fmt::print("added card {} to '{}'{}\n", card.id, deck_name, card.text.front == front ? "" : " (reverse)");
    }
    if (!deck) context.note(fmt::format("made the new deck '{}'", deck_name));
    return 0;
}

}  // namespace rolecall::cli
