// `import FILE.apkg --with-history`: Anki's review log carried over, each answer on its study day,
// later answers of a day as drills, the card's state its log replayed, a re-import adding nothing.
#include "anki_package.hpp"
#include "cli_runner.hpp"

#include "rolecall/scheduling/scheduler.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

namespace {

// 2026-03-02 at hh:mm UTC, in ms since the epoch.
std::int64_t at(int day_of_march, int hour, int minute = 0) {
    const std::int64_t march_1 = 1772323200;  // 2026-03-01T00:00:00Z
    return (march_1 + (day_of_march - 1) * 86400LL + hour * 3600LL + minute * 60LL) * 1000;
}

test::AnkiFixtureNote note_with_log() {
    test::AnkiFixtureCard card;
    card.type = 2;
    card.queue = 2;
    card.interval = 9;
    card.factor = 2500;
    card.due = 70;
    card.revlog = {
        {at(2, 10), 1, 0, 8000},     // learning: Again
        {at(2, 10, 5), 3, 0, 4000},  // the same study day: a drill
        {at(3, 2), 3, 1, 3000},      // 02:00: before the 04:00 rollover, still the study day of the 2nd
        {at(4, 12), 2, 1, 6000},     // Hard
        {at(9, 12), 0, 4, 0},        // a manual reschedule: not an answer
        {at(10, 12), 4, 1, 2000},    // Easy
    };
    return test::AnkiFixtureNote{1700000000001, "g1", 1, "sol\x1fsun", "", 11, 0, 0, 0, 0, {card}};
}

}  // namespace

TEST_CASE("import --with-history brings Anki's answers and replays the card's state from them", "[import][history]") {
    test::Cli cli;
    const auto apkg = cli.file("words.apkg");
    test::write_apkg(apkg, {note_with_log()}, test::AnkiLayout::legacy);
    auto run = cli.run({"--today", "2026-03-20", "import", apkg.string(), "--with-history"}, "", {"TZ=UTC"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out, Catch::Contains("history: 5 answers added to 1 card, 0 already here"));

    const auto log = cli.reviews();
    REQUIRE(log.size() == 5);
    CHECK(log[0]["day"] == "2026-03-02");
    CHECK(log[0]["grade"] == 1);
    CHECK(log[0]["drill"] == false);
    CHECK(log[0]["response_ms"] == 8000);
    CHECK(log[1]["day"] == "2026-03-02");
    CHECK(log[1]["drill"] == true);
    CHECK(log[2]["day"] == "2026-03-02");  // 02:00 on the 3rd belongs to the study day of the 2nd
    CHECK(log[2]["drill"] == true);
    CHECK(log[3]["day"] == "2026-03-04");
    CHECK(log[3]["grade"] == 3);
    CHECK(log[4]["day"] == "2026-03-10");
    CHECK(log[4]["grade"] == 5);
    CHECK(log[4]["answered_at"] == "2026-03-10T12:00:00+00:00");

    // The state is the first answers of each day replayed under SM-2 (the default), not Anki's.
    CardState expected;
    expected = schedule_answer(expected, 1, Day(2026, 3, 2), SchedulerConfig{}, 0);
    expected = schedule_answer(expected, 3, Day(2026, 3, 4), SchedulerConfig{}, 0);
    expected = schedule_answer(expected, 5, Day(2026, 3, 10), SchedulerConfig{}, 0);
    const auto card = cli.card_of_deck("Default").at(0);
    CHECK(card["interval_days"] == expected.interval_days);
    CHECK(card["due"] == format_day(*expected.due));
    CHECK(card["repetitions"] == expected.repetitions);
    CHECK(card["lapses"] == expected.lapses);
    CHECK(card["stability"] == Approx(expected.memory->stability));

    // Again: nothing twice.
    auto again = cli.run({"--today", "2026-03-20", "import", apkg.string(), "--with-history"}, "", {"TZ=UTC"});
    REQUIRE(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("history: 0 answers added to 0 cards, 5 already here"));
    CHECK(cli.reviews().size() == 5);
    CHECK(cli.card_of_deck("Default").at(0)["due"] == format_day(*expected.due));
}

TEST_CASE("import --with-history into a deck under FSRS replays the log under FSRS", "[import][history]") {
    test::Cli cli;
    REQUIRE(cli.run({"config", "set", "scheduler", "fsrs"}).exit_code == 0);
    REQUIRE(cli.run({"config", "set", "fuzz", "off"}).exit_code == 0);
    const auto apkg = cli.file("words.apkg");
    test::write_apkg(apkg, {note_with_log()}, test::AnkiLayout::modern);
    REQUIRE(cli.run({"--today", "2026-03-20", "import", apkg.string(), "--with-history"}, "", {"TZ=UTC"}).exit_code ==
            0);
    SchedulerConfig fsrs;
    fsrs.kind = SchedulerKind::fsrs;
    fsrs.fuzz = false;
    CardState expected;
    for (const auto& [day, grade] : {std::pair{Day(2026, 3, 2), 1}, {Day(2026, 3, 4), 3}, {Day(2026, 3, 10), 5}}) {
        expected = schedule_answer(expected, grade, day, fsrs, 0);
    }
    const auto card = cli.card_of_deck("Default").at(0);
    CHECK(card["interval_days"] == expected.interval_days);
    CHECK(card["due"] == format_day(*expected.due));
    CHECK(card["stability"] == Approx(expected.memory->stability));
    CHECK(card["difficulty"] == Approx(expected.memory->difficulty));
}

TEST_CASE("import --with-history leaves out Anki answers older than the card's answers here", "[import][history]") {
    test::Cli cli;
    const auto apkg = cli.file("words.apkg");
    auto note = note_with_log();
    const auto all = note.cards[0].revlog;
    note.cards[0].revlog.assign(all.begin(), all.begin() + 1);  // the first answer only
    test::write_apkg(apkg, {note}, test::AnkiLayout::legacy);
    REQUIRE(cli.run({"--today", "2026-03-20", "import", apkg.string(), "--with-history"}, "", {"TZ=UTC"}).exit_code ==
            0);
    // Answered here on the 5th, then Anki's full log: the 3rd and 4th are older than that answer.
    REQUIRE(cli.run({"--today", "2026-03-05", "review", "--deck", "Default", "--ahead", "30"}, "4\n").exit_code == 0);
    test::write_apkg(apkg, {note_with_log()}, test::AnkiLayout::legacy);
    auto run = cli.run({"--today", "2026-03-20", "import", apkg.string(), "--with-history"}, "", {"TZ=UTC"});
    REQUIRE(run.exit_code == 0);
    CHECK_THAT(run.out,
               Catch::Contains("history: 1 answer added to 1 card, 1 already here, 3 older than the cards' answers"));
    CHECK(cli.reviews().size() == 3);
}
