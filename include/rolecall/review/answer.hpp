// Reading what the learner typed: an option or role name for a choice card, a grade for a recall
// card, or a command (undo, quit). Pure, shared by the terminal and the scripted mode.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

enum class Command { none, undo, quit };

// "u"/"undo" and "q"/"quit"; Command::none for anything else.
Command parse_command(std::string_view line);

// A grade 0..5, or again/hard/good/easy (1/3/4/5); nullopt otherwise.
std::optional<int> parse_grade(std::string_view text);

// One option a choice card offers, with the other names it answers to.
struct ChoiceOption {
    std::string name;
    std::vector<std::string> aliases;
};

struct ChoiceAnswer {
    std::size_t option = 0;    // 0-based index into the options
    std::optional<int> grade;  // "2 5": a grade given on the same line
};

// Parses "2", "2 5", "product owner", "PO 3", or a unique prefix such as "proj".
// Throws Error(usage) with a message that says what is accepted.
ChoiceAnswer parse_choice_answer(std::string_view line, const std::vector<ChoiceOption>& options);

}  // namespace rolecall
