// Finding cards from the command line: a query's deck names matched against the collection, and
// card ids checked to exist. Shared by `cards`, `card`, `suspend`, `unsuspend`, `bury` and `edit`.
#pragma once

#include "context.hpp"

#include <string>
#include <vector>

namespace rolecall::cli {

// Parses the query words and resolves each deck:NAME to the decks it names (NAME and NAME::children,
// any case); a name that matches no deck is a usage error with the closest name.
CardSearch search_from_words(Context& context, Storage& storage, const std::vector<std::string>& words);

// The ids of every card a query finds.
std::vector<Id> ids_matching(Context& context, Storage& storage, const std::vector<std::string>& words);

// Throws an Error naming the first id no card has (nothing is changed by the caller then).
void require_cards(Storage& storage, const std::vector<Id>& ids);

}  // namespace rolecall::cli
