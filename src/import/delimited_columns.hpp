// The columns of a delimited file (Anki text or CSV): which column holds what, found from "#...
// column:N" header lines, a header row's names, CSV's positions or the user's --front/--back mapping.
// Internal to anki_text.cpp's reader; delimited_columns.cpp holds the functions.
#pragma once

#include "rolecall/import/delimited.hpp"
#include "rolecall/import/import.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rolecall::import {

// The columns of a file, 1-based (0: none): which hold what, and how many a row may have.
struct Layout {
    int deck = 0, tags = 0, guid = 0, notetype = 0;  // meta columns: no field of the note
    int front = 0, back = 0;                         // named ones; else the first other columns
    std::vector<int> backs;                          // a mapping's --back columns, in order
    bool mapped = false;                             // --front and friends chose the columns
    std::size_t count = 0;                           // most fields a row may have; 0 until known
    std::string count_source;                        // what set it, for the error

    bool meta(int column) const { return column == deck || column == tags || column == guid || column == notetype; }
    bool taken(int column) const { return meta(column) || column == front || column == back; }

    // Gives known column names their role, unless a "#... column:N" header already took the column.
    void name(const std::vector<std::string>& names) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            const int column = static_cast<int>(i + 1);
            if (taken(column)) continue;
            switch (column_role(names[i])) {
                case ColumnRole::front: front = front ? front : column; break;
                case ColumnRole::back: back = back ? back : column; break;
                case ColumnRole::tags: tags = tags ? tags : column; break;
                case ColumnRole::deck: deck = deck ? deck : column; break;
                case ColumnRole::none: break;
            }
        }
    }

    // Columns that no role takes.
    int untaken() const {
        int free = 0;
        for (int column = 1; static_cast<std::size_t>(column) <= count; ++column) free += taken(column) ? 0 : 1;
        return free;
    }

    // The columns that make the note's fields, in order: the front, the back, then the others; with a
    // mapping, the front and its backs only.
    std::vector<int> field_columns() const {
        if (mapped) {
            std::vector<int> order{front};
            order.insert(order.end(), backs.begin(), backs.end());
            return order;
        }
        std::vector<int> rest;
        for (int column = 1; static_cast<std::size_t>(column) <= count; ++column) {
            if (!taken(column)) rest.push_back(column);
        }
        std::size_t next = 0;
        const int first = front ? front : next < rest.size() ? rest[next++] : 0;
        const int second = back ? back : next < rest.size() ? rest[next++] : 0;
        std::vector<int> order{first};
        if (second) order.push_back(second);
        order.insert(order.end(), rest.begin() + static_cast<std::ptrdiff_t>(next), rest.end());
        return order;
    }
};

// A row that names its columns: every cell a known column name, one of them the front's.
bool is_header_row(const std::vector<std::string>& cells);

// A row that reads like column names: every cell filled, short and different from the others. Only
// the wording of a message depends on it.
bool looks_like_names(const std::vector<std::string>& cells);

// CSV without a header row: front, back and tags by position, among the columns no header claimed.
void csv_positions(Layout& layout);

// Column names as a message shows them: on one line, cut short, at most `most` of them ("…" for the rest).
std::string column_list(const std::vector<std::string>& names, std::size_t most);

// How the user picks the card's sides, after the columns a file has.
inline constexpr std::string_view choose_sides =
    "choose the card's sides with --front COLUMN --back COLUMN (names from the header, or numbers from 1 "
    "with --header so that the header is no card)";
// ... after a first row that is data.
inline constexpr std::string_view choose_sides_by_number =
    "choose the card's sides with --front COLUMN --back COLUMN (numbers from 1)";

// Whether a mapping option's value is a column number (digits only) rather than a name.
bool is_column_number(std::string_view value);

// Turns the mapping's column names and numbers into column numbers, once per file: `names` are the
// header row's or #columns' (empty when the file names none), layout.count the columns there are.
void map_columns(const std::string& file, const ColumnMapping& mapping, const std::vector<std::string>& names,
                 Layout& layout);

// The cells of a header row as names: printable, trimmed.
std::vector<std::string> header_names(const std::vector<std::string>& cells);

}  // namespace rolecall::import
