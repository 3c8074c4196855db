// Anki packages (.apkg): a zip holding the collection as SQLite. Newer packages carry it
// zstd-compressed as collection.anki21b beside a dummy collection.anki2 that only says "please
// update"; that dummy is never read when a newer file is there. A bare collection (collection.anki2,
// .anki21) is read the same way, without the unzipping. Each of Anki's cards becomes one card of
// rolecall's, its front and back rendered from the note type's template (anki_template.hpp).
#include "rolecall/base/error.hpp"
#include "rolecall/import/anki_template.hpp"
#include "rolecall/import/html_text.hpp"
#include "rolecall/import/readers.hpp"
#include "rolecall/storage/anki_collection.hpp"
#include "rolecall/text/text_utils.hpp"

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
#include <set>
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

// The fields of a note, as Anki joins them with 0x1f.
std::vector<std::string_view> split_fields(std::string_view joined) {
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    while (true) {
        std::size_t next = joined.find('\x1f', pos);
        fields.push_back(joined.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return fields;
}

// Anki's schedule as SM-2 state: the interval and ease carry over, the due day is counted from the
// collection's creation day. A relearning card keeps its interval and ease and is due today; a
// learning card is due today as a one-day card.
std::optional<Sm2State> schedule_of(const AnkiCard& card, Day created, Day today) {
    if (card.type != 1 && card.type != 2 && card.type != 3) return std::nullopt;
    Sm2State state;
    state.ease = card.factor > 0 ? std::clamp(card.factor / 10, minimum_ease, 1000) : initial_ease;
    state.lapses = std::max(0, card.lapses);
    if (card.type == 1) {
        state.interval_days = 1;
        state.repetitions = 1;
        state.due = today;
        return state;
    }
    state.interval_days = std::clamp(card.interval, 1, default_max_interval);
    // n >= 2, so the next success multiplies the interval instead of restarting at 1 or 6 days.
    state.repetitions = std::max(2, std::min(card.reps - card.lapses, 1000));
    const std::int64_t due = std::clamp<std::int64_t>(card.due, -default_max_interval, 2 * default_max_interval);
    state.due = card.type == 2 ? created + boost::gregorian::days(static_cast<long>(due)) : today;
    return state;
}

// Anki makes at most 500 cards of a note (cloze numbers past c500 share the last card).
constexpr int max_card_ordinal = 499;

// A card of the note that is not imported, and why (the detail follows "NOTE card N" in the report).
struct LeftOut {
    int ordinal;
    std::string kind, detail;
};

// The card of ours that an Anki card stands for: its identity within the note is the template
// ordinal ("forward" and "reverse" for the first two, as rolecall has always called them) or the cloze
// number.
std::string view_of(const AnkiNotetype& type, int ordinal) {
    if (type.cloze) return fmt::format("c{}", ordinal + 1);
    return ordinal == 0 ? "forward" : ordinal == 1 ? "reverse" : fmt::format("card{}", ordinal + 1);
}

std::string joined_text(const std::vector<std::string>& html, std::string_view separator) {
    std::string out;
    for (const auto& part : html) {
        std::string text = html_to_text(part);
        if (text.empty()) continue;
        if (!out.empty()) out.append(separator);
        out += text;
    }
    return out;
}

// Reads every note of an open collection, each card rendered from its note type's template.
class CollectionReader {
public:
    CollectionReader(AnkiCollection& collection, const std::filesystem::path& file, const ImportOptions& options)
        : m_collection(collection),
          m_file(file),
          m_label(file.string()),
          m_options(options),
          m_notetypes(collection.notetypes()),
          m_decks(collection.decks()),
          // A stranger's crt, kept to dates that a due day can be counted from (years 1970 to 3000).
          m_created(boost::posix_time::from_time_t(
                        static_cast<std::time_t>(std::clamp<std::int64_t>(collection.created_at(), 0, 32503680000)))
                        .date()) {}

    void read(const NoteSink& sink, const ReadProgress& progress) {
        ReadStats stats;
        std::error_code ec;
        stats.size = std::filesystem::file_size(m_file, ec);
        m_collection.for_each_note([&](const AnkiNote& row) {
            read_note(row, sink);
            if (++stats.notes > m_options.max_rows) {
                throw Error(fmt::format("{}: more than {} notes; raise --max-rows", m_label, m_options.max_rows));
            }
            if (stats.notes % 1024 == 0 && progress) progress(stats);
        });
        stats.bytes = stats.size;
        if (progress) progress(stats);
    }

private:
    std::string deck_name(std::int64_t id) const {
        auto found = m_decks.find(id);
        return found == m_decks.end() ? std::string() : printable_only(found->second);
    }

    // The note is left out and reported, as Anki's own import log does, rather than refusing the
    // whole package for it.
    void skip(const NoteSink& sink, const AnkiNote& row, std::string deck, std::string id, std::string kind,
              std::string detail) const {
        ImportedNote note;
        note.deck = std::move(deck);
        note.id = std::move(id);
        note.skip_kind = std::move(kind);
        note.skip_detail = std::move(detail);
        note.where = fmt::format("{}: note {}", m_label, row.id);
        sink(std::move(note));
    }

    void read_note(const AnkiNote& row, const NoteSink& sink) {
        static const AnkiNotetype unknown_type{"", false, {}, {}};
        auto found_type = m_notetypes.find(row.notetype);
        const AnkiNotetype& type = found_type == m_notetypes.end() ? unknown_type : found_type->second;
        const std::string home_deck = row.cards.empty() ? std::string() : deck_name(row.cards.front().deck);
        std::string deck = !m_options.deck.empty() ? m_options.deck
                           : !home_deck.empty()    ? home_deck
                                                   : default_deck_name(m_file, m_options);
        const std::vector<std::string_view> html = split_fields(row.fields);  // never empty
        std::vector<std::string> texts;
        for (std::string_view field : html) texts.push_back(html_to_text(field));
        for (std::size_t i = 0; i < texts.size(); ++i) {
            if (texts[i].size() > m_options.max_field_bytes) {
                skip(sink, row, deck, std::to_string(row.id), "field over --max-field",
                     fmt::format("field {} is {} KiB, over --max-field {} KiB", i + 1, (texts[i].size() + 1023) / 1024,
                                 m_options.max_field_bytes / 1024));
                return;
            }
        }
        std::string tags(trim(printable_only(row.tags)));
        ImportedNote note;
        note.deck = deck;
        note.key = row.guid.empty() ? "front:" + texts[0] : "guid:" + printable_only(row.guid);
        std::string rest;
        for (std::size_t i = 1; i < texts.size(); ++i) {
            if (!texts[i].empty()) rest += (rest.empty() ? "" : "\n") + texts[i];
        }
        note.fact = type.cloze && rest.empty() ? texts[0] : texts[0] + " | " + rest;
        note.where = fmt::format("{}: note {}", m_label, row.id);

        AnkiCardFields fields;
        for (std::size_t i = 0; i < html.size() && i < type.fields.size(); ++i) {
            fields.fields.emplace_back(type.fields[i], std::string(html[i]));
        }
        for (std::size_t i = html.size(); i < type.fields.size(); ++i) fields.fields.emplace_back(type.fields[i], "");
        fields.tags = tags;
        fields.notetype = type.name;
        fields.cloze = type.cloze;
        // Each side may hold every field a few times over, no more.
        const std::size_t cap = std::max<std::size_t>(4 * m_options.max_field_bytes, 64 * 1024);

        std::vector<const AnkiCard*> sources;
        std::vector<LeftOut> left_out;
        for (const AnkiCard& card : row.cards) {
            if (!sources.empty() && sources.back()->ordinal == card.ordinal) continue;  // one card per ordinal
            if (!left_out.empty() && left_out.back().ordinal == card.ordinal) continue;
            const AnkiTemplate* templ =
                card.ordinal < 0 || card.ordinal > max_card_ordinal ? nullptr : type.template_for(card.ordinal);
            if (templ == nullptr) {
                left_out.push_back({card.ordinal, "no template", "its note type has no template for it"});
                continue;
            }
            fields.deck = deck_name(card.deck);
            fields.template_name = templ->name;
            fields.flag = card.flags & 7;
            fields.ordinal = card.ordinal;
            const AnkiRenderedCard rendered = render_anki_card(templ->question, templ->answer, fields, cap);
            CardDraft draft;
            if (rendered.error.empty() && !rendered.blank) draft.front = html_to_text(rendered.question);
            if (!rendered.error.empty()) {
                const bool too_long = rendered.error.find("renders to more than") != std::string::npos;
                left_out.push_back({card.ordinal, too_long ? "card too long" : "template error", rendered.error});
                continue;
            }
            if (draft.front.empty()) {
                left_out.push_back({card.ordinal, "empty front", "empty front"});
                continue;
            }
            draft.view = view_of(type, card.ordinal);
            draft.tags = tags;
            if (type.cloze) {
                // As rolecall's own cloze cards: the deletion is the answer, the whole text the fact.
                draft.kind = CardKind::cloze;
                draft.explanation = html_to_text(rendered.answer);
                draft.back = joined_text(rendered.cloze_answers, ", ");
                if (draft.back.empty()) draft.back = draft.explanation;
            } else {
                draft.kind = CardKind::recall;
                draft.back = html_to_text(rendered.answer);
            }
            note.cards.push_back(std::move(draft));
            sources.push_back(&card);
        }

        if (note.cards.empty()) {
            skip_whole_note(sink, row, type, texts, deck, left_out);
            return;
        }
        if (m_options.keep_schedule) {
            for (const AnkiCard* card : sources) {
                note.schedules.push_back(schedule_of(*card, m_created, m_options.today));
                note.suspended.push_back(card->queue == -1);  // buried (-2, -3) is for a day: not kept
            }
        }
        sink(std::move(note));
        // A card Anki would show blank or broken, beside cards that are fine: reported on its own.
        for (const auto& card : left_out) {
            skip(sink, row, deck, fmt::format("{} card {}", row.id, card.ordinal + 1), card.kind, card.detail);
        }
    }

    void skip_whole_note(const NoteSink& sink, const AnkiNote& row, const AnkiNotetype& type,
                         const std::vector<std::string>& texts, const std::string& deck,
                         const std::vector<LeftOut>& left_out) const {
        const std::string id = std::to_string(row.id);
        if (row.cards.empty()) {
            skip(sink, row, deck, id, "no cards", "the package holds no card of it");
            return;
        }
        const bool all_blank = std::all_of(left_out.begin(), left_out.end(),
                                           [](const LeftOut& card) { return card.kind == "empty front"; });
        if (all_blank && type.cloze) {
            std::set<int> numbers;
            for (std::string_view field : split_fields(row.fields)) {
                for (int number : anki_cloze_numbers(field)) numbers.insert(number);
            }
            skip(sink, row, deck, id, "cloze without a deletion",
                 numbers.empty() ? std::string("a cloze note without a {{c1::...}} deletion")
                                 : fmt::format("no deletion for card {}", left_out.front().ordinal + 1));
        } else if (all_blank && texts[0].empty()) {
            skip(sink, row, deck, id, "empty first field", "empty first field");
        } else if (all_blank) {
            skip(sink, row, deck, id, "empty front", "every card's front is empty");
        } else {
            const LeftOut& first = *std::find_if(left_out.begin(), left_out.end(),
                                                 [](const LeftOut& card) { return card.kind != "empty front"; });
            skip(sink, row, deck, id, first.kind, fmt::format("card {}: {}", first.ordinal + 1, first.detail));
        }
    }

    AnkiCollection& m_collection;
    const std::filesystem::path& m_file;
    const std::string m_label;
    const ImportOptions& m_options;
    const std::map<std::int64_t, AnkiNotetype> m_notetypes;
    const std::map<std::int64_t, std::string> m_decks;
    const Day m_created;
};

// A bare collection (collection.anki2, .anki21, an old .anki) is an SQLite file: its first 16 bytes.
bool is_sqlite_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::array<char, 16> head{};
    in.read(head.data(), head.size());
    return in.gcount() == 16 && std::string_view(head.data(), head.size()) == std::string_view("SQLite format 3\0", 16);
}

}  // namespace

void read_apkg(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
               const ReadProgress& progress) {
    const std::string label = file.string();
    if (is_sqlite_file(file)) {
        // A collection Anki has open keeps its latest changes in a -wal file beside it, which an
        // immutable reader would not see.
        std::error_code ec;
        const std::filesystem::path wal = file.string() + "-wal";
        if (std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 0 && !ec) {
            throw Error(
                fmt::format("{}: Anki has this collection open, or was not closed ({} is beside it); close "
                            "Anki and import again, or export an .apkg",
                            label, wal.filename().string()));
        }
        AnkiCollection collection(file, label);
        CollectionReader(collection, file, options).read(sink, progress);
        return;
    }
    Archive archive(file);
    PrivateDir dir;
    const auto copy = dir.path() / "collection.sqlite";  // our own name: no archive name is ever a path
    unpack_collection(archive, label, copy, options.max_unpacked_bytes);
    AnkiCollection collection(copy, label);
    CollectionReader(collection, file, options).read(sink, progress);
}

}  // namespace rolecall::import
