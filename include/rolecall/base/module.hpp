// rolecall's own modules: shared objects loaded with dlopen by the command that needs them, so that
// the libraries they link (libzip for .apkg, libedit for line editing) cost the dynamic loader
// nothing when a process does not use them (see CMakeLists.txt). Each has a C interface, a version
// function and one header shared by the module and its loader.
#pragma once

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <string_view>

namespace rolecall {

// Loads `file_name` (e.g. "rolecall-apkg.so"), looked for next to the executable (a build tree), in
// <prefix>/lib/rolecall/ (installed), and in this build tree (the tests and fuzzers, which link
// rolecall_core from elsewhere); the first one whose `version_function` returns `abi` is kept loaded
// until exit. Throws Error naming `what` ("the .apkg reader") when none loads.
void* load_module(const char* file_name, const char* version_function, int abi, std::string_view what);

// The function `name` of a module that load_module() returned, as `F` (a pointer type from the
// module's header, e.g. decltype(&rolecall_apkg_open)). Throws Error naming `what` when it is missing.
void* module_symbol(void* module, const char* name, std::string_view what);
template <typename F>
F module_function(void* module, const char* name, std::string_view what) {
    return reinterpret_cast<F>(module_symbol(module, name, what));
}

}  // namespace rolecall
