// Leeches: cards that keep lapsing. SM-2 has no such notion; rolecall takes Anki's rule (a card is a
// leech when a lapse brings its lapses to the threshold, and again every half threshold after) and
// its tag, "leech". Pure functions: the review loop applies them, storage writes the result.
#pragma once

#include <string>
#include <string_view>

namespace rolecall {

// Setting leech-lapses: lapses that make a card a leech (Anki's default). 0: no card is ever one.
inline constexpr int default_leech_lapses = 8;
inline constexpr std::string_view leech_tag = "leech";

// Setting leech-action: a leech is always tagged; `suspend` also takes it out of reviews.
enum class LeechAction { suspend, tag };

std::string_view to_string(LeechAction action);
LeechAction leech_action_from_string(std::string_view text);  // throws a usage Error for another word

struct LeechRule {
    int lapses = default_leech_lapses;
    LeechAction action = LeechAction::suspend;
};

// Whether an answer that took a card from `lapses_before` to `lapses_after` lapses makes it a leech:
// the lapse that reaches `threshold`, and every max(threshold / 2, 1) lapses after it (8, 12, 16, ...
// for 8, as Anki). An answer that is no lapse (a pass, a drill) never does; a threshold of 0 never does.
bool is_leech_lapse(int lapses_before, int lapses_after, int threshold);

// Tags are one space-separated string (cards.tags). Whether `tag` is one of them, exactly.
bool has_tag(std::string_view tags, std::string_view tag);
// The tags with `tag` added at the end (unchanged when it is there already).
std::string with_tag(std::string_view tags, std::string_view tag);
// The tags without `tag`, the others kept in their order, one space between them.
std::string without_tag(std::string_view tags, std::string_view tag);

}  // namespace rolecall
