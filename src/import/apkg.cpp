// Anki packages (.apkg): a zip holding the collection as SQLite. Newer packages carry it
// zstd-compressed as collection.anki21b beside a dummy collection.anki2 that only says "please
// update"; that dummy is never read when a newer file is there.
#include "rolecall/storage/anki_collection.hpp"
#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/import/html_text.hpp"
#include "rolecall/import/readers.hpp"

#include "apkg_module.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <zstd.h>

#include <boost/date_time/posix_time/conversion.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <memory>
#include <string_view>
#include <vector>

namespace rolecall::import {

namespace {

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

// rolecall-apkg, the module that holds libzip (apkg_module.hpp): loaded on the first .apkg, once.
// Looked for next to the executable (a build tree), in <prefix>/lib/rolecall/ (installed), and in
// this build tree (the tests and fuzzers, which link rolecall_core from elsewhere).
struct ApkgModule {
    decltype(&rolecall_apkg_open) open = nullptr;
    decltype(&rolecall_apkg_close) close = nullptr;
    decltype(&rolecall_apkg_has) has = nullptr;
    decltype(&rolecall_apkg_read) read = nullptr;
};

template <typename F>
void bind(void* handle, F& target, const char* name) {
    target = reinterpret_cast<F>(dlsym(handle, name));
    if (target == nullptr) throw Error(fmt::format("rolecall's .apkg reader lacks {}: reinstall rolecall", name));
}

ApkgModule load_apkg_module() {
    constexpr const char* file_name = "rolecall-apkg.so";
    std::vector<std::filesystem::path> candidates;
    std::error_code ec;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(self.parent_path() / file_name);
        candidates.push_back(self.parent_path().parent_path() / ROLECALL_INSTALL_MODULE_SUBDIR / file_name);
    }
#ifdef ROLECALL_BUILD_MODULE_PATH
    candidates.emplace_back(ROLECALL_BUILD_MODULE_PATH);
#endif
    std::string reasons;
    for (const auto& candidate : candidates) {
        if (!std::filesystem::exists(candidate, ec)) continue;
        void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            reasons += fmt::format("; {}", dlerror());
            continue;
        }
        auto version = reinterpret_cast<decltype(&rolecall_apkg_version)>(dlsym(handle, "rolecall_apkg_version"));
        if (version == nullptr || version() != rolecall_apkg_abi) {
            reasons += fmt::format("; {} is of another rolecall version", candidate.string());
            dlclose(handle);
            continue;
        }
        ApkgModule module;
        bind(handle, module.open, "rolecall_apkg_open");
        bind(handle, module.close, "rolecall_apkg_close");
        bind(handle, module.has, "rolecall_apkg_has");
        bind(handle, module.read, "rolecall_apkg_read");
        return module;  // kept loaded until exit
    }
    throw Error(fmt::format("cannot load rolecall's .apkg reader ({}{}): reinstall rolecall", file_name,
                            reasons.empty() ? std::string("; not found") : reasons));
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

// Unpacks the newest collection in the package into `target`; returns the entry used.
// No collection we accept unpacks to more than `max_collection_bytes`: a small zip that inflates past
// it is a bomb, and reading stops there.
std::string unpack_collection(const Archive& archive, const std::string& label, const std::filesystem::path& target,
                              std::uint64_t max_collection_bytes) {
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

std::vector<std::string> split_fields(const std::string& joined) {
    std::vector<std::string> fields;
    std::size_t pos = 0;
    while (true) {
        std::size_t next = joined.find('\x1f', pos);
        fields.push_back(html_to_text(
            std::string_view(joined).substr(pos, next == std::string::npos ? std::string::npos : next - pos)));
        if (next == std::string::npos) break;
        pos = next + 1;
    }
    return fields;
}

// Anki's schedule as SM-2 state: the interval and ease carry over, the due day is counted from the
// collection's creation day; a card in (re)learning is due today as a one-day card.
std::optional<Sm2State> schedule_of(const AnkiCard& card, Day created, Day today) {
    if (card.type == 0) return std::nullopt;
    Sm2State state;
    state.ease = card.factor > 0 ? std::clamp(card.factor / 10, minimum_ease, 1000) : initial_ease;
    state.lapses = card.lapses;
    if (card.type == 2) {
        state.interval_days = std::max(1, card.interval);
        // n >= 2, so the next success multiplies the interval instead of restarting at 1 or 6 days.
        state.repetitions = std::max(2, std::min(card.reps - card.lapses, 1000));
        state.due = created + boost::gregorian::days(card.due);
    } else {
        state.interval_days = 1;
        state.repetitions = 1;
        state.due = today;
    }
    return state;
}

// The card of ours that an Anki card ordinal stands for.
std::string view_of(const ImportedNote& note, int ordinal) {
    if (!note.cards.empty() && note.cards.front().kind == CardKind::cloze) return fmt::format("c{}", ordinal + 1);
    return ordinal == 0 ? "forward" : ordinal == 1 ? "reverse" : "";
}

}  // namespace

void read_apkg(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
               const ReadProgress& progress) {
    const std::string label = file.string();
    Archive archive(file);
    PrivateDir dir;
    const auto copy = dir.path() / "collection.sqlite";  // our own name: no archive name is ever a path
    unpack_collection(archive, label, copy, options.max_unpacked_bytes);
    AnkiCollection collection(copy, label);

    const auto notetypes = collection.notetypes();
    const auto decks = collection.decks();
    const Day created = boost::posix_time::from_time_t(static_cast<std::time_t>(collection.created_at())).date();
    ReadStats stats;
    std::error_code ec;
    stats.size = std::filesystem::file_size(file, ec);
    collection.for_each_note([&](const AnkiNote& row) {
        auto type = notetypes.find(row.notetype);
        const std::string notetype = type == notetypes.end() ? "Basic" : type->second.name;
        const bool cloze = type != notetypes.end() && type->second.cloze;
        auto deck_name = decks.find(row.deck);
        std::string deck = !options.deck.empty()      ? options.deck
                           : deck_name != decks.end() ? printable_only(deck_name->second)
                                                      : default_deck_name(file, options);
        std::vector<std::string> fields = split_fields(row.fields);  // never empty
        std::string tags(trim(printable_only(row.tags)));
        std::string key = row.guid.empty() ? "front:" + fields[0] : "guid:" + printable_only(row.guid);
        // An odd note is left out and reported, as Anki's own import log does, rather than refusing
        // the whole package for it.
        std::string skip_kind, skip_detail;
        ImportedNote note;
        auto over = std::find_if(fields.begin(), fields.end(),
                                 [&](const std::string& field) { return field.size() > options.max_field_bytes; });
        if (over != fields.end()) {
            skip_kind = "field over --max-field";
            skip_detail = fmt::format("field {} is {} KiB, over --max-field {} KiB", over - fields.begin() + 1,
                                      (over->size() + 1023) / 1024, options.max_field_bytes / 1024);
        } else if (fields[0].empty()) {
            skip_kind = skip_detail = "empty first field";
        } else {
            note = anki_note(deck, key, notetype, cloze, fields, tags);
            if (note.cards.empty()) {
                skip_kind = "cloze without a deletion";
                skip_detail = "a cloze note without a {{c1::...}} deletion";
            }
        }
        if (!skip_kind.empty()) {
            note = ImportedNote{};
            note.deck = std::move(deck);
            note.id = std::to_string(row.id);
            note.skip_kind = std::move(skip_kind);
            note.skip_detail = std::move(skip_detail);
        } else if (options.keep_schedule) {
            note.schedules.assign(note.cards.size(), std::nullopt);
            for (const auto& card : collection.cards_of_note(row.id)) {
                std::string view = view_of(note, card.ordinal);
                for (std::size_t i = 0; i < note.cards.size(); ++i) {
                    if (note.cards[i].view == view) note.schedules[i] = schedule_of(card, created, options.today);
                }
            }
        }
        note.where = fmt::format("{}: note {}", label, row.id);
        sink(std::move(note));
        if (++stats.notes > options.max_rows) {
            throw Error(fmt::format("{}: more than {} notes; raise --max-rows", label, options.max_rows));
        }
        if (stats.notes % 1024 == 0 && progress) progress(stats);
    });
    stats.bytes = stats.size;
    if (progress) progress(stats);
}

}  // namespace rolecall::import
