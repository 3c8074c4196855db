#include "rolecall/decks/deck_builder.hpp"

#include "rolecall/decks/cloze.hpp"
#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall {

namespace {

std::string explain(const Category& category) {
    if (category.summary.empty()) return category.name;
    return fmt::format("{}: {}", category.name, category.summary);
}

// The options of a choice card: all categories when they fit, else the right one and the categories
// nearest to it in deck order, so a large deck still shows a stable, small set.
std::vector<std::string> choice_options(const FactDeck& deck, const Category& right) {
    std::vector<std::string> options;
    const auto& all = deck.categories;
    if (all.size() <= max_choices) {
        for (const auto& c : all) options.push_back(c.name);
        return options;
    }
    auto index = static_cast<std::size_t>(&right - all.data());
    std::size_t first = index < max_choices / 2 ? 0 : index - max_choices / 2;
    first = std::min(first, all.size() - max_choices);
    for (std::size_t i = first; i < first + max_choices; ++i) options.push_back(all[i].name);
    return options;
}

void add_statements(const FactDeck& deck, std::vector<NoteDraft>& notes) {
    for (const auto& statement : deck.statements) {
        const Category& category = *deck.find_category(statement.category);
        CardDraft card;
        card.view = "choice";
        card.kind = CardKind::choice;
        card.front = deck.question + "\n" + statement.text;
        card.choices = choice_options(deck, category);
        card.answer = category.name;
        card.back = category.name;
        card.explanation = explain(category);
        notes.push_back(NoteDraft{"statement:" + statement.id, category.name, statement.text, {card}, {}});
    }
}

void add_aspects(const FactDeck& deck, std::vector<NoteDraft>& notes) {
    for (const auto& aspect : deck.aspects) {
        // Recall both ways: (role, aspect) -> value, and value -> role.
        for (const auto& [key, value] : aspect.values) {
            const Category& category = *deck.find_category(key);
            CardDraft forward;
            forward.view = "forward";
            forward.kind = CardKind::recall;
            forward.front = fmt::format("{}: {}?", category.name, aspect.label);
            forward.back = value;
            forward.answer = category.name;
            forward.explanation = explain(category);

            CardDraft reverse;
            reverse.view = "reverse";
            reverse.kind = CardKind::recall;
            reverse.front = fmt::format("Whose {}?\n{}", aspect.label, value);
            reverse.back = category.name;
            reverse.answer = category.name;
            reverse.explanation = explain(category);

            notes.push_back(NoteDraft{fmt::format("aspect:{}:{}", aspect.key, key),
                                      category.name,
                                      fmt::format("{} / {}: {}", category.name, aspect.label, value),
                                      {forward, reverse},
                                      {}});
        }
        // Contrast each pair of categories on this aspect.
        for (std::size_t i = 0; i < aspect.values.size(); ++i) {
            for (std::size_t j = i + 1; j < aspect.values.size(); ++j) {
                const Category& a = *deck.find_category(aspect.values[i].first);
                const Category& b = *deck.find_category(aspect.values[j].first);
                CardDraft card;
                card.view = "contrast";
                card.kind = CardKind::contrast;
                card.front = fmt::format("{} vs {}: {}?", a.name, b.name, aspect.label);
                card.back =
                    fmt::format("{}: {}\n{}: {}", a.name, aspect.values[i].second, b.name, aspect.values[j].second);
                notes.push_back(
                    NoteDraft{fmt::format("contrast:{}:{}-{}", aspect.key, a.key, b.key), "", card.back, {card}, {}});
            }
        }
    }
}

void add_takeaways(const FactDeck& deck, std::vector<NoteDraft>& notes) {
    for (const auto& takeaway : deck.takeaways) {
        NoteDraft note{"takeaway:" + takeaway.id, "", takeaway.text, {}, {}};
        auto deletions = cloze_deletions(takeaway.text);
        for (std::size_t i = 0; i < deletions.size(); ++i) {
            CardDraft card;
            card.view = fmt::format("c{}", i + 1);
            card.kind = CardKind::cloze;
            card.front = cloze_front(takeaway.text, i);
            card.back = deletions[i].answer;
            card.explanation = cloze_full(takeaway.text);
            note.cards.push_back(std::move(card));
        }
        notes.push_back(std::move(note));
    }
}

}  // namespace

std::vector<NoteDraft> build_cards(const FactDeck& deck) {
    std::vector<NoteDraft> notes;
    add_statements(deck, notes);
    add_aspects(deck, notes);
    add_takeaways(deck, notes);
    return notes;
}

}  // namespace rolecall
