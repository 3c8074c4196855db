// The HTML report's section on FSRS's predictions (report_html.cpp calls it): each deck's share
// recalled against its desired retention, and a calibration plot and table.
#pragma once

#include "rolecall/stats/stats.hpp"

#include <ostream>

namespace rolecall {

// Nothing when FSRS predicted no answer of a deck it schedules in the window.
void write_memory_model_section(const StatsReport& report, std::ostream& out);

}  // namespace rolecall
