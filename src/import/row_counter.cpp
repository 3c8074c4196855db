// Counting the notes a text reader produces: the --max-rows cap and progress reports.
#include "rolecall/import/readers.hpp"
#include "rolecall/text/text_input.hpp"

#include <fmt/format.h>

namespace rolecall::import {

RowCounter::RowCounter(const TextInput& input, const ImportOptions& options, const ReadProgress& progress)
    : m_input(input), m_options(options), m_progress(progress) {
    m_stats.size = input.size();
}

void RowCounter::describe(char separator, SeparatorSource source, bool header_row) {
    m_stats.separator = separator;
    m_stats.separator_source = source;
    m_stats.header_row = header_row;
}

void RowCounter::count(int line) {
    if (++m_stats.notes > m_options.max_rows) {
        m_input.fail_at(line, fmt::format("more than {} rows; split the file or raise --max-rows", m_options.max_rows));
    }
    if (m_stats.notes % 1024 == 0) report();
}

void RowCounter::finish() { report(); }

void RowCounter::report() {
    if (!m_progress) return;
    m_stats.bytes = m_input.bytes_read();
    m_stats.replaced = m_input.replaced();
    m_progress(m_stats);
}

}  // namespace rolecall::import
