// The C interface of rolecall-apkg, the module that holds every call into libzip. rolecall loads it
// with dlopen on the first .apkg import, so that a review never pays the dynamic loader for libzip
// and what it pulls in (libcrypto, libbz2, zlib): about half of rolecall's start-up.
// Shared by the module (src/import/apkg_module.cpp) and its loader (src/import/apkg.cpp).
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" {

// Bumped whenever a signature below changes: the loader refuses a module of another version.
inline constexpr int rolecall_apkg_abi = 2;

// Receives an entry's bytes in chunks; returns 0 to go on, anything else to stop reading.
typedef int (*rolecall_apkg_sink)(void* context, const char* data, std::size_t size);

enum rolecall_apkg_status : int {
    rolecall_apkg_ok = 0,
    rolecall_apkg_error = 1,    // message in the caller's buffer
    rolecall_apkg_too_big = 2,  // the entry unpacks to more than the cap
    rolecall_apkg_stopped = 3,  // the sink asked to stop
    rolecall_apkg_damaged = 4,  // the entry's compressed data cannot be read
};

int rolecall_apkg_version(void);
// Opens `path` read-only; null on failure, with libzip's reason in `error`.
void* rolecall_apkg_open(const char* path, char* error, std::size_t error_size);
void rolecall_apkg_close(void* archive);
int rolecall_apkg_has(void* archive, const char* entry);
// Streams `entry` to `sink`, refusing to inflate past `cap` bytes.
int rolecall_apkg_read(void* archive, const char* entry, std::uint64_t cap, rolecall_apkg_sink sink, void* context,
                       char* error, std::size_t error_size);
}
