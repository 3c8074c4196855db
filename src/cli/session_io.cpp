#include "session_io.hpp"

#include "line_editor.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <csignal>
#include <iostream>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace rolecall::cli {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

volatile std::sig_atomic_t g_continued = 0;

void on_signal(int) { g_interrupted = 1; }
void on_continue(int) { g_continued = 1; }

constexpr int session_signals[] = {SIGINT, SIGTERM, SIGHUP};

// While the line editor reads, the session's signals are blocked but for wait_for_input(), which
// lets them in while it waits for a key: a signal that comes while libedit handles a key then ends
// the wait at once, instead of being spent before libedit's next read, which would wait on.
class HeldSignals {
public:
    HeldSignals() {
        sigset_t held;
        sigemptyset(&held);
        for (int sig : session_signals) sigaddset(&held, sig);
        sigaddset(&held, SIGCONT);
        pthread_sigmask(SIG_BLOCK, &held, &m_previous);
    }
    ~HeldSignals() { pthread_sigmask(SIG_SETMASK, &m_previous, nullptr); }
    HeldSignals(const HeldSignals&) = delete;
    HeldSignals& operator=(const HeldSignals&) = delete;

private:
    sigset_t m_previous;
};

// Input on `fd` (or an error the read will report), a session signal, or SIGCONT after a stop.
LineEditor::Wake wait_for_input(int fd) {
    sigset_t open;
    pthread_sigmask(SIG_SETMASK, nullptr, &open);
    for (int sig : session_signals) sigdelset(&open, sig);
    sigdelset(&open, SIGCONT);
    while (true) {
        if (g_interrupted) return LineEditor::Wake::interrupted;
        if (g_continued) {
            g_continued = 0;
            return LineEditor::Wake::resumed;
        }
        pollfd input{fd, POLLIN, 0};
        const int ready = ppoll(&input, 1, nullptr, &open);
        if (ready > 0 || (ready < 0 && errno != EINTR)) return LineEditor::Wake::input;
    }
}

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
    for (int sig : session_signals) sigaction(sig, &action, nullptr);
    // Noted for the line editor, which then sets its terminal mode again; reads elsewhere go on.
    action.sa_handler = on_continue;
    action.sa_flags = SA_RESTART;
    sigaction(SIGCONT, &action, nullptr);
}

std::optional<std::string> read_stdin_line() {
    if (g_interrupted) return std::nullopt;
    std::string line;
    if (!std::getline(std::cin, line) || g_interrupted) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

std::optional<std::size_t> output_columns() {
    struct winsize size {};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    if (const char* columns = std::getenv("COLUMNS")) {
        std::size_t n = 0;
        const std::string_view text(columns);
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec == std::errc() && end == text.data() + text.size() && n > 0) return n;
    }
    return std::nullopt;
}

SessionScreen session_screen(Context& context, Storage& collection) {
    SessionScreen screen;
    screen.interactive = isatty(STDIN_FILENO) != 0;
    const auto term = context.env()("TERM");
    screen.line_editing = screen.interactive && isatty(STDOUT_FILENO) != 0 && term && !term->empty() && *term != "dumb";
    if (screen.interactive) {
        screen.style = context.output_style(collection);
        screen.width = [] { return terminal_width() - 1; };
    }
    return screen;
}

SessionInput::SessionInput(const SessionScreen& screen, const Context& context) {
    if (!screen.line_editing) return;
    try {
        m_editor = std::make_unique<LineEditor>(wait_for_input);
    } catch (const Error& e) {
        context.note(fmt::format("line editing is off: {}", e.what()));
    }
}

SessionInput::~SessionInput() = default;

LineReader SessionInput::reader() {
    if (!m_editor) return read_stdin_line;
    return [this]() -> std::optional<std::string> {
        HeldSignals held;
        g_continued = 0;  // a stop before this prompt was printed needs no redrawing
        if (g_interrupted) return std::nullopt;
        auto line = m_editor->read_line();
        if (g_interrupted) return std::nullopt;
        return line;
    };
}

PromptSink SessionInput::prompt_sink() {
    if (!m_editor) return {};
    return [this](const std::string& prompt) { m_editor->set_prompt(prompt); };
}

}  // namespace rolecall::cli
