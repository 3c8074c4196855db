#include "rolecall/review/answer.hpp"
#include "rolecall/base/error.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

namespace {
const std::vector<ChoiceOption> roles = {
    {"Product Manager", {"PM"}}, {"Product Owner", {"PO"}}, {"Project Manager", {"PjM"}}};
}

TEST_CASE("answer: options by number, name, alias or unique prefix", "[answer]") {
    CHECK(parse_choice_answer("2", roles).option == 1);
    CHECK(parse_choice_answer(" product owner ", roles).option == 1);
    CHECK(parse_choice_answer("PO", roles).option == 1);
    CHECK(parse_choice_answer("pm", roles).option == 0);
    CHECK(parse_choice_answer("pjm", roles).option == 2);
    CHECK(parse_choice_answer("proj", roles).option == 2);
    CHECK_FALSE(parse_choice_answer("2", roles).grade.has_value());
}

TEST_CASE("answer: a grade may follow the option", "[answer]") {
    auto answer = parse_choice_answer("2 5", roles);
    CHECK(answer.option == 1);
    CHECK(answer.grade == 5);
    answer = parse_choice_answer("Project Manager 3", roles);
    CHECK(answer.option == 2);
    CHECK(answer.grade == 3);
    CHECK(parse_choice_answer("po easy", roles).grade == 5);
}

TEST_CASE("answer: out-of-range, ambiguous and unknown answers are usage errors", "[answer]") {
    for (const char* bad : {"4", "0", "prod", "manager", "", "2 9", "cto"}) {
        INFO(bad);
        try {
            parse_choice_answer(bad, roles);
            FAIL("accepted");
        } catch (const Error& e) {
            CHECK(e.code() == ExitCode::usage);
        }
    }
}

TEST_CASE("answer: grades as digits or words, and commands", "[answer]") {
    CHECK(parse_grade("0") == 0);
    CHECK(parse_grade("5") == 5);
    CHECK(parse_grade("again") == 1);
    CHECK(parse_grade("Hard") == 3);
    CHECK(parse_grade("good") == 4);
    CHECK(parse_grade("easy") == 5);
    CHECK_FALSE(parse_grade("6").has_value());
    CHECK_FALSE(parse_grade("").has_value());
    CHECK(parse_command("u") == Command::undo);
    CHECK(parse_command("quit") == Command::quit);
    CHECK(parse_command("4") == Command::none);
}

TEST_CASE("answer: a/h/g/e grade, an ambiguous prefix names its matches, an empty line says what to type", "[answer]") {
    CHECK(parse_grade("a") == 1);
    CHECK(parse_grade("H") == 3);
    CHECK(parse_grade("g") == 4);
    CHECK(parse_grade("e") == 5);
    const std::vector<ChoiceOption> roles = {
        {"Product Manager", {"PM"}}, {"Product Owner", {"PO"}}, {"Project Manager", {"PjM"}}};
    auto message = [&](const char* line) {
        try {
            parse_choice_answer(line, roles);
        } catch (const Error& error) {
            return std::string(error.what());
        }
        return std::string("no error");
    };
    CHECK(message("pro") ==
          "'pro' could be Product Manager, Product Owner or Project Manager: type more of the name, or its number");
    CHECK(message("produ") ==
          "'produ' could be Product Manager or Product Owner: type more of the name, or its number");
    CHECK(message("  ") == "type an option's number (1-3) or a name; q quits");
    CHECK(parse_choice_answer("proj", roles).option == 2);
    CHECK(parse_choice_answer("po g", roles).grade == 4);
}

TEST_CASE("answer: the mistake's message offers names and grades only where they are taken", "[answer]") {
    auto message = [](ChoiceInput accepted) {
        try {
            parse_choice_answer("cto", roles, accepted);
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    CHECK(message({}) ==
          "'cto' is not one of the options: type 1-3 or a name, optionally followed by a grade 0-5 (end with ? for a "
          "guess)");
    CHECK(message({false, true}) ==
          "'cto' is not one of the options: type 1-3, optionally followed by a grade 0-5 (end with ? for a guess)");
    CHECK(message({true, false}) == "'cto' is not one of the options: type 1-3 or a name");
}
