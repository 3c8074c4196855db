// Settings in the core library: the options a review session gets from them, and the rows that
// `rolecall config get|list` show.
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/settings/session_options.hpp"
#include "rolecall/settings/setting_list.hpp"
#include "rolecall/settings/settings.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

namespace {

// A collection with two small decks, "Roles" and "Others".
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

TEST_CASE("settings: a session gets the defaults in a new collection", "[settings][review]") {
    Collection c;
    SessionOptions options = session_options(*c.storage, SessionRequest{}, test::day("2026-11-22"));
    CHECK(options.today == test::day("2026-11-22"));
    CHECK_FALSE(options.deck);
    CHECK(options.limits.new_per_day == 20);
    CHECK(options.limits.reviews_per_day == 200);
    CHECK_FALSE(options.limits.session_limit);
    CHECK(options.deck_new_limits.empty());
    CHECK(options.grade_right == 4);
    CHECK(options.grade_wrong == 1);
}

TEST_CASE("settings: one deck reviewed uses its own values, options override them", "[settings][review]") {
    Collection c;
    store_setting(*c.storage, "new-per-day", "7", std::nullopt);
    store_setting(*c.storage, "new-per-day", "3", c.roles);
    store_setting(*c.storage, "grade-right", "5", c.roles);
    SessionRequest request;
    request.deck = c.roles;
    SessionOptions options = session_options(*c.storage, request, test::day("2026-11-22"));
    CHECK(options.deck == c.roles);
    CHECK(options.limits.new_per_day == 3);
    CHECK(options.grade_right == 5);
    CHECK(options.deck_new_limits.empty());
    request.new_per_day = 9;
    request.reviews_per_day = 50;
    request.session_limit = 4;
    options = session_options(*c.storage, request, test::day("2026-11-22"));
    CHECK(options.limits.new_per_day == 9);
    CHECK(options.limits.reviews_per_day == 50);
    CHECK(options.limits.session_limit == 4);
}

TEST_CASE("settings: every deck reviewed keeps each deck's own new-card limit", "[settings][review][queue]") {
    Collection c;
    store_setting(*c.storage, "new-per-day", "10", std::nullopt);
    store_setting(*c.storage, "new-per-day", "2", c.others);
    store_setting(*c.storage, "grade-right", "5", c.others);  // a deck's grades apply to it alone
    SessionOptions options = session_options(*c.storage, SessionRequest{}, test::day("2026-11-22"));
    CHECK(options.limits.new_per_day == 10);
    CHECK(options.grade_right == 4);
    REQUIRE(options.deck_new_limits.size() == 1);
    CHECK(options.deck_new_limits.at(c.others) == 2);
    // --new for the run overrides every limit, the decks' own included.
    SessionRequest request;
    request.new_per_day = 5;
    CHECK(session_options(*c.storage, request, test::day("2026-11-22")).deck_new_limits.empty());
}

TEST_CASE("settings: the list shows each value in force and where it comes from", "[settings][config]") {
    Collection c;
    auto rows = list_settings(*c.storage, std::nullopt);
    REQUIRE(rows.size() == setting_specs().size());
    CHECK(format_setting_row(rows[0]) ==
          "new-per-day       20      (default) new cards introduced per study day (0..9999)");
    store_setting(*c.storage, "new-per-day", "10", std::nullopt);
    store_setting(*c.storage, "new-per-day", "2", c.roles);
    CHECK(format_setting_row(list_settings(*c.storage, std::nullopt)[0]) ==
          "new-per-day       10      (set) new cards introduced per study day (0..9999)");
    // A deck's list leaves out the settings that apply to every deck, and shows its own values.
    auto deck_rows = list_settings(*c.storage, c.roles);
    for (const auto& row : deck_rows) CHECK(row.spec->per_deck);
    CHECK(deck_rows.size() == 13);
    CHECK(deck_rows[0].value == "2");
    CHECK(deck_rows[0].source == "set for this deck");
    // Another deck without a value of its own gets the global one.
    SettingRow other = effective_setting(*c.storage, find_setting("new-per-day"), c.others);
    CHECK(other.value == "10");
    CHECK(other.source == "set");
}
