#include "session_io.hpp"

#include <algorithm>
#include <csignal>
#include <iostream>
#include <sys/ioctl.h>
#include <unistd.h>

namespace rolecall::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

void on_signal(int) { g_interrupted = 1; }

// Columns of the terminal on standard output, capped so long lines stay readable; 80 if unknown.
std::size_t terminal_width() {
    struct winsize size {};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return std::min<std::size_t>(size.ws_col, 100);
    return 80;
}

}  // namespace

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

SessionScreen session_screen(Context& context, Storage& collection) {
    SessionScreen screen;
    screen.interactive = isatty(STDIN_FILENO) != 0;
    if (screen.interactive) {
        screen.style = context.output_style(collection);
        screen.width = terminal_width() - 1;
    }
    return screen;
}

}  // namespace rolecall::cli
