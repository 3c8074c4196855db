// Inputs the fuzzers once broke rolecall with, kept in tests/data/fuzz-regressions/<target>/ and run
// here through the same readers, so the sanitizer build of the suite (ASan with LeakSanitizer)
// catches the bug again without a fuzzing run. scripts/fuzz also feeds them back as seeds.
#include "rolecall/base/error.hpp"
#include "rolecall/import/import.hpp"
#include "rolecall/import/readers.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

namespace {

const std::filesystem::path regressions = std::filesystem::path(ROLECALL_TEST_DATA) / "fuzz-regressions";

using Reader = void (*)(const std::filesystem::path&, const ImportOptions&, const import::NoteSink&,
                        const import::ReadProgress&);

// Each input is read to the end or refused with rolecall::Error; anything else fails the test.
int replay(const std::string& target, Reader reader) {
    int replayed = 0;
    if (!std::filesystem::is_directory(regressions / target)) return replayed;
    for (const auto& entry : std::filesystem::directory_iterator(regressions / target)) {
        INFO(entry.path());
        try {
            reader(
                entry.path(), ImportOptions{}, [](import::ImportedNote&&) {}, [](const import::ReadStats&) {});
        } catch (const Error&) {}
        ++replayed;
    }
    return replayed;
}

}  // namespace

TEST_CASE("fuzz regressions: .apkg inputs that once leaked or crashed", "[import][fuzz]") {
    // not-a-collection-leak.apkg: a zip whose collection lacks Anki's tables. The reader threw from
    // AnkiCollection's constructor, whose destructor then never closed the SQLite connection.
    CHECK(replay("apkg", import::read_apkg) >= 1);
}
