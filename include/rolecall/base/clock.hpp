// The clock, read at the edges only. main() reads it once to find the study day; the review loop asks
// it for answer times. Tests pass a FixedClock so nothing they check depends on the wall clock.
#pragma once

#include <chrono>
#include <string>

namespace rolecall {

class Clock {
public:
    virtual ~Clock() = default;
    virtual std::chrono::system_clock::time_point now() const = 0;
};

class SystemClock final : public Clock {
public:
    std::chrono::system_clock::time_point now() const override { return std::chrono::system_clock::now(); }
};

class FixedClock final : public Clock {
public:
    explicit FixedClock(std::chrono::system_clock::time_point at) : m_at(at) {}
    std::chrono::system_clock::time_point now() const override { return m_at; }
    void advance(std::chrono::milliseconds by) { m_at += by; }

private:
    std::chrono::system_clock::time_point m_at;
};

// ISO 8601 local time with its UTC offset: "2026-11-22T21:05:09+01:00".
std::string format_timestamp(std::chrono::system_clock::time_point at);

}  // namespace rolecall
