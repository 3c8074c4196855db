// A running rolecall for the hardening tests: standard input and output through pipes (or a
// pseudo-terminal), line by line with deadlines, and signals. The black-box tests that only need
// a finished run use cli_runner.hpp instead.
#pragma once

#include "test_support.hpp"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rolecall::test {

struct ChildOptions {
    bool terminal = false;  // stdin and stdout on a pseudo-terminal instead of pipes
    bool colour = false;    // leave NO_COLOR unset
    // Runs in the child between fork and exec (limits, user), async-signal-safe calls only.
    std::function<void()> in_child;
};

class Child {
public:
    using Clock = std::chrono::steady_clock;

    // Starts `rolecall ARGS...` (NO_COLOR set, ROLECALL_TODAY and ROLECALL_DB unset); stderr goes to `err_file`.
    Child(const std::vector<std::string>& args, const std::filesystem::path& err_file, ChildOptions options = {}) {
        std::vector<std::string> argv_text{ROLECALL_BINARY};
        argv_text.insert(argv_text.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& a : argv_text) argv.push_back(a.data());
        argv.push_back(nullptr);
        int err_fd = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
        if (err_fd < 0) throw std::runtime_error("cannot open " + err_file.string());
        int in_pipe[2] = {-1, -1};
        int out_pipe[2] = {-1, -1};
        if (options.terminal) {
            m_pid = ::forkpty(&m_out, nullptr, nullptr, nullptr);
            m_in = m_out;
        } else {
            if (::pipe2(in_pipe, O_CLOEXEC) != 0 || ::pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe");
            m_pid = ::fork();
        }
        if (m_pid < 0) throw std::runtime_error("fork");
        if (m_pid == 0) {
            if (!options.terminal) {
                ::dup2(in_pipe[0], 0);
                ::dup2(out_pipe[1], 1);
            }
            ::dup2(err_fd, 2);
            ::signal(SIGPIPE, SIG_DFL);
            if (options.in_child) options.in_child();
            ::unsetenv("ROLECALL_TODAY");
            ::unsetenv("ROLECALL_DB");
            if (options.colour) {
                ::unsetenv("NO_COLOR");
            } else {
                ::setenv("NO_COLOR", "1", 1);
            }
            ::setenv("TERM", "xterm-256color", 1);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        ::close(err_fd);
        if (!options.terminal) {
            ::close(in_pipe[0]);
            ::close(out_pipe[1]);
            m_in = in_pipe[1];
            m_out = out_pipe[0];
        }
    }

    ~Child() {
        if (m_pid > 0 && !m_status) {
            ::kill(m_pid, SIGKILL);
            wait();
        }
        close_input();
        if (m_out >= 0) ::close(m_out);
    }

    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const { return m_pid; }
    // The pseudo-terminal's controlling side (with `terminal`): its mode is the program's terminal's.
    int terminal() const { return m_out; }

    void send(const std::string& text) {
        std::size_t done = 0;
        while (done < text.size()) {
            ssize_t n = ::write(m_in, text.data() + done, text.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) return;  // the child has gone; what it printed tells the rest
            done += static_cast<std::size_t>(n);
        }
    }

    void close_input() {
        if (m_in >= 0 && m_in != m_out) ::close(m_in);
        m_in = -1;
    }

    // The next line of output (without "\r\n" or "\n"), waiting until `deadline`; nullopt at the end of
    // output or when the deadline passes first.
    std::optional<std::string> line(Clock::time_point deadline) {
        for (;;) {
            if (auto end = m_buffer.find('\n'); end != std::string::npos) {
                std::string text = m_buffer.substr(0, end);
                m_buffer.erase(0, end + 1);
                if (!text.empty() && text.back() == '\r') text.pop_back();
                return text;
            }
            if (!fill(deadline)) return std::nullopt;
        }
    }

    // Reads until a line starts with `prefix`; false at the end of output or the deadline.
    bool wait_for(const std::string& prefix, Clock::time_point deadline, std::string* found = nullptr) {
        while (auto text = line(deadline)) {
            if (text->rfind(prefix, 0) == 0) {
                if (found) *found = *text;
                return true;
            }
        }
        return false;
    }

    // Reads until `text` appears after what the previous wait_for_text found: a prompt, which ends no
    // line. False at the end of output or the deadline.
    bool wait_for_text(const std::string& text, Clock::time_point deadline) {
        for (;;) {
            if (auto at = m_all.find(text, m_text_from); at != std::string::npos) {
                m_text_from = at + text.size();
                return true;
            }
            if (!fill(deadline)) return false;
        }
    }

    // Waits until the program reads its terminal key by key (ICANON off, as a line editor sets it once
    // its prompt is out), so that keys sent next reach it as typed, not through the terminal's own
    // line editing. Only with `terminal`.
    bool wait_for_key_by_key(Clock::time_point deadline) {
        while (Clock::now() < deadline) {
            termios mode{};
            if (::tcgetattr(m_out, &mode) == 0 && (mode.c_lflag & ICANON) == 0) return true;
            ::usleep(1000);
        }
        return false;
    }

    // Everything printed from here to the end of output (or the deadline).
    std::string rest(Clock::time_point deadline) {
        while (fill(deadline)) {}
        std::string all = m_all;
        return all;
    }

    // All output seen so far, raw.
    const std::string& all() const { return m_all; }

    void signal(int number) { ::kill(m_pid, number); }

    // Waits for the child (killing it after 60 s, so a hung child fails its test instead of hanging
    // the suite); its wait status.
    int wait() {
        if (!m_status) {
            const auto deadline = Clock::now() + std::chrono::seconds(60);
            int status = 0;
            pid_t done = 0;
            while ((done = ::waitpid(m_pid, &status, WNOHANG)) == 0 && Clock::now() < deadline) {
                ::usleep(2000);
            }
            if (done == 0) {
                ::kill(m_pid, SIGKILL);
                ::waitpid(m_pid, &status, 0);
            }
            m_status = status;
        }
        return *m_status;
    }

    int exit_code() {
        int status = wait();
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

private:
    bool fill(Clock::time_point deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd fd{m_out, POLLIN, 0};
        int ready = ::poll(&fd, 1, static_cast<int>(left));
        if (ready <= 0) return false;
        char chunk[4096];
        ssize_t n = ::read(m_out, chunk, sizeof chunk);
        if (n <= 0) return false;  // end of output (EIO on a pty whose child has gone)
        m_buffer.append(chunk, static_cast<std::size_t>(n));
        m_all.append(chunk, static_cast<std::size_t>(n));
        return true;
    }

    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    std::string m_buffer;
    std::string m_all;
    std::size_t m_text_from = 0;  // where wait_for_text looks next
    std::optional<int> m_status;
};

}  // namespace rolecall::test
