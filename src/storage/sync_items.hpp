// Inside the storage module only: sync's items read from the collection as they are now, shared
// by the two halves of sending (sync_outbox.cpp: what the local changesets touched; sync_items.cpp:
// everything, and an item's body here for comparison).
#pragma once

#include "sync_values.hpp"

#include "rolecall/storage/sync_store.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace rolecall::sync_store {

#define ROLECALL_SYNC_NOTE_SELECT \
    "SELECT d.uid, n.key, n.category, n.fact, n.retired, n.shows FROM notes n JOIN decks d ON d.id = n.deck_id "
Item note_item(const Query& row, const Stamp& stamp);

// A card's three items from one row: its text, its flags and its schedule.
#define ROLECALL_SYNC_STATE \
    "c.repetitions, c.ease, c.interval_days, c.due, c.lapses, c.sm2_interval, c.stability, c.difficulty"
#define ROLECALL_SYNC_CARD_SELECT                                                                         \
    "SELECT d.uid, n.key, c.view, c.kind, c.front, c.back, c.choices, c.answer, c.explanation, c.tags, "  \
    "c.new_rank, c.retired, c.choice_roles, c.why_not, c.suspended, c.buried_until, " ROLECALL_SYNC_STATE \
    " FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id "
enum Group : unsigned { text_group = 1, flags_group = 2, state_group = 4 };
void card_items(const Query& row, const Stamp& stamp, unsigned groups, std::vector<Item>& out);

// An answer with its card's identity, in the order AnswerItems::add() reads.
#define ROLECALL_SYNC_ANSWER_COLUMNS                                                                          \
    "SELECT d.uid, n.key, c.view, r.uid, r.day, r.answered_at, r.grade, r.drill, r.response_ms, r.chosen, "   \
    "r.expected, r.source, r.undone, "                                                                        \
    "r.reps_before, r.ease_before, r.interval_before, r.due_before, r.lapses_before, r.sm2_interval_before, " \
    "r.stability_before, r.difficulty_before, "                                                               \
    "r.reps_after, r.ease_after, r.interval_after, r.due_after, r.lapses_after, r.sm2_interval_after, "       \
    "r.stability_after, r.difficulty_after "
#define ROLECALL_SYNC_ANSWER_CARD \
    "JOIN cards c ON c.id = r.card_id JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id "
#define ROLECALL_SYNC_ANSWER_SELECT ROLECALL_SYNC_ANSWER_COLUMNS "FROM reviews r " ROLECALL_SYNC_ANSWER_CARD
// Answers by id (a JSON array), the ids first (CROSS JOIN keeps that order): a search of the log in
// card order would read all of it.
#define ROLECALL_SYNC_ANSWERS_BY_ID                                                              \
    ROLECALL_SYNC_ANSWER_COLUMNS                                                                 \
        "FROM json_each(?1) j CROSS JOIN reviews r ON r.id = j.value " ROLECALL_SYNC_ANSWER_CARD \
        "ORDER BY r.card_id, r.id"

// Gathers answers, read in card order, into one item per card.
class AnswerItems {
public:
    AnswerItems(Stamp stamp, std::function<void(Item&&)> emit) : m_stamp(std::move(stamp)), m_emit(std::move(emit)) {}
    void add(const Query& row) {
        std::string key = join_key({row.text(0), row.text(1), row.text(2)});
        if (key != m_item.key) flush();
        if (m_item.key.empty()) {
            m_item = Item{std::string(answers_kind), std::move(key), m_stamp, nlohmann::json::array()};
        }
        // uid, day, answered_at, grade, drill, response_ms, chosen, expected, source, undone, before, after
        nlohmann::json answer = columns_json(row, 3, 10);
        answer.push_back(columns_json(row, 13, 8));
        answer.push_back(columns_json(row, 21, 8));
        m_item.body.push_back(std::move(answer));
    }
    void flush() {
        if (!m_item.key.empty()) m_emit(std::move(m_item));
        m_item = Item{};
    }

private:
    Stamp m_stamp;
    std::function<void(Item&&)> m_emit;
    Item m_item;
};

// Settings that belong to this device alone: where its sync folder is, and the file stamps of the
// deck sources it builds from.
bool local_setting(const std::string& key);
// "deck/ID/NAME" names a deck by its local id: carried as the deck's uid.
std::optional<Item> setting_item(Storage& storage, const std::string& key, const std::optional<std::string>& value,
                                 const Stamp& stamp);
std::optional<Item> categories_item(Storage& storage, Id deck, const Stamp& stamp);

}  // namespace rolecall::sync_store
