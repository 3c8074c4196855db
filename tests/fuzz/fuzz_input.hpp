// Shared by the fuzz targets: the importers read files, so each input is written to one scratch
// file (in a private folder made once per process) before the reader runs on it.
#pragma once

#include "rolecall/base/error.hpp"
#include "rolecall/import/import.hpp"
#include "rolecall/import/readers.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace rolecall::fuzz {

inline std::filesystem::path input_file(const char* name, const std::uint8_t* data, std::size_t size) {
    static const std::filesystem::path folder = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "rolecall-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) std::abort();
        return std::filesystem::path(pattern);
    }();
    auto path = folder / name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

// Runs one importer on the input. Refusing it with rolecall::Error is the expected outcome for bad
// input; anything else (a crash, a sanitizer report, another exception) is a finding.
using Reader = void (*)(const std::filesystem::path&, const ImportOptions&, const import::NoteSink&,
                        const import::ReadProgress&);

// `with_history`: .apkg, reading the review log too (--with-history).
inline int read_input(Reader reader, const char* name, const std::uint8_t* data, std::size_t size,
                      bool with_history = false) {
    ImportOptions options;
    options.with_history = with_history;
    options.max_rows = 10000;
    options.max_unpacked_bytes = 64ULL * 1024 * 1024;
    try {
        reader(
            input_file(name, data, size), options, [](import::ImportedNote&&) {}, [](const import::ReadStats&) {});
    } catch (const Error&) {}
    return 0;
}

}  // namespace rolecall::fuzz
