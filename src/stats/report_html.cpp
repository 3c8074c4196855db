// `rolecall report`: the dashboard as one self-contained HTML page. No scripts and nothing loaded
// from anywhere: inline CSS and SVG, readable on a phone and printable.
#include "rolecall/text/text_utils.hpp"
#include "rolecall/stats/report_memory_model.hpp"
#include "rolecall/stats/stats_view.hpp"
#include "rolecall/stats/workload_chart.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall {

namespace {

std::string percent(const Retention& r) {
    auto rate = r.rate();
    return rate ? fmt::format("{:.0f}%", *rate * 100) : "&ndash;";
}

constexpr const char* css = R"css(
:root { --ink: #1f2328; --muted: #656d76; --accent: #2f6fdd; --good: #1a7f37; --bad: #cf222e; --line: #d0d7de; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       margin: 0 auto; padding: 16px; max-width: 880px; background: #fff; }
h1 { font-size: 1.5em; margin: 0 0 4px; }
h2 { font-size: 1.1em; margin: 28px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 1em; margin: 16px 0 6px; }
.sub { color: var(--muted); margin: 0 0 12px; }
.tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(104px, 1fr)); gap: 8px; }
.tile { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.tile b { display: block; font-size: 1.6em; }
.tile span { color: var(--muted); font-size: .9em; }
svg { width: 100%; height: auto; display: block; }
svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { padding: 6px 8px; text-align: right; border-bottom: 1px solid var(--line); }
th:first-child, td:first-child { text-align: left; }
td.front { text-align: left; }
.note { color: var(--muted); font-size: .92em; }
.sentence { font-weight: 600; margin-top: 8px; }
@media (max-width: 520px) { body { padding: 10px; font-size: 14px; } th, td { padding: 4px; } }
@media print { body { max-width: none; } h2 { break-after: avoid; } section { break-inside: avoid; } }
)css";

void tiles(const StatsReport& r, std::ostream& out) {
    auto tile = [&](auto value, const char* label) {
        out << "<div class=\"tile\"><b>" << value << "</b><span>" << label << "</span></div>";
    };
    out << "<div class=\"tiles\" id=\"today\">";
    tile(r.due_today, "due today");
    tile(r.overdue, "overdue");
    tile(r.new_available, "new available");
    tile(r.done_today, "done today");
    tile(fmt::format("{:.0f} min", static_cast<double>(r.ms_today) / 60000.0), "spent today");
    tile(r.current_streak, "day streak");
    tile(r.longest_streak, "longest streak");
    out << "</div>\n";
}

void forecast(const StatsReport& r, std::ostream& out) {
    out << "<section><h2>Forecast: cards due in the next 30 days</h2>\n";
    int max = std::max(1, *std::max_element(r.forecast.begin(), r.forecast.end()));
    const int chart_h = 140, bar_w = 20, left = 34;
    out << fmt::format("<svg id=\"forecast\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"cards due per day\">",
                       left + 30 * bar_w + 4, chart_h + 24);
    out << fmt::format("<text x=\"0\" y=\"12\">{}</text><text x=\"0\" y=\"{}\">0</text>", max, chart_h);
    for (std::size_t i = 0; i < r.forecast.size(); ++i) {
        int h = r.forecast[i] * (chart_h - 8) / max;
        out << fmt::format(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#2f6fdd\" data-count=\"{}\">"
            "<title>+{} d: {}</title></rect>",
            left + static_cast<int>(i) * bar_w + 2, chart_h - h, bar_w - 4, h, r.forecast[i], i + 1, r.forecast[i]);
        if (i % 7 == 0) {
            out << fmt::format("<text x=\"{}\" y=\"{}\">+{}d</text>", left + static_cast<int>(i) * bar_w + 2,
                               chart_h + 16, i + 1);
        }
    }
    out << fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#d0d7de\"/></svg>\n", left, chart_h + 1,
                       left + 30 * bar_w, chart_h + 1);
    out << fmt::format("<p class=\"note\">Due today {} ({} overdue); next 7 days {}.</p></section>\n", r.due_today,
                       r.overdue, [&] {
                           int s = 0;
                           for (std::size_t i = 0; i < 7; ++i) s += r.forecast[i];
                           return s;
                       }());
}

void heatmap(const StatsReport& r, std::ostream& out) {
    out << "<section><h2>Activity: answers per day, last 12 weeks</h2>\n";
    auto grid = activity_grid(r.days, r.today, 12);
    int max = 1;
    for (const auto& week : grid) max = std::max(max, *std::max_element(week.begin(), week.end()));
    const int cell = 16, left = 32;
    const Day first = r.today - boost::gregorian::days((r.today.day_of_week().as_number() + 6) % 7 + 7 * 11);
    out << fmt::format(
        "<svg id=\"heatmap\" viewBox=\"0 0 {} {}\" style=\"max-width:340px\" role=\"img\" "
        "aria-label=\"answers per day\">",
        left + 12 * cell, 7 * cell + 4);
    const char* names[] = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
    for (int d = 0; d < 7; ++d) {
        out << fmt::format("<text x=\"0\" y=\"{}\" style=\"font-size:8px\">{}</text>", d * cell + 11, names[d]);
    }
    for (std::size_t week = 0; week < grid.size(); ++week) {
        for (std::size_t d = 0; d < 7; ++d) {
            Day day = first + boost::gregorian::days(static_cast<long>(week * 7 + d));
            if (day > r.today) continue;
            int count = grid[week][d];
            double strength = count == 0 ? 0.0 : 0.25 + 0.75 * count / max;
            std::string fill = count == 0 ? "#ebedf0" : fmt::format("rgba(26,127,55,{:.2f})", strength);
            out << fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\" fill=\"{}\" data-count=\"{}\">"
                "<title>{}: {}</title></rect>",
                left + static_cast<int>(week) * cell, static_cast<int>(d) * cell, cell - 3, cell - 3, fill, count,
                format_day(day), count);
        }
    }
    out << "</svg></section>\n";
}

void retention(const StatsReport& r, std::ostream& out) {
    out << "<section><h2>Retention: share of reviews graded 3 or more</h2>\n";
    // Weekly retention over the last 12 weeks, as bars with their share written above.
    auto grid_start = r.today - boost::gregorian::days((r.today.day_of_week().as_number() + 6) % 7 + 7 * 11);
    std::array<Retention, 12> weeks{};
    for (const auto& d : r.days) {
        int offset = days_between(grid_start, d.day);
        if (offset >= 0 && offset < 84) weeks[static_cast<std::size_t>(offset / 7)].add(d.correct, d.reviews);
    }
    const int chart_h = 100, bar_w = 44, left = 34;
    out << fmt::format("<svg id=\"retention\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"weekly retention\">",
                       left + 12 * bar_w, chart_h + 34);
    out << fmt::format("<text x=\"0\" y=\"22\">100%</text><text x=\"0\" y=\"{}\">0%</text>", chart_h + 14);
    for (std::size_t w = 0; w < weeks.size(); ++w) {
        auto rate = weeks[w].rate();
        int x = left + static_cast<int>(w) * bar_w;
        if (rate) {
            int h = static_cast<int>(*rate * chart_h);
            out << fmt::format(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#1a7f37\" opacity=\"0.8\">"
                "<title>{}/{}</title></rect><text x=\"{}\" y=\"{}\">{:.0f}%</text>",
                x + 4, chart_h + 14 - h, bar_w - 8, h, weeks[w].correct, weeks[w].total, x + 6, chart_h + 10 - h,
                *rate * 100);
        }
        if (w % 2 == 0) {
            Day monday = grid_start + boost::gregorian::days(static_cast<long>(w * 7));
            out << fmt::format("<text x=\"{}\" y=\"{}\">{}</text>", x + 4, chart_h + 30, format_day(monday).substr(5));
        }
    }
    out << "</svg>\n<table id=\"retention-table\"><tr><th></th><th>last " << r.window_days
        << " days</th><th>all time</th></tr>";
    out << "<tr><td>young (interval &lt; 21 days)</td><td>" << percent(r.young_recent) << "</td><td>"
        << percent(r.young_all) << "</td></tr>";
    out << "<tr><td>mature (21 days or more)</td><td>" << percent(r.mature_recent) << "</td><td>"
        << percent(r.mature_all) << "</td></tr></table>\n";
    out << "<p class=\"note\">By interval: ";
    for (std::size_t b = 1; b < r.by_bucket.size(); ++b) {
        out << (b > 1 ? " &middot; " : "") << interval_bucket_labels[b] << " " << percent(r.by_bucket[b]);
    }
    out << "</p></section>\n";
}

// One shaded table per deck with choice answers in the period, under the deck's name.
void confusion(const std::vector<DeckConfusion>& decks, const std::string& id, const std::string& period,
               std::ostream& out) {
    out << "<section id=\"" << id << "\"><h2>Confusion, " << html_escape(period) << "</h2>\n";
    if (decks.empty()) {
        out << "<p class=\"note\">" << html_escape(ConfusionMatrix().most_confused_sentence()) << "</p></section>\n";
        return;
    }
    for (const auto& deck : decks) {
        const ConfusionMatrix& m = deck.matrix;
        out << "<h3>" << html_escape(deck.deck) << "</h3>\n<table class=\"confusion\" data-deck=\""
            << html_escape(deck.deck) << "\"><tr><th>true &darr; / answered &rarr;</th>";
        for (const auto& name : m.categories) out << "<th>" << html_escape(name) << "</th>";
        out << "</tr>";
        for (std::size_t row = 0; row < m.categories.size(); ++row) {
            int total = m.row_total(row);
            out << "<tr><td>" << html_escape(m.categories[row]) << "</td>";
            for (std::size_t column = 0; column < m.categories.size(); ++column) {
                int count = m.counts[row][column];
                double share = total == 0 ? 0.0 : static_cast<double>(count) / total;
                std::string colour = row == column
                                         ? fmt::format("rgba(26,127,55,{:.2f})", 0.08 + 0.5 * share)
                                         : fmt::format("rgba(207,34,46,{:.2f})", count == 0 ? 0.0 : 0.08 + 0.6 * share);
                out << fmt::format("<td style=\"background:{}\" data-count=\"{}\">{}<br><small>{:.0f}%</small></td>",
                                   colour, count, count, share * 100);
            }
            out << "</tr>";
        }
        out << "</table>\n<p class=\"sentence\">" << html_escape(m.most_confused_sentence()) << "</p>\n";
    }
    out << "</section>\n";
}

void hardest(const StatsReport& r, std::ostream& out) {
    out << "<section><h2>Hardest cards</h2>\n";
    if (r.hardest.empty()) {
        out << "<p class=\"note\">No lapses yet.</p></section>\n";
        return;
    }
    out << "<table id=\"hardest\"><tr><th>Card</th><th>lapses</th><th>ease</th></tr>";
    for (const auto& card : r.hardest) {
        out << "<tr><td class=\"front\">" << html_escape(card_headline(card)) << "</td><td>" << card.state.lapses
            << "</td><td>" << fmt::format("{:.2f}", card.state.ease / 100.0) << "</td></tr>";
    }
    out << "</table></section>\n";
}

// The checkup scores as a line over time: the one curve that shows whether the learner can place a
// situation never seen, with a table of the figures under it.
void checkups(const StatsReport& r, std::ostream& out) {
    out << "<section><h2>Checkups: situations never practised, placed right</h2>\n";
    if (r.checkups.empty()) {
        out << "<p class=\"note\">No checkup yet: <code>rolecall check</code> asks which-role questions that practice "
               "never shows, and keeps the score.</p></section>\n";
        return;
    }
    const int chart_h = 140, left = 34, step = 40, top = 8;
    const int n = static_cast<int>(r.checkups.size());
    const int width = left + std::max(1, n - 1) * step + 32;
    out << fmt::format(
        "<svg id=\"checkups\" viewBox=\"0 0 {} {}\" style=\"max-width:{}px\" role=\"img\" "
        "aria-label=\"checkup score per checkup, in percent\">",
        width, chart_h + 24, std::max(240, width));
    auto y_of = [&](int percent) { return top + (chart_h - top) * (100 - percent) / 100; };
    auto x_of = [&](int i) { return left + i * step + 4; };
    for (int level : {0, 50, 100}) {
        out << fmt::format(
            "<text x=\"0\" y=\"{}\">{}%</text><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" "
            "stroke=\"#d0d7de\"/>",
            y_of(level) + 4, level, left, y_of(level), width - 8, y_of(level));
    }
    std::string points;
    for (int i = 0; i < n; ++i) {
        points += fmt::format("{},{} ", x_of(i), y_of(r.checkups[static_cast<std::size_t>(i)].percent()));
    }
    out << fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#2f6fdd\" stroke-width=\"2\"/>", points);
    // The day under each point; with many checkups, under every few so the labels do not collide.
    const int label_every = std::max(1, (n + 11) / 12);
    for (int i = 0; i < n; ++i) {
        const CheckupScore& c = r.checkups[static_cast<std::size_t>(i)];
        if (i % label_every == 0 || i == n - 1) {
            out << fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x_of(i), chart_h + 18,
                               format_day(c.day).substr(5));
        }
        out << fmt::format(
            "<circle cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#2f6fdd\" data-score=\"{}/{}\">"
            "<title>{}: {}/{}</title></circle>",
            x_of(i), y_of(c.percent()), c.score, c.total, format_day(c.day), c.score, c.total);
    }
    out << "</svg>\n<table id=\"checkup-table\"><tr><th>Day</th><th>deck</th><th>score</th><th>right</th></tr>";
    for (auto it = r.checkups.rbegin(); it != r.checkups.rend() && it - r.checkups.rbegin() < 10; ++it) {
        out << "<tr><td>" << format_day(it->day) << "</td><td>" << html_escape(it->deck) << "</td><td>" << it->score
            << '/' << it->total << "</td><td>" << it->percent() << "%</td></tr>";
    }
    out << "</table></section>\n";
}

}  // namespace

void write_html_report(const StatsReport& r, std::ostream& out, const std::vector<VariantOutcome>* workload) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>rolecall report: "
        << html_escape(r.scope) << ", " << format_day(r.today) << "</title><style>" << css << "</style></head><body>\n";
    out << "<h1>rolecall: " << html_escape(r.scope) << "</h1><p class=\"sub\">Progress on " << format_day(r.today)
        << ". Every figure comes from the review log.</p>\n";
    tiles(r, out);
    forecast(r, out);
    if (workload) write_workload_section(*workload, r.today, out);
    heatmap(r, out);
    retention(r, out);
    write_memory_model_section(r, out);
    checkups(r, out);
    confusion(r.deck_confusions_all, "confusion-all", "all time", out);
    confusion(r.deck_confusions_recent, "confusion-recent", fmt::format("last {} days", r.window_days), out);
    hardest(r, out);
    out << "</body></html>\n";
}

}  // namespace rolecall
