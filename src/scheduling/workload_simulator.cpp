#include "rolecall/scheduling/workload_simulator.hpp"

#include "rolecall/base/day.hpp"
#include "rolecall/scheduling/fsrs.hpp"

#include <algorithm>
#include <cmath>

namespace rolecall {

namespace {

// splitmix64's finaliser: a well-spread 64-bit hash of a 64-bit value.
std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// What each draw is for. A draw depends on the seed, the card, the card's answer number in the
// simulation and its purpose only, never on the order cards are met in: every variant recalls a card's
// n-th answer on the same number, so two variants differ by their schedules, not by their luck.
enum class Draw : std::uint64_t { recall = 0, grade = 1 };

double uniform(std::uint64_t seed, Id card, int answer, Draw purpose) {
    const std::uint64_t h =
        mix(seed ^ mix(static_cast<std::uint64_t>(card) ^
                       mix(static_cast<std::uint64_t>(answer) * 4 + static_cast<std::uint64_t>(purpose))));
    return static_cast<double>(h >> 11) * 0x1.0p-53;  // 53 random bits in [0, 1)
}

// The index of the share `u` falls in.
template <std::size_t N>
std::size_t pick(const std::array<double, N>& shares, double u) {
    double total = 0;
    for (double s : shares) total += s;
    double edge = 0;
    for (std::size_t i = 0; i + 1 < N; ++i) {
        edge += shares[i] / total;
        if (u < edge) return i;
    }
    return N - 1;
}

constexpr std::array<int, 4> grade_of_first = {1, 3, 4, 5};  // Again, Hard, Good, Easy
constexpr std::array<int, 3> grade_of_recalled = {3, 4, 5};  // Hard, Good, Easy

// A card as one variant's run has it: its state, with its due day and last answer day as day numbers
// (comparing integers, not dates, keeps the daily scan over every card cheap).
struct Live {
    CardState state;
    long due = 0;
    long last = 0;
    int answers = 0;  // answers given in the simulation: the number of the next draw
    bool met = false;
};

long day_number(Day day) { return static_cast<long>(day.julian_day()); }

void set_schedule(Live& card) {
    card.met = !card.state.is_new();
    if (!card.met) return;
    card.due = day_number(*card.state.due);
    card.last = day_number(*card.state.last_answer_day());
}

// A card at the start of a variant's run. Under SM-2 a card that FSRS scheduled has SM-2's own
// interval again, counted from its last answer (what `config set scheduler sm2` does); under FSRS its
// due day stays until its next answer (what a switch to FSRS does). A card with no memory yet gets the
// one memory_before_answer() estimates, so its predicted recall is known from the first day.
Live start_of(const SimulatedCard& card, const SchedulerConfig& config) {
    Live live;
    live.state = card.state;
    CardState& s = live.state;
    if (!s.is_new()) {
        if (!s.memory) s.memory = memory_before_answer(s, config.parameters);
        if (config.kind == SchedulerKind::sm2 && s.sm2_interval) {
            const Day last = *s.last_answer_day();
            s.interval_days = *s.sm2_interval;
            s.sm2_interval.reset();
            s.due = last + boost::gregorian::days(s.interval_days);
        }
    }
    set_schedule(live);
    return live;
}

VariantOutcome run_variant(const WorkloadInput& input, const SimulationVariant& variant,
                           const std::function<void(int)>& day_done) {
    std::vector<SchedulerConfig> configs;
    configs.reserve(input.decks.size());
    for (const auto& deck : input.decks) configs.push_back(variant_config(deck, variant));

    std::vector<Live> cards;
    cards.reserve(input.cards.size());
    std::vector<std::size_t> unmet;  // new cards, in the order they are introduced
    for (std::size_t i = 0; i < input.cards.size(); ++i) {
        cards.push_back(start_of(input.cards[i], configs[input.cards[i].deck]));
        if (!cards.back().met) unmet.push_back(i);
    }
    std::size_t next_new = 0;

    VariantOutcome outcome;
    outcome.variant = variant;
    outcome.days.resize(static_cast<std::size_t>(std::max(input.days, 0)));
    const LearnerModel& learner = input.learner;
    std::vector<std::size_t> due;
    for (int d = 0; d < input.days; ++d) {
        SimulatedDay& day = outcome.days[static_cast<std::size_t>(d)];
        const Day date = input.today + boost::gregorian::days(d);
        const long today = day_number(date);

        // The morning: what the learner would recall if asked now, and what is due.
        due.clear();
        int met = 0;
        const bool predict = input.every_morning || d + 1 == input.days;
        for (std::size_t i = 0; i < cards.size(); ++i) {
            const Live& card = cards[i];
            if (!card.met) continue;
            ++met;
            if (predict) {
                const fsrs::Parameters& truth = input.decks[input.cards[i].deck].parameters;
                day.memorised +=
                    fsrs::retrievability(*card.state.memory, static_cast<double>(today - card.last), truth);
            }
            if (card.due <= today) due.push_back(i);
        }
        if (met > 0) day.retention = day.memorised / met;

        // The queue, as rolecall's: the most overdue first, then by id; new cards after, within the
        // day's new-card limit; all within the day's answer limit. Only the cards the day takes are
        // put in order: a backlog of 100,000 sorted whole every simulated day was half a report's time.
        const std::size_t limit = static_cast<std::size_t>(std::max(input.reviews_per_day, 0));
        const std::size_t taken = std::min(due.size(), limit);
        const auto first_due = [&](std::size_t a, std::size_t b) {
            if (cards[a].due != cards[b].due) return cards[a].due < cards[b].due;
            return input.cards[a].id < input.cards[b].id;
        };
        std::partial_sort(due.begin(), due.begin() + static_cast<std::ptrdiff_t>(taken), due.end(), first_due);
        day.backlog = static_cast<int>(due.size() - taken);
        for (std::size_t k = 0; k < taken; ++k) {
            const std::size_t i = due[k];
            Live& card = cards[i];
            const SimulatedCard& source = input.cards[i];
            const fsrs::Parameters& truth = input.decks[source.deck].parameters;
            const double recall =
                fsrs::retrievability(*card.state.memory, static_cast<double>(today - card.last), truth);
            const bool recalled = uniform(input.seed, source.id, card.answers, Draw::recall) < recall;
            const int grade = recalled
                                  ? grade_of_recalled[pick(learner.recalled_shares,
                                                           uniform(input.seed, source.id, card.answers, Draw::grade))]
                                  : 1;
            card.state = schedule_answer(card.state, grade, date, configs[source.deck], source.id);
            ++card.answers;
            set_schedule(card);
            ++day.reviews;
            if (recalled) ++day.recalled;
            day.minutes += (recalled ? learner.seconds_recalled : learner.seconds_forgotten) / 60.0;
        }
        const int room = static_cast<int>(limit - taken);
        const int introduce = std::min(std::max(input.new_per_day, 0), room);
        for (int n = 0; n < introduce && next_new < unmet.size(); ++n) {
            const std::size_t i = unmet[next_new++];
            Live& card = cards[i];
            const SimulatedCard& source = input.cards[i];
            const int grade =
                grade_of_first[pick(learner.first_shares, uniform(input.seed, source.id, 0, Draw::grade))];
            card.state = schedule_answer(card.state, grade, date, configs[source.deck], source.id);
            card.answers = 1;
            set_schedule(card);
            ++day.reviews;
            ++day.new_cards;
            day.minutes += learner.seconds_new / 60.0;
        }
        outcome.reviews += day.reviews;
        outcome.new_cards += day.new_cards;
        outcome.recalled += day.recalled;
        outcome.minutes += day.minutes;
        if (day_done) day_done(d);
    }
    return outcome;
}

}  // namespace

SchedulerConfig variant_config(const SchedulerConfig& deck, const SimulationVariant& variant) {
    SchedulerConfig config = deck;
    config.kind = variant.kind;
    if (variant.retention) config.desired_retention = *variant.retention;
    return config;
}

double VariantOutcome::reviews_per_day() const {
    return days.empty() ? 0.0 : static_cast<double>(reviews) / static_cast<double>(days.size());
}

double VariantOutcome::minutes_per_day() const {
    return days.empty() ? 0.0 : minutes / static_cast<double>(days.size());
}

std::optional<double> VariantOutcome::recall_at_review() const {
    const long long old = reviews - new_cards;
    if (old <= 0) return std::nullopt;
    return static_cast<double>(recalled) / static_cast<double>(old);
}

double VariantOutcome::retention_end() const { return days.empty() ? 0.0 : days.back().retention; }

double VariantOutcome::memorised_end() const { return days.empty() ? 0.0 : days.back().memorised; }

std::vector<VariantOutcome> simulate_workload(const WorkloadInput& input, const std::function<void(double)>& progress) {
    std::vector<VariantOutcome> outcomes;
    outcomes.reserve(input.variants.size());
    const double steps = static_cast<double>(input.variants.size()) * std::max(input.days, 1);
    for (const auto& variant : input.variants) {
        const double before = static_cast<double>(outcomes.size()) * std::max(input.days, 1);
        std::function<void(int)> day_done;
        if (progress)
            day_done = [&](int d) {
                if (d % 8 == 0) progress((before + d + 1) / steps);
            };
        outcomes.push_back(run_variant(input, variant, day_done));
    }
    return outcomes;
}

}  // namespace rolecall
