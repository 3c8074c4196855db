// Turns the HTML of Anki fields into terminal text, as a browser (and so Anki) shows it: white space
// collapses; every block boundary (div, p, li, tr, h1-h6, ...) starts a line and <br> ends one, with at
// most one blank line in a row; table cells are parted by " | ", list items start "- " or "1. " (nested
// lists indented); <pre> keeps its white space; <ruby>base<rt>reading</rt></ruby> becomes
// base[reading], Anki's furigana notation. The contents of style, script, head, title and template
// elements and comments are dropped, and so are elements hidden inline (style "display: none" or
// "visibility: hidden", or the hidden attribute) with all they hold; CSS classes are not evaluated.
// Character references are decoded, in attribute values too; <img src=x> becomes [image: x] (none
// for a src ending .css or .js, which Anki templates embed so that Anki ships the file) and
// [sound:x] becomes [sound: x]; control characters are removed.
// Linear time in the input, whatever its nesting.
#pragma once

#include <string>
#include <string_view>

namespace rolecall::import {

std::string html_to_text(std::string_view html);

}  // namespace rolecall::import
