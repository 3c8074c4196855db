// rolecall-bench-gen: the benchmark's synthetic data.
//
//   rolecall-bench-gen collection --db FILE [--cards N] [--reviews M] [--today DAY] [--seed S]
//   rolecall-bench-gen tsv --out FILE [--rows N] [--seed S]
//
// A collection is written through rolecall's own Storage (the same inserts, answers and aggregates
// a user's collection gets), so the benchmark measures the real schema. Each card's history is an
// SM-2 simulation: answers on the day they were due, grades drawn around 85% recall, spread over the
// two years that end the day before --today, same-day drills included; 15% of the cards stay new. Everything follows
// from --seed.
#include "rolecall/base/day.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/scheduling/sm2.hpp"
#include "rolecall/storage/storage.hpp"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace rolecall;

constexpr int deck_count = 8;
constexpr int history_days = 730;
const std::vector<std::string> role_names = {"Product Manager", "Product Owner", "Project Manager"};

const std::string& role_of(std::int64_t index) { return role_names[static_cast<std::size_t>(index % 3)]; }

struct Answer {
    Day day;
    Id card = 0;
    int grade = 0;
    bool drill = false;  // a same-day repeat of a card graded below 4: logged, schedule unchanged
    CardState before;
    CardState after;
    std::string chosen;  // choice cards only
};

// A grade as a learner gives them: mostly 4, some 5 and 3, about one in six below 3.
int draw_grade(std::mt19937_64& random) {
    static std::discrete_distribution<int> weights({3, 5, 10, 17, 47, 18});
    return weights(random);
}

// Up to `answers` answers to one card, each on the day it fell due, the last on or before `today`;
// the run stops early where the next answer would fall outside the two years.
std::vector<Answer> simulate_card(Id card, int answers, Day today, bool choice, std::mt19937_64& random) {
    std::vector<Answer> history;
    CardState state;
    int span = 0;
    while (static_cast<int>(history.size()) < answers) {
        if (span + state.interval_days >= history_days) break;
        int grade = draw_grade(random);
        Answer answer{Day(), card, grade, false, state, {}, {}};
        span += state.interval_days;
        answer.after = apply_grade(state, grade, Day(2000, 1, 1) + boost::gregorian::days(span));
        if (choice) answer.chosen = grade >= passing_grade ? role_of(card) : role_of(card + 1);
        state = answer.after;
        history.push_back(answer);
        // The same-day drill: the card comes back until it scores 4 or more.
        for (int again = grade; again < drill_until_grade && static_cast<int>(history.size()) < answers;) {
            again = draw_grade(random);
            Answer drill{Day(), card, again, true, state, state, {}};
            if (choice) drill.chosen = again >= passing_grade ? role_of(card) : role_of(card + 1);
            history.push_back(drill);
        }
    }
    // Shift the run so that its last answer falls before `today` (a session today starts fresh), at
    // most an interval plus a few days back: some cards come out due today or overdue, most later.
    int last_interval = history.empty() ? 0 : history.back().after.interval_days;
    int slack = static_cast<int>(
        random() % static_cast<std::uint64_t>(std::max(1, std::min(last_interval + 3, history_days - span))));
    Day first = today - boost::gregorian::days(1 + span + slack);
    Day base(2000, 1, 1);
    for (auto& answer : history) {
        auto shift = [&](std::optional<Day>& due) {
            if (due) due = first + boost::gregorian::days(days_between(base, *due));
        };
        shift(answer.before.due);
        shift(answer.after.due);
        answer.day = answer.after.due ? *answer.after.due - boost::gregorian::days(answer.after.interval_days) : first;
    }
    return history;
}

NoteDraft make_note(std::int64_t index, bool choice) {
    NoteDraft note;
    note.key = fmt::format("fact-{}", index);
    note.fact = fmt::format("Synthetic fact number {} about the work of a {}.", index, role_of(index));
    CardDraft card;
    card.view = "forward";
    card.kind = choice ? CardKind::choice : CardKind::recall;
    card.front = choice ? fmt::format("Who does task {}, which takes a quarter to plan?", index)
                        : fmt::format("What does item {} of the backlog need before the sprint?", index);
    card.back = choice ? role_of(index) : fmt::format("acceptance criteria, number {}", index);
    if (choice) {
        card.choices = role_names;
        card.answer = role_of(index);
    }
    card.explanation = note.fact;
    card.tags = "bench synthetic";
    note.cards.push_back(card);
    return note;
}

void generate_collection(const std::filesystem::path& path, std::int64_t cards, std::int64_t reviews, Day today,
                         std::uint64_t seed) {
    if (std::filesystem::exists(path)) throw Error(fmt::format("{} exists; remove it first", path.string()));
    std::mt19937_64 random(seed);
    auto storage = Storage::open(path, true);
    Storage::Transaction transaction(*storage);

    std::vector<Id> decks;
    for (int d = 0; d < deck_count; ++d) {
        Id deck = storage->create_deck(fmt::format("Bench deck {}", d + 1), "", "");
        std::vector<Category> categories;
        for (const auto& name : role_names) categories.push_back({name, name, {}, ""});
        storage->replace_categories(deck, categories);
        decks.push_back(deck);
    }

    // 85% of the cards have a history; their answers share out `reviews` between them.
    std::int64_t answered = cards * 17 / 20;
    std::vector<Answer> log;
    log.reserve(static_cast<std::size_t>(reviews));
    std::int64_t left = reviews;
    for (std::int64_t i = 0; i < cards; ++i) {
        bool choice = i % 4 == 0;
        Id deck = decks[static_cast<std::size_t>(i % deck_count)];
        NoteDraft note = make_note(i, choice);
        Id note_id = *storage->insert_note_if_new(deck, note);  // keys are unique: always new
        Id card = storage->insert_card(deck, note_id, note.cards.front(), i);
        if (i >= answered || left <= 0) continue;
        std::int64_t share = left / (answered - i);
        int count =
            static_cast<int>(std::clamp<std::int64_t>(share + static_cast<std::int64_t>(random() % 5) - 2, 1, left));
        auto history = simulate_card(card, count, today, choice, random);
        left -= static_cast<std::int64_t>(history.size());
        for (auto& answer : history) log.push_back(std::move(answer));
    }
    // The log in the order the answers were given, as a real one is.
    std::stable_sort(log.begin(), log.end(), [](const Answer& a, const Answer& b) { return a.day < b.day; });
    for (const auto& answer : log) {
        ReviewRecord record;
        record.card_id = answer.card;
        record.day = answer.day;
        record.answered_at = format_day(answer.day) + "T19:30:00+00:00";
        record.grade = answer.grade;
        record.drill = answer.drill;
        record.response_ms = 2000 + static_cast<int>(random() % 6000);
        record.chosen = answer.chosen;
        record.before = answer.before;
        record.after = answer.after;
        if (!storage->record_answer(record)) throw Error("the simulated history is out of step");
    }
    transaction.commit();
    fmt::print("{}: {} cards in {} decks, {} answers from {} to {}\n", path.string(), cards, deck_count, log.size(),
               log.empty() ? "-" : format_day(log.front().day), log.empty() ? "-" : format_day(log.back().day));
}

// Rows of "front<TAB>back", fronts unique, one in ten with non-ASCII text.
void generate_tsv(const std::filesystem::path& path, std::int64_t rows, std::uint64_t seed) {
    std::mt19937_64 random(seed);
    static const char* words[] = {"roadmap",     "backlog", "sprint", "budget",   "risk",      "outcome",
                                  "stakeholder", "release", "vision", "estimate", "milestone", "story"};
    static const char* accented[] = {"café", "naïve", "Größe", "résumé", "año", "日程", "Ελληνικά"};
    // stdio rather than fmt::output_file: fmt/os.h is not header-only, and rolecall links fmt header-only.
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(path.c_str(), "w"), std::fclose);
    if (!out) throw std::runtime_error("cannot write " + path.string());
    for (std::int64_t i = 0; i < rows; ++i) {
        const char* a = words[random() % std::size(words)];
        const char* b = words[random() % std::size(words)];
        if (i % 10 == 7) {
            fmt::print(out.get(), "{} {} {}\t{} and the {}\n", a, accented[random() % std::size(accented)], i, b, a);
        } else {
            fmt::print(out.get(), "{} of the {} {}\tthe {} of {}\n", a, b, i, b, a);
        }
    }
    fmt::print("{}: {} rows\n", path.string(), rows);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Synthetic data for rolecall's benchmark"};
    app.require_subcommand(1);
    std::string db;
    std::string out;
    std::int64_t cards = 100000;
    std::int64_t reviews = 1000000;
    std::int64_t rows = 100000;
    std::string today_text = "2026-11-22";
    std::uint64_t seed = 42;

    auto* collection = app.add_subcommand("collection", "A collection of cards with a review history");
    collection->add_option("--db", db, "Database file to create")->required();
    collection->add_option("--cards", cards, "Cards")->check(CLI::Range(std::int64_t{1}, std::int64_t{100000000}));
    collection->add_option("--reviews", reviews, "Logged answers")->check(CLI::NonNegativeNumber);
    collection->add_option("--today", today_text, "The benchmark's study day; the history ends the day before");
    collection->add_option("--seed", seed, "Random seed");

    auto* tsv = app.add_subcommand("tsv", "A front<TAB>back file to import");
    tsv->add_option("--out", out, "File to write")->required();
    tsv->add_option("--rows", rows, "Rows")->check(CLI::PositiveNumber);
    tsv->add_option("--seed", seed, "Random seed");

    CLI11_PARSE(app, argc, argv);
    try {
        if (collection->parsed()) {
            auto today = parse_day(today_text);
            if (!today) throw Error(fmt::format("--today '{}' is not a date", today_text));
            generate_collection(db, cards, reviews, *today, seed);
        } else {
            generate_tsv(out, rows, seed);
        }
    } catch (const std::exception& e) {
        std::cerr << "rolecall-bench-gen: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
