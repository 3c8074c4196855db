#include "context.hpp"

#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/settings/settings.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <iostream>
#include <unistd.h>

namespace rolecall::cli {

void write_file_whole(const std::filesystem::path& target, const std::function<void(std::ostream&)>& write) {
    std::filesystem::path partial = target;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(fmt::format("cannot write {}: check the folder exists and is writable", target.string()));
        try {
            write(out);
        } catch (...) {
            out.close();
            std::filesystem::remove(partial);
            throw;
        }
        out.close();
        if (!out) {
            std::filesystem::remove(partial);
            throw Error(fmt::format("writing {} failed (disk full?); nothing was written", target.string()));
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, target, ec);
    if (ec) {
        std::filesystem::remove(partial);
        throw Error(fmt::format("cannot write {}: {}", target.string(), ec.message()));
    }
}

Context::Context(GlobalOptions options, std::filesystem::path executable)
    : m_options(std::move(options)),
      m_executable(std::move(executable)),
      m_env(process_environment()),
      m_started(m_clock.now()) {
    if (m_options.rollover_hour && (*m_options.rollover_hour < 0 || *m_options.rollover_hour > 23)) {
        throw usage_error(fmt::format("--rollover-hour {} is outside 0..23", *m_options.rollover_hour));
    }
    // A study day set by hand is checked before any command opens (or creates) a collection.
    std::string text = m_options.today;
    std::string source = "--today";
    if (text.empty()) {
        if (auto env = m_env("ROLECALL_TODAY")) {
            text = *env;
            source = "ROLECALL_TODAY";
        }
    }
    if (!text.empty()) {
        m_set_day = parse_day(text);
        if (!m_set_day) {
            throw usage_error(fmt::format("{} '{}' is not a date: use YYYY-MM-DD, e.g. 2026-11-22", source, text));
        }
    }
}

namespace {

std::filesystem::path database_path(const GlobalOptions& options, const EnvLookup& env) {
    return options.db.empty() ? default_database_path(env) : std::filesystem::path(options.db);
}

}  // namespace

bool Context::database_exists() {
    std::error_code ec;
    return m_storage || std::filesystem::exists(database_path(m_options, m_env), ec);
}

Storage& Context::open_existing() { return open(false); }

Storage& Context::open_or_create() { return open(true); }

Storage& Context::open(bool create) {
    if (!m_storage) {
        const auto path = database_path(m_options, m_env);
        // The default place is rolecall's own (~/.local/share/rolecall): made on first use. A folder
        // named with --db or ROLECALL_DB must exist already.
        if (create && m_options.db.empty() && !m_env("ROLECALL_DB") && path.has_parent_path()) {
            std::error_code ec;
            std::filesystem::create_directories(path.parent_path(), ec);
            if (ec) {
                throw Error(
                    fmt::format("cannot create the folder {} for the database: {}; pass --db with a writable path",
                                path.parent_path().string(), ec.message()));
            }
        }
        m_storage = Storage::open(path, create, busy_timeout_ms());
        if (m_storage->migrated_from() && m_storage->migration_backup()) {
            note(fmt::format("upgraded {} from schema {} to {}; the old file is kept as {}", m_storage->path().string(),
                             *m_storage->migrated_from(), Storage::schema_version,
                             m_storage->migration_backup()->string()));
        }
    }
    return *m_storage;
}

void Context::note(std::string_view text) const {
    if (!m_options.quiet) std::cerr << "rolecall: " << text << '\n';
}

Style Context::output_style(Storage& collection) const {
    const ColourMode colour = load_settings(collection, std::nullopt).colour;
    return Style::for_output(isatty(STDOUT_FILENO) != 0, colour == ColourMode::always, colour == ColourMode::never);
}

// ROLECALL_BUSY_TIMEOUT: milliseconds to wait for another process's write (default 5000).
int Context::busy_timeout_ms() const {
    auto text = m_env("ROLECALL_BUSY_TIMEOUT");
    if (!text) return 5000;
    int value = -1;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 0 || value > 600000) {
        throw usage_error(fmt::format("ROLECALL_BUSY_TIMEOUT '{}' is not a number of milliseconds 0..600000", *text));
    }
    return value;
}

int Context::rollover_hour(Storage& collection) const {
    return m_options.rollover_hour ? *m_options.rollover_hour : load_settings(collection, std::nullopt).rollover_hour;
}

Day Context::today(int rollover_hour) const {
    if (m_set_day) return *m_set_day;
    return study_day(m_started, rollover_hour);
}

std::string Context::ensure_builtin_deck() {
    if (open_or_create().setting(builtin_deck_hidden_setting)) return "";
    auto file = builtin_decks_dir(m_env, m_executable) / builtin_deck_file;
    return build_deck_file(open_or_create(), file, true, true).deck_name;
}

Id Context::deck_id(const std::string& name) {
    Storage& storage = open_existing();
    if (auto deck = storage.find_deck(name)) return deck->id;
    std::vector<std::string> names;
    for (const auto& deck : storage.decks()) names.push_back(deck.name);
    if (auto near = closest_match(name, names)) {
        throw usage_error(fmt::format("no deck named '{}': did you mean '{}'?", name, *near));
    }
    throw usage_error(fmt::format("no deck named '{}': 'rolecall decks' lists them", name));
}

}  // namespace rolecall::cli
