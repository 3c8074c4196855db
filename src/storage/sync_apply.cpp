// Sync's receiving side in storage: an item from another device applied here by its identity. The
// later change of an item wins and the other is kept in sync_conflicts; answers are added once, by
// uid, and an undo only ever adds itself. Cards whose log changed are left for the caller to replay.
#include "sync_values.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/storage/sync_store.hpp"

namespace rolecall::sync_store {

namespace {

[[noreturn]] void damaged_item(const Item& item) {
    throw Error(fmt::format("a sync file's {} item '{}' is not what this rolecall writes; the file is damaged",
                            item.kind, item.key));
}

const nlohmann::json& field(const Item& item, const char* name) {
    if (!item.body.is_object() || !item.body.contains(name)) damaged_item(item);
    return item.body.at(name);
}
std::string text_field(const Item& item, const char* name) {
    const auto& value = field(item, name);
    if (!value.is_string()) damaged_item(item);
    return value.get<std::string>();
}
bool bool_field(const Item& item, const char* name) {
    const auto& value = field(item, name);
    if (!value.is_boolean()) damaged_item(item);
    return value.get<bool>();
}

std::optional<Id> deck_by_uid(Storage& storage, const std::string& uid) {
    Query query(storage, "SELECT id FROM decks WHERE uid = ?1");
    query.bind(1, uid);
    if (!query.step()) return std::nullopt;
    return query.int64(0);
}

std::optional<Id> note_by_key(Storage& storage, Id deck, const std::string& key) {
    Query query(storage, "SELECT id FROM notes WHERE deck_id = ?1 AND key = ?2");
    query.bind(1, deck).bind(2, key);
    if (!query.step()) return std::nullopt;
    return query.int64(0);
}

struct CardAt {
    Id deck = 0;
    Id note = 0;
    std::optional<Id> card;
};
// A card key's deck and note here (nullopt when either is missing), and the card when it is here.
std::optional<CardAt> card_by_key(Storage& storage, const std::string& key) {
    const auto parts = split_key(key);
    if (parts.size() != 3) return std::nullopt;
    auto deck = deck_by_uid(storage, parts[0]);
    if (!deck) return std::nullopt;
    auto note = note_by_key(storage, *deck, parts[1]);
    if (!note) return std::nullopt;
    Query query(storage, "SELECT id FROM cards WHERE note_id = ?1 AND view = ?2");
    query.bind(1, *note).bind(2, parts[2]);
    CardAt at{*deck, *note, std::nullopt};
    if (query.step()) at.card = query.int64(0);
    return at;
}

std::optional<CardAt> card_by_key(Storage& storage, const std::string& key, CardPlaces& places) {
    if (auto found = places.find(key); found != places.end())
        return CardAt{found->second.deck, found->second.note, found->second.card};
    auto at = card_by_key(storage, key);
    if (at && at->card) places.emplace(key, CardPlace{at->deck, at->note, *at->card});
    return at;
}

// The local key of a setting item: "NAME", or "deck/ID/NAME" for a deck's own.
std::optional<std::string> setting_key(Storage& storage, const Item& item) {
    const auto parts = split_key(item.key);
    if (parts.size() != 2) damaged_item(item);
    if (parts[0].empty()) return parts[1];
    auto deck = deck_by_uid(storage, parts[0]);
    if (!deck) return std::nullopt;
    return fmt::format("deck/{}/{}", *deck, parts[1]);
}

void apply_deck(Storage& storage, const Item& item) {
    const auto deck = deck_by_uid(storage, item.key);
    const bool deleted = item.body.is_object() && item.body.value("deleted", false);
    if (deleted) {
        if (deck) storage.delete_deck(*deck);
        return;
    }
    std::string name = text_field(item, "name");
    // A name another deck holds here (each device renamed its own): the incoming one is told apart.
    for (int n = 2;; ++n) {
        Query query(storage, "SELECT 1 FROM decks WHERE name = ?1 AND uid <> ?2");
        query.bind(1, name).bind(2, item.key);
        if (!query.step()) break;
        name = fmt::format("{} ({})", text_field(item, "name"), n);
    }
    if (deck) {
        Query query(storage, "UPDATE decks SET name = ?2 WHERE id = ?1 AND name <> ?2");
        query.bind(1, *deck).bind(2, name).run();
    } else {
        // Its source as the sender has it, its hash unknown: a build here reads the file again.
        Query query(storage, "INSERT INTO decks (name, uid, source_path) VALUES (?1, ?2, ?3)");
        query.bind(1, name).bind(2, item.key).bind(3, item.body.value("source", std::string())).run();
    }
}

bool apply_note(Storage& storage, const Item& item) {
    const auto parts = split_key(item.key);
    if (parts.size() != 2) damaged_item(item);
    const auto deck = deck_by_uid(storage, parts[0]);
    if (!deck) return false;
    Query query(storage,
                "INSERT INTO notes (deck_id, key, category, fact, retired, shows) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
                "ON CONFLICT (deck_id, key) DO UPDATE SET category = excluded.category, fact = excluded.fact, "
                "retired = excluded.retired, shows = excluded.shows");
    query.bind(1, *deck).bind(2, parts[1]).bind(3, text_field(item, "category")).bind(4, text_field(item, "fact"));
    query.bind(5, bool_field(item, "retired")).bind(6, text_field(item, "shows")).run();
    return true;
}

bool apply_card(Storage& storage, const Item& item) {
    const auto at = card_by_key(storage, item.key);
    if (!at) return false;
    const auto view = split_key(item.key)[2];
    // The card's text and what it asks, bound from parameter `first` on, in the columns' order below.
    const auto bind_text = [&](Query& query, int first) {
        int at_param = first;
        for (const char* name : {"kind", "front", "back", "choices", "answer", "explanation", "tags"})
            query.bind(at_param++, text_field(item, name));
        bind_json(query, at_param++, field(item, "new_rank"));
        query.bind(at_param++, bool_field(item, "retired"));
        query.bind(at_param++, text_field(item, "choice_roles"));
        query.bind(at_param, text_field(item, "why_not"));
    };
    if (!at->card) {
        Query query(storage,
                    "INSERT INTO cards (note_id, deck_id, view, kind, front, back, choices, answer, explanation, "
                    "tags, new_rank, retired, choice_roles, why_not) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
        query.bind(1, at->note).bind(2, at->deck).bind(3, view);
        bind_text(query, 4);
        query.run();
        // Its flags and schedule are defaults, not this device's choice: older than any change.
        for (std::string_view kind : {flags_kind, state_kind})
            set_stamp(storage, Item{std::string(kind), item.key, Stamp{-1, ""}, nullptr});
        return true;
    }
    Query query(storage,
                "UPDATE cards SET kind = ?2, front = ?3, back = ?4, choices = ?5, answer = ?6, explanation = ?7, "
                "tags = ?8, new_rank = ?9, retired = ?10, choice_roles = ?11, why_not = ?12 WHERE id = ?1");
    query.bind(1, *at->card);
    bind_text(query, 2);
    query.run();
    return true;
}

bool apply_flags(Storage& storage, const Item& item) {
    const auto at = card_by_key(storage, item.key);
    if (!at || !at->card) return false;
    Query query(storage, "UPDATE cards SET suspended = ?2, buried_until = ?3 WHERE id = ?1");
    query.bind(1, *at->card).bind(2, bool_field(item, "suspended"));
    bind_json(query, 3, field(item, "buried_until"));
    query.run();
    return true;
}

bool apply_state(Storage& storage, const Item& item) {
    const auto at = card_by_key(storage, item.key);
    if (!at || !at->card) return false;
    Query query(storage,
                "UPDATE cards SET repetitions = ?2, ease = ?3, interval_days = ?4, due = ?5, lapses = ?6, "
                "sm2_interval = ?7, stability = ?8, difficulty = ?9 WHERE id = ?1");
    query.bind(1, *at->card);
    bind_json_array(query, 2, field(item, "state"), 8);
    // Taken as it is: set by a change of scheduler or an imported schedule, it is what the sending
    // device holds. A card is replayed only when its answers change.
    query.run();
    return true;
}

bool apply_setting(Storage& storage, const Item& item) {
    const auto key = setting_key(storage, item);
    if (!key) return false;
    if (item.body.is_object() && item.body.value("removed", false)) {
        storage.remove_setting(*key);
    } else {
        storage.set_setting(*key, text_field(item, "value"));
    }
    return true;
}

bool apply_categories(Storage& storage, const Item& item) {
    const auto deck = deck_by_uid(storage, item.key);
    if (!deck) return false;
    {
        Query query(storage, "DELETE FROM categories WHERE deck_id = ?1");
        query.bind(1, *deck).run();
    }
    for (const auto& row : field(item, "categories")) {
        Query query(storage,
                    "INSERT INTO categories (deck_id, position, name, aliases, summary) VALUES (?1, ?2, ?3, ?4, ?5)");
        query.bind(1, *deck);
        bind_json_array(query, 2, row, 4);
        query.run();
    }
    return true;
}

const std::string& text_at(const Item& item, const nlohmann::json& answer, std::size_t at) {
    if (!answer[at].is_string()) damaged_item(item);
    return answer[at].get_ref<const std::string&>();
}

bool bool_at(const Item& item, const nlohmann::json& answer, std::size_t at) {
    if (answer[at].is_boolean()) return answer[at].get<bool>();
    if (answer[at].is_number_integer()) return answer[at].get<std::int64_t>() != 0;
    damaged_item(item);
}

// One answer of an answers item: uid, day, answered_at, grade, drill, response_ms, chosen, expected,
// source, undone, before (8 values), after (8 values).
void apply_answer(Storage& storage, const Item& item, const nlohmann::json& answer, const CardAt& at,
                  ApplyTally& tally) {
    if (!answer.is_array() || answer.size() != 12) damaged_item(item);
    const std::string& uid = text_at(item, answer, 0);
    const bool undone = bool_at(item, answer, 9);
    const auto day = parse_day(text_at(item, answer, 1));
    if (!day) damaged_item(item);
    {
        // Added unless its uid is here already (the unique index checks, no lookup before).
        Query query(storage,
                    "INSERT INTO reviews (uid, card_id, deck_id, day, answered_at, grade, drill, response_ms, chosen, "
                    "expected, source, undone, reps_before, ease_before, interval_before, due_before, lapses_before, "
                    "sm2_interval_before, stability_before, difficulty_before, reps_after, ease_after, interval_after, "
                    "due_after, lapses_after, sm2_interval_after, stability_after, difficulty_after) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                    "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28) ON CONFLICT DO NOTHING");
        query.bind_static(1, uid).bind(2, *at.card).bind(3, at.deck).bind(4, *day);
        query.bind_static(5, text_at(item, answer, 2));
        bind_json(query, 6, answer[3]);
        query.bind(7, bool_at(item, answer, 4));
        bind_json(query, 8, answer[5]);
        bind_json(query, 9, answer[6]);
        bind_json(query, 10, answer[7]);
        bind_json(query, 11, answer[8]);
        query.bind(12, undone);
        bind_json_array(query, 13, answer[10], 8);
        bind_json_array(query, 21, answer[11], 8);
        query.run();
        if (query.changes() > 0) {
            tally.replay_cards.insert(*at.card);
            tally.aggregate_days.emplace(*day, at.deck);
            ++tally.applied;
            return;
        }
    }
    Query query(storage, "SELECT id, card_id, deck_id, day, undone FROM reviews WHERE uid = ?1");
    query.bind(1, uid);
    if (!query.step() || query.boolean(4) || !undone) {
        ++tally.unchanged;
        return;
    }
    // Undone on another device: an undo only ever adds itself.
    const Id id = query.int64(0);
    tally.replay_cards.insert(query.int64(1));
    tally.aggregate_days.emplace(*query.day(3), query.int64(2));
    Query undo(storage, "UPDATE reviews SET undone = 1 WHERE id = ?1");
    undo.bind(1, id).run();
    ++tally.applied;
}

void apply_answers(Storage& storage, const Item& item, ApplyTally& tally, CardPlaces& places) {
    if (!item.body.is_array()) damaged_item(item);
    const auto at = card_by_key(storage, item.key, places);
    if (!at || !at->card) {
        tally.orphans += static_cast<int>(item.body.size());
        return;
    }
    for (const auto& answer : item.body) apply_answer(storage, item, answer, *at, tally);
}

}  // namespace

bool file_applied(Storage& storage, const std::string& file) {
    Query query(storage, "SELECT 1 FROM sync_applied WHERE file = ?1");
    query.bind(1, file);
    return query.step();
}

void mark_file_applied(Storage& storage, const std::string& file) {
    Query query(storage, "INSERT OR IGNORE INTO sync_applied (file) VALUES (?1)");
    query.bind(1, file).run();
}

void apply_item(Storage& storage, const Item& item, std::int64_t now, const Stamp& first_sync, ApplyTally& tally,
                CardPlaces& places) {
    if (item.kind == answers_kind) {
        apply_answers(storage, item, tally, places);
        return;
    }
    auto local = stamp_of(storage, item);
    if (local && *local == item.stamp) {
        ++tally.unchanged;
        return;
    }
    const auto current = current_body(storage, item);
    if (!local && current && current->value("removed", false) == false) {
        // Here since before this device's first sync, unchanged since: dated by that sync.
        local = first_sync;
    }
    nlohmann::json compared = item.body;
    if (item.kind == deck_kind && compared.is_object()) compared.erase("source");  // a path on one device
    if (current && *current == compared) {
        // The same either way (two devices built the same deck): nothing to write, and no conflict.
        if (!local || *local < item.stamp) set_stamp(storage, item);
        ++tally.unchanged;
        return;
    }
    if (local && *local > item.stamp) {
        // This collection changed the item later: its change stays, the other is kept in the log. A
        // schedule is no conflict: a card with answers takes its schedule from the merged log.
        if (item.kind != state_kind) {
            Query query(storage,
                        "INSERT INTO sync_conflicts (resolved_at, item, kept, lost, lost_at, lost_device) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
            query.bind(1, now).bind(2, join_key({item.kind, item.key})).bind(3, current ? current->dump() : "");
            query.bind(4, item.body.dump()).bind(5, item.stamp.at).bind(6, item.stamp.device).run();
            ++tally.lost;
        } else {
            ++tally.unchanged;
        }
        return;
    }
    bool applied = true;
    if (item.kind == deck_kind) {
        apply_deck(storage, item);
        places.clear();  // a deck deleted takes its cards with it
    } else if (item.kind == note_kind) {
        applied = apply_note(storage, item);
    } else if (item.kind == card_kind) {
        applied = apply_card(storage, item);
    } else if (item.kind == flags_kind) {
        applied = apply_flags(storage, item);
    } else if (item.kind == state_kind) {
        applied = apply_state(storage, item);
    } else if (item.kind == setting_kind) {
        applied = apply_setting(storage, item);
    } else if (item.kind == categories_kind) {
        applied = apply_categories(storage, item);
    } else {
        damaged_item(item);
    }
    if (!applied) {
        ++tally.orphans;
        return;
    }
    set_stamp(storage, item);
    ++tally.applied;
}

CardLog card_log(Storage& storage, Id card) {
    CardLog log;
    log.card = card;
    {
        Query query(storage, "SELECT deck_id FROM cards WHERE id = ?1");
        query.bind(1, card);
        if (query.step()) log.deck = query.int64(0);
    }
    // Undone answers too, for the state before the first answer of all: where a replay starts.
    Query query(storage,
                "SELECT id, day, uid, grade, drill, reps_before, ease_before, interval_before, due_before, "
                "lapses_before, sm2_interval_before, stability_before, difficulty_before, reps_after, ease_after, "
                "interval_after, due_after, lapses_after, sm2_interval_after, stability_after, difficulty_after, "
                "undone FROM reviews WHERE card_id = ?1 ORDER BY day, answered_at, uid");
    query.bind(1, card);
    while (query.step()) {
        if (!log.start) log.start = read_state(query, 5, 10);
        if (query.boolean(21)) continue;
        LoggedReview review;
        review.id = query.int64(0);
        review.day = *query.day(1);
        review.uid = query.text(2);
        review.grade = query.integer(3);
        review.drill = query.boolean(4);
        review.before = read_state(query, 5, 10);
        review.after = read_state(query, 13, 18);
        log.reviews.push_back(std::move(review));
    }
    return log;
}

void rewrite_review(Storage& storage, const LoggedReview& review) {
    Query query(storage,
                "UPDATE reviews SET drill = ?2, reps_before = ?3, ease_before = ?4, interval_before = ?5, "
                "due_before = ?6, lapses_before = ?7, reps_after = ?8, ease_after = ?9, interval_after = ?10, "
                "due_after = ?11, lapses_after = ?12, sm2_interval_before = ?13, stability_before = ?14, "
                "difficulty_before = ?15, sm2_interval_after = ?16, stability_after = ?17, difficulty_after = ?18 "
                "WHERE id = ?1");
    query.bind(1, review.id).bind(2, review.drill);
    const auto bind_core = [&](int first, const CardState& state) {
        query.bind(first, state.repetitions).bind(first + 1, state.ease).bind(first + 2, state.interval_days);
        query.bind(first + 3, state.due).bind(first + 4, state.lapses);
    };
    bind_core(3, review.before);
    bind_core(8, review.after);
    bind_state_extras(query, 13, review.before);
    bind_state_extras(query, 16, review.after);
    query.run();
}

int conflict_count(Storage& storage) {
    Query query(storage, "SELECT count(*) FROM sync_conflicts");
    return query.step() ? query.integer(0) : 0;
}

}  // namespace rolecall::sync_store
