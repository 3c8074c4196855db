#include "rolecall/base/module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <string>
#include <vector>

namespace rolecall {

void* load_module(const char* file_name, const char* version_function, int abi, std::string_view what) {
    std::vector<std::filesystem::path> candidates;
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(self.parent_path() / file_name);
        candidates.push_back(self.parent_path().parent_path() / ROLECALL_INSTALL_MODULE_SUBDIR / file_name);
    }
#ifdef ROLECALL_BUILD_MODULE_DIR
    candidates.push_back(std::filesystem::path(ROLECALL_BUILD_MODULE_DIR) / file_name);
#endif
    std::string reasons;
    for (const auto& candidate : candidates) {
        if (!std::filesystem::exists(candidate, ec)) continue;
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            reasons += fmt::format("; {}", dlerror());
            continue;
        }
        auto version = reinterpret_cast<int (*)()>(dlsym(handle, version_function));
        if (version == nullptr || version() != abi) {
            reasons += fmt::format("; {} is of another rolecall version", candidate.string());
            dlclose(handle);
            continue;
        }
        return handle;  // kept loaded until exit
    }
    throw Error(fmt::format("cannot load rolecall's {} ({}{}): reinstall rolecall", what, file_name,
                            reasons.empty() ? std::string("; not found") : reasons));
}

void* module_symbol(void* module, const char* name, std::string_view what) {
    void* symbol = dlsym(module, name);
    if (symbol == nullptr) throw Error(fmt::format("rolecall's {} lacks {}: reinstall rolecall", what, name));
    return symbol;
}

}  // namespace rolecall
