// HTML tags as the converter needs them: their kind, the attributes that change the text (src,
// start, style, hidden), and whether an inline style hides the element.
#include "html_markup.hpp"

#include "rolecall/text/text_utils.hpp"

#include <algorithm>
#include <array>

namespace rolecall::import::html {

Kind kind_of(std::string_view name) {
    // The elements that are lines of their own: each starts one and ends one.
    static constexpr std::array<std::string_view, 35> blocks = {
        "address", "article", "aside", "blockquote", "caption",    "center", "dd",     "details", "dialog",
        "div",     "dl",      "dt",    "fieldset",   "figcaption", "figure", "footer", "form",    "h1",
        "h2",      "h3",      "h4",    "h5",         "h6",         "header", "hgroup", "hr",      "legend",
        "main",    "nav",     "p",     "section",    "summary",    "tbody",  "tfoot",  "thead"};
    static_assert(std::is_sorted(blocks.begin(), blocks.end()));
    // Those whose contents are not shown (script, style) or not in a browser that runs scripts, and
    // buttons: a card template's controls ("Translate", "Show hint") do nothing on a terminal.
    static constexpr std::array<std::string_view, 8> raw_hidden = {"button",   "iframe", "noembed", "noframes",
                                                                   "noscript", "script", "style",   "title"};
    static_assert(std::is_sorted(raw_hidden.begin(), raw_hidden.end()));
    if (std::binary_search(blocks.begin(), blocks.end(), name)) return Kind::block;
    if (std::binary_search(raw_hidden.begin(), raw_hidden.end(), name)) return Kind::raw_hidden;
    if (name == "br") return Kind::line_break;
    if (name == "td" || name == "th") return Kind::cell;
    if (name == "tr") return Kind::row;
    if (name == "table") return Kind::table;
    if (name == "ul" || name == "ol" || name == "menu" || name == "dir") return Kind::list;
    if (name == "li") return Kind::list_item;
    if (name == "pre") return Kind::pre;
    if (name == "img") return Kind::image;
    if (name == "ruby") return Kind::ruby;
    if (name == "rb") return Kind::ruby_base;
    if (name == "rt") return Kind::ruby_text;
    if (name == "rp") return Kind::ruby_paren;
    if (name == "template") return Kind::template_;
    if (name == "head") return Kind::head;
    if (name == "body") return Kind::body;
    return Kind::other;
}

bool belongs_in_head(std::string_view name) {
    static constexpr std::array<std::string_view, 10> names = {"base",     "basefont", "bgsound", "link",     "meta",
                                                               "noscript", "script",   "style",   "template", "title"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::optional<Tag> read_tag(std::string_view html, std::size_t i) {
    Tag tag;
    std::size_t j = i + 1;
    if (html[j] == '/') {
        tag.closing = true;
        ++j;
    }
    const std::size_t tag_name_start = j;
    for (; j < html.size() && !is_space(html[j]) && html[j] != '/' && html[j] != '>'; ++j) {
        if (tag.name.size() <= 12) tag.name.push_back(ascii_lower(html[j]));
    }
    tag.full_name = html.substr(tag_name_start, j - tag_name_start);
    bool have_src = false, have_start = false, have_style = false;
    while (j < html.size()) {
        if (is_space(html[j]) || html[j] == '/') {
            ++j;
            continue;
        }
        if (html[j] == '>') {
            tag.end = j + 1;
            return tag;
        }
        const std::size_t name_start = j++;  // an attribute's name may start with '='
        while (j < html.size() && !is_space(html[j]) && html[j] != '/' && html[j] != '>' && html[j] != '=') ++j;
        const std::string_view name = html.substr(name_start, j - name_start);
        if (equals_lower(name, "hidden")) tag.hidden = true;
        while (j < html.size() && is_space(html[j])) ++j;
        if (j >= html.size() || html[j] != '=') continue;
        ++j;
        while (j < html.size() && is_space(html[j])) ++j;
        if (j >= html.size()) break;
        std::string_view value;
        if (html[j] == '"' || html[j] == '\'') {
            std::size_t close = html.find(html[j], j + 1);
            if (close == npos) close = html.find('>', j + 1);
            if (close == npos) break;
            value = html.substr(j + 1, close - j - 1);
            j = html[close] == '>' ? close : close + 1;
        } else {
            const std::size_t value_start = j;
            while (j < html.size() && !is_space(html[j]) && html[j] != '>') ++j;
            value = html.substr(value_start, j - value_start);
        }
        if (!have_src && equals_lower(name, "src")) {  // the first one counts, as in a browser
            have_src = true;
            tag.src = value;
        } else if (!have_start && equals_lower(name, "start")) {
            have_start = true;
            tag.start = value;
        } else if (!have_style && equals_lower(name, "style")) {
            have_style = true;
            tag.style = value;
        }
    }
    return std::nullopt;
}

bool is_void(std::string_view name) {
    static constexpr std::array<std::string_view, 18> names = {
        "area", "base",  "basefont", "bgsound", "br",   "col",   "embed",  "frame", "hr",
        "img",  "input", "keygen",   "link",    "meta", "param", "source", "track", "wbr"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

Hiding hiding_of(std::string_view style_value, bool hidden_attribute) {
    const std::string style = attribute_text(style_value);
    std::string css;  // lower case, comments left out
    for (std::size_t k = 0; k < style.size(); ++k) {
        if (style.compare(k, 2, "/*") == 0) {
            const std::size_t end = style.find("*/", k + 2);
            if (end == npos) break;
            css.push_back(' ');
            k = end + 1;
            continue;
        }
        css.push_back(ascii_lower(style[k]));
    }
    struct Property {
        bool set = false;
        bool hides = false;
        bool important = false;
    } display, visibility;
    std::size_t start = 0;
    while (start <= css.size()) {
        std::size_t end = css.find(';', start);
        if (end == npos) end = css.size();
        const std::string_view declaration = std::string_view(css).substr(start, end - start);
        start = end + 1;
        const std::size_t colon = declaration.find(':');
        if (colon == npos) continue;
        const std::string_view property = trim(declaration.substr(0, colon));
        std::string_view value = trim(declaration.substr(colon + 1));
        bool important = false;
        if (const std::size_t bang = value.find('!'); bang != npos) {
            if (trim(value.substr(bang + 1)) != "important") continue;  // not valid CSS: ignored
            important = true;
            value = trim(value.substr(0, bang));
        }
        Property* target = property == "display" ? &display : property == "visibility" ? &visibility : nullptr;
        if (!target || (target->important && !important)) continue;
        target->hides = property == "display" ? value == "none" : (value == "hidden" || value == "collapse");
        target->important = important;
        target->set = true;
    }
    if (display.hides || (hidden_attribute && !display.set)) return Hiding::display;
    return visibility.hides ? Hiding::visibility : Hiding::none;
}

bool is_stylesheet_or_script(std::string_view src) {
    const std::string_view path = src.substr(0, src.find_first_of("?#"));
    auto ends_with = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && equals_lower(path.substr(path.size() - suffix.size()), suffix);
    };
    return ends_with(".css") || ends_with(".js");
}

std::size_t after_end_tag(std::string_view html, std::size_t from, std::string_view name) {
    for (std::size_t i = html.find("</", from); i != npos; i = html.find("</", i + 2)) {
        const std::size_t after = i + 2 + name.size();
        if (after > html.size() || !equals_lower(html.substr(i + 2, name.size()), name)) continue;
        if (after < html.size() && !is_space(html[after]) && html[after] != '/' && html[after] != '>') continue;
        const std::size_t close = html.find('>', after);
        return close == npos ? html.size() : close + 1;
    }
    return html.size();
}

int ordered_list_start(std::string_view text) {
    std::string_view digits = trim(text);
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.remove_prefix(1);
    if (digits.empty() || !is_digit(digits[0])) return 1;
    int value = 0;
    for (std::size_t k = 0; k < digits.size() && is_digit(digits[k]); ++k) {
        value = std::min(value * 10 + (digits[k] - '0'), 1000000);
    }
    return negative ? -value : value;
}

}  // namespace rolecall::import::html
