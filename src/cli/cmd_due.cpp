// `rolecall due`: the number of cards due today, for a shell prompt or a status line.
#include "commands.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

int run_due(Context& context) {
    // Fast and quiet for a shell prompt: no deck build, and no database created where there is none.
    if (!context.database_exists()) {
        fmt::print("0\n");
        return 0;
    }
    Storage& storage = context.open_existing();
    fmt::print("{}\n", storage.count_due(std::nullopt, context.today(context.rollover_hour(storage))));
    return 0;
}

}  // namespace rolecall::cli
