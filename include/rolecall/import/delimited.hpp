// Delimited records (CSV and Anki's text format) parsed with libcsv: quoted fields may hold the
// separator, doubled quotes and line breaks. Records are handed over one at a time with the line
// they start on.
#pragma once

#include "rolecall/text/text_input.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall::import {

struct DelimitedRecord {
    std::vector<std::string> fields;
    int line = 0;  // where the record starts
    // The first field over the size limit (1-based; 0: none) and its size: it is kept empty, and the
    // caller decides what the record is worth.
    std::size_t oversized_field = 0;
    std::size_t oversized_bytes = 0;
};

struct DelimitedDialect {
    char separator = ',';
    bool strict = false;  // RFC 4180: a quote inside an unquoted field is an error
};

// What a column name in a CSV header row or a #columns line stands for, compared without case:
// front, question, term; back, answer, definition; tags; deck. Any other name: none.
enum class ColumnRole { none, front, back, tags, deck };
ColumnRole column_role(std::string_view name);

// Feeds lines from `input` (after any header lines the caller consumed) through libcsv; `first_line`
// is a line the caller already read and must be parsed first (empty optional for none). Malformed
// quoting and a quoted field left open past `max_field_bytes` are errors; a longer field that ends is
// handed over marked (DelimitedRecord::oversized_field).
void read_delimited(TextInput& input, const std::optional<std::string>& first_line, const DelimitedDialect& dialect,
                    std::size_t max_field_bytes, const std::function<void(DelimitedRecord&&)>& on_record);

}  // namespace rolecall::import
