// What an interactive session needs from the process: signals that end it cleanly, lines from
// standard input (edited with libedit on a terminal), and the terminal's width. Shared by `review`
// and `check`.
#pragma once

#include "context.hpp"

#include "rolecall/review/review_session.hpp"
#include "rolecall/text/style.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

namespace rolecall::cli {

// What only the terminal knows: whether a person is typing (standard input is a terminal), the
// colour and symbols to use, and the width to wrap to. Scripted sessions stay plain text whatever
// the colour setting, unwrapped: programs read them.
struct SessionScreen {
    bool interactive = false;
    // Lines are edited (libedit): standard input and output are both a terminal that can move its
    // cursor (TERM set, not "dumb", as under Emacs, which edits lines itself).
    bool line_editing = false;
    Style style;
    WidthSource width;  // the terminal's columns, asked as the session goes (a window may be resized)
};
SessionScreen session_screen(Context& context, Storage& collection);

// Columns for a table or a listing to fit: the terminal's on standard output, else $COLUMNS, else none
// (a pipe gets whole lines). Used by `cards`, `card` and `decks`.
std::optional<std::size_t> output_columns();

// SIGINT, SIGTERM and SIGHUP end the session as end of input does: the handler only sets a flag and,
// installed without SA_RESTART, makes the pending read return so the loop can print its summary.
// SIGCONT (after Ctrl-Z and fg) is noted for the line editor, which then restores its terminal mode.
void install_session_signals();

// One line of standard input without its line ending; nullopt at its end or after a signal.
std::optional<std::string> read_stdin_line();

class LineEditor;

// Where a session's lines come from: the line editor when the screen allows line editing, else
// read_stdin_line. With the editor, the view hands its prompts over (prompt_sink) for it to draw.
// An editor that cannot start (its module missing) is noted through `context`, and lines are read
// as they come.
class SessionInput {
public:
    SessionInput(const SessionScreen& screen, const Context& context);
    ~SessionInput();
    SessionInput(const SessionInput&) = delete;
    SessionInput& operator=(const SessionInput&) = delete;

    LineReader reader();
    PromptSink prompt_sink();  // empty without the editor: the view writes its prompts

private:
    std::unique_ptr<LineEditor> m_editor;
};

}  // namespace rolecall::cli
