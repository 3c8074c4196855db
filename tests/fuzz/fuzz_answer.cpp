// libFuzzer target: the scripted-answer parser, one line as a learner or a script types it.
#include "rolecall/review/answer.hpp"
#include "rolecall/base/error.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rolecall;
    static const std::vector<ChoiceOption> options = {
        {"Product Manager", {"PM", "product mgr"}}, {"Product Owner", {"PO"}}, {"Project Manager", {"PjM"}}};
    std::string_view line(reinterpret_cast<const char*>(data), size);
    parse_command(line);
    if (auto grade = parse_grade(line); grade && (*grade < 0 || *grade > 5)) __builtin_trap();
    try {
        ChoiceAnswer answer = parse_choice_answer(line, options);
        if (answer.option >= options.size()) __builtin_trap();
        if (answer.grade && (*answer.grade < 0 || *answer.grade > 5)) __builtin_trap();
    } catch (const Error&) {}
    return 0;
}
