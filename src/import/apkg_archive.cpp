// The zip side of an .apkg: the rolecall-apkg module (libzip) loaded once, entries streamed through
// it with a cap, and the newest collection unpacked (collection.anki21b through zstd).
#include "apkg_archive.hpp"

#include "apkg_module.hpp"

#include "rolecall/base/module.hpp"

#include <fmt/format.h>
#include <zstd.h>

#include <array>
#include <exception>
#include <fstream>
#include <functional>
#include <memory>
#include <string_view>

namespace rolecall::import {

namespace {

// rolecall-apkg, the module that holds libzip (apkg_module.hpp): loaded on the first .apkg, once.
struct ApkgModule {
    decltype(&rolecall_apkg_open) open = nullptr;
    decltype(&rolecall_apkg_close) close = nullptr;
    decltype(&rolecall_apkg_has) has = nullptr;
    decltype(&rolecall_apkg_read) read = nullptr;
};

ApkgModule load_apkg_module() {
    constexpr std::string_view what = ".apkg reader";
    void* handle = load_module("rolecall-apkg.so", "rolecall_apkg_version", rolecall_apkg_abi, what);
    ApkgModule module;
    module.open = module_function<decltype(module.open)>(handle, "rolecall_apkg_open", what);
    module.close = module_function<decltype(module.close)>(handle, "rolecall_apkg_close", what);
    module.has = module_function<decltype(module.has)>(handle, "rolecall_apkg_has", what);
    module.read = module_function<decltype(module.read)>(handle, "rolecall_apkg_read", what);
    return module;
}

const ApkgModule& apkg_module() {
    static const ApkgModule module = load_apkg_module();
    return module;
}

class Archive {
public:
    explicit Archive(const std::filesystem::path& file) : m_module(apkg_module()), m_name(file.string()) {
        std::array<char, 256> reason{};
        m_zip = m_module.open(file.c_str(), reason.data(), reason.size());
        if (m_zip == nullptr) {
            throw Error(
                fmt::format("{}: not a readable .apkg ({}); export the deck again from Anki", m_name, reason.data()));
        }
    }
    ~Archive() { m_module.close(m_zip); }
    Archive(const Archive&) = delete;
    Archive& operator=(const Archive&) = delete;

    bool has(const char* entry) const { return m_module.has(m_zip, entry) != 0; }

    // Streams an entry to `sink` in chunks, refusing to inflate past `cap` bytes. An exception from
    // `sink` is carried over the module's C frames and thrown again here.
    void read(const char* entry, std::uint64_t cap, const std::function<void(const char*, std::size_t)>& sink) const {
        struct Call {
            const std::function<void(const char*, std::size_t)>& sink;
            std::exception_ptr failure;
        } call{sink, nullptr};
        auto trampoline = [](void* context, const char* data, std::size_t size) -> int {
            auto* c = static_cast<Call*>(context);
            try {
                c->sink(data, size);
                return 0;
            } catch (...) {
                c->failure = std::current_exception();
                return 1;
            }
        };
        std::array<char, 256> reason{};
        int status = m_module.read(m_zip, entry, cap, trampoline, &call, reason.data(), reason.size());
        if (call.failure) std::rethrow_exception(call.failure);
        if (status == rolecall_apkg_too_big) {
            throw Error(fmt::format("{}: {} unpacks to more than {} bytes; refusing it as a possible zip bomb", m_name,
                                    entry, cap));
        }
        if (status == rolecall_apkg_damaged)
            throw Error(fmt::format("{}: {} is damaged in the package", m_name, entry));
        if (status != rolecall_apkg_ok) {
            throw Error(fmt::format("{}: cannot read {} from the package ({})", m_name, entry, reason.data()));
        }
    }

private:
    const ApkgModule& m_module;
    void* m_zip = nullptr;
    std::string m_name;
};

}  // namespace

std::string unpack_collection(const std::filesystem::path& package, const std::string& label,
                              const std::filesystem::path& target, std::uint64_t max_collection_bytes) {
    const Archive archive(package);
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(fmt::format("cannot write a temporary copy of {}'s collection", label));
    auto write = [&](const char* data, std::size_t size) { out.write(data, static_cast<std::streamsize>(size)); };
    std::string used;
    if (archive.has("collection.anki21b")) {
        used = "collection.anki21b";
        std::unique_ptr<ZSTD_DStream, std::size_t (*)(ZSTD_DStream*)> stream(ZSTD_createDStream(), ZSTD_freeDStream);
        ZSTD_initDStream(stream.get());
        std::array<char, 128 * 1024> buffer{};
        std::uint64_t total = 0;
        archive.read(used.c_str(), max_collection_bytes, [&](const char* data, std::size_t size) {
            ZSTD_inBuffer input{data, size, 0};
            while (input.pos < input.size) {
                ZSTD_outBuffer output{buffer.data(), buffer.size(), 0};
                std::size_t rc = ZSTD_decompressStream(stream.get(), &output, &input);
                if (ZSTD_isError(rc)) {
                    throw Error(fmt::format("{}: collection.anki21b is not valid zstd data ({})", label,
                                            ZSTD_getErrorName(rc)));
                }
                total += output.pos;
                if (total > max_collection_bytes) {
                    throw Error(
                        fmt::format("{}: the collection unpacks to more than {} bytes; refusing it as a possible "
                                    "zip bomb",
                                    label, max_collection_bytes));
                }
                write(buffer.data(), output.pos);
            }
        });
    } else if (archive.has("collection.anki21")) {
        used = "collection.anki21";
        archive.read(used.c_str(), max_collection_bytes, write);
    } else if (archive.has("collection.anki2")) {
        used = "collection.anki2";
        archive.read(used.c_str(), max_collection_bytes, write);
    } else {
        throw Error(
            fmt::format("{}: the package holds no collection.anki21b, collection.anki21 or collection.anki2; "
                        "export it again from Anki",
                        label));
    }
    out.close();
    if (!out) throw Error(fmt::format("cannot write a temporary copy of {}'s collection (disk full?)", label));
    return used;
}

}  // namespace rolecall::import
