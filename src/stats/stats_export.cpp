// Statistics as data: the JSON of `rolecall stats --json` and the per-day rows of `export stats`.
#include "rolecall/stats/stats_view.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace rolecall {

namespace {

using nlohmann::json;

json retention_json(const Retention& r) {
    auto rate = r.rate();
    return json{{"correct", r.correct}, {"total", r.total}, {"rate", rate ? json(*rate) : json(nullptr)}};
}

json confusion_json(const ConfusionMatrix& m) {
    json worst = nullptr;
    if (auto cell = m.most_confused()) {
        auto [row, column, count] = *cell;
        worst = json{{"true", m.categories[row]}, {"answered", m.categories[column]}, {"count", count}};
    }
    return json{{"categories", m.categories},
                {"counts", m.counts},
                {"most_confused", worst},
                {"sentence", m.most_confused_sentence()}};
}

// The matrix of every deck together, as before, and under "decks" one per deck with choice answers:
// {"deck", "categories", "counts", "most_confused", "sentence"}.
json confusions_json(const ConfusionMatrix& together, const std::vector<DeckConfusion>& decks) {
    json doc = confusion_json(together);
    json by_deck = json::array();
    for (const auto& deck : decks) {
        json entry{{"deck", deck.deck}};
        entry.update(confusion_json(deck.matrix));
        by_deck.push_back(entry);
    }
    doc["decks"] = by_deck;
    return doc;
}

json day_json(const DayStats& d) {
    return json{{"date", format_day(d.day)},
                {"reviews", d.reviews},
                {"new", d.fresh},
                {"correct", d.correct},
                {"retention", d.reviews == 0 ? json(nullptr) : json(d.retention())},
                {"minutes", static_cast<double>(d.response_ms) / 60000.0},
                {"drills", d.drills},
                {"due_at_start", d.due_at_start ? json(*d.due_at_start) : json(nullptr)}};
}

json optional_json(std::optional<double> value) { return value ? json(*value) : json(nullptr); }

// {"decks": [{"deck", "scheduler", "desired_retention" (null under SM-2), "reviews", "recalled",
// "actual", "predicted"}], "calibration": {"answers", "recalled", "actual", "predicted", "log_loss",
// "rmse_bins", "bins": [{"low", "high", "answers", "recalled", "actual", "predicted"}]}}.
json memory_model_json(const MemoryModelStats& m) {
    json decks = json::array();
    for (const auto& deck : m.decks) {
        const bool fsrs = deck.scheduler == SchedulerKind::fsrs;
        decks.push_back(json{{"deck", deck.deck},
                             {"scheduler", to_string(deck.scheduler)},
                             {"desired_retention", fsrs ? json(deck.desired_retention) : json(nullptr)},
                             {"reviews", deck.reviews},
                             {"recalled", deck.recalled},
                             {"actual", optional_json(deck.reached())},
                             {"predicted", optional_json(deck.mean_predicted())}});
    }
    const Calibration& c = m.calibration;
    json bins = json::array();
    for (const auto& bin : c.bins) {
        bins.push_back(json{{"low", bin.low},
                            {"high", bin.high},
                            {"answers", bin.answers},
                            {"recalled", bin.recalled},
                            {"actual", optional_json(bin.actual())},
                            {"predicted", optional_json(bin.mean_predicted())}});
    }
    const bool any = c.answers > 0;
    return json{{"decks", decks},
                {"calibration",
                 {{"answers", c.answers},
                  {"recalled", c.recalled},
                  {"actual", any ? json(static_cast<double>(c.recalled) / c.answers) : json(nullptr)},
                  {"predicted", any ? json(c.predicted_sum / c.answers) : json(nullptr)},
                  {"log_loss", any ? json(c.log_loss()) : json(nullptr)},
                  {"rmse_bins", any ? json(c.rmse_bins()) : json(nullptr)},
                  {"bins", bins}}}};
}

}  // namespace

void print_stats_json(const StatsReport& r, std::ostream& out) {
    json buckets = json::array();
    for (std::size_t b = 1; b < r.by_bucket.size(); ++b) {
        json bucket = retention_json(r.by_bucket[b]);
        bucket["interval"] = interval_bucket_labels[b];
        buckets.push_back(bucket);
    }
    json ease = json::array();
    for (auto [value, count] : r.ease) ease.push_back(json{{"ease", value / 100.0}, {"cards", count}});
    json checkups = json::array();
    for (const auto& c : r.checkups)
        checkups.push_back(json{{"day", format_day(c.day)}, {"score", c.score}, {"total", c.total}});
    json hardest = json::array();
    for (const auto& card : r.hardest) {
        hardest.push_back(json{{"id", card.id},
                               {"front", card_headline(card)},
                               {"lapses", card.state.lapses},
                               {"ease", card.state.ease / 100.0}});
    }
    json leeches = json::array();
    for (const auto& card : r.leeches) {
        leeches.push_back(json{{"id", card.id},
                               {"deck", card.deck},
                               {"front", card_headline(card)},
                               {"lapses", card.state.lapses},
                               {"suspended", card.suspended}});
    }
    json days = json::array();
    for (const auto& d : r.days) days.push_back(day_json(d));
    json activity = json::array();
    for (const auto& week : activity_grid(r.days, r.today, 12)) activity.push_back(week);
    json doc{{"schema_version", export_schema_version},
             {"today", format_day(r.today)},
             {"scope", r.scope},
             {"window_days", r.window_days},
             {"due_today", r.due_today},
             {"overdue", r.overdue},
             {"new_available", r.new_available},
             {"done_today", r.done_today},
             {"new_today", r.new_today},
             {"minutes_today", static_cast<double>(r.ms_today) / 60000.0},
             {"current_streak", r.current_streak},
             {"longest_streak", r.longest_streak},
             {"forecast", r.forecast},
             {"activity_weeks", activity},
             {"retention",
              {{"young_recent", retention_json(r.young_recent)},
               {"mature_recent", retention_json(r.mature_recent)},
               {"young_all", retention_json(r.young_all)},
               {"mature_all", retention_json(r.mature_all)},
               {"by_interval", buckets}}},
             {"memory_model", memory_model_json(r.memory)},
             {"ease", ease},
             {"hardest", hardest},
             {"leeches", leeches},
             {"checkups", checkups},
             {"confusion_all", confusions_json(r.confusion_all, r.deck_confusions_all)},
             {"confusion_recent", confusions_json(r.confusion_recent, r.deck_confusions_recent)},
             {"days", days}};
    out << doc.dump(2) << '\n';
}

void export_day_stats(const StatsReport& r, std::optional<Day> since, ExportFormat format, std::ostream& out) {
    if (format == ExportFormat::json) {
        json rows = json::array();
        for (const auto& d : r.days) {
            if (!since || d.day >= *since) rows.push_back(day_json(d));
        }
        out << json{{"schema_version", export_schema_version}, {"days", rows}}.dump() << '\n';
        return;
    }
    out << "date,reviews,new,correct,retention,minutes,drills,due_at_start\r\n";
    for (const auto& d : r.days) {
        if (since && d.day < *since) continue;
        out << fmt::format("{},{},{},{},{},{:.2f},{},{}\r\n", format_day(d.day), d.reviews, d.fresh, d.correct,
                           d.reviews == 0 ? "" : fmt::format("{:.4f}", d.retention()),
                           static_cast<double>(d.response_ms) / 60000.0, d.drills,
                           d.due_at_start ? std::to_string(*d.due_at_start) : "");
    }
}

}  // namespace rolecall
