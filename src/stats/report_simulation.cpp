// The report's workload section: what `rolecall simulate` prints, as an inline SVG line chart of the
// reviews a day under each scheduler and a table of the totals. No scripts, nothing fetched.
#include "rolecall/base/day.hpp"
#include "rolecall/text/text_utils.hpp"
#include "rolecall/stats/workload_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rolecall {

namespace {

constexpr const char* colours[] = {"#656d76", "#2f6fdd", "#1a7f37", "#cf222e", "#8250df"};

// A round step for the y axis: 1, 2 or 5 times a power of ten, about a quarter of `max`.
double axis_step(double max) {
    const double rough = std::max(max, 1.0) / 4;
    const double power = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * power >= rough) return m * power;
    return 10 * power;
}

}  // namespace

void write_workload_section(const std::vector<VariantOutcome>& outcomes, Day today, std::ostream& out) {
    if (outcomes.empty() || outcomes.front().days.empty()) return;
    const int days = static_cast<int>(outcomes.front().days.size());
    const int per = days_per_column(days);
    std::vector<std::vector<double>> series;
    double max = 0;
    for (const auto& o : outcomes) {
        series.push_back(column_means(o, per));
        for (double v : series.back()) max = std::max(max, v);
    }
    const double step = axis_step(max);
    const double top = std::max(step, std::ceil(max / step) * step);
    const int left = 40, right = 8, chart_w = 640, chart_h = 180, top_pad = 8;
    const std::size_t columns = series.front().size();
    auto x_of = [&](std::size_t c) {
        return left + (columns > 1 ? static_cast<double>(c) * chart_w / static_cast<double>(columns - 1) : 0.0);
    };
    auto y_of = [&](double v) { return top_pad + chart_h - v / top * chart_h; };

    out << fmt::format("<section><h2>Workload: the next {} days under each scheduler</h2>\n", days);
    out << fmt::format(
        "<svg id=\"workload\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"simulated reviews a day under each "
        "scheduler\">",
        left + chart_w + right, top_pad + chart_h + 44);
    for (double v = 0; v <= top + 1e-9; v += step) {
        const double y = y_of(v);
        out << fmt::format(
            "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#d0d7de\" stroke-width=\"{}\"/>"
            "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{:.0f}</text>",
            left, y, left + chart_w, y, v == 0 ? 1.0 : 0.5, left - 6, y + 4, v);
    }
    for (std::size_t c = 0; c < columns; c += std::max<std::size_t>(1, columns / 6)) {
        const Day day = today + boost::gregorian::days(static_cast<int>(c) * per);
        out << fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x_of(c),
                           top_pad + chart_h + 16, format_day(day));
    }
    for (std::size_t v = 0; v < series.size(); ++v) {
        std::string points;
        for (std::size_t c = 0; c < columns; ++c) points += fmt::format("{:.1f},{:.1f} ", x_of(c), y_of(series[v][c]));
        out << fmt::format(
            "<polyline class=\"variant\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"><title>{}</title>"
            "</polyline>",
            colours[v % std::size(colours)], points, html_escape(outcomes[v].variant.label));
    }
    // The legend, under the axis.
    double x = left;
    for (std::size_t v = 0; v < outcomes.size(); ++v) {
        const std::string label = html_escape(outcomes[v].variant.label);
        out << fmt::format(
            "<rect x=\"{:.0f}\" y=\"{}\" width=\"14\" height=\"4\" fill=\"{}\"/><text x=\"{:.0f}\" y=\"{}\">{}</text>",
            x, top_pad + chart_h + 32, colours[v % std::size(colours)], x + 18, top_pad + chart_h + 37, label);
        x += 34 + 7.0 * static_cast<double>(outcomes[v].variant.label.size());
    }
    out << "</svg>\n";
    out << "<div style=\"overflow-x:auto\"><table id=\"workload-table\" "
           "style=\"font-size:.9em\"><tr><th>scheduler</th><th>reviews/day</th>"
           "<th>min/day</th><th>recalled</th><th>retention</th><th>known</th></tr>";
    for (const auto& o : outcomes) {
        const auto recall = o.recall_at_review();
        out << fmt::format(
            "<tr><td>{}</td><td>{:.1f}</td><td>{:.1f}</td><td>{}</td><td>{:.1f}%</td><td>{:.0f}</td></tr>",
            html_escape(o.variant.label), o.reviews_per_day(), o.minutes_per_day(),
            recall ? fmt::format("{:.1f}%", *recall * 100) : std::string("&ndash;"), o.retention_end() * 100,
            o.memorised_end());
    }
    out << fmt::format(
        "</table></div>\n<p class=\"note\"><b>recalled</b>: the share of reviews recalled; <b>retention</b> and "
        "<b>known</b>: the mean predicted recall of the cards met, and their sum (the cards you would know if "
        "asked), on the last day. A simulation with FSRS's model of your memory (your fsrs-params), your "
        "share of grades and your seconds per answer, from your log; every scheduler on the same draws. A "
        "model, not a promise. Each point is a {}-day mean; <code>rolecall simulate</code> prints the same.</p>"
        "</section>\n",
        per);
}

}  // namespace rolecall
