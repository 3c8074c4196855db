// The report's "Memory model (FSRS)" section: inline SVG and a table, no scripts.
#include "rolecall/stats/report_memory_model.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rolecall {

namespace {

std::string share(std::optional<double> value) {
    return value ? fmt::format("{:.1f}%", *value * 100) : std::string("&ndash;");
}

std::string bin_label(const CalibrationBin& bin) {
    return bin.low == 0.0 ? std::string("under 50%")
                          : fmt::format("{:.0f}&ndash;{:.0f}%", bin.low * 100, bin.high * 100);
}

// Predicted recall (x) against the share recalled (y) for each populated bin, a dot whose area grows
// with its answers, over the diagonal of a perfect prediction. Both axes start at the tenth below the
// lowest point, so the usual 70-100% is not squeezed into a corner.
void calibration_plot(const Calibration& c, std::ostream& out) {
    double lowest = 1.0;
    int most = 1;
    for (const auto& bin : c.bins) {
        if (bin.answers == 0) continue;
        lowest = std::min({lowest, *bin.mean_predicted(), *bin.actual()});
        most = std::max(most, bin.answers);
    }
    const double from = std::clamp(std::floor(lowest * 10 - 1e-9) / 10, 0.0, 0.9);
    const int left = 44, top = 10, size = 240, bottom = 40;
    auto x_of = [&](double v) { return left + (v - from) / (1.0 - from) * size; };
    auto y_of = [&](double v) { return top + (1.0 - v) / (1.0 - from) * size; };
    out << fmt::format(
        "<svg id=\"calibration\" viewBox=\"0 0 {} {}\" style=\"max-width:340px\" role=\"img\" "
        "aria-label=\"predicted recall against the share recalled\">",
        left + size + 16, top + size + bottom);
    for (int tenth = static_cast<int>(std::lround(from * 10)); tenth <= 10; ++tenth) {
        const double v = tenth / 10.0;
        out << fmt::format(
            "<line x1=\"{0:.1f}\" y1=\"{2}\" x2=\"{0:.1f}\" y2=\"{3}\" stroke=\"#eaeef2\"/>"
            "<line x1=\"{4}\" y1=\"{1:.1f}\" x2=\"{5}\" y2=\"{1:.1f}\" stroke=\"#eaeef2\"/>"
            "<text x=\"{0:.1f}\" y=\"{6}\" text-anchor=\"middle\">{7}%</text>"
            "<text x=\"{8}\" y=\"{9:.1f}\" text-anchor=\"end\">{7}%</text>",
            x_of(v), y_of(v), top, top + size, left, left + size, top + size + 14, tenth * 10, left - 4, y_of(v) + 4);
    }
    out << fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#d0d7de\"/>"
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#656d76\" stroke-dasharray=\"4 3\"/>"
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">predicted recall</text>"
        "<text x=\"10\" y=\"{}\" text-anchor=\"middle\" transform=\"rotate(-90 10 {})\">recalled</text>",
        left, top, size, size, x_of(from), y_of(from), x_of(1.0), y_of(1.0), left + size / 2, top + size + 32,
        top + size / 2, top + size / 2);
    for (const auto& bin : c.bins) {
        if (bin.answers == 0) continue;
        const double radius = 3 + 7 * std::sqrt(static_cast<double>(bin.answers) / most);
        out << fmt::format(
            "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"#2f6fdd\" fill-opacity=\"0.75\" "
            "data-answers=\"{}\"><title>{}: {} answers, predicted {}, recalled {}</title></circle>",
            x_of(*bin.mean_predicted()), y_of(*bin.actual()), radius, bin.answers, bin_label(bin), bin.answers,
            share(bin.mean_predicted()), share(bin.actual()));
    }
    out << "</svg>\n";
}

}  // namespace

void write_memory_model_section(const StatsReport& r, std::ostream& out) {
    const MemoryModelStats& m = r.memory;
    if (!m.any()) return;
    out << "<section id=\"memory-model\"><h2>Memory model (FSRS): predicted recall against answers, last "
        << r.window_days << " days</h2>\n";
    out << "<table id=\"recall-by-deck\"><tr><th>Deck</th><th>reviews</th><th>recalled</th><th>desired</th>"
           "<th>predicted</th></tr>";
    for (const auto& deck : m.decks) {
        out << "<tr><td>" << html_escape(deck.deck) << "</td><td>" << deck.reviews << "</td><td>"
            << share(deck.reached()) << "</td>";
        if (deck.scheduler == SchedulerKind::fsrs) {
            out << fmt::format("<td>{:.0f}%</td><td>{}</td></tr>", deck.desired_retention * 100,
                               share(deck.mean_predicted()));
        } else {
            out << "<td colspan=\"2\" class=\"note\">SM-2: no target</td></tr>";
        }
    }
    out << "</table>\n";
    // The plot beside its table, the table under it on a narrow screen.
    out << "<div style=\"display:flex;flex-wrap:wrap;gap:16px;align-items:center;margin-top:12px\">"
           "<div style=\"flex:0 1 320px\">";
    calibration_plot(m.calibration, out);
    out << "</div><div style=\"flex:1 1 360px\">";
    const Calibration& c = m.calibration;
    out << "<table id=\"calibration-table\"><tr><th>predicted recall</th><th>answers</th><th>predicted</th>"
           "<th>recalled</th></tr>";
    for (const auto& bin : c.bins) {
        out << "<tr><td>" << bin_label(bin) << "</td><td>" << bin.answers << "</td><td>" << share(bin.mean_predicted())
            << "</td><td>" << share(bin.actual()) << "</td></tr>";
    }
    out << fmt::format("<tr><th>all</th><th>{}</th><th>{}</th><th>{}</th></tr></table>\n", c.answers,
                       share(c.predicted_sum / c.answers), share(static_cast<double>(c.recalled) / c.answers));
    out << "</div></div>\n";
    out << fmt::format(
        "<p class=\"note\">Each review (a card's first answer of a day, after its first) of the decks FSRS "
        "schedules, with the recall FSRS predicted for it from the card's log under the deck's parameters. "
        "On the dashed diagonal the prediction held. Log loss {:.4f}, RMSE over these bins {:.2f}%.</p></section>\n",
        c.log_loss(), c.rmse_bins() * 100);
}

}  // namespace rolecall
