// Runs the built rolecall binary for black-box tests: a temporary database, scripted standard input,
// and stdout, stderr and the exit code captured.
#pragma once

#include "test_support.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <algorithm>
#include <string>
#include <vector>

namespace rolecall::test {

using nlohmann::json;

struct Run {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline std::string quote(const std::string& arg) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

class Cli {
public:
    Cli() : m_db(m_dir / "rolecall.db") {}

    // Runs `rolecall --db DB ARGS...` with `input` on standard input (a file, never a terminal).
    // `env`: more "NAME=VALUE" settings for this run (VISUAL, COLUMNS, ...).
    Run run(const std::vector<std::string>& args, const std::string& input = "",
            const std::vector<std::string>& env = {}) {
        write_file(m_dir / "stdin", input);
        std::string command = "env -u ROLECALL_TODAY -u ROLECALL_DB -u COLUMNS NO_COLOR=1 ";
        for (const auto& setting : env) command += quote(setting) + " ";
        command += quote(ROLECALL_BINARY);
        // The test's own database unless the arguments name another.
        if (std::find(args.begin(), args.end(), "--db") == args.end()) command += " --db " + quote(m_db.string());
        for (const auto& arg : args) command += " " + quote(arg);
        command += " < " + quote((m_dir / "stdin").string()) + " > " + quote((m_dir / "stdout").string()) + " 2> " +
                   quote((m_dir / "stderr").string());
        int status = std::system(command.c_str());
        Run result;
        result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        result.out = read_file(m_dir / "stdout");
        result.err = read_file(m_dir / "stderr");
        return result;
    }

    json reviews() { return json::parse(run({"export", "reviews", "--format", "json"}).out)["reviews"]; }

    json card_of_deck(const std::string& deck) {
        return json::parse(run({"export", "cards", "--format", "json", "--deck", deck}).out)["cards"];
    }

    // The line that answers right, with `grade`, the first card a scripted review printed in `out`: a
    // choice card by the number of its right option (found through the export of `deck`, since a
    // wrong pick cannot pass), any other card by the grade alone.
    std::string right_line(const std::string& out, const std::string& deck, int grade) {
        const std::string block = out.substr(0, out.find("\n> "));
        if (block.find("[choice") == std::string::npos) return std::to_string(grade) + "\n";
        for (const auto& card : card_of_deck(deck)) {
            if (block.find("\n" + card["front"].get<std::string>() + "\n") == std::string::npos) continue;
            std::string right = card["answer"];  // a role, or the option itself
            const auto& roles = card["choice_roles"];
            for (std::size_t i = 0; i < roles.size(); ++i) {
                if (roles[i] == card["answer"]) right = card["choices"][i];
            }
            // The number as shown: a follow-up renumbers the two options it keeps.
            const std::size_t at = block.find(") " + right + "\n");
            if (at != std::string::npos && at > 0) return fmt::format("{} {}\n", block[at - 1], grade);
        }
        return std::to_string(grade) + "\n";
    }

    std::filesystem::path file(const std::string& name) const { return m_dir / name; }

private:
    TempDir m_dir;
    std::filesystem::path m_db;
};

}  // namespace rolecall::test
