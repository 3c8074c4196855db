#include "rolecall/stats/workload_chart.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rolecall {

namespace {

constexpr int label_columns = 12;

double overall_max(const std::vector<std::vector<double>>& series) {
    double max = 0;
    for (const auto& s : series)
        for (double v : s) max = std::max(max, v);
    return max;
}

}  // namespace

int days_per_column(int days) { return days <= 371 ? 7 : (days + 52) / 53; }

std::vector<double> column_means(const VariantOutcome& outcome, int per_column) {
    std::vector<double> means;
    const int days = static_cast<int>(outcome.days.size());
    for (int start = 0; start < days; start += per_column) {
        const int end = std::min(days, start + per_column);
        double sum = 0;
        for (int d = start; d < end; ++d) sum += outcome.days[static_cast<std::size_t>(d)].reviews;
        means.push_back(sum / (end - start));
    }
    return means;
}

void print_workload_chart(const std::vector<VariantOutcome>& outcomes, bool unicode, std::ostream& out) {
    if (outcomes.empty() || outcomes.front().days.empty()) return;
    const int days = static_cast<int>(outcomes.front().days.size());
    const int per = days_per_column(days);
    std::vector<std::vector<double>> series;
    for (const auto& o : outcomes) series.push_back(column_means(o, per));
    const double max = overall_max(series);
    static const char* blocks[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    static const char* ascii[] = {" ", "_", ".", "-", "~", "=", "+", "*", "#"};
    for (std::size_t v = 0; v < outcomes.size(); ++v) {
        std::string line = pad_right(cut_to_width(outcomes[v].variant.label, label_columns - 1, "~"), label_columns);
        line += '|';
        for (double value : series[v]) {
            // Any review at all shows as the lowest step, so a quiet week is told from an empty one.
            int level = max > 0 ? static_cast<int>(std::round(value / max * 8)) : 0;
            if (value > 0) level = std::max(level, 1);
            line += (unicode ? blocks : ascii)[level];
        }
        out << line << '\n';
    }
    // The axis: a tick at every quarter of the period, named by its day; on a short period a tick
    // whose name would run into the one before is left out, so every name stays readable.
    const std::size_t columns = series.front().size();
    std::string axis(columns, '-');
    std::string names(columns + 8, ' ');
    std::size_t free_from = 0;  // the first column after the last name and a space
    for (std::size_t c = 0; c < columns; c += std::max<std::size_t>(1, columns / 4)) {
        const std::string name = c == 0 ? std::string("today") : fmt::format("+{}d", c * static_cast<std::size_t>(per));
        if (c < free_from || c + name.size() > names.size()) continue;
        if (c > 0) axis[c] = '+';
        names.replace(c, name.size(), name);
        free_from = c + name.size() + 1;
    }
    while (!names.empty() && names.back() == ' ') names.pop_back();
    out << std::string(label_columns, ' ') << '+' << axis << '\n';
    out << std::string(label_columns + 1, ' ') << names << '\n';
    out << fmt::format("{}a column is {} days' mean answers a day; a full {} is {:.0f}\n",
                       std::string(label_columns + 1, ' '), per, unicode ? "block" : "#", std::ceil(max));
}

}  // namespace rolecall
