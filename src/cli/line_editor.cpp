// libedit at the prompts. Its own signal handling stays off: the session's handlers
// (install_session_signals) set a flag, the read returns interrupted, and the session ends with its
// summary as at the end of input.
#include "line_editor.hpp"

#include <histedit.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cwchar>
#include <utility>

namespace rolecall::cli {

namespace {

// libedit counts every byte of the prompt as a column unless it is bracketed by the character given
// to EL_PROMPT_ESC: each escape sequence (CSI ... final byte) of the styled prompt is.
std::string mark_escapes(const std::string& text) {
    std::string marked;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\x1b' && i + 1 < text.size() && text[i + 1] == '[') {
            std::size_t end = i + 2;
            while (end < text.size() && !(text[end] >= 0x40 && text[end] <= 0x7e)) ++end;
            end = std::min(end + 1, text.size());
            marked += '\1';
            marked.append(text, i, end - i);
            marked += '\1';
            i = end - 1;
        } else {
            marked += text[i];
        }
    }
    return marked;
}

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

}  // namespace

LineEditor::LineEditor(InputWait wait_for_input)
    : m_wait(std::move(wait_for_input)), m_locale(newlocale(LC_CTYPE_MASK, "", nullptr)) {
    LocaleScope scope(m_locale);
    m_editor = el_init("rolecall", stdin, stdout, stderr);
    m_history = history_init();
    HistEvent event;
    history(m_history, &event, H_SETSIZE, 200);
    history(m_history, &event, H_SETUNIQUE, 1);
    el_set(m_editor, EL_SIGNAL, 0);
    el_set(m_editor, EL_EDITOR, "emacs");
    el_set(m_editor, EL_HIST, history, m_history);
    el_set(m_editor, EL_CLIENTDATA, this);
    el_set(m_editor, EL_PROMPT_ESC, &LineEditor::prompt_of, '\1');
    el_set(m_editor, EL_GETCFN, &LineEditor::read_char);
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
    for (const auto& key : keys) el_set(m_editor, EL_BIND, key.keys, key.command, static_cast<const char*>(nullptr));
    el_source(m_editor, nullptr);
}

LineEditor::~LineEditor() {
    {
        LocaleScope scope(m_locale);
        el_end(m_editor);
        history_end(m_history);
    }
    if (m_locale != nullptr) freelocale(m_locale);
}

void LineEditor::set_prompt(const std::string& prompt) { m_prompt = mark_escapes(prompt); }

char* LineEditor::prompt_of(EditLine* editor) {
    void* self = nullptr;
    el_get(editor, EL_CLIENTDATA, &self);
    return static_cast<LineEditor*>(self)->m_prompt.data();
}

int LineEditor::read_char(EditLine* editor, wchar_t* key) {
    void* self = nullptr;
    el_get(editor, EL_CLIENTDATA, &self);
    const InputWait& wait = static_cast<LineEditor*>(self)->m_wait;
    char bytes[MB_LEN_MAX];
    std::size_t have = 0;
    *key = L'\0';
    while (true) {
        const Wake wake = wait(STDIN_FILENO);
        if (wake == Wake::interrupted) {
            errno = EINTR;
            return -1;
        }
        if (wake == Wake::resumed) {
            // The shell that stopped us put its own terminal mode back: libedit's again (it sets it
            // only when it believes it is not set), and the prompt and line, on the line fg left.
            el_set(editor, EL_PREP_TERM, 0);
            el_set(editor, EL_PREP_TERM, 1);
            el_set(editor, EL_REFRESH);
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

std::optional<std::string> LineEditor::read_line() {
    LocaleScope scope(m_locale);
    int count = 0;
    const char* read = el_gets(m_editor, &count);
    if (read == nullptr || count <= 0) return std::nullopt;
    std::string line(read, static_cast<std::size_t>(count));
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (!line.empty()) {
        HistEvent event;
        history(m_history, &event, H_ENTER, line.c_str());
    }
    return line;
}

}  // namespace rolecall::cli
