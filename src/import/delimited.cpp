#include "rolecall/import/delimited.hpp"

#include <csv.h>
#include <fmt/format.h>

#include <memory>

namespace rolecall::import {

namespace {

struct ParseState {
    TextInput* input = nullptr;
    std::size_t max_field_bytes = 0;
    const std::function<void(DelimitedRecord&&)>* on_record = nullptr;
    DelimitedRecord record;
    int next_start = 1;
    bool in_record = false;
};

void on_field(void* data, std::size_t length, void* state_ptr) {
    auto& state = *static_cast<ParseState*>(state_ptr);
    if (!state.in_record) {
        state.record.line = state.next_start;
        state.in_record = true;
    }
    if (length > state.max_field_bytes) {
        if (state.record.oversized_field == 0) {
            state.record.oversized_field = state.record.fields.size() + 1;
            state.record.oversized_bytes = length;
        }
        state.record.fields.emplace_back();
        return;
    }
    state.record.fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? length : 0);
}

void on_row_end(int, void* state_ptr) {
    auto& state = *static_cast<ParseState*>(state_ptr);
    if (!state.in_record) state.record.line = state.next_start;
    (*state.on_record)(std::move(state.record));
    // The next record reuses the field list's memory (a reader may have moved it away: clear() still holds).
    state.record.fields.clear();
    state.record.line = 0;
    state.record.oversized_field = 0;
    state.record.oversized_bytes = 0;
    state.in_record = false;
    state.next_start = state.input->line_number() + 1;
}

int no_space(unsigned char) { return 0; }  // keep spaces and tabs inside fields as they are

}  // namespace

void read_delimited(TextInput& input, const std::optional<std::string>& first_line, const DelimitedDialect& dialect,
                    std::size_t max_field_bytes, const std::function<void(DelimitedRecord&&)>& on_record) {
    csv_parser parser{};
    if (csv_init(&parser, static_cast<unsigned char>(dialect.strict ? CSV_STRICT | CSV_STRICT_FINI : 0)) != 0) {
        throw std::bad_alloc();
    }
    std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
    csv_set_delim(&parser, static_cast<unsigned char>(dialect.separator));
    csv_set_space_func(&parser, no_space);

    ParseState state;
    state.input = &input;
    state.max_field_bytes = max_field_bytes;
    state.on_record = &on_record;
    state.next_start = first_line ? input.line_number() : input.line_number() + 1;

    const char separator = dialect.separator;
    auto feed = [&](const std::string& line) {
        // Most rows of most files: a line without a quote or a line-break character, met between
        // records (pstate 0 is libcsv's ROW_NOT_BEGUN), is split at the separator here, with the same
        // callbacks, exactly as libcsv would split it (its state machine took 5% of an import).
        // Anything else, and a blank line (libcsv skips it), goes through libcsv.
        if (!line.empty() && parser.pstate == 0 && line.find_first_of("\"\r\n") == std::string::npos) {
            std::size_t start = 0;
            for (std::size_t at = line.find(separator); at != std::string::npos; at = line.find(separator, start)) {
                on_field(const_cast<char*>(line.data() + start), at - start, &state);
                start = at + 1;
            }
            on_field(const_cast<char*>(line.data() + start), line.size() - start, &state);
            on_row_end('\n', &state);
            return;
        }
        // The line, then the line break it was read without (not copied together: this runs per row).
        if (csv_parse(&parser, line.data(), line.size(), on_field, on_row_end, &state) != line.size() ||
            csv_parse(&parser, "\n", 1, on_field, on_row_end, &state) != 1) {
            input.fail(
                fmt::format("malformed quoting ({}); a field with a quote, separator or line break must be "
                            "enclosed in double quotes, with quotes inside doubled",
                            csv_strerror(csv_error(&parser))));
        }
        // A quoted field still open keeps collecting lines: cap it so one stray quote cannot swallow the file.
        if (parser.entry_pos > max_field_bytes) {
            input.fail_at(state.next_start,
                          "a quoted field runs on past the field size limit; check for an unclosed quote");
        }
    };
    if (first_line) feed(*first_line);
    while (auto line = input.next_line()) feed(*line);
    if (csv_fini(&parser, on_field, on_row_end, &state) != 0) {
        input.fail_at(state.next_start, "a quoted field is never closed; add the missing double quote");
    }
}

}  // namespace rolecall::import
