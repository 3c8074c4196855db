#include "progress_line.hpp"

#include <unistd.h>

#include <cstdio>

namespace rolecall::cli {

ProgressLine::ProgressLine(std::string_view label, bool wanted)
    : m_label(label), m_enabled(wanted && isatty(STDERR_FILENO) != 0), m_start(std::chrono::steady_clock::now()) {}

ProgressLine::~ProgressLine() {
    if (m_shown) std::fputs("\r\x1b[K", stderr);
}

double ProgressLine::elapsed_seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
}

void ProgressLine::update(double fraction, std::string_view detail) {
    if (!m_enabled) return;
    const auto now = std::chrono::steady_clock::now();
    if (elapsed_seconds() < 1.0 || now - m_last < std::chrono::milliseconds(100)) return;
    m_last = now;
    m_shown = true;
    constexpr int width = 24;
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    std::fprintf(stderr, "\r%s [%s] %3.0f%%  %.*s\x1b[K", m_label.c_str(), bar.c_str(), fraction * 100,
                 static_cast<int>(detail.size()), detail.data());
    std::fflush(stderr);
}

}  // namespace rolecall::cli
