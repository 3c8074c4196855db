// One reader per import format. Each turns one file into ImportedNotes; none writes anything.
#pragma once

#include "rolecall/import/import.hpp"
#include "rolecall/import/imported_note.hpp"

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace rolecall::import {

// Progress of one file: bytes read of its size, and notes produced; for delimited text also how it
// was split (reported with the last figures).
struct ReadStats {
    std::uint64_t bytes = 0;
    std::uint64_t size = 0;
    std::uint64_t notes = 0;
    std::uint64_t replaced = 0;
    char separator = 0;
    SeparatorSource separator_source = SeparatorSource::none;
    bool header_row = false;
};
using ReadProgress = std::function<void(const ReadStats&)>;

}  // namespace rolecall::import
namespace rolecall {
class TextInput;
}  // namespace rolecall
namespace rolecall::import {

// Counts one note read from a text file: enforces --max-rows (naming `line`) and reports progress
// every 1024 notes; finish() reports the final figures.
class RowCounter {
public:
    RowCounter(const TextInput& input, const ImportOptions& options, const ReadProgress& progress);
    // How the file is split, for the report.
    void describe(char separator, SeparatorSource source, bool header_row);
    void count(int line);
    void finish();

private:
    void report();
    const TextInput& m_input;
    const ImportOptions& m_options;
    const ReadProgress& m_progress;
    ReadStats m_stats;
};

// Anki's text format and CSV share one reader of delimited notes (anki_text.cpp): "#key:value"
// header lines at the top, a separator from --separator, #separator or guessed (guess_separator),
// then one note per row.
void read_anki_text(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                    const ReadProgress& progress);
void read_csv(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
              const ReadProgress& progress);
void read_quizlet(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                  const ReadProgress& progress);
void read_apkg(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
               const ReadProgress& progress);

// An SQLite file (a bare Anki collection, or not: the Anki reader tells) by its first 16 bytes.
inline bool starts_like_sqlite(std::string_view head) {
    return head.starts_with(std::string_view("SQLite format 3\0", 16));
}

// Anki's guess at the separator of a row: the first of tab, pipe, semicolon, colon and comma (the order
// of Anki's Delimiter enum) found in it outside double quotes; `fallback` when there is none. For a
// .csv (`csv`), a comma comes before pipe and colon, which ordinary CSV text holds ("10:30").
char guess_separator(std::string_view row, char fallback, bool csv = false);

// The deck a file's notes go to when neither --deck nor the file names one: the file's stem.
std::string default_deck_name(const std::filesystem::path& file, const ImportOptions& options);

}  // namespace rolecall::import
