// `rolecall decks`: each deck with its new, due-today and total counts.
#include "commands.hpp"
#include "session_io.hpp"

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
    // On a terminal (or $COLUMNS) narrower than the table, the names give way, cut with an ellipsis, so
    // that no row wraps; the three counts take 21 columns.
    const std::size_t counts = 3 * (2 + 5);
    if (const auto columns = output_columns(); columns && width + counts > *columns) {
        width = std::max<std::size_t>(*columns > counts ? *columns - counts : 0, 8);
    }
    const std::string_view ellipsis = context.output_style(storage).symbol("…", "...");
    fmt::print("{}  {:>5}  {:>5}  {:>5}\n", pad_right("deck", width), "new", "due", "total");
    for (const auto& row : rows) {
        fmt::print("{}  {:>5}  {:>5}  {:>5}\n",
                   pad_right(cut_to_width(printable_only(row.name), width, ellipsis), width), row.new_cards,
                   row.due_today, row.total);
    }
    return 0;
}

}  // namespace rolecall::cli
