// `rolecall check`: the held-out checkup of a fact deck.
#include "commands.hpp"
#include "session_io.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/review/checkup_session.hpp"

#include <fmt/format.h>

#include <iostream>

namespace rolecall::cli {

int run_check(Context& context, const CheckConfig& config) {
    if (config.count < 1) throw usage_error(fmt::format("--count {} must be 1 or more", config.count));
    Storage& storage = context.open_or_create();
    const std::string builtin = context.ensure_builtin_deck();
    const std::string name = config.deck.empty() ? builtin : config.deck;
    if (name.empty()) {
        throw Error("the built-in deck was deleted: 'rolecall build' brings it back, or pass --deck NAME");
    }

    CheckupOptions options;
    options.deck = context.deck_id(name);
    if (storage.checkup_questions(options.deck).empty()) {
        throw Error(
            fmt::format("the deck '{}' has no checkup questions: add a [checkup] section to its fact-deck "
                        "source (see README, \"Fact decks\") and build it again",
                        name));
    }
    options.count = config.count;
    options.today = context.today(context.rollover_hour(storage));
    const SessionScreen screen = session_screen(context, storage);
    options.interactive = screen.interactive;
    options.style = screen.style;
    options.width = screen.width;

    SessionInput input(screen, context);
    options.prompt_sink = input.prompt_sink();
    install_session_signals();
    run_checkup(storage, context.clock(), options, input.reader(), std::cout);
    return 0;
}

}  // namespace rolecall::cli
