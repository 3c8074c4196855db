// The C interface of rolecall-edit, the module that holds every call into libedit. rolecall loads it
// with dlopen when a session starts on a terminal, so that a scripted review, an import or `due` in
// a shell prompt never pays the dynamic loader for libedit and what it pulls in (libtinfo, libbsd,
// libmd). Shared by the module (line_editor_module.cpp) and its loader (line_editor.cpp).
#pragma once

extern "C" {

// Bumped whenever a signature below changes: the loader refuses a module of another version.
inline constexpr int rolecall_edit_abi = 1;

// What ended a wait for a key (LineEditor::Wake): input to read, a signal that ends the session, or
// the process continued after a stop, when the terminal needs the editor's mode and line again.
enum rolecall_edit_wake : int {
    rolecall_edit_input = 0,
    rolecall_edit_interrupted = 1,
    rolecall_edit_resumed = 2,
};
// Waits for a key on `fd`; returns a rolecall_edit_wake. Must not throw.
typedef int (*rolecall_edit_wait)(void* context, int fd);

int rolecall_edit_version(void);
// An editor on standard input and output (a terminal), reading ~/.editrc (or $EDITRC); keys are read
// through `wait`. Null when libedit cannot start.
void* rolecall_edit_open(const char* program, rolecall_edit_wait wait, void* context);
void rolecall_edit_close(void* editor);
// The prompt the next read shows (copied), escape sequences bracketed by '\1'. 0, or -1 without memory.
int rolecall_edit_set_prompt(void* editor, const char* prompt);
// Shows the prompt and reads one edited line; the line, without its line ending, stays valid until
// the next call, and `length` is its length. A line that is not empty joins the history (Up).
// Null at end of input (Ctrl-D on an empty line) or when a signal interrupted the read.
const char* rolecall_edit_read_line(void* editor, int* length);
}
