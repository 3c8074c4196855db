// The held-out checkup (`rolecall check`): which-role questions that practice never shows, asked once
// each, right or wrong with the "why not" line, and a score at the end. It measures the one thing that
// matters at work, placing a situation never seen before; every checkup is kept for `stats`.
#pragma once

#include "rolecall/base/clock.hpp"
#include "rolecall/review/review_session.hpp"
#include "rolecall/storage/storage.hpp"
#include "rolecall/text/style.hpp"

#include <ostream>
#include <string>
#include <vector>

namespace rolecall {

inline constexpr int default_checkup_count = 12;

struct CheckupOptions {
    Id deck = 0;
    int count = default_checkup_count;  // questions to ask; the whole pool when it is smaller
    Day today;
    bool interactive = false;  // as SessionOptions::interactive
    Style style;
    WidthSource width;       // as SessionOptions::width
    PromptSink prompt_sink;  // as SessionOptions::prompt_sink
};

struct CheckupOutcome {
    int asked = 0;     // questions drawn
    int answered = 0;  // questions answered before the end (or a quit)
    int right = 0;
};

// The questions a checkup asks, in order: those asked least often so far first, ties in an order
// that changes from day to day. Pure.
std::vector<CheckupQuestion> draw_checkup(std::vector<CheckupQuestion> pool,
                                          const std::map<std::string, int>& times_asked, Day today, int count);

// Runs one checkup. Each answer is committed as it is given. Throws Error (usage) for a scripted line
// that is no answer, after the score so far is written; answers before it are kept.
CheckupOutcome run_checkup(Storage& storage, const Clock& clock, const CheckupOptions& options,
                           const LineReader& read_line, std::ostream& out);

}  // namespace rolecall
