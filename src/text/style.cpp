#include "rolecall/text/style.hpp"

#include <cstdlib>
#include <string>

namespace rolecall {

Style Style::for_terminal(bool is_terminal) {
    const char* no_colour = std::getenv("NO_COLOR");
    bool suppressed = no_colour != nullptr && no_colour[0] != '\0';
    return Style(is_terminal && !suppressed, is_terminal && locale_is_utf8());
}

Style Style::for_output(bool is_terminal, bool force_colour, bool no_colour) {
    Style style = for_terminal(is_terminal);
    if (force_colour) style.m_colour = true;
    if (no_colour) style.m_colour = false;
    return style;
}

bool Style::locale_is_utf8() {
    // The first of LC_ALL, LC_CTYPE, LANG that is set decides the character set, as setlocale() would.
    std::string locale;
    for (const char* name : {"LC_ALL", "LC_CTYPE", "LANG"}) {
        const char* value = std::getenv(name);
        if (value != nullptr && value[0] != '\0') {
            locale = value;
            break;
        }
    }
    for (const char* tag : {"UTF-8", "utf8", "UTF8", "utf-8"}) {
        if (locale.find(tag) != std::string::npos) return true;
    }
    return false;
}

std::string Style::wrap(std::string_view code, std::string_view text) const {
    if (!m_colour) return std::string(text);
    std::string out = "\x1b[";
    out += code;
    out += 'm';
    out += text;
    out += "\x1b[0m";
    return out;
}

}  // namespace rolecall
