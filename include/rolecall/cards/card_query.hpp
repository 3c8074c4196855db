// The query language of `rolecall cards` (and of `suspend --query` and the like), parsed into a
// CardSearch. Pure: deck names are matched by the caller, against the collection.
//
//   backlog "user story"     words the card's text must hold (a word matches as a prefix, so
//                            "backlog" finds "backlogs"; a quoted phrase matches as written)
//   -velocity                a word it must not hold
//   deck:NAME                in deck NAME or one of its NAME::children ("deck:'Product roles'")
//   tag:T                    tagged T
//   is:due|new|suspended|buried|leech|retired
//   kind:choice|recall|cloze|contrast
//   lapses>N  interval>N  due<YYYY-MM-DD   (operators > >= < <= =)
//
// Every condition must hold. Unknown filters are usage errors that list the known ones.
#pragma once

#include "rolecall/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

// Splits a query into words: whitespace separates them, double or single quotes group (and are
// dropped), so `deck:"Product roles"` is one word. Throws a usage Error for an unclosed quote.
std::vector<std::string> split_query_words(std::string_view query);

// Parses the words of a query (the command line's, already split by the shell, each one parsed with
// split_query_words()). Throws a usage Error naming the word that is not understood.
CardSearch parse_card_query(const std::vector<std::string>& words);

// A word or phrase as an FTS5 string: quoted, its quotes doubled, a trailing * for a prefix match.
std::string fts_term(std::string_view text, bool prefix);

// Whether deck `name` is `wanted` or one of its children (`wanted::...`), ignoring case.
bool deck_matches(std::string_view name, std::string_view wanted);

}  // namespace rolecall
