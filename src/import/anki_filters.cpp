// Anki's field filters (text, furigana, kanji, kana) and its test of an empty field, after rslib's
// template_filters.rs and template.rs.
#include "anki_template_parts.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace rolecall::import::anki {

namespace {

constexpr std::size_t npos = std::string_view::npos;

}  // namespace

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
    if (text.size() - std::min(at, text.size()) < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (ascii_lower(text[at + i]) != prefix[i]) return false;
    }
    return true;
}

std::string strip_tags(std::string_view html) {
    std::string out;
    std::size_t pos = 0;
    while (pos < html.size()) {
        std::size_t open = html.find('<', pos);
        if (open == npos) break;
        std::size_t end = html.compare(open, 4, "<!--") == 0 ? html.find("-->", open + 4) : html.find('>', open);
        if (end == npos) break;  // no later tag can close either
        out.append(html.substr(pos, open - pos));
        pos = end + (html[end] == '>' ? 1 : 3);
    }
    out.append(html.substr(std::min(pos, html.size())));
    return out;
}

std::string ruby(std::string_view field, Ruby mode) {
    std::string text;
    for (std::size_t pos = 0; pos < field.size();) {
        if (field.compare(pos, 6, "&nbsp;") == 0) {
            text += ' ';
            pos += 6;
        } else {
            text += field[pos++];
        }
    }
    std::string out;
    std::size_t done = 0, close = npos, from = 0;
    bool close_known = false;
    while (true) {
        std::size_t open = text.find('[', from);
        if (open == npos) break;
        if (!close_known || (close != npos && close < open + 2)) {
            close = text.find(']', open + 2);
            close_known = true;
        }
        if (close == npos) break;
        std::size_t base = open;
        while (base > done && text[base - 1] != ' ' && text[base - 1] != '>') --base;
        if (base == open) {
            from = open + 1;
            continue;
        }
        const std::size_t start = base > done && text[base - 1] == ' ' ? base - 1 : base;
        std::string_view base_text = std::string_view(text).substr(base, open - base);
        std::string_view reading = std::string_view(text).substr(open + 1, close - open - 1);
        out.append(text, done, start - done);
        if (reading.starts_with("sound:")) {
            out.append(text, start, close + 1 - start);
        } else if (mode == Ruby::kanji) {
            out.append(base_text);
        } else if (mode == Ruby::kana) {
            out.append(reading);
        } else {
            out += fmt::format("<ruby><rb>{}</rb><rt>{}</rt></ruby>", base_text, reading);
        }
        done = from = close + 1;
    }
    out.append(text, std::min(done, text.size()));
    return out;
}

bool field_is_empty(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        if (text[i] != '<') return false;
        std::size_t j = i + 1;
        if (j < text.size() && text[j] == '/') ++j;
        if (starts_with_nocase(text, j, "br")) {
            j += 2;
        } else if (starts_with_nocase(text, j, "div")) {
            j += 3;
        } else {
            return false;
        }
        if (j < text.size() && text[j] == ' ') ++j;
        if (j < text.size() && text[j] == '/') ++j;
        if (j >= text.size() || text[j] != '>') return false;
        i = j + 1;
    }
    return true;
}

}  // namespace rolecall::import::anki
