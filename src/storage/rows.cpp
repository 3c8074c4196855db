// Reading rows into records, shared by every file of the storage module.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

namespace rolecall {

namespace {

constexpr char choice_separator = '\x1f';

}  // namespace

std::string join_choices(const std::vector<std::string>& choices) {
    std::string joined;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        if (i > 0) joined.push_back(choice_separator);
        joined += choices[i];
    }
    return joined;
}

std::vector<std::string> split_choices(const std::string& joined) {
    std::vector<std::string> choices;
    if (joined.empty()) return choices;
    std::size_t pos = 0;
    while (true) {
        std::size_t next = joined.find(choice_separator, pos);
        choices.push_back(joined.substr(pos, next == std::string::npos ? std::string::npos : next - pos));
        if (next == std::string::npos) break;
        pos = next + 1;
    }
    return choices;
}

CardState read_state(const Query& row, int first, int more) {
    CardState state;
    state.repetitions = row.integer(first);
    state.ease = row.integer(first + 1);
    state.interval_days = row.integer(first + 2);
    state.due = row.day(first + 3);
    state.lapses = row.integer(first + 4);
    state.sm2_interval = row.optional_integer(more);
    if (!row.is_null(more + 1) && !row.is_null(more + 2))
        state.memory = MemoryState{row.real(more + 1), row.real(more + 2)};
    return state;
}

CardRecord read_card(const Query& row) {
    CardRecord card;
    card.id = row.int64(0);
    card.deck_id = row.int64(1);
    card.deck = row.text(2);
    card.note_key = row.text(3);
    card.view = row.text(4);
    card.kind = card_kind_from_string(row.text(5));
    card.front = row.text(6);
    card.back = row.text(7);
    card.choices = split_choices(row.text(8));
    card.answer = row.text(9);
    card.explanation = row.text(10);
    card.tags = row.text(11);
    card.state = read_state(row, 12, 23);
    card.suspended = row.boolean(17);
    card.retired = row.boolean(18);
    card.choice_roles = split_choices(row.text(19));
    card.why_not = split_choices(row.text(20));
    card.note_id = row.int64(21);
    card.buried_until = row.day(22);
    return card;
}
ReviewRecord read_review(const Query& row) {
    ReviewRecord review;
    review.id = row.int64(0);
    review.card_id = row.int64(1);
    review.day = *row.day(2);
    review.answered_at = row.text(3);
    review.grade = row.integer(4);
    review.drill = row.boolean(5);
    review.response_ms = row.integer(6);
    review.chosen = row.text(7);
    review.before = read_state(row, 8, 18);
    review.after = read_state(row, 13, 21);
    if (!row.is_null(24)) review.source = row.text(24);
    return review;
}

StoredCard read_stored_card(const Query& row) {
    StoredCard card;
    card.id = row.int64(0);
    card.note_id = row.int64(1);
    card.note_key = row.text(2);
    card.view = row.text(3);
    card.text.view = card.view;
    card.text.kind = card_kind_from_string(row.text(4));
    card.text.front = row.text(5);
    card.text.back = row.text(6);
    card.text.choices = split_choices(row.text(7));
    card.text.answer = row.text(8);
    card.text.explanation = row.text(9);
    card.text.tags = row.text(10);
    card.retired = row.boolean(11);
    card.text.choice_roles = split_choices(row.text(12));
    card.text.why_not = split_choices(row.text(13));
    return card;
}

std::vector<Id> collect_ids(Query& query) {
    std::vector<Id> ids;
    while (query.step()) ids.push_back(query.int64(0));
    return ids;
}

std::string json_ids(const std::vector<Id>& ids) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i > 0) out += ',';
        out += std::to_string(ids[i]);
    }
    out += ']';
    return out;
}

}  // namespace rolecall
