#include "rolecall/base/clock.hpp"

#include <fmt/format.h>

#include <ctime>

namespace rolecall {

std::string format_timestamp(std::chrono::system_clock::time_point at) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(at);
    std::tm local{};
    localtime_r(&seconds, &local);
    long offset_minutes = local.tm_gmtoff / 60;
    char sign = offset_minutes < 0 ? '-' : '+';
    if (offset_minutes < 0) offset_minutes = -offset_minutes;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}{:02}:{:02}", local.tm_year + 1900, local.tm_mon + 1,
                       local.tm_mday, local.tm_hour, local.tm_min, local.tm_sec, sign, offset_minutes / 60,
                       offset_minutes % 60);
}

}  // namespace rolecall
