// Importing decks from other tools: Anki's text export and .apkg packages, CSV, Quizlet exports and
// rolecall's own fact decks. One import is one transaction: every file lands, or nothing changes.
#pragma once

#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/base/day.hpp"
#include "rolecall/decks/note_writer.hpp"
#include "rolecall/storage/storage.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolecall {

enum class ImportFormat { automatic, anki_text, csv, apkg, quizlet, facts };

ImportFormat import_format_from_string(std::string_view text);  // throws usage Error
std::string_view to_string(ImportFormat format);

// The format of a file, known from its extension (.txt and .tsv Anki text, or a fact deck when it
// opens with "deck = NAME"; .csv; .apkg and .colpkg; Anki collections .anki2, .anki21, .anki; .deck),
// or a zip's or an SQLite file's first bytes (an .apkg, an Anki collection: read as apkg). A file of
// any other extension, or none, is a usage Error that asks for --format.
ImportFormat detect_import_format(const std::filesystem::path& file);

// The file name that stands for standard input: it is read whole into a private temporary file first.
inline constexpr std::string_view standard_input = "-";
// How messages and reports name standard input.
inline constexpr std::string_view standard_input_name = "standard input";

// Which columns of a delimited text file make the card (--front, --back, --tags, --deck-column): each a
// column name (of the header row or #columns, compared without case) or a 1-based number. When any is
// given, the columns it does not name are ignored; the backs are joined as lines, empty ones left out.
struct ColumnMapping {
    std::string front;
    std::vector<std::string> back;
    std::string tags;
    std::string deck;
    bool empty() const { return front.empty() && back.empty() && tags.empty() && deck.empty(); }
};

struct ImportOptions {
    ImportFormat format = ImportFormat::automatic;
    std::string deck;                           // every note goes to this deck instead of the one the file names
    std::string separator;                      // field separator for text formats (Quizlet: may be several characters)
    bool dry_run = false;                       // report, write nothing
    bool sync = false;                          // retire notes of the imported decks that the files no longer hold
    bool keep_schedule = false;                 // .apkg: carry Anki's interval, ease and due day over
    bool lenient = false;                       // replace invalid UTF-8 instead of refusing the file
    bool header = false;                        // text formats: the first row names the columns (it makes no note)
    std::size_t max_field_bytes = 1024 * 1024;  // real Anki fields hold long HTML
    std::size_t max_rows = 1'000'000;
    std::uint64_t max_unpacked_bytes = 512ULL * 1024 * 1024;  // an .apkg's collection, unpacked (zip bombs)
    ColumnMapping columns;                                    // Anki text and CSV: which columns make the card
    Day today;                                                // for schedules carried over from Anki
    // .apkg: bring each card's review log too (implies keep_schedule); its answers fall on the study
    // days of their time stamps (rollover_hour), and each card's state is its log replayed under its
    // deck's scheduler (scheduler for decks without settings of their own, deck_schedulers for those).
    bool with_history = false;
    int rollover_hour = 4;
    SchedulerConfig scheduler;
    DeckSchedulers deck_schedulers;
};

// What an import did to one deck (NoteCounts: added, updated, unchanged, retired with --sync, and
// skipped for notes repeated within the import or left out of an .apkg).
struct DeckImportCounts : NoteCounts {
    std::string deck;
};

// How a delimited text file was split: the separator and where it came from.
enum class SeparatorSource { none, option, header, guessed };

// A note as it will be stored (its first card), for the --dry-run preview.
struct NotePreview {
    std::string where;  // where in its file: "line 2", "note 1650000000000"
    std::string deck, front, back, tags;
};

// A note that was left out of the import (an Anki note, or a row of a text file), and why.
struct SkippedNote {
    std::string id;      // Anki's note id, or "line 7"
    std::string kind;    // "empty first field", "field over --max-field", "cloze without a deletion"
    std::string detail;  // the kind with its particulars ("field 2 is 1100 KiB, over --max-field 1024 KiB")
};

// What one file held.
struct FileImport {
    std::string name;  // as given; standard_input_name for "-"
    ImportFormat format = ImportFormat::automatic;
    char separator = 0;  // delimited text: the field separator used
    SeparatorSource separator_source = SeparatorSource::none;
    bool header_row = false;                 // delimited text: the first row named the columns
    std::uint64_t notes = 0;                 // notes read (not those skipped)
    std::uint64_t empty_backs = 0;           // of those, notes whose first card has an empty back
    std::vector<NotePreview> preview;        // the first three notes
    std::uint64_t skipped = 0;               // notes left out (odd Anki notes, rows that are no note)
    std::vector<SkippedNote> first_skipped;  // the first five of them
    std::vector<std::pair<std::string, std::uint64_t>> skipped_kinds;  // how many of each kind, in order met
};

// What --with-history did with the answers of the imported cards' logs.
struct HistoryCounts {
    std::uint64_t added = 0;  // answers logged (drills included)
    std::uint64_t known = 0;  // already in the log: an earlier import brought them
    std::uint64_t older = 0;  // older than the card's latest answer here: left out, the log only grows forward
    std::uint64_t cards = 0;  // cards that gained answers, their state replayed
};

struct ImportReport {
    std::vector<DeckImportCounts> decks;
    HistoryCounts history;
    std::vector<FileImport> files;            // in the order given
    std::uint64_t replaced_invalid_utf8 = 0;  // --lenient: bytes replaced
    std::uint64_t rows = 0;
};

// Called now and then while reading: bytes read so far, bytes in all, notes read.
using ImportProgress = std::function<void(std::uint64_t done, std::uint64_t total, std::uint64_t notes)>;

// The format each file is read in: --format, else detect_import_format. Throws Error for a file that
// is not there and a usage Error for an unknown file type, for standard input ("-") without
// --format or named twice, and for a column mapping that no file's format can take. Reads only the
// first bytes of each file.
std::vector<ImportFormat> import_formats(const std::vector<std::filesystem::path>& files, const ImportOptions& options);

ImportReport import_files(Storage& storage, const std::vector<std::filesystem::path>& files,
                          const ImportOptions& options, const ImportProgress& progress);

}  // namespace rolecall
