// `rolecall stats` and `rolecall report`: the statistics on a terminal, as JSON, or as an HTML page.
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/settings/scheduler_change.hpp"
#include "rolecall/settings/simulation_setup.hpp"
#include "rolecall/stats/stats_view.hpp"

#include <fmt/format.h>

#include <iostream>

namespace rolecall::cli {

namespace {

StatsReport collect(Context& context, Storage& storage, const std::string& deck_name, int days) {
    if (days < 1 || days > 3650) throw usage_error(fmt::format("--days {} must be between 1 and 3650", days));
    context.ensure_builtin_deck();
    DeckFilter deck;
    if (!deck_name.empty()) deck = context.deck_id(deck_name);
    const Day today = context.today(context.rollover_hour(storage));
    return collect_stats(storage, deck, deck_name.empty() ? "all decks" : deck_name, today, days,
                         scheduler_configs(storage));
}

}  // namespace

int run_stats(Context& context, const StatsConfig& config) {
    Storage& storage = context.open_or_create();
    StatsReport report = collect(context, storage, config.deck, config.days);
    if (config.json) {
        print_stats_json(report, std::cout);
        return 0;
    }
    DashboardStyle look;
    look.style = context.output_style(storage);
    look.unicode = !config.ascii && Style::locale_is_utf8();
    print_dashboard(report, look, std::cout);
    return 0;
}

int run_report(Context& context, const ReportConfig& config) {
    Storage& storage = context.open_or_create();
    StatsReport report = collect(context, storage, config.deck, config.days);
    // The workload section: `rolecall simulate`'s next year, seed 1, for the report's cards.
    SimulationSetup setup = simulation_setup(storage, config.deck.empty() ? DeckFilter() : context.deck_id(config.deck),
                                             report.today, 365, 1);
    setup.input.every_morning = false;  // the report shows the last day's recall, not each day's
    std::vector<VariantOutcome> workload;
    if (!setup.input.cards.empty()) workload = simulate_workload(setup.input);
    const auto* simulated = workload.empty() ? nullptr : &workload;
    // "-o -" is standard output, as for export (a file named "-" is "-o ./-").
    if (config.output == "-") {
        write_html_report(report, std::cout, simulated);
        std::cout.flush();
        if (!std::cout) throw Error("writing the report to standard output failed");
        return 0;
    }
    write_file_whole(config.output, [&](std::ostream& out) { write_html_report(report, out, simulated); });
    context.note("wrote " + config.output);
    return 0;
}

}  // namespace rolecall::cli
