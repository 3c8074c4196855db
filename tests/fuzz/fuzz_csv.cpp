// libFuzzer target: import::read_csv, with options from the input's first byte (see
// fuzz_text_options.hpp; fuzz_input.hpp for what counts as a finding).
#include "fuzz_text_options.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return rolecall::fuzz::read_text_input(rolecall::import::read_csv, "cards.csv", data, size);
}
