// The columns of a delimited file: header rows, CSV's positions, and the --front/--back mapping
// resolved to column numbers once per file.
#include "delimited_columns.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace rolecall::import {

bool is_column_number(std::string_view value) {
    return !value.empty() && value.size() <= 9 &&
           std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_header_row(const std::vector<std::string>& cells) {
    bool front = false;
    for (const auto& cell : cells) {
        const ColumnRole role = column_role(cell);
        if (role == ColumnRole::none) return false;
        front = front || role == ColumnRole::front;
    }
    return front;
}

bool looks_like_names(const std::vector<std::string>& cells) {
    std::vector<std::string> seen;
    for (const auto& cell : cells) {
        std::string name = normalize_for_match(cell);
        if (name.empty() || name.size() > 64 || std::find(seen.begin(), seen.end(), name) != seen.end()) return false;
        seen.push_back(std::move(name));
    }
    return true;
}

void csv_positions(Layout& layout) {
    const int wanted = layout.tags ? 2 : 3;
    int found = 0;
    int column = 0;
    while (found < wanted) {
        ++column;
        if (!layout.meta(column)) ++found;
    }
    if (!layout.tags) layout.tags = column;
    const int last_meta = std::max({layout.deck, layout.tags, layout.guid, layout.notetype});
    layout.count = static_cast<std::size_t>(std::max(column, last_meta));
    layout.count_source = "a row without a header holds front, back and tags at most";
}

std::string column_list(const std::vector<std::string>& names, std::size_t most) {
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < most; ++i) {
        text += (i == 0 ? "" : ", ") + one_line_cut(names[i], 30, "…");
    }
    if (names.size() > most) text += ", …";
    return text;
}

void map_columns(const std::string& file, const ColumnMapping& mapping, const std::vector<std::string>& names,
                 Layout& layout) {
    auto resolve = [&](std::string_view option, const std::string& value) {
        const std::string wanted(trim(value));
        if (is_column_number(wanted)) {
            const auto number = static_cast<std::size_t>(std::stoul(wanted));
            if (number < 1 || number > layout.count) {
                throw usage_error(fmt::format("{}: {} {}: no such column, the file has {} (numbered from 1)", file,
                                              option, wanted, layout.count));
            }
            return static_cast<int>(number);
        }
        const std::string key = normalize_for_match(wanted);
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (normalize_for_match(names[i]) == key) return static_cast<int>(i + 1);
        }
        if (names.empty()) {
            throw usage_error(fmt::format(
                "{}: {} '{}': the file names no columns; pass --header if its first row names them, or give the "
                "column's number",
                file, option, wanted));
        }
        throw usage_error(fmt::format("{}: {} '{}' names no column; the columns are: {}", file, option, wanted,
                                      column_list(names, 40)));
    };
    if (trim(mapping.front).empty()) {
        throw usage_error("--back, --tags and --deck-column need --front: choose the column of the card's front");
    }
    layout.mapped = true;
    layout.front = resolve("--front", mapping.front);
    layout.back = 0;
    layout.backs.clear();
    for (const auto& back : mapping.back) layout.backs.push_back(resolve("--back", back));
    if (!mapping.tags.empty()) layout.tags = resolve("--tags", mapping.tags);
    if (!mapping.deck.empty()) layout.deck = resolve("--deck-column", mapping.deck);

    // One role a column: the mapping's, and the "#... column:N" header lines'.
    std::vector<std::pair<std::string, int>> roles{{"--front", layout.front}};
    for (int back : layout.backs) roles.emplace_back("--back", back);
    roles.emplace_back(mapping.tags.empty() ? "#tags column" : "--tags", layout.tags);
    roles.emplace_back(mapping.deck.empty() ? "#deck column" : "--deck-column", layout.deck);
    roles.emplace_back("#guid column", layout.guid);
    roles.emplace_back("#notetype column", layout.notetype);
    for (std::size_t i = 0; i < roles.size(); ++i) {
        for (std::size_t j = i + 1; j < roles.size(); ++j) {
            if (roles[i].second == 0 || roles[i].second != roles[j].second) continue;
            const auto column = static_cast<std::size_t>(roles[i].second);
            const std::string name =
                column <= names.size() ? fmt::format(" ({})", one_line_cut(names[column - 1], 30, "…")) : "";
            throw usage_error(fmt::format("{}: {} and {} both name column {}{}; give each column one role", file,
                                          roles[i].first, roles[j].first, column, name));
        }
    }
}

std::vector<std::string> header_names(const std::vector<std::string>& cells) {
    std::vector<std::string> names;
    names.reserve(cells.size());
    for (const auto& cell : cells) names.emplace_back(trim(printable_only(cell)));
    return names;
}

}  // namespace rolecall::import
