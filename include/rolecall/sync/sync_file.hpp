// One device's file in a sync folder: "DEVICE-SEQUENCE.rcsync", written once under a temporary name
// and renamed when whole, never changed afterwards. Inside, zstd-compressed (with its checksum):
//
//   rolecall-sync 1            format and version
//   device 3f2a9c0d11e4b7a6    the device that wrote it
//   sequence 12                its number among that device's files
//   created 1795000000000000   microseconds since 1970, UTC
//   (empty line)
//   changeset N                N bytes follow: a changeset of items (storage/sync_store.hpp)
//   ...
//   end R I                    R changesets holding I items: a file without it is not whole
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

inline constexpr int sync_file_version = 1;
inline constexpr std::string_view sync_file_extension = ".rcsync";

struct SyncFileName {
    std::string device;
    std::int64_t sequence = 0;
};
std::string sync_file_name(const SyncFileName& name);
std::optional<SyncFileName> parse_sync_file_name(const std::string& file);

struct SyncFileHeader {
    int version = sync_file_version;
    std::string device;
    std::int64_t sequence = 0;
    std::int64_t created = 0;
};

// Writes to ".NAME.partial" beside the target; publish() renames it into place. Destroyed before
// that, it removes the partial file.
class SyncFileWriter {
public:
    SyncFileWriter(std::filesystem::path target, const SyncFileHeader& header);
    ~SyncFileWriter();
    SyncFileWriter(const SyncFileWriter&) = delete;
    SyncFileWriter& operator=(const SyncFileWriter&) = delete;
    void add_changeset(std::string_view changeset, int items);
    void finish();   // writes the end line and closes the file (still under its temporary name)
    void publish();  // renames it into place
    std::int64_t bytes() const { return m_bytes; }

private:
    void write(std::string_view data, bool end);
    std::filesystem::path m_target;
    std::filesystem::path m_partial;
    std::ofstream m_out;
    struct Compressor;
    std::unique_ptr<Compressor> m_zstd;
    int m_changesets = 0;
    int m_items = 0;
    std::int64_t m_bytes = 0;
    bool m_published = false;
};

enum class SyncFileRead { whole, incomplete };

// Reads a file, calling `visit` with each changeset in order. `incomplete` when the file ends
// before its end line (still being copied): what was visited must then be dropped. Throws Error
// for a damaged file or one from a newer rolecall, naming the file.
SyncFileRead read_sync_file(const std::filesystem::path& path, SyncFileHeader& header,
                            const std::function<void(std::string_view changeset)>& visit);

}  // namespace rolecall
