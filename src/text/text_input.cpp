#include "rolecall/text/text_input.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

namespace rolecall {

namespace {

// Length of the valid UTF-8 sequence starting at `i`, or 0 when it is invalid (overlong forms,
// surrogates and code points above U+10FFFF included).
std::size_t utf8_sequence(const std::string& s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
        length = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        length = 3;
        if (c == 0xe0) low = 0xa0;
        if (c == 0xed) high = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        length = 4;
        if (c == 0xf0) low = 0x90;
        if (c == 0xf4) high = 0x8f;
    } else {
        return 0;
    }
    if (i + length > s.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xbf) return 0;
    }
    return length;
}

}  // namespace

TextInput::TextInput(const std::filesystem::path& file, bool lenient, std::size_t max_line_bytes)
    : m_in(file, std::ios::binary), m_name(file.string()), m_lenient(lenient), m_max_line_bytes(max_line_bytes) {
    if (!m_in) throw Error(fmt::format("cannot read {}: check that the file exists and is readable", m_name));
    std::error_code ec;
    m_size = std::filesystem::file_size(file, ec);
    if (ec) m_size = 0;
}

void TextInput::fail(const std::string& what) const { fail_at(m_line, what); }

void TextInput::fail_at(int line, const std::string& what) const {
    throw Error(fmt::format("{}:{}: {}", m_name, line, what));
}

std::optional<std::string> TextInput::next_line() {
    std::string line;
    if (!std::getline(m_in, line)) {
        if (m_in.bad()) throw Error(fmt::format("cannot read {}: a read error occurred", m_name));
        return std::nullopt;
    }
    ++m_line;
    m_offset += line.size() + (m_in.eof() ? 0 : 1);
    if (line.size() > m_max_line_bytes) {
        fail(fmt::format("the line is {} bytes long, over the limit of {}; split it or raise --max-field", line.size(),
                         m_max_line_bytes));
    }
    if (m_line == 1 && line.starts_with("\xef\xbb\xbf")) line.erase(0, 3);  // byte-order mark
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return validated(std::move(line));
}

std::string TextInput::validated(std::string line) {
    std::string out;
    bool changed = false;
    for (std::size_t i = 0; i < line.size();) {
        std::size_t length = utf8_sequence(line, i);
        if (length > 0) {
            if (changed) out.append(line, i, length);
            i += length;
            continue;
        }
        if (!m_lenient) {
            std::uint64_t offset = m_offset - line.size() - (m_in.eof() ? 0 : 1) + i;
            fail(
                fmt::format("invalid UTF-8 at byte {} (0x{:02x}); save the file as UTF-8, or pass --lenient to "
                            "replace such bytes",
                            offset, static_cast<unsigned char>(line[i])));
        }
        if (!changed) {
            out.assign(line, 0, i);
            changed = true;
        }
        out += "\xef\xbf\xbd";  // U+FFFD REPLACEMENT CHARACTER
        ++m_replaced;
        ++i;
    }
    return changed ? out : line;
}

}  // namespace rolecall
