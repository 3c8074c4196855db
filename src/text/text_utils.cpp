#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <iterator>

namespace rolecall {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Index of the last byte of the escape sequence starting at text[i] == ESC: CSI ("ESC [ ... final"),
// OSC, DCS, APC, PM and SOS strings (ended by BEL or "ESC \\"), or ESC plus one ASCII character.
std::size_t skip_escape_sequence(std::string_view text, std::size_t i) {
    if (i + 1 >= text.size()) return i;
    char kind = text[i + 1];
    if (kind == '[') {
        std::size_t j = i + 2;
        while (j < text.size() && !(text[j] >= 0x40 && text[j] <= 0x7e)) ++j;
        return std::min(j, text.size() - 1);
    }
    if (kind == ']' || kind == 'P' || kind == '_' || kind == '^' || kind == 'X') {
        for (std::size_t j = i + 2; j < text.size(); ++j) {
            if (text[j] == '\a') return j;
            if (text[j] == '\x1b' && j + 1 < text.size() && text[j + 1] == '\\') return j + 1;
        }
        return text.size() - 1;
    }
    // ESC and one character; before a byte of a UTF-8 sequence (no escape sequence) the ESC goes alone,
    // as taking the byte with it would leave the rest of the character invalid.
    return static_cast<unsigned char>(kind) >= 0x80 ? i : i + 1;
}

}  // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::string normalize_for_match(std::string_view text) {
    std::string out;
    bool pending_space = false;
    for (char c : trim(text)) {
        if (is_space(c)) {
            pending_space = true;
            continue;
        }
        if (pending_space) out.push_back(' ');
        pending_space = false;
        out.push_back(ascii_lower(c));
    }
    return out;
}

std::string lowercase_first(std::string_view text) {
    std::string out(text);
    const bool acronym = out.size() > 1 && out[1] >= 'A' && out[1] <= 'Z';
    if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z' && !acronym) out[0] = ascii_lower(out[0]);
    return out;
}

std::vector<std::string> split_list(std::string_view text, char delimiter) {
    std::vector<std::string> pieces;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t next = text.find(delimiter, pos);
        if (next == std::string_view::npos) next = text.size();
        auto piece = trim(text.substr(pos, next - pos));
        if (!piece.empty()) pieces.emplace_back(piece);
        pos = next + 1;
    }
    return pieces;
}

std::string or_list(const std::vector<std::string>& items) {
    std::string list;
    for (std::size_t i = 0; i < items.size(); ++i) {
        list += (i == 0 ? "" : i + 1 == items.size() ? " or " : ", ") + items[i];
    }
    return list;
}

std::string slugify(std::string_view text) {
    std::string slug;
    for (char c : text) {
        char lower = ascii_lower(c);
        bool word = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
        if (word) {
            slug.push_back(lower);
        } else if (!slug.empty() && slug.back() != '-') {
            slug.push_back('-');
        }
        if (slug.size() >= 48) break;
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
    return slug;
}

std::uint64_t stable_hash(std::string_view text) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ULL;
    }
    return hash;
}

std::string printable_only(std::string_view text) {
    // Most text has nothing to remove: find the first byte that might need it, and copy up to there.
    std::size_t start = 0;
    for (; start < text.size(); ++start) {
        auto c = static_cast<unsigned char>(text[start]);
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || c == 0xc2) break;
    }
    std::string out(text.substr(0, start));
    if (start == text.size()) return out;
    out.reserve(text.size());
    for (std::size_t i = start; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || c == '\t') {
            out.push_back(static_cast<char>(c));
        } else if (c == 0x1b) {
            i = skip_escape_sequence(text, i);  // the whole sequence goes, not only its ESC
        } else if (c < 0x20 || c == 0x7f) {
            continue;  // C0 controls, ESC and DEL
        } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
            ++i;  // C1 controls (U+0080..U+009F) such as CSI, encoded in UTF-8
        } else {
            out.push_back(static_cast<char>(c));
        }
    }
    return out;
}

namespace {

struct CodePointRange {
    char32_t first;
    char32_t last;
};

#include "unicode_width.inc"

bool in_ranges(const auto& ranges, char32_t cp) {
    auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                               [](char32_t value, const CodePointRange& range) { return value < range.first; });
    return it != ranges.begin() && cp <= std::prev(it)->last;
}

// The code point starting at text[i], moving i past it; an invalid or cut UTF-8 sequence is one
// U+FFFD per byte.
char32_t next_code_point(std::string_view text, std::size_t& i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    const std::size_t length = lead < 0x80   ? 1
                               : lead < 0xc2 ? 0
                               : lead < 0xe0 ? 2
                               : lead < 0xf0 ? 3
                               : lead < 0xf5 ? 4
                                             : 0;
    bool valid = length != 0 && i + length <= text.size();
    for (std::size_t k = 1; valid && k < length; ++k) valid = (byte(i + k) & 0xc0) == 0x80;
    if (!valid) {
        ++i;
        return 0xfffd;
    }
    char32_t cp = length == 1 ? lead : lead & (0x7fU >> length);
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + k) & 0x3f);
    i += length;
    return cp;
}

// Columns of one code point on its own: 0, 1 or 2.
std::size_t code_point_width(char32_t cp) {
    if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;  // control characters
    if (cp < 0x300) return 1;
    if (in_ranges(zero_width_ranges, cp)) return 0;
    return in_ranges(wide_ranges, cp) ? 2 : 1;
}

bool is_regional_indicator(char32_t cp) { return cp >= 0x1f1e6 && cp <= 0x1f1ff; }

// What a terminal draws as one character: a code point with the marks and variation selectors after
// it, a skin tone after an emoji, a flag's two regional indicators, or emoji joined by U+200D.
struct Cluster {
    std::size_t end;
    std::size_t columns;
};

Cluster next_cluster(std::string_view text, std::size_t i) {
    const char32_t base = next_code_point(text, i);
    std::size_t columns = code_point_width(base);
    if (base < 0x20 || base == 0x7f) return {i, columns};  // a line break stays a cluster of its own
    bool flag = false;
    while (i < text.size()) {
        std::size_t next = i;
        const char32_t cp = next_code_point(text, next);
        if (cp < 0x20) break;
        if (cp == 0xfe0f) {  // emoji presentation: "\u2764\ufe0f" is a red heart, two columns
            if (base >= 0xa9 || base == '#' || base == '*' || (base >= '0' && base <= '9')) columns = 2;
        } else if (cp == 0x200d) {  // emoji joined draw as one (in other scripts the joiner only shapes)
            if (columns == 2 && next < text.size()) {
                std::size_t joined = next;
                if (next_code_point(text, joined) >= 0x20) next = joined;
            }
        } else if (cp >= 0x1f3fb && cp <= 0x1f3ff && columns == 2) {  // a skin tone modifies the emoji
        } else if (is_regional_indicator(cp) && is_regional_indicator(base) && !flag) {
            flag = true;
            columns = 2;
        } else if (code_point_width(cp) != 0) {
            break;
        }
        i = next;
    }
    return {i, columns};
}

}  // namespace

std::size_t display_width(std::string_view text) {
    std::size_t columns = 0;
    for (std::size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80 && text[i] >= 0x20 &&
            (i + 1 == text.size() || static_cast<unsigned char>(text[i + 1]) < 0x80)) {
            ++columns, ++i;  // plain ASCII, the usual case
            continue;
        }
        const Cluster cluster = next_cluster(text, i);
        columns += cluster.columns;
        i = cluster.end;
    }
    return columns;
}

std::string cut_to_width(std::string_view text, std::size_t columns, std::string_view ellipsis) {
    if (display_width(text) <= columns) return std::string(text);
    const std::size_t ellipsis_width = display_width(ellipsis);
    const std::size_t keep = columns > ellipsis_width ? columns - ellipsis_width : 0;
    std::size_t used = 0;
    std::size_t end = 0;
    while (end < text.size()) {
        const Cluster cluster = next_cluster(text, end);
        if (used + cluster.columns > keep) break;
        used += cluster.columns;
        end = cluster.end;
    }
    return std::string(text.substr(0, end)) + std::string(ellipsis);
}

std::string pad_right(std::string_view text, std::size_t columns) {
    const std::size_t used = display_width(text);
    return std::string(text) + std::string(used < columns ? columns - used : 0, ' ');
}

std::string pad_left(std::string_view text, std::size_t columns) {
    const std::size_t used = display_width(text);
    return std::string(used < columns ? columns - used : 0, ' ') + std::string(text);
}

std::string one_line_cut(std::string_view text, std::size_t width, std::string_view ellipsis) {
    std::string line;
    for (char c : text) {
        if (c == '\n') {
            line += " / ";
        } else {
            line.push_back(c == '\t' || c == '\r' ? ' ' : c);
        }
    }
    return cut_to_width(line, width, ellipsis);
}

namespace {

// Kinsoku, lightly: no line starts with closing punctuation, none ends with opening punctuation.
constexpr std::u32string_view closing = U"、。，．）」』】！？：；〕〉》)]},.;:!?";
constexpr std::u32string_view opening = U"（「『【〔〈《([{";

bool closes(char32_t cp) { return closing.find(cp) != std::u32string_view::npos; }
bool opens(char32_t cp) { return opening.find(cp) != std::u32string_view::npos; }

// A piece of a word that a line may end after: the whole word in Latin script, a single character
// (with its marks) in CJK, which runs on without spaces. `joins`: it continues the word before it.
struct Piece {
    std::string_view text;
    std::size_t columns;
    bool joins;
};

// The word's pieces: a break is allowed between two characters when either is wide (two columns),
// unless the second closes or the first opens.
void split_word(std::string_view word, std::vector<Piece>& pieces) {
    pieces.clear();
    if (std::all_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        pieces.push_back({word, display_width(word), false});  // ASCII: no break inside a word
        return;
    }
    std::size_t start = 0;
    std::size_t columns = 0;
    bool previous_wide = false;
    char32_t previous = 0;
    for (std::size_t i = 0; i < word.size();) {
        std::size_t after_first = i;
        const char32_t cp = next_code_point(word, after_first);
        const Cluster cluster = next_cluster(word, i);
        const bool wide = cluster.columns == 2;
        if (i > start && (wide || previous_wide) && !closes(cp) && !opens(previous)) {
            pieces.push_back({word.substr(start, i - start), columns, !pieces.empty()});
            start = i;
            columns = 0;
        }
        columns += cluster.columns;
        previous_wide = wide;
        previous = cp;
        i = cluster.end;
    }
    pieces.push_back({word.substr(start), columns, !pieces.empty()});
}

// The bytes of text's longest start within `columns`, at least one character.
std::size_t fitting_prefix(std::string_view text, std::size_t columns) {
    std::size_t used = 0;
    std::size_t end = 0;
    while (end < text.size()) {
        const Cluster cluster = next_cluster(text, end);
        if (end > 0 && used + cluster.columns > columns) break;
        used += cluster.columns;
        end = cluster.end;
    }
    return end;
}

}  // namespace

std::string wrap_text(std::string_view text, std::size_t width, std::string_view indent) {
    std::string out;
    const std::size_t room = width > display_width(indent) + 10 ? width - display_width(indent) : 0;
    std::vector<Piece> pieces;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(pos, end - pos);
        if (!out.empty()) out.push_back('\n');
        // A line's own indent (code from <pre>, a nested list) stays, on its wrapped lines too, unless
        // it would leave less than half the room.
        std::size_t margin = 0;
        while (margin < line.size() && line[margin] == ' ') ++margin;
        std::size_t word_start = margin;  // a blank line stays blank
        if (margin == line.size() || (room > 0 && margin > room / 2)) margin = 0;
        out += indent;
        out.append(margin, ' ');
        std::size_t used = margin;
        bool line_start = true;  // nothing on this output line yet
        const auto new_line = [&] {
            out.push_back('\n');
            out += indent;
            out.append(margin, ' ');
            used = margin;
            line_start = true;
        };
        while (word_start < line.size()) {
            std::size_t word_end = line.find(' ', word_start);
            if (word_end == std::string_view::npos) word_end = line.size();
            split_word(line.substr(word_start, word_end - word_start), pieces);
            for (const Piece& piece : pieces) {
                const std::size_t space = line_start || piece.joins ? 0 : 1;
                if (!line_start && room > 0 && used + space + piece.columns > room) {
                    new_line();
                } else if (space != 0) {
                    out.push_back(' ');
                    ++used;
                }
                std::string_view rest = piece.text;
                std::size_t rest_columns = piece.columns;
                // Longer than a whole line (a URL, a long compound): cut by columns.
                while (room > 0 && rest_columns > room - margin) {
                    const std::string_view head = rest.substr(0, fitting_prefix(rest, room - margin));
                    out += head;
                    rest_columns -= display_width(head);
                    rest.remove_prefix(head.size());
                    new_line();
                }
                out += rest;
                used += rest_columns;
                line_start = false;
            }
            word_start = word_end + 1;
        }
        pos = end + 1;
    }
    return out;
}

static std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            std::size_t cost =
                std::tolower(static_cast<unsigned char>(a[i - 1])) == std::tolower(static_cast<unsigned char>(b[j - 1]))
                    ? 0
                    : 1;
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> closest_match(const std::string& typed, const std::vector<std::string>& candidates) {
    // The same name in other case or spacing ("product roles"), then the one name it begins
    // ("scrum" for "Scrum events"), then the nearest by edit distance, as a likely typo.
    const std::string folded = normalize_for_match(typed);
    std::optional<std::string> prefixed;
    int prefixes = 0;
    for (const auto& candidate : candidates) {
        const std::string other = normalize_for_match(candidate);
        if (other == folded) return candidate;
        if (!folded.empty() && other.starts_with(folded)) {
            prefixed = candidate;
            ++prefixes;
        }
    }
    if (prefixes == 1) return prefixed;
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, typed.size() / 3) + 1;
    for (const auto& candidate : candidates) {
        std::size_t distance = edit_distance(folded, normalize_for_match(candidate));
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    return best;
}

std::string plural(long long n, std::string_view one, std::string_view many) {
    return fmt::format("{} {}", n, n == 1 ? one : many);
}

std::string html_escape(std::string_view text) {
    std::string out;
    for (char c : printable_only(text)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out.push_back(c);
        }
    }
    return out;
}

}  // namespace rolecall
