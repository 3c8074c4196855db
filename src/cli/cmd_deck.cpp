// `rolecall deck rename OLD NEW` and `rolecall deck delete NAME`: a deck of the user's own, with its
// NAME::children. Deleting asks first on a terminal (--yes in scripts) and copies the collection
// beside itself before it writes, as a schema upgrade does.
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/cards/card_query.hpp"
#include "rolecall/decks/deck_sync.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <iostream>

namespace rolecall::cli {

namespace {

// The named deck (any case) and its NAME::children, parent first; a parent that only exists through
// its children ("Languages" of "Languages::French") names them all.
std::vector<DeckRow> deck_with_children(Context& context, Storage& storage, const std::string& name) {
    std::vector<DeckRow> rows;
    for (const auto& deck : storage.decks()) {
        if (deck_matches(deck.name, name)) rows.push_back(deck);
    }
    if (rows.empty()) context.deck_id(name);  // a usage error with the closest name
    std::stable_sort(rows.begin(), rows.end(),
                     [](const DeckRow& a, const DeckRow& b) { return a.name.size() < b.name.size(); });
    return rows;
}

int rename(Context& context, const std::vector<std::string>& names) {
    if (names.size() != 2) throw usage_error("deck rename takes two names: rolecall deck rename OLD NEW");
    const std::string& old_name = names[0];
    const std::string new_name(trim(names[1]));
    if (new_name.empty()) throw usage_error("the new deck name is empty");
    Storage& storage = context.open_existing();
    const auto decks = deck_with_children(context, storage, old_name);
    const std::size_t prefix = old_name.size();  // "spanish" for "Spanish::Verbs": the part renamed
    for (const auto& deck : decks) {
        if (!deck.source_path.empty()) {
            throw Error(fmt::format("the deck '{}' takes its name from its source {}: rename it there", deck.name,
                                    deck.source_path));
        }
    }
    Storage::Transaction transaction(storage);
    for (const auto& deck : decks) {
        const std::string to = new_name + deck.name.substr(prefix);
        if (auto clash = storage.find_deck(to); clash && clash->id != deck.id) {
            throw Error(fmt::format("there is a deck named '{}' already: pick another name (nothing was changed)", to));
        }
        storage.rename_deck(deck.id, to);
        fmt::print("renamed '{}' to '{}'\n", deck.name, to);
    }
    transaction.commit();
    return 0;
}

int remove(Context& context, const std::vector<std::string>& names, bool yes) {
    if (names.size() != 1) throw usage_error("deck delete takes one name: rolecall deck delete NAME");
    Storage& storage = context.open_existing();
    const auto decks = deck_with_children(context, storage, names[0]);
    int cards = 0;
    for (const auto& counts : storage.deck_counts(context.today(context.rollover_hour(storage)))) {
        for (const auto& deck : decks) {
            if (deck.name == counts.name) cards += counts.total;
        }
    }
    std::string listed;
    for (const auto& deck : decks) listed += (listed.empty() ? "'" : ", '") + deck.name + "'";
    if (!yes) {
        if (!isatty(STDIN_FILENO)) {
            throw usage_error(
                fmt::format("deck delete asks before it deletes {}: pass --yes to delete without asking", listed));
        }
        std::cout << fmt::format("Delete {} with {} card{} and {} answers? A copy of the collection is kept. [y/N] ",
                                 listed, cards, cards == 1 ? "" : "s", cards == 1 ? "its" : "their")
                  << std::flush;
        std::string reply;
        if (!std::getline(std::cin, reply)) std::cout << '\n';  // Ctrl-D: the answer line was never ended
        if (reply != "y" && reply != "Y" && reply != "yes") {
            fmt::print("nothing deleted\n");
            return 0;
        }
    }
    const auto copy = storage.copy_beside("before-delete");
    bool builtin = false;
    Storage::Transaction transaction(storage);
    for (const auto& deck : decks) {
        storage.delete_deck(deck.id);
        builtin = builtin || deck.source_path.starts_with(builtin_source_prefix);
    }
    // The built-in deck would be built again by the next review: it stays away until asked for.
    if (builtin) storage.set_setting(builtin_deck_hidden_setting, "yes");
    transaction.commit();
    fmt::print("deleted {} ({} card{}); the collection as it was is in {}\n", listed, cards, cards == 1 ? "" : "s",
               copy.string());
    if (builtin) context.note("the built-in deck stays hidden until 'rolecall build' brings it back");
    return 0;
}

}  // namespace

int run_deck(Context& context, const DeckConfig& config) {
    if (config.action == "rename") return rename(context, config.names);
    return remove(context, config.names, config.yes);
}

}  // namespace rolecall::cli
