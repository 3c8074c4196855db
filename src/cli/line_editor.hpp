// Line editing at the prompts of an interactive session, with libedit (BSD licence): arrow keys,
// Backspace anywhere in the line, Ctrl-A/Ctrl-E, and this session's earlier answers on Up. Only for
// a terminal on standard input and output; scripted input is read line by line as it comes.
// libedit is reached through the rolecall-edit module (line_editor_module.hpp), loaded by the first
// editor: a process that edits no line does not load libedit at all.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace rolecall::cli {

struct EditModule;

class LineEditor {
public:
    // What ended a wait for a key: input to read, a signal that ends the session, or the process
    // continued after a stop (Ctrl-Z, fg), when the terminal needs the editor's mode and the line again.
    enum class Wake { input, interrupted, resumed };
    // Waits for a key on the file descriptor. The session waits so that a signal between two keys is
    // not lost (see session_io.cpp).
    using InputWait = std::function<Wake(int fd)>;

    // On standard input and output, which must be a terminal. Reads ~/.editrc (or $EDITRC) as every
    // libedit program does, so `bind -v` there gives vi keys. Throws Error when the module cannot be
    // loaded or libedit cannot start.
    explicit LineEditor(InputWait wait_for_input);
    ~LineEditor();
    LineEditor(const LineEditor&) = delete;
    LineEditor& operator=(const LineEditor&) = delete;

    // The prompt the next read shows, as the view styled it (colour escapes are allowed).
    void set_prompt(const std::string& prompt);

    // Shows the prompt and reads one edited line, without its line ending. nullopt at end of input
    // (Ctrl-D on an empty line) or when a signal interrupted the read; the terminal is back in its
    // usual mode either way.
    std::optional<std::string> read_line();

private:
    static int wait(void* self, int fd) noexcept;

    InputWait m_wait;
    const EditModule& m_module;
    void* m_editor = nullptr;
};

}  // namespace rolecall::cli
