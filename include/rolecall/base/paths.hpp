// Where rolecall keeps its database and finds its built-in decks.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace rolecall {

// Reads an environment variable; injected so tests need not change the process environment.
using EnvLookup = std::function<std::optional<std::string>(const char*)>;
EnvLookup process_environment();

// $ROLECALL_DB, else $XDG_DATA_HOME/rolecall/rolecall.db, else ~/.local/share/rolecall/rolecall.db.
std::filesystem::path default_database_path(const EnvLookup& env);

// The folder of built-in decks: $ROLECALL_DECKS, else <prefix>/share/rolecall/decks beside an installed
// binary, else the source tree's decks/ (a build tree). Throws Error when none exists.
std::filesystem::path builtin_decks_dir(const EnvLookup& env, const std::filesystem::path& executable);

// The built-in deck of the three roles.
inline constexpr const char* builtin_deck_file = "product-roles.deck";

}  // namespace rolecall
