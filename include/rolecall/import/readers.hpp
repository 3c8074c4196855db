// One reader per import format. Each turns one file into ImportedNotes; none writes anything.
#pragma once

#include "rolecall/import.hpp"
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
