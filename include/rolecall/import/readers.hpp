// One reader per import format. Each turns one file into ImportedNotes; none writes anything.
#pragma once

#include "rolecall/import/import.hpp"
#include "rolecall/import/imported_note.hpp"

#include <cstdint>
#include <filesystem>

namespace rolecall::import {

// Progress of one file: bytes read of its size, and notes produced.
struct ReadStats {
    std::uint64_t bytes = 0;
    std::uint64_t size = 0;
    std::uint64_t notes = 0;
    std::uint64_t replaced = 0;
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
    void count(int line);
    void finish();

private:
    void report();
    const TextInput& m_input;
    const ImportOptions& m_options;
    const ReadProgress& m_progress;
    ReadStats m_stats;
};

void read_anki_text(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                    const ReadProgress& progress);
void read_csv(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
              const ReadProgress& progress);
void read_quizlet(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                  const ReadProgress& progress);
void read_apkg(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
               const ReadProgress& progress);

// The deck a file's notes go to when neither --deck nor the file names one: the file's stem.
std::string default_deck_name(const std::filesystem::path& file, const ImportOptions& options);

}  // namespace rolecall::import
