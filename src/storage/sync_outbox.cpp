// Sync's sending side in storage: the local changesets (sync_outbox) read back with the session
// extension's iterator and turned into the items they touched; the stamps and sequence numbers.
#include "sync_items.hpp"

#include "rolecall/base/error.hpp"

#include <map>
#include <memory>

namespace rolecall::sync_store {

namespace {

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
