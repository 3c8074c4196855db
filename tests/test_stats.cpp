#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/stats/stats.hpp"
#include "rolecall/stats/stats_view.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <sstream>

using namespace rolecall;

TEST_CASE("stats: streaks count consecutive study days, today or yesterday still current", "[stats]") {
    using test::day;
    std::vector<Day> days = {day("2026-11-01"), day("2026-11-02"), day("2026-11-03"), day("2026-11-05"),
                             day("2026-11-06")};
    CHECK(study_streaks(days, day("2026-11-06")) == std::pair{2, 3});
    CHECK(study_streaks(days, day("2026-11-07")) == std::pair{2, 3});  // today not studied yet
    CHECK(study_streaks(days, day("2026-11-08")) == std::pair{0, 3});  // a day missed
    CHECK(study_streaks({}, day("2026-11-08")) == std::pair{0, 0});
}

TEST_CASE("stats: the confusion matrix counts true against answered, and names the worst pair", "[stats]") {
    auto m = build_confusion({"Product Manager", "Product Owner", "Project Manager"},
                             {{"Product Owner", "Product Manager", 3},
                              {"Product Owner", "Product Owner", 6},
                              {"Product Manager", "Product Manager", 4},
                              {"Project Manager", "Product Owner", 1}});
    REQUIRE(m.categories.size() == 3);
    CHECK(m.counts[1][0] == 3);
    CHECK(m.counts[1][1] == 6);
    CHECK(m.row_total(1) == 9);
    CHECK(m.total() == 14);
    CHECK(m.most_confused_sentence() ==
          "Most confused: Product Owner taken for Product Manager, 3 times (33% of its answers).");
    auto none = build_confusion({"A", "B"}, {});
    CHECK(none.most_confused_sentence() == "No choice answers yet.");
    auto perfect = build_confusion({"A", "B"}, {{"A", "A", 2}});
    CHECK(perfect.most_confused_sentence() == "No confusions: every choice answer was right.");
    CHECK(perfect.categories == std::vector<std::string>{"A"});  // B was never asked nor answered
}

TEST_CASE("stats: the activity grid puts days in weeks (columns) and weekdays (rows)", "[stats]") {
    using test::day;
    // 2026-11-22 is a Sunday; 2026-11-16 the Monday of its week.
    std::vector<DayStats> days(3);
    days[0].day = day("2026-11-16");
    days[0].reviews = 5;
    days[1].day = day("2026-11-22");
    days[1].reviews = 2;
    days[1].drills = 1;
    days[2].day = day("2026-11-09");
    days[2].reviews = 7;
    auto grid = activity_grid(days, day("2026-11-22"), 12);
    REQUIRE(grid.size() == 12);
    CHECK(grid[11][0] == 5);
    CHECK(grid[11][6] == 3);
    CHECK(grid[10][0] == 7);
}

namespace {

// A log made by hand: three study days of a five-card choice deck whose answers are all "Alpha".
struct KnownLog {
    test::TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);

    KnownLog() {
        sync_fact_deck(*storage,
                       parse_fact_deck("deck = D\n[category a]\nname = Alpha\n[category b]\nname = Beta\n[statements]\n"
                                       "a/1: one\na/2: two\na/3: three\na/4: four\na/5: five\n",
                                       "d.deck"),
                       "d.deck", "h");
        auto ids = storage->new_cards(std::nullopt, test::day("2026-11-22"), 10);
        // 11-01: three right, two wrong (then drilled right); 11-02: all right; 11-08: one wrong.
        for (std::size_t i = 0; i < ids.size(); ++i) answer(ids[i], "2026-11-01", i < 3 ? "Alpha" : "Beta", false);
        answer(ids[3], "2026-11-01", "Alpha", true);
        answer(ids[4], "2026-11-01", "Alpha", true);
        for (Id id : ids) answer(id, "2026-11-02", "Alpha", false);
        for (std::size_t i = 0; i < ids.size(); ++i) answer(ids[i], "2026-11-08", i == 2 ? "Beta" : "Alpha", false);
        answer(ids[2], "2026-11-08", "Alpha", true);
    }

    void answer(Id id, const char* day, const std::string& chosen, bool drill) {
        test::log_answer(*storage, id, test::day(day), chosen == "Alpha" ? 4 : 1, chosen, drill, 3000);
    }
};

}  // namespace

TEST_CASE("stats: figures from a known log match the hand count", "[stats]") {
    KnownLog log;
    StatsReport r = collect_stats(*log.storage, std::nullopt, "all decks", test::day("2026-11-08"), 30, {});
    CHECK(r.current_streak == 1);
    CHECK(r.longest_streak == 2);
    CHECK(r.done_today == 5);
    CHECK(r.new_today == 0);
    CHECK(r.ms_today == 6 * 3000);  // five answers and a drill
    REQUIRE(r.days.size() == 3);
    CHECK(r.days[0].reviews == 5);
    CHECK(r.days[0].fresh == 5);
    CHECK(r.days[0].correct == 3);
    CHECK(r.days[0].drills == 2);
    CHECK(r.days[1].correct == 5);
    CHECK(r.days[2].correct == 4);
    // Retention leaves out first answers: 11-02 at interval 1 (5/5), 11-08 at interval 6 (4/5).
    CHECK(r.young_all.correct == 9);
    CHECK(r.young_all.total == 10);
    CHECK(r.by_bucket[1].total == 5);
    CHECK(r.by_bucket[2].correct == 4);
    CHECK(r.mature_all.total == 0);
    // Four cards right on 11-08 go to I(3) = ceil(6 x 2.5) = 15 days; the wrong one to 1 day.
    CHECK(r.forecast[0] == 1);
    CHECK(r.forecast[14] == 4);
    CHECK(r.due_today == 0);
    // Confusions count first answers only: Alpha was answered 12 times as Alpha and 3 times as Beta;
    // the three drills (all "Alpha") are left out.
    REQUIRE(r.confusion_all.categories == std::vector<std::string>{"Alpha", "Beta"});
    CHECK(r.confusion_all.counts[0][0] == 12);
    CHECK(r.confusion_all.counts[0][1] == 3);
    CHECK(r.confusion_all.most_confused_sentence() ==
          "Most confused: Alpha taken for Beta, 3 times (20% of its answers).");
    StatsReport recent = collect_stats(*log.storage, std::nullopt, "all decks", test::day("2026-11-08"), 1, {});
    CHECK(recent.confusion_recent.counts[0][0] == 4);
    CHECK(recent.confusion_recent.counts[0][1] == 1);
    CHECK(recent.young_recent.total == 5);
}

TEST_CASE("stats: export stats writes one row per study day, filtered by --since", "[stats][export]") {
    KnownLog log;
    StatsReport r = collect_stats(*log.storage, std::nullopt, "all decks", test::day("2026-11-08"), 30, {});
    std::ostringstream csv;
    export_day_stats(r, test::day("2026-11-02"), ExportFormat::csv, csv);
    CHECK(csv.str() ==
          "date,reviews,new,correct,retention,minutes,drills,due_at_start\r\n"
          "2026-11-02,5,0,5,1.0000,0.25,0,\r\n"
          "2026-11-08,5,0,4,0.8000,0.30,1,\r\n");
}

TEST_CASE("stats: the HTML report is one self-contained document with the figures", "[stats][report]") {
    KnownLog log;
    StatsReport r = collect_stats(*log.storage, std::nullopt, "all decks", test::day("2026-11-08"), 30, {});
    std::ostringstream html;
    write_html_report(r, html);
    const std::string page = html.str();
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK_THAT(page, Catch::EndsWith("</html>\n"));
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("http://") == std::string::npos);
    CHECK(page.find("https://") == std::string::npos);
    for (const char* id : {"id=\"today\"", "id=\"forecast\"", "id=\"heatmap\"", "id=\"retention\"",
                           "id=\"confusion-all\"", "id=\"confusion-recent\""}) {
        CHECK_THAT(page, Catch::Contains(id));
    }
    CHECK_THAT(page, Catch::Contains("<title>+15 d: 4</title>"));
    // The matrix counts first answers only (12 right, 3 wrong); the three drills are not in it.
    CHECK_THAT(page, Catch::Contains("Most confused: Alpha taken for Beta, 3 times (20% of its answers)."));
    CHECK_THAT(page, Catch::Contains("data-count=\"12\">12<br>"));
    CHECK_THAT(page, Catch::Contains("<td>90%</td>"));  // young retention, all time
}

namespace {

// Deck D of a KnownLog scheduled by FSRS.
DeckSchedulers fsrs_for(Storage& storage) {
    SchedulerConfig config;
    config.kind = SchedulerKind::fsrs;
    config.desired_retention = 0.85;
    return DeckSchedulers{{storage.find_deck("D")->id, config}};
}

}  // namespace

TEST_CASE("stats: the dashboard fits 80 columns and ASCII mode has no other bytes", "[stats][dashboard]") {
    KnownLog log;
    // Under FSRS, so that the memory model's section is measured too.
    StatsReport r =
        collect_stats(*log.storage, std::nullopt, "all decks", test::day("2026-11-08"), 30, fsrs_for(*log.storage));
    std::ostringstream out;
    DashboardStyle ascii;
    ascii.unicode = false;
    print_dashboard(r, ascii, out);
    std::istringstream lines(out.str());
    std::string line;
    while (std::getline(lines, line)) {
        INFO(line);
        CHECK(line.size() <= 80);
        for (char c : line) CHECK(static_cast<unsigned char>(c) < 0x80);
    }
    CHECK_THAT(out.str(), Catch::Contains("young (interval < 21 days)    90% (9/10)"));
    CHECK_THAT(out.str(), Catch::Contains("streak: 1 day now, longest 2"));
    CHECK_THAT(out.str(), Catch::Contains("Memory model (FSRS): predicted recall against answers, last 30 days"));
    CHECK_THAT(out.str(), Catch::Contains("  D                                   10     90.0%      85%"));
}

TEST_CASE("stats: the memory model's figures under FSRS in the report and the JSON", "[stats][calibration]") {
    KnownLog log;
    const Day today = test::day("2026-11-08");
    // Under SM-2 alone, no section: FSRS predicts nothing of a deck it does not schedule.
    StatsReport sm2 = collect_stats(*log.storage, std::nullopt, "all decks", today, 30, {});
    CHECK_FALSE(sm2.memory.any());
    CHECK(sm2.memory.decks.empty());  // nothing replayed at all when no deck in view is under FSRS
    std::ostringstream plain;
    print_dashboard(sm2, DashboardStyle{}, plain);
    CHECK(plain.str().find("Memory model") == std::string::npos);

    StatsReport r = collect_stats(*log.storage, std::nullopt, "all decks", today, 30, fsrs_for(*log.storage));
    // Ten reviews (11-02 and 11-08, five cards each), the one miss on 11-08.
    CHECK(r.memory.calibration.answers == 10);
    CHECK(r.memory.calibration.recalled == 9);
    std::ostringstream out;
    print_stats_json(r, out);
    const auto doc = nlohmann::json::parse(out.str());
    const auto& model = doc["memory_model"];
    REQUIRE(model["decks"].size() == 1);
    CHECK(model["decks"][0]["deck"] == "D");
    CHECK(model["decks"][0]["scheduler"] == "fsrs");
    CHECK(model["decks"][0]["desired_retention"] == 0.85);
    CHECK(model["decks"][0]["reviews"] == 10);
    CHECK(model["decks"][0]["recalled"] == 9);
    CHECK(model["decks"][0]["actual"] == 0.9);
    CHECK(model["decks"][0]["predicted"].get<double>() > 0.5);
    const auto& table = model["calibration"];
    CHECK(table["answers"] == 10);
    CHECK(table["recalled"] == 9);
    CHECK(table["log_loss"].get<double>() == Approx(r.memory.calibration.log_loss()));
    CHECK(table["rmse_bins"].get<double>() == Approx(r.memory.calibration.rmse_bins()));
    REQUIRE(table["bins"].size() == 7);
    int answers = 0;
    for (const auto& bin : table["bins"]) {
        answers += bin["answers"].get<int>();
        CHECK(bin["predicted"].is_null() == (bin["answers"] == 0));
    }
    CHECK(answers == 10);
    CHECK(table["bins"][0]["low"] == 0.0);
    CHECK(table["bins"][6]["high"] == 1.0);
    // The window: 11-08 alone.
    StatsReport today_only = collect_stats(*log.storage, std::nullopt, "all decks", today, 1, fsrs_for(*log.storage));
    CHECK(today_only.memory.calibration.answers == 5);
    CHECK(today_only.memory.calibration.recalled == 4);
    // SM-2 alone: no decks, an empty table.
    std::ostringstream sm2_json;
    print_stats_json(sm2, sm2_json);
    const auto sm2_doc = nlohmann::json::parse(sm2_json.str())["memory_model"];
    CHECK(sm2_doc["decks"].empty());
    CHECK(sm2_doc["calibration"]["answers"] == 0);
    CHECK(sm2_doc["calibration"]["log_loss"].is_null());

    std::ostringstream html;
    write_html_report(r, html);
    CHECK_THAT(html.str(), Catch::Contains("id=\"memory-model\""));
    CHECK_THAT(html.str(), Catch::Contains("id=\"calibration\""));
    CHECK_THAT(html.str(), Catch::Contains("<tr><td>D</td><td>10</td><td>90.0%</td><td>85%</td>"));
    std::ostringstream sm2_html;
    write_html_report(sm2, sm2_html);
    CHECK(sm2_html.str().find("memory-model") == std::string::npos);
}

TEST_CASE("stats: the aggregates kept with each answer equal a rebuild from the log", "[stats][storage]") {
    KnownLog log;
    auto rows = [&] {
        std::vector<std::string> out;
        log.storage->for_each_day_bucket(std::nullopt, std::nullopt, [&](const DayBucketCounts& r) {
            out.push_back(fmt::format("{} {} {} {} {} {}", format_day(r.day), r.bucket, r.reviews, r.correct, r.drills,
                                      r.response_ms));
        });
        auto choices = log.storage->choice_counts(std::nullopt, std::nullopt);
        for (const auto& c : choices) out.push_back(c.expected + ">" + c.chosen + " " + std::to_string(c.count));
        std::sort(out.begin(), out.end());
        return out;
    };
    // Undo the last answer: the aggregates lose it.
    Id last = 0;
    log.storage->for_each_review(std::nullopt, std::nullopt, [&](const ReviewRecord& r) { last = r.id; });
    log.storage->undo_answer(last);
    const auto incremental = rows();
    log.storage->rebuild_aggregates();
    CHECK(rows() == incremental);
    CHECK(std::find(incremental.begin(), incremental.end(), "2026-11-08 2 5 4 0 15000") != incremental.end());
    // First answers only: 3 + 5 + 4 right picks; the drills are in review_days, not here.
    CHECK(std::find(incremental.begin(), incremental.end(), "Alpha>Alpha 12") != incremental.end());
}

namespace {

// Two decks whose categories have nothing to do with each other: the roles (with their short
// aliases) and three events whose names are too long for three columns of 80.
struct TwoDecks {
    test::TempDir dir;
    std::unique_ptr<Storage> storage = Storage::open(dir / "c.db", true);

    TwoDecks() {
        sync_fact_deck(
            *storage,
            parse_fact_deck("deck = Roles\n[category pm]\nname = Product Manager\naliases = PM, product mgr\n"
                            "[category po]\nname = Product Owner\naliases = PO\n[category pjm]\n"
                            "name = Project Manager\naliases = PjM\n[statements]\npm/1: one\npo/2: two\n"
                            "pjm/3: three\n",
                            "roles.deck"),
            "roles.deck", "h1");
        sync_fact_deck(
            *storage,
            parse_fact_deck("deck = Events\n[category retro]\nname = Sprint Retrospective Meeting\n"
                            "[category refine]\nname = Backlog Refinement Workshop\n[category stakeholder-demo]\n"
                            "name = Stakeholder Demonstration Day\n[statements]\nretro/1: looks back\n"
                            "refine/2: splits items\nstakeholder-demo/3: shows\n",
                            "events.deck"),
            "events.deck", "h2");
        for (const auto& deck : storage->decks()) {
            for (Id id : storage->new_cards(deck.id, test::day("2026-11-22"), 10)) {
                const CardRecord card = storage->card(id);
                // Each deck's first option is picked every time: right once, wrong twice.
                test::log_answer(*storage, id, test::day("2026-11-08"), 1, card.choices.at(0));
            }
        }
    }
};

}  // namespace

TEST_CASE("stats: one confusion matrix per deck, under the deck's name, in 80 columns", "[stats][dashboard]") {
    TwoDecks two;
    StatsReport r = collect_stats(*two.storage, std::nullopt, "all decks", test::day("2026-11-08"), 30, {});
    REQUIRE(r.deck_confusions_all.size() == 2);
    CHECK(r.deck_confusions_all[0].deck == "Events");  // by name
    CHECK(r.deck_confusions_all[0].matrix.categories == std::vector<std::string>{"Sprint Retrospective Meeting",
                                                                                 "Backlog Refinement Workshop",
                                                                                 "Stakeholder Demonstration Day"});
    CHECK(r.deck_confusions_all[1].deck == "Roles");
    CHECK(r.deck_confusions_all[1].matrix.categories ==
          std::vector<std::string>{"Product Manager", "Product Owner", "Project Manager"});
    CHECK(r.deck_confusions_all[1].matrix.total() == 3);
    CHECK(r.deck_confusions_all[1].abbreviations[0] == std::vector<std::string>{"PM", "product mgr"});
    CHECK(r.deck_confusions_recent.size() == 2);
    CHECK(r.confusion_all.categories.size() == 6);  // every deck together, as stats --json always had it

    std::ostringstream out;
    DashboardStyle ascii;
    ascii.unicode = false;
    print_dashboard(r, ascii, out);
    const std::string text = out.str();
    INFO(text);
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) CHECK(line.size() <= 80);
    const std::string all_time = text.substr(text.find("Confusion (all time)"));
    // Two matrices, each under its deck's name with its own sentence; nothing cut mid-word.
    CHECK_THAT(all_time, Catch::Contains("\n  Events\n") && Catch::Contains("\n  Roles\n"));
    CHECK(all_time.find("\n  Roles\n") > all_time.find("\n  Events\n"));
    const std::string spaces(12, ' ');
    CHECK_THAT(all_time, Catch::Contains(std::string(20, ' ') + "Product Manager   Product Owner Project Manager\n" +
                                         "  Product Manager" + spaces + "1 100%" + std::string(10, ' ') + "0   0%" +
                                         std::string(10, ' ') + "0   0%\n"));
    CHECK_THAT(all_time, Catch::Contains("Most confused: Product Owner taken for Product Manager, 1 time"));
    // The events' names do not fit their columns: the short keys stand for two, the initials for the
    // third (its key is long too), and a legend says which is which, broken between its entries.
    CHECK_THAT(all_time,
               Catch::Contains(std::string(43, ' ') + "retro" + std::string(9, ' ') + "refine" + std::string(12, ' ') +
                               "SDD\n" + "  Sprint Retrospective Meeting" + spaces + "1 100%"));
    CHECK_THAT(all_time,
               Catch::Contains("\n  retro = Sprint Retrospective Meeting, refine = Backlog Refinement Workshop,\n"
                               "  SDD = Stakeholder Demonstration Day\n"));
    CHECK(text.find('~') == std::string::npos);

    std::ostringstream json_out;
    print_stats_json(r, json_out);
    const auto json = nlohmann::json::parse(json_out.str());
    REQUIRE(json["confusion_all"]["decks"].size() == 2);
    CHECK(json["confusion_all"]["decks"][1]["deck"] == "Roles");
    CHECK(json["confusion_all"]["decks"][1]["categories"].size() == 3);
    CHECK(json["confusion_all"]["decks"][1]["counts"][1][0] == 1);
    CHECK(json["confusion_all"]["categories"].size() == 6);
    CHECK(json["confusion_recent"]["decks"][0]["deck"] == "Events");

    std::ostringstream html;
    write_html_report(r, html);
    CHECK_THAT(html.str(), Catch::Contains("<h3>Events</h3>\n<table class=\"confusion\" data-deck=\"Events\">"));
    CHECK_THAT(html.str(), Catch::Contains("<h3>Roles</h3>\n<table class=\"confusion\" data-deck=\"Roles\">"));
}

TEST_CASE("stats: a category's abbreviations are its shorter aliases, shortest first, then its initials", "[stats]") {
    Category pjm{"prj", "Project Manager", {"PjM", "project mgr", "PrM", "Project Manager's boss"}, ""};
    CHECK(category_abbreviations("Project Manager", &pjm) ==
          std::vector<std::string>{"PjM", "PrM", "project mgr", "PM"});
    CHECK(category_abbreviations("Équipe Ouverte", nullptr) == std::vector<std::string>{"ÉO"});
    CHECK(category_abbreviations("Planning", nullptr).empty());
}
