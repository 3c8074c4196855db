#include "rolecall/stats/export.hpp"

#include "rolecall/base/day.hpp"
#include "rolecall/scheduling/sm2.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace rolecall {

using nlohmann::json;

namespace {

json day_or_null(const std::optional<Day>& day) { return day ? json(format_day(*day)) : json(nullptr); }
std::string day_or_empty(const std::optional<Day>& day) { return day ? format_day(*day) : ""; }

}  // namespace

CardMemory card_memory(const CardRecord& card, Day today, const DeckSchedulers& schedulers) {
    const fsrs::Parameters& w = scheduler_of(schedulers, card.deck_id).parameters;
    const auto memory = memory_before_answer(card.state, w);
    if (!memory) return {};
    return CardMemory{memory->stability, memory->difficulty, retrievability_on(card.state, today, w)};
}

namespace {

json number_or_null(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }

std::string number_or_empty(const std::optional<double>& value) {
    return value ? fmt::format("{}", *value) : std::string();
}

}  // namespace

json card_json(const CardRecord& card, const CardMemory& memory) {
    return json{{"id", card.id},
                {"deck", card.deck},
                {"note", card.note_key},
                {"view", card.view},
                {"kind", std::string(to_string(card.kind))},
                {"front", card.front},
                {"back", card.back},
                {"choices", card.choices},
                {"answer", card.answer},
                {"tags", card.tags},
                {"repetitions", card.state.repetitions},
                {"interval_days", card.state.interval_days},
                {"ease", ease_as_number(card.state.ease)},
                {"due", day_or_null(card.state.due)},
                {"lapses", card.state.lapses},
                {"stability", number_or_null(memory.stability)},
                {"difficulty", number_or_null(memory.difficulty)},
                {"retrievability", number_or_null(memory.retrievability)},
                {"suspended", card.suspended || card.retired},
                {"retired", card.retired},
                {"choice_roles", card.choice_roles},
                {"why_not", card.why_not},
                {"buried_until", day_or_null(card.buried_until)}};
}

namespace {

json state_json(const CardState& state) {
    return json{{"repetitions", state.repetitions},
                {"interval_days", state.interval_days},
                {"ease", ease_as_number(state.ease)},
                {"due", day_or_null(state.due)}};
}

}  // namespace

json review_json(const ReviewRecord& review) {
    return json{{"id", review.id},
                {"card_id", review.card_id},
                {"day", format_day(review.day)},
                {"answered_at", review.answered_at},
                {"grade", review.grade},
                {"drill", review.drill},
                {"response_ms", review.response_ms},
                {"chosen", review.chosen.empty() ? json(nullptr) : json(review.chosen)},
                {"before", state_json(review.before)},
                {"after", state_json(review.after)}};
}

namespace {

std::string ease_text(EaseHundredths ease) { return fmt::format("{}", ease_as_number(ease)); }

void csv_row(std::ostream& out, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& field : fields) {
        if (!first) out << ',';
        out << csv_field(field);
        first = false;
    }
    out << "\r\n";
    if (!out) throw OutputClosed();
}

// Streams a JSON document {"schema_version": 1, "<name>": [rows...]} one row at a time.
class JsonArrayWriter {
public:
    JsonArrayWriter(std::ostream& out, std::string_view name) : m_out(out) {
        m_out << "{\"schema_version\":" << export_schema_version << ",\"" << name << "\":[";
    }
    void row(const json& value) {
        m_out << (m_first ? "\n" : ",\n") << value.dump();
        m_first = false;
        if (!m_out) throw OutputClosed();
    }
    void close() { m_out << (m_first ? "]}\n" : "\n]}\n"); }

private:
    std::ostream& m_out;
    bool m_first = true;
};

std::string join_for_csv(const std::vector<std::string>& choices) {
    std::string joined;
    for (const auto& choice : choices) joined += (joined.empty() ? "" : " | ") + choice;
    return joined;
}

}  // namespace

ExportFormat export_format_from_string(std::string_view text) {
    if (text == "csv") return ExportFormat::csv;
    if (text == "json") return ExportFormat::json;
    throw usage_error(fmt::format("unknown export format '{}': use csv or json", text));
}

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted.push_back('"');
        quoted.push_back(c);
    }
    quoted.push_back('"');
    return quoted;
}

void export_cards(Storage& storage, DeckFilter deck, ExportFormat format, std::ostream& out, Day today,
                  const DeckSchedulers& schedulers) {
    if (format == ExportFormat::json) {
        JsonArrayWriter writer(out, "cards");
        storage.for_each_card(
            deck, [&](const CardRecord& card) { writer.row(card_json(card, card_memory(card, today, schedulers))); });
        writer.close();
        return;
    }
    csv_row(out, {"id",      "deck",      "note",       "view",          "kind",        "front",
                  "back",    "choices",   "answer",     "tags",          "repetitions", "interval_days",
                  "ease",    "due",       "lapses",     "suspended",     "retired",     "choice_roles",
                  "why_not", "stability", "difficulty", "retrievability"});
    storage.for_each_card(deck, [&](const CardRecord& card) {
        const CardMemory memory = card_memory(card, today, schedulers);
        csv_row(out, {std::to_string(card.id),
                      card.deck,
                      card.note_key,
                      card.view,
                      std::string(to_string(card.kind)),
                      card.front,
                      card.back,
                      join_for_csv(card.choices),
                      card.answer,
                      card.tags,
                      std::to_string(card.state.repetitions),
                      std::to_string(card.state.interval_days),
                      ease_text(card.state.ease),
                      day_or_empty(card.state.due),
                      std::to_string(card.state.lapses),
                      (card.suspended || card.retired) ? "true" : "false",
                      card.retired ? "true" : "false",
                      join_for_csv(card.choice_roles),
                      join_for_csv(card.why_not),
                      number_or_empty(memory.stability),
                      number_or_empty(memory.difficulty),
                      number_or_empty(memory.retrievability)});
    });
}

void export_reviews(Storage& storage, DeckFilter deck, std::optional<Day> since, ExportFormat format,
                    std::ostream& out) {
    if (format == ExportFormat::json) {
        JsonArrayWriter writer(out, "reviews");
        storage.for_each_review(deck, since, [&](const ReviewRecord& review) { writer.row(review_json(review)); });
        writer.close();
        return;
    }
    csv_row(out, {"id", "card_id", "day", "answered_at", "grade", "drill", "response_ms", "chosen",
                  "repetitions_before", "interval_days_before", "ease_before", "due_before", "repetitions_after",
                  "interval_days_after", "ease_after", "due_after"});
    storage.for_each_review(deck, since, [&](const ReviewRecord& r) {
        csv_row(out, {std::to_string(r.id), std::to_string(r.card_id), format_day(r.day), r.answered_at,
                      std::to_string(r.grade), r.drill ? "true" : "false", std::to_string(r.response_ms), r.chosen,
                      std::to_string(r.before.repetitions), std::to_string(r.before.interval_days),
                      ease_text(r.before.ease), day_or_empty(r.before.due), std::to_string(r.after.repetitions),
                      std::to_string(r.after.interval_days), ease_text(r.after.ease), day_or_empty(r.after.due)});
    });
}

}  // namespace rolecall
