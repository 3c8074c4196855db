// `rolecall simulate [--deck NAME] [--days N] [--json]`: the reviews a day, the minutes and the
// retention the next N days would bring under SM-2 and under FSRS at a few desired retentions, for the
// learner's own cards, memory (FSRS with their fsrs-params), grades and answer times: "should I switch?"
// answered with their data. Seeded, so a run can be repeated.
#include "commands.hpp"
#include "progress_line.hpp"

#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/settings/simulation_setup.hpp"
#include "rolecall/stats/workload_chart.hpp"
#include "rolecall/text/style.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <iostream>

namespace rolecall::cli {

namespace {

using nlohmann::json;

double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

std::string signed_percent(double change) {
    const long whole = std::lround(change * 100);
    return whole == 0 ? std::string("same") : fmt::format("{:+d}%", whole);
}

// How the FSRS variant at the learner's own retention compares with SM-2, in one careful sentence.
std::string advice(const SimulationSetup& setup, const std::vector<VariantOutcome>& outcomes, bool fitted) {
    const VariantOutcome& sm2 = outcomes[0];
    const VariantOutcome& fsrs = outcomes[1];
    if (sm2.reviews == 0 && fsrs.reviews == 0) return "Nothing to review in this period under either scheduler.";
    const double reviews =
        sm2.reviews > 0 ? static_cast<double>(fsrs.reviews - sm2.reviews) / static_cast<double>(sm2.reviews) : 0;
    const double kept =
        sm2.memorised_end() > 0 ? (fsrs.memorised_end() - sm2.memorised_end()) / sm2.memorised_end() : 0;
    // Differences under 5% of the reviews or 1% of the cards memorised count as none: the draws alone
    // move a run by about that much.
    const int work = reviews <= -0.05 ? -1 : reviews >= 0.05 ? 1 : 0;
    const int known = kept <= -0.01 ? -1 : kept >= 0.01 ? 1 : 0;
    const std::string asked = work == 0 ? std::string("about as many reviews as")
                                        : fmt::format("{}% {} reviews than", std::lround(std::abs(reviews) * 100),
                                                      work < 0 ? "fewer" : "more");
    const std::string memorised = known == 0 ? std::string("about as many cards memorised")
                                             : fmt::format("{}% {} cards memorised", std::lround(std::abs(kept) * 100),
                                                           known > 0 ? "more" : "fewer");
    const std::string compared =
        fmt::format("{} would ask {} SM-2 with {} at the end", fsrs.variant.label, asked, memorised);
    std::string verdict;
    if (work == 0 && known == 0) {
        verdict = "little to choose between them";
    } else if (work <= 0 && known >= 0) {  // less work, or more known, and nothing worse
        verdict = setup.current == SchedulerKind::fsrs ? "FSRS, which you use, looks the better choice for you"
                                                       : "switching looks worth it ('rolecall config set scheduler "
                                                         "fsrs')";
    } else if (work >= 0 && known <= 0) {
        verdict = setup.current == SchedulerKind::sm2 ? "SM-2, which you use, looks the better choice for you"
                                                      : "SM-2 looks the better choice for you";
    } else if (work > 0) {
        verdict = "more work for more cards known; a lower desired-retention asks less";
    } else {
        verdict = "less work for fewer cards known; a higher desired-retention keeps more";
    }
    return fmt::format("Should you switch? {}: {}. A model of your memory ({}), not a promise.", compared, verdict,
                       fitted ? "FSRS with your fitted parameters" : "FSRS's default parameters");
}

std::string learner_line(const LearnerReading& l) {
    const auto& m = l.model;
    const std::string shares =
        l.recalled_shares_from_log
            ? fmt::format("recalled reviews graded Hard {:.0f}%, Good {:.0f}%, Easy {:.0f}%",
                          m.recalled_shares[0] * 100, m.recalled_shares[1] * 100, m.recalled_shares[2] * 100)
            : fmt::format("too few reviews in the log: Hard {:.0f}%, Good {:.0f}%, Easy {:.0f}% assumed",
                          m.recalled_shares[0] * 100, m.recalled_shares[1] * 100, m.recalled_shares[2] * 100);
    const std::string times =
        l.times_from_log ? fmt::format("{:.1f} s a review recalled, {:.1f} s forgotten, {:.1f} s a new card",
                                       m.seconds_recalled, m.seconds_forgotten, m.seconds_new)
                         : fmt::format("no answer times in the log: {:.0f} s an answer assumed", m.seconds_recalled);
    return fmt::format("your answers ({}, {}): {}; {}", plural(l.reviews, "review", "reviews"),
                       plural(l.first_answers, "first answer", "first answers"), shares, times);
}

void print_table(const SimulationSetup& setup, const std::vector<VariantOutcome>& outcomes) {
    fmt::print("{:<16}{:>9}{:>9}{:>11}{:>11}{:>11}{:>10}\n", "", "reviews", "minutes", "recalled", "retention",
               "memorised", "reviews");
    fmt::print("{:<16}{:>9}{:>9}{:>11}{:>11}{:>11}{:>10}\n", "scheduler", "a day", "a day", "at review", "at end",
               "at end", "vs SM-2");
    const VariantOutcome& sm2 = outcomes.front();
    for (const auto& o : outcomes) {
        const bool now =
            o.variant.kind == setup.current && (o.variant.kind == SchedulerKind::sm2 || !o.variant.retention ||
                                                std::abs(*o.variant.retention - setup.desired_retention) < 1e-9);
        const auto recall = o.recall_at_review();
        const std::string versus =
            &o == &sm2 || sm2.reviews == 0
                ? std::string()
                : signed_percent(static_cast<double>(o.reviews - sm2.reviews) / static_cast<double>(sm2.reviews));
        std::string row = fmt::format("{:<16}{:>9.1f}{:>9.1f}{:>11}{:>11}{:>11.0f}{:>10}",
                                      o.variant.label + (now ? " (now)" : ""), o.reviews_per_day(), o.minutes_per_day(),
                                      recall ? fmt::format("{:.1f}%", *recall * 100) : std::string("-"),
                                      fmt::format("{:.1f}%", o.retention_end() * 100), o.memorised_end(), versus);
        while (!row.empty() && row.back() == ' ') row.pop_back();
        fmt::print("{}\n", row);
    }
}

json as_json(const SimulationSetup& setup, const std::string& scope, const std::vector<VariantOutcome>& outcomes) {
    const WorkloadInput& in = setup.input;
    const LearnerReading& l = setup.learner;
    int met = 0;
    for (const auto& card : in.cards) met += card.state.is_new() ? 0 : 1;
    json doc;
    doc["schema_version"] = 1;
    doc["scope"] = scope;
    doc["today"] = format_day(in.today);
    doc["days"] = in.days;
    doc["seed"] = in.seed;
    doc["cards"] = in.cards.size();
    doc["new_cards"] = static_cast<int>(in.cards.size()) - met;
    doc["new_per_day"] = in.new_per_day;
    doc["reviews_per_day"] = in.reviews_per_day;
    doc["current_scheduler"] = std::string(to_string(setup.current));
    doc["learner"] = {
        {"first_shares",
         {{"again", rounded(l.model.first_shares[0], 4)},
          {"hard", rounded(l.model.first_shares[1], 4)},
          {"good", rounded(l.model.first_shares[2], 4)},
          {"easy", rounded(l.model.first_shares[3], 4)}}},
        {"recalled_shares",
         {{"hard", rounded(l.model.recalled_shares[0], 4)},
          {"good", rounded(l.model.recalled_shares[1], 4)},
          {"easy", rounded(l.model.recalled_shares[2], 4)}}},
        {"seconds_new", rounded(l.model.seconds_new, 2)},
        {"seconds_recalled", rounded(l.model.seconds_recalled, 2)},
        {"seconds_forgotten", rounded(l.model.seconds_forgotten, 2)},
        {"reviews_in_log", l.reviews},
        {"first_answers_in_log", l.first_answers},
        {"first_shares_from_log", l.first_shares_from_log},
        {"recalled_shares_from_log", l.recalled_shares_from_log},
        {"times_from_log", l.times_from_log},
    };
    json variants = json::array();
    for (const auto& o : outcomes) {
        json v;
        v["label"] = o.variant.label;
        v["scheduler"] = std::string(to_string(o.variant.kind));
        v["desired_retention"] = o.variant.retention ? json(*o.variant.retention) : json(nullptr);
        v["reviews"] = o.reviews;
        v["new"] = o.new_cards;
        v["minutes"] = rounded(o.minutes, 2);
        v["reviews_per_day"] = rounded(o.reviews_per_day(), 3);
        v["minutes_per_day"] = rounded(o.minutes_per_day(), 3);
        const auto recall = o.recall_at_review();
        v["recall_at_review"] = recall ? json(rounded(*recall, 4)) : json(nullptr);
        v["retention_end"] = rounded(o.retention_end(), 4);
        v["memorised_end"] = rounded(o.memorised_end(), 2);
        json daily = {{"reviews", json::array()},   {"new", json::array()},       {"minutes", json::array()},
                      {"retention", json::array()}, {"memorised", json::array()}, {"backlog", json::array()}};
        for (const auto& d : o.days) {
            daily["reviews"].push_back(d.reviews);
            daily["new"].push_back(d.new_cards);
            daily["minutes"].push_back(rounded(d.minutes, 2));
            daily["retention"].push_back(rounded(d.retention, 4));
            daily["memorised"].push_back(rounded(d.memorised, 1));
            daily["backlog"].push_back(d.backlog);
        }
        v["daily"] = std::move(daily);
        variants.push_back(std::move(v));
    }
    doc["variants"] = std::move(variants);
    return doc;
}

// `text` broken at spaces into lines of at most `width` columns (ASCII text only).
std::string wrapped(const std::string& text, std::size_t width) {
    std::string out;
    std::size_t line = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::size_t word = end - start;
        if (line > 0 && line + 1 + word > width) {
            out += '\n';
            line = 0;
        } else if (line > 0) {
            out += ' ';
            ++line;
        }
        out.append(text, start, word);
        line += word;
        start = end + 1;
    }
    return out;
}

// The days on which the daily answer limit left due cards waiting, per variant; empty when none did.
std::string waiting_line(const WorkloadInput& input, const std::vector<VariantOutcome>& outcomes) {
    std::string parts;
    for (const auto& o : outcomes) {
        int days = 0;
        for (const auto& d : o.days) days += d.backlog > 0 ? 1 : 0;
        if (days == 0) continue;
        parts +=
            fmt::format("{}{} on {} day{}", parts.empty() ? "" : ", ", o.variant.label, days, days == 1 ? "" : "s");
    }
    if (parts.empty()) return {};
    return fmt::format("due cards waited for a later day (reviews-per-day {}): {}", input.reviews_per_day, parts);
}

}  // namespace

int run_simulate(Context& context, const SimulateConfig& config) {
    if (config.days < 1 || config.days > 3650)
        throw usage_error(fmt::format("--days {} must be between 1 and 3650", config.days));
    Storage& storage = context.open_or_create();
    context.ensure_builtin_deck();
    DeckFilter deck;
    if (!config.deck.empty()) deck = context.deck_id(config.deck);
    const Day today = context.today(context.rollover_hour(storage));
    const std::string scope = config.deck.empty() ? std::string("all decks") : config.deck;

    SimulationSetup setup = simulation_setup(storage, deck, today, config.days, config.seed);
    setup.input.every_morning = config.json;  // the text shows the last day's recall; JSON has every day's
    std::vector<VariantOutcome> outcomes;
    {
        ProgressLine progress("simulating", !context.quiet());
        outcomes = simulate_workload(setup.input, [&](double fraction) { progress.update(fraction); });
    }
    if (config.json) {
        std::cout << as_json(setup, scope, outcomes).dump(2) << '\n';
        return 0;
    }

    const WorkloadInput& in = setup.input;
    int met = 0;
    for (const auto& card : in.cards) met += card.state.is_new() ? 0 : 1;
    fmt::print("rolecall simulate: {}, the next {} days from {} (seed {})\n", scope, in.days, format_day(today),
               in.seed);
    if (in.cards.empty()) {
        fmt::print("no cards to simulate: every card is suspended or retired, or there are none\n");
        return 0;
    }
    bool fitted = false;
    for (const auto& d : in.decks) fitted = fitted || d.parameters != fsrs::default_parameters;
    fmt::print("{} cards ({} met, {} new); {} new and at most {} answers a day\n", in.cards.size(), met,
               static_cast<int>(in.cards.size()) - met, in.new_per_day, in.reviews_per_day);
    fmt::print("your memory: FSRS-6 with {}\n", fitted ? "your fsrs-params"
                                                       : "its default parameters ('rolecall optimize' fits "
                                                         "yours)");
    fmt::print("{}\n\n", wrapped(learner_line(setup.learner), 80));
    print_table(setup, outcomes);
    if (const std::string waiting = waiting_line(in, outcomes); !waiting.empty())
        fmt::print("{}\n", wrapped(waiting, 80));
    fmt::print("\nReviews a day\n");
    print_workload_chart(outcomes, !config.ascii && Style::locale_is_utf8(), std::cout);
    fmt::print("\n{}\n", wrapped(advice(setup, outcomes, fitted), 80));
    return 0;
}

}  // namespace rolecall::cli
