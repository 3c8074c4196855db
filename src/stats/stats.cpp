#include "rolecall/stats/stats.hpp"

#include "rolecall/text/text_utils.hpp"
#include "rolecall/scheduling/sm2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <utility>

namespace rolecall {

std::string card_headline(const CardRecord& card) {
    std::string text = printable_only(card.front);
    if (card.kind == CardKind::choice) {
        auto newline = text.find('\n');
        if (newline != std::string::npos) text = text.substr(newline + 1);
    }
    std::string line;
    for (char c : text) {
        if (c == '\n') {
            line += " / ";
        } else {
            line.push_back(c);
        }
    }
    return line;
}

int ConfusionMatrix::total() const {
    int sum = 0;
    for (std::size_t row = 0; row < counts.size(); ++row) sum += row_total(row);
    return sum;
}

int ConfusionMatrix::row_total(std::size_t row) const {
    int sum = 0;
    for (int count : counts[row]) sum += count;
    return sum;
}

std::optional<std::tuple<std::size_t, std::size_t, int>> ConfusionMatrix::most_confused() const {
    std::optional<std::tuple<std::size_t, std::size_t, int>> best;
    for (std::size_t row = 0; row < counts.size(); ++row) {
        for (std::size_t column = 0; column < counts[row].size(); ++column) {
            if (row == column || counts[row][column] == 0) continue;
            if (!best || counts[row][column] > std::get<2>(*best)) best = std::tuple{row, column, counts[row][column]};
        }
    }
    return best;
}

std::string ConfusionMatrix::most_confused_sentence() const {
    auto worst = most_confused();
    if (!worst) return total() == 0 ? "No choice answers yet." : "No confusions: every choice answer was right.";
    auto [row, column, count] = *worst;
    int percent = static_cast<int>(100.0 * count / row_total(row) + 0.5);
    return fmt::format("Most confused: {} taken for {}, {} time{} ({}% of its answers).", categories[row],
                       categories[column], count, count == 1 ? "" : "s", percent);
}

ConfusionMatrix build_confusion(const std::vector<std::string>& categories, const std::vector<ChoiceCount>& counts) {
    ConfusionMatrix matrix;
    matrix.categories = categories;
    auto index_of = [&](const std::string& name) -> std::size_t {
        auto found = std::find(matrix.categories.begin(), matrix.categories.end(), name);
        if (found != matrix.categories.end()) return static_cast<std::size_t>(found - matrix.categories.begin());
        matrix.categories.push_back(name);  // an option no deck lists any more: keep its answers
        return matrix.categories.size() - 1;
    };
    std::vector<std::tuple<std::size_t, std::size_t, int>> cells;
    for (const auto& c : counts) cells.emplace_back(index_of(c.expected), index_of(c.chosen), c.count);
    const std::size_t n = matrix.categories.size();
    matrix.counts.assign(n, std::vector<int>(n, 0));
    for (auto [row, column, count] : cells) matrix.counts[row][column] += count;
    // With several decks, keep the categories that were answered or asked; an unanswered deck's
    // categories would only add empty rows. With no answers at all, show the empty matrix.
    if (matrix.total() == 0) return matrix;
    std::vector<std::size_t> keep;
    for (std::size_t i = 0; i < n; ++i) {
        int used = matrix.row_total(i);
        for (std::size_t row = 0; row < n; ++row) used += matrix.counts[row][i];
        if (used > 0) keep.push_back(i);
    }
    ConfusionMatrix kept;
    for (std::size_t i : keep) kept.categories.push_back(matrix.categories[i]);
    kept.counts.assign(keep.size(), std::vector<int>(keep.size(), 0));
    for (std::size_t r = 0; r < keep.size(); ++r) {
        for (std::size_t c = 0; c < keep.size(); ++c) kept.counts[r][c] = matrix.counts[keep[r]][keep[c]];
    }
    return kept;
}

std::vector<std::string> category_abbreviations(const std::string& name, const Category* category) {
    std::vector<std::string> shorter;
    if (category != nullptr) {
        for (const auto& alias : category->aliases) {
            // "pm" (the key) says nothing "PM" does not.
            const bool known = std::any_of(shorter.begin(), shorter.end(), [&](const std::string& kept) {
                return normalize_for_match(kept) == normalize_for_match(alias);
            });
            if (!alias.empty() && !known && display_width(alias) < display_width(name)) shorter.push_back(alias);
        }
        std::stable_sort(shorter.begin(), shorter.end(), [](const std::string& a, const std::string& b) {
            return display_width(a) < display_width(b);
        });
    }
    // The first character (all its UTF-8 bytes) of every word.
    std::string initials;
    bool word_start = true;
    bool in_initial = false;
    for (const char c : name) {
        if (c == ' ' || c == '-' || c == '/' || c == '\t') {
            word_start = true;
            in_initial = false;
        } else if (word_start) {
            initials.push_back(c);
            word_start = false;
            in_initial = true;
        } else if (in_initial && (static_cast<unsigned char>(c) & 0xc0) == 0x80) {
            initials.push_back(c);
        } else {
            in_initial = false;
        }
    }
    const bool known = std::any_of(shorter.begin(), shorter.end(), [&](const std::string& kept) {
        return normalize_for_match(kept) == normalize_for_match(initials);
    });
    if (display_width(initials) >= 2 && !known) shorter.push_back(initials);
    return shorter;
}

std::vector<DeckConfusion> confusions_by_deck(const std::vector<DeckRow>& decks,
                                              const std::map<Id, std::vector<Category>>& categories,
                                              const std::vector<ChoiceCount>& counts) {
    std::vector<DeckConfusion> result;
    for (const auto& deck : decks) {
        std::vector<ChoiceCount> own;
        for (const auto& count : counts) {
            if (count.deck == deck.id) own.push_back(count);
        }
        if (own.empty()) continue;
        const auto found = categories.find(deck.id);
        const std::vector<Category> none;
        const std::vector<Category>& listed = found == categories.end() ? none : found->second;
        std::vector<std::string> names;
        for (const auto& category : listed) names.push_back(category.name);
        DeckConfusion confusion{deck.name, build_confusion(names, own), {}};
        if (confusion.matrix.total() == 0) continue;
        for (const auto& name : confusion.matrix.categories) {
            auto category =
                std::find_if(listed.begin(), listed.end(), [&](const Category& c) { return c.name == name; });
            confusion.abbreviations.push_back(
                category_abbreviations(name, category == listed.end() ? nullptr : &*category));
        }
        result.push_back(std::move(confusion));
    }
    return result;
}

std::pair<int, int> study_streaks(const std::vector<Day>& days, Day today) {
    int longest = 0, run = 0;
    std::optional<Day> previous;
    for (Day day : days) {
        run = previous && days_between(*previous, day) == 1 ? run + 1 : 1;
        longest = std::max(longest, run);
        previous = day;
    }
    int current = 0;
    if (!days.empty()) {
        int gap = days_between(days.back(), today);
        if (gap == 0 || gap == 1) current = run;
    }
    return {current, longest};
}

std::vector<std::array<int, 7>> activity_grid(const std::vector<DayStats>& days, Day today, int weeks) {
    // Monday of the first week shown.
    int weekday = (today.day_of_week().as_number() + 6) % 7;  // Monday 0 .. Sunday 6
    Day first = today - boost::gregorian::days(weekday + 7 * (weeks - 1));
    std::vector<std::array<int, 7>> grid(static_cast<std::size_t>(weeks), std::array<int, 7>{});
    for (const auto& d : days) {
        int offset = days_between(first, d.day);
        if (offset < 0 || offset >= weeks * 7 || d.day > today) continue;
        grid[static_cast<std::size_t>(offset / 7)][static_cast<std::size_t>(offset % 7)] = d.reviews + d.drills;
    }
    return grid;
}

StatsReport collect_stats(Storage& storage, DeckFilter deck, const std::string& scope, Day today, int window_days,
                          const DeckSchedulers& schedulers) {
    StatsReport report;
    report.today = today;
    report.scope = scope;
    report.window_days = window_days;
    const Day window_start = today - boost::gregorian::days(window_days - 1);

    std::map<Day, DayStats> days;
    storage.for_each_day_bucket(deck, std::nullopt, [&](const DayBucketCounts& row) {
        DayStats& day = days[row.day];
        day.day = row.day;
        day.reviews += row.reviews;
        day.correct += row.correct;
        day.drills += row.drills;
        day.response_ms += row.response_ms;
        if (row.bucket == 0) {
            day.fresh += row.reviews;
            return;
        }
        const bool young = row.bucket <= last_young_bucket;  // interval < 21 days
        const bool recent = row.day >= window_start && row.day <= today;
        (young ? report.young_all : report.mature_all).add(row.correct, row.reviews);
        if (recent) (young ? report.young_recent : report.mature_recent).add(row.correct, row.reviews);
        report.by_bucket[static_cast<std::size_t>(row.bucket)].add(row.correct, row.reviews);
    });
    for (const auto& [day, due] : storage.due_snapshots(deck, std::nullopt)) {
        auto found = days.find(day);
        if (found != days.end()) found->second.due_at_start = due;
    }
    std::vector<Day> study_days;
    for (auto& [day, stats] : days) {
        if (stats.reviews + stats.drills == 0) continue;
        study_days.push_back(day);
        report.days.push_back(stats);
    }
    std::tie(report.current_streak, report.longest_streak) = study_streaks(study_days, today);
    if (auto found = days.find(today); found != days.end()) {
        report.done_today = found->second.reviews;
        report.new_today = found->second.fresh;
        report.ms_today = found->second.response_ms;
    }

    report.forecast.assign(30, 0);
    for (const auto& [day, count] : storage.due_by_day(deck, today + boost::gregorian::days(30))) {
        int offset = days_between(today, day);
        if (offset <= 0) {
            report.due_today += count;
            if (offset < 0) report.overdue += count;
        } else {
            report.forecast[static_cast<std::size_t>(offset - 1)] += count;
        }
    }
    report.new_available = storage.count_new(deck, today);
    report.ease = storage.ease_counts(deck);
    report.hardest = storage.hardest_cards(deck, 5);
    report.leeches = storage.leech_cards(deck);
    report.checkups = storage.checkup_scores(deck);
    const auto categories = storage.category_names(deck);
    const auto counts_all = storage.choice_counts(deck, std::nullopt);
    const auto counts_recent = storage.choice_counts(deck, window_start);
    report.confusion_all = build_confusion(categories, counts_all);
    report.confusion_recent = build_confusion(categories, counts_recent);
    // Per deck: the categories (with aliases, for short names) of the decks with choice answers.
    std::map<Id, std::vector<Category>> deck_categories;
    for (const auto& count : counts_all) {
        if (!deck_categories.contains(count.deck)) deck_categories[count.deck] = storage.categories_of_deck(count.deck);
    }
    const auto decks = storage.decks();
    report.deck_confusions_all = confusions_by_deck(decks, deck_categories, counts_all);
    report.deck_confusions_recent = confusions_by_deck(decks, deck_categories, counts_recent);
    // Every deck's log replayed under its own parameters (the answers before the window shape the
    // memories the window's predictions come from). Only when FSRS schedules a deck in view: the
    // section shows nothing else, and under SM-2 alone stats never pays for the replay.
    const bool any_fsrs = std::any_of(decks.begin(), decks.end(), [&](const DeckRow& row) {
        return (!deck || row.id == *deck) && scheduler_of(schedulers, row.id).kind == SchedulerKind::fsrs;
    });
    if (any_fsrs) {
        std::vector<DeckLog> logs;
        for (const auto& row : decks) {
            if (deck && row.id != *deck) continue;
            // Only the cards answered in the window have predictions to count; each is replayed whole.
            logs.push_back(
                DeckLog{row.name, scheduler_of(schedulers, row.id), storage.card_histories(row.id, window_start)});
        }
        report.memory = memory_model_stats(logs, window_start, today);
    }
    return report;
}

}  // namespace rolecall
