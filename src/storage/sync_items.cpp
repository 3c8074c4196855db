// Sync's items read from the collection as they are now: each kind's reader, every item of the
// collection (a first sync, or a folder new to this device), and an item's body here for comparison.
#include "sync_items.hpp"

#include "rolecall/base/error.hpp"

namespace rolecall::sync_store {

Item note_item(const Query& row, const Stamp& stamp) {
    return Item{
        std::string(note_kind), join_key({row.text(0), row.text(1)}), stamp,
        nlohmann::json{
            {"category", row.text(2)}, {"fact", row.text(3)}, {"retired", row.boolean(4)}, {"shows", row.text(5)}}};
}

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

}  // namespace rolecall::sync_store
