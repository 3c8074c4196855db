// The rolecall executable: parses the command line with CLI11 into plain option structs, runs one
// command, and is the one place that prints "rolecall: error: ..." and picks the exit code.
#include "commands.hpp"
#include "usage_errors.hpp"

#include "rolecall/base/error.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <sqlite3.h>

#include <array>
#include <csignal>
#include <functional>
#include <iostream>
#include <string_view>

namespace {

using namespace rolecall;

// A subcommand and the function that runs it, with the options CLI11 filled in for it.
struct Command {
    const CLI::App* subcommand;
    std::function<int(cli::Context&)> run;
};

int report(const std::string& message, ExitCode code) {
    std::cout.flush();
    std::cerr << "rolecall: error: " << message << '\n';
    return static_cast<int>(code);
}

std::filesystem::path executable_path(const char* argv0) {
    std::error_code ec;
    auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path(argv0) : self;
}

// The word that names the command: the first argument that is neither an option nor the value of a
// global option (those that take one are named here). Empty when there is none.
std::string_view command_word(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view word = argv[i];
        if (word == "--db" || word == "--today" || word == "--rollover-hour") {
            ++i;  // its value is no command
            continue;
        }
        if (!word.empty() && word[0] != '-') return word;
    }
    return {};
}

// "revew" -> "did you mean 'review'?" for a word that is no command.
std::optional<std::string> suggest_command(int argc, char** argv, const CLI::App& app) {
    std::vector<std::string> names;
    for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    const std::string word(command_word(argc, argv));
    if (word.empty() || std::find(names.begin(), names.end(), word) != names.end()) return std::nullopt;
    if (auto near = closest_match(word, names)) {
        return fmt::format("unknown command '{}': did you mean '{}'?", word, *near);
    }
    return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{
        "rolecall: learn to tell things apart, a few minutes a day, with SM-2 spaced repetition.\n"
        "With no command, starts a review of today's cards.",
        "rolecall"};
    app.set_version_flag("--version", fmt::format("rolecall {} (SQLite {})", ROLECALL_VERSION, sqlite3_libversion()));
    app.footer(
        "Examples:\n"
        "  rolecall                              review today's cards of every deck (--deck for one)\n"
        "  rolecall review --deck 'Product roles' --new 10\n"
        "  rolecall check                        a held-out checkup: can you place situations never seen?\n"
        "  rolecall --today 2026-11-22 review < answers.txt   scripted review\n"
        "  rolecall export reviews --format json -o reviews.json\n"
        "\n"
        "Environment: ROLECALL_DB (database path), ROLECALL_TODAY (study day), ROLECALL_DECKS (built-in decks),\n"
        "ROLECALL_BUSY_TIMEOUT (ms to wait for another writer), XDG_DATA_HOME, NO_COLOR.\n"
        "Exit codes: 0 ok, 1 error, 2 usage.");
    app.fallthrough();
    app.require_subcommand(0, 1);

    cli::GlobalOptions global;
    app.add_flag("-q,--quiet", global.quiet, "No notes on stderr: only results and errors");
    app.add_option("--db", global.db,
                   "Database file (default: $ROLECALL_DB, else $XDG_DATA_HOME/rolecall/rolecall.db)");
    app.add_option("--today", global.today, "Study day as YYYY-MM-DD, for scripting and tests (or ROLECALL_TODAY)");
    app.add_option("--rollover-hour", global.rollover_hour,
                   "Hour (0-23) at which a study day starts, this run (setting rollover-hour, default 4)");

    // Start-up: CLI11 builds each option's parser when the option is added, and every command's
    // options together cost a review more than opening its collection. Every command is declared
    // (the help lists them, a misspelt one gets the closest), but only the one the command line names
    // gets its options and footer; `help` shows any command's help, and gets them all.
    const std::string_view word = command_word(argc, argv);
    auto defines = [word](const CLI::App* command) { return word == "help" || word == command->get_name(); };

    cli::ReviewConfig review;
    auto* review_cmd = app.add_subcommand("review", "Review today's due and new cards (the default command)");
    if (defines(review_cmd)) {
        review_cmd->add_option("--deck", review.deck, "Only this deck");
        review_cmd->add_option("--new", review.new_cards, "New cards per day for this run (default 20)");
        review_cmd->add_option("--reviews", review.reviews, "Reviews per day for this run (default 200)");
        review_cmd->add_option("--limit", review.limit, "At most this many cards in this session");
        review_cmd->add_flag("--cram", review.cram,
                             "Practise cards not due, as drills: schedules untouched (not with --new, --ahead)");
        auto* ahead_option = review_cmd->add_option("--ahead", review.ahead,
                                                    "Also the cards due in the next DAYS days, graded as usual");
        ahead_option->type_name("DAYS");
        // --cram takes neither --new nor --ahead: run_review() says so.
        review_cmd->footer(
            "A card that lapses leech-lapses times (8), and every half as many after, is a leech: tagged\n"
            "leech and, with leech-action suspend (the default), suspended.\n"
            "Examples: rolecall review --deck 'Product roles' --limit 10\n"
            "          rolecall review --cram --deck 'Product roles' --limit 30   the night before an exam\n"
            "          rolecall review --ahead 3                                  the next three days' cards, now");
    }

    cli::CheckConfig checking;
    auto* check_cmd =
        app.add_subcommand("check", "A held-out checkup: which-role questions practice never shows, and your score");
    if (defines(check_cmd)) {
        check_cmd->add_option("--deck", checking.deck, "The deck whose checkup to take (default: the built-in deck)");
        check_cmd->add_option("--count", checking.count, "Questions to ask (default 12; the whole pool if smaller)");
        check_cmd->footer(
            "Every checkup is kept: 'rolecall stats' shows the scores over time.\n"
            "Example: rolecall check --count 20");
    }

    cli::BuildConfig build;
    auto* build_cmd = app.add_subcommand("build", "Build cards from fact-deck sources (default: the built-in deck)");
    if (defines(build_cmd)) {
        build_cmd->add_option("files", build.files, "Fact-deck files (.deck)");
        build_cmd->footer("Example: rolecall build my-scrum-events.deck");
    }

    auto* decks_cmd = app.add_subcommand("decks", "List decks with their new, due and total cards");
    if (defines(decks_cmd)) {
        decks_cmd->footer("Example: rolecall decks");
    }

    cli::ImportConfig importing;
    auto* import_cmd = app.add_subcommand("import", "Import decks: Anki text and .apkg, CSV, Quizlet, fact decks");
    if (defines(import_cmd)) {
        import_cmd
            ->add_option("files", importing.files, "Files to import (all in one transaction); - reads standard input")
            ->required();
        import_cmd->add_option("--deck", importing.deck, "Put every note in this deck");
        import_cmd
            ->add_option("--format", importing.format,
                         "auto (by extension, the default), anki-text, csv, apkg, quizlet or facts; needed for -")
            ->check(CLI::IsMember({"auto", "anki-text", "csv", "apkg", "quizlet", "facts"}));
        import_cmd->add_option("--separator", importing.separator,
                               "Field separator: tab, comma, semicolon, pipe, colon, space or the character (default: "
                               "#separator, else Anki's guess)");
        import_cmd->add_flag("--header", importing.header,
                             "The first row names the columns (a CSV's does anyway when all are known names)");
        import_cmd->add_option("--front", importing.front,
                               "Anki text, CSV: the column of the front, a header name or a number (other columns are "
                               "then ignored)");
        import_cmd->add_option("--back", importing.back, "The column of the back; repeat it for more lines of the back")
            ->allow_extra_args(false);
        import_cmd->add_option("--tags", importing.tags, "The column of the note's tags");
        import_cmd->add_option("--deck-column", importing.deck_column, "The column that names the note's deck");
        import_cmd->add_flag("--dry-run", importing.dry_run,
                             "Show the first notes and what would change; write nothing");
        import_cmd->add_flag("--sync", importing.sync,
                             "Retire notes of the imported decks that the files no longer hold");
        import_cmd->add_flag("--keep-schedule", importing.keep_schedule, ".apkg: carry Anki's intervals and ease over");
        import_cmd->add_flag("--with-history", importing.with_history,
                             ".apkg: carry Anki's review log over too; each card's state is its log replayed");
        import_cmd->add_flag("--lenient", importing.lenient, "Replace invalid UTF-8 instead of refusing the file");
        import_cmd->add_option("--max-field", importing.max_field_kib,
                               "Largest field in KiB (default 1024; a note with a longer one is skipped)");
        import_cmd->add_option("--max-rows", importing.max_rows, "Most rows or notes per file (default 1000000)");
        import_cmd->footer(
            "Notes from standard input (-) go to --deck, else to the deck the input names (#deck:, a deck column,\n"
            "an .apkg's decks), else to the deck 'Imported'.\n"
            "Examples: rolecall import spanish.apkg vocabulary.csv --dry-run\n"
            "          rolecall import vocab.csv --front german --back english --back s1 --tags type\n"
            "          curl -s https://example.org/words.tsv | rolecall import - --format anki-text --deck Words");
    }

    cli::StatsConfig stats;
    auto* stats_cmd = app.add_subcommand("stats", "Show progress: today, forecast, activity, retention, confusions");
    if (defines(stats_cmd)) {
        stats_cmd->add_option("--deck", stats.deck, "Only this deck");
        stats_cmd->add_option("--days", stats.days, "Window for the recent figures, in days (default 30)");
        stats_cmd->add_flag("--json", stats.json, "Print the figures as one JSON document");
        stats_cmd->add_flag("--ascii", stats.ascii, "Plain ASCII instead of Unicode blocks");
        stats_cmd->footer("Example: rolecall stats --deck 'Product roles' --days 14");
    }

    cli::ReportConfig reporting;
    auto* report_cmd = app.add_subcommand("report", "Write the statistics as one self-contained HTML page");
    if (defines(report_cmd)) {
        report_cmd->add_option("-o,--output", reporting.output,
                               "The HTML file to write (default report.html; - for standard output)");
        report_cmd->add_option("--deck", reporting.deck, "Only this deck");
        report_cmd->add_option("--days", reporting.days, "Window for the recent figures, in days (default 30)");
        report_cmd->footer("Example: rolecall report -o ~/progress.html");
    }

    cli::ConfigConfig configuring;
    auto* config_cmd = app.add_subcommand("config", "Show or change settings kept in the collection");
    if (defines(config_cmd)) {
        config_cmd->add_option("action", configuring.action, "get, set, unset or list")
            ->required()
            ->check(CLI::IsMember({"get", "set", "unset", "list"}));
        config_cmd->add_option("args", configuring.args, "NAME [VALUE]");
        config_cmd->add_option("--deck", configuring.deck, "Read or change this deck's own value");
        config_cmd->footer(
            "Settings: new-per-day, reviews-per-day, rollover-hour, grade-right, grade-wrong, quick-seconds,\n"
            "slow-seconds, follow-ups, max-interval, leech-lapses, leech-action, colour, scheduler,\n"
            "desired-retention, fuzz, fsrs-params.\n"
            "Example: rolecall config set new-per-day 10 --deck 'Product roles'");
    }

    cli::SyncConfig syncing;
    auto* sync_cmd = app.add_subcommand("sync", "Sync this collection with your other devices through a folder");
    if (defines(sync_cmd)) {
        sync_cmd->add_option("dir", syncing.dir,
                             "A folder your devices share (git, Syncthing, a network drive); default: sync-dir");
        sync_cmd->footer(
            "Writes this device's changes into DIR as a file of its own and reads in every other device's.\n"
            "Example: rolecall sync ~/Sync/rolecall   (once: rolecall config set sync-dir ~/Sync/rolecall)");
    }
    cli::OptimizeConfig optimizing;
    auto* optimize_cmd = app.add_subcommand("optimize", "Fit FSRS's parameters to your own answers");
    if (defines(optimize_cmd)) {
        optimize_cmd->add_option("--deck", optimizing.deck, "Only this deck's answers, stored as its own fsrs-params");
        optimize_cmd->add_flag("--dry-run", optimizing.dry_run, "Show the fit without storing it");
        optimize_cmd->footer(
            "Fits the 21 parameters to the first answer of each card on each study day (drills left out),\n"
            "prints how well the current and the fitted parameters predict those answers (log loss and\n"
            "RMSE(bins), lower is better) and stores the fitted ones as fsrs-params when they are better.\n"
            "Example: rolecall optimize --deck Spanish");
    }

    cli::SimulateConfig simulating;
    auto* simulate_cmd =
        app.add_subcommand("simulate", "Forecast reviews, minutes and retention under SM-2 and FSRS, from your data");
    if (defines(simulate_cmd)) {
        simulate_cmd->add_option("--deck", simulating.deck, "Only this deck's cards, answers and settings");
        simulate_cmd->add_option("--days", simulating.days, "Days to simulate (1-3650, default 365)");
        simulate_cmd->add_option("--seed", simulating.seed, "Seed of the random draws (default 1): a run repeats");
        simulate_cmd->add_flag("--json", simulating.json, "Print every variant's figures and daily series as JSON");
        simulate_cmd->add_flag("--ascii", simulating.ascii, "Plain ASCII instead of Unicode blocks");
        simulate_cmd->footer(
            "Your memory is FSRS's model with your fsrs-params ('rolecall optimize' fits them); your share of\n"
            "Hard, Good and Easy and your seconds per answer come from your log. Every day the due cards are\n"
            "answered within reviews-per-day, recalled with the probability the model gives, and new cards\n"
            "come at new-per-day, under SM-2, FSRS at your desired-retention, and FSRS at 0.85 and 0.95.\n"
            "Example: rolecall simulate --deck Spanish --days 180");
    }

    auto* due_cmd = app.add_subcommand("due", "Print how many cards are due today (for a prompt)");
    if (defines(due_cmd)) {
        due_cmd->footer("Example: PS1='[$(rolecall due)] \\$ '");
    }

    std::string complete_what;
    auto* complete_cmd = app.add_subcommand("complete", "Words for shell completion");
    complete_cmd->group("");  // hidden: the completions call it
    if (defines(complete_cmd)) {
        complete_cmd->add_option("what", complete_what, "decks or settings")->required();
    }

    cli::ExportConfig exporting;
    auto* export_cmd = app.add_subcommand("export", "Export cards, the review log or daily stats as CSV or JSON");
    if (defines(export_cmd)) {
        export_cmd->add_option("what", exporting.what, "cards, reviews or stats (one row per study day)")
            ->required()
            ->check(CLI::IsMember({"cards", "reviews", "stats"}));
        export_cmd->add_option("--format", exporting.format, "csv (default) or json")
            ->check(CLI::IsMember({"csv", "json"}));
        export_cmd->add_option("-o,--output", exporting.output, "Write to this file instead of standard output");
        export_cmd->add_option("--deck", exporting.deck, "Only this deck");
        export_cmd->add_option("--since", exporting.since,
                               "Reviews and stats: only from this study day on (YYYY-MM-DD)");
        export_cmd->footer("Example: rolecall export cards --format json -o cards.json");
    }

    cli::CardsConfig listing;
    auto* cards_cmd =
        app.add_subcommand("cards", "Find cards: words of their text and filters (deck:, tag:, is:, ...)");
    if (defines(cards_cmd)) {
        cards_cmd->add_option("query", listing.query, "Words and filters; every one must hold");
        cards_cmd->add_option("--format", listing.format, "table (default), ids or json")
            ->check(CLI::IsMember({"table", "ids", "json"}));
        cards_cmd->add_option("--limit", listing.limit, "At most this many cards");
        cards_cmd->footer(
            "Words match the front and back (a word as a prefix: 'backlog' finds 'backlogs'; '\"user story\"'\n"
            "as a phrase; -word must not appear: quote the query, as in 'sprint -velocity'). Filters:\n"
            "  deck:NAME            the deck and its NAME::children (quote a name with spaces)\n"
            "  tag:T                tagged T\n"
            "  is:due|new|suspended|buried|leech|retired\n"
            "  kind:choice|recall|cloze|contrast\n"
            "  lapses>N interval>N due<YYYY-MM-DD   (also >=, <=, =)\n"
            "Examples:\n"
            "  rolecall cards backlog deck:'Product roles'\n"
            "  rolecall cards is:leech --format ids\n"
            "  rolecall cards 'lapses>2' 'due<2026-12-31'");
    }

    cli::CardConfig showing;
    auto* card_cmd = app.add_subcommand("card", "Show one card: both sides, its state and every answer given to it");
    if (defines(card_cmd)) {
        card_cmd->add_option("id", showing.id, "The card's id ('rolecall cards' lists them)")->required();
        card_cmd->add_flag("--json", showing.json, "Print it as JSON (the card as exports write it, answers, edits)");
        card_cmd->footer("Example: rolecall card 42");
    }

    cli::CardStateConfig card_state;
    auto add_card_state = [&](const char* name, const char* what, const char* example) {
        auto* sub = app.add_subcommand(name, what);
        if (defines(sub)) {
            sub->add_option("ids", card_state.ids, "Card ids");
            sub->add_option("--query", card_state.query, "Every card this query finds (as 'rolecall cards')")
                ->expected(1, -1);
            sub->footer(example);
        }
        return sub;
    };
    auto* suspend_cmd = add_card_state("suspend", "Take cards out of the reviews until unsuspended",
                                       "Example: rolecall suspend 12 15; rolecall suspend --query tag:obsolete");
    auto* unsuspend_cmd = add_card_state("unsuspend", "Put suspended cards back into the reviews",
                                         "Example: rolecall unsuspend --query is:leech");
    auto* bury_cmd =
        add_card_state("bury", "Hide cards until the next study day (schedule unchanged)", "Example: rolecall bury 12");

    cli::AddConfig adding;
    auto* add_cmd = app.add_subcommand("add", "Add one card to a deck of your own (made when new)");
    if (defines(add_cmd)) {
        add_cmd->add_option("--deck", adding.deck, "The deck")->required();
        add_cmd->add_option("front", adding.front, "What the card asks")->required();
        add_cmd->add_option("back", adding.back, "The answer")->required();
        add_cmd->add_option("--tags", adding.tags, "Tags, separated by spaces");
        add_cmd->add_flag("--reversed", adding.reversed, "Also a card asking the other way round");
        add_cmd->footer("Example: rolecall add --deck Spanish 'la mesa' 'the table' --tags nouns");
    }

    cli::EditConfig editing;
    auto* edit_cmd = app.add_subcommand("edit", "Change a card's text in $VISUAL or $EDITOR; its schedule is kept");
    if (defines(edit_cmd)) {
        edit_cmd->add_option("id", editing.id, "The card's id")->required();
        edit_cmd->footer(
            "A card built from a fact deck is changed in its source file: edit names the file and line.\n"
            "Example: EDITOR=nano rolecall edit 42");
    }

    cli::DeckConfig deck_config;
    auto* deck_cmd = app.add_subcommand("deck", "Rename or delete a deck of your own, with its NAME::children");
    if (defines(deck_cmd)) {
        deck_cmd->add_option("action", deck_config.action, "rename or delete")
            ->required()
            ->check(CLI::IsMember({"rename", "delete"}));
        deck_cmd->add_option("names", deck_config.names, "OLD NEW for rename, NAME for delete")->required();
        deck_cmd->add_flag("-y,--yes", deck_config.yes, "Delete without asking (scripts)");
        deck_cmd->footer(
            "delete copies the collection beside itself first (rolecall.db.before-delete.bak). Deleting the\n"
            "built-in deck hides it until 'rolecall build' brings it back.\n"
            "Examples: rolecall deck rename Spanish 'Languages::Spanish'; rolecall deck delete 'Old deck' --yes");
    }

    std::string help_topic;
    auto* help_cmd = app.add_subcommand("help", "Show this help, or a command's own (rolecall help import)");
    if (defines(help_cmd)) {
        help_cmd->add_option("command", help_topic, "The command to explain");
    }

    // Each subcommand and the function that runs it; the first is the default command.
    using cli::Context;
    const std::array<Command, 22> commands{{
        {review_cmd, [&](Context& context) { return cli::run_review(context, review); }},
        {check_cmd, [&](Context& context) { return cli::run_check(context, checking); }},
        {build_cmd, [&](Context& context) { return cli::run_build(context, build); }},
        {decks_cmd, [&](Context& context) { return cli::run_decks(context); }},
        {import_cmd, [&](Context& context) { return cli::run_import(context, importing); }},
        {stats_cmd, [&](Context& context) { return cli::run_stats(context, stats); }},
        {report_cmd, [&](Context& context) { return cli::run_report(context, reporting); }},
        {config_cmd, [&](Context& context) { return cli::run_config(context, configuring); }},
        {due_cmd, [&](Context& context) { return cli::run_due(context); }},
        {simulate_cmd, [&](Context& context) { return cli::run_simulate(context, simulating); }},
        {optimize_cmd, [&](Context& context) { return cli::run_optimize(context, optimizing); }},
        {sync_cmd, [&](Context& context) { return cli::run_sync(context, syncing); }},
        {complete_cmd, [&](Context& context) { return cli::run_complete(context, complete_what); }},
        {export_cmd, [&](Context& context) { return cli::run_export(context, exporting); }},
        {cards_cmd, [&](Context& context) { return cli::run_cards(context, listing); }},
        {card_cmd, [&](Context& context) { return cli::run_card(context, showing); }},
        {suspend_cmd,
         [&](Context& context) {
             card_state.action = "suspend";
             return cli::run_card_state(context, card_state);
         }},
        {unsuspend_cmd,
         [&](Context& context) {
             card_state.action = "unsuspend";
             return cli::run_card_state(context, card_state);
         }},
        {bury_cmd,
         [&](Context& context) {
             card_state.action = "bury";
             return cli::run_card_state(context, card_state);
         }},
        {add_cmd, [&](Context& context) { return cli::run_add(context, adding); }},
        {edit_cmd, [&](Context& context) { return cli::run_edit(context, editing); }},
        {deck_cmd, [&](Context& context) { return cli::run_deck(context, deck_config); }},
    }};

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        if (auto suggestion = suggest_command(argc, argv, app)) return report(*suggestion, ExitCode::usage);
        // The command being parsed: the last subcommand CLI11 entered.
        std::string command;
        for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
            if (sub->parsed()) command = sub->get_name();
        }
        return report(cli::usage_message(e.what(), command), ExitCode::usage);
    }

    // `rolecall help [COMMAND]`: the same text as --help, without opening anything.
    if (help_cmd->parsed()) {
        if (help_topic.empty()) {
            // The formatter, not app.help(): that one explains the subcommand parsed last (help).
            std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
            return 0;
        }
        for (const auto* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
            if (sub->get_name() == help_topic && sub->get_name() != "complete") {
                std::cout << sub->help(app.get_name());
                return 0;
            }
        }
        return report(fmt::format("no command named '{}'; 'rolecall help' lists them", help_topic), ExitCode::usage);
    }

    // A reader that goes away (`rolecall export cards | head`) ends the export quietly.
    std::signal(SIGPIPE, SIG_IGN);
    try {
        cli::Context context(global, executable_path(argv[0]));
        const Command* chosen = &commands.front();  // no subcommand: review, the default
        for (const auto& command : commands) {
            if (command.subcommand->parsed()) chosen = &command;
        }
        return chosen->run(context);
    } catch (const Error& e) {
        return report(e.what(), e.code());
    } catch (const std::exception& e) {
        return report(e.what(), ExitCode::failure);
    }
}
