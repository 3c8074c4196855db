#include "context.hpp"

#include "rolecall/deck_sync.hpp"
#include "rolecall/error.hpp"

#include <boost/date_time/posix_time/posix_time.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>

namespace rolecall::cli {

namespace {

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            std::size_t cost = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                                       std::tolower(static_cast<unsigned char>(b[j - 1]))
                                   ? 0
                                   : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

}  // namespace

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

std::optional<std::string> closest_match(const std::string& typed, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, typed.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(typed, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

Context::Context(GlobalOptions options, std::filesystem::path executable)
    : m_options(std::move(options)), m_executable(std::move(executable)), m_env(process_environment()) {
    if (m_options.rollover_hour && (*m_options.rollover_hour < 0 || *m_options.rollover_hour > 23)) {
        throw usage_error(fmt::format("--rollover-hour {} is outside 0..23", *m_options.rollover_hour));
    }
}

Storage& Context::storage(bool must_exist) {
    if (!m_storage) {
        std::filesystem::path path = m_options.db.empty() ? default_database_path(m_env) : std::filesystem::path(m_options.db);
        m_storage = Storage::open(path, !must_exist);
    }
    return *m_storage;
}

Day Context::today() {
    if (m_today) return *m_today;
    std::string text = m_options.today;
    std::string source = "--today";
    if (text.empty()) {
        if (auto env = m_env("ROLECALL_TODAY")) {
            text = *env;
            source = "ROLECALL_TODAY";
        }
    }
    if (!text.empty()) {
        auto day = parse_day(text);
        if (!day) throw usage_error(fmt::format("{} '{}' is not a date: use YYYY-MM-DD, e.g. 2026-11-22", source, text));
        m_today = day;
        return *m_today;
    }
    int rollover = default_rollover_hour;
    if (m_options.rollover_hour) {
        rollover = *m_options.rollover_hour;
    } else if (auto stored = storage().setting("rollover_hour")) {
        rollover = std::clamp(std::atoi(stored->c_str()), 0, 23);
    }
    auto local = boost::posix_time::ptime(boost::posix_time::from_time_t(0));
    {
        std::time_t now = std::chrono::system_clock::to_time_t(m_clock.now());
        std::tm tm{};
        localtime_r(&now, &tm);
        local = boost::posix_time::ptime_from_tm(tm);
    }
    m_today = study_day(local, rollover);
    return *m_today;
}

void Context::ensure_builtin_deck() {
    auto file = builtin_decks_dir(m_env, m_executable) / builtin_deck_file;
    build_deck_file(storage(), file, true);
}

Id Context::deck_id(const std::string& name) {
    if (auto deck = storage().find_deck(name)) return deck->id;
    std::vector<std::string> names;
    for (const auto& deck : storage().decks()) names.push_back(deck.name);
    if (auto near = closest_match(name, names)) {
        throw usage_error(fmt::format("no deck named '{}': did you mean '{}'?", name, *near));
    }
    throw usage_error(fmt::format("no deck named '{}': 'rolecall decks' lists them", name));
}

}  // namespace rolecall::cli
