// Sync's sending side in storage: the local changesets (sync_outbox) read back with the session
// extension's iterator, turned into the items they touched, and each item read as it is now.
#include "sync_values.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/storage/sync_store.hpp"

#include <map>
#include <memory>

namespace rolecall::sync_store {

namespace {

// ---- reading items as they are now

#define ROLECALL_SYNC_NOTE_SELECT \
    "SELECT d.uid, n.key, n.category, n.fact, n.retired, n.shows FROM notes n JOIN decks d ON d.id = n.deck_id "

Item note_item(const Query& row, const Stamp& stamp) {
    return Item{
        std::string(note_kind), join_key({row.text(0), row.text(1)}), stamp,
        nlohmann::json{
            {"category", row.text(2)}, {"fact", row.text(3)}, {"retired", row.boolean(4)}, {"shows", row.text(5)}}};
}

// A card's three items from one row: its text, its flags and its schedule.
#define ROLECALL_SYNC_CARD_SELECT                                                                         \
    "SELECT d.uid, n.key, c.view, c.kind, c.front, c.back, c.choices, c.answer, c.explanation, c.tags, "  \
    "c.new_rank, c.retired, c.choice_roles, c.why_not, c.suspended, c.buried_until, " ROLECALL_SYNC_STATE \
    " FROM cards c JOIN notes n ON n.id = c.note_id JOIN decks d ON d.id = c.deck_id "
#define ROLECALL_SYNC_STATE \
    "c.repetitions, c.ease, c.interval_days, c.due, c.lapses, c.sm2_interval, c.stability, c.difficulty"

enum Group : unsigned { text_group = 1, flags_group = 2, state_group = 4 };

void card_items(const Query& row, const Stamp& stamp, unsigned groups, std::vector<Item>& out) {
    const std::string key = join_key({row.text(0), row.text(1), row.text(2)});
    if (groups & text_group) {
        out.push_back(Item{std::string(card_kind), key, stamp,
                           nlohmann::json{{"kind", row.text(3)},
                                          {"front", row.text(4)},
                                          {"back", row.text(5)},
                                          {"choices", row.text(6)},
                                          {"answer", row.text(7)},
                                          {"explanation", row.text(8)},
                                          {"tags", row.text(9)},
                                          {"new_rank", row.int64(10)},
                                          {"retired", row.boolean(11)},
                                          {"choice_roles", row.text(12)},
                                          {"why_not", row.text(13)}}});
    }
    if (groups & flags_group) {
        out.push_back(Item{std::string(flags_kind), key, stamp,
                           nlohmann::json{{"suspended", row.boolean(14)}, {"buried_until", column_json(row, 15)}}});
    }
    if (groups & state_group) {
        out.push_back(Item{std::string(state_kind), key, stamp, nlohmann::json{{"state", columns_json(row, 16, 8)}}});
    }
}

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
#define ROLECALL_SYNC_ANSWERS_BY_ID                                                                                 \
    ROLECALL_SYNC_ANSWER_COLUMNS                                                                                    \
    "FROM json_each(?1) j CROSS JOIN reviews r ON r.id = j.value " ROLECALL_SYNC_ANSWER_CARD "ORDER BY r.card_id, " \
                                                                                             "r.id"

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
bool local_setting(const std::string& key) { return key == "sync-dir" || key.rfind("source-stamp:", 0) == 0; }

// "deck/ID/NAME" names a deck by its local id: carried as the deck's uid.
std::optional<Item> setting_item(Storage& storage, const std::string& key, const std::optional<std::string>& value,
                                 const Stamp& stamp) {
    if (local_setting(key)) return std::nullopt;
    std::string deck_uid;
    std::string name = key;
    if (key.rfind("deck/", 0) == 0) {
        const auto slash = key.find('/', 5);
        if (slash == std::string::npos) return std::nullopt;
        Query query(storage, "SELECT uid FROM decks WHERE id = ?1");
        query.bind(1, key.substr(5, slash - 5));
        if (!query.step()) return std::nullopt;  // a deck deleted since: its settings went with it
        deck_uid = query.text(0);
        name = key.substr(slash + 1);
    }
    nlohmann::json body = value ? nlohmann::json{{"value", *value}} : nlohmann::json{{"removed", true}};
    return Item{std::string(setting_kind), join_key({deck_uid, name}), stamp, std::move(body)};
}

std::optional<Item> categories_item(Storage& storage, Id deck, const Stamp& stamp) {
    std::string uid;
    {
        Query query(storage, "SELECT uid FROM decks WHERE id = ?1");
        query.bind(1, deck);
        if (!query.step()) return std::nullopt;
        uid = query.text(0);
    }
    Query query(storage,
                "SELECT position, name, aliases, summary FROM categories WHERE deck_id = ?1 ORDER BY position");
    query.bind(1, deck);
    nlohmann::json rows = nlohmann::json::array();
    while (query.step()) rows.push_back(columns_json(query, 0, 4));
    return Item{std::string(categories_kind), uid, stamp, nlohmann::json{{"categories", std::move(rows)}}};
}

// ---- the local changesets

struct Changed {
    std::map<Id, std::int64_t> decks, notes, answers, categories_of_deck;
    std::map<Id, std::pair<std::int64_t, unsigned>> cards;  // time, groups
    std::map<std::string, std::int64_t> settings;
    std::map<std::string, std::int64_t> deleted_decks;  // uid -> time
};

void later(std::int64_t& kept, std::int64_t at) { kept = std::max(kept, at); }

std::vector<std::string> column_names(Storage& storage, const char* sql) {
    Query query(storage, sql);
    std::vector<std::string> names;
    while (query.step()) names.push_back(query.text(0));
    return names;
}

unsigned card_group_of(const std::string& column) {
    if (column == "suspended" || column == "buried_until") return flags_group;
    if (column == "repetitions" || column == "ease" || column == "interval_days" || column == "due" ||
        column == "lapses" || column == "sm2_interval" || column == "stability" || column == "difficulty")
        return state_group;
    if (column == "id" || column == "note_id" || column == "deck_id" || column == "view") return 0;
    return text_group;
}

struct IterDeleter {
    void operator()(sqlite3_changeset_iter* iter) const { sqlite3changeset_finalize(iter); }
};

[[noreturn]] void damaged_outbox() {
    throw Error("a change recorded for sync (sync_outbox) cannot be read; the database is damaged");
}

std::int64_t value_int(sqlite3_value* value) { return value ? sqlite3_value_int64(value) : 0; }
std::string value_text(sqlite3_value* value) {
    const auto* text = value ? sqlite3_value_text(value) : nullptr;
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_value_bytes(value)))
                : std::string();
}

void read_changeset(const OutboxEntry& entry, const std::vector<std::string>& card_columns,
                    const std::vector<std::string>& deck_columns, const std::vector<std::string>& category_columns,
                    Changed& changed) {
    sqlite3_changeset_iter* raw = nullptr;
    if (sqlite3changeset_start(&raw, static_cast<int>(entry.changeset.size()),
                               const_cast<char*>(entry.changeset.data())) != SQLITE_OK)
        damaged_outbox();
    const std::unique_ptr<sqlite3_changeset_iter, IterDeleter> iter(raw);
    const auto column_index = [](const std::vector<std::string>& columns, const char* name) {
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == name) return static_cast<int>(i);
        damaged_outbox();
    };
    while (sqlite3changeset_next(iter.get()) == SQLITE_ROW) {
        const char* table_name = nullptr;
        int columns = 0;
        int op = 0;
        int indirect = 0;
        if (sqlite3changeset_op(iter.get(), &table_name, &columns, &op, &indirect) != SQLITE_OK) damaged_outbox();
        const std::string table = table_name;
        sqlite3_value* key = nullptr;
        if (op == SQLITE_INSERT) {
            sqlite3changeset_new(iter.get(), 0, &key);
        } else {
            sqlite3changeset_old(iter.get(), 0, &key);
        }
        const auto old_value = [&](int column) {
            sqlite3_value* value = nullptr;
            sqlite3changeset_old(iter.get(), column, &value);
            return value;
        };
        const auto new_value = [&](int column) {
            sqlite3_value* value = nullptr;
            sqlite3changeset_new(iter.get(), column, &value);
            return value;
        };
        const std::int64_t at = entry.at;
        if (table == "decks") {
            if (op == SQLITE_DELETE) {
                later(changed.deleted_decks[value_text(old_value(column_index(deck_columns, "uid")))], at);
            } else {
                later(changed.decks[value_int(key)], at);
            }
        } else if (table == "notes") {
            if (op != SQLITE_DELETE) later(changed.notes[value_int(key)], at);
        } else if (table == "cards") {
            if (op == SQLITE_DELETE) continue;  // only with its deck, whose tombstone carries it
            auto& [time, groups] = changed.cards[value_int(key)];
            later(time, at);
            if (op == SQLITE_INSERT) {
                groups |= text_group | flags_group | state_group;
            } else {
                for (int c = 0; c < columns && c < static_cast<int>(card_columns.size()); ++c)
                    if (new_value(c)) groups |= card_group_of(card_columns[static_cast<std::size_t>(c)]);
            }
        } else if (table == "reviews") {
            if (op != SQLITE_DELETE) later(changed.answers[value_int(key)], at);
        } else if (table == "settings") {
            later(changed.settings[value_text(key)], at);
        } else if (table == "categories") {
            const int deck_column = column_index(category_columns, "deck_id");
            const Id deck = value_int(op == SQLITE_INSERT ? new_value(deck_column) : old_value(deck_column));
            if (op == SQLITE_UPDATE && !deck) {
                // The deck of a category moved or stayed: read it from the row as it is.
                later(changed.categories_of_deck[-value_int(key)], at);
            } else {
                later(changed.categories_of_deck[deck], at);
            }
        }
    }
}

}  // namespace

std::vector<OutboxEntry> outbox(Storage& storage) {
    Query query(storage, "SELECT id, at, changeset FROM sync_outbox ORDER BY id");
    std::vector<OutboxEntry> entries;
    while (query.step()) entries.push_back(OutboxEntry{query.int64(0), query.int64(1), std::string(query.blob(2))});
    return entries;
}

void clear_outbox(Storage& storage, Id up_to) {
    Query query(storage, "DELETE FROM sync_outbox WHERE id <= ?1");
    query.bind(1, up_to).run();
}

std::vector<Item> items_changed(Storage& storage, const std::vector<OutboxEntry>& entries, const std::string& device) {
    const auto card_columns = column_names(storage, "SELECT name FROM pragma_table_info('cards') ORDER BY cid");
    const auto deck_columns = column_names(storage, "SELECT name FROM pragma_table_info('decks') ORDER BY cid");
    const auto category_columns =
        column_names(storage, "SELECT name FROM pragma_table_info('categories') ORDER BY cid");
    Changed changed;
    for (const auto& entry : entries) read_changeset(entry, card_columns, deck_columns, category_columns, changed);

    std::vector<Item> items;
    const auto stamp = [&](std::int64_t at) { return Stamp{at, device}; };
    for (const auto& [uid, at] : changed.deleted_decks) {
        Query query(storage, "SELECT 1 FROM decks WHERE uid = ?1");
        query.bind(1, uid);
        if (query.step()) continue;  // deleted and made again: the deck item says so
        items.push_back(Item{std::string(deck_kind), uid, stamp(at), nlohmann::json{{"deleted", true}}});
    }
    for (const auto& [deck, at] : changed.decks) {
        Query query(storage, "SELECT uid, name FROM decks WHERE id = ?1");
        query.bind(1, deck);
        if (query.step())
            items.push_back(
                Item{std::string(deck_kind), query.text(0), stamp(at), nlohmann::json{{"name", query.text(1)}}});
    }
    for (const auto& [note, at] : changed.notes) {
        Query query(storage, ROLECALL_SYNC_NOTE_SELECT "WHERE n.id = ?1");
        query.bind(1, note);
        if (query.step()) items.push_back(note_item(query, stamp(at)));
    }
    for (const auto& [card, change] : changed.cards) {
        Query query(storage, ROLECALL_SYNC_CARD_SELECT "WHERE c.id = ?1");
        query.bind(1, card);
        if (query.step()) card_items(query, stamp(change.first), change.second, items);
    }
    {
        // One item per card: the changed answers read in card order.
        std::vector<Id> answers;
        for (const auto& [answer, at] : changed.answers) answers.push_back(answer);
        Query query(storage, ROLECALL_SYNC_ANSWERS_BY_ID);
        query.bind(1, json_ids(answers));
        AnswerItems gather(stamp(0), [&](Item&& item) { items.push_back(std::move(item)); });
        while (query.step()) gather.add(query);
        gather.flush();
    }
    for (const auto& [key, at] : changed.settings) {
        std::optional<std::string> value = storage.setting(key);
        if (auto item = setting_item(storage, key, value, stamp(at))) items.push_back(std::move(*item));
    }
    for (const auto& [touched, at] : changed.categories_of_deck) {
        Id deck = touched;
        if (deck < 0) {
            Query query(storage, "SELECT deck_id FROM categories WHERE id = ?1");
            query.bind(1, -deck);
            if (!query.step()) continue;
            deck = query.int64(0);
        }
        if (auto item = categories_item(storage, deck, stamp(at))) items.push_back(std::move(*item));
    }
    return items;
}

void for_each_item(Storage& storage, const std::string& device, bool first,
                   const std::function<void(const Item&)>& visit) {
    Stamp stamp = first_sync_stamp(storage, device);
    if (first) {
        stamp.at = 0;
        Query query(storage, "SELECT max(answered_at) FROM reviews WHERE undone = 0");
        if (query.step() && !query.is_null(0)) {
            // The latest answer's time: "YYYY-MM-DDTHH:MM:SS+HH:MM" read by SQLite as UTC microseconds.
            Query micros(storage, "SELECT CAST(round((julianday(?1) - 2440587.5) * 86400000000) AS INTEGER)");
            micros.bind(1, query.text(0));
            if (micros.step() && !micros.is_null(0)) stamp.at = micros.int64(0);
        }
        // Items sent now keep this stamp here without a row each in sync_stamps (see stamp_of()).
        Query record(storage,
                     "INSERT INTO device (key, value) VALUES ('first-sync-at', ?1) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        record.bind(1, std::to_string(stamp.at)).run();
    }
    // Sent again later (into a folder new to it), each item goes with the stamp it has here.
    const std::function<void(const Item&)> send = first ? visit : [&](const Item& item) {
        if (item.kind == answers_kind) return visit(item);
        Item stamped = item;
        if (auto recorded = stamp_of(storage, item)) stamped.stamp = *recorded;
        visit(stamped);
    };
    for (const auto& item : deck_items(storage, device)) send(item);
    {
        Query query(storage, ROLECALL_SYNC_NOTE_SELECT "ORDER BY n.id");
        while (query.step()) send(note_item(query, stamp));
    }
    {
        Query query(storage, ROLECALL_SYNC_CARD_SELECT "ORDER BY c.id");
        std::vector<Item> items;
        while (query.step()) {
            items.clear();
            card_items(query, stamp, text_group | flags_group | state_group, items);
            for (const auto& item : items) send(item);
        }
    }
    {
        // A card's answers together: one item each, and a receiver writes each card's rows side by side.
        Query query(storage, ROLECALL_SYNC_ANSWER_SELECT "ORDER BY r.card_id, r.id");
        AnswerItems gather(stamp, [&](Item&& item) { send(item); });
        while (query.step()) gather.add(query);
        gather.flush();
    }
    {
        std::vector<std::pair<std::string, std::string>> settings;
        {
            Query query(storage, "SELECT key, value FROM settings ORDER BY key");
            while (query.step()) settings.emplace_back(query.text(0), query.text(1));
        }
        for (const auto& [key, value] : settings)
            if (auto item = setting_item(storage, key, value, stamp)) send(*item);
    }
    std::vector<Id> decks;
    {
        Query query(storage, "SELECT DISTINCT deck_id FROM categories ORDER BY deck_id");
        while (query.step()) decks.push_back(query.int64(0));
    }
    for (Id deck : decks)
        if (auto item = categories_item(storage, deck, stamp)) send(*item);
}

std::vector<Item> deck_items(Storage& storage, const std::string& device) {
    Query query(storage,
                "SELECT d.uid, d.name, s.at, s.device, d.source_path FROM decks d "
                "LEFT JOIN sync_stamps s ON s.item = 'deck' || char(31) || d.uid ORDER BY d.id");
    std::vector<Item> items;
    const Stamp first = first_sync_stamp(storage, device);
    while (query.step()) {
        Stamp stamp = query.is_null(2) ? first : Stamp{query.int64(2), query.text(3)};
        // Its source goes along for a device that has no such deck yet: the built-in deck is then
        // known as built-in there, and a fact deck as built from a file.
        items.push_back(Item{std::string(deck_kind), query.text(0), stamp,
                             nlohmann::json{{"name", query.text(1)}, {"source", query.text(4)}}});
    }
    return items;
}

std::optional<nlohmann::json> current_body(Storage& storage, const Item& item) {
    const auto parts = split_key(item.key);
    if (item.kind == deck_kind) {
        Query query(storage, "SELECT name FROM decks WHERE uid = ?1");
        query.bind(1, item.key);
        if (query.step()) return nlohmann::json{{"name", query.text(0)}};
        return std::nullopt;
    }
    if (item.kind == note_kind && parts.size() == 2) {
        Query query(storage, ROLECALL_SYNC_NOTE_SELECT "WHERE d.uid = ?1 AND n.key = ?2");
        query.bind(1, parts[0]).bind(2, parts[1]);
        if (query.step()) return note_item(query, {}).body;
        return std::nullopt;
    }
    if ((item.kind == card_kind || item.kind == flags_kind || item.kind == state_kind) && parts.size() == 3) {
        Query query(storage,
                    ROLECALL_SYNC_CARD_SELECT "WHERE d.uid = ?1 AND n.deck_id = d.id AND n.key = ?2 AND c.view = ?3");
        query.bind(1, parts[0]).bind(2, parts[1]).bind(3, parts[2]);
        if (!query.step()) return std::nullopt;
        std::vector<Item> items;
        card_items(query, {},
                   item.kind == card_kind    ? text_group
                   : item.kind == flags_kind ? flags_group
                                             : state_group,
                   items);
        return items.front().body;
    }
    if (item.kind == setting_kind && parts.size() == 2) {
        std::string key = parts[1];
        if (!parts[0].empty()) {
            Query query(storage, "SELECT id FROM decks WHERE uid = ?1");
            query.bind(1, parts[0]);
            if (!query.step()) return std::nullopt;
            key = fmt::format("deck/{}/{}", query.int64(0), parts[1]);
        }
        if (auto value = storage.setting(key)) return nlohmann::json{{"value", *value}};
        return nlohmann::json{{"removed", true}};
    }
    if (item.kind == categories_kind) {
        Query query(storage, "SELECT id FROM decks WHERE uid = ?1");
        query.bind(1, item.key);
        if (!query.step()) return std::nullopt;
        const Id deck = query.int64(0);
        if (auto current = categories_item(storage, deck, {})) return current->body;
    }
    return std::nullopt;
}

std::int64_t last_sequence(Storage& storage) {
    Query query(storage, "SELECT value FROM device WHERE key = 'sequence'");
    return query.step() ? query.int64(0) : 0;
}

void set_last_sequence(Storage& storage, std::int64_t sequence) {
    Query query(storage,
                "INSERT INTO device (key, value) VALUES ('sequence', ?1) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    query.bind(1, std::to_string(sequence)).run();
}

Stamp first_sync_stamp(Storage& storage, const std::string& device) {
    Query query(storage, "SELECT value FROM device WHERE key = 'first-sync-at'");
    return Stamp{query.step() ? query.int64(0) : 0, device};
}

std::optional<Stamp> stamp_of(Storage& storage, const Item& item) {
    Query query(storage, "SELECT at, device FROM sync_stamps WHERE item = ?1");
    query.bind(1, join_key({item.kind, item.key}));
    if (!query.step()) return std::nullopt;
    return Stamp{query.int64(0), query.text(1)};
}

void set_stamp(Storage& storage, const Item& item) {
    Query query(storage,
                "INSERT INTO sync_stamps (item, at, device) VALUES (?1, ?2, ?3) "
                "ON CONFLICT (item) DO UPDATE SET at = excluded.at, device = excluded.device");
    query.bind(1, join_key({item.kind, item.key})).bind(2, item.stamp.at).bind(3, item.stamp.device).run();
}

}  // namespace rolecall::sync_store
