// `rolecall cards [QUERY]`: find cards (full-text words and filters), as a table, ids or JSON; and
// `rolecall card ID`: one card whole, with every answer given to it and every edit made.
#include "card_lookup.hpp"
#include "commands.hpp"
#include "session_io.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/scheduling/sm2.hpp"
#include "rolecall/stats/export.hpp"
#include "rolecall/settings/scheduler_change.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <iostream>

namespace rolecall::cli {

namespace {

std::string due_text(const CardRecord& card) {
    if (card.retired) return "retired";
    if (card.suspended) return "suspended";
    return card.state.due ? format_day(*card.state.due) : "new";
}

std::string ease_text(const CardRecord& card) { return fmt::format("{:.2f}", card.state.ease / 100.0); }

void print_table(const std::vector<CardRecord>& cards, const Style& style) {
    std::size_t deck_width = 4;
    std::size_t id_width = 2;
    for (const auto& card : cards) {
        deck_width = std::max(deck_width, display_width(printable_only(card.deck)));
        id_width = std::max(id_width, std::to_string(card.id).size());
    }
    deck_width = std::min<std::size_t>(deck_width, 24);
    // id, deck, due (10: a date, "suspended"), interval, ease, lapses, then the front.
    const std::size_t others = id_width + 2 + 2 + 10 + 2 + 5 + 2 + 4 + 2 + 6 + 2;
    const auto columns = output_columns();
    // On a narrow terminal the deck gives way (down to 6 columns) so that 10 of the front still fit.
    if (columns && *columns < others + deck_width + 10)
        deck_width = std::max<std::size_t>(6, *columns > others + 10 ? *columns - others - 10 : 0);
    const std::size_t fixed = others + deck_width;
    const std::size_t front_width = columns && *columns > fixed + 10 ? *columns - fixed : (columns ? 10 : 0);
    const std::string_view ellipsis = style.symbol("…", "...");
    // The deck is padded and cut by terminal columns (display_width), as fmt would count differently.
    fmt::print("{:>{}}  {}  {:<10}  {:>5}  {:>4}  {:>6}  {}\n", "id", id_width, pad_right("deck", deck_width), "due",
               "ivl", "ease", "lapses", "front");
    for (const auto& card : cards) {
        std::string front = printable_only(card.front);
        // Into a pipe the front is whole: its line breaks become " / ", so no byte count bounds it.
        front = front_width ? one_line_cut(front, front_width, ellipsis)
                            : one_line_cut(front, std::numeric_limits<std::size_t>::max(), "");
        fmt::print("{:>{}}  {}  {:<10}  {:>5}  {:>4}  {:>6}  {}\n", card.id, id_width,
                   pad_right(one_line_cut(printable_only(card.deck), deck_width, ellipsis), deck_width), due_text(card),
                   card.state.due ? fmt::format("{}d", card.state.interval_days) : "-", ease_text(card),
                   card.state.lapses, front);
    }
}

}  // namespace

int run_cards(Context& context, const CardsConfig& config) {
    Storage& storage = context.open_existing();
    const CardSearch search = search_from_words(context, storage, config.query);
    const Day today = context.today(context.rollover_hour(storage));
    std::vector<CardRecord> cards;
    if (config.format == "ids") {
        // A list for scripts (`rolecall suspend $(rolecall cards tag:x --format ids)`), streamed.
        storage.search_cards(search, today, config.limit, [](const CardRecord& card) { fmt::print("{}\n", card.id); });
        return 0;
    }
    if (config.format == "json") {
        nlohmann::json rows = nlohmann::json::array();
        const DeckSchedulers schedulers = scheduler_configs(storage);
        storage.search_cards(search, today, config.limit, [&](const CardRecord& card) {
            rows.push_back(card_json(card, card_memory(card, today, schedulers)));
        });
        std::cout << nlohmann::json{{"schema_version", export_schema_version}, {"cards", rows}}.dump(2) << '\n';
        return 0;
    }
    storage.search_cards(search, today, config.limit, [&](const CardRecord& card) { cards.push_back(card); });
    if (cards.empty()) {
        context.note("no card matches; 'rolecall help cards' shows the filters");
        return 0;
    }
    print_table(cards, context.output_style(storage));
    // At the limit there may be more: say so rather than give the limit as the number found.
    const bool at_limit = config.limit > 0 && static_cast<int>(cards.size()) == config.limit;
    context.note(at_limit ? fmt::format("the first {} shown (--limit {}); there may be more",
                                        plural(static_cast<int>(cards.size()), "card", "cards"), config.limit)
                          : fmt::format("{} found", plural(static_cast<int>(cards.size()), "card", "cards")));
    return 0;
}

int run_card(Context& context, const CardConfig& config) {
    Storage& storage = context.open_existing();
    require_cards(storage, {config.id});
    const CardRecord card = storage.card(config.id);
    const auto reviews = storage.reviews_of_card(card.id);
    const auto edits = storage.edits_of_card(card.id);
    const Day today = context.today(context.rollover_hour(storage));
    if (config.json) {
        nlohmann::json history = nlohmann::json::array();
        for (const auto& review : reviews) history.push_back(review_json(review));
        nlohmann::json changes = nlohmann::json::array();
        for (const auto& edit : edits) {
            changes.push_back({{"day", format_day(edit.day)},
                               {"front_before", edit.front_before},
                               {"back_before", edit.back_before}});
        }
        std::cout << nlohmann::json{{"schema_version", export_schema_version},
                                    {"card", card_json(card, card_memory(card, today, scheduler_configs(storage)))},
                                    {"answers", history},
                                    {"edits", changes}}
                         .dump(2)
                  << '\n';
        return 0;
    }
    const Style style = context.output_style(storage);
    const std::size_t width = output_columns().value_or(0);
    auto field = [&](std::string_view label, const std::string& text) {
        const std::string indent(10, ' ');
        std::string wrapped = wrap_text(printable_only(text), width, indent);
        fmt::print("{}{}\n", style.bold(fmt::format("{:<10}", label)),
                   wrapped.substr(std::min(indent.size(), wrapped.size())));
    };
    const std::string title =
        fmt::format("card {} · {} · deck {}", card.id, shown_kind(card.kind, card.view), card.deck);
    fmt::print("{}\n", style.bold(wrap_text(title, width, "")));
    field("front", card.front);
    if (!card.choices.empty()) {
        std::string options;
        for (const auto& choice : card.choices) options += (options.empty() ? "" : " | ") + choice;
        field("options", options);
    }
    field("back", card.back);
    if (!card.explanation.empty()) field("why", card.explanation);
    if (!card.tags.empty()) field("tags", card.tags);
    std::string state;
    if (card.retired) {
        state = "retired (its source no longer makes it; history kept)";
    } else if (!card.state.due) {
        state = "new (never answered)";
    } else {
        state = fmt::format("due {} · interval {} · ease {} · {} · {}", format_day(*card.state.due),
                            plural(card.state.interval_days, "day", "days"), ease_text(card),
                            plural(card.state.repetitions, "repetition", "repetitions"),
                            plural(card.state.lapses, "lapse", "lapses"));
    }
    if (card.suspended) state += " · suspended";
    // A bury ends on its day without a write: only one still ahead is news.
    if (card.buried_until && *card.buried_until > context.today(context.rollover_hour(storage))) {
        state += fmt::format(" · buried until {}", format_day(*card.buried_until));
    }
    field("state", state);
    // FSRS's view of the card, under whichever scheduler its deck uses.
    const DeckSchedulers schedulers = scheduler_configs(storage);
    const SchedulerConfig& scheduler = scheduler_of(schedulers, card.deck_id);
    const CardMemory memory = card_memory(card, today, schedulers);
    if (memory.stability && memory.retrievability && !card.retired) {
        field("memory", fmt::format("{} · stability {:.1f} days · difficulty {:.1f} · recall today {:.0f}%",
                                    scheduler.kind == SchedulerKind::fsrs ? "scheduled by FSRS" : "scheduled by SM-2",
                                    *memory.stability, *memory.difficulty, *memory.retrievability * 100));
    }
    if (reviews.empty()) {
        field("answers", "none yet");
    } else {
        fmt::print("{}\n", style.bold("answers"));
        fmt::print("  {:<10}  {:>5}  {:>8}  {:>4}  {}\n", "day", "grade", "interval", "ease", "");
        for (const auto& review : reviews) {
            std::string note = review.drill ? "drill (schedule unchanged)" : "";
            if (!review.chosen.empty()) note += (note.empty() ? "" : "; ") + fmt::format("picked {}", review.chosen);
            // On a narrow terminal the note wraps under itself, not under the day at column 0.
            const std::string hang(2 + 10 + 2 + 5 + 2 + 8 + 2 + 4 + 2, ' ');
            note = wrap_text(note, width, hang).substr(hang.size());
            fmt::print("  {:<10}  {:>5}  {:>8}  {:>4.2f}  {}\n", format_day(review.day), review.grade,
                       fmt::format("{}d", review.after.interval_days), review.after.ease / 100.0, note);
        }
    }
    for (const auto& edit : edits) {
        field("edited", fmt::format("{}; before: {} / {}", format_day(edit.day), edit.front_before, edit.back_before));
    }
    return 0;
}

}  // namespace rolecall::cli
