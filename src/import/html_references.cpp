// Character references (&amp; &#233; &#xE9;) in text and attribute values, as a browser reads them.
#include "html_markup.hpp"

#include "rolecall/text/text_utils.hpp"

#include <algorithm>
#include <array>

namespace rolecall::import::html {

namespace {

struct NamedEntity {
    std::string_view name;
    char32_t code_point;
};

#include "html_entities.inc"

static_assert(std::is_sorted(named_entities.begin(), named_entities.end(),
                             [](const NamedEntity& a, const NamedEntity& b) { return a.name < b.name; }));

constexpr std::size_t longest_entity_name =
    std::max_element(named_entities.begin(), named_entities.end(), [](const NamedEntity& a, const NamedEntity& b) {
        return a.name.size() < b.name.size();
    })->name.size();

// What a browser makes of a numeric reference: &#128; to &#159; are the Windows-1252 characters of
// those bytes (&#150; is an en dash), and 0, surrogates and numbers past Unicode are U+FFFD.
char32_t numeric_reference(char32_t cp) {
    static constexpr std::array<char32_t, 32> windows_1252 = {
        0x20ac, 0x81,   0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8d,   0x017d, 0x8f,   0x90,   0x2018, 0x2019, 0x201c, 0x201d, 0x2022,
        0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d,   0x017e, 0x0178};
    if (cp >= 0x80 && cp <= 0x9f) return windows_1252[cp - 0x80];
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0xfffd;
    return cp;
}

}  // namespace

bool equals_lower(std::string_view text, std::string_view lower_name) {
    if (text.size() != lower_name.size()) return false;
    for (std::size_t k = 0; k < text.size(); ++k) {
        if (ascii_lower(text[k]) != lower_name[k]) return false;
    }
    return true;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xc0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xe0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    } else {
        out.push_back(static_cast<char>(0xf0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3f)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3f)));
    }
}

Reference character_reference(std::string_view text, std::size_t i) {
    std::size_t j = i + 1;
    if (j < text.size() && text[j] == '#') {
        ++j;
        const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
        if (hex) ++j;
        const std::size_t digits = j;
        char32_t cp = 0;
        for (; j < text.size(); ++j) {
            const char c = ascii_lower(text[j]);
            const int value = is_digit(c) ? c - '0' : (hex && c >= 'a' && c <= 'f') ? c - 'a' + 10 : -1;
            if (value < 0) break;
            cp = std::min<char32_t>(cp * (hex ? 16U : 10U) + static_cast<char32_t>(value), 0x110000);
        }
        if (j == digits) return {};
        if (j < text.size() && text[j] == ';') ++j;  // browsers take "&#233 " too
        return {numeric_reference(cp), j - i};
    }
    const std::size_t start = j;
    while (j < text.size() && j - start <= longest_entity_name && (is_alpha(text[j]) || is_digit(text[j]))) ++j;
    if (j == start || j >= text.size() || text[j] != ';') return {};
    const std::string_view name = text.substr(start, j - start);
    auto found = std::lower_bound(named_entities.begin(), named_entities.end(), name,
                                  [](const NamedEntity& entity, std::string_view key) { return entity.name < key; });
    if (found == named_entities.end() || found->name != name) return {};
    return {found->code_point, j + 1 - i};
}

std::string attribute_text(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size();) {
        char32_t cp = static_cast<unsigned char>(value[i]);
        std::size_t length = 1;
        if (value[i] == '&') {
            if (const Reference reference = character_reference(value, i); reference.length > 0) {
                cp = reference.code_point;
                length = reference.length;
            }
        }
        if (length == 1 && cp >= 0x80) {  // a byte of a UTF-8 sequence: as it is, but U+00A0 is a space
            if (cp == 0xc2 && i + 1 < value.size() && static_cast<unsigned char>(value[i + 1]) == 0xa0) {
                out.push_back(' ');
                i += 2;
                continue;
            }
            out.push_back(value[i]);
        } else if (cp == 0xa0 || (cp < 0x80 && is_space(static_cast<char>(cp)))) {
            out.push_back(' ');
        } else if (!is_control(cp)) {
            append_utf8(out, cp);
        }
        i += length;
    }
    return std::string(trim(out));
}

}  // namespace rolecall::import::html
