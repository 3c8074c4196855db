// CSV's column names: a first row made of them is a header row (the reader is read_delimited_notes, in
// anki_text.cpp, shared with Anki's text format).
#include "rolecall/import/delimited.hpp"
#include "rolecall/text/text_utils.hpp"

#include <array>
#include <utility>

namespace rolecall::import {

ColumnRole column_role(std::string_view name) {
    static constexpr std::array<std::pair<std::string_view, ColumnRole>, 8> names{{
        {"front", ColumnRole::front},
        {"question", ColumnRole::front},
        {"term", ColumnRole::front},
        {"back", ColumnRole::back},
        {"answer", ColumnRole::back},
        {"definition", ColumnRole::back},
        {"tags", ColumnRole::tags},
        {"deck", ColumnRole::deck},
    }};
    const std::string normal = normalize_for_match(name);
    for (const auto& [known, role] : names) {
        if (normal == known) return role;
    }
    return ColumnRole::none;
}

}  // namespace rolecall::import
