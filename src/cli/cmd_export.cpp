// `rolecall export cards|reviews`: the collection as CSV or JSON, on stdout or into a file that
// appears whole or not at all.
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/settings/scheduler_change.hpp"
#include "rolecall/stats/export.hpp"
#include "rolecall/stats/stats_view.hpp"

#include <fmt/format.h>

#include <iostream>

namespace rolecall::cli {

int run_export(Context& context, const ExportConfig& config) {
    const ExportFormat format = export_format_from_string(config.format);
    std::optional<Day> since;
    if (!config.since.empty()) {
        since = parse_day(config.since);
        if (!since) throw usage_error(fmt::format("--since '{}' is not a date: use YYYY-MM-DD", config.since));
    }
    Storage& storage = context.open_existing();
    DeckFilter deck;
    if (!config.deck.empty()) deck = context.deck_id(config.deck);

    auto write = [&](std::ostream& out) {
        if (config.what == "cards") {
            export_cards(storage, deck, format, out, context.today(context.rollover_hour(storage)),
                         scheduler_configs(storage));
        } else if (config.what == "stats") {
            StatsReport report = collect_stats(storage, deck, config.deck.empty() ? "all decks" : config.deck,
                                               // The day rows need no memory model: no schedulers, so no replay.
                                               context.today(context.rollover_hour(storage)), 30, DeckSchedulers{});
            export_day_stats(report, since, format, out);
        } else {
            export_reviews(storage, deck, since, format, out);
        }
    };
    if (config.output.empty() || config.output == "-") {
        try {
            write(std::cout);
            std::cout.flush();
        } catch (const OutputClosed&) {
            // `rolecall export reviews | head`: the reader has what it wanted; stop quietly.
        }
        return 0;
    }
    write_file_whole(config.output, write);
    return 0;
}

}  // namespace rolecall::cli
