#include "rolecall/import/html_text.hpp"

#include "rolecall/text/text_utils.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

// One pass over the input, left to right, with no recursion: nesting only moves counters and short
// stacks (lists, tables), every search starts where the last one ended or ends the conversion, so the
// time is linear in the input whatever it holds.
namespace rolecall::import {

namespace {

constexpr std::size_t npos = std::string_view::npos;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_lower(std::string_view text, std::string_view lower_name) {
    if (text.size() != lower_name.size()) return false;
    for (std::size_t k = 0; k < text.size(); ++k) {
        if (lower(text[k]) != lower_name[k]) return false;
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

// ---- Character references: &amp; &#233; &#xE9;

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

struct Reference {
    char32_t code_point = 0;
    std::size_t length = 0;  // 0: no reference here, the '&' is text
};

// The character reference at text[i] == '&'. A named one needs its ';' and a name HTML 4 knows;
// anything else is no reference and stays as written ("AT&T", "&bogus;").
Reference character_reference(std::string_view text, std::size_t i) {
    std::size_t j = i + 1;
    if (j < text.size() && text[j] == '#') {
        ++j;
        const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
        if (hex) ++j;
        const std::size_t digits = j;
        char32_t cp = 0;
        for (; j < text.size(); ++j) {
            const char c = lower(text[j]);
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

bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp < 0xa0); }

// An attribute's value as text: references decoded, white space and no-break spaces as plain spaces,
// control characters left out.
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

// ---- Tags

enum class Kind {
    other,       // inline (b, span, a, ...) or unknown: the tag goes, its text stays
    block,       // a line of its own: div, p, h1, blockquote, hr, ...
    line_break,  // br
    cell,        // td, th
    row,         // tr
    table,
    list,       // ul, ol, menu, dir
    list_item,  // li
    pre,
    image,
    ruby,
    ruby_base,   // rb
    ruby_text,   // rt
    ruby_paren,  // rp: the parentheses shown where ruby is not
    raw_hidden,  // script, style, title, ...: their contents are no text
    template_,
    head,
    body,
};

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

// The elements a document's head holds; any other tag there starts the body, as in a browser.
bool belongs_in_head(std::string_view name) {
    static constexpr std::array<std::string_view, 10> names = {"base",     "basefont", "bgsound", "link",     "meta",
                                                               "noscript", "script",   "style",   "template", "title"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

struct Tag {
    std::string name;            // lower case; longer names than any known one are cut (and stay unknown)
    std::string_view full_name;  // as written, however long
    bool closing = false;
    bool hidden = false;     // has the boolean attribute "hidden" (with any value, or none)
    std::string_view src;    // img src, as written
    std::string_view start;  // ol start, as written
    std::string_view style;  // the style attribute, as written
    std::size_t end = 0;     // just past the '>'
};

// The tag at html[i] == '<' (followed by a letter, or by '/' and a letter); nullopt when no '>' ends
// it. A quoted attribute value may hold '>'; a quote that never closes ends at the next '>'.
std::optional<Tag> read_tag(std::string_view html, std::size_t i) {
    Tag tag;
    std::size_t j = i + 1;
    if (html[j] == '/') {
        tag.closing = true;
        ++j;
    }
    const std::size_t tag_name_start = j;
    for (; j < html.size() && !is_space(html[j]) && html[j] != '/' && html[j] != '>'; ++j) {
        if (tag.name.size() <= 12) tag.name.push_back(lower(html[j]));
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

// Elements that have no contents and no end tag: a hidden one hides only itself.
bool is_void(std::string_view name) {
    static constexpr std::array<std::string_view, 18> names = {
        "area", "base",  "basefont", "bgsound", "br",   "col",   "embed",  "frame", "hr",
        "img",  "input", "keygen",   "link",    "meta", "param", "source", "track", "wbr"};
    return std::find(names.begin(), names.end(), name) != names.end();
}

// How an element is hidden: not at all, with no box (display: none, the hidden attribute), or with
// its box kept, empty (visibility: hidden), so that a block is still a line of its own.
enum class Hiding { none, display, visibility };

// How a start tag's hidden attribute and inline style hide its element and its contents: "display:
// none", or "visibility: hidden" (or collapse), in any case and spacing, among other declarations. As
// in CSS, the last declaration of a property counts, unless an earlier one is !important and it is
// not; a display set in the style overrides the hidden attribute, as author CSS does.
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
        css.push_back(lower(style[k]));
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

// Whether an image's src names a stylesheet or a script, as jp-mining-note's template embeds
// `<img src="_field.css">` to make Anki ship the file: no image a learner sees.
bool is_stylesheet_or_script(std::string_view src) {
    const std::string_view path = src.substr(0, src.find_first_of("?#"));
    auto ends_with = [&](std::string_view suffix) {
        return path.size() >= suffix.size() && equals_lower(path.substr(path.size() - suffix.size()), suffix);
    };
    return ends_with(".css") || ends_with(".js");
}

// Just past the end tag "</name" that closes a raw text element (script, style, ...) whose start
// tag ended at `from`; the end of the input when it is not closed.
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

// <ol start="N">: the first number, 1 without one.
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

// ---- Output

// The text as lines: white space collapsed as a browser does, block boundaries as one line break,
// <br> as a line break of its own, at most one blank line in a row (none in <pre>).
class Lines {
public:
    // A byte of visible text.
    void put(char c) {
        flush_space();
        m_text.push_back(c);
        m_newlines = 0;
        m_kept_space = c == ' ';
        m_visible = m_visible || c != ' ';
    }
    void put(std::string_view text) {
        for (char c : text) put(c);
    }
    // Collapsible white space: one space between words, none at the start or end of a line.
    void space() { m_pending_space = true; }
    // A space that stays (&nbsp;), and white space inside <pre>.
    void kept_space() {
        put(' ');
        m_kept_space = true;
    }
    void pre_white_space(char c) {
        m_indent_kept = m_indent_kept || !m_visible;
        if (c != '\n') {
            put(c == '\t' ? '\t' : ' ');
            m_kept_space = true;
            return;
        }
        m_pending_space = false;
        m_text.push_back('\n');
        ++m_newlines;
    }
    void line_break() {
        m_pending_space = false;
        if (m_newlines >= 2) return;
        m_text.push_back('\n');
        ++m_newlines;
    }
    void block_boundary() {
        m_pending_space = false;
        if (!line_empty()) line_break();
    }
    // Starts a list item's line with `marker` ("- ", "2. "), after `indent` spaces.
    void list_marker(std::size_t indent, std::string_view marker) {
        if (!m_text.empty() && m_text.size() == m_marker_end) line_break();  // the last item was empty
        block_boundary();
        m_text.append(indent, ' ');
        m_text += marker;
        m_newlines = 0;
        m_kept_space = false;
        m_marker_end = m_text.size();
    }
    // Between table cells: " | ", unless a line break came first.
    void cell_separator() {
        m_pending_space = false;
        if (line_empty()) return;
        put(" |");
        m_pending_space = true;
    }
    // True at the start of a line (or of a list item's text).
    bool line_empty() const { return m_text.empty() || m_newlines > 0 || m_text.size() == m_marker_end; }
    std::size_t size() const { return m_text.size(); }
    // The lines without blank ones at either end, nor spaces at the end; the first line keeps its
    // indent only when it came from <pre>.
    std::string finish() const {
        const std::string_view text = trim(m_text);
        if (text.empty() || !m_indent_kept) return std::string(text);
        const std::size_t first_line = m_text.rfind('\n', static_cast<std::size_t>(text.data() - m_text.data()));
        const std::size_t start = first_line == npos ? 0 : first_line + 1;
        return m_text.substr(start, static_cast<std::size_t>(text.data() - m_text.data()) + text.size() - start);
    }

private:
    void flush_space() {
        if (!m_pending_space) return;
        m_pending_space = false;
        if (!line_empty() && (m_text.back() != ' ' || m_kept_space)) {
            m_text.push_back(' ');
            m_kept_space = false;
        }
    }

    std::string m_text;
    bool m_pending_space = false;
    bool m_kept_space = false;   // m_text ends with a space that a collapsible one does not replace
    bool m_visible = false;      // m_text holds more than spaces and line breaks
    bool m_indent_kept = false;  // <pre> white space came before any visible text
    int m_newlines = 0;          // line breaks at the end of m_text
    std::size_t m_marker_end = npos;
};

// A <ruby> element, gathered until it ends: its bases and their readings, in Anki's notation.
class Ruby {
public:
    enum class Part { none, base, reading, paren };

    void put(char c) {
        if (m_part == Part::paren) return;
        if (m_part == Part::none) start(Part::base);  // text outside <rb> is a base too
        m_parts.back().second.push_back(c);
    }
    void space() {
        if (m_part != Part::base && m_part != Part::reading) return;
        std::string& text = m_parts.back().second;
        if (!text.empty() && text.back() != ' ') text.push_back(' ');
    }
    void start(Part part) {
        m_part = part;
        if (part == Part::base || part == Part::reading) m_parts.emplace_back(part == Part::reading, std::string());
    }
    void end() { m_part = Part::none; }
    bool hides_text() const { return m_part == Part::paren; }

    // "漢[かん]字[じ]": each base with its reading in brackets. Bases and readings pair in order,
    // whether they alternate (漢<rt>かん</rt>字<rt>じ</rt>) or come in runs (<rb>漢</rb><rb>字</rb>
    // <rt>かん</rt><rt>じ</rt>); runs of unequal length share one reading.
    std::string notation(bool& has_reading) const {
        std::string out;
        std::vector<std::string_view> bases, readings;
        auto flush = [&] {
            if (!readings.empty()) has_reading = true;
            if (bases.size() == readings.size()) {
                for (std::size_t k = 0; k < bases.size(); ++k) {
                    out += bases[k];
                    out += '[';
                    out += readings[k];
                    out += ']';
                }
            } else {
                for (auto base : bases) out += base;
                if (!readings.empty()) out += '[';
                for (auto reading : readings) out += reading;
                if (!readings.empty()) out += ']';
            }
            bases.clear();
            readings.clear();
        };
        for (const auto& [is_reading, raw] : m_parts) {
            const std::string_view text = trim(raw);
            if (text.empty()) continue;
            if (!is_reading && !readings.empty()) flush();
            (is_reading ? readings : bases).push_back(text);
        }
        flush();
        return out;
    }

private:
    Part m_part = Part::none;
    std::vector<std::pair<bool, std::string>> m_parts;  // (a reading?, text)
};

class Converter {
public:
    explicit Converter(std::string_view html) : m_html(html) {}

    std::string run() {
        const std::string_view html = m_html;
        std::size_t i = 0;
        while (i < html.size()) {
            const char c = html[i];
            if (m_after_pre_tag) {
                m_after_pre_tag = false;
                if (c == '\n') {  // a line break right after <pre> is not part of its text
                    ++i;
                    continue;
                }
            }
            if (c == '<' && !m_tags_ended) {
                i = markup(i);
            } else if (c == '&') {
                const Reference reference = character_reference(html, i);
                if (reference.length > 0) {
                    code_point(reference.code_point);
                    i += reference.length;
                } else {
                    put('&');
                    ++i;
                }
            } else if (is_space(c)) {
                white_space(c);
                ++i;
            } else if (c == '[' && html.substr(i, 7) == "[sound:") {
                for (char s : std::string_view("[sound: ")) put(s);
                i += 7;
            } else {
                put(c);
                ++i;
            }
        }
        m_hidden_depth = 0;  // an element hidden to the end hides no ruby that started before it
        end_ruby();
        return m_lines.finish();
    }

private:
    bool hidden() const {
        return m_template_depth > 0 || m_hidden_depth > 0 || m_in_head || (m_ruby && m_ruby->hides_text());
    }

    void put(char c) {
        if (hidden()) return;
        if (m_ruby) return m_ruby->put(c);
        m_lines.put(c);
    }

    void white_space(char c) {
        if (hidden()) return;
        if (m_ruby) return m_ruby->space();
        if (m_pre_depth > 0) return m_lines.pre_white_space(c);
        m_lines.space();
    }

    void code_point(char32_t cp) {
        if (cp == 0xa0) {  // &nbsp; is a space that stays
            if (hidden()) return;
            if (m_ruby) return m_ruby->put(' ');
            return m_lines.kept_space();
        }
        if (cp < 0x80 && is_space(static_cast<char>(cp))) return white_space(static_cast<char>(cp));
        if (is_control(cp)) return;
        std::string bytes;
        append_utf8(bytes, cp);
        for (char b : bytes) put(b);
    }

    // Everything that starts with '<': a tag, a comment, a doctype, or a '<' that is text.
    std::size_t markup(std::size_t i) {
        const std::string_view html = m_html;
        const char next = i + 1 < html.size() ? html[i + 1] : '\0';
        if (is_alpha(next) || (next == '/' && i + 2 < html.size() && is_alpha(html[i + 2]))) {
            const std::optional<Tag> tag = read_tag(html, i);
            if (!tag) return text_from_here(i);
            element(*tag);
            if (!tag->closing && kind_of(tag->name) == Kind::raw_hidden)
                return after_end_tag(html, tag->end, tag->name);
            return tag->end;
        }
        if (html.substr(i, 4) == "<!--") {  // a comment, to "-->" (or the end: browsers hide the rest too)
            if (html.substr(i + 4, 1) == ">") return i + 5;
            if (html.substr(i + 4, 2) == "->") return i + 6;
            const std::size_t end = html.find("-->", i + 4);
            return end == npos ? html.size() : end + 3;
        }
        if (next == '!' || next == '?' || next == '/') {  // <!DOCTYPE ...>, <?xml ...?>, </>
            const std::size_t end = html.find('>', i + 2);
            return end == npos ? text_from_here(i) : end + 1;
        }
        put('<');  // "1 < 2"
        return i + 1;
    }

    // No '>' follows: the rest is text, '<' included.
    std::size_t text_from_here(std::size_t i) {
        m_tags_ended = true;
        put('<');
        return i + 1;
    }

    void element(const Tag& tag) {
        const Kind kind = kind_of(tag.name);
        if (m_hidden_depth > 0) {  // inside a hidden element, only its own end tag matters
            const HiddenEnd end = hidden_end(tag, kind);
            if (end == HiddenEnd::no) return;
            m_hidden_depth = 0;
            if (m_hidden_keeps_line) m_lines.block_boundary();
            if (end == HiddenEnd::at_tag) return;
        }
        if (kind == Kind::template_) {
            if (!tag.closing) {
                ++m_template_depth;
            } else if (m_template_depth > 0) {
                --m_template_depth;
            }
            return;
        }
        if (m_template_depth > 0) return;
        if (kind == Kind::head || kind == Kind::body) {
            m_in_head = kind == Kind::head && !tag.closing;
            return;
        }
        if (m_in_head) {
            if (tag.closing || belongs_in_head(tag.name)) return;
            m_in_head = false;  // a tag of the body: the head ended without its end tag
        }
        // display: none, visibility: hidden or the hidden attribute: the element and all it holds
        // are left out, to its end tag (counting those of the same name nested in it), or to the
        // end. A hidden void element (<img>, <br>) hides only itself; script and style are dropped
        // anyway.
        const Hiding hiding = tag.closing || kind == Kind::raw_hidden ? Hiding::none : hiding_of(tag.style, tag.hidden);
        if (hiding != Hiding::none) {
            // visibility: hidden keeps the box: a block (or a <br>) still parts lines
            const bool keeps_line =
                hiding == Hiding::visibility && (kind == Kind::block || kind == Kind::list || kind == Kind::table ||
                                                 kind == Kind::pre || kind == Kind::line_break);
            if (keeps_line && kind == Kind::line_break) m_lines.line_break();
            if (keeps_line && kind != Kind::line_break) m_lines.block_boundary();
            if (!is_void(tag.name)) {
                m_hidden_lists = 0;
                m_hidden_name.clear();
                for (char c : tag.full_name) m_hidden_name.push_back(lower(c));
                m_hidden_depth = 1;
                m_hidden_keeps_line = keeps_line;
            }
            return;
        }
        switch (kind) {
            case Kind::ruby:
                if (!tag.closing && !m_ruby) m_ruby.emplace();
                if (tag.closing) end_ruby();
                return;
            case Kind::ruby_base:
            case Kind::ruby_text:
            case Kind::ruby_paren:
                if (!m_ruby) return;
                if (tag.closing) return m_ruby->end();
                return m_ruby->start(kind == Kind::ruby_base   ? Ruby::Part::base
                                     : kind == Kind::ruby_text ? Ruby::Part::reading
                                                               : Ruby::Part::paren);
            case Kind::image:
                if (!tag.closing) image(tag.src);
                return;
            case Kind::other:
            case Kind::raw_hidden: break;
            default:
                end_ruby();  // a line ends a ruby left open
                break;
        }
        switch (kind) {
            case Kind::block: m_lines.block_boundary(); break;
            case Kind::line_break: m_lines.line_break(); break;
            case Kind::pre:
                m_lines.block_boundary();
                if (!tag.closing) {
                    ++m_pre_depth;
                    m_after_pre_tag = true;
                } else if (m_pre_depth > 0) {
                    --m_pre_depth;
                }
                break;
            case Kind::list:
                m_lines.block_boundary();
                if (!tag.closing) {
                    m_lists.push_back(tag.name == "ol" ? ordered_list_start(tag.start) : unordered);
                } else if (!m_lists.empty()) {
                    m_lists.pop_back();
                }
                break;
            case Kind::list_item:
                if (tag.closing) {
                    m_lines.block_boundary();
                } else {
                    list_item();
                }
                break;
            case Kind::table:
                m_lines.block_boundary();
                if (!tag.closing) {
                    m_cells.push_back(0);
                } else if (!m_cells.empty()) {
                    m_cells.pop_back();
                }
                break;
            case Kind::row:
                m_lines.block_boundary();
                cells_in_row() = 0;
                break;
            case Kind::cell:
                if (!tag.closing && cells_in_row()++ > 0) m_lines.cell_separator();
                break;
            default: break;
        }
    }

    enum class HiddenEnd { no, at_tag, before_tag };

    // Whether `tag` ends the hidden element: its end tag, once the elements of the same name nested in
    // it are closed. A <p> or <li> also ends without its end tag, as in a browser, before a tag that
    // then counts as one of its own: a block starting ends a p; the next item, or the end of the list,
    // ends an li (not the items of a list nested in it, whose end tags may be left out too).
    HiddenEnd hidden_end(const Tag& tag, Kind kind) {
        if (m_hidden_name == "li") {
            if (kind == Kind::list) {
                if (!tag.closing) {
                    ++m_hidden_lists;
                    return HiddenEnd::no;
                }
                if (m_hidden_lists == 0) return HiddenEnd::before_tag;
                --m_hidden_lists;
                return HiddenEnd::no;
            }
            if (kind != Kind::list_item || m_hidden_lists > 0) return HiddenEnd::no;
            return tag.closing ? HiddenEnd::at_tag : HiddenEnd::before_tag;
        }
        if (m_hidden_name == "p" && !tag.closing &&
            (kind == Kind::block || kind == Kind::list || kind == Kind::list_item || kind == Kind::table ||
             kind == Kind::pre)) {
            return HiddenEnd::before_tag;
        }
        if (!equals_lower(tag.full_name, m_hidden_name)) return HiddenEnd::no;
        m_hidden_depth += tag.closing ? -1 : 1;
        return m_hidden_depth == 0 ? HiddenEnd::at_tag : HiddenEnd::no;
    }

    // "- " for an item of a bulleted list, "3. " in a numbered one; nested lists indent two spaces a
    // level (up to 8 levels, so that the output stays linear in the input).
    void list_item() {
        if (m_lists.empty()) return m_lines.list_marker(0, "- ");
        const std::size_t indent = 2 * (std::min<std::size_t>(m_lists.size(), 8) - 1);
        int& next = m_lists.back();
        if (next == unordered) return m_lines.list_marker(indent, "- ");
        m_lines.list_marker(indent, std::to_string(next) + ". ");
        if (next < 1000000) ++next;
    }

    int& cells_in_row() { return m_cells.empty() ? m_cells_outside_table : m_cells.back(); }

    void image(std::string_view src) {
        const std::string name = attribute_text(src);
        if (name.empty() || is_stylesheet_or_script(name)) return;
        for (char c : "[image: " + name + "]") put(c);
    }

    // Writes a ruby that ended: "騒[さわ]". A space goes before it when text is right before, as in
    // Anki's notation, where a reading belongs to the characters back to the last space.
    void end_ruby() {
        if (!m_ruby) return;
        const Ruby ruby = std::move(*m_ruby);
        m_ruby.reset();
        bool has_reading = false;
        const std::string text = ruby.notation(has_reading);
        if (text.empty() || hidden()) return;
        if (has_reading && m_lines.size() != m_ruby_end) m_lines.space();
        for (char c : text) {
            if (c == ' ') {
                m_lines.space();
            } else {
                m_lines.put(c);
            }
        }
        if (has_reading) m_ruby_end = m_lines.size();
    }

    static constexpr int unordered = -2000000;

    std::string_view m_html;
    Lines m_lines;
    std::vector<int> m_lists;  // per open list: the next number, or `unordered`
    std::vector<int> m_cells;  // per open table: the cells so far in its row
    int m_cells_outside_table = 0;
    std::optional<Ruby> m_ruby;
    std::size_t m_ruby_end = npos;  // the text's size when the last ruby ended
    int m_pre_depth = 0;
    int m_template_depth = 0;
    std::string m_hidden_name;         // of the hidden element being left out, lower case
    int m_hidden_depth = 0;            // its elements of that name open, itself included
    int m_hidden_lists = 0;            // lists opened in a hidden <li>, and not closed
    bool m_hidden_keeps_line = false;  // it is a block hidden by visibility: a line of its own
    bool m_in_head = false;
    bool m_after_pre_tag = false;
    bool m_tags_ended = false;  // a tag was never closed: the rest is text
};

// The input with no control characters but tab and line feed, and CR and CRLF as LF.
std::string clean_input(std::string_view html) {
    if (html.find('\r') == npos) return printable_only(html);
    std::string lf;
    lf.reserve(html.size());
    for (std::size_t i = 0; i < html.size(); ++i) {
        if (html[i] != '\r') {
            lf.push_back(html[i]);
        } else if (i + 1 >= html.size() || html[i + 1] != '\n') {
            lf.push_back('\n');
        }
    }
    return printable_only(lf);
}

}  // namespace

std::string html_to_text(std::string_view html) {
    const std::string input = clean_input(html);
    return Converter(input).run();
}

}  // namespace rolecall::import
