#include "rolecall/settings/parameter_fit.hpp"

#include "rolecall/base/day.hpp"
#include "rolecall/settings/settings.hpp"

namespace rolecall {

std::vector<fsrs::ReviewHistory> fit_histories(const std::vector<CardHistory>& cards) {
    std::vector<fsrs::ReviewHistory> histories;
    for (const auto& card : cards) {
        if (card.answers.empty() || !card.start.is_new()) continue;
        fsrs::ReviewHistory history;
        history.first_day = static_cast<int>(card.answers.front().day.julian_day());
        std::optional<Day> previous;
        for (const auto& answer : card.answers) {
            const int elapsed = previous ? days_between(*previous, answer.day) : 0;
            history.answers.push_back({fsrs::rating_of_grade(answer.grade), elapsed});
            previous = answer.day;
        }
        histories.push_back(std::move(history));
    }
    return histories;
}

ParameterFit fit_to_log(Storage& storage, DeckFilter deck, const fsrs::FitProgress& progress) {
    std::vector<CardHistory> cards;
    for (const auto& row : storage.decks()) {
        if (deck && row.id != *deck) continue;
        auto of_deck = storage.card_histories(row.id);
        cards.insert(cards.end(), std::make_move_iterator(of_deck.begin()), std::make_move_iterator(of_deck.end()));
    }
    const std::vector<fsrs::ReviewHistory> histories = fit_histories(cards);
    ParameterFit fit;
    fit.cards = histories.size();
    for (const auto& history : histories) fit.answers += history.answers.size();
    fit.current = load_settings(storage, deck).scheduler.parameters;
    fit.fitted = fsrs::fit_parameters(histories, {}, progress);
    fit.before = fsrs::evaluate(histories, fit.current);
    fit.after = fsrs::evaluate(histories, fit.fitted.parameters);
    return fit;
}

SchedulerChange store_fitted(Storage& storage, DeckFilter deck, const ParameterFit& fit) {
    return change_setting(storage, "fsrs-params", stored_parameters(fit.fitted.parameters), deck);
}

}  // namespace rolecall
