// rolecall-apkg: the dlopen'ed module that unpacks .apkg entries with libzip (see apkg_module.hpp).
// Plain C calls only, no C++ runtime beyond what the header needs: nothing throws across dlopen.
#include "apkg_module.hpp"

#include <zip.h>

#include <cstdio>

namespace {

void set_error(char* error, std::size_t size, const char* text) {
    if (error != nullptr && size > 0) std::snprintf(error, size, "%s", text);
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int rolecall_apkg_version(void) { return rolecall_apkg_abi; }

__attribute__((visibility("default"))) void* rolecall_apkg_open(const char* path, char* error, std::size_t error_size) {
    int code = 0;
    zip_t* archive = zip_open(path, ZIP_RDONLY, &code);
    if (archive == nullptr) {
        zip_error_t details;
        zip_error_init_with_code(&details, code);
        set_error(error, error_size, zip_error_strerror(&details));
        zip_error_fini(&details);
    }
    return archive;
}

__attribute__((visibility("default"))) void rolecall_apkg_close(void* archive) {
    if (archive != nullptr) zip_discard(static_cast<zip_t*>(archive));
}

__attribute__((visibility("default"))) int rolecall_apkg_has(void* archive, const char* entry) {
    return zip_name_locate(static_cast<zip_t*>(archive), entry, 0) >= 0 ? 1 : 0;
}

__attribute__((visibility("default"))) int rolecall_apkg_read(void* handle, const char* entry, std::uint64_t cap,
                                                              rolecall_apkg_sink sink, void* context, char* error,
                                                              std::size_t error_size) {
    auto* archive = static_cast<zip_t*>(handle);
    zip_int64_t index = zip_name_locate(archive, entry, 0);
    zip_file_t* file = index < 0 ? nullptr : zip_fopen_index(archive, static_cast<zip_uint64_t>(index), 0);
    if (file == nullptr) {
        set_error(error, error_size, zip_strerror(archive));
        return rolecall_apkg_error;
    }
    static thread_local char buffer[64 * 1024];
    std::uint64_t total = 0;
    int status = rolecall_apkg_ok;
    while (true) {
        zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
        if (got < 0) {
            status = rolecall_apkg_damaged;
            break;
        }
        if (got == 0) break;
        total += static_cast<std::uint64_t>(got);
        if (total > cap) {
            status = rolecall_apkg_too_big;
            break;
        }
        if (sink(context, buffer, static_cast<std::size_t>(got)) != 0) {
            status = rolecall_apkg_stopped;
            break;
        }
    }
    zip_fclose(file);
    return status;
}
}
