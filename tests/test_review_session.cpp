#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/base/day.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/review/review_session.hpp"
#include "rolecall/review/scripted_view.hpp"
#include "rolecall/review/terminal_view.hpp"
#include "rolecall/text/text_utils.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using namespace rolecall;

namespace {

// Two choice cards and two self-graded cloze cards, each of its own note (siblings would wait a day).
const std::string deck_text = R"(deck = Roles
question = Which role?
[category pm]
name = Product Manager
aliases = PM
[category po]
name = Product Owner
aliases = PO
[statements]
pm/vision: Owns the vision.
po/stories: Writes user stories.
[takeaways]
horizon: A PM plans {{quarters to years}} ahead.
ends: {{Projects}} end; products go on.
)";

struct Fixture {
    test::TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);
    FixedClock clock{std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 20000)};

    Fixture() { sync_fact_deck(*storage, parse_fact_deck(deck_text, "r.deck"), "r.deck", "h"); }

    // Runs a scripted session with the given input lines; returns what it printed.
    std::string run(const std::string& today, std::vector<std::string> lines, QueueLimits limits = {}) {
        SessionOptions options;
        options.today = test::day(today.c_str());
        options.limits = limits;
        std::size_t next = 0;
        LineReader reader = [&]() -> std::optional<std::string> {
            if (next >= lines.size()) return std::nullopt;
            clock.advance(std::chrono::milliseconds(1500));
            return lines[next++];
        };
        std::ostringstream out;
        last_summary = run_review(*storage, clock, options, reader, out);
        return out.str();
    }

    std::vector<ReviewRecord> log() {
        std::vector<ReviewRecord> reviews;
        storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) { reviews.push_back(r); });
        return reviews;
    }

    // The answer a scripted line must give to the card shown in `block` to be right.
    static std::string right_answer(const std::string& block) {
        if (block.find("Owns the vision.") != std::string::npos) return "pm";
        if (block.find("Writes user stories.") != std::string::npos) return "po";
        return "5";
    }

    SessionSummary last_summary;
};

}  // namespace

TEST_CASE("review: a first session answers every new card and schedules it", "[review]") {
    Fixture f;
    // The order of new cards is fixed but pseudo-random: answer each card by what it shows.
    std::vector<std::string> answers;
    {
        // Learn the order from a session that answers nothing.
        std::string shown = f.run("2026-11-22", {});
        CHECK_THAT(shown, Catch::Contains("--- card 1 of 4"));
        CHECK(f.log().empty());
    }
    for (Id id : f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 10)) {
        CardRecord card = f.storage->card(id);
        answers.push_back(Fixture::right_answer(card.front + card.back));
    }
    std::string out = f.run("2026-11-22", answers);
    CHECK(f.last_summary.answered == 4);
    CHECK(f.last_summary.right == 4);
    CHECK(f.last_summary.drills == 0);
    CHECK(f.last_summary.time_spent == std::chrono::milliseconds(6000));
    auto log = f.log();
    REQUIRE(log.size() == 4);
    for (const auto& review : log) {
        CHECK(review.day == test::day("2026-11-22"));
        CHECK(review.after.due == test::day("2026-11-23"));
        CHECK(review.response_ms == 1500);
        CHECK(review.grade >= 4);
    }
    CHECK_THAT(out, Catch::Contains("answered: 4 (4 right, 100%)"));
    CHECK_THAT(out, Catch::Contains("next due: 2026-11-23 (tomorrow)"));
    // Nothing is left today.
    std::string again = f.run("2026-11-22", {});
    CHECK_THAT(again,
               Catch::Contains("Nothing is due today (2026-11-22). The next card is due 2026-11-23 (tomorrow)."));
}

TEST_CASE("review: a wrong answer is graded 1 and drilled the same day until it scores 4", "[review][drill]") {
    Fixture f;
    QueueLimits one;
    one.new_per_day = 1;  // so the second session has nothing but the drill
    CardRecord card = f.storage->card(f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 1)[0]);
    const bool choice = card.kind == CardKind::choice;
    const std::string right = Fixture::right_answer(card.front + card.back);
    const std::string wrong = right == "pm" ? "po" : right == "po" ? "pm" : "1";
    f.run("2026-11-22", {wrong}, one);
    auto log = f.log();
    REQUIRE(log.size() == 1);
    CHECK(log[0].grade == 1);
    CHECK(log[0].after.lapses == 1);
    if (choice) CHECK(log[0].chosen != card.answer);
    CHECK(f.storage->cards_to_drill(std::nullopt, test::day("2026-11-22")) == std::vector<Id>{card.id});

    // The next session today starts with the drill; a 3 keeps the card coming back, a 4 ends it.
    std::string out = f.run("2026-11-22", {choice ? right + " 3" : "3", choice ? right + " 4" : "4"}, one);
    CHECK_THAT(out, Catch::Contains("same-day drill"));
    CHECK_THAT(out, Catch::Contains("answered: 0 (drills only: today's first answers were given before)"));
    log = f.log();
    REQUIRE(log.size() == 3);
    CHECK(log[1].drill);
    CHECK(log[1].grade == 3);
    CHECK(log[2].drill);
    CHECK(log[2].grade == 4);
    CHECK(log[1].before == log[1].after);  // drills leave the SM-2 state alone
    CHECK(f.storage->card(card.id).state == log[0].after);
    CHECK(f.last_summary.drills == 2);
    CHECK(f.storage->cards_to_drill(std::nullopt, test::day("2026-11-22")).empty());
}

TEST_CASE("review: undo restores the card from the log and shows it again", "[review][undo]") {
    Fixture f;
    std::vector<Id> order = f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 10);
    CardRecord first = f.storage->card(order[0]);
    std::string line = first.kind == CardKind::choice ? Fixture::right_answer(first.front) + " 5" : "5";
    std::string out = f.run("2026-11-22", {line, "u", line, "q"});
    CHECK_THAT(out, Catch::Contains("undone: the last answer"));
    auto log = f.log();  // the undone answer is not exported
    REQUIRE(log.size() == 1);
    CHECK(log[0].card_id == first.id);
    CHECK(f.storage->card(first.id).state == log[0].after);
    CHECK(f.last_summary.answered == 1);
}

TEST_CASE("review: end of input mid-session keeps every answer given", "[review]") {
    Fixture f;
    std::vector<Id> order = f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 10);
    CardRecord first = f.storage->card(order[0]);
    std::string line = first.kind == CardKind::choice ? Fixture::right_answer(first.front) : "4";
    std::string out = f.run("2026-11-22", {line});
    CHECK(f.log().size() == 1);
    CHECK_THAT(out, Catch::Contains("=== session over"));
    CHECK(f.storage->count_new(std::nullopt, test::day("2026-11-22")) == 3);
}

TEST_CASE("review: a scripted line that is no answer stops with a usage error after saving", "[review]") {
    Fixture f;
    std::vector<Id> order = f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 10);
    CardRecord first = f.storage->card(order[0]);
    std::string line = first.kind == CardKind::choice ? Fixture::right_answer(first.front) : "4";
    try {
        f.run("2026-11-22", {line, "seven"});
        FAIL("accepted 'seven'");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::usage);
        CHECK_THAT(std::string(e.what()), Catch::StartsWith("standard input line 2: 'seven'"));
    }
    CHECK(f.log().size() == 1);
}

TEST_CASE("review: the new-card limit holds across sessions of one day", "[review][queue]") {
    Fixture f;
    QueueLimits limits;
    limits.new_per_day = 2;
    std::vector<Id> order = f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 10);
    std::vector<std::string> lines;
    for (Id id : order) {
        CardRecord card = f.storage->card(id);
        lines.push_back(Fixture::right_answer(card.front + card.back));
    }
    f.run("2026-11-22", lines, limits);
    CHECK(f.log().size() == 2);
    std::string out = f.run("2026-11-22", lines, limits);
    CHECK_THAT(out, Catch::Contains("Nothing is due today"));
    // The next day: the 2 cards answered yesterday are due, then 2 more new ones.
    lines.clear();
    const Day next = test::day("2026-11-23");
    std::vector<Id> queue = f.storage->due_cards(std::nullopt, next, 10);
    for (Id id : f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 2)) queue.push_back(id);
    for (Id id : queue) {
        CardRecord card = f.storage->card(id);
        lines.push_back(Fixture::right_answer(card.front + card.back));
    }
    REQUIRE(queue.size() == 4);
    f.run("2026-11-23", lines, limits);
    CHECK(f.log().size() == 6);
    CHECK(f.storage->count_new(std::nullopt, test::day("2026-11-22")) == 0);
}

TEST_CASE("review: the summary says what is left today, and how to start more new cards", "[review][summary]") {
    Fixture f;
    QueueLimits two;
    two.new_per_day = 2;
    // Quit at the first card: both of today's new cards are still left, and the summary says so
    // instead of pointing at a later day.
    std::string quit = f.run("2026-11-22", {"q"}, two);
    CHECK(f.last_summary.answered == 0);
    CHECK(f.last_summary.new_left == 2);
    CHECK(f.last_summary.new_waiting == 4);
    CHECK_THAT(quit, Catch::Contains("left today: 0 due, 2 new ('rolecall review' goes on)"));
    // Answer both: nothing is left within today's limit, and the other two new cards are named.
    std::vector<std::string> answers;
    for (Id id : f.storage->new_cards(std::nullopt, test::day("2026-11-22"), 2)) {
        CardRecord card = f.storage->card(id);
        answers.push_back(Fixture::right_answer(card.front + card.back));
    }
    std::string done = f.run("2026-11-22", answers, two);
    CHECK(f.last_summary.new_left == 0);
    CHECK_THAT(done, Catch::Contains("next due: 2026-11-23 (tomorrow)"));
    CHECK_THAT(done, Catch::Contains("left today: 0 due, 0 new; 2 new cards are waiting: 'rolecall review --new 4' "
                                     "starts some today"));
    std::string nothing = f.run("2026-11-22", {}, two);
    CHECK_THAT(nothing,
               Catch::Contains("Nothing is due today (2026-11-22). The next card is due 2026-11-23 (tomorrow).\n"
                               "2 new cards are waiting: 'rolecall review --new 4' starts some today.\n"));
    // Next day: the two cards are due; quitting at once leaves them due today.
    std::string next_day = f.run("2026-11-23", {"q"}, two);
    CHECK_THAT(next_day, Catch::Contains("next due: 2026-11-23 (today)"));
    CHECK_THAT(next_day, Catch::Contains("left today: 2 due, 2 new"));
}

TEST_CASE("terminal view: status lines wrap to the width, under the text after their label", "[review]") {
    // 59 columns: a 60-column terminal less one, as session_screen gives. Plain style: ASCII symbols.
    std::ostringstream out;
    const Style plain;
    TerminalView view(out, plain, 59);
    view.grade_preview({1, 1, 1, 11, 12, 12}, AnswerKind::scheduled);
    CHECK(out.str() ==
          "  next review: 0-2 again 1 day | 3 hard 11 days |\n"
          "               4 good 12 days | 5 easy 12 days\n");
    out.str("");
    view.grade_preview({1, 1, 1, 1, 1, 1}, AnswerKind::drill);
    CHECK(out.str() ==
          "  drill: today's first answer set the next review; grade 4\n"
          "         or 5 ends the drill\n");
    out.str("");
    view.saved(3, CardState{}, *parse_day("2026-11-30"), AnswerKind::cram);
    CHECK(out.str() ==
          "  -> saved: cram grade 3; the schedule is unchanged; it\n"
          "            comes back once more\n");
    // Wide enough: one line each, as before.
    std::ostringstream wide_out;
    TerminalView wide(wide_out, plain, 99);
    wide.grade_preview({1, 1, 1, 11, 12, 12}, AnswerKind::scheduled);
    CHECK(wide_out.str() == "  next review: 0-2 again 1 day | 3 hard 11 days | 4 good 12 days | 5 easy 12 days\n");
}

TEST_CASE("scripted view: a fact or an answer of several lines gives a prefixed line each", "[review]") {
    std::ostringstream out;
    ScriptedView view(out);
    CardRecord card;
    card.kind = CardKind::choice;
    card.choices = {"Long term", "Until the end date"};
    card.choice_roles = {"Product Manager", "Project Manager"};
    card.answer = "Product Manager";
    card.explanation = "Product Manager: Long term\nProject Manager: Until the end date";
    view.choice_feedback(card, 0, true);
    CHECK(out.str() ==
          "right: Long term\n"
          "fact: Product Manager: Long term\n"
          "fact: Project Manager: Until the end date\n");
    out.str("");
    card.kind = CardKind::recall;
    card.back = "line one\nline two";
    card.explanation = "";
    view.recall_answer(card);
    CHECK(out.str() == "answer: line one\nanswer: line two\n");
}

TEST_CASE("terminal view: text follows a window resized mid-session, and the summary wraps", "[review]") {
    std::ostringstream out;
    const Style plain;
    std::size_t columns = 99;
    TerminalView view(out, plain, WidthSource([&] { return columns; }));
    CardRecord card;
    card.kind = CardKind::recall;
    card.front = std::string(30, 'a') + " " + std::string(30, 'b') + " " + std::string(30, 'c');
    card.back = "the back";
    Progress progress;
    progress.position = 1;
    progress.total = 1;
    auto longest = [](const std::string& text) {
        std::size_t most = 0;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) most = std::max(most, display_width(line));
        return most;
    };
    view.card(card, progress);
    CHECK(longest(out.str()) > 40);
    columns = 40;  // the window narrows
    out.str("");
    view.card(card, progress);
    CHECK(longest(out.str()) <= 40);
    CHECK_THAT(out.str(), Catch::Contains("recall"));  // the header wraps, its kind kept
    out.str("");
    SessionSummary summary;
    summary.answered = 3;
    summary.right = 2;
    summary.had_cards = true;
    summary.new_waiting = 173;
    summary.new_started_today = 8;
    view.summary(summary, *parse_day("2026-12-01"));
    CHECK(longest(out.str()) <= 40);
    CHECK_THAT(out.str(), Catch::Contains("left today:"));
}
