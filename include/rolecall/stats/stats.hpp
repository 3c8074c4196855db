// Statistics: every figure of `rolecall stats`, `export stats` and the HTML report, gathered from
// SQL aggregates of the review log (storage) and shaped here by pure functions of their rows.
#pragma once

#include "rolecall/base/day.hpp"
#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/stats/calibration.hpp"
#include "rolecall/storage/storage.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rolecall {

// One study day, from the review log (and the due snapshot taken when its first session started).
struct DayStats {
    Day day;
    int reviews = 0;  // non-drill answers
    int fresh = 0;    // of those, first answers of new cards
    int correct = 0;  // of those, graded 3 or more
    int drills = 0;
    std::int64_t response_ms = 0;
    std::optional<int> due_at_start;

    double retention() const { return reviews == 0 ? 0.0 : static_cast<double>(correct) / reviews; }
};

struct Retention {
    int correct = 0;
    int total = 0;
    std::optional<double> rate() const {
        return total == 0 ? std::nullopt : std::optional<double>(static_cast<double>(correct) / total);
    }
    void add(int c, int t) {
        correct += c;
        total += t;
    }
};

struct ConfusionMatrix {
    std::vector<std::string> categories;   // rows (true) and columns (answered), in deck order
    std::vector<std::vector<int>> counts;  // counts[true][answered]
    int total() const;
    int row_total(std::size_t row) const;
    // The largest off-diagonal cell: (true, answered, count); nullopt when no answer was wrong.
    std::optional<std::tuple<std::size_t, std::size_t, int>> most_confused() const;
    std::string most_confused_sentence() const;
};

// One deck's confusion matrix: the dashboard and the report show one per deck with choice answers,
// since categories of different decks are never confused with each other.
struct DeckConfusion {
    std::string deck;
    ConfusionMatrix matrix;
    // For each of the matrix's categories (same order), what may stand for it where its name does not
    // fit, best first (see category_abbreviations).
    std::vector<std::vector<std::string>> abbreviations;
};

struct StatsReport {
    Day today;
    std::string scope;  // deck name, or "all decks"
    int window_days = 30;

    // Today
    int due_today = 0;  // overdue included
    int overdue = 0;
    int new_available = 0;
    int done_today = 0;
    int new_today = 0;
    std::int64_t ms_today = 0;
    int current_streak = 0;
    int longest_streak = 0;

    std::vector<int> forecast;   // cards due on today+1 .. today+30
    std::vector<DayStats> days;  // every study day with answers, oldest first

    Retention young_recent, mature_recent, young_all, mature_all;
    std::array<Retention, 7> by_bucket{};  // all time; index 0 unused

    std::vector<std::pair<EaseHundredths, int>> ease;
    std::vector<CardRecord> hardest;
    // Cards tagged leech (suspended or not), most lapses first: to rewrite, or to unsuspend.
    std::vector<CardRecord> leeches;

    // Every deck's choice answers in one matrix (categories of the same name together), as
    // `stats --json` has always given it.
    ConfusionMatrix confusion_all;
    ConfusionMatrix confusion_recent;
    // One matrix per deck with choice answers in the period, by deck name.
    std::vector<DeckConfusion> deck_confusions_all;
    std::vector<DeckConfusion> deck_confusions_recent;

    // Every held-out checkup with an answer, oldest first: placing situations never practised, the
    // learner's real progress.
    std::vector<CheckupScore> checkups;

    // FSRS's predictions of recall on the window's reviews against the answers given, and each deck's
    // share recalled against its desired retention (stats/calibration.hpp).
    MemoryModelStats memory;
};

// A card's front on one line, without the deck's question above a choice card's statement.
std::string card_headline(const CardRecord& card);

// `schedulers`: every deck's scheduler settings (settings/scheduler_change.hpp's scheduler_configs), for
// the memory model's figures.
StatsReport collect_stats(Storage& storage, DeckFilter deck, const std::string& scope, Day today, int window_days,
                          const DeckSchedulers& schedulers);

// Consecutive study days: the run that ends today (or yesterday, while today is still open), and the
// longest run. `days` are sorted and unique.
std::pair<int, int> study_streaks(const std::vector<Day>& days, Day today);

ConfusionMatrix build_confusion(const std::vector<std::string>& categories, const std::vector<ChoiceCount>& counts);

// One matrix per deck of `decks` (in that order) that has choice answers among `counts`; a deck's
// categories, with their aliases, come from `categories` (by deck id).
std::vector<DeckConfusion> confusions_by_deck(const std::vector<DeckRow>& decks,
                                              const std::map<Id, std::vector<Category>>& categories,
                                              const std::vector<ChoiceCount>& counts);

// Shorter names for a category, best first: its aliases shorter than the name, shortest first
// ("PM" before "product mgr"), then the initials of a name of several words ("SR" for Sprint
// Retrospective). `category` is null for an option the deck no longer lists.
std::vector<std::string> category_abbreviations(const std::string& name, const Category* category);

// Reviews per day for the `weeks` weeks ending with today's week, Monday first: cells[week][weekday].
std::vector<std::array<int, 7>> activity_grid(const std::vector<DayStats>& days, Day today, int weeks);

}  // namespace rolecall
