#include "rolecall/base/paths.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <cstdlib>

namespace rolecall {

EnvLookup process_environment() {
    return [](const char* name) -> std::optional<std::string> {
        const char* value = std::getenv(name);
        if (value == nullptr || value[0] == '\0') return std::nullopt;
        return std::string(value);
    };
}

std::filesystem::path default_database_path(const EnvLookup& env) {
    if (auto path = env("ROLECALL_DB")) return *path;
    if (auto data = env("XDG_DATA_HOME")) return std::filesystem::path(*data) / "rolecall" / "rolecall.db";
    if (auto home = env("HOME")) return std::filesystem::path(*home) / ".local" / "share" / "rolecall" / "rolecall.db";
    throw usage_error("neither ROLECALL_DB, XDG_DATA_HOME nor HOME is set: pass --db PATH");
}

std::filesystem::path builtin_decks_dir(const EnvLookup& env, const std::filesystem::path& executable) {
    std::error_code ec;
    if (auto dir = env("ROLECALL_DECKS")) {
        if (!std::filesystem::is_directory(*dir, ec))
            throw Error(fmt::format("ROLECALL_DECKS={} is not a folder: point it at rolecall's decks folder", *dir));
        return *dir;
    }
    if (!executable.empty()) {
        auto installed = executable.parent_path().parent_path() / ROLECALL_INSTALL_DECKS_SUBDIR;
        if (std::filesystem::is_directory(installed, ec)) return installed;
    }
    std::filesystem::path source = ROLECALL_SOURCE_DECKS_DIR;
    if (std::filesystem::is_directory(source, ec)) return source;
    throw Error("cannot find rolecall's built-in decks: reinstall rolecall or set ROLECALL_DECKS to its decks folder");
}

}  // namespace rolecall
