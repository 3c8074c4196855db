// `rolecall decks`: each deck with its new, due-today and total counts.
#include "commands.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall::cli {

int run_decks(Context& context) {
    Storage& storage = context.open_or_create();
    context.ensure_builtin_deck();
    const auto rows = storage.deck_counts(context.today(context.rollover_hour(storage)));
    std::size_t width = 4;
    for (const auto& row : rows) width = std::max(width, row.name.size());
    fmt::print("{:<{}}  {:>5}  {:>5}  {:>5}\n", "deck", width, "new", "due", "total");
    for (const auto& row : rows) {
        fmt::print("{:<{}}  {:>5}  {:>5}  {:>5}\n", row.name, width, row.new_cards, row.due_today, row.total);
    }
    return 0;
}

}  // namespace rolecall::cli
