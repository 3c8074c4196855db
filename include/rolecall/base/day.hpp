// Study days. A "day" in rolecall is a calendar date; the study day starts at a rollover hour
// (04:00 by default) so that a session just after midnight still counts for the evening before.
#pragma once

#include "rolecall/model.hpp"

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rolecall {

inline constexpr int default_rollover_hour = 4;

// Parses YYYY-MM-DD strictly; nullopt for anything else (including impossible dates).
std::optional<Day> parse_day(std::string_view text);

// Formats as YYYY-MM-DD.
std::string format_day(Day day);

// The study day that a local wall-clock time belongs to, given the hour (0..23) at which days roll over.
Day study_day(const boost::posix_time::ptime& local_time, int rollover_hour);
// ... of a moment, in local time (TZ).
Day study_day(std::chrono::system_clock::time_point at, int rollover_hour);

// Whole days from `from` to `to` (negative when `to` is earlier).
int days_between(Day from, Day to);

// "today", "tomorrow", "in 6 days", "yesterday", "3 days ago".
std::string describe_offset(int days);

}  // namespace rolecall
