// rolecall-edit: the dlopen'ed module that edits lines with libedit (see line_editor_module.hpp).
// Plain C calls only (malloc, no C++ runtime): nothing throws across dlopen, and the module needs no
// libstdc++ beside the executable's own. libedit's own signal handling stays off: the session's
// handlers set a flag, the key wait returns interrupted, and the read ends.
#include "line_editor_module.hpp"

#include <histedit.h>
#include <locale.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>

namespace {

struct Editor {
    EditLine* line = nullptr;
    History* history = nullptr;
    locale_t locale = nullptr;  // the environment's LC_CTYPE, for UTF-8 input in a "C" program
    char* prompt = nullptr;
    char* read = nullptr;  // the last line read, without its ending
    rolecall_edit_wait wait = nullptr;
    void* context = nullptr;
};

// The environment's character set while libedit decodes keys and measures text; the rest of
// rolecall keeps the "C" locale.
class LocaleScope {
public:
    explicit LocaleScope(locale_t locale) : m_previous(locale != nullptr ? uselocale(locale) : nullptr) {}
    ~LocaleScope() {
        if (m_previous != nullptr) uselocale(m_previous);
    }
    LocaleScope(const LocaleScope&) = delete;
    LocaleScope& operator=(const LocaleScope&) = delete;

private:
    locale_t m_previous;
};

Editor* editor_of(EditLine* line) {
    void* editor = nullptr;
    el_get(line, EL_CLIENTDATA, &editor);
    return static_cast<Editor*>(editor);
}

char* prompt_of(EditLine* line) {
    static char empty[] = "";
    Editor* editor = editor_of(line);
    return editor->prompt != nullptr ? editor->prompt : empty;
}

// libedit's read of one key (EL_GETCFN): waits through the session, then decodes UTF-8 (or the
// locale's character set).
int read_char(EditLine* line, wchar_t* key) {
    Editor* editor = editor_of(line);
    char bytes[MB_LEN_MAX];
    std::size_t have = 0;
    *key = L'\0';
    while (true) {
        const int wake = editor->wait(editor->context, STDIN_FILENO);
        if (wake == rolecall_edit_interrupted) {
            errno = EINTR;
            return -1;
        }
        if (wake == rolecall_edit_resumed) {
            // The shell that stopped us put its own terminal mode back: libedit's again (it sets it
            // only when it believes it is not set), and the prompt and line, on the line fg left.
            el_set(line, EL_PREP_TERM, 0);
            el_set(line, EL_PREP_TERM, 1);
            el_set(line, EL_REFRESH);
            continue;
        }
        const ssize_t got = ::read(STDIN_FILENO, &bytes[have], 1);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return got == 0 ? 0 : -1;
        ++have;
        std::mbstate_t state{};
        const std::size_t used = std::mbrtowc(key, bytes, have, &state);
        if (used == static_cast<std::size_t>(-2) && have < sizeof bytes) continue;  // more bytes to come
        if (used == static_cast<std::size_t>(-1) || used == static_cast<std::size_t>(-2)) {
            have = 0;  // no character: dropped, as libedit's own reader does
            continue;
        }
        return 1;
    }
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int rolecall_edit_version(void) { return rolecall_edit_abi; }

__attribute__((visibility("default"))) void* rolecall_edit_open(const char* program, rolecall_edit_wait wait,
                                                                void* context) {
    auto* editor = static_cast<Editor*>(std::calloc(1, sizeof(Editor)));
    if (editor == nullptr) return nullptr;
    editor->wait = wait;
    editor->context = context;
    editor->locale = newlocale(LC_CTYPE_MASK, "", nullptr);
    LocaleScope scope(editor->locale);
    editor->line = el_init(program, stdin, stdout, stderr);
    editor->history = history_init();
    if (editor->line == nullptr || editor->history == nullptr) {
        rolecall_edit_close(editor);
        return nullptr;
    }
    HistEvent event;
    history(editor->history, &event, H_SETSIZE, 200);
    history(editor->history, &event, H_SETUNIQUE, 1);
    el_set(editor->line, EL_SIGNAL, 0);
    el_set(editor->line, EL_EDITOR, "emacs");
    el_set(editor->line, EL_HIST, history, editor->history);
    el_set(editor->line, EL_CLIENTDATA, editor);
    el_set(editor->line, EL_PROMPT_ESC, &prompt_of, '\1');
    el_set(editor->line, EL_GETCFN, &read_char);
    // libedit binds the arrows but not the keys terminals (xterm, tmux, screen, the Linux console)
    // send for Home, End, Delete and Ctrl/Alt with an arrow, which would otherwise type "~" or ";5D".
    const struct {
        const char* keys;
        const char* command;
    } keys[] = {{"\\e[1~", "ed-move-to-beg"}, {"\\e[7~", "ed-move-to-beg"}, {"\\e[H", "ed-move-to-beg"},
                {"\\eOH", "ed-move-to-beg"},  {"\\e[4~", "ed-move-to-end"}, {"\\e[8~", "ed-move-to-end"},
                {"\\e[F", "ed-move-to-end"},  {"\\eOF", "ed-move-to-end"},  {"\\e[3~", "ed-delete-next-char"},
                {"\\e[1;5D", "ed-prev-word"}, {"\\e[1;3D", "ed-prev-word"}, {"\\e[1;5C", "em-next-word"},
                {"\\e[1;3C", "em-next-word"}};
    for (const auto& key : keys) {
        el_set(editor->line, EL_BIND, key.keys, key.command, static_cast<const char*>(nullptr));
    }
    el_source(editor->line, nullptr);
    return editor;
}

__attribute__((visibility("default"))) void rolecall_edit_close(void* handle) {
    auto* editor = static_cast<Editor*>(handle);
    if (editor == nullptr) return;
    {
        LocaleScope scope(editor->locale);
        if (editor->line != nullptr) el_end(editor->line);
        if (editor->history != nullptr) history_end(editor->history);
    }
    if (editor->locale != nullptr) freelocale(editor->locale);
    std::free(editor->prompt);
    std::free(editor->read);
    std::free(editor);
}

__attribute__((visibility("default"))) int rolecall_edit_set_prompt(void* handle, const char* prompt) {
    auto* editor = static_cast<Editor*>(handle);
    char* copy = strdup(prompt);
    if (copy == nullptr) return -1;
    std::free(editor->prompt);
    editor->prompt = copy;
    return 0;
}

__attribute__((visibility("default"))) const char* rolecall_edit_read_line(void* handle, int* length) {
    auto* editor = static_cast<Editor*>(handle);
    LocaleScope scope(editor->locale);
    int count = 0;
    const char* read = el_gets(editor->line, &count);
    if (read == nullptr || count <= 0) return nullptr;
    auto size = static_cast<std::size_t>(count);
    while (size > 0 && (read[size - 1] == '\n' || read[size - 1] == '\r')) --size;
    char* line = static_cast<char*>(std::malloc(size + 1));
    if (line == nullptr) return nullptr;
    std::memcpy(line, read, size);
    line[size] = '\0';
    std::free(editor->read);
    editor->read = line;
    if (size > 0) {
        HistEvent event;
        history(editor->history, &event, H_ENTER, line);
    }
    *length = static_cast<int>(size);
    return line;
}
}
