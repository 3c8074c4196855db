// The line editor's side in rolecall: the rolecall-edit module loaded once, and the prompt's escape
// sequences marked for it. libedit itself is called in the module (line_editor_module.cpp).
#include "line_editor.hpp"

#include "line_editor_module.hpp"

#include "rolecall/base/module.hpp"

#include <algorithm>
#include <new>
#include <string_view>
#include <utility>

namespace rolecall::cli {

struct EditModule {
    decltype(&rolecall_edit_open) open = nullptr;
    decltype(&rolecall_edit_close) close = nullptr;
    decltype(&rolecall_edit_set_prompt) set_prompt = nullptr;
    decltype(&rolecall_edit_read_line) read_line = nullptr;
};

namespace {

static_assert(static_cast<int>(LineEditor::Wake::input) == rolecall_edit_input &&
              static_cast<int>(LineEditor::Wake::interrupted) == rolecall_edit_interrupted &&
              static_cast<int>(LineEditor::Wake::resumed) == rolecall_edit_resumed);

const EditModule& edit_module() {
    static const EditModule module = [] {
        constexpr std::string_view what = "line editor";
        void* handle = load_module("rolecall-edit.so", "rolecall_edit_version", rolecall_edit_abi, what);
        EditModule loaded;
        loaded.open = module_function<decltype(loaded.open)>(handle, "rolecall_edit_open", what);
        loaded.close = module_function<decltype(loaded.close)>(handle, "rolecall_edit_close", what);
        loaded.set_prompt = module_function<decltype(loaded.set_prompt)>(handle, "rolecall_edit_set_prompt", what);
        loaded.read_line = module_function<decltype(loaded.read_line)>(handle, "rolecall_edit_read_line", what);
        return loaded;
    }();
    return module;
}

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

}  // namespace

LineEditor::LineEditor(InputWait wait_for_input) : m_wait(std::move(wait_for_input)), m_module(edit_module()) {
    m_editor = m_module.open("rolecall", &LineEditor::wait, this);
    if (m_editor == nullptr) throw Error("libedit could not start on this terminal");
}

LineEditor::~LineEditor() { m_module.close(m_editor); }

void LineEditor::set_prompt(const std::string& prompt) {
    if (m_module.set_prompt(m_editor, mark_escapes(prompt).c_str()) != 0) throw std::bad_alloc();
}

std::optional<std::string> LineEditor::read_line() {
    int length = 0;
    const char* line = m_module.read_line(m_editor, &length);
    if (line == nullptr) return std::nullopt;
    return std::string(line, static_cast<std::size_t>(length));
}

int LineEditor::wait(void* self, int fd) noexcept {
    return static_cast<int>(static_cast<LineEditor*>(self)->m_wait(fd));
}

}  // namespace rolecall::cli
