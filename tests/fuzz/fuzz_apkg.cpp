// libFuzzer target: import::read_apkg (see fuzz_input.hpp for what counts as a finding).
#include "fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return rolecall::fuzz::read_input(rolecall::import::read_apkg, "deck.apkg", data, size, true);
}
