#include "rolecall/settings/scheduler_change.hpp"

#include "rolecall/settings/settings.hpp"

namespace rolecall {

DeckSchedulers scheduler_configs(Storage& storage) {
    DeckSchedulers configs;
    for (const auto& deck : storage.decks()) configs[deck.id] = load_settings(storage, deck.id).scheduler;
    return configs;
}

SchedulerChange apply_scheduler_change(Storage& storage, const DeckSchedulers& before) {
    SchedulerChange change;
    for (const auto& [deck, config] : scheduler_configs(storage)) {
        const auto old = before.find(deck);
        // Retention, fuzz and max-interval shape the next intervals only; the cards stay as they are.
        if (old != before.end() && old->second.kind == config.kind && old->second.parameters == config.parameters)
            continue;
        ++change.decks;
        std::vector<std::pair<Id, CardState>> states;
        for (const auto& history : storage.card_histories(deck)) {
            CardState state = rescheduled_for(history.state, history.start, history.answers, config, history.card);
            ++(history.answers.empty() ? change.estimated : change.replayed);
            if (state != history.state) states.emplace_back(history.card, state);
        }
        storage.set_card_states(states);
    }
    return change;
}

}  // namespace rolecall
