// Delimited notes: Anki's plain-text format and CSV, one reader with two dialects. Both take Anki's
// "#key:value" header lines at the top and guess the separator as Anki does; CSV adds strict RFC 4180
// quoting, a header row recognised by its column names, and front, back, tags by position without one.
#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/import/delimited.hpp"
#include "rolecall/import/html_text.hpp"
#include "rolecall/import/readers.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>
#include <vector>

namespace rolecall::import {

namespace {

struct Header {
    std::optional<char> separator;
    bool html = false;
    std::string tags;
    std::optional<std::string> columns;  // the raw #columns value, split once the separator is known
    std::string deck;
    std::string notetype = "Basic";
    int deck_column = 0;  // 1-based; 0: none
    int tags_column = 0;
    int guid_column = 0;
    int notetype_column = 0;
};

std::optional<char> separator_from_name(const std::string& value) {
    std::string name = normalize_for_match(value);
    if (name == "tab" || name == "\\t") return '\t';
    if (name == "comma") return ',';
    if (name == "semicolon") return ';';
    if (name == "pipe") return '|';
    if (name == "colon") return ':';
    if (name == "space") return ' ';
    if (value.size() == 1) return value[0];
    return std::nullopt;
}

int column_number(TextInput& input, const std::string& key, const std::string& value) {
    int number = 0;
    for (char c : value) {
        if (c < '0' || c > '9' || number > 1000)
            input.fail(fmt::format("#{} must be a column number, got '{}'", key, value));
        number = number * 10 + (c - '0');
    }
    if (number < 1) input.fail(fmt::format("#{} must be a column number from 1, got '{}'", key, value));
    return number;
}

// Applies one header line; returns false when the line is a plain comment.
void apply_header(TextInput& input, Header& header, const std::string& line) {
    auto colon = line.find(':');
    if (colon == std::string::npos) return;  // a comment
    std::string key = normalize_for_match(std::string_view(line).substr(1, colon - 1));
    std::string value(trim(std::string_view(line).substr(colon + 1)));
    std::string raw_value = line.substr(colon + 1);
    if (key == "separator") {
        header.separator = separator_from_name(value.empty() ? raw_value : value);
        if (!header.separator)
            input.fail(fmt::format(
                "unknown #separator '{}': use Tab, Comma, Semicolon, Pipe, Colon, Space or one character", value));
    } else if (key == "html") {
        std::string flag = normalize_for_match(value);
        if (flag != "true" && flag != "false") input.fail(fmt::format("#html must be true or false, got '{}'", value));
        header.html = flag == "true";
    } else if (key == "tags") {
        header.tags = value;
    } else if (key == "columns") {
        header.columns = raw_value;
    } else if (key == "deck") {
        header.deck = value;
    } else if (key == "notetype") {
        header.notetype = value;
    } else if (key == "deck column") {
        header.deck_column = column_number(input, key, value);
    } else if (key == "tags column") {
        header.tags_column = column_number(input, key, value);
    } else if (key == "guid column") {
        header.guid_column = column_number(input, key, value);
    } else if (key == "notetype column") {
        header.notetype_column = column_number(input, key, value);
    }
    // Other "#key:value" lines are comments, as in Anki.
}

std::string join_tags(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + " " + b;
}

// The columns of a file, 1-based (0: none): which hold what, and how many a row may have.
struct Layout {
    int deck = 0, tags = 0, guid = 0, notetype = 0;  // meta columns: no field of the note
    int front = 0, back = 0;                         // named ones; else the first other columns
    std::size_t count = 0;                           // most fields a row may have; 0 until known
    std::string count_source;                        // what set it, for the error
    bool positional = false;                         // CSV without a header: front, back, tags

    bool meta(int column) const { return column == deck || column == tags || column == guid || column == notetype; }
    bool taken(int column) const { return meta(column) || column == front || column == back; }

    // Gives known column names their role, unless a "#... column:N" header already took the column.
    void name(const std::vector<std::string>& names) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            const int column = static_cast<int>(i + 1);
            if (taken(column)) continue;
            switch (column_role(names[i])) {
                case ColumnRole::front: front = front ? front : column; break;
                case ColumnRole::back: back = back ? back : column; break;
                case ColumnRole::tags: tags = tags ? tags : column; break;
                case ColumnRole::deck: deck = deck ? deck : column; break;
                case ColumnRole::none: break;
            }
        }
    }

    // The columns that make the note's fields, in order: the front, the back, then the others.
    std::vector<int> field_columns() const {
        std::vector<int> rest;
        for (int column = 1; static_cast<std::size_t>(column) <= count; ++column) {
            if (!taken(column)) rest.push_back(column);
        }
        std::size_t next = 0;
        const int first = front ? front : next < rest.size() ? rest[next++] : 0;
        const int second = back ? back : next < rest.size() ? rest[next++] : 0;
        std::vector<int> order{first};
        if (second) order.push_back(second);
        order.insert(order.end(), rest.begin() + static_cast<std::ptrdiff_t>(next), rest.end());
        return order;
    }
};

// A row that names its columns: every cell a known column name, one of them the front's.
bool is_header_row(const std::vector<std::string>& cells) {
    bool front = false;
    for (const auto& cell : cells) {
        const ColumnRole role = column_role(cell);
        if (role == ColumnRole::none) return false;
        front = front || role == ColumnRole::front;
    }
    return front;
}

// CSV without a header row: front, back and tags by position, among the columns no header claimed.
void csv_positions(Layout& layout) {
    const int wanted = layout.tags ? 2 : 3;
    int found = 0;
    int column = 0;
    while (found < wanted) {
        ++column;
        if (!layout.meta(column)) ++found;
    }
    if (!layout.tags) layout.tags = column;
    const int last_meta = std::max({layout.deck, layout.tags, layout.guid, layout.notetype});
    layout.count = static_cast<std::size_t>(std::max(column, last_meta));
    layout.count_source = "a row without a header holds front, back and tags at most";
    layout.positional = true;
}

std::string separator_name(char separator) {
    switch (separator) {
        case '\t': return "a tab";
        case ' ': return "a space";
        case ',': return "a comma";
        default: return fmt::format("'{}'", separator);
    }
}

void read_delimited_notes(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                          const ReadProgress& progress, bool csv) {
    if (options.separator.size() > 1) {
        throw usage_error(fmt::format("--separator for {} must be one character", csv ? "CSV" : "Anki text"));
    }
    TextInput input(file, options.lenient, options.max_field_bytes * 16);
    Header header;
    std::optional<std::string> first;
    while (auto line = input.next_line()) {
        if (!line->empty() && (*line)[0] == '#') {
            apply_header(input, header, *line);
            continue;
        }
        if (trim(*line).empty()) continue;
        first = std::move(line);
        break;
    }
    if (!first) return;  // headers only: nothing to import
    SeparatorSource separator_source = SeparatorSource::guessed;
    char separator = 0;
    if (!options.separator.empty()) {
        separator = options.separator[0];
        separator_source = SeparatorSource::option;
    } else if (header.separator) {
        separator = *header.separator;
        separator_source = SeparatorSource::header;
    } else {
        separator = guess_separator(*first, csv ? ',' : ' ', csv);
    }
    Layout layout;
    layout.deck = header.deck_column;
    layout.tags = header.tags_column;
    layout.guid = header.guid_column;
    layout.notetype = header.notetype_column;
    if (header.columns) {
        const auto names = split_list(*header.columns, separator);
        layout.name(names);
        layout.count = names.size();
        layout.count_source = fmt::format("#columns names {}", names.size());
    }
    const std::string default_deck =
        options.deck.empty() && !header.deck.empty() ? header.deck : default_deck_name(file, options);
    RowCounter rows(input, options, progress);
    rows.describe(separator, separator_source, false);

    auto field_text = [&](const std::string& raw) {
        if (header.html) return html_to_text(raw);
        std::string text = printable_only(raw);
        std::string_view trimmed = trim(text);
        if (trimmed.size() != text.size()) text = std::string(trimmed);
        return text;
    };
    auto is_cloze = [](const std::string& type) {
        return normalize_for_match(type).find("cloze") != std::string::npos;
    };
    const bool header_cloze = is_cloze(header.notetype);
    bool started = false;
    std::vector<int> field_columns;
    read_delimited(
        input, first, DelimitedDialect{separator, csv}, options.max_field_bytes, [&](DelimitedRecord&& record) {
            if (record.fields.size() == 1 && trim(record.fields[0]).empty()) return;  // a blank line
            if (!started) {
                started = true;
                // The first row names the columns when the user says so, or (CSV) when every cell is
                // a known column name; it makes no note.
                if (options.header || (csv && is_header_row(record.fields))) {
                    if (!header.columns) {
                        layout.name(record.fields);
                        layout.count = record.fields.size();
                        layout.count_source = fmt::format("the header row names {}", record.fields.size());
                    }
                    field_columns = layout.field_columns();
                    rows.describe(separator, separator_source, true);
                    return;
                }
                if (layout.count == 0) {
                    if (csv) {
                        csv_positions(layout);
                    } else {
                        layout.count = record.fields.size();
                        layout.count_source = fmt::format("the first row has {}", record.fields.size());
                    }
                }
                field_columns = layout.field_columns();
            }
            if (record.fields.size() > layout.count) {
                const std::string fix = !csv ? "quote fields that hold the separator"
                                        : layout.positional
                                            ? "add a header row or quote fields that hold " + separator_name(separator)
                                            : "quote fields that hold " + separator_name(separator);
                input.fail_at(record.line,
                              fmt::format("{} fields, but {}; {}", record.fields.size(), layout.count_source, fix));
            }
            record.fields.resize(layout.count);
            auto column = [&](int number) -> std::string {
                return number > 0 && static_cast<std::size_t>(number) <= record.fields.size()
                           ? std::string(trim(printable_only(record.fields[static_cast<std::size_t>(number - 1)])))
                           : std::string();
            };
            std::vector<std::string> fields;
            fields.reserve(field_columns.size());
            for (int number : field_columns) {
                fields.push_back(number > 0 ? field_text(record.fields[static_cast<std::size_t>(number - 1)])
                                            : std::string());
            }
            if (fields.empty() || fields[0].empty()) {
                input.fail_at(record.line, csv ? "the front is empty; fill it in or remove the row"
                                               : "the first field (the front) is empty; fill it in or remove the row");
            }
            std::string deck =
                options.deck.empty() && !column(layout.deck).empty() ? column(layout.deck) : default_deck;
            std::string notetype = column(layout.notetype);
            const bool cloze = notetype.empty() ? header_cloze : is_cloze(notetype);
            if (notetype.empty()) notetype = header.notetype;
            std::string guid = column(layout.guid);
            std::string tags = join_tags(header.tags, column(layout.tags));
            ImportedNote note =
                anki_note(deck, guid.empty() ? "front:" + fields[0] : "guid:" + guid, notetype, cloze, fields, tags);
            if (note.cards.empty()) {
                input.fail_at(record.line,
                              "a cloze note without a {{c1::...}} deletion; add one or use another note type");
            }
            note.where = fmt::format("{}:{}", input.name(), record.line);
            sink(std::move(note));
            rows.count(record.line);
        });
    rows.finish();
}

}  // namespace

char guess_separator(std::string_view row, char fallback, bool csv) {
    // A .csv takes a comma before pipe and colon: "Meeting,10:30" or a URL in a comma-separated row
    // must not split on the colon. Tab and semicolon (Excel's CSV where the decimal mark is a comma)
    // still come first.
    const std::array<char, 5> order = csv ? std::array<char, 5>{'\t', ';', ',', '|', ':'}
                                          : std::array<char, 5>{'\t', '|', ';', ':', ','};
    std::array<bool, order.size()> seen{};
    bool quoted = false;
    for (char c : row) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        for (std::size_t i = 0; i < order.size(); ++i) seen[i] = seen[i] || c == order[i];
    }
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (seen[i]) return order[i];
    }
    return fallback;
}

void read_anki_text(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                    const ReadProgress& progress) {
    read_delimited_notes(file, options, sink, progress, false);
}

void read_csv(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
              const ReadProgress& progress) {
    read_delimited_notes(file, options, sink, progress, true);
}

std::string default_deck_name(const std::filesystem::path& file, const ImportOptions& options) {
    if (!options.deck.empty()) return options.deck;
    std::string stem = file.stem().string();
    return stem.empty() ? "Imported" : printable_only(stem);
}

}  // namespace rolecall::import
