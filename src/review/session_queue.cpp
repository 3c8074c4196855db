#include "session_queue.hpp"

#include "rolecall/scheduling/queue.hpp"

#include <algorithm>
#include <map>

namespace rolecall::review_queue {

namespace {

// How many days of confusions choose the pair that new cards lean toward.
constexpr int confusion_window_days = 14;

// Whether a card's facts (`own`) are none of `taken`; if so, they join them. The one sibling rule
// every choice of cards below applies.
bool take_if_apart(const std::vector<std::string>& own, std::set<std::string>& taken) {
    for (const auto& fact : own) {
        if (taken.count(fact)) return false;
    }
    taken.insert(own.begin(), own.end());
    return true;
}

}  // namespace

void SessionQueue::load() {
    if (m_options.mode == ReviewMode::cram) {
        load_cram();
        if (m_pending.empty()) add_drills(std::nullopt);
        return;
    }
    const Day today = m_options.today;
    // Reviewing ahead: cards due in the next ahead_days days come after today's, in the same order
    // (by due day, then id), and are graded as any other.
    const Day until = today + boost::gregorian::days(m_options.ahead_days);
    const DayCounts counts = m_storage.day_counts(m_options.deck, today);
    const DayUsage used{counts.new_started, counts.reviews};
    // As many due cards as the day has room for, read at once: how many there are is the plan's due
    // count, without a count of its own.
    const std::vector<Id> due = m_storage.due_cards(m_options.deck, until, review_room(used, m_options.limits), today);
    const QueuePlan plan =
        plan_queue(static_cast<int>(due.size()),
                   m_storage.count_new(m_options.deck, today, m_options.limits.new_per_day), used, m_options.limits);
    for (auto& fact : m_storage.facts_answered_on(m_options.deck, today)) m_facts_shown.insert(std::move(fact));
    // Due cards are checked for siblings as they come up (shown_apart()): looking up 200 cards'
    // facts would cost a large collection's start-up more than the rest of it. New cards are
    // few, and chosen apart here so that the day's quota is filled.
    for (Id id : due) m_pending.push_back({id, Source::due});
    for (Id id : new_cards_leaning(plan.fresh)) m_pending.push_back({id, Source::fresh});
    // Drills left over from an earlier session today come after the day's first answers.
    if (m_pending.empty()) add_drills(std::nullopt);
}

// A cram: cards that are not due today, met ones first, then new ones (they stay new), then those
// answered earlier today; shuffled, siblings spread apart, answers interleaved (cram_shuffle(),
// cram_spread()). At most --limit cards, else the day's review limit: it is a session's length here,
// as cram answers are drills and use none of the day's quota.
void SessionQueue::load_cram() {
    const int take = m_options.limits.session_limit.value_or(m_options.limits.reviews_per_day);
    if (take <= 0) return;
    const std::uint64_t seed = static_cast<std::uint64_t>(m_options.today.day_number()) * 1000003ULL +
                               static_cast<std::uint64_t>(m_options.deck.value_or(0));
    std::vector<CramCandidate> cards = cram_shuffle(m_storage.cram_candidates(m_options.deck, m_options.today), seed);
    // Only the front of the shuffle can be reached: its facts are all that is looked up. Twice the
    // cards wanted leaves room for siblings to wait behind others.
    cards.resize(std::min(cards.size(), static_cast<std::size_t>(take) * 2 + 16));
    std::vector<Id> ids;
    for (const auto& card : cards) ids.push_back(card.id);
    auto facts = m_storage.facts_of(ids);
    for (auto& card : cards) card.facts = std::move(facts[card.id]);
    for (Id id : cram_spread(cards, take)) m_pending.push_back({id, Source::cram});
}

// Siblings apart: the first `want` cards `fetch` gives that show none of the facts `taken` (those of
// cards answered or queued today: cards of one note, or a contrast beside the values it contrasts);
// their facts join `taken`. A sibling left out keeps its place (its due day, its rank) and comes
// another day.
std::vector<Id> SessionQueue::apart_from_siblings(const std::function<std::vector<Id>(int)>& fetch, int want,
                                                  std::set<std::string>& taken) {
    std::vector<Id> kept;
    if (want <= 0) return kept;
    for (int asked = want;; asked *= 2) {
        kept.clear();
        std::set<std::string> facts = taken;
        const std::vector<Id> ids = fetch(asked);
        const auto facts_of = m_storage.facts_of(ids);
        for (Id id : ids) {
            if (static_cast<int>(kept.size()) == want) break;
            const auto found = facts_of.find(id);
            if (found != facts_of.end() && take_if_apart(found->second, facts)) kept.push_back(id);
        }
        if (static_cast<int>(kept.size()) == want || static_cast<int>(ids.size()) < asked) {
            taken = std::move(facts);
            return kept;
        }
    }
}

// New cards for today: in rank order, and, when the learner has been confusing two roles lately,
// taken in turn with new cards that separate those two.
std::vector<Id> SessionQueue::new_cards_leaning(int take) {
    if (take <= 0) return {};
    std::optional<std::pair<std::string, std::string>> pair;
    if (m_options.deck || m_options.deck_new_limits.empty()) pair = worst_pair();
    // Apart from the cards answered today and from each other; due cards are checked as they come.
    std::set<std::string> taken = m_facts_shown;
    if (!pair) return apart_from_siblings([&](int n) { return new_cards_for_today(n); }, take, taken);
    std::vector<Id> leaning = apart_from_siblings(
        [&](int n) {
            return m_storage.cards_separating(m_options.deck, pair->first, pair->second, m_options.today, true, n);
        },
        take, taken);
    std::vector<Id> regular = apart_from_siblings([&](int n) { return new_cards_for_today(n); }, take, taken);
    return interleave_new_cards(leaning, regular, take);
}

std::optional<std::pair<std::string, std::string>> SessionQueue::worst_pair() {
    const Day today = m_options.today;
    return worst_confused_pair(
        m_storage.confusions(m_options.deck, today - boost::gregorian::days(confusion_window_days), today));
}

// New cards in rank order; reviewing every deck, a deck with its own new-per-day stops there.
std::vector<Id> SessionQueue::new_cards_for_today(int take) {
    if (m_options.deck || m_options.deck_new_limits.empty() || take == 0) {
        return m_storage.new_cards(m_options.deck, m_options.today, take);
    }
    std::vector<NewCandidate> candidates;
    std::map<std::int64_t, int> room;
    for (const auto& deck : m_storage.decks()) {
        int limit = take;
        if (auto own = m_options.deck_new_limits.find(deck.id); own != m_options.deck_new_limits.end()) {
            int started = m_storage.day_counts(deck.id, m_options.today).new_started;
            limit = std::clamp(own->second - started, 0, take);
            room[deck.id] = limit;
        }
        for (auto [id, rank] : m_storage.ranked_new_cards(deck.id, m_options.today, limit)) {
            candidates.push_back(NewCandidate{id, rank, deck.id});
        }
    }
    return pick_new_cards(std::move(candidates), take, room);
}

// Same-day rule: once the queue is through, every card whose latest answer today scored below 4
// comes back, round after round, until it scores 4 or more.
bool SessionQueue::add_drills(std::optional<Id> last) {
    for (Id id : m_storage.cards_to_drill(m_options.deck, m_options.today)) m_pending.push_back({id, Source::drill});
    // The card just answered does not come straight back while another can come between.
    if (m_pending.size() > 1 && last && m_pending.front().card == *last) {
        std::rotate(m_pending.begin(), m_pending.begin() + 1, m_pending.end());
    }
    return !m_pending.empty();
}

// Whether a card about to be shown as a first answer of the day shows no fact that another card
// answered today showed; if so, its facts are taken. A sibling is left for another day, in its
// place (its due day, its rank among new cards). Drills and follow-ups are exempt.
bool SessionQueue::shown_apart(const Item& item) {
    if (logged_as_drill(item.source) || item.apart) return true;
    const std::vector<std::string> facts = m_storage.facts_of(item.card);
    if (item.follow_up) {
        m_facts_shown.insert(facts.begin(), facts.end());
        return true;
    }
    return take_if_apart(facts, m_facts_shown);
}

std::optional<Item> SessionQueue::next(std::optional<Id> last) {
    while (!m_pending.empty() || add_drills(last)) {
        Item item = m_pending.front();
        m_pending.pop_front();
        if (shown_apart(item)) return item;
        if (item.source == Source::fresh) replace_held_new_card();
    }
    return std::nullopt;
}

// A new card chosen at the start turned out to be a sibling of a due card answered since: the next
// new card apart from everything shown today and from the new cards still queued takes its place,
// so the day's new cards are all introduced in one session.
void SessionQueue::replace_held_new_card() {
    std::set<std::string> taken = m_facts_shown;
    std::vector<Id> queued;
    for (const Item& item : m_pending) {
        if (item.source == Source::fresh) queued.push_back(item.card);
    }
    for (auto& [id, facts] : m_storage.facts_of(queued)) taken.insert(facts.begin(), facts.end());
    const std::vector<Id> found = apart_from_siblings([&](int n) { return new_cards_for_today(n); }, 1, taken);
    if (found.empty()) return;
    // After the other new cards, ahead of anything else still queued (none but follow-ups, today).
    auto after = std::find_if(m_pending.rbegin(), m_pending.rend(),
                              [](const Item& item) { return item.source == Source::fresh; });
    m_pending.insert(after.base(), Item{found.front(), Source::fresh});
}

void SessionQueue::push_front(Item item) { m_pending.push_front(std::move(item)); }

QueueCounts SessionQueue::counts() const {
    QueueCounts counts;
    counts.pending = static_cast<int>(m_pending.size());
    for (const auto& pending : m_pending) {
        if (pending.source == Source::due) ++counts.due;
        if (pending.source == Source::fresh) ++counts.fresh;
        if (pending.source == Source::cram) {
            ++counts.cram;
        } else if (logged_as_drill(pending.source)) {
            ++counts.drills;
        }
    }
    return counts;
}

// After a wrong pick between roles X (right) and Y (picked): other cards that separate X from Y
// come next, asked with those two options only. Cards met on earlier days first (logged as drills:
// their schedule stays), then cards from later in today's queue, moved forward (their answer is
// the day's first, as it would have been). Never a card showing a fact of the missed one. The
// missed card itself comes back in the drill.
FollowUps SessionQueue::queue_follow_ups(const CardRecord& missed, const std::string& picked) {
    FollowUps result;
    const std::vector<std::string> missed_facts = m_storage.facts_of(missed.id);
    std::set<std::string> taken(missed_facts.begin(), missed_facts.end());
    std::vector<Item> chosen;
    auto consider = [&](Id id, bool answered_today) {
        if (static_cast<int>(chosen.size()) == m_options.follow_ups || id == missed.id) return;
        for (const auto& item : chosen) {
            if (item.card == id) return;
        }
        auto queued = std::find_if(m_pending.begin(), m_pending.end(), [&](const Item& p) { return p.card == id; });
        const bool in_queue = queued != m_pending.end();
        if (in_queue && logged_as_drill(queued->source)) return;
        const bool met_before = !m_storage.card(id).state.is_new();
        if (!in_queue && !met_before) return;  // a new card beyond today's queue waits its turn
        if (!take_if_apart(m_storage.facts_of(id), taken)) return;
        const bool first_answer = in_queue && !answered_today;
        chosen.push_back(Item{id, first_answer ? queued->source : Source::follow_up, true, missed.answer, picked});
        if (in_queue) {
            result.displaced.push_back(*queued);
            m_pending.erase(queued);
        }
    };
    const int wanted = m_options.follow_ups + 16;
    for (Id id : m_storage.cards_separating(missed.deck_id, missed.answer, picked, m_options.today, false, wanted))
        consider(id, false);
    // Late in a day's drill, when every such card has had its answer, cards answered earlier today
    // come again (as drills) rather than the missed card straight after itself.
    if (static_cast<int>(chosen.size()) < m_options.follow_ups) {
        for (Id id :
             m_storage.cards_separating(missed.deck_id, missed.answer, picked, m_options.today, false, wanted, true))
            consider(id, true);
    }
    for (auto it = chosen.rbegin(); it != chosen.rend(); ++it) m_pending.push_front(*it);
    for (const auto& item : chosen) result.cards.push_back(item.card);
    return result;
}

void SessionQueue::take_back(const FollowUps& follow_ups) {
    for (Id card : follow_ups.cards) {
        auto found = std::find_if(m_pending.begin(), m_pending.end(),
                                  [&](const Item& pending) { return pending.card == card && pending.follow_up; });
        if (found != m_pending.end()) m_pending.erase(found);
    }
    for (const Item& item : follow_ups.displaced) m_pending.push_back(item);
}

}  // namespace rolecall::review_queue
