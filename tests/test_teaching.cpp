// What the review does to teach the distinction: "why not" feedback, follow-ups that drill a
// confusion, siblings on separate days, guesses graded as guesses, and the held-out checkup.
#include "cli_runner.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/review/answer.hpp"
#include "rolecall/review/checkup_session.hpp"
#include "rolecall/review/review_session.hpp"
#include "rolecall/scheduling/queue.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <map>
#include <set>
#include <sstream>
#include <tuple>

using namespace rolecall;
using test::json;

namespace {

const std::string roles = R"(deck = Roles
question = Which role?
[category pm]
name = Product Manager
aliases = PM
summary = decides what to build and why
[category po]
name = Product Owner
aliases = PO
summary = orders the work of the team
[category prj]
name = Project Manager
aliases = PjM
summary = plans the delivery
)";

// Five statements, each with its role; the checkup holds one more.
const std::string statements = roles + R"([statements]
pm/direction: Sets the direction for the year.
  not po = orders the next two weeks of work
  not prj = plans the dates
po/order: Decides which item the team takes first.
  not pm = sets the direction the items serve
prj/dates: Keeps everyone informed about the dates.
pm/why: Asks why a thing is worth building at all.
po/clear: Keeps the next items clear for the engineers.
[checkup]
po/held: The engineers cannot tell what an item means. Who explains it?
  not pm = sets the direction, not the items' wording
  not prj = plans when the item lands
)";

const std::map<std::string, std::string> owner_of = {
    {"Sets the direction for the year.", "Product Manager"},
    {"Decides which item the team takes first.", "Product Owner"},
    {"Keeps everyone informed about the dates.", "Project Manager"},
    {"Asks why a thing is worth building at all.", "Product Manager"},
    {"Keeps the next items clear for the engineers.", "Product Owner"},
};

// A scripted session whose answers are chosen by looking at the card just shown.
struct Session {
    test::TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);
    FixedClock clock{std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 20000)};
    std::chrono::milliseconds think{1500};  // time taken by each answer
    SessionSummary summary;

    explicit Session(const std::string& deck) {
        sync_fact_deck(*storage, parse_fact_deck(deck, "r.deck"), "r.deck", "h");
    }

    // `answer` gets the block of the card shown last and returns the line to type (nullopt: end).
    std::string run(const std::string& today,
                    const std::function<std::optional<std::string>(const std::string&)>& answer, int follow_ups = 2,
                    int new_cards = 20) {
        SessionOptions options;
        options.today = test::day(today.c_str());
        options.follow_ups = follow_ups;
        options.limits.new_per_day = new_cards;
        std::ostringstream out;
        LineReader reader = [&]() -> std::optional<std::string> {
            const std::string text = out.str();
            const std::size_t block = text.rfind("--- card");
            if (block == std::string::npos) return std::nullopt;
            clock.advance(think);
            return answer(text.substr(block));
        };
        summary = run_review(*storage, clock, options, reader, out);
        return out.str();
    }
};

// The statement a block shows, and its role.
std::string role_in(const std::string& block) {
    for (const auto& [text, role] : owner_of) {
        if (block.find(text) != std::string::npos) return role;
    }
    return "";
}

// The values of the time-horizon aspect some tests add, and their roles.
const std::map<std::string, std::string> horizon_of = {
    {"Quarters to years", "Product Manager"},
    {"The next two weeks", "Product Owner"},
    {"Until the end date", "Project Manager"},
};

// What answers a choice block right: a statement's or a horizon value's role by name, a contrast
// card ("Which of these two is the Product Manager's time horizon?") by the number of that role's
// value. A wrong pick cannot pass, so tests that want every card graded 4 must pick right.
std::string right_choice(const std::string& block) {
    if (block.find("Which of these two") != std::string::npos) {
        for (const auto& [value, role] : horizon_of) {
            if (block.find("the " + role + "'s") == std::string::npos) continue;
            const std::size_t at = block.find(") " + value);
            if (at != std::string::npos && at > 0) return std::string(1, block[at - 1]);
        }
    }
    std::string role = role_in(block);
    for (const auto& [value, owner] : horizon_of) {
        if (role.empty() && block.find(value) != std::string::npos) role = owner;
    }
    return role;
}

// Blocks of a transcript, one per card shown.
std::vector<std::string> blocks_of(const std::string& out) {
    std::vector<std::string> blocks;
    std::size_t at = out.find("--- card");
    while (at != std::string::npos) {
        std::size_t next = out.find("--- card", at + 1);
        blocks.push_back(out.substr(at, next == std::string::npos ? std::string::npos : next - at));
        at = next;
    }
    return blocks;
}

std::string first_line(const std::string& block) { return block.substr(0, block.find('\n')); }

}  // namespace

TEST_CASE("teaching: a wrong pick says why not the picked role", "[teaching][review]") {
    Session s(statements);
    int answered = 0;
    std::string out = s.run("2026-11-22", [&](const std::string& block) -> std::optional<std::string> {
        if (answered++ > 0) return std::nullopt;
        // Pick a wrong role: the Project Manager, unless that is the answer.
        return role_in(block) == "Project Manager" ? "pm" : "pjm";
    });
    const std::string block = blocks_of(out).at(0);
    const std::string right = role_in(block);
    const std::string picked = right == "Project Manager" ? "Product Manager" : "Project Manager";
    CHECK_THAT(block, Catch::Contains("wrong: " + picked + "; the answer is " + right + "\nwhy not " + picked + ": "));
}

TEST_CASE("teaching: after a wrong pick, other cards separating the two roles come next, with two options",
          "[teaching][review]") {
    Session s(statements);
    int answered = 0;
    std::string out = s.run("2026-11-22", [&](const std::string& block) -> std::optional<std::string> {
        if (++answered > 3) return std::nullopt;
        const std::string right = role_in(block);
        if (answered == 1) return right == "Product Owner" ? "pm" : "po";  // wrong
        return right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm";
    });
    auto blocks = blocks_of(out);
    REQUIRE(blocks.size() >= 3);
    const std::string missed = role_in(blocks[0]);
    const std::string picked = missed == "Product Owner" ? "Product Manager" : "Product Owner";
    for (int i : {1, 2}) {
        INFO(blocks[static_cast<std::size_t>(i)]);
        CHECK_THAT(first_line(blocks[static_cast<std::size_t>(i)]), Catch::EndsWith("[choice, follow-up]"));
        // A different card, about one of the two roles, offering exactly those two.
        CHECK(blocks[static_cast<std::size_t>(i)].find(blocks[0].substr(blocks[0].find('\n'), 40)) ==
              std::string::npos);
        const std::string role = role_in(blocks[static_cast<std::size_t>(i)]);
        CHECK((role == missed || role == picked));
        CHECK_THAT(blocks[static_cast<std::size_t>(i)],
                   Catch::Contains("  1) ") && Catch::Contains("  2) ") && !Catch::Contains("  3) "));
        CHECK_THAT(blocks[static_cast<std::size_t>(i)],
                   Catch::Contains(std::min(missed, picked)) && Catch::Contains(std::max(missed, picked)));
    }
    // These follow-ups came from later in today's queue: their answers are the day's first, scheduled.
    std::vector<ReviewRecord> log;
    s.storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) { log.push_back(r); });
    REQUIRE(log.size() == 3);
    for (const auto& review : log) CHECK_FALSE(review.drill);
    CHECK(log[1].after.due.has_value());
}

TEST_CASE("teaching: a follow-up met on an earlier day is a drill: its schedule stays", "[teaching][review]") {
    Session s(statements);
    auto right_answer = [](const std::string& block) -> std::optional<std::string> {
        const std::string right = role_in(block);
        return (right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm") + std::string(" 5");
    };
    s.run("2026-11-22", right_answer);  // all five met, due tomorrow
    s.run("2026-11-23", right_answer);  // due again on 11-29
    // On 11-29 a session of one card: the other four are due but not in its queue.
    SessionOptions one;
    int answered = 0;
    QueueLimits limits;
    limits.session_limit = 1;
    std::ostringstream out;
    SessionOptions options;
    options.today = test::day("2026-11-29");
    options.limits = limits;
    LineReader reader = [&]() -> std::optional<std::string> {
        const std::string text = out.str();
        const std::string block = text.substr(text.rfind("--- card"));
        const std::string right = role_in(block);
        if (answered++ == 0) return right == "Product Owner" ? "pm" : "po";  // wrong
        if (answered > 3) return std::nullopt;
        return right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm";
    };
    run_review(*s.storage, s.clock, options, reader, out);
    auto blocks = blocks_of(out.str());
    REQUIRE(blocks.size() >= 2);
    CHECK_THAT(first_line(blocks[1]), Catch::EndsWith("[choice, follow-up]"));
    std::vector<ReviewRecord> log;
    s.storage->for_each_review(std::nullopt, test::day("2026-11-29"), [&](const ReviewRecord& r) { log.push_back(r); });
    REQUIRE(log.size() >= 2);
    CHECK_FALSE(log[0].drill);
    CHECK(log[1].drill);
    CHECK(log[1].before == log[1].after);
}

TEST_CASE("teaching: the missed card comes back in the drill, never straight after itself", "[teaching][review]") {
    Session s(statements);
    std::vector<std::string> shown;
    bool missed = false;
    std::string out = s.run("2026-11-22", [&](const std::string& block) -> std::optional<std::string> {
        shown.push_back(block.substr(block.find('\n') + 1, block.find("  1)") - block.find('\n') - 1));
        const std::string right = role_in(block);
        if (!missed) {
            missed = true;
            return right == "Product Owner" ? "pm" : "po";
        }
        return right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm";
    });
    REQUIRE(shown.size() >= 6);
    CHECK(std::count(shown.begin(), shown.end(), shown[0]) == 2);  // once missed, once drilled
    for (std::size_t i = 1; i < shown.size(); ++i) CHECK(shown[i] != shown[i - 1]);
    CHECK_THAT(out, Catch::Contains("same-day drill"));
}

TEST_CASE("teaching: cards of one fact are never shown on the same study day", "[teaching][siblings]") {
    // The aspect gives each role a forward and a reverse card (siblings), the takeaway two clozes.
    Session s(roles + R"([aspect horizon]
label = time horizon
pm = Quarters to years
po = The next two weeks
prj = Until the end date
[takeaways]
ends: {{Projects}} end; {{products}} go on.
)");
    auto answer_all = [](const std::string& block) -> std::optional<std::string> {
        return block.find("  1) ") != std::string::npos ? right_choice(block) + " 4" : "4";
    };
    std::set<Id> all_cards;
    for (Id id : s.storage->new_cards(std::nullopt, test::day("2026-11-22"), 100)) all_cards.insert(id);
    REQUIRE(all_cards.size() == 3 * 2 + 3 + 2);
    std::set<Id> introduced;
    // Two weeks: every answer right and a 4 keeps the siblings' days in step (1, 6, 15 days), so
    // the last card's free day comes on the twelfth.
    for (int d = 0; d < 14; ++d) {
        const std::string day = format_day(test::day("2026-11-22") + boost::gregorian::days(d));
        s.run(day, answer_all, 0, 100);
        std::map<std::string, Id> shown_by;  // each fact, and the one card that showed it that day
        s.storage->for_each_review(std::nullopt, test::day(day.c_str()), [&](const ReviewRecord& r) {
            if (r.day != test::day(day.c_str()) || r.drill) return;
            introduced.insert(r.card_id);
            for (const auto& fact : s.storage->facts_of(r.card_id)) {
                INFO(day << ": " << fact);
                auto [at, fresh] = shown_by.emplace(fact, r.card_id);
                CHECK((fresh || at->second == r.card_id));
            }
        });
    }
    // A sibling waits a day or a few, not for ever: every card has been introduced.
    CHECK(introduced == all_cards);
}

TEST_CASE("teaching: a new card held back for a due sibling gives its place to another new card",
          "[teaching][siblings][queue]") {
    // Eight facts: five statements of one card each, and an aspect whose three values have a
    // forward and a reverse card (siblings). Three new cards a day, answered right.
    Session s(statements + R"([aspect horizon]
label = time horizon
pm = Quarters to years
po = The next two weeks
prj = Until the end date
)");
    auto answer_all = [](const std::string& block) -> std::optional<std::string> {
        const std::string role = role_in(block);
        if (role.empty()) return block.find("  1) ") != std::string::npos ? right_choice(block) + " 4" : "4";
        return role == "Product Manager" ? "pm" : role == "Product Owner" ? "po" : "pjm";
    };
    for (int d = 22; d <= 28; ++d) {
        const Day day = test::day(fmt::format("2026-11-{}", d).c_str());
        s.run(fmt::format("2026-11-{}", d), answer_all, 0, 3);
        std::set<std::string> shown;
        int introduced = 0;
        s.storage->for_each_review(std::nullopt, day, [&](const ReviewRecord& r) {
            if (r.day != day || r.drill) return;
            if (r.before.is_new()) ++introduced;
            for (const auto& fact : s.storage->facts_of(r.card_id)) shown.insert(fact);
        });
        // Fewer than three new cards only when every new card left shows a fact shown today.
        int apart_left = 0;
        for (Id id : s.storage->new_cards(std::nullopt, day, 100)) {
            bool apart = true;
            for (const auto& fact : s.storage->facts_of(id)) apart = apart && !shown.count(fact);
            apart_left += apart;
        }
        INFO("2026-11-" << d << ": " << introduced << " new cards, " << apart_left << " more could have come");
        CHECK((introduced == 3 || apart_left == 0));
    }
}

TEST_CASE("teaching: a right pick's suggested grade follows its response time", "[teaching][grade]") {
    const ChoiceGrading grading{4, 1, 8000, 25000};
    CHECK(suggested_grade(grading, true, false, 3000) == 5);
    CHECK(suggested_grade(grading, true, false, 8000) == 5);
    CHECK(suggested_grade(grading, true, false, 12000) == 4);
    CHECK(suggested_grade(grading, true, false, 25000) == 3);
    CHECK(suggested_grade(grading, false, false, 1000) == 1);
    CHECK(suggested_grade(grading, true, true, 1000) == 2);                    // a right guess
    CHECK(suggested_grade(grading, false, true, 1000) == 1);                   // a wrong guess
    CHECK(suggested_grade(ChoiceGrading{4, 1, 0, 0}, true, false, 100) == 4);  // thresholds off

    for (auto [ms, grade] : {std::pair{2000, 5}, std::pair{15000, 4}, std::pair{40000, 3}}) {
        Session s(statements);
        s.think = std::chrono::milliseconds(ms);
        int answered = 0;
        std::string out = s.run("2026-11-22", [&](const std::string& block) -> std::optional<std::string> {
            if (answered++ > 0) return std::nullopt;
            const std::string right = role_in(block);
            return right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm";
        });
        INFO(ms << " ms");
        CHECK_THAT(out, Catch::Contains(fmt::format("saved: grade {};", grade)));
    }
}

TEST_CASE("teaching: an answer ending in ? is a guess: graded 2 when right, and drilled", "[teaching][grade]") {
    Session s(statements);
    std::vector<std::string> answers;
    int answered = 0;
    std::string first;
    std::string out = s.run("2026-11-22", [&](const std::string& block) -> std::optional<std::string> {
        const std::string right = role_in(block);
        const std::string name = right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm";
        if (answered++ == 0) {
            first = block.substr(block.find('\n') + 1, 30);
            return name + " ?";
        }
        return name;
    });
    CHECK_THAT(out, Catch::Contains("saved: grade 2;"));
    CHECK_THAT(out, Catch::Contains("a right guess: graded 2, so it comes back later today"));
    // It came back in the drill.
    auto blocks = blocks_of(out);
    bool drilled = false;
    for (const auto& block : blocks) {
        if (block.find("same-day drill") != std::string::npos && block.find(first) != std::string::npos) drilled = true;
    }
    CHECK(drilled);
    // The summary counts it as stats does: a miss, named as a right guess. Five statements answered.
    CHECK_THAT(out, Catch::Contains("answered: 5 (4 right, 80%; 1 right guess graded as a miss)"));
    CHECK(s.summary.right == 4);
    CHECK(s.summary.right_guesses == 1);
    CHECK(parse_choice_answer("2?", {{"A", {}}, {"B", {}}}).guessed);
    CHECK_FALSE(parse_choice_answer("2", {{"A", {}}, {"B", {}}}).guessed);
}

TEST_CASE("teaching: new cards lean toward the pair confused most, taken in turn with the rest", "[teaching][queue]") {
    CHECK_FALSE(worst_confused_pair({}).has_value());
    auto pair = worst_confused_pair({{"Product Manager", "Project Manager", 2},
                                     {"Product Owner", "Product Manager", 2},
                                     {"Product Manager", "Product Owner", 1}});
    REQUIRE(pair.has_value());
    CHECK(*pair == std::pair<std::string, std::string>{"Product Manager", "Product Owner"});  // 3 both ways
    CHECK(interleave_new_cards({10, 11, 12}, {1, 10, 2, 3}, 5) == std::vector<std::int64_t>{10, 1, 11, 2, 12});
    CHECK(interleave_new_cards({}, {1, 2}, 5) == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("teaching: a checkup question never appears in review", "[teaching][checkup]") {
    Session s(statements);
    std::string all;
    for (const char* day : {"2026-11-22", "2026-11-23", "2026-11-25", "2026-11-30"}) {
        all += s.run(day, [](const std::string& block) -> std::optional<std::string> {
            const std::string right = role_in(block);
            return right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm";
        });
    }
    CHECK_THAT(all, Catch::Contains("--- card"));
    CHECK_THAT(all, !Catch::Contains("cannot tell what an item means"));
    REQUIRE(s.storage->checkup_questions(s.storage->find_deck("Roles")->id).size() == 1);
}

TEST_CASE("teaching: the checkup draws the least-asked questions first", "[teaching][checkup]") {
    std::vector<CheckupQuestion> pool;
    for (const char* key : {"a", "b", "c", "d"}) pool.push_back(CheckupQuestion{key, key, {"X", "Y"}, "X", "", {}});
    auto drawn = draw_checkup(pool, {{"a", 2}, {"b", 1}}, test::day("2026-11-22"), 3);
    REQUIRE(drawn.size() == 3);
    std::set<std::string> keys{drawn[0].key, drawn[1].key};
    CHECK(keys == std::set<std::string>{"c", "d"});
    CHECK(drawn[2].key == "b");
    CHECK(draw_checkup(pool, {}, test::day("2026-11-22"), 12).size() == 4);  // the whole pool when smaller
}

TEST_CASE("cli check: scripted questions, a score, and the history in stats", "[teaching][checkup][cli]") {
    test::Cli cli;
    test::write_file(cli.file("roles.deck"), statements + R"(po/held2: Who says what the team takes on first?
  not pm = sets the direction
pm/held3: Who decides which problem is worth solving this year?
  not po = orders the items that follow from it
)");
    REQUIRE(cli.run({"build", cli.file("roles.deck").string()}).exit_code == 0);
    auto run = cli.run({"--today", "2026-11-22", "check", "--deck", "Roles", "--count", "2"}, "po\npjm\n");
    CHECK(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::StartsWith("--- question 1 of 2\n"));
    CHECK_THAT(run.out, Catch::Contains("--- question 2 of 2\n"));
    CHECK_THAT(run.out, Catch::Contains("wrong: Project Manager; the answer is "));
    CHECK_THAT(
        run.out,
        Catch::EndsWith("=== checkup over\nscore: " +
                        std::string(run.out.find("right: Product Owner") != std::string::npos ? "1" : "0") + "/2\n"));
    // The whole pool when it is smaller than the count; a quit keeps what was answered.
    auto all = cli.run({"--today", "2026-11-24", "check", "--deck", "Roles"}, "1\nq\n");
    CHECK(all.exit_code == 0);
    CHECK_THAT(all.out, Catch::Contains("--- question 1 of 3\n"));
    CHECK_THAT(all.out, Catch::Contains("(stopped after 1 of 3 questions)"));
    auto stats = json::parse(cli.run({"--today", "2026-11-24", "stats", "--json", "--deck", "Roles"}).out);
    REQUIRE(stats["checkups"].size() == 2);
    CHECK(stats["checkups"][0]["day"] == "2026-11-22");
    CHECK(stats["checkups"][0]["total"] == 2);
    CHECK(stats["checkups"][1]["day"] == "2026-11-24");
    CHECK(stats["checkups"][1]["total"] == 1);
    auto text = cli.run({"--today", "2026-11-24", "stats", "--deck", "Roles"});
    CHECK_THAT(text.out, Catch::Contains("Checkups: situations never practised") && Catch::Contains("2026-11-22"));
    // A line that is no answer: exit 2, naming the line; the answer before it is kept.
    auto bad = cli.run({"--today", "2026-11-25", "check", "--deck", "Roles"}, "1\nnobody\n");
    CHECK(bad.exit_code == 2);
    CHECK_THAT(bad.err,
               Catch::StartsWith("rolecall: error: standard input line 2: 'nobody' is not one of the options"));
    stats = json::parse(cli.run({"--today", "2026-11-25", "stats", "--json", "--deck", "Roles"}).out);
    CHECK(stats["checkups"].size() == 3);
    // A deck without a pool says how to make one.
    test::write_file(cli.file("bare.deck"),
                     "deck = Bare\n[category a]\nname = A\n[category b]\nname = B\n"
                     "[statements]\na/x: one\n");
    REQUIRE(cli.run({"build", cli.file("bare.deck").string()}).exit_code == 0);
    auto none = cli.run({"check", "--deck", "Bare"});
    CHECK(none.exit_code == 1);
    CHECK_THAT(none.err, Catch::Contains("has no checkup questions: add a [checkup] section"));
}

TEST_CASE("teaching: after confusing two roles, the next day's new cards alternate toward that pair",
          "[teaching][queue]") {
    // Four statements for each Product role, 24 for the Project Manager: without the lean, the
    // new cards of a day would mostly be the Project Manager's.
    std::string deck = roles + "[statements]\n";
    std::map<std::string, std::string> owner;
    for (const auto& [key, name, count] : {std::tuple{"pm", "Product Manager", 4}, std::tuple{"po", "Product Owner", 4},
                                           std::tuple{"prj", "Project Manager", 24}}) {
        for (int i = 1; i <= count; ++i) {
            const std::string text = fmt::format("Statement {} of the {}.", i, key);
            deck += fmt::format("{}/s{}-{}: {}\n", key, i, key, text);
            owner[text] = name;
        }
    }
    Session s(deck);
    auto role_of_block = [&](const std::string& block) {
        for (const auto& [text, role] : owner) {
            if (block.find(text) != std::string::npos) return role;
        }
        return std::string();
    };
    // Day 1: three new cards; every Product Manager or Product Owner card is answered with the other.
    s.run(
        "2026-11-22",
        [&](const std::string& block) -> std::optional<std::string> {
            const std::string right = role_of_block(block);
            if (block.find("follow-up") != std::string::npos || block.find("drill") != std::string::npos)
                return right == "Product Manager" ? "pm 4" : right == "Product Owner" ? "po 4" : "pjm 4";
            return right == "Product Manager" ? "po" : right == "Product Owner" ? "pm" : "pjm";
        },
        2, 8);
    auto confused = s.storage->confusions(std::nullopt, test::day("2026-11-22"), test::day("2026-11-22"));
    REQUIRE_FALSE(confused.empty());
    const auto pair = *worst_confused_pair(confused);
    // Day 2: the new cards, in the order shown, alternate: one separating the pair, one of the usual
    // order (which, for this deck, differs from the usual order alone).
    const Day day2 = test::day("2026-11-23");
    const std::vector<Id> usual = s.storage->new_cards(std::nullopt, test::day("2026-11-22"), 4);
    const std::vector<Id> separating =
        s.storage->cards_separating(std::nullopt, pair.first, pair.second, day2, true, 4);
    const std::vector<Id> expected = interleave_new_cards(separating, usual, 4);
    REQUIRE(expected != usual);
    s.run(
        "2026-11-23",
        [&](const std::string& block) -> std::optional<std::string> {
            const std::string right = role_of_block(block);
            return right == "Product Manager" ? "pm 5" : right == "Product Owner" ? "po 5" : "pjm 5";
        },
        0, 4);
    std::vector<Id> introduced;
    s.storage->for_each_review(std::nullopt, day2, [&](const ReviewRecord& r) {
        if (r.day == day2 && r.before.is_new()) introduced.push_back(r.card_id);
    });
    CHECK(introduced == expected);
    for (std::size_t i = 0; i < introduced.size(); i += 2) {
        const std::string role = s.storage->card(introduced[i]).answer;
        CHECK((role == pair.first || role == pair.second));
    }
}

TEST_CASE("teaching: a wrong pick typed with a passing grade is graded 2, a miss, and counted wrong",
          "[teaching][grade]") {
    Session s(statements);
    // Every first answer a wrong role with a 4; every drill the right role, so the drills end.
    auto wrong_then_right = [](const std::string& block) -> std::optional<std::string> {
        const std::string role = role_in(block);
        if (block.find("same-day drill") != std::string::npos) return role + " 4";
        return std::string(role == "Product Manager" ? "po" : "pm") + " 4";
    };
    const std::string out = s.run("2026-11-22", wrong_then_right, 0, 5);
    CHECK_THAT(out, Catch::Contains("a wrong pick cannot pass: graded 2, not 4 (u undoes a slip)"));
    int firsts = 0;
    s.storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) {
        if (r.drill) {
            CHECK(r.grade == 4);  // a right pick keeps its grade
            return;
        }
        ++firsts;
        CHECK(r.grade == 2);
        CHECK(r.after.lapses == 1);
        CHECK(r.after.due == test::day("2026-11-23"));
    });
    CHECK(firsts == 5);
    CHECK(s.summary.answered == 5);
    CHECK(s.summary.right == 0);
}

TEST_CASE("teaching: follow-ups rotate: of the cards met before, the one answered longest ago comes first",
          "[teaching][review]") {
    Session s(statements);
    auto right_answer = [](const std::string& block) -> std::optional<std::string> {
        const std::string right = role_in(block);
        return (right == "Product Manager" ? "pm" : right == "Product Owner" ? "po" : "pjm") + std::string(" 5");
    };
    s.run("2026-11-22", right_answer);  // all five met, due tomorrow
    // The next day a session of one card, missed between the Product Manager and the Product Owner:
    // its follow-ups are drills, answered now but still due today, like the cards not answered at all.
    SessionOptions options;
    options.today = test::day("2026-11-23");
    options.limits.session_limit = 1;
    std::ostringstream out;
    int lines = 0;
    LineReader reader = [&]() -> std::optional<std::string> {
        const std::string text = out.str();
        const std::string block = text.substr(text.rfind("--- card"));
        if (lines++ > 0) return right_answer(block);
        const std::string right = role_in(block);
        REQUIRE(right != "Project Manager");
        return right == "Product Manager" ? "po" : "pm";
    };
    run_review(*s.storage, s.clock, options, reader, out);
    std::map<Id, Id> last_answer;  // card -> its latest answer's id
    s.storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) {
        last_answer[r.card_id] = std::max(last_answer[r.card_id], r.id);
    });
    REQUIRE_THAT(out.str(), Catch::Contains("follow-up"));
    const auto separating = s.storage->cards_separating(std::nullopt, "Product Manager", "Product Owner",
                                                        test::day("2026-11-24"), false, 10);
    REQUIRE(separating.size() == 4);  // the two statements of each role
    for (std::size_t i = 1; i < separating.size(); ++i) {
        INFO("card " << separating[i - 1] << " before card " << separating[i]);
        CHECK(last_answer[separating[i - 1]] < last_answer[separating[i]]);
    }
}
