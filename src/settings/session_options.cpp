// Settings -> SessionOptions: the limits and suggested grades of one review session.
#include "rolecall/settings/session_options.hpp"

#include "rolecall/settings/settings.hpp"

namespace rolecall {

SessionOptions session_options(Storage& storage, const SessionRequest& request, Day today) {
    SessionOptions options;
    options.deck = request.deck;
    options.today = today;
    const Settings settings = load_settings(storage, request.deck);
    options.limits.new_per_day = request.new_per_day.value_or(settings.new_per_day);
    options.limits.reviews_per_day = request.reviews_per_day.value_or(settings.reviews_per_day);
    options.limits.session_limit = request.session_limit;
    // What is left today is what a plain `rolecall review` would find: the settings' limits, not
    // this run's --new and --reviews.
    options.plain_limits = QueueLimits{settings.new_per_day, settings.reviews_per_day, std::nullopt};
    if (!request.deck && !request.new_per_day) {
        // Reviewing every deck: each deck's own new-per-day still bounds its new cards.
        for (const auto& deck : storage.decks()) {
            if (stored_setting(storage, "new-per-day", deck.id)) {
                options.deck_new_limits[deck.id] = load_settings(storage, deck.id).new_per_day;
            }
        }
    }
    options.grade_right = settings.grade_right;
    options.grade_wrong = settings.grade_wrong;
    options.quick_ms = settings.quick_seconds * 1000;
    options.slow_ms = settings.slow_seconds * 1000;
    options.follow_ups = settings.follow_ups;
    options.scheduler = settings.scheduler;
    options.leech = settings.leech;
    if (!request.deck) {
        // Reviewing every deck: a deck's own leech settings still judge its cards.
        for (const auto& deck : storage.decks()) {
            if (stored_setting(storage, "leech-lapses", deck.id) || stored_setting(storage, "leech-action", deck.id)) {
                options.deck_leech_rules[deck.id] = load_settings(storage, deck.id).leech;
            }
        }
    }
    if (!request.deck) {
        // Reviewing every deck: a deck with a scheduler of its own (or its own FSRS settings) keeps it.
        options.deck_schedulers = own_scheduler_configs(storage);
    }
    return options;
}

}  // namespace rolecall
