// `rolecall review` (and plain `rolecall`): one session on the day's queue.
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/review/review_session.hpp"
#include "rolecall/settings/session_options.hpp"

#include <fmt/format.h>

#include <csignal>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace rolecall::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void on_signal(int) { g_interrupted = 1; }

// SIGINT, SIGTERM and SIGHUP end the session as end of input does: the handler only sets a flag and,
// installed without SA_RESTART, makes the pending read return so the loop can print its summary.
void install_session_signals() {
    struct sigaction action {};
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) sigaction(sig, &action, nullptr);
}

std::optional<std::string> read_stdin_line() {
    if (g_interrupted) return std::nullopt;
    std::string line;
    if (!std::getline(std::cin, line) || g_interrupted) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// Columns of the terminal on standard output, capped so long lines stay readable; 80 if unknown.
std::size_t terminal_width() {
    struct winsize size {};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return std::min<std::size_t>(size.ws_col, 100);
    return 80;
}

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
