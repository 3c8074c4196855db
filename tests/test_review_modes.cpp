// Review modes beside the daily review: a cram (cards not due, logged as drills), reviewing ahead
// (cards due in the next days, graded by SM-2), and leeches (cards that keep lapsing: tagged, and
// suspended unless leech-action is tag). The rules as pure functions first, then storage, settings,
// a whole session and the statistics.
#include "rolecall/base/error.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/review/review_session.hpp"
#include "rolecall/review/session_view.hpp"
#include "rolecall/scheduling/leech.hpp"
#include "rolecall/scheduling/queue.hpp"
#include "rolecall/settings/session_options.hpp"
#include "rolecall/settings/setting_list.hpp"
#include "rolecall/settings/settings.hpp"
#include "rolecall/stats/stats.hpp"
#include "rolecall/stats/stats_view.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <functional>
#include <map>
#include <set>
#include <sstream>

using namespace rolecall;

// ---- the leech rule and tags

TEST_CASE("leech: a card is one at the lapse that reaches the threshold, and every half threshold after", "[leech]") {
    CHECK_FALSE(is_leech_lapse(6, 7, 8));
    CHECK(is_leech_lapse(7, 8, 8));
    CHECK_FALSE(is_leech_lapse(8, 9, 8));
    CHECK_FALSE(is_leech_lapse(10, 11, 8));
    CHECK(is_leech_lapse(11, 12, 8));
    CHECK_FALSE(is_leech_lapse(13, 14, 8));
    CHECK(is_leech_lapse(15, 16, 8));
    // An answer that is no lapse never makes a leech, whatever the count.
    CHECK_FALSE(is_leech_lapse(8, 8, 8));
    CHECK_FALSE(is_leech_lapse(12, 12, 8));
    // Half of 3 is 1 (Anki's floor): every lapse from the third on; threshold 1: every lapse.
    CHECK(is_leech_lapse(2, 3, 3));
    CHECK(is_leech_lapse(3, 4, 3));
    CHECK(is_leech_lapse(0, 1, 1));
    CHECK(is_leech_lapse(1, 2, 1));
    // 0 turns leeches off.
    CHECK_FALSE(is_leech_lapse(7, 8, 0));
    CHECK_FALSE(is_leech_lapse(0, 1, 0));
}

TEST_CASE("leech: tags are whole words of a space-separated string, other tags are kept", "[leech]") {
    CHECK(has_tag("statement leech scenario", "leech"));
    CHECK_FALSE(has_tag("leeches statement", "leech"));
    CHECK_FALSE(has_tag("", "leech"));
    CHECK(with_tag("", "leech") == "leech");
    CHECK(with_tag("statement scenario", "leech") == "statement scenario leech");
    CHECK(with_tag("leech statement", "leech") == "leech statement");  // there already: unchanged
    CHECK(without_tag("statement leech scenario", "leech") == "statement scenario");
    CHECK(without_tag("leech", "leech").empty());
    CHECK(without_tag("leeches", "leech") == "leeches");
    CHECK(leech_action_from_string("tag") == LeechAction::tag);
    CHECK_THROWS_AS(leech_action_from_string("delete"), Error);
}

// ---- the cram order

namespace {

CramCandidate candidate(Id id, bool seen, std::string answer = "", std::vector<std::string> facts = {},
                        bool answered_today = false) {
    CramCandidate c;
    c.id = id;
    c.seen = seen;
    c.answered_today = answered_today;
    c.answer = std::move(answer);
    c.facts = facts.empty() ? std::vector<std::string>{"f" + std::to_string(id)} : std::move(facts);
    return c;
}

std::vector<Id> ids_of(const std::vector<CramCandidate>& cards) {
    std::vector<Id> ids;
    for (const auto& c : cards) ids.push_back(c.id);
    return ids;
}

}  // namespace

TEST_CASE("cram order: met cards, then new ones, then those answered today, a shuffle fixed by the seed",
          "[cram][queue]") {
    std::vector<CramCandidate> cards;
    for (Id id = 1; id <= 30; ++id) cards.push_back(candidate(id, id % 3 != 0, "", {}, id % 10 == 0));
    const auto shuffled = cram_shuffle(cards, 42);
    REQUIRE(shuffled.size() == 30);
    // Groups: met (not answered today), new (not answered today), answered today.
    auto group = [](const CramCandidate& c) { return c.answered_today ? 2 : c.seen ? 0 : 1; };
    CHECK(std::is_sorted(shuffled.begin(), shuffled.end(),
                         [&](const CramCandidate& a, const CramCandidate& b) { return group(a) < group(b); }));
    CHECK(group(shuffled.front()) == 0);
    CHECK(group(shuffled.back()) == 2);
    // Shuffled: not in id order within the first group.
    std::vector<Id> met;
    for (const auto& c : shuffled) {
        if (group(c) == 0) met.push_back(c.id);
    }
    CHECK_FALSE(std::is_sorted(met.begin(), met.end()));
    // The same seed gives the same order whatever the input order; another seed another order.
    std::vector<CramCandidate> reversed(cards.rbegin(), cards.rend());
    CHECK(ids_of(cram_shuffle(reversed, 42)) == ids_of(shuffled));
    CHECK(ids_of(cram_shuffle(cards, 43)) != ids_of(shuffled));
}

TEST_CASE("cram order: siblings wait until every other card has come, and never follow each other", "[cram][queue]") {
    // Cards 1 and 2 show one fact, 3 and 4 another; 5 and 6 are alone.
    std::vector<CramCandidate> cards = {candidate(1, true, "", {"a"}), candidate(2, true, "", {"a"}),
                                        candidate(3, true, "", {"b"}), candidate(4, true, "", {"b"}),
                                        candidate(5, true, "", {"c"}), candidate(6, true, "", {"d"})};
    CHECK(cram_spread(cards, 10) == std::vector<Id>{1, 3, 5, 6, 2, 4});
    CHECK(cram_spread(cards, 3) == std::vector<Id>{1, 3, 5});  // the limit: siblings left out first
    // Only siblings left: still never two of one fact in a row while another can come between.
    std::vector<CramCandidate> three = {candidate(1, true, "", {"a"}), candidate(2, true, "", {"a"}),
                                        candidate(3, true, "", {"b"})};
    CHECK(cram_spread(three, 10) == std::vector<Id>{1, 3, 2});
    std::vector<CramCandidate> pair = {candidate(1, true, "", {"a"}), candidate(2, true, "", {"a"})};
    CHECK(cram_spread(pair, 10) == std::vector<Id>{1, 2});  // nothing can come between
    CHECK(cram_spread(pair, 0).empty());
}

TEST_CASE("cram order: a card does not follow one with the same answer when a card near it has another",
          "[cram][queue]") {
    std::vector<CramCandidate> cards = {candidate(1, true, "PM"), candidate(2, true, "PM"), candidate(3, true, "PM"),
                                        candidate(4, true, "PO"), candidate(5, true, "PO"), candidate(6, true, "")};
    // 1 PM, then the first PO (4), then PM (2), PO (5), PM (3), and the card with no answer.
    CHECK(cram_spread(cards, 10) == std::vector<Id>{1, 4, 2, 5, 3, 6});
    // New cards are not pulled ahead of met ones to vary the answer.
    std::vector<CramCandidate> grouped = {candidate(1, true, "PM"), candidate(2, true, "PM"),
                                          candidate(3, false, "PO")};
    CHECK(cram_spread(grouped, 10) == std::vector<Id>{1, 2, 3});
}

// ---- settings

namespace {

struct Collection {
    test::TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);
    Id roles = 0;
    Id others = 0;

    Collection() {
        sync_fact_deck(*storage, parse_fact_deck(test::two_roles_deck + "pm/a: one\n", "r.deck"), "r.deck", "h");
        std::string other = test::two_roles_deck + "po/b: two\n";
        other.replace(0, std::string("deck = Roles").size(), "deck = Others");
        sync_fact_deck(*storage, parse_fact_deck(other, "o.deck"), "o.deck", "h");
        roles = storage->find_deck("Roles").value().id;
        others = storage->find_deck("Others").value().id;
    }
};

}  // namespace

TEST_CASE("settings: leech-lapses and leech-action, globally and per deck", "[settings][leech]") {
    Collection c;
    Settings defaults = load_settings(*c.storage, std::nullopt);
    CHECK(defaults.leech.lapses == 8);
    CHECK(defaults.leech.action == LeechAction::suspend);
    store_setting(*c.storage, "leech-lapses", "4", std::nullopt);
    store_setting(*c.storage, "leech-action", "tag", c.roles);
    CHECK(load_settings(*c.storage, c.roles).leech.lapses == 4);
    CHECK(load_settings(*c.storage, c.roles).leech.action == LeechAction::tag);
    CHECK(load_settings(*c.storage, c.others).leech.action == LeechAction::suspend);

    // One deck reviewed: its own rule. Every deck: the global rule, and the deck's own for its cards.
    SessionRequest one;
    one.deck = c.roles;
    SessionOptions own = session_options(*c.storage, one, test::day("2026-11-22"));
    CHECK(own.leech.action == LeechAction::tag);
    CHECK(own.deck_leech_rules.empty());
    SessionOptions all = session_options(*c.storage, SessionRequest{}, test::day("2026-11-22"));
    CHECK(all.leech.lapses == 4);
    CHECK(all.leech.action == LeechAction::suspend);
    REQUIRE(all.deck_leech_rules.count(c.roles) == 1);
    CHECK(all.deck_leech_rules.at(c.roles).action == LeechAction::tag);
    CHECK(all.deck_leech_rules.at(c.roles).lapses == 4);
    CHECK(all.deck_leech_rules.count(c.others) == 0);

    try {
        store_setting(*c.storage, "leech-action", "delete", std::nullopt);
        FAIL("accepted 'delete'");
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::usage);
        CHECK(std::string(e.what()) == "leech-action must be suspend or tag, not 'delete'");
    }
    CHECK_THROWS_AS(store_setting(*c.storage, "leech-lapses", "1000", std::nullopt), Error);
    store_setting(*c.storage, "leech-lapses", "0", std::nullopt);
    CHECK(load_settings(*c.storage, std::nullopt).leech.lapses == 0);

    std::vector<std::string> rows;
    for (const auto& row : list_settings(*c.storage, c.roles)) rows.push_back(format_setting_row(row));
    CHECK(std::count_if(rows.begin(), rows.end(), [](const std::string& r) {
              return r.rfind("leech-action      tag     (set for this deck)", 0) == 0;
          }) == 1);
    CHECK(std::count_if(rows.begin(), rows.end(),
                        [](const std::string& r) { return r.rfind("leech-lapses      0       (set)", 0) == 0; }) == 1);
}

// ---- storage: the leech's tag and suspension travel with the answer and its undo

TEST_CASE("storage: an answer that makes a leech tags and suspends in its transaction, undo takes it back",
          "[storage][leech]") {
    Collection c;
    const Id card = c.storage->new_cards(c.roles, test::day("2026-11-22"), 1).at(0);
    const Day day = test::day("2026-11-22");
    CardState seven;
    seven.repetitions = 3;
    seven.interval_days = 10;
    seven.lapses = 7;
    seven.due = day;
    c.storage->set_card_state(card, seven);
    CardDraft text = c.storage->cards_of_note(c.storage->card(card).note_id).at(0).text;
    text.tags = "mine";
    c.storage->update_card_text(card, text);

    ReviewRecord answer;
    answer.card_id = card;
    answer.day = day;
    answer.answered_at = "2026-11-22T10:00:00+00:00";
    answer.grade = 1;
    answer.before = seven;
    answer.after = apply_grade(seven, 1, day);
    REQUIRE(answer.after.lapses == 8);
    LeechChange changed;
    const Id review = c.storage->record_answer(answer, LeechMark{true, true}, changed).value();
    CHECK(changed.tagged);
    CHECK(changed.suspended);
    CardRecord after = c.storage->card(card);
    CHECK(after.suspended);
    CHECK(after.tags == "mine leech");  // the card's own tag stays
    CHECK(after.state == answer.after);
    REQUIRE(c.storage->leech_cards(std::nullopt).size() == 1);
    CHECK(c.storage->leech_cards(std::nullopt)[0].id == card);
    CHECK(c.storage->leech_cards(c.others).empty());
    CHECK(c.storage->due_cards(c.roles, day + boost::gregorian::days(30), 10).empty());  // suspended

    c.storage->undo_answer(review, changed);
    CardRecord undone = c.storage->card(card);
    CHECK_FALSE(undone.suspended);
    CHECK(undone.tags == "mine");
    CHECK(undone.state == seven);
    CHECK(c.storage->leech_cards(std::nullopt).empty());

    // A card tagged and suspended already: the mark changes nothing, so an undo takes nothing back.
    c.storage->set_card_state(card, seven);
    LeechChange first;
    REQUIRE(c.storage->record_answer(answer, LeechMark{true, false}, first));
    CHECK(first.tagged);
    CHECK_FALSE(first.suspended);
    CHECK_FALSE(c.storage->card(card).suspended);
    answer.before = answer.after;
    answer.after = apply_grade(answer.before, 0, day);
    LeechChange second;
    const Id again = c.storage->record_answer(answer, LeechMark{true, false}, second).value();
    CHECK_FALSE(second.any());
    c.storage->undo_answer(again, second);
    CHECK(has_tag(c.storage->card(card).tags, "leech"));  // the first answer's tag stays
}

TEST_CASE("deck sync: a rebuild keeps the tag a review gave a leech", "[storage][leech][deck]") {
    Collection c;
    const Id card = c.storage->new_cards(c.roles, test::day("2026-11-22"), 1).at(0);
    const Day day = test::day("2026-11-22");
    CardState seven;
    seven.lapses = 7;
    seven.due = day;
    seven.repetitions = 1;
    seven.interval_days = 1;
    c.storage->set_card_state(card, seven);
    ReviewRecord answer;
    answer.card_id = card;
    answer.day = day;
    answer.answered_at = "2026-11-22T10:00:00+00:00";
    answer.grade = 0;
    answer.before = seven;
    answer.after = apply_grade(seven, 0, day);
    LeechChange changed;
    REQUIRE(c.storage->record_answer(answer, LeechMark{true, true}, changed));
    // The same source again: nothing to update, the tag stays.
    SyncCounts same =
        sync_fact_deck(*c.storage, parse_fact_deck(test::two_roles_deck + "pm/a: one\n", "r.deck"), "r.deck", "h2");
    CHECK(same.unchanged == 1);
    CHECK(same.updated == 0);
    CHECK(has_tag(c.storage->card(card).tags, "leech"));
    // Edited text: updated, and still a leech.
    SyncCounts edited = sync_fact_deck(
        *c.storage, parse_fact_deck(test::two_roles_deck + "pm/a: one, reworded\n", "r.deck"), "r.deck", "h3");
    CHECK(edited.updated == 1);
    CardRecord rebuilt = c.storage->card(card);
    CHECK_THAT(rebuilt.front, Catch::Contains("reworded"));
    CHECK(has_tag(rebuilt.tags, "leech"));
    CHECK(rebuilt.suspended);
}

// ---- whole sessions

namespace {

// Choice cards of their own notes, and one takeaway with two clozes (siblings).
const std::string modes_deck = R"(deck = Roles
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
pm/market: Studies the market.
po/order: Orders the upcoming work.
[takeaways]
horizon: A product plan looks {{quarters to years}} ahead.
twice: A sprint lasts {{a few weeks}}; its review takes {{an afternoon}}.
)";

struct Session {
    test::TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);
    FixedClock clock{std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 20000)};
    SessionSummary summary;
    Id deck = 0;

    Session() {
        sync_fact_deck(*storage, parse_fact_deck(modes_deck, "r.deck"), "r.deck", "h");
        deck = storage->find_deck("Roles").value().id;
    }

    // The card whose front holds `text`.
    Id card_with(const std::string& text) {
        Id found = 0;
        storage->for_each_card(std::nullopt, [&](const CardRecord& card) {
            if (card.front.find(text) != std::string::npos) found = card.id;
        });
        REQUIRE(found != 0);
        return found;
    }

    void set_state(Id card, int repetitions, int interval, int lapses, std::optional<Day> due,
                   EaseHundredths ease = initial_ease) {
        CardState state;
        state.repetitions = repetitions;
        state.interval_days = interval;
        state.lapses = lapses;
        state.due = due;
        state.ease = ease;
        storage->set_card_state(card, state);
    }

    // A scripted session whose answer to each card shown is `answer(block)`, the block printed for
    // it so far; at most `lines` lines are read.
    std::string run(SessionOptions options, const std::function<std::string(const std::string&)>& answer,
                    int lines = 50) {
        std::ostringstream out;
        int read = 0;
        LineReader reader = [&]() -> std::optional<std::string> {
            if (read++ >= lines) return std::nullopt;
            clock.advance(std::chrono::milliseconds(1000));
            const std::string text = out.str();
            const auto block = text.rfind("--- card");
            return answer(block == std::string::npos ? "" : text.substr(block));
        };
        summary = run_review(*storage, clock, options, reader, out);
        return out.str();
    }

    SessionOptions options(const char* today) const {
        SessionOptions o;
        o.today = test::day(today);
        o.deck = deck;
        return o;
    }

    std::vector<ReviewRecord> log() {
        std::vector<ReviewRecord> reviews;
        storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) { reviews.push_back(r); });
        return reviews;
    }

    // Card ids in the order the session showed them (by their headers' fronts).
    std::vector<Id> shown(const std::string& out) {
        std::vector<Id> ids;
        std::size_t at = 0;
        while ((at = out.find("--- card", at)) != std::string::npos) {
            const std::size_t line = out.find('\n', at) + 1;
            std::string front = out.substr(line, out.find('\n', line) - line);
            if (front == "Which role?") {
                const std::size_t next = out.find('\n', line) + 1;
                front = out.substr(next, out.find('\n', next) - next);
            }
            ids.push_back(card_with(front));
            at = line;
        }
        return ids;
    }
};

// The right answer to a block: the role of a statement, else "5" (a self-graded card).
std::string right(const std::string& block) {
    for (const char* pm : {"Owns the vision.", "Studies the market."}) {
        if (block.find(pm) != std::string::npos) return "pm";
    }
    for (const char* po : {"Writes user stories.", "Orders the upcoming work."}) {
        if (block.find(po) != std::string::npos) return "po";
    }
    return "5";
}

std::string wrong(const std::string& block) {
    const std::string r = right(block);
    return r == "pm" ? "po 1" : r == "po" ? "pm 1" : "1";
}

}  // namespace

TEST_CASE("review --ahead: cards due in the next days come after today's, by due day, graded by SM-2",
          "[review][ahead][sm2]") {
    Session s;
    const Day today = test::day("2026-11-22");
    const Id due_today = s.card_with("Owns the vision.");
    const Id in_three = s.card_with("Writes user stories.");
    const Id in_two = s.card_with("Studies the market.");
    s.set_state(due_today, 2, 6, 0, today);
    s.set_state(in_three, 2, 6, 0, today + boost::gregorian::days(3));
    s.set_state(in_two, 3, 15, 0, today + boost::gregorian::days(2));
    SessionOptions options = s.options("2026-11-22");
    options.limits.new_per_day = 0;

    // Without --ahead (and with too few days), the card due in 3 days waits.
    std::string plain = s.run(options, [](const std::string&) { return "q"; });
    CHECK_THAT(plain, Catch::Contains("--- card 1 of 1 (0 due, 0 new left)"));
    options.ahead_days = 2;
    CHECK_THAT(s.run(options, [](const std::string&) { return "q"; }), Catch::Contains("--- card 1 of 2 "));

    options.ahead_days = 3;
    // The card due in 3 days is graded 4 (the others get their suggested 5).
    std::string out = s.run(options, [](const std::string& block) {
        return block.find("Writes user stories.") != std::string::npos ? "po 4" : right(block);
    });
    CHECK(s.shown(out) == std::vector<Id>{due_today, in_two, in_three});
    CHECK_THAT(out, Catch::Contains("--- card 1 of 3 (2 due, 0 new left) [choice]\n"));
    CHECK_THAT(out, Catch::Contains("--- card 2 of 3 (1 due, 0 new left) [choice, ahead]\n"));
    auto log = s.log();
    REQUIRE(log.size() == 3);
    // An early answer is graded as SM-2 grades any: the next interval from the stored interval and
    // repetitions, not from the days elapsed, counted from today: 6 x EF 2.5 = 15 days from today,
    // as if it had been answered on its due day.
    const ReviewRecord& early = log[2];
    CHECK(early.card_id == in_three);
    CHECK_FALSE(early.drill);
    CHECK(early.grade == 4);
    CHECK(early.after.repetitions == 3);
    CHECK(early.after.ease == 250);
    CHECK(early.after.interval_days == 15);
    CHECK(early.after.due == today + boost::gregorian::days(15));
    CHECK(early.after.lapses == 0);
    CHECK(s.storage->card(in_three).state == early.after);
    CHECK(apply_grade(early.before, 4, today + boost::gregorian::days(3)).interval_days == 15);
}

TEST_CASE("review --ahead: a card buried until tomorrow stays hidden today, even when due in the window",
          "[review][ahead][bury]") {
    Session s;
    const Day today = test::day("2026-11-22");
    const Id buried = s.card_with("Owns the vision.");
    const Id ahead = s.card_with("Writes user stories.");
    s.set_state(buried, 2, 6, 0, today + boost::gregorian::days(2));
    s.set_state(ahead, 2, 6, 0, today + boost::gregorian::days(2));
    REQUIRE(s.storage->bury({buried}, today + boost::gregorian::days(1)) == 1);
    SessionOptions options = s.options("2026-11-22");
    options.limits.new_per_day = 0;
    options.ahead_days = 3;
    std::string out = s.run(options, [](const std::string& block) { return right(block); });
    CHECK(s.shown(out) == std::vector<Id>{ahead});
    // Tomorrow the bury is over: reviewing ahead again shows it.
    options.today = today + boost::gregorian::days(1);
    CHECK(s.shown(s.run(options, [](const std::string& block) { return right(block); })) == std::vector<Id>{buried});
}

TEST_CASE("review --cram: cards not due, met ones first, logged as drills, no schedule changes", "[review][cram]") {
    Session s;
    const Day today = test::day("2026-11-22");
    const Id due_today = s.card_with("Owns the vision.");
    const Id later = s.card_with("Writes user stories.");
    const Id much_later = s.card_with("Studies the market.");
    s.set_state(due_today, 2, 6, 0, today);
    s.set_state(later, 2, 6, 1, today + boost::gregorian::days(4));
    s.set_state(much_later, 3, 15, 0, today + boost::gregorian::days(12));
    const Id third = s.card_with("Orders the upcoming work.");
    s.set_state(third, 2, 6, 0, today + boost::gregorian::days(4));
    // A suspended card (here a leech of yesterday's) is never crammed.
    const Id suspended = s.card_with("A product plan looks [...]");
    s.set_state(suspended, 3, 20, 7, today - boost::gregorian::days(1));
    {
        ReviewRecord miss;
        miss.card_id = suspended;
        miss.day = today - boost::gregorian::days(1);
        miss.answered_at = "2026-11-21T10:00:00+00:00";
        miss.grade = 0;
        miss.before = s.storage->card(suspended).state;
        miss.after = apply_grade(miss.before, 0, miss.day);
        LeechChange changed;
        REQUIRE(s.storage->record_answer(miss, LeechMark{true, true}, changed));
        REQUIRE(s.storage->card(suspended).suspended);
    }
    std::map<Id, CardState> before;
    s.storage->for_each_card(std::nullopt, [&](const CardRecord& c) { before[c.id] = c.state; });

    SessionOptions options = s.options("2026-11-22");
    options.mode = ReviewMode::cram;
    std::string out = s.run(options, right);
    const std::vector<Id> order = s.shown(out);
    // Every card but the one due today and the suspended one: 3 met ones first, then the 2 new cards.
    REQUIRE(order.size() == 5);
    CHECK(std::find(order.begin(), order.end(), due_today) == order.end());
    CHECK(std::find(order.begin(), order.end(), suspended) == order.end());
    std::set<Id> met(order.begin(), order.begin() + 3);
    CHECK(met == std::set<Id>{later, much_later, third});
    CHECK_THAT(out, Catch::Contains("--- card 1 of 5 (4 to cram left) ["));
    CHECK_THAT(out, Catch::Contains(", cram]\n"));
    CHECK_THAT(out, Catch::Contains("cram: the schedule stays as it is; below 4 the card comes back in this session"));
    CHECK_THAT(out, Catch::Contains("saved: cram grade 5; the schedule is unchanged\n"));
    CHECK_THAT(out, Catch::Contains("=== cram session over\ncrammed: 5 (5 right, 100%); logged as drills, the schedule "
                                    "was not changed\nasked again: 0\n"));
    // The day's due card is still due, and the summary says so.
    CHECK_THAT(out, Catch::Contains("left today: 1 due, 2 new ('rolecall review' goes on)"));
    CHECK(s.summary.cram);
    CHECK(s.summary.crammed == 5);
    CHECK(s.summary.answered == 0);
    auto log = s.log();
    REQUIRE(log.size() == 6);  // yesterday's miss, then the cram
    log.erase(log.begin());
    for (const auto& r : log) {
        CHECK(r.drill);
        CHECK(r.before == r.after);
    }
    s.storage->for_each_card(std::nullopt, [&](const CardRecord& c) { CHECK(c.state == before[c.id]); });
    // Drills use none of the day's quota: the day still has its new cards and its due one.
    CHECK(s.storage->day_counts(std::nullopt, today).reviews == 0);
}

TEST_CASE("review --cram: a miss comes back at the end, never twice in a row, --limit, siblings apart",
          "[review][cram][drill]") {
    Session s;
    SessionOptions options = s.options("2026-11-22");
    options.mode = ReviewMode::cram;
    // Only new cards: the two clozes of one takeaway never follow each other.
    std::string all = s.run(options, right);
    const std::vector<Id> order = s.shown(all);
    REQUIRE(order.size() == 7);
    const Id first_cloze = s.card_with("A sprint lasts [...]");
    const Id second_cloze = s.card_with("its review takes [...]");
    const auto a = std::find(order.begin(), order.end(), first_cloze) - order.begin();
    const auto b = std::find(order.begin(), order.end(), second_cloze) - order.begin();
    CHECK(std::abs(a - b) > 1);
    // New cards stay new.
    CHECK(s.storage->count_new(s.deck, test::day("2026-11-22")) == 7);

    // The first card missed: it comes back once the cram is through, graded 4 it is done.
    options.limits.session_limit = 2;
    int shown = 0;
    std::string out =
        s.run(options, [&](const std::string& block) { return ++shown == 1 ? wrong(block) : right(block); });
    const std::vector<Id> again = s.shown(out);
    REQUIRE(again.size() == 3);
    CHECK(again[2] == again[0]);
    CHECK(again[1] != again[0]);
    CHECK_THAT(out, Catch::Contains("; the schedule is unchanged; it comes back once more\n"));
    CHECK_THAT(out, Catch::Contains("same-day drill]"));
    CHECK_THAT(out, Catch::Contains(
                        "crammed: 2 (1 right, 50%); logged as drills, the schedule was not changed\nasked again: 1\n"));
    // A cram lapse is no lapse: the missed card's state is as it was.
    CHECK(s.storage->card(again[0]).state.lapses == 0);
    CHECK(s.storage->card(again[0]).state.is_new());
}

TEST_CASE("review --cram: nothing to cram says so, and points at the cards due today", "[review][cram]") {
    Session s;
    const Day today = test::day("2026-11-22");
    std::vector<Id> ids;
    s.storage->for_each_card(std::nullopt, [&](const CardRecord& c) { ids.push_back(c.id); });
    for (Id id : ids) s.set_state(id, 1, 1, 0, today);
    SessionOptions options = s.options("2026-11-22");
    options.mode = ReviewMode::cram;
    std::string out = s.run(options, right);
    CHECK(out ==
          "Nothing to cram (2026-11-22): every card is due today, suspended or retired.\n"
          "7 cards are due today: 'rolecall review' grades them.\n");
    CHECK(s.log().empty());
}

TEST_CASE("leeches: the lapse that reaches leech-lapses suspends and tags the card, undo takes it back",
          "[review][leech][undo]") {
    Session s;
    const Day today = test::day("2026-11-22");
    const Id card = s.card_with("A product plan looks [...]");
    const Id other = s.card_with("Owns the vision.");
    const std::string tags = s.storage->card(card).tags;
    s.set_state(card, 3, 20, 7, today - boost::gregorian::days(1));
    s.set_state(other, 2, 6, 0, today);
    SessionOptions options = s.options("2026-11-22");
    options.limits.new_per_day = 0;
    const std::string leech_line =
        "leech: this card has lapsed 8 times and is suspended; rewrite it or unsuspend it "
        "with 'rolecall unsuspend " +
        std::to_string(card) + "'\n";

    // Missed, then undone at the next card: the card is as it was and shown again; a 5 is no lapse.
    std::vector<std::string> lines = {"1", "u", "5", "q"};
    std::size_t next = 0;
    std::string out = s.run(options, [&](const std::string&) { return lines.at(next++); });
    CHECK_THAT(out, Catch::Contains("saved: grade 1; next review 2026-11-23 (tomorrow)\n" + leech_line));
    CHECK_THAT(out, Catch::Contains("undone: the last answer"));
    CardRecord restored = s.storage->card(card);
    CHECK_FALSE(restored.suspended);
    CHECK(restored.tags == tags);
    CHECK(restored.state.lapses == 7);
    CHECK(restored.state.repetitions == 4);
    CHECK(s.log().size() == 1);  // the undone answer is not in the log

    // Missed for good the next day: suspended and tagged, no same-day drill, and `stats` lists it.
    const Day tomorrow = today + boost::gregorian::days(1);
    s.set_state(card, 3, 20, 7, today - boost::gregorian::days(1));
    out = s.run(
        s.options("2026-11-23"), [](const std::string&) { return "1"; }, 1);
    CHECK_THAT(out, Catch::Contains(leech_line));
    CardRecord leech = s.storage->card(card);
    CHECK(leech.suspended);
    CHECK(leech.tags == with_tag(tags, "leech"));
    CHECK(has_tag(leech.tags, "leech"));
    CHECK(leech.state.lapses == 8);
    CHECK(s.storage->cards_to_drill(std::nullopt, tomorrow).empty());
    StatsReport report = collect_stats(*s.storage, std::nullopt, "all decks", tomorrow, 30, {});
    REQUIRE(report.leeches.size() == 1);
    CHECK(report.leeches[0].id == card);
}

TEST_CASE("leeches: leech-action tag only tags, the next trigger is half the threshold later", "[review][leech]") {
    Session s;
    const Day today = test::day("2026-11-22");
    const Id card = s.card_with("A product plan looks [...]");
    SessionOptions options = s.options("2026-11-22");
    options.limits.new_per_day = 0;
    options.leech = LeechRule{8, LeechAction::tag};
    // One miss a day (a card answered today would wait for another day as its own sibling).
    auto miss = [&](int lapses, Day on) {
        s.set_state(card, 3, 20, lapses, on);
        options.today = on;
        return s.run(
            options, [](const std::string&) { return "0"; }, 1);
    };
    CHECK_THAT(miss(8, today - boost::gregorian::days(1)), !Catch::Contains("leech:"));  // the 9th lapse
    CHECK_FALSE(has_tag(s.storage->card(card).tags, "leech"));
    CHECK_THAT(miss(11, today),
               Catch::Contains("leech: this card has lapsed 12 times and is tagged leech; it stays in your reviews, "
                               "but rewriting it may help\n"));
    CardRecord tagged = s.storage->card(card);
    CHECK(has_tag(tagged.tags, "leech"));
    CHECK_FALSE(tagged.suspended);
    CHECK(s.storage->cards_to_drill(std::nullopt, today) == std::vector<Id>{card});
}

TEST_CASE("leeches: reviewing every deck, a deck's own leech settings judge its cards, drills never lapse",
          "[review][leech][cram]") {
    Session s;
    const Day today = test::day("2026-11-22");
    const Id card = s.card_with("A product plan looks [...]");
    SessionOptions options = s.options("2026-11-22");
    options.deck.reset();
    options.limits.new_per_day = 0;
    options.leech = LeechRule{8, LeechAction::suspend};
    options.deck_leech_rules[s.deck] = LeechRule{2, LeechAction::tag};

    // A cram miss of a card one lapse short: logged as a drill, no lapse, no leech.
    s.set_state(card, 3, 20, 1, today + boost::gregorian::days(5));
    SessionOptions cram = options;
    cram.mode = ReviewMode::cram;
    cram.limits.session_limit = 1;
    const std::string crammed = s.run(
        cram, [](const std::string&) { return "0"; }, 1);
    CHECK_THAT(crammed, Catch::Contains("saved: cram grade 0"));
    CHECK_THAT(crammed, !Catch::Contains("leech:"));
    CHECK(s.storage->card(card).state.lapses == 1);

    s.set_state(card, 3, 20, 1, today);
    const std::string out = s.run(
        options, [](const std::string&) { return "0"; }, 1);
    CHECK_THAT(out, Catch::Contains("leech: this card has lapsed 2 times and is tagged leech"));
    CHECK_FALSE(s.storage->card(card).suspended);
}

// ---- statistics

TEST_CASE("stats: leeches are listed with their ids, in the dashboard and in the JSON", "[stats][leech]") {
    Session s;
    const Day today = test::day("2026-11-22");
    const Id card = s.card_with("Writes user stories.");
    s.set_state(card, 3, 20, 7, today);
    SessionOptions options = s.options("2026-11-22");
    options.limits.new_per_day = 0;
    s.run(
        options, [](const std::string&) { return "pm 1"; }, 1);
    REQUIRE(s.storage->card(card).suspended);
    // A card with lapses but no tag is no leech.
    s.set_state(s.card_with("Owns the vision."), 3, 20, 5, today + boost::gregorian::days(3));

    StatsReport report = collect_stats(*s.storage, std::nullopt, "all decks", today, 30, {});
    REQUIRE(report.leeches.size() == 1);
    std::ostringstream json_out;
    print_stats_json(report, json_out);
    const auto doc = nlohmann::json::parse(json_out.str());
    REQUIRE(doc["leeches"].size() == 1);
    CHECK(doc["leeches"][0]["id"] == card);
    CHECK(doc["leeches"][0]["deck"] == "Roles");
    CHECK(doc["leeches"][0]["front"] == "Writes user stories.");
    CHECK(doc["leeches"][0]["lapses"] == 8);
    CHECK(doc["leeches"][0]["suspended"] == true);

    std::ostringstream dashboard;
    print_dashboard(report, DashboardStyle{Style{}, false}, dashboard);
    CHECK_THAT(dashboard.str(), Catch::Contains("Leeches: cards that keep lapsing\n"));
    CHECK_THAT(dashboard.str(),
               Catch::Contains(fmt::format("  {:>7}   8 lapses  suspended  Roles: Writes user stories.\n",
                                           "#" + std::to_string(card))));
    CHECK_THAT(dashboard.str(), Catch::Contains("'rolecall unsuspend ID' brings it back"));

    StatsReport other = collect_stats(*s.storage, s.storage->find_deck("Roles")->id + 1000, "none", today, 30, {});
    CHECK(other.leeches.empty());
}

TEST_CASE("views: the terminal says a card became a leech, and that a cram changed no schedule",
          "[review][leech][cram]") {
    CardRecord card;
    card.id = 42;
    SessionSummary summary;
    summary.cram = true;
    summary.crammed = 3;
    summary.cram_right = 2;
    std::ostringstream out;
    const Style plain;  // the view keeps a reference to it
    auto view = make_session_view(true, plain, fixed_width(60), out);
    view->leech(card, 8, true);
    view->saved(1, CardState{}, test::day("2026-11-22"), AnswerKind::cram);
    view->summary(summary, test::day("2026-11-22"));
    CHECK(out.str().find("  leech: this card has lapsed 8 times and is suspended;\n  rewrite it or unsuspend it with "
                         "'rolecall unsuspend 42'\n") == 0);
    // 76 columns on one line: wrapped at 60, under the text after "saved: ".
    CHECK_THAT(out.str(), Catch::Contains("  -> saved: cram grade 1; the schedule is unchanged; it\n" +
                                          std::string(12, ' ') + "comes back once more\n"));
    CHECK_THAT(out.str(),
               Catch::Contains("Cram session over\ncrammed: 3 (2 right, 67%); logged as drills, the schedule\n" +
                               std::string(9, ' ') + "was not changed\n"));
}

TEST_CASE("views: long options wrap at the terminal's width, under their own text", "[review]") {
    CardRecord card;
    card.kind = CardKind::choice;
    card.front = "Which of these two is the Project Manager's key documents?";
    card.choices = {
        "A dated timetable of the work, and a chart of who is responsible, accountable, consulted and "
        "informed",
        "The ordered list of upcoming work"};
    std::ostringstream out;
    const Style plain;
    auto view = make_session_view(true, plain, fixed_width(50), out);
    view->card(card, Progress{1, 1, 0, 0, 0, 0, false, false});
    std::istringstream lines(out.str());
    std::string line;
    std::vector<std::string> option_lines;
    while (std::getline(lines, line)) {
        CHECK(line.size() <= 50);
        if (line.rfind("  1  ", 0) == 0 || line.rfind("     ", 0) == 0 || line.rfind("  2  ", 0) == 0)
            option_lines.push_back(line);
    }
    REQUIRE(option_lines.size() >= 3);
    CHECK(option_lines[0].rfind("  1  A dated timetable", 0) == 0);
    CHECK(option_lines[1].rfind("     ", 0) == 0);  // continued under the text, not under the number
    CHECK(option_lines.back() == "  2  The ordered list of upcoming work");
}
