// Settings, decks and the categories a deck tells apart.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace rolecall {

// ---- settings

std::optional<std::string> Storage::setting(const std::string& key) {
    Query query(*this, "SELECT value FROM settings WHERE key = ?1");
    query.bind(1, key);
    if (query.step()) return query.text(0);
    return std::nullopt;
}

void Storage::set_setting(const std::string& key, const std::string& value) {
    Query query(*this,
                "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    query.bind(1, key).bind(2, value).run();
}

void Storage::remove_setting(const std::string& key) {
    Query query(*this, "DELETE FROM settings WHERE key = ?1");
    query.bind(1, key).run();
}

// ---- decks

std::optional<DeckRow> Storage::find_deck(const std::string& name) {
    Query query(*this, "SELECT id, name, source_path, source_hash FROM decks WHERE name = ?1");
    query.bind(1, name);
    if (!query.step()) return std::nullopt;
    return DeckRow{query.int64(0), query.text(1), query.text(2), query.text(3)};
}

std::vector<DeckRow> Storage::decks() {
    Query query(*this, "SELECT id, name, source_path, source_hash FROM decks ORDER BY name");
    std::vector<DeckRow> rows;
    while (query.step()) rows.push_back(DeckRow{query.int64(0), query.text(1), query.text(2), query.text(3)});
    return rows;
}

Id Storage::create_deck(const std::string& name, const std::string& source_path, const std::string& source_hash) {
    // The identity sync knows it by (schema 6): its name, or when a deck renamed away from that name
    // still holds it, the name made unique. Two devices that each make a deck of one name share it.
    Query query(*this,
                "INSERT INTO decks (name, source_path, source_hash, uid) VALUES (?1, ?2, ?3, "
                "CASE WHEN EXISTS (SELECT 1 FROM decks WHERE uid = ?1) THEN ?1 || '#' || lower(hex(randomblob(6))) "
                "ELSE ?1 END)");
    query.bind(1, name).bind(2, source_path).bind(3, source_hash).run();
    return sqlite3_last_insert_rowid(m_db);
}

void Storage::set_deck_source(Id deck, const std::string& source_path, const std::string& source_hash) {
    Query query(*this, "UPDATE decks SET source_path = ?2, source_hash = ?3 WHERE id = ?1");
    query.bind(1, deck).bind(2, source_path).bind(3, source_hash).run();
}

std::vector<DeckCounts> Storage::deck_counts(Day today) {
    Query query(*this,
                "SELECT d.name, "
                "  count(c.id) FILTER (WHERE c.due IS NULL AND c.suspended = 0 AND c.retired = 0 "
                "    AND " ROLECALL_NOT_BURIED("?1") "), "
                "  count(c.id) FILTER (WHERE c.due <= ?1 AND c.suspended = 0 AND c.retired = 0 "
                "    AND " ROLECALL_NOT_BURIED("?1") "), "
                "  count(c.id) FILTER (WHERE c.retired = 0) "
                "FROM decks d LEFT JOIN cards c ON c.deck_id = d.id GROUP BY d.id ORDER BY d.name");
    query.bind(1, today);
    std::vector<DeckCounts> rows;
    while (query.step())
        rows.push_back(DeckCounts{query.text(0), query.integer(1), query.integer(2), query.integer(3)});
    return rows;
}

// ---- categories

void Storage::replace_categories(Id deck, const std::vector<Category>& categories) {
    {
        Query query(*this, "DELETE FROM categories WHERE deck_id = ?1");
        query.bind(1, deck).run();
    }
    int position = 0;
    for (const auto& category : categories) {
        Query query(*this,
                    "INSERT INTO categories (deck_id, position, name, aliases, summary) "
                    "VALUES (?1, ?2, ?3, ?4, ?5)");
        // The key the deck's author wrote ("po") is an answer as good as any alias.
        std::vector<std::string> aliases = category.aliases;
        if (!category.key.empty()) aliases.push_back(category.key);
        query.bind(1, deck).bind(2, position++).bind(3, category.name).bind(4, join_choices(aliases));
        query.bind(5, category.summary).run();
    }
}

std::vector<Category> Storage::categories_of_deck(Id deck) {
    Query query(*this, "SELECT name, aliases, summary FROM categories WHERE deck_id = ?1 ORDER BY position");
    query.bind(1, deck);
    std::vector<Category> categories;
    while (query.step()) {
        categories.push_back(Category{"", query.text(0), split_choices(query.text(1)), query.text(2)});
    }
    return categories;
}

}  // namespace rolecall
