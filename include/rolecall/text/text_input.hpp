// Reads a text file line by line, in constant memory, checking that it is UTF-8: a byte-order mark
// is dropped, CRLF is fine, and invalid bytes are an error naming line and byte offset (or, when
// lenient, replaced by U+FFFD and counted).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

namespace rolecall {

class TextInput {
public:
    TextInput(const std::filesystem::path& file, bool lenient, std::size_t max_line_bytes);

    // The next line without its line end; nullopt at the end of the file.
    std::optional<std::string> next_line();

    int line_number() const { return m_line; }  // of the line last returned
    std::uint64_t bytes_read() const { return m_offset; }
    std::uint64_t size() const { return m_size; }
    std::uint64_t replaced() const { return m_replaced; }
    const std::string& name() const { return m_name; }

    // "file:LINE: what" as an Error.
    [[noreturn]] void fail(const std::string& what) const;
    [[noreturn]] void fail_at(int line, const std::string& what) const;

private:
    std::string validated(std::string line);

    std::ifstream m_in;
    std::string m_name;
    bool m_lenient;
    std::size_t m_max_line_bytes;
    int m_line = 0;
    std::uint64_t m_offset = 0;
    std::uint64_t m_size = 0;
    std::uint64_t m_replaced = 0;
};

}  // namespace rolecall
