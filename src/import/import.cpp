// The import writer: runs the reader for each file and writes its notes in one transaction, keeping
// each note's identity so a re-import updates text and never touches history.
#include "rolecall/import/import.hpp"

#include "history_import.hpp"

#include "rolecall/text/text_utils.hpp"
#include "rolecall/decks/deck_source.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/decks/note_writer.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/import/readers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <optional>
#include <utility>

namespace rolecall {

ImportFormat import_format_from_string(std::string_view text) {
    for (auto format : {ImportFormat::automatic, ImportFormat::anki_text, ImportFormat::csv, ImportFormat::apkg,
                        ImportFormat::quizlet, ImportFormat::facts}) {
        if (to_string(format) == text) return format;
    }
    throw usage_error(fmt::format("unknown format '{}': use auto, anki-text, csv, apkg, quizlet or facts", text));
}

std::string_view to_string(ImportFormat format) {
    switch (format) {
        case ImportFormat::automatic: return "auto";
        case ImportFormat::anki_text: return "anki-text";
        case ImportFormat::csv: return "csv";
        case ImportFormat::apkg: return "apkg";
        case ImportFormat::quizlet: return "quizlet";
        case ImportFormat::facts: return "facts";
    }
    return "auto";
}

ImportFormat detect_import_format(const std::filesystem::path& file) {
    const std::string extension = normalize_for_match(file.extension().string());
    const bool text = extension == ".txt" || extension == ".tsv";
    // A bare Anki collection: collection.anki2, .anki21, and Anki 1.x's .anki.
    const bool collection = extension == ".anki2" || extension == ".anki21" || extension == ".anki";
    if (!text && !collection && extension != ".csv" && extension != ".apkg" && extension != ".colpkg" &&
        extension != ".deck") {
        std::ifstream probe(file, std::ios::binary);
        std::string head(16, '\0');
        probe.read(head.data(), static_cast<std::streamsize>(head.size()));
        if (probe.gcount() == 16 && import::starts_like_sqlite(head)) return ImportFormat::apkg;
        // Guessing would read a spreadsheet or a document as rows of notes, and update cards with them.
        throw usage_error(fmt::format(
            "{}: cannot tell the format {}; pass --format anki-text, csv, apkg, quizlet or facts (known "
            "extensions: .txt, .tsv, .csv, .apkg, .colpkg, .anki2, .anki21, .anki, .deck; a spreadsheet: save it as "
            "CSV first)",
            file.string(),
            extension.empty() ? std::string("without a file extension") : "from the extension '" + extension + "'"));
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(fmt::format("cannot read {}: check that the file exists and is readable", file.string()));
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    if (head.starts_with("PK\x03\x04") || import::starts_like_sqlite(head)) return ImportFormat::apkg;
    if (extension == ".apkg" || extension == ".colpkg" || collection) return ImportFormat::apkg;
    if (extension == ".deck") return ImportFormat::facts;
    if (extension == ".csv") return ImportFormat::csv;
    // .txt and .tsv: a fact deck opens (after comments) with "deck = NAME"; Anki's text with "#separator:"
    // and friends, or with rows.
    std::size_t pos = head.starts_with("\xef\xbb\xbf") ? 3 : 0;
    while (pos < head.size()) {
        std::size_t end = head.find('\n', pos);
        std::string_view line =
            trim(std::string_view(head).substr(pos, end == std::string::npos ? std::string::npos : end - pos));
        pos = end == std::string::npos ? head.size() : end + 1;
        if (line.empty()) continue;
        if (line.starts_with("#")) {
            if (line.find(':') != std::string_view::npos) return ImportFormat::anki_text;  // "#separator:tab"
            continue;
        }
        std::string normal = normalize_for_match(line);
        if (normal.starts_with("deck =") || normal.starts_with("deck=")) return ImportFormat::facts;
        break;
    }
    return ImportFormat::anki_text;  // plain "front<TAB>back" rows: Anki's text format reads them as they are
}

namespace {

// --front, --back, --tags and --deck-column: what can be checked before any file is read (names and
// numbers are checked against each file's columns as it is read).
void check_column_mapping(const std::vector<std::filesystem::path>& files, const std::vector<ImportFormat>& formats,
                          const ImportOptions& options) {
    if (trim(options.columns.front).empty()) {
        throw usage_error("--back, --tags and --deck-column need --front: choose the column of the card's front");
    }
    if (!options.deck.empty() && !options.columns.deck.empty()) {
        throw usage_error("--deck and --deck-column both choose the deck; give one of them");
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (formats[i] == ImportFormat::anki_text || formats[i] == ImportFormat::csv) continue;
        throw usage_error(fmt::format(
            "{}: --front, --back, --tags and --deck-column choose columns of Anki text and CSV; a file of the "
            "format {} has none",
            files[i] == standard_input ? std::string(standard_input_name) : files[i].string(), to_string(formats[i])));
    }
}

}  // namespace

std::vector<ImportFormat> import_formats(const std::vector<std::filesystem::path>& files,
                                         const ImportOptions& options) {
    std::vector<ImportFormat> formats;
    bool standard_input_seen = false;
    for (const auto& file : files) {
        if (file == standard_input) {
            if (options.format == ImportFormat::automatic) {
                throw usage_error(
                    "standard input (-) has no file name to tell its format from; pass --format anki-text, csv, apkg, "
                    "quizlet or facts");
            }
            if (std::exchange(standard_input_seen, true)) {
                throw usage_error("standard input (-) is named twice; it can be read once");
            }
            formats.push_back(options.format);
            continue;
        }
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) {
            const char* what = std::filesystem::is_directory(file, ec) ? "it is a folder; name the files in it"
                               : !std::filesystem::exists(file, ec)   ? "no such file; check its name and folder"
                                                                      : "it is not a readable file";
            throw Error(fmt::format("cannot import {}: {}", file.string(), what));
        }
        formats.push_back(options.format == ImportFormat::automatic ? detect_import_format(file) : options.format);
    }
    if (!options.columns.empty()) check_column_mapping(files, formats, options);
    return formats;
}

namespace {

// Routes each imported note to its deck and hands it to the one NoteWriter of the import, keeping
// counts per deck.
class ImportWriter {
public:
    ImportWriter(Storage& storage, const ImportOptions& options)
        : m_storage(storage), m_options(options), m_writer(storage) {}

    // False when the note repeats one written earlier in this import (the first one stands).
    bool write(import::ImportedNote& note) {
        if (note.deck.empty()) note.deck = "Imported";
        const Id deck = deck_id(note.deck);
        DeckImportCounts& counts = m_counts[deck];
        const int skipped_before = counts.skipped;
        m_writer.write(deck, note.deck, note, counts);
        const bool written = counts.skipped == skipped_before;
        if (written) {
            // The card ids are known only now that the note is written: its log follows its cards.
            const auto& ids = m_writer.card_ids();
            for (std::size_t i = 0; i < note.histories.size() && i < ids.size(); ++i) {
                if (ids[i] != 0)
                    import::add_history(m_storage, ids[i], note.histories[i], scheduler_for(deck), m_history);
            }
        }
        return written;
    }

    const HistoryCounts& history() const { return m_history; }

    // A fact deck in the import: synced through the same writer, so a note seen twice is still skipped.
    void write_fact_deck(FactDeck deck, const DeckSource& source, const std::string& source_path, bool retire) {
        const SyncCounts sync = sync_fact_deck(m_storage, m_writer, deck, source_path, source.hash, retire);
        const Id id = deck_id(deck.name, true);
        m_fact_decks.push_back(id);  // the deck sync already retired what its source lost
        m_counts[id] += sync;
    }

    // A note the reader left out: counted as skipped in its deck, which it does not create.
    void skip(const std::string& deck) { ++m_skipped[deck.empty() ? "Imported" : deck]; }

    // --sync: notes of the imported decks that no file held are retired.
    void retire_unseen() {
        for (auto& [deck, counts] : m_counts) {
            if (std::find(m_fact_decks.begin(), m_fact_decks.end(), deck) == m_fact_decks.end()) {
                counts.retired += m_writer.retire_unwritten(deck);
            }
        }
    }

    std::vector<DeckImportCounts> counts() const {
        std::vector<DeckImportCounts> rows;
        for (const auto& [deck, counts] : m_counts) rows.push_back(counts);
        for (const auto& skipped : m_skipped) {
            const std::string& deck = skipped.first;
            auto row =
                std::find_if(rows.begin(), rows.end(), [&](const auto& counted) { return counted.deck == deck; });
            if (row == rows.end()) {
                row = rows.insert(rows.end(), DeckImportCounts{});
                row->deck = deck;
            }
            row->skipped += skipped.second;
        }
        std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.deck < b.deck; });
        return rows;
    }

private:
    // A new deck has the global settings; one with its own has those.
    const SchedulerConfig& scheduler_for(Id deck) const {
        const auto own = m_options.deck_schedulers.find(deck);
        return own != m_options.deck_schedulers.end() ? own->second : m_options.scheduler;
    }

    Id deck_id(const std::string& name, bool fact_deck = false) {
        auto found = m_decks.find(name);
        if (found != m_decks.end()) return found->second;
        auto deck = m_storage.find_deck(name);
        // A deck built from a fact-deck source is rebuilt from it, which would retire imported notes.
        if (deck && !fact_deck && !deck->source_path.empty()) {
            throw Error(fmt::format("the deck '{}' is built from {}; import into another deck with --deck NAME", name,
                                    deck->source_path));
        }
        Id id = deck ? deck->id : m_storage.create_deck(name, "", "");
        m_decks.emplace(name, id);
        m_counts[id].deck = name;
        return id;
    }

    Storage& m_storage;
    const ImportOptions& m_options;
    NoteWriter m_writer;
    HistoryCounts m_history;
    std::map<std::string, Id> m_decks;
    std::map<Id, DeckImportCounts> m_counts;
    std::map<std::string, int> m_skipped;  // by deck name
    std::vector<Id> m_fact_decks;
};

// `source_name`: what the deck records as its source instead of the file's absolute path (standard input).
void import_fact_deck(const std::filesystem::path& file, const std::string& source_name, const ImportOptions& options,
                      ImportWriter& writer, std::uint64_t& replaced) {
    // Fact decks are small by nature: read whole, checked like any other text file.
    const DeckSource source = read_deck_source(file, options.lenient, options.max_field_bytes);
    replaced += source.replaced_invalid_utf8;
    FactDeck deck = parse_fact_deck(source.text, file.string());
    if (!options.deck.empty()) deck.name = options.deck;
    writer.write_fact_deck(std::move(deck), source,
                           source_name.empty() ? std::filesystem::absolute(file).string() : source_name, options.sync);
}

// Standard input, read whole into a private folder (mode 0700, from mkdtemp) that goes at the end. The
// file is called "Imported", so that its notes go to the deck "Imported" when nothing names one.
class SpooledInput {
public:
    SpooledInput() {
        std::string pattern = (std::filesystem::temp_directory_path() / "rolecall-stdin-XXXXXX").string();
        if (mkdtemp(pattern.data()) == nullptr) {
            throw Error("cannot create a private temporary folder to read standard input into");
        }
        m_dir = pattern;
        m_path = m_dir / "Imported";
        std::ofstream out(m_path, std::ios::binary | std::ios::trunc);
        std::array<char, 64 * 1024> buffer{};
        std::size_t got = 0;
        while ((got = std::fread(buffer.data(), 1, buffer.size(), stdin)) > 0) {
            out.write(buffer.data(), static_cast<std::streamsize>(got));
            m_size += got;
        }
        if (std::ferror(stdin)) throw Error("cannot read standard input: a read error occurred");
        out.close();
        if (!out) throw Error(fmt::format("cannot keep standard input in {} (disk full?)", m_dir.string()));
    }
    ~SpooledInput() {
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    SpooledInput(const SpooledInput&) = delete;
    SpooledInput& operator=(const SpooledInput&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    std::uint64_t size() const { return m_size; }
    // The text with the private file's name replaced by "standard input".
    std::string rename_in(std::string text) const {
        const std::string name = m_path.string();
        for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at)) {
            text.replace(at, name.size(), standard_input_name);
            at += standard_input_name.size();
        }
        return text;
    }

private:
    std::filesystem::path m_dir;
    std::filesystem::path m_path;
    std::uint64_t m_size = 0;
};

// Where a note is within its file: "line 12" for "deck.tsv:12", "note 1650000000000" for an .apkg's
// "deck.apkg: note 1650000000000".
std::string place_in_file(const std::string& where, const std::string& file) {
    if (!where.starts_with(file) || where.size() <= file.size() + 1 || where[file.size()] != ':') return where;
    std::string_view rest = trim(std::string_view(where).substr(file.size() + 1));
    if (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') return fmt::format("line {}", rest);
    return std::string(rest);
}

// Keeps a skipped Anki note for the report: every one counted by kind, the first five by id.
void note_skipped(FileImport& file, const import::ImportedNote& note) {
    ++file.skipped;
    if (file.first_skipped.size() < 5) {
        file.first_skipped.push_back(SkippedNote{note.id, note.skip_kind, note.skip_detail});
    }
    auto kind = std::find_if(file.skipped_kinds.begin(), file.skipped_kinds.end(),
                             [&](const auto& counted) { return counted.first == note.skip_kind; });
    if (kind == file.skipped_kinds.end()) {
        file.skipped_kinds.emplace_back(note.skip_kind, 1);
    } else {
        ++kind->second;
    }
}

}  // namespace

ImportReport import_files(Storage& storage, const std::vector<std::filesystem::path>& files,
                          const ImportOptions& options, const ImportProgress& progress) {
    const std::vector<ImportFormat> formats = import_formats(files, options);
    // Standard input is read whole before anything is written, into a file every reader can open.
    std::optional<SpooledInput> spooled;
    std::uint64_t total = 0;
    for (const auto& file : files) {
        std::error_code ec;
        if (file == standard_input) {
            spooled.emplace();
            total += spooled->size();
        } else {
            total += std::filesystem::file_size(file, ec);
        }
    }
    ImportReport report;
    Storage::BulkImport bulk(storage);  // before the transaction: it turns row-by-row foreign keys off
    Storage::Transaction transaction(storage);
    ImportWriter writer(storage, options);  // after the transaction: it marks where the import's notes start
    bulk.begin();
    std::uint64_t done_before = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const bool from_stdin = files[i] == standard_input;
        const std::filesystem::path& file = from_stdin ? spooled->path() : files[i];
        FileImport& described = report.files.emplace_back();
        described.name = from_stdin ? std::string(standard_input_name) : files[i].string();
        described.format = formats[i];
        const std::uint64_t notes_before = report.rows;
        const std::uint64_t replaced_before = report.replaced_invalid_utf8;
        auto on_progress = [&](const import::ReadStats& stats) {
            report.rows = notes_before + stats.notes;
            report.replaced_invalid_utf8 = replaced_before + stats.replaced;  // summed over the files
            described.separator = stats.separator;
            described.separator_source = stats.separator_source;
            described.header_row = stats.header_row;
            if (progress) progress(done_before + stats.bytes, total, report.rows);
        };
        auto sink = [&](import::ImportedNote&& note) {
            if (!note.skip_kind.empty()) {
                note_skipped(described, note);
                writer.skip(note.deck);
                return;
            }
            ++described.notes;
            const CardDraft& card = note.cards.front();
            if (card.back.empty()) ++described.empty_backs;
            if (described.preview.size() < 3) {
                described.preview.push_back(
                    NotePreview{place_in_file(note.where, file.string()), note.deck, card.front, card.back, card.tags});
            }
            if (!writer.write(note)) {
                // The same guid twice (a front repeated is a note of its own): counted as skipped in
                // its deck by the writer; named here, so that no row goes unsaid.
                note.id = place_in_file(note.where, file.string());
                note.skip_kind = "repeated";
                note.skip_detail = "same guid as an earlier note";
                note_skipped(described, note);
            }
        };
        try {
            switch (formats[i]) {
                case ImportFormat::anki_text: import::read_anki_text(file, options, sink, on_progress); break;
                case ImportFormat::csv: import::read_csv(file, options, sink, on_progress); break;
                case ImportFormat::quizlet: import::read_quizlet(file, options, sink, on_progress); break;
                case ImportFormat::apkg: import::read_apkg(file, options, sink, on_progress); break;
                case ImportFormat::facts:
                    import_fact_deck(file, from_stdin ? std::string(standard_input_name) : std::string(), options,
                                     writer, report.replaced_invalid_utf8);
                    break;
                case ImportFormat::automatic: break;
            }
        } catch (const Error& e) {
            if (!from_stdin) throw;
            // Messages name standard input as such, never the private file it was read into.
            throw Error(spooled->rename_in(e.what()), e.code());
        }
        std::error_code ec;
        done_before += std::filesystem::file_size(file, ec);
    }
    if (options.sync) writer.retire_unseen();
    report.decks = writer.counts();
    report.history = writer.history();
    bulk.finish();
    // A dry run leaves the transaction to roll back: it reports exactly what a real run would do.
    if (!options.dry_run) transaction.commit();
    return report;
}

}  // namespace rolecall
