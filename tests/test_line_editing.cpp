// Line editing at the prompts on a terminal (libedit), driven through a pseudo-terminal with the bytes
// a terminal sends for its keys: the line the session takes is the edited one, Up brings back an
// earlier answer, and Ctrl-C, Ctrl-D and the signals still end the session with its summary.
#include "child_process.hpp"
#include "cli_runner.hpp"
#include "collection_checks.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <sys/ioctl.h>
#include <termios.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <thread>

using namespace rolecall;
using namespace std::chrono_literals;
using test::Child;

namespace {

// What a terminal sends (xterm, tmux, the Linux console): the arrows in normal cursor mode, and
// Backspace as DEL, the pseudo-terminal's erase character.
const std::string left = "\x1b[D";
const std::string up = "\x1b[A";
const std::string backspace = "\x7f";

// Every statement is an Alpha.
const char* letters_deck =
    "deck = Letters\n[category a]\nname = Alpha\n[category b]\nname = Beta\n[statements]\n"
    "a/1: one\na/2: two\na/3: three\n";

const std::string answer_prompt = "Your answer (1-2 or a name; u undo, q quit):";

struct Letters {
    test::TempDir dir;
    std::filesystem::path db = dir / "c.db";

    Letters() {
        test::write_file(dir / "letters.deck", letters_deck);
        test::Cli cli;
        REQUIRE(cli.run({"--db", db.string(), "-q", "build", (dir / "letters.deck").string()}).exit_code == 0);
        REQUIRE(cli.run({"--db", db.string(), "config", "set", "follow-ups", "0"}).exit_code == 0);
    }

    // A review of the deck on a terminal (no colour).
    std::unique_ptr<Child> review() {
        return std::make_unique<Child>(
            std::vector<std::string>{"--db", db.string(), "--today", "2026-11-22", "review", "--deck", "Letters"},
            dir / "err", test::ChildOptions{true, false, {}});
    }

    std::vector<std::string> chosen() {
        test::Sql sql(db);
        return sql.column("SELECT chosen FROM reviews WHERE undone = 0 ORDER BY id");
    }
};

Child::Clock::time_point soon() { return Child::Clock::now() + 30s; }

// The prompt is out and libedit reads key by key: libedit prints the prompt first and then leaves
// the terminal's line mode, and keys sent in between would meet the terminal's own line editing.
void wait_for_prompt(Child& child, const std::string& prompt) {
    REQUIRE(child.wait_for_text(prompt, soon()));
    REQUIRE(child.wait_for_key_by_key(soon()));
}

}  // namespace

TEST_CASE("line editing: Left and Backspace correct an answer at the prompt, Up brings one back", "[cli][terminal]") {
    Letters letters;
    auto child = letters.review();
    wait_for_prompt(*child, answer_prompt);
    // "lpxha": back two, delete the x, back to the start and type the A. Unedited, the line would be
    // "lpxha" with escape sequences in it: no answer at all.
    child->send("lpxha" + left + left + backspace + left + left + "A\r");
    wait_for_prompt(*child, "Grade 0-5");
    CHECK_THAT(child->all(), Catch::Contains("Right: Alpha"));
    CHECK_THAT(child->all(), !Catch::Contains("is not one of the options"));
    child->send("\r");  // the suggested grade
    // The next card: Up recalls "Alpha" (the empty grade line is not kept).
    wait_for_prompt(*child, answer_prompt);
    child->send(up + "\r");
    wait_for_prompt(*child, "Grade 0-5");
    child->send("\r");
    // The third card: a line typed but not entered, then Ctrl-C.
    wait_for_prompt(*child, answer_prompt);
    child->send("Al\x03");
    const std::string out = child->rest(soon());
    INFO(out);
    CHECK(child->exit_code() == 0);
    CHECK_THAT(out, Catch::Contains("Session over") && Catch::Contains("answered: 2 (2 right, 100%)"));
    CHECK(test::read_file(letters.dir / "err").empty());
    CHECK(letters.chosen() == std::vector<std::string>{"Alpha", "Alpha"});
    test::check_collection(letters.db);
}

TEST_CASE("line editing: Ctrl-D, SIGTERM and SIGHUP at an edited prompt end the session with its summary",
          "[cli][terminal]") {
    for (int ending : {0, SIGTERM, SIGHUP}) {
        DYNAMIC_SECTION("ending " << (ending == 0 ? "Ctrl-D" : ending == SIGTERM ? "SIGTERM" : "SIGHUP")) {
            Letters letters;
            auto child = letters.review();
            wait_for_prompt(*child, answer_prompt);
            child->send("a\r");
            wait_for_prompt(*child, "Grade 0-5");
            child->send("\r");
            wait_for_prompt(*child, answer_prompt);
            if (ending == 0) {
                child->send("\x04");  // Ctrl-D on an empty line: the end of input
            } else {
                child->send("Alp");
                // The keys are read (and echoed) before the signal comes.
                REQUIRE(child->wait_for_text("Alp", soon()));
                child->signal(ending);
            }
            const std::string out = child->rest(soon());
            INFO(out);
            CHECK(child->exit_code() == 0);
            CHECK_THAT(out, Catch::Contains("Session over") && Catch::Contains("answered: 1 (1 right, 100%)"));
            CHECK(letters.chosen() == std::vector<std::string>{"Alpha"});
        }
    }
}

namespace {

// Whether the process is stopped (state T in /proc/PID/stat).
bool stopped(pid_t pid) {
    const std::string stat = test::read_file("/proc/" + std::to_string(pid) + "/stat");
    const auto end = stat.rfind(')');
    return end != std::string::npos && end + 2 < stat.size() && stat[end + 2] == 'T';
}

}  // namespace

TEST_CASE("line editing: after a stop and continue (Ctrl-Z, fg) the line is shown again and edits", "[cli][terminal]") {
    Letters letters;
    auto child = letters.review();
    wait_for_prompt(*child, answer_prompt);
    child->send("lpha");
    REQUIRE(child->wait_for_text("lpha", soon()));
    // Stopped, the terminal gets the shell's mode back (line by line, echoed), as a shell sets it.
    child->signal(SIGSTOP);
    const auto deadline = soon();
    while (!stopped(child->pid()) && Child::Clock::now() < deadline) std::this_thread::sleep_for(1ms);
    REQUIRE(stopped(child->pid()));
    termios mode{};
    REQUIRE(::tcgetattr(child->terminal(), &mode) == 0);
    mode.c_lflag |= ICANON | ECHO;
    REQUIRE(::tcsetattr(child->terminal(), TCSANOW, &mode) == 0);
    child->signal(SIGCONT);
    // libedit's mode again, the prompt and the line drawn again, and the keys edit the line.
    REQUIRE(child->wait_for_key_by_key(soon()));
    REQUIRE(child->wait_for_text(answer_prompt + " lpha", soon()));
    child->send(left + left + left + left + "A\r");
    wait_for_prompt(*child, "Grade 0-5");
    CHECK_THAT(child->all(), Catch::Contains("Right: Alpha"));
    child->send("\x03");
    const std::string out = child->rest(soon());
    INFO(out);
    CHECK(child->exit_code() == 0);
    CHECK_THAT(out, Catch::Contains("answered: 1 (1 right, 100%)"));  // the pick kept, at its suggested grade
    CHECK(letters.chosen() == std::vector<std::string>{"Alpha"});
}

TEST_CASE("terminal review: at 60 columns the next-review line wraps under the text after its label",
          "[cli][terminal]") {
    Letters letters;
    // The first day, on a terminal of the default size: each card answered right at its suggested grade.
    auto first = letters.review();
    for (int card = 0; card < 3; ++card) {
        wait_for_prompt(*first, answer_prompt);
        first->send("a\r");
        wait_for_prompt(*first, "Grade 0-5");
        first->send("\r");
    }
    REQUIRE(first->wait_for_text("Session over", soon()));
    first->rest(soon());
    // The next day the grades give different intervals: a preview of 4 parts, 77 columns on one line.
    test::ChildOptions narrow{true, false, [] {
                                  struct winsize size {};
                                  size.ws_row = 24;
                                  size.ws_col = 60;
                                  ::ioctl(STDOUT_FILENO, TIOCSWINSZ, &size);
                              }};
    Child child({"--db", letters.db.string(), "--today", "2026-11-23", "review", "--deck", "Letters"},
                letters.dir / "err", narrow);
    wait_for_prompt(child, answer_prompt);
    child.send("a\r");
    wait_for_prompt(child, "Grade 0-5");
    std::vector<std::string> lines;
    std::istringstream all(child.all());
    for (std::string line; std::getline(all, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(line);
    }
    child.send("\x04");
    child.rest(soon());
    const auto preview = std::find_if(lines.begin(), lines.end(),
                                      [](const std::string& line) { return line.starts_with("  next review: 0-2"); });
    REQUIRE(preview != lines.end());
    REQUIRE(preview + 1 != lines.end());
    INFO(*preview << "\n" << *(preview + 1));
    CHECK(preview->size() <= 59);
    CHECK(preview->ends_with(" |"));
    CHECK((preview + 1)->starts_with(std::string(15, ' ')));  // under "0-2", after "  next review: "
    CHECK((preview + 1)->size() > 15);
    CHECK((preview + 1)->at(15) != ' ');
}
