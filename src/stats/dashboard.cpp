// The terminal dashboard of `rolecall stats`.
#include "rolecall/text/text_utils.hpp"
#include "rolecall/stats/stats_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace rolecall {

namespace {

constexpr std::size_t width = 80;

std::string percent(const Retention& r) {
    auto rate = r.rate();
    if (!rate) return "-";
    return fmt::format("{:.0f}% ({}/{})", *rate * 100, r.correct, r.total);
}

std::string minutes(std::int64_t ms) {
    auto seconds = ms / 1000;
    return fmt::format("{} min {} s", seconds / 60, seconds % 60);
}

// The text on one line, cut to `columns` terminal columns with an ellipsis when cut.
std::string fit(const std::string& text, std::size_t columns, bool unicode) {
    std::string line = text;
    std::replace(line.begin(), line.end(), '\n', ' ');
    return cut_to_width(line, columns, unicode ? "…" : "~");
}

class Dashboard {
public:
    Dashboard(const StatsReport& report, const DashboardStyle& look, std::ostream& out)
        : m_r(report), m_look(look), m_out(out) {}

    void print() {
        title();
        today();
        forecast();
        activity();
        retention();
        memory_model();
        ease();
        hardest();
        leeches();
        checkups();
        confusions(m_r.deck_confusions_all, "all time");
        confusions(m_r.deck_confusions_recent, fmt::format("last {} days", m_r.window_days));
    }

private:
    void heading(const std::string& text) { m_out << '\n' << m_look.style.bold(text) << '\n'; }

    void title() {
        m_out << m_look.style.bold(fmt::format("rolecall stats: {}", fit(m_r.scope, 50, m_look.unicode)))
              << m_look.style.dim(fmt::format("  ({})", format_day(m_r.today))) << '\n';
    }

    void today() {
        heading("Today");
        // The time spent answering (the log's response times), which a session's summary does not
        // give: its "time" runs from its first card to its end, reading the feedback included.
        m_out << fmt::format("  due {} ({} overdue) | new available {} | done {} ({} new) | {} answering\n",
                             m_r.due_today, m_r.overdue, m_r.new_available, m_r.done_today, m_r.new_today,
                             minutes(m_r.ms_today));
        m_out << fmt::format("  streak: {} day{} now, longest {}\n", m_r.current_streak,
                             m_r.current_streak == 1 ? "" : "s", m_r.longest_streak);
    }

    // A bar of `value` out of `max` in `cells` columns (eighths with Unicode blocks).
    std::string bar(int value, int max, int cells) const {
        if (max <= 0 || value <= 0) return "";
        double filled = static_cast<double>(value) / max * cells;
        if (!m_look.unicode) return std::string(static_cast<std::size_t>(std::max(1.0, std::round(filled))), '#');
        static const char* eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
        int whole = static_cast<int>(filled);
        int part = static_cast<int>((filled - whole) * 8);
        std::string out;
        for (int i = 0; i < whole; ++i) out += "█";
        out += eighths[part];
        if (out.empty()) out = "▏";
        return out;
    }

    void forecast() {
        heading("Forecast: cards due in the next 30 days");
        int max = *std::max_element(m_r.forecast.begin(), m_r.forecast.end());
        if (max == 0) {
            m_out << "  nothing scheduled in the next 30 days\n";
        } else {
            // Columns of height 6, one per day; eighth blocks give the top its height.
            const int height = 6;
            static const char* levels[] = {" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
            for (int row = height; row >= 1; --row) {
                std::string line = row == height ? pad_left(std::to_string(max), 5) + " |" : "      |";
                for (int count : m_r.forecast) {
                    double level = static_cast<double>(count) / max * height;  // 0..height
                    std::string cell;
                    if (level >= row) {
                        cell = m_look.unicode ? "█" : "#";
                    } else if (level > row - 1) {
                        int eighth = static_cast<int>((level - (row - 1)) * 8);
                        cell = m_look.unicode ? levels[std::max(1, eighth)] : (eighth >= 4 ? "#" : ".");
                    } else {
                        cell = " ";
                    }
                    line += cell + cell;
                }
                m_out << m_look.style.accent(line) << '\n';
            }
            m_out << "      +" << std::string(60, '-') << '\n';
            m_out << "       +1d           +7d           +14d          +21d          +28d\n";
        }
        m_out << fmt::format("  due today {} (of them overdue {}); next 7 days {}; next 30 days {}\n", m_r.due_today,
                             m_r.overdue, sum(0, 7), sum(0, 30));
    }

    int sum(std::size_t from, std::size_t to) const {
        int total = 0;
        for (std::size_t i = from; i < to && i < m_r.forecast.size(); ++i) total += m_r.forecast[i];
        return total;
    }

    void activity() {
        heading("Activity: answers per day, last 12 weeks (a column a week)");
        const int weeks = 12;
        auto grid = activity_grid(m_r.days, m_r.today, weeks);
        const Day first =
            m_r.today - boost::gregorian::days((m_r.today.day_of_week().as_number() + 6) % 7 + 7 * (weeks - 1));
        int max = 0;
        for (const auto& week : grid) max = std::max(max, *std::max_element(week.begin(), week.end()));
        static const char* names[] = {"Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun"};
        for (std::size_t weekday = 0; weekday < 7; ++weekday) {
            std::string line = std::string("  ") + names[weekday] + " ";
            for (std::size_t week = 0; week < grid.size(); ++week) {
                int count = grid[week][weekday];
                Day cell = first + boost::gregorian::days(static_cast<long>(week * 7 + weekday));
                std::string shade = level(count, max, cell > m_r.today);
                line += shade + shade + " ";
            }
            m_out << line << '\n';
        }
        m_out << "      less " << level(0, 1, false) << level(1, 4, false) << level(2, 4, false) << level(3, 4, false)
              << level(4, 4, false) << " more";
        int total = 0, active = 0;
        for (const auto& week : grid) {
            for (int count : week) {
                total += count;
                active += count > 0 ? 1 : 0;
            }
        }
        m_out << fmt::format("   {} answer{} on {} day{}\n", total, total == 1 ? "" : "s", active,
                             active == 1 ? "" : "s");
    }

    std::string level(int count, int max, bool future) const {
        if (future) return " ";
        static const char* unicode_levels[] = {"·", "░", "▒", "▓", "█"};
        static const char* ascii_levels[] = {".", ":", "+", "*", "#"};
        int index = count <= 0 || max <= 0 ? 0 : std::clamp(1 + (count - 1) * 4 / max, 1, 4);
        std::string cell = m_look.unicode ? unicode_levels[index] : ascii_levels[index];
        return index == 0 ? m_look.style.dim(cell) : m_look.style.good(cell);
    }

    void retention() {
        heading("Retention: share of reviews graded 3 or more");
        m_out << fmt::format("  {}{}{}\n", pad_right("", 30),
                             pad_right(fmt::format("last {} days", m_r.window_days), 24), "all time");
        m_out << fmt::format("  {}{}{}\n", pad_right("young (interval < 21 days)", 30),
                             pad_right(percent(m_r.young_recent), 24), percent(m_r.young_all));
        m_out << fmt::format("  {}{}{}\n", pad_right("mature (21 days or more)", 30),
                             pad_right(percent(m_r.mature_recent), 24), percent(m_r.mature_all));
        std::string buckets = "  by interval:";
        for (std::size_t b = 1; b < m_r.by_bucket.size(); ++b) {
            auto rate = m_r.by_bucket[b].rate();
            buckets += fmt::format("{}{} {}", b == 1 ? " " : "  ", interval_bucket_labels[b],
                                   rate ? fmt::format("{:.0f}%", *rate * 100) : "-");
        }
        m_out << buckets << '\n';
    }

    // Shown when FSRS schedules a deck with reviews in the window: each deck's share recalled against
    // its desired retention, then FSRS's predicted recall in bins against the share recalled.
    void memory_model() {
        const MemoryModelStats& m = m_r.memory;
        if (!m.any()) return;
        heading(fmt::format("Memory model (FSRS): predicted recall against answers, last {} days", m_r.window_days));
        auto share = [](std::optional<double> value) {
            return value ? fmt::format("{:.1f}%", *value * 100) : std::string("-");
        };
        m_out << fmt::format("  {}{}{}{}{}\n", pad_right("deck", 30), pad_left("reviews", 8), pad_left("recalled", 10),
                             pad_left("desired", 9), pad_left("predicted", 11));
        constexpr std::size_t shown = 10;
        for (std::size_t i = 0; i < m.decks.size() && i < shown; ++i) {
            const DeckRecall& deck = m.decks[i];
            const bool fsrs = deck.scheduler == SchedulerKind::fsrs;
            m_out << fmt::format("  {}{}{}", pad_right(fit(deck.deck, 28, m_look.unicode), 30),
                                 pad_left(std::to_string(deck.reviews), 8), pad_left(share(deck.reached()), 10));
            if (fsrs) {
                m_out << pad_left(fmt::format("{:.0f}%", deck.desired_retention * 100), 9)
                      << pad_left(share(deck.mean_predicted()), 11) << '\n';
            } else {
                m_out << m_look.style.dim("   SM-2: no target") << '\n';
            }
        }
        if (m.decks.size() > shown)
            m_out << m_look.style.dim(fmt::format("  (and {} more decks: 'rolecall stats --json' lists them all)",
                                                  m.decks.size() - shown))
                  << '\n';
        m_out << '\n'
              << fmt::format("  {}{}{}{}", pad_right("predicted recall", 20), pad_left("answers", 9),
                             pad_left("predicted", 11), pad_left("recalled", 10))
              << m_look.style.dim(pad_left("gap", 8)) << '\n';
        auto row = [&](const std::string& label, int answers, std::optional<double> predicted,
                       std::optional<double> recalled) {
            m_out << fmt::format("  {}{}{}{}", pad_right(label, 20), pad_left(std::to_string(answers), 9),
                                 pad_left(share(predicted), 11), pad_left(share(recalled), 10));
            // How far the share recalled is from the prediction, in percentage points.
            if (predicted && recalled)
                m_out << m_look.style.dim(pad_left(fmt::format("{:+.1f}", (*recalled - *predicted) * 100), 8));
            m_out << '\n';
        };
        for (const auto& bin : m.calibration.bins) {
            row(bin.low == 0.0 ? "under 50%" : fmt::format("{:.0f}-{:.0f}%", bin.low * 100, bin.high * 100),
                bin.answers, bin.mean_predicted(), bin.actual());
        }
        const Calibration& all = m.calibration;
        row("all", all.answers, all.predicted_sum / all.answers, static_cast<double>(all.recalled) / all.answers);
        m_out << fmt::format("  log loss {:.4f} | RMSE(bins) {:.2f}% | answers to decks FSRS schedules\n",
                             all.log_loss(), all.rmse_bins() * 100);
    }

    void ease() {
        heading("Ease: E-Factors of cards past their first answer");
        if (m_r.ease.empty()) {
            m_out << "  no card answered yet\n";
            return;
        }
        // Buckets of 0.2 from 1.3 up; the last one open-ended.
        struct Range {
            EaseHundredths low, high;
        };
        const Range ranges[] = {{130, 149}, {150, 169}, {170, 189}, {190, 209},
                                {210, 229}, {230, 249}, {250, 269}, {270, 9999}};
        int counts[8] = {};
        for (auto [ease, count] : m_r.ease) {
            for (std::size_t i = 0; i < 8; ++i) {
                if (ease >= ranges[i].low && ease <= ranges[i].high) counts[i] += count;
            }
        }
        int max = *std::max_element(std::begin(counts), std::end(counts));
        for (std::size_t i = 0; i < 8; ++i) {
            std::string label =
                i == 7 ? "2.70+    " : fmt::format("{:.2f}-{:.2f}", ranges[i].low / 100.0, ranges[i].high / 100.0);
            m_out << fmt::format("  {} {} {}\n", label, pad_left(std::to_string(counts[i]), 6),
                                 m_look.style.accent(bar(counts[i], max, 50)));
        }
    }

    void hardest() {
        heading("Hardest cards: most lapses");
        if (m_r.hardest.empty()) {
            m_out << "  no lapses yet\n";
            return;
        }
        for (const auto& card : m_r.hardest) {
            m_out << fmt::format("  {} {}  EF {:.2f}  {}\n", pad_left(std::to_string(card.state.lapses), 3),
                                 card.state.lapses == 1 ? "lapse " : "lapses", card.state.ease / 100.0,
                                 fit(card_headline(card), 52, m_look.unicode));
        }
    }

    // Cards tagged leech, with the ids that rewriting or unsuspending them needs.
    void leeches() {
        heading("Leeches: cards that keep lapsing");
        if (m_r.leeches.empty()) {
            m_out << "  none\n";
            return;
        }
        constexpr std::size_t shown = 10;
        for (std::size_t i = 0; i < m_r.leeches.size() && i < shown; ++i) {
            const CardRecord& card = m_r.leeches[i];
            m_out << fmt::format("  {} {} lapses  {}  {}\n", pad_left(fmt::format("#{}", card.id), 7),
                                 pad_left(std::to_string(card.state.lapses), 3),
                                 card.suspended ? "suspended" : "tagged   ",
                                 fit(card.deck + ": " + card_headline(card), 44, m_look.unicode));
        }
        if (m_r.leeches.size() > shown)
            m_out << m_look.style.dim(fmt::format("  (and {} more: 'rolecall stats --json' lists them all)",
                                                  m_r.leeches.size() - shown))
                  << '\n';
        if (std::any_of(m_r.leeches.begin(), m_r.leeches.end(), [](const CardRecord& c) { return c.suspended; }))
            m_out << m_look.style.dim("  rewrite a suspended one, or 'rolecall unsuspend ID' brings it back") << '\n';
    }

    // The last checkups, a bar each: how well situations never practised are placed.
    void checkups() {
        heading("Checkups: situations never practised, placed right");
        if (m_r.checkups.empty()) {
            m_out << "  no checkup yet: 'rolecall check' asks questions practice never shows\n";
            return;
        }
        constexpr std::size_t shown = 10;
        const std::size_t first = m_r.checkups.size() > shown ? m_r.checkups.size() - shown : 0;
        if (first > 0)
            m_out << m_look.style.dim(fmt::format("  (the last {} of {})", shown, m_r.checkups.size())) << '\n';
        for (std::size_t i = first; i < m_r.checkups.size(); ++i) {
            const CheckupScore& c = m_r.checkups[i];
            const int percent = c.percent();
            m_out << fmt::format("  {}  {}  {}  {}\n", format_day(c.day),
                                 pad_left(fmt::format("{}/{}", c.score, c.total), 6),
                                 pad_left(fmt::format("{}%", percent), 4), m_look.style.accent(bar(percent, 100, 40)));
        }
    }

    // One matrix per deck with choice answers in the period: categories of different decks are never
    // confused with each other, and one deck's three fit where every deck's together would not.
    void confusions(const std::vector<DeckConfusion>& decks, const std::string& period) {
        heading(fmt::format("Confusion ({}): true answer in rows, answer given in columns", period));
        if (decks.empty()) {
            m_out << wrap_text(ConfusionMatrix().most_confused_sentence(), width, "  ") << '\n';
            return;
        }
        for (std::size_t i = 0; i < decks.size(); ++i) {
            if (i > 0) m_out << '\n';
            confusion(decks[i]);
        }
    }

    // The deck's name, then rows of the true answer against columns of the answer given: "count pct%"
    // a cell, or the count alone when the categories are too many for that in 80 columns. A heading
    // that does not fit is the category's short name, explained in a legend under the matrix.
    void confusion(const DeckConfusion& deck) {
        const ConfusionMatrix& matrix = deck.matrix;
        const std::size_t n = matrix.categories.size();
        m_out << "  " << m_look.style.bold(fit(deck.deck, width - 2, m_look.unicode)) << '\n';
        std::size_t longest = 0;
        for (const auto& name : matrix.categories) longest = std::max(longest, display_width(name));
        const std::size_t min_label = 12;
        const bool compact = 2 + min_label + n * 9 > width;
        const std::size_t min_cell = compact ? 6 : 9;
        const std::size_t room = width - 2 > n * min_cell ? width - 2 - n * min_cell : 0;
        const std::size_t label = std::max(min_label, std::min(longest + 2, room));
        const std::size_t cell = std::clamp(width - 2 > label ? (width - 2 - label) / n : 0, min_cell, std::size_t{16});
        const std::vector<std::string> headings = short_headings(deck, cell - 1);
        // A row shows the category's name when it fits, else what its column shows.
        std::vector<std::string> labels;
        for (std::size_t i = 0; i < n; ++i)
            labels.push_back(display_width(matrix.categories[i]) < label ? matrix.categories[i] : headings[i]);

        std::string header = "  " + pad_right("", label);
        for (const auto& heading : headings) header += pad_left(heading, cell);
        m_out << m_look.style.dim(header) << '\n';
        for (std::size_t row = 0; row < n; ++row) {
            std::string line = "  " + pad_right(fit(labels[row], label - 1, m_look.unicode), label);
            int total = matrix.row_total(row);
            for (std::size_t column = 0; column < n; ++column) {
                int count = matrix.counts[row][column];
                std::string text = total == 0 ? "-"
                                   : compact  ? std::to_string(count)
                                              : fmt::format("{} {:>3.0f}%", count, 100.0 * count / total);
                text = pad_left(text, cell);
                if (count > 0 && row != column) text = m_look.style.bad(text);
                if (count > 0 && row == column) text = m_look.style.good(text);
                line += text;
            }
            m_out << line << '\n';
        }
        // The legend: "SR = Sprint Retrospective, ...", lines broken between its entries.
        std::string legend, line;
        for (std::size_t i = 0; i < n; ++i) {
            if (headings[i] == matrix.categories[i]) continue;
            std::string entry = fmt::format("{} = {}", headings[i], matrix.categories[i]);
            if (!line.empty() && 2 + display_width(line) + 2 + display_width(entry) > width) {
                legend += "  " + line + ",\n";
                line.clear();
            }
            line += (line.empty() ? "" : ", ") + entry;
        }
        if (!line.empty()) legend += "  " + line + '\n';
        m_out << m_look.style.dim(legend);
        m_out << wrap_text(matrix.most_confused_sentence(), width, "  ") << '\n';
    }

    // What stands for each category where `columns` are free: its name when it fits, else the first of
    // its abbreviations that fits, else its number; numbers for all if two would read the same.
    static std::vector<std::string> short_headings(const DeckConfusion& deck, std::size_t columns) {
        const auto& names = deck.matrix.categories;
        std::vector<std::string> shown;
        for (std::size_t i = 0; i < names.size(); ++i) {
            std::string heading = display_width(names[i]) <= columns ? names[i] : std::to_string(i + 1);
            if (heading != names[i] && i < deck.abbreviations.size()) {
                for (const auto& abbreviation : deck.abbreviations[i]) {
                    if (display_width(abbreviation) > columns) continue;
                    heading = abbreviation;
                    break;
                }
            }
            shown.push_back(heading);
        }
        for (std::size_t i = 0; i < shown.size(); ++i) {
            for (std::size_t j = i + 1; j < shown.size(); ++j) {
                if (shown[i] != shown[j]) continue;
                for (std::size_t k = 0; k < shown.size(); ++k) shown[k] = std::to_string(k + 1);
                return shown;
            }
        }
        return shown;
    }

    const StatsReport& m_r;
    const DashboardStyle& m_look;
    std::ostream& m_out;
};

}  // namespace

void print_dashboard(const StatsReport& report, const DashboardStyle& look, std::ostream& out) {
    Dashboard(report, look, out).print();
}

}  // namespace rolecall
