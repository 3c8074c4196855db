// `rolecall optimize [--deck NAME]`: FSRS's parameters fitted to the learner's own answers, shown beside
// the current ones on the same answers, and stored when they predict better.
#include "commands.hpp"
#include "progress_line.hpp"

#include "rolecall/settings/parameter_fit.hpp"

#include <fmt/format.h>

namespace rolecall::cli {

int run_optimize(Context& context, const OptimizeConfig& config) {
    Storage& storage = context.open_existing();
    DeckFilter deck;
    if (!config.deck.empty()) deck = context.deck_id(config.deck);
    ParameterFit fit;
    {
        ProgressLine progress("fitting", !context.quiet());
        fit = fit_to_log(storage, deck, [&](double fraction) { progress.update(fraction); });
    }
    const std::string scope = config.deck.empty() ? std::string("every deck") : config.deck;
    if (fit.fitted.rule == fsrs::FitRule::defaults_kept) {
        // fsrs-rs's rules: 8 answers after a card's first, once its outlier filter has left out the
        // first intervals too rare to learn from, and some first interval to start from; say which.
        const std::string why =
            fit.fitted.item_count < 8
                ? fmt::format("{} left after fsrs-rs's outlier filter, 8 needed", fit.fitted.item_count)
                : std::string("no card's first interval is common enough to learn from");
        fmt::print("{}: {} cards with {} answers: too few to fit ({}); the current parameters stay\n", scope, fit.cards,
                   fit.answers, why);
        return 0;
    }
    fmt::print("{}: {} cards with {} answers; {} predictions scored\n", scope, fit.cards, fit.answers,
               fit.after.item_count);
    if (fit.fitted.rule == fsrs::FitRule::initial_stability_only)
        fmt::print("few answers (under 64): only the first stabilities w0-w3 fitted, the rest default\n");
    {
        fmt::print("{:<20} {:>9} {:>11}\n", "", "log loss", "RMSE(bins)");
        fmt::print("{:<20} {:>9.4f} {:>11.4f}\n", "current parameters", fit.before.log_loss, fit.before.rmse_bins);
        fmt::print("{:<20} {:>9.4f} {:>11.4f}\n", "fitted parameters", fit.after.log_loss, fit.after.rmse_bins);
    }
    if (!fit.better()) {
        context.note("the current parameters stay: the fitted ones predict these answers no better");
        return 0;
    }
    if (config.dry_run) {
        fmt::print("fitted: {}\n", fsrs::format_parameters(fit.fitted.parameters));
        context.note("--dry-run: nothing stored");
        return 0;
    }
    const SchedulerChange change = store_fitted(storage, deck, fit);
    fmt::print("stored as fsrs-params{}: {}\n", deck ? fmt::format(" of deck '{}'", config.deck) : std::string(),
               fsrs::format_parameters(fit.fitted.parameters));
    const std::string changed = describe(change);
    if (!changed.empty()) context.note(changed);
    return 0;
}

}  // namespace rolecall::cli
