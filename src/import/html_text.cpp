#include "rolecall/import/html_text.hpp"

#include "html_markup.hpp"
#include "html_ruby.hpp"
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

using namespace html;

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
                for (char c : tag.full_name) m_hidden_name.push_back(ascii_lower(c));
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
