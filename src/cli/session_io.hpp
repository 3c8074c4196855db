// What an interactive session needs from the process: signals that end it cleanly, lines from
// standard input, and the terminal's width. Shared by `review` and `check`.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace rolecall::cli {

// SIGINT, SIGTERM and SIGHUP end the session as end of input does: the handler only sets a flag and,
// installed without SA_RESTART, makes the pending read return so the loop can print its summary.
void install_session_signals();

// One line of standard input without its line ending; nullopt at its end or after a signal.
std::optional<std::string> read_stdin_line();

// Columns of the terminal on standard output, capped so long lines stay readable; 80 if unknown.
std::size_t terminal_width();

}  // namespace rolecall::cli
