// The zip side of an .apkg: unpacking its newest collection through the rolecall-apkg module
// (libzip, loaded on first use) into a private folder. Internal to apkg.cpp.
#pragma once

#include "rolecall/base/error.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace rolecall::import {

// A private folder (mode 0700, from mkdtemp) removed with its contents at the end.
class PrivateDir {
public:
    PrivateDir() {
        std::string pattern = (std::filesystem::temp_directory_path() / "rolecall-apkg-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr)
            throw Error("cannot create a private temporary folder to unpack the .apkg");
        m_path = pattern;
    }
    ~PrivateDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    PrivateDir(const PrivateDir&) = delete;
    PrivateDir& operator=(const PrivateDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

// Unpacks the newest collection in `package` (collection.anki21b, unzstd'ed, else .anki21, else
// .anki2) into `target`; returns the entry used. No collection we accept unpacks to more than
// `max_collection_bytes`: a small zip that inflates past it is a bomb, and reading stops there.
std::string unpack_collection(const std::filesystem::path& package, const std::string& label,
                              const std::filesystem::path& target, std::uint64_t max_collection_bytes);

}  // namespace rolecall::import
