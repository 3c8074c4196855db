// What every command shares: the collection, the study day and the clock, from the global options
// and the environment. The clock is read once, when the Context is made, and nowhere else in the CLI.
// Nothing here writes unless asked to: opening may create, ensure_builtin_deck() builds, lookups read.
#pragma once

#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/clock.hpp"
#include "rolecall/base/day.hpp"
#include "rolecall/base/paths.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/text/style.hpp"

#include <chrono>
#include <filesystem>
#include <functional>
#include <ostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall::cli {

struct GlobalOptions {
    bool quiet = false;  // --quiet: no notes on stderr, only results and errors
    std::string db;      // --db
    std::string today;   // --today YYYY-MM-DD
    std::optional<int> rollover_hour;
};

class Context {
public:
    Context(GlobalOptions options, std::filesystem::path executable);

    // Whether the database file is there (without creating it).
    bool database_exists();
    // The collection, which must be there already: an Error when there is no database file.
    Storage& open_existing();
    // The collection, created when there is none (with rolecall's default folder, when it is the default).
    Storage& open_or_create();
    // The hour at which study days roll over, this run: --rollover-hour, else the collection's setting
    // rollover-hour (its default when not set). Reads the collection only without the option.
    int rollover_hour(Storage& collection) const;
    // The study day: --today, else ROLECALL_TODAY, else the clock as read at start-up, with days that
    // roll over at `rollover_hour`.
    Day today(int rollover_hour) const;
    const Clock& clock() const { return m_clock; }
    const std::filesystem::path& executable() const { return m_executable; }
    const EnvLookup& env() const { return m_env; }
    bool quiet() const { return m_options.quiet; }
    // A note for the user on stderr, "rolecall: TEXT", unless --quiet. Results go to stdout instead.
    void note(std::string_view text) const;
    // The style for standard output: colour by the collection's colour setting, whether stdout is a
    // terminal and NO_COLOR; symbols by the locale. Every command that colours its output uses this.
    Style output_style(Storage& collection) const;

    // Keeps the built-in deck in step with its source, building it when missing or changed: a write,
    // so commands that want the built-in deck call it themselves, before looking decks up. Returns
    // the built-in deck's name, or "" when `deck delete` hid it.
    std::string ensure_builtin_deck();
    // The id of the named deck in the collection; a usage error with the closest name when there is
    // none. Only reads.
    Id deck_id(const std::string& name);

private:
    int busy_timeout_ms() const;
    Storage& open(bool create);

    GlobalOptions m_options;
    std::filesystem::path m_executable;
    EnvLookup m_env;
    SystemClock m_clock;
    std::chrono::system_clock::time_point m_started;  // the clock, read once
    std::optional<Day> m_set_day;                     // --today or ROLECALL_TODAY
    std::unique_ptr<Storage> m_storage;
};

// Writes a file through `write`, beside the target first and renamed at the end, so a failure never
// leaves half a file behind. Throws Error naming the file.
void write_file_whole(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write);

}  // namespace rolecall::cli
