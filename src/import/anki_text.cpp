// Anki's plain-text notes format: optional "#key:value" header lines, then delimited rows.
#include "rolecall/text/text_utils.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/import/delimited.hpp"
#include "rolecall/import/html_text.hpp"
#include "rolecall/import/readers.hpp"

#include <fmt/format.h>

#include <array>
#include <optional>

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

// Anki's own guess: the first of tab, pipe, semicolon, colon, comma found in the first row; else space.
char guess_separator(const std::string& line) {
    for (char candidate : std::array<char, 5>{'\t', '|', ';', ':', ','}) {
        if (line.find(candidate) != std::string::npos) return candidate;
    }
    return ' ';
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

}  // namespace

void read_anki_text(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                    const ReadProgress& progress) {
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
    if (!options.separator.empty()) {
        if (options.separator.size() != 1) throw usage_error("--separator for Anki text must be one character");
        header.separator = options.separator[0];
    }
    const char separator = header.separator.value_or(guess_separator(*first));
    std::optional<std::size_t> columns;
    std::string columns_source = "the first row has";
    if (header.columns) {
        columns = split_list(*header.columns, separator).size();
        columns_source = "#columns names";
    }
    const std::string default_deck =
        options.deck.empty() && !header.deck.empty() ? header.deck : default_deck_name(file, options);
    RowCounter rows(input, options, progress);

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
    read_delimited(
        input, first, DelimitedDialect{separator, false}, options.max_field_bytes, [&](DelimitedRecord&& record) {
            if (record.fields.size() == 1 && trim(record.fields[0]).empty()) return;  // a blank line
            if (!columns) columns = record.fields.size();
            if (record.fields.size() > *columns) {
                input.fail_at(record.line, fmt::format("{} fields, but {} {}; quote fields that hold the separator",
                                                       record.fields.size(), columns_source, *columns));
            }
            record.fields.resize(*columns);
            auto column = [&](int number) -> std::string {
                return number > 0 && static_cast<std::size_t>(number) <= record.fields.size()
                           ? std::string(trim(record.fields[static_cast<std::size_t>(number - 1)]))
                           : std::string();
            };
            std::vector<std::string> fields;
            fields.reserve(record.fields.size());
            for (std::size_t i = 0; i < record.fields.size(); ++i) {
                int number = static_cast<int>(i + 1);
                if (number == header.deck_column || number == header.tags_column || number == header.guid_column ||
                    number == header.notetype_column)
                    continue;
                fields.push_back(field_text(record.fields[i]));
            }
            if (fields.empty() || fields[0].empty()) {
                input.fail_at(record.line, "the first field (the front) is empty; fill it in or remove the row");
            }
            std::string deck =
                options.deck.empty() && !column(header.deck_column).empty() ? column(header.deck_column) : default_deck;
            std::string notetype = column(header.notetype_column);
            const bool cloze = notetype.empty() ? header_cloze : is_cloze(notetype);
            if (notetype.empty()) notetype = header.notetype;
            std::string guid = column(header.guid_column);
            std::string tags = join_tags(header.tags, printable_only(column(header.tags_column)));
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

std::string default_deck_name(const std::filesystem::path& file, const ImportOptions& options) {
    if (!options.deck.empty()) return options.deck;
    std::string stem = file.stem().string();
    return stem.empty() ? "Imported" : printable_only(stem);
}

}  // namespace rolecall::import
