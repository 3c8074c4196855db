// The rolecall commands. CLI11 fills one plain options struct per command in main.cpp; the command
// functions below never see CLI11, and each takes the Context that main built once.
#pragma once

#include "context.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace rolecall::cli {

struct ReviewConfig {
    std::string deck;              // empty: every deck
    std::optional<int> new_cards;  // --new: new cards per day, this run
    std::optional<int> limit;      // --limit: cards this session
    std::optional<int> reviews;    // --reviews: reviews per day, this run
    bool cram = false;             // --cram: practise cards that are not due, schedule untouched
    std::optional<int> ahead;      // --ahead DAYS: cards due in the next DAYS days too
};
int run_review(Context& context, const ReviewConfig& config);

struct CheckConfig {
    std::string deck;  // empty: the built-in deck
    int count = 12;
};
int run_check(Context& context, const CheckConfig& config);

struct BuildConfig {
    std::vector<std::string> files;  // empty: the built-in deck
};
int run_build(Context& context, const BuildConfig& config);

int run_decks(Context& context);

struct ImportConfig {
    std::vector<std::string> files;
    std::string deck;
    std::string format = "auto";
    std::string separator;
    bool dry_run = false;
    bool sync = false;
    bool keep_schedule = false;
    bool with_history = false;
    bool lenient = false;
    bool header = false;
    std::string front;  // --front, --back (repeated), --tags, --deck-column: columns by name or number
    std::vector<std::string> back;
    std::string tags;
    std::string deck_column;
    int max_field_kib = 1024;
    int max_rows = 1'000'000;
};
int run_import(Context& context, const ImportConfig& config);

struct StatsConfig {
    std::string deck;
    int days = 30;
    bool json = false;
    bool ascii = false;
};
int run_stats(Context& context, const StatsConfig& config);

struct ReportConfig {
    std::string deck;
    int days = 30;
    std::string output = "report.html";
};
int run_report(Context& context, const ReportConfig& config);

struct ConfigConfig {
    std::string action;  // get | set | unset | list
    std::vector<std::string> args;
    std::string deck;
};
int run_config(Context& context, const ConfigConfig& config);

struct SyncConfig {
    std::string dir;  // empty: the setting sync-dir
};
int run_sync(Context& context, const SyncConfig& config);

struct OptimizeConfig {
    std::string deck;  // empty: every deck's answers, stored as the global fsrs-params
    bool dry_run = false;
};
int run_optimize(Context& context, const OptimizeConfig& config);

// `rolecall simulate`: the next days' workload and retention under SM-2 and FSRS, from the learner's data.
struct SimulateConfig {
    std::string deck;  // empty: every deck
    int days = 365;
    bool json = false;
    bool ascii = false;
    std::uint64_t seed = 1;
};
int run_simulate(Context& context, const SimulateConfig& config);

// `rolecall due`: the number of cards due today, for a prompt or a status line.
int run_due(Context& context);

// `rolecall complete decks|settings`: words for the shell completions (hidden).
int run_complete(Context& context, const std::string& what);

// `rolecall cards [QUERY...]`: the cards a query finds (cards/card_query.hpp has the language).
struct CardsConfig {
    std::vector<std::string> query;
    std::string format = "table";  // table | ids | json
    int limit = -1;                // -1: every card found
};
int run_cards(Context& context, const CardsConfig& config);

// `rolecall card ID [--json]`: one card, its answers and its edits.
struct CardConfig {
    Id id = 0;
    bool json = false;
};
int run_card(Context& context, const CardConfig& config);

// `rolecall suspend|unsuspend|bury ID... [--query QUERY]`
struct CardStateConfig {
    std::string action;  // suspend | unsuspend | bury
    std::vector<Id> ids;
    std::vector<std::string> query;
};
int run_card_state(Context& context, const CardStateConfig& config);

// `rolecall add --deck NAME FRONT BACK [--tags T] [--reversed]`
struct AddConfig {
    std::string deck;
    std::string front;
    std::string back;
    std::string tags;
    bool reversed = false;
};
int run_add(Context& context, const AddConfig& config);

// `rolecall edit ID`
struct EditConfig {
    Id id = 0;
};
int run_edit(Context& context, const EditConfig& config);

// `rolecall deck rename OLD NEW` / `rolecall deck delete NAME [--yes]`
struct DeckConfig {
    std::string action;  // rename | delete
    std::vector<std::string> names;
    bool yes = false;
};
int run_deck(Context& context, const DeckConfig& config);

struct ExportConfig {
    std::string what;  // cards | reviews | stats
    std::string format = "csv";
    std::string output;  // empty: standard output
    std::string deck;
    std::string since;
};
int run_export(Context& context, const ExportConfig& config);

}  // namespace rolecall::cli
