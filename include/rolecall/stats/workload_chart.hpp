// The chart of `rolecall simulate` and of the report's workload section: the reviews a day each
// scheduler would ask, a column per week (more days a column past a year, so any period fits 80
// columns), every variant on one scale.
#pragma once

#include "rolecall/scheduling/workload_simulator.hpp"

#include <ostream>
#include <vector>

namespace rolecall {

// The days in one column for a period of `days` days: 7 up to a year, then enough for 53 columns.
int days_per_column(int days);

// Mean reviews a day in each column of the chart.
std::vector<double> column_means(const VariantOutcome& outcome, int per_column);

// One line per variant: its label, then a column per `days_per_column` days, the height of each in
// eighths of a block (ASCII with `unicode` false), a scale under them.
void print_workload_chart(const std::vector<VariantOutcome>& outcomes, bool unicode, std::ostream& out);

// The same as an HTML section with an inline SVG line chart (the report's): reviews a day, a line per
// variant, and a table of the totals.
void write_workload_section(const std::vector<VariantOutcome>& outcomes, Day today, std::ostream& out);

}  // namespace rolecall
