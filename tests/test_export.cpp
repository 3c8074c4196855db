#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/stats/export.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

using namespace rolecall;

namespace {

const std::string deck_text = test::two_roles_deck +
                              "pm/vision: Owns the vision, \"and\" the roadmap, too.\n"
                              "po/stories: Writes user stories.\n";

}  // namespace

TEST_CASE("export: CSV fields are quoted as RFC 4180 asks", "[export]") {
    CHECK(csv_field("plain") == "plain");
    CHECK(csv_field("a,b") == "\"a,b\"");
    CHECK(csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_field("two\nlines") == "\"two\nlines\"");
    CHECK_THROWS_AS(export_format_from_string("xml"), Error);
}

TEST_CASE("export: cards and reviews as JSON carry the documented fields", "[export]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    sync_fact_deck(*storage, parse_fact_deck(deck_text, "r.deck"), "r.deck", "h");
    Id id = storage->new_cards(std::nullopt, test::day("2026-11-22"), 1)[0];
    test::log_answer(*storage, id, test::day("2026-11-22"), 3, "Product Owner", false, 2100);

    std::ostringstream cards;
    export_cards(*storage, std::nullopt, ExportFormat::json, cards, test::day("2026-11-25"), {});
    auto doc = nlohmann::json::parse(cards.str());
    CHECK(doc["schema_version"] == 1);
    REQUIRE(doc["cards"].size() == 2);
    nlohmann::json answered;
    for (const auto& c : doc["cards"]) {
        if (c["id"] == id) answered = c;
    }
    CHECK(answered["kind"] == "choice");
    CHECK(answered["choices"] == nlohmann::json::array({"Product Manager", "Product Owner"}));
    CHECK(answered["repetitions"] == 1);
    CHECK(answered["interval_days"] == 1);
    CHECK(answered["ease"] == Approx(2.36));
    CHECK(answered["due"] == "2026-11-23");
    CHECK(answered["lapses"] == 0);
    CHECK(answered["suspended"] == false);
    // FSRS's memory after a first Hard (grade 3) is w1, and recall three days on follows its curve.
    const auto& w = fsrs::default_parameters;
    CHECK(answered["stability"] == Approx(w[1]));
    CHECK(answered["difficulty"].get<double>() >= 1.0);
    const double factor = std::pow(0.9, -1.0 / w[20]) - 1.0;
    CHECK(answered["retrievability"] == Approx(std::pow(1.0 + factor * 3.0 / w[1], -w[20])));
    for (const auto& c : doc["cards"]) {
        if (c["id"] != id) CHECK((c["stability"].is_null() && c["retrievability"].is_null()));
    }

    std::ostringstream reviews;
    export_reviews(*storage, std::nullopt, std::nullopt, ExportFormat::json, reviews);
    auto log = nlohmann::json::parse(reviews.str())["reviews"];
    REQUIRE(log.size() == 1);
    CHECK(log[0]["card_id"] == id);
    CHECK(log[0]["day"] == "2026-11-22");
    CHECK(log[0]["grade"] == 3);
    CHECK(log[0]["drill"] == false);
    CHECK(log[0]["response_ms"] == 2100);
    CHECK(log[0]["chosen"] == "Product Owner");
    CHECK(log[0]["before"]["due"].is_null());
    CHECK(log[0]["after"]["ease"] == Approx(2.36));
    CHECK(log[0]["after"]["due"] == "2026-11-23");

    std::ostringstream since;
    export_reviews(*storage, std::nullopt, test::day("2026-11-23"), ExportFormat::json, since);
    CHECK(nlohmann::json::parse(since.str())["reviews"].empty());
}

TEST_CASE("export: cards as CSV have a header row and quoted text", "[export]") {
    test::TempDir dir;
    auto storage = Storage::open(dir / "c.db", true);
    sync_fact_deck(*storage, parse_fact_deck(deck_text, "r.deck"), "r.deck", "h");
    std::ostringstream out;
    export_cards(*storage, std::nullopt, ExportFormat::csv, out, test::day("2026-11-25"), {});
    std::string csv = out.str();
    CHECK(csv.rfind("id,deck,note,view,kind,front,back,choices,answer,tags,repetitions,interval_days,ease,due,"
                    "lapses,suspended,retired,choice_roles,why_not,stability,difficulty,retrievability\r\n",
                    0) == 0);
    CHECK_THAT(csv, Catch::Contains("\"Which one?\nOwns the vision, \"\"and\"\" the roadmap, too.\""));
    CHECK_THAT(csv, Catch::Contains(",0,0,2.5,,0,false,false,,,,,\r\n"));
}
