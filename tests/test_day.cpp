#include "rolecall/base/day.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;
using boost::posix_time::ptime;
using boost::posix_time::time_duration;

TEST_CASE("day: parses and formats ISO dates strictly", "[day]") {
    CHECK(format_day(*parse_day("2026-11-22")) == "2026-11-22");
    CHECK(parse_day("2024-02-29").has_value());
    CHECK_FALSE(parse_day("2026-02-29").has_value());
    CHECK_FALSE(parse_day("2026-13-01").has_value());
    CHECK_FALSE(parse_day("2026-1-01").has_value());
    CHECK_FALSE(parse_day("22/11/2026").has_value());
    CHECK_FALSE(parse_day("").has_value());
    CHECK_FALSE(parse_day("2026-11-2x").has_value());
}

TEST_CASE("day: a session at 01:00 still counts for the evening before", "[day][rollover]") {
    Day sunday(2026, 11, 22);
    CHECK(study_day(ptime(sunday, time_duration(1, 0, 0)), 4) == Day(2026, 11, 21));
    CHECK(study_day(ptime(sunday, time_duration(3, 59, 59)), 4) == Day(2026, 11, 21));
    CHECK(study_day(ptime(sunday, time_duration(4, 0, 0)), 4) == sunday);
    CHECK(study_day(ptime(sunday, time_duration(23, 59, 0)), 4) == sunday);
}

TEST_CASE("day: the rollover hour is configurable, 0 meaning midnight", "[day][rollover]") {
    Day sunday(2026, 11, 22);
    CHECK(study_day(ptime(sunday, time_duration(1, 0, 0)), 0) == sunday);
    CHECK(study_day(ptime(sunday, time_duration(5, 0, 0)), 6) == Day(2026, 11, 21));
}

TEST_CASE("day: offsets read as words", "[day]") {
    CHECK(describe_offset(0) == "today");
    CHECK(describe_offset(1) == "tomorrow");
    CHECK(describe_offset(6) == "in 6 days");
    CHECK(describe_offset(-3) == "3 days ago");
    CHECK(days_between(Day(2026, 12, 30), Day(2027, 1, 2)) == 3);
}
