#include "rolecall/scheduling/leech.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace rolecall {

namespace {

std::vector<std::string_view> split_tags(std::string_view tags) {
    std::vector<std::string_view> words;
    std::size_t at = 0;
    while (at < tags.size()) {
        const std::size_t space = tags.find(' ', at);
        const std::size_t end = space == std::string_view::npos ? tags.size() : space;
        if (end > at) words.push_back(tags.substr(at, end - at));
        at = end + 1;
    }
    return words;
}

}  // namespace

std::string_view to_string(LeechAction action) { return action == LeechAction::suspend ? "suspend" : "tag"; }

LeechAction leech_action_from_string(std::string_view text) {
    if (text == "suspend") return LeechAction::suspend;
    if (text == "tag") return LeechAction::tag;
    throw usage_error(fmt::format("leech-action must be suspend or tag, not '{}'", text));
}

bool is_leech_lapse(int lapses_before, int lapses_after, int threshold) {
    if (threshold <= 0 || lapses_after <= lapses_before || lapses_after < threshold) return false;
    // Anki: lapses >= threshold and (lapses - threshold) % max(threshold / 2, 1) == 0.
    return (lapses_after - threshold) % std::max(threshold / 2, 1) == 0;
}

bool has_tag(std::string_view tags, std::string_view tag) {
    const auto words = split_tags(tags);
    return std::find(words.begin(), words.end(), tag) != words.end();
}

std::string with_tag(std::string_view tags, std::string_view tag) {
    if (has_tag(tags, tag)) return std::string(tags);
    std::string out;
    for (auto word : split_tags(tags)) out.append(word).push_back(' ');
    return out.append(tag);
}

std::string without_tag(std::string_view tags, std::string_view tag) {
    std::string out;
    for (auto word : split_tags(tags)) {
        if (word == tag) continue;
        if (!out.empty()) out.push_back(' ');
        out.append(word);
    }
    return out;
}

}  // namespace rolecall
