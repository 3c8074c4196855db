#include "rolecall/sync/sync_file.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>
#include <zstd.h>

#include <charconv>
#include <system_error>

namespace rolecall {

std::string sync_file_name(const SyncFileName& name) {
    return fmt::format("{}-{:08d}{}", name.device, name.sequence, sync_file_extension);
}

std::optional<SyncFileName> parse_sync_file_name(const std::string& file) {
    if (file.size() <= sync_file_extension.size() || !file.ends_with(sync_file_extension)) return std::nullopt;
    const std::string stem = file.substr(0, file.size() - sync_file_extension.size());
    const auto dash = stem.rfind('-');
    if (dash == std::string::npos || dash == 0 || stem.front() == '.') return std::nullopt;
    SyncFileName name;
    name.device = stem.substr(0, dash);
    const char* first = stem.data() + dash + 1;
    const char* last = stem.data() + stem.size();
    auto [end, ec] = std::from_chars(first, last, name.sequence);
    if (ec != std::errc() || end != last || name.sequence <= 0) return std::nullopt;
    for (char c : name.device)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
    return name;
}

// ---- writing

struct SyncFileWriter::Compressor {
    ZSTD_CCtx* context = ZSTD_createCCtx();
    ~Compressor() { ZSTD_freeCCtx(context); }
};

SyncFileWriter::SyncFileWriter(std::filesystem::path target, const SyncFileHeader& header)
    : m_target(std::move(target)), m_zstd(std::make_unique<Compressor>()) {
    m_partial = m_target.parent_path() / ("." + m_target.filename().string() + ".partial");
    m_out.open(m_partial, std::ios::binary | std::ios::trunc);
    if (!m_out) throw Error(fmt::format("cannot write {}: check that the sync folder is writable", m_partial.string()));
    ZSTD_CCtx_setParameter(m_zstd->context, ZSTD_c_compressionLevel, 3);
    ZSTD_CCtx_setParameter(m_zstd->context, ZSTD_c_checksumFlag, 1);
    write(fmt::format("rolecall-sync {}\ndevice {}\nsequence {}\ncreated {}\n\n", header.version, header.device,
                      header.sequence, header.created),
          false);
}

SyncFileWriter::~SyncFileWriter() {
    if (m_published) return;
    m_out.close();
    std::error_code ec;
    std::filesystem::remove(m_partial, ec);
}

void SyncFileWriter::write(std::string_view data, bool end) {
    std::string buffer(ZSTD_CStreamOutSize(), '\0');
    ZSTD_inBuffer in{data.data(), data.size(), 0};
    for (;;) {
        ZSTD_outBuffer out{buffer.data(), buffer.size(), 0};
        const std::size_t left = ZSTD_compressStream2(m_zstd->context, &out, &in, end ? ZSTD_e_end : ZSTD_e_continue);
        if (ZSTD_isError(left))
            throw Error(fmt::format("compressing {} failed: {}", m_partial.string(), ZSTD_getErrorName(left)));
        m_out.write(buffer.data(), static_cast<std::streamsize>(out.pos));
        m_bytes += static_cast<std::int64_t>(out.pos);
        if (end ? left == 0 : in.pos == in.size) break;
    }
    if (!m_out) throw Error(fmt::format("writing {} failed (disk full?)", m_partial.string()));
}

void SyncFileWriter::add_changeset(std::string_view changeset, int items) {
    write(fmt::format("changeset {}\n", changeset.size()), false);
    write(changeset, false);
    ++m_changesets;
    m_items += items;
}

void SyncFileWriter::finish() {
    write(fmt::format("end {} {}\n", m_changesets, m_items), true);
    m_out.flush();
    m_out.close();
    if (!m_out) throw Error(fmt::format("writing {} failed (disk full?)", m_partial.string()));
}

void SyncFileWriter::publish() {
    std::error_code ec;
    std::filesystem::rename(m_partial, m_target, ec);
    if (ec) throw Error(fmt::format("cannot write {}: {}", m_target.string(), ec.message()));
    m_published = true;
}

// ---- reading

namespace {

class Reader {
public:
    explicit Reader(const std::filesystem::path& path) : m_path(path), m_in(path, std::ios::binary) {
        if (!m_in) throw Error(fmt::format("cannot read {}: check its permissions", path.string()));
        m_context = ZSTD_createDCtx();
        m_input.resize(ZSTD_DStreamInSize());
    }
    ~Reader() { ZSTD_freeDCtx(m_context); }
    Reader(const Reader&) = delete;
    Reader& operator=(const Reader&) = delete;

    // False at the end of the data (then `incomplete()` tells whether the frame was cut short).
    bool fill() {
        while (m_have == m_used) {
            m_have = m_used = 0;
            if (m_in_pos == m_in_size) {
                m_in.read(m_input.data(), static_cast<std::streamsize>(m_input.size()));
                m_in_size = static_cast<std::size_t>(m_in.gcount());
                m_in_pos = 0;
                if (m_in_size == 0) {
                    m_eof = true;
                    return false;
                }
            }
            m_output.resize(ZSTD_DStreamOutSize());
            ZSTD_inBuffer in{m_input.data(), m_in_size, m_in_pos};
            ZSTD_outBuffer out{m_output.data(), m_output.size(), 0};
            const std::size_t rc = ZSTD_decompressStream(m_context, &out, &in);
            if (ZSTD_isError(rc))
                throw Error(
                    fmt::format("{} is damaged ({}); remove it from the sync folder, and sync again on the "
                                "device that wrote it",
                                m_path.string(), ZSTD_getErrorName(rc)));
            m_frame_done = rc == 0;
            m_in_pos = in.pos;
            m_have = out.pos;
        }
        return true;
    }
    bool read(char* to, std::size_t size) {
        while (size > 0) {
            if (!fill()) return false;
            const std::size_t take = std::min(size, m_have - m_used);
            std::copy_n(m_output.data() + m_used, take, to);
            m_used += take;
            to += take;
            size -= take;
        }
        return true;
    }
    std::optional<std::string> line() {
        std::string text;
        char c = 0;
        while (read(&c, 1)) {
            if (c == '\n') return text;
            text += c;
            if (text.size() > 200) return text;  // not a line of ours: the caller refuses it
        }
        return std::nullopt;
    }
    bool at_end() { return !fill() && m_frame_done; }
    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
    std::ifstream m_in;
    ZSTD_DCtx* m_context = nullptr;
    std::string m_input;
    std::string m_output;
    std::size_t m_in_size = 0, m_in_pos = 0, m_have = 0, m_used = 0;
    bool m_eof = false;
    bool m_frame_done = false;
};

[[noreturn]] void damaged(const std::filesystem::path& path, std::string_view what) {
    throw Error(
        fmt::format("{} is damaged ({}); remove it from the sync folder, and sync again on the device "
                    "that wrote it",
                    path.string(), what));
}

std::optional<std::int64_t> number_after(const std::string& line, std::string_view word) {
    if (line.size() <= word.size() + 1 || line.compare(0, word.size(), word) != 0 || line[word.size()] != ' ')
        return std::nullopt;
    std::int64_t value = 0;
    const char* first = line.data() + word.size() + 1;
    const char* last = line.data() + line.size();
    auto [end, ec] = std::from_chars(first, last, value);
    if (ec != std::errc() || end != last || value < 0) return std::nullopt;
    return value;
}

}  // namespace

SyncFileRead read_sync_file(const std::filesystem::path& path, SyncFileHeader& header,
                            const std::function<void(std::string_view changeset)>& visit) {
    Reader reader(path);
    auto first = reader.line();
    if (!first) return SyncFileRead::incomplete;
    const auto version = number_after(*first, "rolecall-sync");
    if (!version) damaged(path, "it is not a rolecall sync file");
    if (*version > sync_file_version)
        throw Error(
            fmt::format("{} was written by a newer rolecall (sync format {}, this one reads {}); upgrade "
                        "rolecall on this device, then sync again",
                        path.string(), *version, sync_file_version));
    header.version = static_cast<int>(*version);
    for (;;) {
        auto line = reader.line();
        if (!line) return SyncFileRead::incomplete;
        if (line->empty()) break;
        if (line->rfind("device ", 0) == 0) {
            header.device = line->substr(7);
        } else if (auto n = number_after(*line, "sequence")) {
            header.sequence = *n;
        } else if (auto c = number_after(*line, "created")) {
            header.created = *c;
        }  // a line this version does not know is left for a later one to use
    }
    std::int64_t changesets = 0;
    std::string buffer;
    for (;;) {
        auto line = reader.line();
        if (!line) return SyncFileRead::incomplete;
        if (auto size = number_after(*line, "changeset")) {
            if (*size > (std::int64_t{1} << 31)) damaged(path, "a changeset larger than 2 GiB");
            buffer.resize(static_cast<std::size_t>(*size));
            if (!reader.read(buffer.data(), buffer.size())) return SyncFileRead::incomplete;
            visit(buffer);
            ++changesets;
            continue;
        }
        if (line->rfind("end ", 0) == 0) {
            const auto space = line->find(' ', 4);
            const auto count = number_after(line->substr(0, space), "end");
            if (!count || *count != changesets) damaged(path, "its changesets are not the ones it counts");
            if (!reader.at_end()) {
                // The end line came, but the frame (and its checksum) did not: cut short while copied.
                return SyncFileRead::incomplete;
            }
            return SyncFileRead::whole;
        }
        damaged(path, fmt::format("an unknown line '{}'", line->substr(0, 40)));
    }
}

}  // namespace rolecall
