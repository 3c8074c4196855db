// `rolecall export cards|reviews`: the collection as CSV or JSON, on stdout or into a file that
// appears whole or not at all.
#include "commands.hpp"

#include "rolecall/error.hpp"
#include "rolecall/export.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>

namespace rolecall::cli {

int run_export(Context& context, const ExportConfig& config) {
    const ExportFormat format = export_format_from_string(config.format);
    std::optional<Day> since;
    if (!config.since.empty()) {
        since = parse_day(config.since);
        if (!since) throw usage_error(fmt::format("--since '{}' is not a date: use YYYY-MM-DD", config.since));
    }
    Storage& storage = context.storage(true);
    DeckFilter deck;
    if (!config.deck.empty()) deck = context.deck_id(config.deck);

    auto write = [&](std::ostream& out) {
        if (config.what == "cards") {
            export_cards(storage, deck, format, out);
        } else {
            export_reviews(storage, deck, since, format, out);
        }
    };
    if (config.output.empty() || config.output == "-") {
        write(std::cout);
        std::cout.flush();
        return 0;
    }
    // Write beside the target and rename, so a failed export never leaves half a file behind.
    const std::filesystem::path target = config.output;
    std::filesystem::path partial = target;
    partial += ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(fmt::format("cannot write {}: check the folder exists and is writable", target.string()));
        try {
            write(out);
        } catch (...) {
            out.close();
            std::filesystem::remove(partial);
            throw;
        }
        out.close();
        if (!out) {
            std::filesystem::remove(partial);
            throw Error(fmt::format("writing {} failed (disk full?); nothing was written", target.string()));
        }
    }
    std::error_code ec;
    std::filesystem::rename(partial, target, ec);
    if (ec) {
        std::filesystem::remove(partial);
        throw Error(fmt::format("cannot write {}: {}", target.string(), ec.message()));
    }
    return 0;
}

}  // namespace rolecall::cli
