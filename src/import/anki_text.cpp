// Delimited notes: Anki's plain-text format and CSV, one reader with two dialects. Both take Anki's
// "#key:value" header lines at the top and guess the separator as Anki does; CSV adds strict RFC 4180
// quoting, a header row recognised by its column names, and front, back, tags by position without one.
// --front, --back, --tags and --deck-column map columns by name or number, resolved once per file.
// A row that cannot be a note is skipped and reported by line, unless so many are that the file was
// likely split the wrong way: then it is refused.
#include "delimited_columns.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/text/text_utils.hpp"
#include "rolecall/import/delimited.hpp"
#include "rolecall/import/html_text.hpp"
#include "rolecall/import/readers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
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

// "tab, guessed from the first row": the separator a file is split with, and why.
std::string separator_text(char separator, SeparatorSource source) {
    const std::string shown = separator == '\t'  ? std::string("tab")
                              : separator == ' ' ? std::string("space")
                                                 : fmt::format("'{}'", separator);
    switch (source) {
        case SeparatorSource::option: return shown + " from --separator";
        case SeparatorSource::header: return shown + " from #separator";
        case SeparatorSource::guessed: return shown + ", guessed from the first row";
        case SeparatorSource::none: break;
    }
    return shown;
}

void read_delimited_notes(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                          const ReadProgress& progress, bool csv) {
    if (options.separator.size() > 1) {
        // A Quizlet export's custom separator is often several characters ("/////"); '\t' typed in a
        // shell is two.
        const std::string hint = options.separator == "\\t"
                                     ? "; for a tab, write --separator tab"
                                     : "; a Quizlet export with a separator of several characters is read with "
                                       "--format quizlet --separator '" +
                                           options.separator + "'";
        throw usage_error(fmt::format("--separator for {} must be one character{}", csv ? "CSV" : "Anki text", hint));
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
    const ColumnMapping& mapping = options.columns;
    const bool mapped = !mapping.empty();
    Layout layout;
    layout.deck = header.deck_column;
    layout.tags = header.tags_column;
    layout.guid = header.guid_column;
    layout.notetype = header.notetype_column;
    std::vector<std::string> names;  // of the columns, when the file names them
    if (header.columns) {
        names = split_list(*header.columns, separator);
        if (!mapped) layout.name(names);
        layout.count = names.size();
        layout.count_source = fmt::format("#columns names {}", names.size());
    }
    // A column given by name makes the first row a header row, unless #columns names the columns.
    const bool mapped_by_name =
        !header.columns && mapped &&
        (!is_column_number(trim(mapping.front)) || (!mapping.tags.empty() && !is_column_number(trim(mapping.tags))) ||
         (!mapping.deck.empty() && !is_column_number(trim(mapping.deck))) ||
         std::any_of(mapping.back.begin(), mapping.back.end(),
                     [](const std::string& back) { return !is_column_number(trim(back)); }));
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
    std::vector<std::string> fields;  // of the row at hand, reused

    // Rows that cannot be a note are skipped and reported by line; too many of them refuse the file.
    std::uint64_t data_rows = 0;
    std::uint64_t bad_rows = 0;
    std::vector<std::string> first_bad;  // "line 4 (3 fields, but the first row has 2)"
    auto skip_row = [&](int line, const char* kind, std::string detail, std::string deck) {
        ++bad_rows;
        if (first_bad.size() < 3) first_bad.push_back(fmt::format("line {} ({})", line, detail));
        ImportedNote note;
        note.deck = std::move(deck);
        note.id = fmt::format("line {}", line);
        note.skip_kind = kind;
        note.skip_detail = std::move(detail);
        note.where = fmt::format("{}:{}", input.name(), line);
        sink(std::move(note));
    };

    read_delimited(
        input, first, DelimitedDialect{separator, csv}, options.max_field_bytes, [&](DelimitedRecord&& record) {
            if (record.fields.size() == 1 && trim(record.fields[0]).empty()) return;  // a blank line
            if (!started) {
                started = true;
                // The first row names the columns when the user says so, when a mapping names a column,
                // or (CSV) when every cell is a known column name; it makes no note.
                if (options.header || mapped_by_name || (csv && is_header_row(record.fields))) {
                    if (!header.columns) {
                        names = header_names(record.fields);
                        if (!mapped) layout.name(names);
                        layout.count = record.fields.size();
                        layout.count_source = fmt::format("the header row names {}", record.fields.size());
                        // A CSV header gives each column a role: known names theirs, others the front and
                        // the back in order. More columns than that are the user's to choose.
                        const int open_sides = (layout.front ? 0 : 1) + (layout.back ? 0 : 1);
                        if (csv && !mapped && layout.untaken() > open_sides) {
                            throw usage_error(fmt::format("{}: the header names {} columns ({}); {}", input.name(),
                                                          names.size(), column_list(names, 6), choose_sides));
                        }
                    }
                    if (mapped) map_columns(input.name(), mapping, names, layout);
                    field_columns = layout.field_columns();
                    rows.describe(separator, separator_source, true);
                    return;
                }
                if (layout.count == 0) {
                    if (csv && !mapped) {
                        csv_positions(layout);
                        // Wider than front, back and tags: a header of other names, or columns to choose.
                        if (record.fields.size() > layout.count) {
                            const auto cells = header_names(record.fields);
                            throw usage_error(
                                looks_like_names(cells)
                                    ? fmt::format("{}: the header names {} columns ({}); {}", input.name(),
                                                  cells.size(), column_list(cells, 6), choose_sides)
                                    : fmt::format("{}:{}: the first row has {} fields ({}), more than front, back "
                                                  "and tags; {}",
                                                  input.name(), record.line, cells.size(), column_list(cells, 6),
                                                  choose_sides_by_number));
                        }
                    } else {
                        layout.count = record.fields.size();
                        layout.count_source = fmt::format("the first row has {}", record.fields.size());
                    }
                }
                if (mapped) map_columns(input.name(), mapping, names, layout);
                field_columns = layout.field_columns();
            }
            ++data_rows;
            rows.count(record.line);
            auto column = [&](int number) -> std::string {
                return number > 0 && static_cast<std::size_t>(number) <= record.fields.size()
                           ? std::string(trim(printable_only(record.fields[static_cast<std::size_t>(number - 1)])))
                           : std::string();
            };
            std::string deck = options.deck.empty() ? column(layout.deck) : std::string();
            if (deck.empty()) deck = default_deck;
            if (record.fields.size() > layout.count) {
                skip_row(record.line, "too many fields",
                         fmt::format("{} fields, but {}", record.fields.size(), layout.count_source), std::move(deck));
                return;
            }
            if (record.oversized_field > 0) {
                skip_row(record.line, "field over --max-field",
                         fmt::format("field {} is {} KiB, over --max-field {} KiB", record.oversized_field,
                                     (record.oversized_bytes + 1023) / 1024, options.max_field_bytes / 1024),
                         std::move(deck));
                return;
            }
            record.fields.resize(layout.count);
            fields.resize(field_columns.size());
            for (std::size_t i = 0; i < field_columns.size(); ++i) {
                const int number = field_columns[i];
                if (number > 0) {
                    fields[i] = field_text(record.fields[static_cast<std::size_t>(number - 1)]);
                } else {
                    fields[i].clear();
                }
            }
            if (fields.empty() || fields[0].empty()) {
                skip_row(record.line, "empty front", "empty front", std::move(deck));
                return;
            }
            std::string notetype = column(layout.notetype);
            const bool cloze = notetype.empty() ? header_cloze : is_cloze(notetype);
            if (notetype.empty()) notetype = header.notetype;
            std::string guid = column(layout.guid);
            std::string tags = join_tags(header.tags, column(layout.tags));
            ImportedNote note = anki_note(std::move(deck), guid.empty() ? "front:" + fields[0] : "guid:" + guid,
                                          notetype, cloze, fields, tags);
            if (note.cards.empty()) {
                skip_row(record.line, "cloze without a deletion", "a cloze note without a {{c1::...}} deletion",
                         std::move(note.deck));
                return;
            }
            // Not fmt::format, which took 0.6% of a 20,000-row import here.
            note.where.reserve(input.name().size() + 11);
            note.where.append(input.name()).append(1, ':').append(std::to_string(record.line));
            sink(std::move(note));
        });
    rows.finish();
    // A few odd rows are reported and left out, as Anki does; many are a file read the wrong way.
    if (bad_rows > 0 && (bad_rows == data_rows || (bad_rows >= 3 && bad_rows * 10 > data_rows))) {
        std::string named;
        for (const auto& bad : first_bad) named += (named.empty() ? "" : ", ") + bad;
        if (bad_rows > first_bad.size()) named += fmt::format(" and {} more", bad_rows - first_bad.size());
        throw Error(
            fmt::format("{}: {} of {} rows cannot be notes: {}; the file was probably read with the wrong separator "
                        "({}): choose it with --separator tab, comma, semicolon, pipe, colon, space or the character, "
                        "and check with --dry-run",
                        input.name(), bad_rows, data_rows, named, separator_text(separator, separator_source)));
    }
}

}  // namespace

char guess_separator(std::string_view row, char fallback, bool csv) {
    // A .csv takes a comma before pipe and colon: "Meeting,10:30" or a URL in a comma-separated row
    // must not split on the colon. Tab and semicolon (Excel's CSV where the decimal mark is a comma)
    // still come first.
    const std::array<char, 5> order =
        csv ? std::array<char, 5>{'\t', ';', ',', '|', ':'} : std::array<char, 5>{'\t', '|', ';', ':', ','};
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
