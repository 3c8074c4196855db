// The pieces of HTML that html_text.cpp's converter reads, apart from the converter itself:
// character references (html_references.cpp) and tags with the attributes that matter to the text
// (html_tags.cpp). Internal to the importer; every function is linear in what it reads.
#pragma once

#include "rolecall/text/text_utils.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace rolecall::import::html {

inline constexpr std::size_t npos = std::string_view::npos;

inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_control(char32_t cp) { return cp < 0x20 || (cp >= 0x7f && cp < 0xa0); }

// Whether `text` is `lower_name` in any case (ASCII).
bool equals_lower(std::string_view text, std::string_view lower_name);

void append_utf8(std::string& out, char32_t cp);

// ---- Character references: &amp; &#233; &#xE9; (html_references.cpp)

struct Reference {
    char32_t code_point = 0;
    std::size_t length = 0;  // 0: no reference here, the '&' is text
};

// The character reference at text[i] == '&'. A named one needs its ';' and a name HTML 4 knows;
// anything else is no reference and stays as written ("AT&T", "&bogus;").
Reference character_reference(std::string_view text, std::size_t i);

// An attribute's value as text: references decoded, white space and no-break spaces as plain spaces,
// control characters left out.
std::string attribute_text(std::string_view value);

// ---- Tags (html_tags.cpp)

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

Kind kind_of(std::string_view name);

// The elements a document's head holds; any other tag there starts the body, as in a browser.
bool belongs_in_head(std::string_view name);

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
std::optional<Tag> read_tag(std::string_view html, std::size_t i);

// Elements that have no contents and no end tag: a hidden one hides only itself.
bool is_void(std::string_view name);

// How an element is hidden: not at all, with no box (display: none, the hidden attribute), or with
// its box kept, empty (visibility: hidden), so that a block is still a line of its own.
enum class Hiding { none, display, visibility };

// How a start tag's hidden attribute and inline style hide its element and its contents: "display:
// none", or "visibility: hidden" (or collapse), in any case and spacing, among other declarations. As
// in CSS, the last declaration of a property counts, unless an earlier one is !important and it is
// not; a display set in the style overrides the hidden attribute, as author CSS does.
Hiding hiding_of(std::string_view style_value, bool hidden_attribute);

// Whether an image's src names a stylesheet or a script, as jp-mining-note's template embeds
// `<img src="_field.css">` to make Anki ship the file: no image a learner sees.
bool is_stylesheet_or_script(std::string_view src);

// Just past the end tag "</name" that closes a raw text element (script, style, ...) whose start
// tag ended at `from`; the end of the input when it is not closed.
std::size_t after_end_tag(std::string_view html, std::size_t from, std::string_view name);

// <ol start="N">: the first number, 1 without one.
int ordered_list_start(std::string_view text);

}  // namespace rolecall::import::html
