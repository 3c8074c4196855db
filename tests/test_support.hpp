// Helpers shared by the tests: a fresh scratch folder per test case, and a runner for the built binary.
#pragma once

#include "rolecall/base/day.hpp"
#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/scheduling/sm2.hpp"
#include "rolecall/storage/storage.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace rolecall::test {

// A real folder under the system temp dir, removed with everything in it at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "rolecall-test-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

inline void write_file(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline Day day(const char* text) { return *parse_day(text); }

// The opening of a small fact deck with two roles to tell apart; tests append their [statements].
inline const std::string two_roles_deck =
    "deck = Roles\n[category pm]\nname = Product Manager\n[category po]\nname = Product Owner\n[statements]\n";

// Logs an answer to `card` on `day` as the review loop would: before and after states, SM-2 applied
// unless it is a drill. Returns the logged record with its id.
inline ReviewRecord log_answer(Storage& storage, Id card, Day on, int grade, const std::string& chosen = "",
                               bool drill = false, int response_ms = 0) {
    CardRecord current = storage.card(card);
    ReviewRecord r;
    r.card_id = card;
    r.day = on;
    r.answered_at = format_day(on) + "T10:00:00+00:00";
    r.grade = grade;
    r.chosen = chosen;
    r.drill = drill;
    r.response_ms = response_ms;
    r.before = current.state;
    r.after = drill ? current.state : schedule_answer(current.state, grade, on, SchedulerConfig{}, card);
    r.id = storage.record_answer(r).value();
    return r;
}

}  // namespace rolecall::test
