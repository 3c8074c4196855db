#include "rolecall/import/html_text.hpp"

#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>

namespace rolecall::import {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view text) {
    std::string out;
    for (char c : text) out.push_back(lower(c));
    return out;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
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

struct Entity {
    std::string_view name;
    std::uint32_t code_point;
};

constexpr std::array<Entity, 16> entities = {{{"amp", '&'},
                                              {"lt", '<'},
                                              {"gt", '>'},
                                              {"quot", '"'},
                                              {"apos", '\''},
                                              {"nbsp", ' '},
                                              {"ndash", 0x2013},
                                              {"mdash", 0x2014},
                                              {"hellip", 0x2026},
                                              {"lsquo", 0x2018},
                                              {"rsquo", 0x2019},
                                              {"ldquo", 0x201c},
                                              {"rdquo", 0x201d},
                                              {"copy", 0xa9},
                                              {"eacute", 0xe9},
                                              {"times", 0xd7}}};

// Decodes the entity at text[i] == '&'; returns the characters consumed (0 when it is no entity).
std::size_t decode_entity(std::string_view text, std::size_t i, std::string& out) {
    std::size_t semicolon = text.find(';', i);
    if (semicolon == std::string_view::npos || semicolon - i > 10) return 0;
    std::string_view name = text.substr(i + 1, semicolon - i - 1);
    if (name.size() >= 2 && name[0] == '#') {
        bool hex = name[1] == 'x' || name[1] == 'X';
        std::string_view digits = name.substr(hex ? 2 : 1);
        if (digits.empty()) return 0;
        std::uint32_t cp = 0;
        for (char c : digits) {
            int value = (c >= '0' && c <= '9')                        ? c - '0'
                        : (hex && lower(c) >= 'a' && lower(c) <= 'f') ? lower(c) - 'a' + 10
                                                                      : -1;
            if (value < 0) return 0;
            cp = cp * (hex ? 16U : 10U) + static_cast<std::uint32_t>(value);
            if (cp > 0x10ffff) cp = 0x110000;
        }
        append_utf8(out, cp);
        return semicolon - i + 1;
    }
    for (const auto& entity : entities) {
        if (entity.name == name) {
            append_utf8(out, entity.code_point);
            return semicolon - i + 1;
        }
    }
    return 0;
}

// The value of attribute `name` in a tag's text ("img src=\"a.png\""), or empty.
std::string attribute(std::string_view tag, std::string_view name) {
    std::string lower_tag = lowercase(tag);
    std::size_t pos = 0;
    while ((pos = lower_tag.find(name, pos)) != std::string::npos) {
        std::size_t after = pos + name.size();
        bool starts_word =
            pos > 0 && (lower_tag[pos - 1] == ' ' || lower_tag[pos - 1] == '\t' || lower_tag[pos - 1] == '\n');
        while (after < tag.size() && tag[after] == ' ') ++after;
        if (!starts_word || after >= tag.size() || tag[after] != '=') {
            pos = after;
            continue;
        }
        ++after;
        while (after < tag.size() && tag[after] == ' ') ++after;
        if (after >= tag.size()) return "";
        char quote = tag[after];
        if (quote == '"' || quote == '\'') {
            std::size_t end = tag.find(quote, after + 1);
            return std::string(
                tag.substr(after + 1, end == std::string_view::npos ? std::string_view::npos : end - after - 1));
        }
        std::size_t end = tag.find_first_of(" \t\n>/", after);
        return std::string(tag.substr(after, end == std::string_view::npos ? std::string_view::npos : end - after));
    }
    return "";
}

bool is_block_end(const std::string& tag_name) {
    static constexpr std::array<std::string_view, 14> blocks = {
        "br", "/div", "/p", "/li", "/tr", "/h1", "/h2", "/h3", "/h4", "/h5", "/h6", "/ul", "/ol", "/blockquote"};
    for (auto block : blocks) {
        if (tag_name == block) return true;
    }
    return false;
}

}  // namespace

std::string html_to_text(std::string_view html) {
    std::string out;
    std::size_t i = 0;
    // Without a tag, an entity or a [sound:...] there is nothing to convert: only the tidying below.
    if (html.find_first_of("<&[") == std::string_view::npos) i = html.size(), out.assign(html);
    while (i < html.size()) {
        char c = html[i];
        if (c == '<') {
            std::size_t end = html.find('>', i);
            if (end == std::string_view::npos) {
                out.append(html.substr(i));
                break;
            }
            std::string_view tag = html.substr(i + 1, end - i - 1);
            std::size_t name_end = tag.find_first_of(" \t\n/>");
            if (name_end == 0 && !tag.empty() && tag[0] == '/') name_end = tag.find_first_of(" \t\n>", 1);
            std::string name = lowercase(tag.substr(0, name_end));
            if (name == "img") {
                std::string src = attribute(tag, "src");
                if (!src.empty()) out += "[image: " + src + "]";
            } else if (name == "li") {
                out += "- ";
            } else if (is_block_end(name) || name == "br/") {
                out += '\n';
            }
            i = end + 1;
        } else if (c == '&') {
            std::size_t used = decode_entity(html, i, out);
            if (used == 0) {
                out.push_back('&');
                ++i;
            } else {
                i += used;
            }
        } else if (html.substr(i).starts_with("[sound:")) {
            std::size_t end = html.find(']', i);
            if (end == std::string_view::npos) {
                out.append(html.substr(i));
                break;
            }
            out += "[sound: " + std::string(html.substr(i + 7, end - i - 7)) + "]";
            i = end + 1;
        } else {
            out.push_back(c);
            ++i;
        }
    }
    // No more than one blank line in a row, and none at either end.
    std::string tidy;
    int newlines = 0;
    for (char ch : printable_only(out)) {
        if (ch == '\n') {
            if (++newlines > 2) continue;
        } else {
            newlines = 0;
        }
        tidy.push_back(ch);
    }
    return std::string(trim(tidy));
}

}  // namespace rolecall::import
