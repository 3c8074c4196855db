// Terminal styling: colour and emphasis only on a terminal, and never under NO_COLOR.
#pragma once

#include <string>
#include <string_view>

namespace rolecall {

class Style {
public:
    Style() = default;  // plain: no escape codes at all
    Style(bool colour, bool unicode) : m_colour(colour), m_unicode(unicode) {}

    // Colour when `is_terminal` and NO_COLOR is unset or empty (see no-color.org); symbols such as
    // check marks only on a terminal whose locale is UTF-8.
    static Style for_terminal(bool is_terminal);
    // The same, with the user's colour setting: "always" colours even a pipe, "never" nothing.
    static Style for_output(bool is_terminal, bool force_colour, bool no_colour);

    bool colour() const { return m_colour; }
    bool unicode() const { return m_unicode; }

    // Whether the locale's character set is UTF-8 (LC_ALL, else LC_CTYPE, else LANG).
    static bool locale_is_utf8();

    // A symbol, or its ASCII stand-in where the terminal may not show UTF-8.
    std::string_view symbol(std::string_view unicode, std::string_view ascii) const {
        return m_unicode ? unicode : ascii;
    }

    std::string bold(std::string_view text) const { return wrap("1", text); }
    std::string dim(std::string_view text) const { return wrap("2", text); }
    std::string good(std::string_view text) const { return wrap("1;32", text); }
    std::string bad(std::string_view text) const { return wrap("1;31", text); }
    std::string accent(std::string_view text) const { return wrap("36", text); }

private:
    std::string wrap(std::string_view code, std::string_view text) const;
    bool m_colour = false;
    bool m_unicode = false;
};

}  // namespace rolecall
