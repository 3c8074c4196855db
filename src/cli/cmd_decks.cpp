// `rolecall decks`: each deck with its new, due-today and total counts.
#include "commands.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall::cli {

int run_decks(Context& context) {
    Storage& storage = context.open_or_create();
    context.ensure_builtin_deck();
    const auto rows = storage.deck_counts(context.today(context.rollover_hour(storage)));
    // Padded by terminal columns: a name in CJK or with an emoji takes more columns than characters.
    std::size_t width = 4;
    for (const auto& row : rows) width = std::max(width, display_width(printable_only(row.name)));
    fmt::print("{}  {:>5}  {:>5}  {:>5}\n", pad_right("deck", width), "new", "due", "total");
    for (const auto& row : rows) {
        fmt::print("{}  {:>5}  {:>5}  {:>5}\n", pad_right(printable_only(row.name), width), row.new_cards,
                   row.due_today, row.total);
    }
    return 0;
}

}  // namespace rolecall::cli
