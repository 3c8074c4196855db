// rolecall-bench-session: drives a scripted review through pipes, as a learner at a fast keyboard
// would, and times it from the outside.
//
//   rolecall-bench-session [--answers N] [--echo] -- COMMAND [ARGS...]
//
// It starts COMMAND, waits for each card's header ("--- card ... [kind]"), answers it (1 for a choice
// card, grade 4 otherwise) and times the gap between sending an answer and receiving the next card:
// rolecall reading the line, grading, committing, and showing the next card. After N answers it sends
// `q`. It prints one line: answers, median and worst gap (microseconds), the time from start to the
// first card, and the child's peak RSS (KiB, from wait4).
//
// With --echo the command is expected to echo its input (cat): the driver then sends lines that look
// like card headers, which measures the pipe round trip alone, the floor of any scripted session.
#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "rolecall-bench-session: error: %s\n", message.c_str());
    std::exit(1);
}

void write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) die(std::string("writing to the command: ") + std::strerror(errno));
        text.remove_prefix(static_cast<std::size_t>(n));
    }
}

// Reads the child's stdout line by line.
class LineReader {
public:
    explicit LineReader(int fd) : m_fd(fd) {}
    // The next line without its newline; false at end of output.
    bool next(std::string& line) {
        for (;;) {
            auto end = m_buffer.find('\n', m_start);
            if (end != std::string::npos) {
                line.assign(m_buffer, m_start, end - m_start);
                m_start = end + 1;
                return true;
            }
            m_buffer.erase(0, m_start);
            m_start = 0;
            char chunk[65536];
            ssize_t n = ::read(m_fd, chunk, sizeof chunk);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            m_buffer.append(chunk, static_cast<std::size_t>(n));
        }
    }

private:
    int m_fd;
    std::string m_buffer;
    std::size_t m_start = 0;
};

}  // namespace

int main(int argc, char** argv) {
    int answers = 200;
    bool echo = false;
    int first = 1;
    for (; first < argc; ++first) {
        std::string_view arg = argv[first];
        if (arg == "--") {
            ++first;
            break;
        }
        if (arg == "--echo") {
            echo = true;
        } else if (arg == "--answers" && first + 1 < argc) {
            answers = std::atoi(argv[++first]);
        } else {
            die("usage: rolecall-bench-session [--answers N] [--echo] -- COMMAND [ARGS...]");
        }
    }
    if (first >= argc || answers <= 0) die("usage: rolecall-bench-session [--answers N] [--echo] -- COMMAND [ARGS...]");

    int to_child[2];
    int from_child[2];
    if (::pipe(to_child) != 0 || ::pipe(from_child) != 0) die("pipe failed");
    auto started = Clock::now();
    pid_t pid = ::fork();
    if (pid < 0) die("fork failed");
    if (pid == 0) {
        ::dup2(to_child[0], 0);
        ::dup2(from_child[1], 1);
        ::close(to_child[0]);
        ::close(to_child[1]);
        ::close(from_child[0]);
        ::close(from_child[1]);
        ::execvp(argv[first], argv + first);
        std::perror("exec");
        std::_Exit(127);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);

    LineReader reader(from_child[0]);
    std::vector<double> gaps;
    double first_card_us = -1;
    auto sent = Clock::now();
    std::string line;
    if (echo) write_all(to_child[1], "--- card [recall]\n");
    while (static_cast<int>(gaps.size()) < answers && reader.next(line)) {
        if (line.rfind("--- card", 0) != 0) continue;
        auto now = Clock::now();
        if (first_card_us < 0) {
            first_card_us = std::chrono::duration<double, std::micro>(now - started).count();
        } else {
            gaps.push_back(std::chrono::duration<double, std::micro>(now - sent).count());
        }
        bool choice = line.find("[choice") != std::string::npos;
        sent = Clock::now();
        write_all(to_child[1], echo ? "--- card [recall]\n" : (choice ? "1\n" : "4\n"));
    }
    if (!echo) write_all(to_child[1], "q\n");
    ::close(to_child[1]);
    while (reader.next(line)) {}
    int status = 0;
    rusage usage{};
    if (::wait4(pid, &status, 0, &usage) < 0) die("wait4 failed");
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("the command failed (exit " + std::to_string(WEXITSTATUS(status)) + ")");
    if (gaps.empty()) die("the command showed fewer than two cards");

    std::sort(gaps.begin(), gaps.end());
    double median = gaps.size() % 2 ? gaps[gaps.size() / 2] : (gaps[gaps.size() / 2 - 1] + gaps[gaps.size() / 2]) / 2;
    std::printf("answers %zu median_us %.0f worst_us %.0f first_card_us %.0f maxrss_kib %ld\n", gaps.size(), median,
                gaps.back(), first_card_us, usage.ru_maxrss);
    return 0;
}
