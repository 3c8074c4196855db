// Quizlet's export: "term<TAB>definition" per line, or any separator chosen there (--separator).
// Quizlet does not quote, so a line is split at the first separator and nothing else is special.
#include "rolecall/text/text_utils.hpp"
#include "rolecall/import/readers.hpp"
#include "rolecall/text/text_input.hpp"

#include <fmt/format.h>

#include <utility>

namespace rolecall::import {

void read_quizlet(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
                  const ReadProgress& progress) {
    TextInput input(file, options.lenient, options.max_field_bytes * 2);
    const std::string separator = options.separator.empty() ? "\t" : options.separator;
    const std::string deck = default_deck_name(file, options);
    RowCounter rows(input, options, progress);
    bool header = options.header;  // --header: the first line names the columns
    while (auto line = input.next_line()) {
        if (trim(*line).empty()) continue;
        if (std::exchange(header, false)) continue;
        auto split = line->find(separator);
        if (split == std::string::npos) {
            input.fail(
                fmt::format("no separator ({}) between term and definition; pass the separator Quizlet "
                            "exported with as --separator",
                            separator == "\t" ? "a tab" : "'" + separator + "'"));
        }
        std::string term(trim(printable_only(line->substr(0, split))));
        std::string definition(trim(printable_only(line->substr(split + separator.size()))));
        if (term.empty()) input.fail("the term is empty; fill it in or remove the line");
        if (term.size() > options.max_field_bytes || definition.size() > options.max_field_bytes) {
            input.fail(fmt::format("a field is over the limit of {} bytes; shorten it or raise --max-field",
                                   options.max_field_bytes));
        }
        ImportedNote note = basic_note(deck, "front:" + term, term, definition, "", false);
        note.where = fmt::format("{}:{}", input.name(), input.line_number());
        sink(std::move(note));
        rows.count(input.line_number());
    }
    rows.finish();
}

}  // namespace rolecall::import
