// The cards of one review session and the order they come in: the day's due cards, its new cards
// (leaning toward the pair of roles confused most), follow-ups after a wrong pick, and same-day
// drills; siblings (cards showing one fact) kept to separate days. Internal to src/review/: the
// review loop (review_session.cpp) asks it for the next card and tells it what was answered.
#pragma once

#include "rolecall/review/review_session.hpp"
#include "rolecall/storage/storage.hpp"

#include <deque>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace rolecall::review_queue {

enum class Source { due, fresh, drill, follow_up, cram };

// Drills, follow-ups of cards met before and cram answers leave the SM-2 state alone: only the day's
// first answer in a review moves it.
inline bool logged_as_drill(Source source) {
    return source == Source::drill || source == Source::follow_up || source == Source::cram;
}

struct Item {
    Id card = 0;
    Source source = Source::due;
    // A follow-up is asked between two roles only: the right one and the one picked by mistake. One
    // from today's queue keeps its source (its answer is the day's first); one met on an earlier day
    // is Source::follow_up, logged as a drill.
    bool follow_up = false;
    std::string first_role = {};
    std::string second_role = {};
    bool apart = false;  // already found apart from its siblings (shown once, then undone)
};

// What queue_follow_ups() changed, so that an undo of the wrong pick can take it back.
struct FollowUps {
    std::vector<Id> cards;        // the follow-ups queued
    std::vector<Item> displaced;  // queued cards turned into follow-ups, put back by the undo
};

struct QueueCounts {
    int pending = 0;
    int due = 0;
    int fresh = 0;
    int drills = 0;  // drills and follow-ups logged as drills
    int cram = 0;    // cards of a cram not shown yet
};

class SessionQueue {
public:
    SessionQueue(Storage& storage, const SessionOptions& options) : m_storage(storage), m_options(options) {}

    // The day's due cards (with ahead_days, those due up to that many days later too, by due day),
    // then its new cards within the day's limits; or, for a cram, the cards it practises.
    void load();
    bool empty() const { return m_pending.empty(); }
    // The next card to show, or nullopt when the day is through. Once the queue is, the same-day
    // drills come (never the card `last` straight after itself while another can come between). A
    // first answer whose fact another card answered today showed is left for another day.
    std::optional<Item> next(std::optional<Id> last);
    // A card to show again next (after an undo).
    void push_front(Item item);
    // After a wrong pick between roles X (right, the missed card's answer) and Y (picked): up to
    // `follow-ups` other cards that separate X from Y come next, asked with those two options only.
    FollowUps queue_follow_ups(const CardRecord& missed, const std::string& picked);
    // Takes back the follow-ups not yet shown and restores the cards they displaced.
    void take_back(const FollowUps& follow_ups);
    QueueCounts counts() const;
    // New cards in rank order; reviewing every deck, a deck with its own new-per-day stops there.
    std::vector<Id> new_cards_for_today(int take);

private:
    void replace_held_new_card();
    std::vector<Id> apart_from_siblings(const std::function<std::vector<Id>(int)>& fetch, int want,
                                        std::set<std::string>& taken);
    std::vector<Id> new_cards_leaning(int take);
    void load_cram();
    std::optional<std::pair<std::string, std::string>> worst_pair();
    bool add_drills(std::optional<Id> last);
    bool shown_apart(const Item& item);

    Storage& m_storage;
    const SessionOptions& m_options;
    std::deque<Item> m_pending;
    std::set<std::string> m_facts_shown;  // facts of the cards with a first answer today: siblings wait
};

}  // namespace rolecall::review_queue
