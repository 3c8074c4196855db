// CSV (RFC 4180), with or without a header row naming front, back, tags and deck columns.
#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/import/delimited.hpp"
#include "rolecall/import/readers.hpp"

#include <fmt/format.h>

#include <map>

namespace rolecall::import {

namespace {

struct Columns {
    int front = 0, back = 1, tags = 2, deck = -1;
    std::size_t count = 3;  // most fields a row may have
    bool header = false;
};

// A header row names columns; the first row is one when every field is a known column name.
std::optional<Columns> header_columns(const std::vector<std::string>& fields) {
    static const std::map<std::string, std::string> names = {
        {"front", "front"}, {"question", "front"},  {"term", "front"}, {"back", "back"},
        {"answer", "back"}, {"definition", "back"}, {"tags", "tags"},  {"deck", "deck"}};
    Columns columns;
    columns.front = columns.back = columns.tags = -1;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        auto found = names.find(normalize_for_match(fields[i]));
        if (found == names.end()) return std::nullopt;
        int index = static_cast<int>(i);
        if (found->second == "front") columns.front = index;
        if (found->second == "back") columns.back = index;
        if (found->second == "tags") columns.tags = index;
        if (found->second == "deck") columns.deck = index;
    }
    if (columns.front < 0) return std::nullopt;
    columns.count = fields.size();
    columns.header = true;
    return columns;
}

}  // namespace

void read_csv(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
              const ReadProgress& progress) {
    TextInput input(file, options.lenient, options.max_field_bytes * 16);
    if (options.separator.size() > 1) throw usage_error("--separator for CSV must be one character");
    const char separator = options.separator.empty() ? ',' : options.separator[0];
    const std::string deck = default_deck_name(file, options);
    std::optional<Columns> columns;
    RowCounter rows(input, options, progress);
    read_delimited(
        input, std::nullopt, DelimitedDialect{separator, true}, options.max_field_bytes, [&](DelimitedRecord&& record) {
            if (record.fields.size() == 1 && trim(record.fields[0]).empty()) return;
            if (!columns) {
                columns = header_columns(record.fields);
                if (columns) return;
                columns = Columns{};
            }
            if (record.fields.size() > columns->count) {
                input.fail_at(
                    record.line,
                    columns->header
                        ? fmt::format("{} fields, but the header names {}", record.fields.size(), columns->count)
                        : fmt::format("{} fields, but a row without a header holds front, back and tags at most; "
                                      "add a header row or quote fields that hold a comma",
                                      record.fields.size()));
            }
            auto field = [&](int index) {
                return index >= 0 && static_cast<std::size_t>(index) < record.fields.size()
                           ? std::string(trim(printable_only(record.fields[static_cast<std::size_t>(index)])))
                           : std::string();
            };
            std::string front = field(columns->front);
            if (front.empty()) input.fail_at(record.line, "the front is empty; fill it in or remove the row");
            std::string row_deck = options.deck.empty() && !field(columns->deck).empty() ? field(columns->deck) : deck;
            ImportedNote note =
                basic_note(row_deck, "front:" + front, front, field(columns->back), field(columns->tags), false);
            note.where = fmt::format("{}:{}", input.name(), record.line);
            sink(std::move(note));
            rows.count(record.line);
        });
    rows.finish();
}

}  // namespace rolecall::import
