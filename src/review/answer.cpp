#include "rolecall/review/answer.hpp"

#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/model.hpp"

#include <fmt/format.h>

namespace rolecall {

Command parse_command(std::string_view line) {
    std::string word = normalize_for_match(line);
    if (word == "u" || word == "undo") return Command::undo;
    if (word == "q" || word == "quit") return Command::quit;
    return Command::none;
}

std::optional<int> parse_grade(std::string_view text) {
    std::string word = normalize_for_match(text);
    if (word.size() == 1 && word[0] >= '0' && word[0] <= '5') return word[0] - '0';
    if (word == "again" || word == "a") return 1;
    if (word == "hard" || word == "h") return 3;
    if (word == "good" || word == "g") return 4;
    if (word == "easy" || word == "e") return 5;
    return std::nullopt;
}

namespace {

std::optional<std::size_t> match_option(const std::string& text, const std::vector<ChoiceOption>& options) {
    // An option number.
    if (!text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() <= 2) {
        std::size_t number = std::stoul(text);
        if (number >= 1 && number <= options.size()) return number - 1;
        return std::nullopt;
    }
    // A full name or an alias.
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (normalize_for_match(options[i].name) == text) return i;
        for (const auto& alias : options[i].aliases) {
            if (normalize_for_match(alias) == text) return i;
        }
    }
    // A prefix of exactly one name ("proj" for Project Manager), at least two characters long.
    std::optional<std::size_t> found;
    if (text.size() < 2) return std::nullopt;
    for (std::size_t i = 0; i < options.size(); ++i) {
        if (normalize_for_match(options[i].name).starts_with(text)) {
            if (found) return std::nullopt;
            found = i;
        }
    }
    return found;
}

}  // namespace

ChoiceAnswer parse_choice_answer(std::string_view line, const std::vector<ChoiceOption>& options,
                                 ChoiceInput accepted) {
    std::string text = normalize_for_match(line);
    auto fail = [&]() -> Error {
        return usage_error(
            fmt::format("'{}' is not one of the options: type 1-{}{}{}", printable_only(trim(line)), options.size(),
                        accepted.names ? " or a name" : "",
                        accepted.grades ? ", optionally followed by a grade 0-5 (end with ? for a guess)" : ""));
    };
    bool guessed = false;
    if (!text.empty() && text.back() == '?') {
        guessed = true;
        text = std::string(trim(std::string_view(text).substr(0, text.size() - 1)));
    }
    if (text.empty()) {
        throw usage_error(fmt::format("type an option's number (1-{}){}; q quits", options.size(),
                                      accepted.names ? " or a name" : ""));
    }
    if (auto whole = match_option(text, options)) return ChoiceAnswer{*whole, std::nullopt, guessed};
    // "2 5" / "po 3": the last word is a grade.
    auto space = text.rfind(' ');
    if (space != std::string::npos) {
        auto grade = parse_grade(text.substr(space + 1));
        auto option = match_option(text.substr(0, space), options);
        if (grade && option) return ChoiceAnswer{*option, grade, guessed};
    }
    // A prefix of several names ("pro"): say which, so the learner knows what to add.
    std::vector<std::string> matches;
    for (const auto& option : options) {
        if (text.size() >= 2 && normalize_for_match(option.name).starts_with(text)) matches.push_back(option.name);
    }
    if (matches.size() > 1) {
        throw usage_error(fmt::format("'{}' could be {}: type more of the name, or its number",
                                      printable_only(trim(line)), or_list(matches)));
    }
    throw fail();
}

int suggested_grade(const ChoiceGrading& grading, bool right, bool guessed, int response_ms) {
    if (!right) return grading.wrong;
    if (guessed) return guessed_right_grade;
    if (grading.quick_ms > 0 && response_ms <= grading.quick_ms) return max_grade;
    if (grading.slow_ms > 0 && response_ms >= grading.slow_ms) return passing_grade;
    return grading.right;
}

}  // namespace rolecall
