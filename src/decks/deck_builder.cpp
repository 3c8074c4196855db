#include "rolecall/decks/deck_builder.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/decks/cloze.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace rolecall {

namespace {

std::string explain(const Category& category) {
    if (category.summary.empty()) return category.name;
    return fmt::format("{}: {}", category.name, category.summary);
}

// The options of a choice card: all categories when they fit, else the right one and the categories
// nearest to it in deck order, so a large deck still shows a stable, small set.
std::vector<const Category*> choice_options(const FactDeck& deck, const Category& right) {
    std::vector<const Category*> options;
    const auto& all = deck.categories;
    if (all.size() <= max_choices) {
        for (const auto& c : all) options.push_back(&c);
        return options;
    }
    auto index = static_cast<std::size_t>(&right - all.data());
    std::size_t first = index < max_choices / 2 ? 0 : index - max_choices / 2;
    first = std::min(first, all.size() - max_choices);
    for (std::size_t i = first; i < first + max_choices; ++i) options.push_back(&all[i]);
    return options;
}

// The value an aspect gives a category, or "" where it gives none.
std::string value_of(const Aspect& aspect, const std::string& category_key) {
    for (const auto& [key, value] : aspect.values) {
        if (key == category_key) return value;
    }
    return "";
}

// The picked category's own side of an aspect ("its time horizon: ..."), else its summary.
std::string side_of(const Aspect& aspect, const Category& picked) {
    const std::string value = value_of(aspect, picked.key);
    return value.empty() ? picked.summary : fmt::format("its {}: {}", aspect.label, value);
}

// What a learner who picks `picked` instead of the statement's category is told: the deck's own
// "not" line, else the picked category's side of the statement's aspect, else its summary.
std::string why_not(const FactDeck& deck, const Statement& statement, const Category& picked) {
    for (const auto& [key, text] : statement.instead) {
        if (key == picked.key) return text;
    }
    if (!statement.aspect.empty()) return side_of(*deck.find_aspect(statement.aspect), picked);
    return picked.summary;
}

// What is shown after every answer: why the right category owns the statement.
std::string explain_statement(const FactDeck& deck, const Statement& statement, const Category& right) {
    if (!statement.why.empty()) return fmt::format("{}: {}", right.name, statement.why);
    if (!statement.aspect.empty()) {
        const Aspect& aspect = *deck.find_aspect(statement.aspect);
        if (std::string value = value_of(aspect, right.key); !value.empty())
            return fmt::format("{}'s {}: {}", right.name, aspect.label, lowercase_first(value));
    }
    return explain(right);
}

// A "which one?" choice card over the deck's categories, with a "why not" line for each wrong option.
CardDraft which_one_card(const FactDeck& deck, const Category& right, std::string front,
                         const std::function<std::string(const Category&)>& why_not_for) {
    CardDraft card;
    card.view = "choice";
    card.kind = CardKind::choice;
    card.front = std::move(front);
    for (const Category* option : choice_options(deck, right)) {
        card.choices.push_back(option->name);
        card.why_not.push_back(option == &right ? "" : why_not_for(*option));
    }
    card.answer = right.name;
    card.back = right.name;
    // Nothing to say for any option is stored as nothing, so "no lines" reads back the same.
    if (std::all_of(card.why_not.begin(), card.why_not.end(), [](const std::string& w) { return w.empty(); }))
        card.why_not.clear();
    return card;
}

void add_statements(const FactDeck& deck, std::vector<NoteDraft>& notes) {
    for (const auto& statement : deck.statements) {
        const Category& category = *deck.find_category(statement.category);
        // A scenario carries its own question; a plain statement is asked the deck's question.
        std::string front = statement.scenario ? statement.text : deck.question + "\n" + statement.text;
        CardDraft card = which_one_card(deck, category, std::move(front),
                                        [&](const Category& picked) { return why_not(deck, statement, picked); });
        card.explanation = explain_statement(deck, statement, category);
        if (statement.scenario) card.tags = "scenario";
        notes.push_back(NoteDraft{"statement:" + statement.id, category.name, statement.text, {card}, {}});
    }
}

void add_aspects(const FactDeck& deck, std::vector<NoteDraft>& notes) {
    for (std::size_t n = 0; n < deck.aspects.size(); ++n) {
        const Aspect& aspect = deck.aspects[n];
        // Recall both ways: the category's value, typed from memory and graded by the learner; and
        // the value, placed among the categories as a checked choice.
        int position = static_cast<int>(n * deck.categories.size());
        for (const auto& [key, value] : aspect.values) {
            const Category& category = *deck.find_category(key);
            CardDraft forward;
            forward.view = "forward";
            forward.kind = CardKind::recall;
            forward.front =
                fmt::format("What {} the {}'s {}?", aspect.plural ? "are" : "is", category.name, aspect.label);
            forward.back = value;
            forward.answer = category.name;
            forward.explanation = explain(category);

            CardDraft reverse = which_one_card(
                deck, category,
                fmt::format("Which role has {} as its {}?\n{}", aspect.plural ? "these" : "this", aspect.label, value),
                [&](const Category& picked) { return side_of(aspect, picked); });
            reverse.view = "reverse";
            reverse.explanation = explain(category);

            NoteDraft note{fmt::format("aspect:{}:{}", aspect.key, key),
                           category.name,
                           fmt::format("{} / {}: {}", category.name, aspect.label, value),
                           {forward, reverse},
                           {}};
            // Definitions first: aspect by aspect, each category in turn, so the first cards a
            // learner meets set the three definitions side by side.
            if (aspect.first) note.introduce_at = position;
            ++position;
            notes.push_back(std::move(note));
        }
        // Contrast each pair on this aspect: both values side by side, "which of these two is X's?".
        // Which of the pair is asked alternates, so the answer's position tells nothing.
        for (std::size_t i = 0; i < aspect.values.size(); ++i) {
            for (std::size_t j = i + 1; j < aspect.values.size(); ++j) {
                const Category& a = *deck.find_category(aspect.values[i].first);
                const Category& b = *deck.find_category(aspect.values[j].first);
                const bool ask_first = (i + j + n) % 2 == 0;
                const Category& asked = ask_first ? a : b;
                CardDraft card;
                card.view = "contrast";
                card.kind = CardKind::choice;
                card.front = fmt::format("Which of these two {} the {}'s {}?", aspect.plural ? "are" : "is", asked.name,
                                         aspect.label);
                card.choices = {aspect.values[i].second, aspect.values[j].second};
                card.choice_roles = {a.name, b.name};
                card.answer = asked.name;
                card.back =
                    fmt::format("{}: {}\n{}: {}", a.name, aspect.values[i].second, b.name, aspect.values[j].second);
                card.explanation = card.back;
                // "that is ..." or "those are ...", as the label is one thing or several.
                const char* that = aspect.plural ? "those are" : "that is";
                card.why_not = {&a == &asked ? "" : fmt::format("{} the {}'s {}", that, a.name, aspect.label),
                                &b == &asked ? "" : fmt::format("{} the {}'s {}", that, b.name, aspect.label)};
                // It shows both values: the aspect cards of either are its siblings.
                notes.push_back(NoteDraft{
                    fmt::format("contrast:{}:{}-{}", aspect.key, a.key, b.key),
                    "",
                    card.back,
                    {card},
                    {},
                    {fmt::format("aspect:{}:{}", aspect.key, a.key), fmt::format("aspect:{}:{}", aspect.key, b.key)}});
            }
        }
    }
}

// The category a cloze deletion names, by name or alias (any case), if it names one.
const Category* category_named(const FactDeck& deck, std::string_view text) {
    for (const auto& category : deck.categories) {
        if (normalize_for_match(category.name) == normalize_for_match(text)) return &category;
        for (const auto& alias : category.aliases) {
            if (normalize_for_match(alias) == normalize_for_match(text)) return &category;
        }
    }
    return nullptr;
}

void add_takeaways(const FactDeck& deck, std::vector<NoteDraft>& notes) {
    for (const auto& takeaway : deck.takeaways) {
        NoteDraft note{"takeaway:" + takeaway.id, "", takeaway.text, {}, {}};
        auto deletions = cloze_deletions(takeaway.text);
        for (std::size_t i = 0; i < deletions.size(); ++i) {
            CardDraft card;
            // A deletion that names a category is a "which one?" choice: checked, and counted among
            // the confusions like every other.
            if (const Category* role = category_named(deck, deletions[i].answer); role && deck.categories.size() > 1) {
                card = which_one_card(deck, *role, cloze_front(takeaway.text, i),
                                      [](const Category& picked) { return picked.summary; });
            } else {
                card.kind = CardKind::cloze;
                card.back = deletions[i].answer;
            }
            card.view = fmt::format("c{}", i + 1);
            card.front = cloze_front(takeaway.text, i);
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

std::vector<CheckupQuestion> build_checkup(const FactDeck& deck) {
    std::vector<CheckupQuestion> questions;
    for (const auto& statement : deck.checkup) {
        const Category& category = *deck.find_category(statement.category);
        CardDraft card = which_one_card(deck, category, statement.text,
                                        [&](const Category& picked) { return why_not(deck, statement, picked); });
        questions.push_back(CheckupQuestion{statement.id, card.front, card.choices, card.answer,
                                            explain_statement(deck, statement, category), card.why_not});
    }
    return questions;
}

}  // namespace rolecall
