#include "usage_errors.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <cctype>
#include <string>

namespace rolecall::cli {

namespace {

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// A positional's name as the help shows it ("files" -> "FILES"); an option's as typed ("--new").
std::string shown_name(std::string_view name) {
    std::string shown(name);
    if (!starts_with(name, "-")) {
        for (char& c : shown) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return shown;
}

// "{a,b,c}" -> "a, b or c"
std::string choices(std::string_view set) {
    if (starts_with(set, "{")) set.remove_prefix(1);
    if (!set.empty() && set.back() == '}') set.remove_suffix(1);
    return or_list(split_list(set, ','));
}

}  // namespace

std::string usage_message(std::string_view what, std::string_view command) {
    const std::string help = command.empty() ? std::string("'rolecall help' lists the commands")
                                             : fmt::format("see 'rolecall help {}'", command);
    const std::string where = command.empty() ? std::string() : fmt::format(" for '{}'", command);
    // "The following argument was not expected: X" (or "arguments were": the first one is named).
    for (std::string_view lead :
         {"The following argument was not expected: ", "The following arguments were not expected: "}) {
        if (!starts_with(what, lead)) continue;
        std::string_view word = what.substr(lead.size());
        word = word.substr(0, word.find(' '));
        if (starts_with(word, "-")) return fmt::format("unknown option '{}'{}: {}", word, where, help);
        if (command.empty()) return fmt::format("unknown command '{}': {}", word, help);
        return fmt::format("'{}' takes no argument '{}': {}", command, word, help);
    }
    // "Could not convert: NAME = VALUE"
    if (constexpr std::string_view lead = "Could not convert: "; starts_with(what, lead)) {
        const std::string_view rest = what.substr(lead.size());
        const std::size_t equals = rest.find(" = ");
        if (equals != std::string_view::npos) {
            return fmt::format("{} takes a whole number, not '{}': {}", shown_name(rest.substr(0, equals)),
                               rest.substr(equals + 3), help);
        }
    }
    // "NAME: VALUE not in {a,b,c}"
    if (const std::size_t not_in = what.find(" not in {"); not_in != std::string_view::npos) {
        const std::size_t colon = what.find(": ");
        if (colon != std::string_view::npos && colon < not_in) {
            return fmt::format("{} is {}, not '{}': {}", shown_name(what.substr(0, colon)),
                               choices(what.substr(not_in + 8)), what.substr(colon + 2, not_in - colon - 2), help);
        }
    }
    // "NAME is required"
    if (constexpr std::string_view tail = " is required";
        what.size() > tail.size() && what.substr(what.size() - tail.size()) == tail) {
        const std::string name = shown_name(what.substr(0, what.size() - tail.size()));
        if (command.empty()) return fmt::format("{} is missing: {}", name, help);
        return fmt::format("'{}' needs {}: {}", command, name, help);
    }
    // "--days: 1 required INT missing"
    if (const std::size_t colon = what.find(": "); colon != std::string_view::npos && starts_with(what, "-") &&
                                                   what.find("required") != std::string_view::npos &&
                                                   what.find("missing") != std::string_view::npos) {
        return fmt::format("{} needs a value: {}", what.substr(0, colon), help);
    }
    return fmt::format("{}; {}", what, help);
}

}  // namespace rolecall::cli
