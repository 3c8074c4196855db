// `rolecall review` (and plain `rolecall`): one session on the day's queue.
#include "commands.hpp"
#include "session_io.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/review/review_session.hpp"
#include "rolecall/settings/session_options.hpp"

#include <fmt/format.h>

#include <iostream>
#include <unistd.h>

namespace rolecall::cli {

namespace {

void check_non_negative(const char* flag, const std::optional<int>& value) {
    if (value && *value < 0) throw usage_error(fmt::format("{} {} must be 0 or more", flag, *value));
}

}  // namespace

int run_review(Context& context, const ReviewConfig& config) {
    check_non_negative("--new", config.new_cards);
    check_non_negative("--limit", config.limit);
    check_non_negative("--reviews", config.reviews);
    Storage& storage = context.open_or_create();
    storage.defer_checkpoints();
    context.ensure_builtin_deck();

    SessionRequest request;
    if (!config.deck.empty()) request.deck = context.deck_id(config.deck);
    request.new_per_day = config.new_cards;
    request.reviews_per_day = config.reviews;
    request.session_limit = config.limit;
    SessionOptions options = session_options(storage, request, context.today(context.rollover_hour(storage)));
    // What only the terminal knows: whether a person is typing, colour, and the width to wrap to.
    options.interactive = isatty(STDIN_FILENO) != 0;
    // Scripted sessions stay plain text whatever the colour setting: programs read them.
    options.style = options.interactive ? context.output_style(storage) : Style();
    if (options.interactive) options.width = terminal_width() - 1;

    install_session_signals();
    rolecall::run_review(storage, context.clock(), options, read_stdin_line, std::cout);
    return 0;
}

}  // namespace rolecall::cli
