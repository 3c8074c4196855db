#include "rolecall/decks/cloze.hpp"
#include "rolecall/text/text_utils.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;

TEST_CASE("card text: cloze deletions, fronts and the full sentence", "[card_text]") {
    const std::string text = "{{Projects}} end; {{products::what?}} keep evolving.";
    auto deletions = cloze_deletions(text);
    REQUIRE(deletions.size() == 2);
    CHECK(deletions[0].answer == "Projects");
    CHECK(deletions[1].answer == "products");
    CHECK(deletions[1].hint == "what?");
    CHECK(cloze_front(text, 0) == "[...] end; products keep evolving.");
    CHECK(cloze_front(text, 1) == "Projects end; [what?] keep evolving.");
    CHECK(cloze_full(text) == "Projects end; products keep evolving.");
}

TEST_CASE("card text: an unclosed deletion stays plain text", "[card_text]") {
    CHECK(cloze_deletions("a {{b c").empty());
    CHECK(cloze_full("a {{b c") == "a {{b c");
}

TEST_CASE("card text: escape sequences never reach the terminal", "[card_text]") {
    CHECK(printable_only("red \x1b[31mtext\x1b[0m\a") == "red text");
    CHECK(printable_only("osc \x1b]52;c;aGk=\x07 end") == "osc  end");
    CHECK(printable_only("title \x1b]0;pwned\x1b\\ done") == "title  done");
    CHECK(printable_only("move \x1b[2J\x1b[H home \x1b"
                         "7x") == "move  home x");
    CHECK(printable_only("trailing \x1b") == "trailing ");
    CHECK(printable_only("line\r\nnext\ttab") == "line\nnext\ttab");
    CHECK(printable_only("c1 \xc2\x9b"
                         "31m") == "c1 31m");
    CHECK(printable_only("caf\xc3\xa9 \xe2\x80\x94") == "caf\xc3\xa9 \xe2\x80\x94");
    CHECK(printable_only("a\x1b\xc3\xa9") == "a\xc3\xa9");  // a stray ESC never takes half a character
}

TEST_CASE("card text: matching ignores case and spacing, slugs are stable", "[card_text]") {
    CHECK(normalize_for_match("  Product   OWNER ") == "product owner");
    CHECK(slugify("Owns the roadmap, and the PRD!") == "owns-the-roadmap-and-the-prd");
    CHECK(split_list("PM, product mgr ,, x", ',') == std::vector<std::string>{"PM", "product mgr", "x"});
    CHECK(or_list({}) == "");
    CHECK(or_list({"a"}) == "a");
    CHECK(or_list({"a", "b"}) == "a or b");
    CHECK(or_list({"a", "b", "c"}) == "a, b or c");
    CHECK(stable_hash("a") != stable_hash("b"));
}

TEST_CASE("card text: wrapping keeps words whole, indents every line and counts UTF-8 as one column", "[card_text]") {
    CHECK(wrap_text("one two three four", 20, "  ") == "  one two three four");
    CHECK(wrap_text("aaaa bbbb cccc dddd eeee ffff", 25, "  ") == "  aaaa bbbb cccc dddd\n  eeee ffff");
    CHECK(wrap_text("first\nsecond", 40, "> ") == "> first\n> second");
    CHECK(wrap_text("é é é é é é é é é é é é", 25, "") == "é é é é é é é é é é é é");
    CHECK(wrap_text("no wrap at all here", 0, "  ") == "  no wrap at all here");
    // A line's own indent stays, on its wrapped lines too; blank lines stay blank.
    CHECK(wrap_text("def f():\n    return 1\n   \n- a\n  - b", 40, "> ") ==
          "> def f():\n>     return 1\n> \n> - a\n>   - b");
    CHECK(wrap_text("  aaaa bbbb cccc dddd eeee", 25, "") == "  aaaa bbbb cccc dddd\n  eeee");
    CHECK(wrap_text("                    deep", 30, "") == "deep");  // past half the room: no indent
}

TEST_CASE("text: display width counts terminal columns, not bytes or code points", "[text]") {
    CHECK(display_width("Spanish") == 7);
    CHECK(display_width("caf\xc3\xa9") == 4);                           // é: one code point, two bytes
    CHECK(display_width("cafe\xcc\x81") == 4);                          // e + combining acute accent
    CHECK(display_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e") == 6);  // 日本語: East Asian Wide
    CHECK(display_width("\xef\xbc\xa1\xef\xbc\xa2") == 4);              // ＡＢ: Fullwidth
    CHECK(display_width("\xed\x95\x9c\xea\xb8\x80") == 4);              // 한글
    CHECK(display_width("Kanji \xf0\x9f\x8e\x8c") == 8);                // 🎌: emoji presentation
    CHECK(display_width("\xe2\x9d\xa4") == 1);                          // ❤ as text
    CHECK(display_width("\xe2\x9d\xa4\xef\xb8\x8f") == 2);              // ❤️: U+FE0F makes it an emoji
    CHECK(display_width("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd") == 2);      // 👍🏽: a skin tone modifies the emoji
    CHECK(display_width("\xf0\x9f\x87\xaf\xf0\x9f\x87\xb5") == 2);      // 🇯🇵: two regional indicators, one flag
    // 👩‍💻: emoji joined by U+200D draw as one; a joiner between letters takes no column.
    CHECK(display_width("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb") == 2);
    CHECK(display_width("a\xe2\x80\x8d"
                        "b") == 2);
    CHECK(display_width("a\xe2\x80\x8b"
                        "b") == 2);                 // zero-width space
    CHECK(display_width("\xf0\xa0\x80\x80") == 2);  // U+20000, CJK Extension B
    CHECK(display_width("\xf0\x9f\xab\xa8") == 2);  // U+1FAE8, an emoji newer than the table's data
    CHECK(display_width("\xff\xfe") == 2);          // invalid bytes: one column each
}

TEST_CASE("text: padding and cutting count display width and never split a character", "[text]") {
    CHECK(pad_right("\xe6\x97\xa5\xe6\x9c\xac", 6) == "\xe6\x97\xa5\xe6\x9c\xac  ");
    CHECK(pad_left("\xe6\x97\xa5", 4) == "  \xe6\x97\xa5");
    CHECK(pad_right("wide enough", 4) == "wide enough");
    // 7 columns for 日本語です (10): 6 columns of text and the one-column ellipsis, whole characters only.
    CHECK(cut_to_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xa7\xe3\x81\x99", 7, "~") ==
          "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e~");
    CHECK(cut_to_width("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\xe3\x81\xa7\xe3\x81\x99", 6, "~") ==
          "\xe6\x97\xa5\xe6\x9c\xac~");
    CHECK(cut_to_width("cafe\xcc\x81s au lait", 5, "...") == "ca...");
    CHECK(cut_to_width("cafe\xcc\x81s", 4, "") == "cafe\xcc\x81");  // the accent stays with its e
    CHECK(cut_to_width("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb!", 2, "") ==
          "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb");  // 👩‍💻 whole
    CHECK(cut_to_width("fits", 4, "...") == "fits");
    CHECK(one_line_cut("\xe6\x97\xa5\xe6\x9c\xac\n\xe8\xaa\x9e", 9, "...") ==
          "\xe6\x97\xa5\xe6\x9c\xac / \xe8\xaa\x9e");
    CHECK(wrap_text("\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe6\x97\xa5", 14, "") ==
          "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e\n\xe6\x97\xa5");
}

TEST_CASE("text: the closest name to a mistyped one", "[text]") {
    const std::vector<std::string> decks = {"Product roles", "Scrum events", "Spanish::Verbs"};
    CHECK(closest_match("product ROLES", decks) == std::optional<std::string>("Product roles"));  // case
    CHECK(closest_match("scrum", decks) == std::optional<std::string>("Scrum events"));           // a prefix
    CHECK(closest_match("Scrum evnts", decks) == std::optional<std::string>("Scrum events"));     // a typo
    CHECK_FALSE(closest_match("s", decks));  // "Scrum events" and "Spanish::Verbs" both begin so
    CHECK_FALSE(closest_match("geography", decks));
}

TEST_CASE("text: wrapping breaks between CJK characters, never inside a Latin word", "[text]") {
    // 16 characters of two columns, no spaces: 9 fit in the 18 columns after the indent.
    CHECK(wrap_text("日本語の文章は空白なしで続きます", 20, "  ") == "  日本語の文章は空白\n  なしで続きます");
    // A line's own indent survives the wrap of a CJK line, as of a Latin one.
    CHECK(wrap_text("  日本語の文章は空白なしで続きます", 20, "") == "  日本語の文章は空白\n  なしで続きます");
    // Mixed: a break before and after a wide character next to Latin text, none inside "English".
    CHECK(wrap_text("日本語とEnglishの混在", 14, "") == "日本語と\nEnglishの混在");
    CHECK(wrap_text("Rolecall は日本語の練習", 20, "") == "Rolecall は日本語の\n練習");
    // Kinsoku: 。 does not start a line (け goes with it), 「 does not end one (け goes with it).
    CHECK(wrap_text("あいうえおかきくけ。", 20, "  ") == "  あいうえおかきく\n  け。");
    CHECK(wrap_text("あいうえおかきく「けこ」", 20, "  ") == "  あいうえおかきく\n  「けこ」");
    // Without room to wrap (width 0), CJK stays on one line as Latin does.
    CHECK(wrap_text("日本語の文章は空白なしで続きます", 0, "  ") == "  日本語の文章は空白なしで続きます");
}

TEST_CASE("text: a word longer than a line is cut by columns, a word that fits is not", "[text]") {
    CHECK(wrap_text("see https://example.com/a/very/long/path/here ok", 20, "  ") ==
          "  see\n  https://example.co\n  m/a/very/long/path\n  /here ok");
    CHECK(wrap_text("see abcdefghijklmnopqr ok", 20, "  ") == "  see\n  abcdefghijklmnopqr\n  ok");  // 18: fits
    // Cut by columns, never between a letter and its combining accent: 20 columns are 18 and 2.
    std::string accented;
    for (int i = 0; i < 20; ++i) accented += "e\xcc\x81";
    CHECK(wrap_text("x " + accented, 20, "  ") ==
          "  x\n  " + accented.substr(0, 18 * 3) + "\n  " + accented.substr(18 * 3));
    // Fullwidth letters break as CJK does: 8 after "x " (18 columns), then 9, then 3.
    CHECK(wrap_text("x ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴ", 20, "  ") ==
          "  x ＡＢＣＤＥＦＧＨ\n  ＩＪＫＬＭＮＯＰＱ\n  ＲＳＴ");
}
