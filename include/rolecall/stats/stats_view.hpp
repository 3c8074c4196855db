// How statistics are shown: a terminal dashboard (80 columns, Unicode blocks or ASCII, colour or
// not), one JSON document, per-day rows for export, and a self-contained HTML report.
#pragma once

#include "rolecall/scheduling/workload_simulator.hpp"
#include "rolecall/stats/export.hpp"
#include "rolecall/stats/stats.hpp"
#include "rolecall/text/style.hpp"

#include <ostream>

namespace rolecall {

struct DashboardStyle {
    Style style;          // colour or plain
    bool unicode = true;  // block characters; false: ASCII only
};

void print_dashboard(const StatsReport& report, const DashboardStyle& look, std::ostream& out);
void print_stats_json(const StatsReport& report, std::ostream& out);

// `rolecall export stats`: one row per study day from `since` on.
void export_day_stats(const StatsReport& report, std::optional<Day> since, ExportFormat format, std::ostream& out);

// `rolecall report`: one HTML file, no scripts, no network; inline SVG and CSS. With `workload`, the
// simulated next year under each scheduler (stats/workload_chart.hpp) too.
void write_html_report(const StatsReport& report, std::ostream& out,
                       const std::vector<VariantOutcome>* workload = nullptr);

}  // namespace rolecall
