// libFuzzer target: read_csv. Refusing an input with rolecall::Error is the expected outcome for
// bad input; anything else (a crash, a sanitizer report, another exception) is a finding.
#include "fuzz_input.hpp"
#include "rolecall/error.hpp"
#include "rolecall/import.hpp"
#include "rolecall/import/readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rolecall;
    auto path = fuzz::input_file("cards.csv", data, size);
    ImportOptions options;
    options.max_rows = 10000;
    options.max_unpacked_bytes = 64ULL * 1024 * 1024;
    std::size_t notes = 0;
    try {
        import::read_csv(path, options, [&](import::ImportedNote&&) { ++notes; }, [](const import::ReadStats&) {});
    } catch (const Error&) {
    }
    return 0;
}
