#include "rolecall/settings/scheduler_change.hpp"

#include "rolecall/settings/settings.hpp"

#include <fmt/format.h>

namespace rolecall {

DeckSchedulers scheduler_configs(Storage& storage) {
    DeckSchedulers configs;
    for (const auto& deck : storage.decks()) configs[deck.id] = load_settings(storage, deck.id).scheduler;
    return configs;
}

std::string describe(const SchedulerChange& change) {
    if (change.decks == 0) return {};
    return fmt::format(
        "{} rescheduled: memory from the log for {} {}, estimated from SM-2 for {}; due days stay "
        "until each card's next answer",
        change.decks == 1 ? std::string("1 deck") : fmt::format("{} decks", change.decks), change.replayed,
        change.replayed == 1 ? "card" : "cards", change.estimated);
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

SchedulerChange change_setting(Storage& storage, std::string_view name, const std::optional<std::string>& value,
                               DeckFilter deck) {
    const SettingSpec& spec = find_setting(name);
    const bool reschedules = is_scheduler_setting(spec.name);
    const DeckSchedulers before = reschedules ? scheduler_configs(storage) : DeckSchedulers{};
    Storage::Transaction transaction(storage);
    if (value) {
        store_setting(storage, spec.name, *value, deck);
    } else {
        remove_setting(storage, spec.name, deck);
    }
    const SchedulerChange change = reschedules ? apply_scheduler_change(storage, before) : SchedulerChange{};
    transaction.commit();
    return change;
}

}  // namespace rolecall
