#include "rolecall/base/day.hpp"

#include <fmt/format.h>

#include <boost/date_time/posix_time/conversion.hpp>

#include <charconv>
#include <ctime>

namespace rolecall {

namespace {

std::optional<int> parse_digits(std::string_view text) {
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

std::optional<Day> parse_day(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto year = parse_digits(text.substr(0, 4));
    auto month = parse_digits(text.substr(5, 2));
    auto day = parse_digits(text.substr(8, 2));
    if (!year || !month || !day) return std::nullopt;
    if (*year < 1400 || *year > 9999 || *month < 1 || *month > 12 || *day < 1) return std::nullopt;
    // Boost rejects 31 February and friends by throwing; check the month's length instead.
    int last = boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(*year),
                                                                      static_cast<unsigned short>(*month));
    if (*day > last) return std::nullopt;
    return Day(static_cast<unsigned short>(*year), static_cast<unsigned short>(*month),
               static_cast<unsigned short>(*day));
}

std::string format_day(Day day) {
    auto ymd = day.year_month_day();
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                       static_cast<int>(ymd.day));
}

Day study_day(const boost::posix_time::ptime& local_time, int rollover_hour) {
    return (local_time - boost::posix_time::hours(rollover_hour)).date();
}

Day study_day(std::chrono::system_clock::time_point at, int rollover_hour) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm local{};
    localtime_r(&seconds, &local);
    return study_day(boost::posix_time::ptime_from_tm(local), rollover_hour);
}

int days_between(Day from, Day to) { return static_cast<int>((to - from).days()); }

std::string describe_offset(int days) {
    if (days == 0) return "today";
    if (days == 1) return "tomorrow";
    if (days == -1) return "yesterday";
    if (days > 1) return fmt::format("in {} days", days);
    return fmt::format("{} days ago", -days);
}

}  // namespace rolecall
