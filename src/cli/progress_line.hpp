// A progress line on a terminal's stderr ("importing [#####...] 40%  ..."), shown only once the work
// has run for a second and redrawn at most ten times a second; cleared when done. Silent when stderr
// is not a terminal, so scripts and logs see nothing of it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace rolecall::cli {

class ProgressLine {
public:
    ProgressLine(std::string_view label, bool wanted);
    ~ProgressLine();
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    // `fraction` of the work done (0..1); `detail` follows the percentage.
    void update(double fraction, std::string_view detail = {});
    // Seconds since the work began, and the estimated seconds left at `fraction`.
    double elapsed_seconds() const;

private:
    std::string m_label;
    bool m_enabled;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last;
};

}  // namespace rolecall::cli
