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

// A grade 0..5, or again/hard/good/easy or a/h/g/e (1/3/4/5); nullopt otherwise.
std::optional<int> parse_grade(std::string_view text);

// One option a choice card offers, with the other names it answers to.
struct ChoiceOption {
    std::string name;
    std::vector<std::string> aliases;
};

struct ChoiceAnswer {
    std::size_t option = 0;    // 0-based index into the options
    std::optional<int> grade;  // "2 5": a grade given on the same line
    bool guessed = false;      // "2?", "po ?": the learner says it was a guess
};

// What a mistyped answer is told it may type: names only where the options are roles (a contrast
// card's options are texts), a grade only where one is taken (a checkup has none).
struct ChoiceInput {
    bool names = true;
    bool grades = true;
};

// Parses "2", "2 5", "product owner", "PO 3", or a unique prefix such as "proj"; a trailing "?"
// marks a guess.
// Throws Error(usage) with a message that says what is accepted.
ChoiceAnswer parse_choice_answer(std::string_view line, const std::vector<ChoiceOption>& options,
                                 ChoiceInput accepted = {});

// The grade suggested after a choice. A wrong pick: `wrong`. A right pick said to be a guess:
// guessed_right_grade, below the same-day threshold so the card comes back in the drill. Otherwise
// by how long the answer took: within quick_ms 5, after slow_ms 3, else `right` (0 disables a bound).
struct ChoiceGrading {
    int right = 4;
    int wrong = 1;
    int quick_ms = 8000;
    int slow_ms = 25000;
};
inline constexpr int guessed_right_grade = 2;
int suggested_grade(const ChoiceGrading& grading, bool right, bool guessed, int response_ms);

}  // namespace rolecall
