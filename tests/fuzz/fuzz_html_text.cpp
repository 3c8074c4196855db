// libFuzzer target: import::html_to_text, one Anki field of HTML as an .apkg or an "#html:true" text
// file holds it. Besides not crashing, the text it makes must be safe and tidy for the terminal.
#include "rolecall/import/html_text.hpp"
#include "rolecall/text/text_utils.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80                   ? 1
                                   : lead >= 0xc2 && lead < 0xe0 ? 2
                                   : lead >= 0xe0 && lead < 0xf0 ? 3
                                   : lead >= 0xf0 && lead < 0xf5 ? 4
                                                                 : 0;
        if (length == 0 || i + length > text.size()) return false;
        for (std::size_t k = 1; k < length; ++k) {
            if ((static_cast<unsigned char>(text[i + k]) & 0xc0) != 0x80) return false;
        }
        i += length;
    }
    return true;
}

bool mentions_pre(std::string_view text) {
    for (std::size_t i = 0; i + 3 <= text.size(); ++i) {
        if ((text[i] | 0x20) == 'p' && (text[i + 1] | 0x20) == 'r' && (text[i + 2] | 0x20) == 'e') return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view html(reinterpret_cast<const char*>(data), size);
    const std::string text = rolecall::import::html_to_text(html);
    // Linear output: at most a few bytes per input byte (a list marker, " | ", "[sound: ").
    if (text.size() > 8 * size + 16) __builtin_trap();
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7f) __builtin_trap();  // no control characters
    }
    if (!text.empty()) {
        const char first = text.front(), last = text.back();
        if (first == '\n' || last == '\n' || last == ' ' || last == '\t') __builtin_trap();  // trimmed
    }
    // Blank lines come one at a time, except inside <pre> (looked for as the converter sees the input:
    // without control characters, so "<p\0re>" is a <pre> too).
    if (!mentions_pre(rolecall::printable_only(html)) && text.find("\n\n\n") != std::string::npos) __builtin_trap();
    // Valid UTF-8 in, valid UTF-8 out: references and cuts never split a character.
    if (valid_utf8(html) && !valid_utf8(text)) __builtin_trap();
    return 0;
}
