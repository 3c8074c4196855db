// The fixture of the importer's tests: a fresh collection, imports on a fixed day, and what they
// refused with. Each test file adds its own views of the cards.
#pragma once

#include "rolecall/base/error.hpp"
#include "rolecall/import/import.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace rolecall::test {

struct ImportFixture {
    TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);

    ImportReport import(const std::vector<std::filesystem::path>& files, ImportOptions options = {}) {
        options.today = day("2026-11-22");
        return import_files(*storage, files, options, nullptr);
    }

    // The error an import is refused with, and its exit code; {"", ok} when it goes through.
    std::pair<std::string, ExitCode> refusal(const std::vector<std::filesystem::path>& files,
                                             ImportOptions options = {}) {
        try {
            import(files, options);
        } catch (const Error& e) {
            return {e.what(), e.code()};
        }
        return {"", ExitCode::ok};
    }

    std::string error_of(const std::vector<std::filesystem::path>& files, ImportOptions options = {}) {
        return refusal(files, std::move(options)).first;
    }
};

// The counts a report gives one deck; fails the test when the deck is not in it.
inline const DeckImportCounts& counts_of(const ImportReport& report, const std::string& deck) {
    for (const auto& counts : report.decks) {
        if (counts.deck == deck) return counts;
    }
    FAIL("no counts for deck " << deck);
    throw std::logic_error("unreachable");
}

}  // namespace rolecall::test
