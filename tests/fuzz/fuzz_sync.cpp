// libFuzzer target: a file from another device in a sync folder, read and applied by
// sync_collection() to one collection that lives for the whole run. The input is the file's content
// before compression (zstd here), so that mutations reach the header, the changesets and the items
// rather than breaking the compressed frame; a damaged frame is tested in test_sync.cpp.
#include "rolecall/base/error.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/sync/sync.hpp"

#include <fmt/format.h>
#include <zstd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rolecall;
    static const std::filesystem::path folder = [] {
        std::string pattern = (std::filesystem::temp_directory_path() / "rolecall-fuzz-XXXXXX").string();
        if (!mkdtemp(pattern.data())) std::abort();
        std::filesystem::create_directory(std::filesystem::path(pattern) / "shared");
        return std::filesystem::path(pattern);
    }();
    static std::unique_ptr<Storage> storage = Storage::open(folder / "c.db", true);
    static std::int64_t sequence = 0;

    std::string packed(ZSTD_compressBound(size), '\0');
    const std::size_t packed_size = ZSTD_compress(packed.data(), packed.size(), data, size, 1);
    if (ZSTD_isError(packed_size)) std::abort();
    const auto file = folder / "shared" / fmt::format("00aa-{:08d}.rcsync", ++sequence);
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(packed.data(), static_cast<std::streamsize>(packed_size));
    }
    try {
        sync_collection(*storage, folder / "shared");
    } catch (const Error&) {
        // Refused: a damaged file or one from a newer rolecall, nothing applied.
    }
    std::filesystem::remove(file);
    return 0;
}
