// `rolecall review` (and plain `rolecall`): one session on the day's queue.
#include "commands.hpp"
#include "session_io.hpp"

#include "rolecall/text/text_utils.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/review/review_session.hpp"
#include "rolecall/settings/session_options.hpp"

#include <fmt/format.h>

#include <iostream>

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
    // Checked here, not by CLI11's excludes(), whose note in --help pushed the descriptions out of
    // their column.
    if (config.cram && config.ahead)
        throw usage_error("--cram excludes --ahead: a cram practises cards that are not due, schedules untouched");
    if (config.cram && config.new_cards)
        throw usage_error("--cram excludes --new: a cram practises cards met before, and starts no new ones");
    if (config.ahead && (*config.ahead < 1 || *config.ahead > default_max_interval)) {
        throw usage_error(fmt::format("--ahead {} must be 1..{} days", *config.ahead, default_max_interval));
    }
    const bool first_run = !context.database_exists();
    Storage& storage = context.open_or_create();
    storage.defer_checkpoints();
    context.ensure_builtin_deck();

    SessionRequest request;
    if (!config.deck.empty()) request.deck = context.deck_id(config.deck);
    request.new_per_day = config.new_cards;
    request.reviews_per_day = config.reviews;
    request.session_limit = config.limit;
    SessionOptions options = session_options(storage, request, context.today(context.rollover_hour(storage)));
    if (config.cram) options.mode = ReviewMode::cram;
    options.ahead_days = config.ahead.value_or(0);
    const SessionScreen screen = session_screen(context, storage);
    options.interactive = screen.interactive;
    options.style = screen.style;
    options.width = screen.width;

    // Once, before a person's first card: what this is, where it keeps things, and the keys.
    if (first_run && options.interactive) {
        const Style& style = options.style;
        // Wrapped to the terminal: the bold lead is wrapped with the rest, then styled on its own.
        const std::size_t columns = options.width();
        const std::string lead = "Welcome to rolecall.";
        const std::string welcome =
            wrap_text(lead +
                          " A few minutes a day, it drills you until you can tell the Product Manager, the Product "
                          "Owner and the Project Manager apart. Your answers and their schedule live in " +
                          storage.path().string() + ".",
                      columns, "");
        std::cout << style.bold(lead) << welcome.substr(lead.size()) << '\n'
                  << style.dim(wrap_text("Keys: a card's number or a role's name (PM, PO, PjM) answers it; end "
                                         "with ? when you are guessing. Enter accepts the suggested grade, u undoes "
                                         "the last answer, q stops (every answer is saved). 'rolecall check' tests "
                                         "you on situations you have never practised; 'rolecall help' lists the rest.",
                                         columns, ""))
                  << "\n";
    }

    SessionInput input(screen, context);
    options.prompt_sink = input.prompt_sink();
    install_session_signals();
    rolecall::run_review(storage, context.clock(), options, input.reader(), std::cout);
    return 0;
}

}  // namespace rolecall::cli
