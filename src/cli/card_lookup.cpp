#include "card_lookup.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/cards/card_query.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

CardSearch search_from_words(Context& context, Storage& storage, const std::vector<std::string>& words) {
    CardSearch search = parse_card_query(words);
    if (search.decks.empty()) return search;
    const auto decks = storage.decks();
    for (const auto& wanted : search.decks) {
        bool found = false;
        for (const auto& deck : decks) {
            if (deck_matches(deck.name, wanted)) {
                search.deck_ids.push_back(deck.id);
                found = true;
            }
        }
        if (!found) context.deck_id(wanted);  // throws with "did you mean"
    }
    return search;
}

std::vector<Id> ids_matching(Context& context, Storage& storage, const std::vector<std::string>& words) {
    const CardSearch search = search_from_words(context, storage, words);
    std::vector<Id> ids;
    storage.search_cards(search, context.today(context.rollover_hour(storage)), -1,
                         [&](const CardRecord& card) { ids.push_back(card.id); });
    return ids;
}

void require_cards(Storage& storage, const std::vector<Id>& ids) {
    const auto missing = storage.missing_cards(ids);
    if (!missing.empty()) {
        throw Error(
            fmt::format("no card has the id {}: 'rolecall cards' lists them (nothing was changed)", missing.front()));
    }
}

}  // namespace rolecall::cli
