// The data rolecall works with: decks, notes, cards, their scheduling state, answers and the figures
// read back from them. Plain types at the bottom of the library: storage, the deck builder, the review
// loop, the views and the statistics all include this header, and none of them has to include another
// to speak about a card. It includes nothing of rolecall's.
#pragma once

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall {

// A study day: a calendar date (base/day.hpp parses, formats and finds it from the clock).
using Day = boost::gregorian::date;

// A row id of the collection.
using Id = std::int64_t;

// Every deck, or one.
using DeckFilter = std::optional<Id>;

// ---- grades and the rules read from them, in one place (storage binds them into its SQL)

inline constexpr int min_grade = 0;
inline constexpr int max_grade = 5;
inline constexpr int passing_grade = 3;      // q >= 3 is a successful recall
inline constexpr int drill_until_grade = 4;  // same-day rule: below 4 comes back today
// The longest interval a card may get (setting max-interval; 100 years, as Anki's default). SM-2
// itself has no cap: thirteen 5s in a row would push a due date past the year 9999.
inline constexpr int default_max_interval = 36500;

// Interval buckets for retention figures. Bucket 0 holds first answers of new cards; bucket b (1..6)
// holds answers to cards whose interval was at most interval_bucket_max[b] days (the last has no top).
inline constexpr std::array<int, 7> interval_bucket_max = {0, 1, 6, 20, 59, 179, 1 << 30};
inline constexpr std::array<const char*, 7> interval_bucket_labels = {"new",    "1d",      "2-6d", "7-20d",
                                                                      "21-59d", "60-179d", "180+d"};
// Buckets up to this one are "young" cards (interval under 21 days); later ones are "mature".
inline constexpr int last_young_bucket = 3;

inline int interval_bucket(bool was_new, int interval_days) {
    if (was_new) return 0;
    for (int b = 1; b < static_cast<int>(interval_bucket_max.size()); ++b) {
        if (interval_days <= interval_bucket_max[static_cast<std::size_t>(b)]) return b;
    }
    return static_cast<int>(interval_bucket_max.size()) - 1;
}

// ---- scheduling state of a card

// The E-Factor in whole hundredths (250 = 2.5). Every change SM-2 makes to it is a multiple of 0.02,
// so integers keep it exact where doubles would drift (25 x 2.2 = 55.00000000000001 rounds up to 56).
using EaseHundredths = int;

inline constexpr EaseHundredths initial_ease = 250;
inline constexpr EaseHundredths minimum_ease = 130;

// FSRS's memory of a card (scheduling/fsrs.hpp): stability S in days (recall falls to 90% after S
// days) and difficulty D in 1..10.
struct MemoryState {
    double stability = 0;
    double difficulty = 0;
    friend bool operator==(const MemoryState&, const MemoryState&) = default;
};

enum class SchedulerKind { sm2, fsrs };

// A card's state. `interval_days` and `due` are the schedule in force, set by the card's deck's
// scheduler; SM-2's own fields (repetitions, ease, lapses and its interval) are kept up to date under
// both, and so is FSRS's memory once the card has one, so a deck can switch either way and carry on.
struct CardState {
    int repetitions = 0;  // SM-2's n: successful repetitions in the current run
    EaseHundredths ease = initial_ease;
    int interval_days = 0;  // 0 for a card never answered
    int lapses = 0;
    std::optional<Day> due;  // nullopt for a new card
    // SM-2's own interval I(n) where FSRS scheduled another; nullopt: equal to interval_days.
    std::optional<int> sm2_interval;
    std::optional<MemoryState> memory;  // FSRS's; nullopt for a new card (or one not yet replayed)

    bool is_new() const { return !due.has_value(); }
    int sm2_interval_days() const { return sm2_interval.value_or(interval_days); }
    // The study day of the answer that set the schedule (SM-2 and FSRS both count from it).
    std::optional<Day> last_answer_day() const {
        if (!due) return std::nullopt;
        return *due - boost::gregorian::days(interval_days);
    }
    friend bool operator==(const CardState&, const CardState&) = default;
};

// One first answer of a study day, as the log holds it (drills and undone answers aside).
struct LoggedAnswer {
    Day day;
    int grade = 0;
};

// What a change of scheduler replays for one card: its state now, the state before its first logged
// answer (new, or a schedule an import kept), and its logged first answers of each day, oldest first.
struct CardHistory {
    Id card = 0;
    CardState state;
    CardState start;
    std::vector<LoggedAnswer> answers;
};

// One answer of another program's log (Anki's revlog), as an import carries it over.
struct ImportedAnswer {
    std::string source;  // where it came from, unique: "anki:" and the revlog id (its time in ms)
    Day day;             // the study day of its time stamp
    std::string answered_at;
    int grade = 0;
    int response_ms = 0;
};

// ---- decks, notes and cards

enum class CardKind { choice, recall, cloze, contrast };

std::string_view to_string(CardKind kind);
CardKind card_kind_from_string(std::string_view text);  // throws Error for an unknown kind
// The kind a learner knows a card as. The deck builder's contrast cards are choice cards (two options,
// answered as one) whose view is "contrast": shown, and found by `kind:contrast`, as contrast cards.
std::string_view shown_kind(CardKind kind, std::string_view view);

// A thing a deck tells apart ("Product Owner"), with the answers that name it.
struct Category {
    std::string key;                   // short identifier used inside the file ("pm")
    std::string name;                  // what the learner sees and may type ("Product Manager")
    std::vector<std::string> aliases;  // other accepted answers ("PM", "product mgr")
    std::string summary;               // one line shown after a "which one?" answer
};

// A card as the deck builder or an importer makes it, before storage gives it an id and a state.
struct CardDraft {
    std::string view;  // stable within the note: "choice", "forward", "reverse", "c1", "pm-po"
    CardKind kind = CardKind::recall;
    std::string front;
    std::string back;
    std::vector<std::string> choices;  // choice cards: the options, in order
    std::string answer;                // choice cards: the right option's role; otherwise the category, if any
    std::string explanation;           // shown after the answer: the fact behind it
    std::string tags;                  // space-separated
    // Choice cards whose options are not themselves the roles told apart (a contrast card offers two
    // aspect values): the role each option stands for, parallel to choices. Empty: each option is its
    // own role. The answer and the log speak of roles, so confusions count the same for every card.
    std::vector<std::string> choice_roles;
    // Choice cards: what to tell a learner who picks option i, parallel to choices ("" for the right
    // one, or where the deck says nothing): the picked role's own side of the same fact.
    std::vector<std::string> why_not;

    // The role option i stands for.
    const std::string& role_of(std::size_t option) const {
        return option < choice_roles.size() && !choice_roles[option].empty() ? choice_roles[option] : choices[option];
    }
};

// A fact (a statement, a takeaway, an imported note) and the cards that drill it.
struct NoteDraft {
    std::string key;       // stable within the deck: "statement:vision", "aspect:horizon:pm", an Anki guid
    std::string category;  // category name the fact is about, empty when it spans several
    std::string fact;      // the fact as written in the source, for export and editing
    std::vector<CardDraft> cards;
    // Imports that carry a schedule over (Anki's --keep-schedule): the state of cards[i] when new.
    std::vector<std::optional<CardState>> schedules;
    // Keys of other notes of the deck whose fact this note's cards also show (a contrast card shows
    // two aspect values): its cards count as their siblings, and wait for another day beside them.
    std::vector<std::string> shows = {};
    // Set for the notes a learner should meet first (a fact deck's definitions): their cards are
    // introduced before every other new card, in this order, instead of at a mixed place.
    std::optional<int> introduce_at = std::nullopt;
    // Imports that carry the review history over (.apkg --with-history): cards[i]'s answers, oldest
    // first; parallel to cards, or empty.
    std::vector<std::vector<ImportedAnswer>> histories = {};
    // Imports that carry a schedule over: whether cards[i] starts suspended (Anki's suspended cards);
    // parallel to cards, or empty.
    std::vector<bool> suspended = {};
};

struct DeckRow {
    Id id = 0;
    std::string name;
    std::string source_path;  // a fact deck's source ("builtin:NAME" for rolecall's own); empty for imports
    std::string source_hash;
};

struct DeckCounts {
    std::string name;
    int new_cards = 0;
    int due_today = 0;
    int total = 0;
};

// A stored card with its deck, text and state.
struct CardRecord {
    Id id = 0;
    Id deck_id = 0;
    std::string deck;
    std::string note_key;
    std::string view;
    CardKind kind = CardKind::recall;
    std::string front;
    std::string back;
    std::vector<std::string> choices;
    std::string answer;
    std::string explanation;
    std::string tags;
    std::vector<std::string> choice_roles;  // as CardDraft's
    std::vector<std::string> why_not;       // as CardDraft's
    Id note_id = 0;
    CardState state;
    bool suspended = false;
    bool retired = false;
    std::optional<Day> buried_until;  // set by `rolecall bury`: hidden before this study day

    const std::string& role_of(std::size_t option) const {
        return option < choice_roles.size() && !choice_roles[option].empty() ? choice_roles[option] : choices[option];
    }
    const std::string& why_not_for(std::size_t option) const {
        static const std::string none;
        return option < why_not.size() ? why_not[option] : none;
    }
};

// What a deck already holds, keyed for matching notes and cards by identity.
struct StoredCard {
    Id id = 0;
    Id note_id = 0;
    std::string note_key;
    std::string view;
    CardDraft text;
    bool retired = false;
};

struct StoredNote {
    Id id = 0;
    std::string key;
    std::string category;
    std::string fact;
    bool retired = false;
    std::vector<std::string> shows;
};

// ---- answers and what is read back from them

// One answer in the log.
struct ReviewRecord {
    Id id = 0;
    Id card_id = 0;
    Day day;
    std::string answered_at;  // ISO 8601 with offset
    int grade = 0;
    bool drill = false;
    int response_ms = 0;
    std::string chosen;  // choice cards: the option answered; empty otherwise
    std::string source;  // an answer imported from another program ("anki:1700000000123"); empty for rolecall's
    CardState before;
    CardState after;
};

// What `rolecall cards` looks for (cards/card_query.hpp parses it from the words a user types):
// every condition set here must hold. Storage::search_cards() runs it as one bound statement.
struct CardSearch {
    std::string match;               // an FTS5 expression the card's two sides must match; empty: any
    std::string exclude;             // an FTS5 expression they must not match; empty: none
    std::vector<std::string> decks;  // deck:NAME, each with its NAME::children; any of them (empty: all)
    std::vector<Id> deck_ids;        // ... resolved by the caller from `decks`
    std::vector<std::string> tags;   // tag:T, all of them (case-insensitive)
    std::optional<CardKind> kind;    // kind:K
    bool due = false;                // is:due: due on the study day, not suspended or buried
    bool fresh = false;              // is:new: never answered
    bool suspended = false;          // is:suspended
    bool buried = false;             // is:buried: hidden until a later study day
    bool retired = false;            // is:retired: the cards a source no longer makes (hidden otherwise)
    int lapses_min = 0;              // lapses>N, lapses<N, lapses=N and the like
    int lapses_max = 1 << 30;
    int interval_min = 0;  // interval>N ...
    int interval_max = 1 << 30;
    std::optional<Day> due_from;  // due>DATE, due>=DATE, due=DATE (inclusive bounds)
    std::optional<Day> due_to;    // due<DATE, due<=DATE, due=DATE
};

// A change to a card's text by `rolecall edit`: what it read before, kept beside its answers.
struct CardEdit {
    Day day;
    std::string front_before;
    std::string back_before;
};

// An answer that made its card a leech (scheduling/leech.hpp): what storage does to the card, in the
// answer's transaction.
struct LeechMark {
    bool tag = false;      // add the tag "leech"
    bool suspend = false;  // and take the card out of reviews (leech-action suspend)
};

// What a LeechMark changed: nothing that was so already (a card tagged at its 8th lapse is not tagged
// again at its 12th). An undo takes back exactly this.
struct LeechChange {
    bool tagged = false;
    bool suspended = false;
    bool any() const { return tagged || suspended; }
};

// Counts of one study day's answers, for the daily limits.
struct DayCounts {
    int new_started = 0;  // cards first answered that day
    int reviews = 0;      // non-drill answers that day, new cards included
};

// Non-drill answers of one grade, first answers of new cards or reviews apart, with their response
// times: the learner `rolecall simulate` models (settings/simulation_setup.hpp).
struct GradeTally {
    bool first = false;  // first answers of new cards; false: reviews of cards met before
    int grade = 0;
    int answers = 0;
    int timed = 0;              // of those, with a response time (scripted answers have next to none)
    std::int64_t timed_ms = 0;  // the sum of those times, each counted up to a minute
};

// A wrong answer to a choice card: the right option against the one given.
struct Confusion {
    std::string right;
    std::string chosen;
    int count = 0;
};

// One study day's answers in one interval bucket (see interval_bucket()).
struct DayBucketCounts {
    Day day;
    int bucket = 0;
    int reviews = 0;  // non-drill answers
    int correct = 0;  // of those, graded passing_grade or more
    int drills = 0;
    std::int64_t response_ms = 0;  // drills included
};

// How often a choice card's right option met each answer given, in one deck.
struct ChoiceCount {
    std::string expected;
    std::string chosen;
    int count = 0;
    Id deck = 0;
};

// ---- the held-out checkup

// A which-role question that practice never shows: `rolecall check` asks it.
struct CheckupQuestion {
    std::string key;  // the deck's id for it
    std::string front;
    std::vector<std::string> choices;
    std::string answer;
    std::string explanation;
    std::vector<std::string> why_not;  // parallel to choices
};

// One checkup as it was taken: right answers out of questions answered.
struct CheckupScore {
    Day day;
    std::string deck;
    int score = 0;
    int total = 0;

    int percent() const { return total > 0 ? score * 100 / total : 0; }  // rounded down
};

// A card a cram session may take (review --cram): one that is not due today.
struct CramCandidate {
    Id id = 0;
    bool seen = false;                    // met before (it has a due day); else new
    bool answered_today = false;          // answered earlier today, in a review or a cram
    std::string answer;                   // the right role (choice) or the category it is about; may be empty
    std::vector<std::string> facts = {};  // the facts it shows (Storage::facts_of): siblings share one
};

// Counts of what is left that a session's summary shows stop here, and read "1000+".
inline constexpr int summary_count_cap = 1000;

// What one review session did, for its closing summary.
struct SessionSummary {
    int answered = 0;       // first answers of the day (drills not counted)
    int right = 0;          // of those, graded passing_grade or more (as stats counts them)
    int right_guesses = 0;  // of the others, the right option picked but graded below a pass (a guess)
    int drills = 0;         // same-day drill answers
    std::chrono::milliseconds time_spent{0};
    std::optional<Day> next_due;  // today while cards are still due today
    std::vector<Confusion> confused_today;
    bool had_cards = false;  // false: nothing was due or new today
    // What is left, as a plain `rolecall review` would find it now; counts stop at summary_count_cap
    // (counting 24,000 due cards would cost more than the rest of a session's end):
    int due_left = 0;     // cards still due today (not those waiting for a sibling's day to pass)
    int drills_left = 0;  // cards missed today whose same-day drill is not done
    int new_left = 0;     // new cards it would still introduce today, within the day's limits
    // New cards not started at all, today's limits aside; not counted (nullopt) after a session
    // whose due cards fill what is left of the day's reviews, as its summary then does not show it.
    std::optional<int> new_waiting;
    int new_started_today = 0;
    // A cram session (review --cram): every answer was logged as a drill and no schedule changed.
    bool cram = false;
    int crammed = 0;     // cram cards answered (the first time each; their drills count in `drills`)
    int cram_right = 0;  // of those, graded passing_grade or more
};

}  // namespace rolecall
