// `rolecall suspend|unsuspend|bury ID... [--query QUERY]`: take cards out of the reviews (for good,
// or until the next study day) and put them back; by id, or every card a query finds.
#include "card_lookup.hpp"
#include "commands.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall::cli {

int run_card_state(Context& context, const CardStateConfig& config) {
    if (config.ids.empty() && config.query.empty()) {
        throw usage_error(
            fmt::format("{} needs card ids or --query: 'rolecall {} 12 15' or 'rolecall {} --query tag:hard'",
                        config.action, config.action, config.action));
    }
    Storage& storage = context.open_existing();
    std::vector<Id> ids = config.ids;
    require_cards(storage, ids);
    if (!config.query.empty()) {
        for (Id id : ids_matching(context, storage, config.query)) ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    const int asked = static_cast<int>(ids.size());
    auto cards = [](int n) { return fmt::format("{} card{}", n, n == 1 ? "" : "s"); };
    std::string already;
    if (config.action == "bury") {
        const Day until = context.today(context.rollover_hour(storage)) + boost::gregorian::days(1);
        const int changed = storage.bury(ids, until);
        if (changed < asked) already = fmt::format(" ({} already were)", asked - changed);
        fmt::print("buried {} until {}{}\n", cards(changed), format_day(until), already);
        return 0;
    }
    const bool suspend = config.action == "suspend";
    const int changed = storage.set_suspended(ids, suspend);
    if (changed < asked) already = fmt::format(" ({} already were)", asked - changed);
    fmt::print("{} {}{}\n", suspend ? "suspended" : "unsuspended", cards(changed), already);
    return 0;
}

}  // namespace rolecall::cli
