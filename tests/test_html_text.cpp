#include "rolecall/import/html_text.hpp"
#include "rolecall/import/imported_note.hpp"
#include "test_support.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;
using namespace rolecall::import;

namespace {

const std::filesystem::path data = std::filesystem::path(ROLECALL_TEST_DATA) / "html-text";

}  // namespace

TEST_CASE("html: line breaks, entities, images and sounds become terminal text", "[import][html]") {
    CHECK(html_to_text("to <b>speak</b><br>to talk") == "to speak\nto talk");
    CHECK(html_to_text("<div>one</div><div>two</div>") == "one\ntwo");
    CHECK(html_to_text("a &amp; b &lt;c&gt; &quot;d&quot; &#233; &#x263A; &nbsp;x") ==
          "a & b <c> \"d\" \xc3\xa9 \xe2\x98\xba  x");
    CHECK(html_to_text("<img src=\"cat.png\"> and <IMG SRC='dog.jpg'/>") == "[image: cat.png] and [image: dog.jpg]");
    CHECK(html_to_text("[sound:hola.mp3]") == "[sound: hola.mp3]");
    CHECK(html_to_text("<ul><li>a</li><li>b</li></ul>") == "- a\n- b");
    CHECK(html_to_text("x<br><br><br><br>y") == "x\n\ny");
    CHECK(html_to_text("bad &bogus; and &#xZZ; and 1 < 2") == "bad &bogus; and &#xZZ; and 1 < 2");
    CHECK(html_to_text("esc \x1b[31mred") == "esc red");
}

TEST_CASE("html: Anki's editor writes the first line bare and the next ones in divs: each is a line",
          "[import][html]") {
    CHECK(html_to_text("Bach: Goldberg-Variationen, 2019<div>G 3:02 Aria</div>") ==
          "Bach: Goldberg-Variationen, 2019\nG 3:02 Aria");
    CHECK(html_to_text("Was kann verbessert werden?<div>a.) die Planung</div><div>b.) die Kontrolle</div>") ==
          "Was kann verbessert werden?\na.) die Planung\nb.) die Kontrolle");
    // An empty line in the editor is <div><br></div>; a <br> that ends a block adds no line.
    CHECK(html_to_text("one<div><br></div><div>three</div>") == "one\n\nthree");
    CHECK(html_to_text("<div>one<br></div><div>two</div>") == "one\ntwo");
    // Opening and closing tags of blocks both break, but never into blank lines or at either end.
    CHECK(html_to_text("<p>a</p><p>b</p>") == "a\nb");
    CHECK(html_to_text("<h2>Verbs</h2>regular<hr>irregular<blockquote>quoted</blockquote>end") ==
          "Verbs\nregular\nirregular\nquoted\nend");
    CHECK(html_to_text("<section>a</section><article><p>b</p></article>c") == "a\nb\nc");
    CHECK(html_to_text("<br><div></div>x<br><div></div>") == "x");
    CHECK(html_to_text(test::read_file(data / "anki-editor-lines.html")) ==
          "Bach: Goldberg-Variationen, 2019\nG 3:02 Aria\n\nWas kann verbessert werden?\na.) die Planung\n"
          "b.) die Kontrolle");
}

TEST_CASE("html: white space in the source collapses as a browser collapses it, <pre> keeps it", "[import][html]") {
    CHECK(html_to_text("(\xc5\xber)\n  janjetina") == "(\xc5\xber) janjetina");
    CHECK(html_to_text("a <b> b</b>\t\t c ") == "a b c");
    CHECK(html_to_text("a&nbsp;&nbsp;b") == "a  b");  // no-break spaces stay
    CHECK(html_to_text("line\r\nnext\rlast") == "line next last");
    CHECK(html_to_text(test::read_file(data / "indented-source.html")) ==
          "janjetina (\xc5\xber)\nlamb (the meat), not the animal");
    CHECK(html_to_text("<pre>\n  def f():\n      return 1\n\n\n</pre>after") ==
          "  def f():\n      return 1\n\n\nafter");
    CHECK(html_to_text("<p>x</p><pre>a\tb  c</pre>") == "x\na\tb  c");
}

TEST_CASE("html: references are decoded in text and attributes, unknown ones stay as written", "[import][html]") {
    CHECK(html_to_text("caf&eacute; &Eacute;t&eacute; &uuml;ber &szlig; &rarr; &hellip;") ==
          "caf\xc3\xa9 \xc3\x89t\xc3\xa9 \xc3\xbc"
          "ber \xc3\x9f \xe2\x86\x92 \xe2\x80\xa6");
    CHECK(html_to_text("5&#8364; 5&#x20ac; 5&#X20AC &#150;") ==
          "5\xe2\x82\xac 5\xe2\x82\xac 5\xe2\x82\xac \xe2\x80\x93");
    CHECK(html_to_text("AT&T &hellip &notanentity; &#; &#0; &#x110000;") ==
          "AT&T &hellip &notanentity; &#; \xef\xbf\xbd \xef\xbf\xbd");
    CHECK(html_to_text("a&#10;b&#27;[31mc") == "a b[31mc");  // a line feed is white space; ESC is left out
    CHECK(html_to_text("<img src=\"https://example.org/a.png?x=1&amp;alt=media\">") ==
          "[image: https://example.org/a.png?x=1&alt=media]");
    CHECK(html_to_text("<img alt=\"2 > 1\" src='it&#39;s&nbsp;me.png'>") == "[image: it's me.png]");
    CHECK(html_to_text("<img src=a.png?x=1&amp;y=2>") == "[image: a.png?x=1&y=2]");
    // A byte A0 inside a character is no no-break space; U+00A0 itself is one.
    CHECK(html_to_text("<img src=\"\xe7\xa0\x9a.png\"><img src=\"a\xc2\xa0"
                       "b.png\">") == "[image: \xe7\xa0\x9a.png][image: a b.png]");
    CHECK(
        html_to_text(test::read_file(data / "entities.html")) ==
        "caf\xc3\xa9 & cr\xc3\xa8me br\xc3\xbbl\xc3\xa9"
        "e \xe2\x80\x93 5\xe2\x82\xac or 5\xe2\x82\xac, "
        "\xe2\x80\x93&bogus; AT&T[image: https://example.org/a.png?x=1&alt=media&token=2f/3] [sound: caf\xc3\xa9.mp3]");
}

TEST_CASE("html: style, script, head, title, template, buttons and comments are no text", "[import][html]") {
    // A Yomitan mining deck's back: the glossary, then the CSS its cards carry.
    CHECK(html_to_text(test::read_file(data / "yomitan-back.html")) ==
          "1. (v5r, vi, JMdict)\n  - to make noise\n  - to clamor; to be in a tumult\n"
          "2. (\xe6\x96\xb0\xe5\x92\x8c\xe8\x8b\xb1) \xe9\xa8\x92\xe3\x81\x90\xe3\x80\x90\xe3\x81\x95\xe3\x82\x8f"
          "\xe3\x81\x90\xe3\x80\x91 make a noise");
    CHECK(html_to_text("<style>.yomitan-glossary [data-dictionary=\"JMdict\"] span[title] { cursor: help; }</style>"
                       "noisy") == "noisy");
    CHECK(html_to_text("<script>if (a < b && c) { document.write(\"</b>\"); }</script>shown") == "shown");
    CHECK(html_to_text("<STYLE type=text/css>p{}</Style >a<style>never closed") == "a");
    CHECK(html_to_text(test::read_file(data / "document.html")) == "visible text");
    CHECK(html_to_text("<head><style>p{}</style><div>a head never closed</div>") == "a head never closed");
    CHECK(html_to_text("a<!-- <b>hidden</b> -->b<!---->c<!-->d<!--->e<!-- open") == "abcde");
    CHECK(html_to_text("<template><div>inert <template>x</template></div></template>shown") == "shown");
    // A template's controls do nothing on a terminal: the Goethe A1 deck's translation button.
    CHECK(html_to_text("Ab morgen muss ich arbeiten.<div><button onclick=\"show()\">Translate</button></div>") ==
          "Ab morgen muss ich arbeiten.");
}

TEST_CASE("html: an element hidden inline is left out with all it holds, as Anki hides it", "[import][html]") {
    // A Goethe A1 cloze deck's front: the translation is there, hidden, for a button to show.
    CHECK(html_to_text("<div class=\"text\">[...] muss ich arbeiten.</div>"
                       "<div id=\"translation\" style=\"display: none;\">Starting tomorrow, I have to work.</div>"
                       "<button onclick=\"toggle()\">Translation</button>") == "[...] muss ich arbeiten.");
    // A jp-mining-note front: stylesheets embedded as images, hidden blocks around nested divs, a <style>
    // whose CSS holds "</div>", void elements inside, the hidden attribute, and a visible display: block.
    CHECK(html_to_text(test::read_file(data / "hidden.html")) ==
          "\xe9\xa8\x92\xe3\x81\x90\n"  // 騒ぐ
          "\xe5\xad\x90\xe4\xbe\x9b\xe3\x81\x9f\xe3\x81\xa1\xe3\x81\x8c\xe9\xa8\x92\xe3\x81\x84\xe3\x81\xa7"
          "\xe3\x81\x84\xe3\x82\x8b\xe3\x80\x82\n"  // 子供たちが騒いでいる。
          "\xe4\xbd\x95\xe3\x82\x92\xe3\x81\x97\xe3\x81\xa6\xe3\x81\x84\xe3\x82\x8b\xe3\x81\xae"
          "\xef\xbc\x9f");  // 何をしているの？
    // Nested elements of the same name count: the hidden one ends at its own end tag.
    CHECK(html_to_text("a<div hidden><div>b</div><div><div>c</div></div>d</div>e") == "ae");
    CHECK(html_to_text("<span style=\"display:none\">x<span>y</span>z<b>w</span>shown") == "shown");
    CHECK(html_to_text("<div style=\"display:none\"><style>p::after { content: '</div>' }</style>x</div>y") == "y");
    CHECK(html_to_text("<div style=\"display:none\">a<br>b<img src=c.png><hr>d</div>e") == "e");
    CHECK(html_to_text("<div style=\"display:none\">a<!-- </div> -->b</div>c") == "c");
    // A hidden <p> or <li> ends without its end tag where a browser ends it.
    CHECK(html_to_text("<p hidden>a<p>b<p style=\"display:none\">c<div>d</div>") == "b\nd");
    CHECK(html_to_text("<ul><li hidden>a<ul><li>b<li>c</ul>d<li>e</ul>f") == "- e\nf");
    CHECK(html_to_text("<ol><li hidden>a</ol>b<ul><li hidden>c</li><li>d</li></ul>") == "b\n- d");
    // Not closed: hidden to the end.
    CHECK(html_to_text("shown<div class=\"back\" style=\"display:none\">the answer<div>more</div>") == "shown");
    // display: none among other declarations, in any case and spacing, !important, entities, comments.
    CHECK(html_to_text("<p style=\"color: red; DISPLAY :  None ; font-size: 2em\">x</p>y") == "y");
    CHECK(html_to_text("<P STYLE='display:none!important'>x</P>y") == "y");
    CHECK(html_to_text("<DIV Style=\"font-weight:bold;display: none\">x</DIV>y") == "y");
    CHECK(html_to_text("<div style=\"display&#58;none\">x</div>y") == "y");
    CHECK(html_to_text("<div style=\"/* hide */ display: /* ! */ none\">x</div>y") == "y");
    CHECK(html_to_text("<span style=\"visibility: hidden\">x</span>y<span style=\"visibility:collapse\">z</span>") ==
          "y");
    // The last declaration counts, unless an earlier one is !important.
    CHECK(html_to_text("<div style=\"display:none; display:block\">shown</div>") == "shown");
    CHECK(html_to_text("<div style=\"display:none !important; display:block\">x</div>y") == "y");
    // visibility: hidden keeps the box, so a block still parts lines; display: none and hidden do not.
    CHECK(html_to_text("a<div style=\"visibility:hidden\">x</div>b<span style=\"visibility:hidden\">y</span>c") ==
          "a\nbc");
    CHECK(html_to_text("a<div style=\"display:none\">x</div>b<div hidden>y</div>c") == "abc");
    // A display set in the style overrides the hidden attribute, as author CSS does.
    CHECK(html_to_text("<div hidden style=\"display: block\">shown</div><div hidden style=\"color: red\">x</div>") ==
          "shown");
    // The hidden attribute, with any value or none.
    CHECK(html_to_text("<div hidden>x</div><div hidden=\"\">x</div><div HIDDEN=hidden>x</div>y") == "y");
    CHECK(html_to_text("<span class=hint hidden/>x</span>y") == "y");  // "/>" closes no span in HTML
    // Visible: display: block, inline-block, flex; a hidden word in another attribute; "none" elsewhere.
    CHECK(html_to_text("<div style=\"display: block\">a</div><div style=\"display:inline-block\">b</div>") == "a\nb");
    CHECK(html_to_text("<div data-hidden=\"1\" class=\"hidden\" title=\"display:none\">shown</div>") == "shown");
    CHECK(html_to_text("<div style=\"border: none; text-decoration: none; visibility: visible\">shown</div>") ==
          "shown");
    CHECK(html_to_text("<div style=\"display: none-ish\">shown</div>") == "shown");
    // A hidden void element hides itself only.
    CHECK(html_to_text("a<img src=x.png style=\"display:none\">b<br hidden>c") == "abc");
    // A reading hidden inline leaves its base.
    CHECK(html_to_text("<ruby>\xe6\xbc\xa2<rt style=\"display:none\">\xe3\x81\x8b\xe3\x82\x93</rt></ruby>x") ==
          "\xe6\xbc\xa2x");                                                       // 漢<rt>かん</rt> as 漢
    CHECK(html_to_text("<ruby>A<rt>a</rt><span hidden>never closed") == "A[a]");  // the ruby began before
    // Script and style stay dropped to their own end tag.
    CHECK(html_to_text("<style hidden>p{}</style>a<script style=\"display:none\">x</script>b") == "ab");
}

TEST_CASE("html: an image whose src is a stylesheet or a script is no image", "[import][html]") {
    // jp-mining-note embeds its CSS as images, so that Anki ships the files with the deck.
    CHECK(html_to_text("<img src=\"_field.css\"><img src=\"_editor.css\">front") == "front");
    CHECK(html_to_text("<img src='_jquery.min.js?v=3.6'><img src=\"&#95;field.CSS#x\">front") == "front");
    CHECK(html_to_text("<img src=\"style.css.png\"><img src=\"a.png?f=b.css\">") ==
          "[image: style.css.png][image: a.png?f=b.css]");
}

TEST_CASE("html: inline elements are not parted, as CSS alone would part them", "[import][html]") {
    // A browser shows adjacent spans apart only by CSS padding or margin, which is not evaluated here;
    // parting them would split words: "Hause", and pitch-accent markup per mora.
    CHECK(html_to_text("<b>Haus</b>e") == "Hause");
    CHECK(html_to_text("<span class=\"mora\">ha</span><span class=\"mora drop\">shi</span>") == "hashi");
}

TEST_CASE("html: ruby becomes Anki's furigana notation, the reading in brackets after its base", "[import][html]") {
    CHECK(html_to_text(
              "<ruby>\xe9\xa8\x92<rt>\xe3\x81\x95\xe3\x82\x8f</rt></ruby>\xe3\x81\x8c\xe3\x81\x97\xe3\x81\x84") ==
          "\xe9\xa8\x92[\xe3\x81\x95\xe3\x82\x8f]\xe3\x81\x8c\xe3\x81\x97\xe3\x81\x84");  // 騒[さわ]がしい
    CHECK(html_to_text("<ruby>A<rp>(</rp><rt>a</rt><rp>)</rp></ruby>") == "A[a]");  // rp: the fallback parentheses
    CHECK(html_to_text("<ruby><rb>AB</rb><rt>ab</rt></ruby>") == "AB[ab]");
    CHECK(html_to_text("<ruby>A<rt>a</rt>B<rt>b</rt></ruby>") == "A[a]B[b]");                    // alternating
    CHECK(html_to_text("<ruby><rb>A</rb><rb>B</rb><rt>a</rt><rt>b</rt></ruby>") == "A[a]B[b]");  // in runs
    CHECK(html_to_text("<ruby><rb>A</rb><rb>B</rb><rt>ab</rt></ruby>") == "AB[ab]");             // one reading
    CHECK(html_to_text("<ruby>A</ruby>") == "A");
    // Text right before needs a space, as in Anki's notation, where a reading covers the characters
    // back to the last space; one ruby right after another does not.
    CHECK(html_to_text("x<ruby>A<rt>a</rt></ruby><ruby>B<rt>b</rt></ruby>y") == "x A[a]B[b]y");
    CHECK(html_to_text(test::read_file(data / "ruby.html")) ==
          "\xe4\xbb\x8a\xe6\x97\xa5\xe3\x81\xaf \xe5\xa4\xa9\xe6\xb0\x97[\xe3\x81\xa6\xe3\x82\x93\xe3\x81\x8d]"
          "\xe3\x81\x8c \xe9\xa8\x92[\xe3\x81\x95\xe3\x82\x8f]\xe3\x81\x8c\xe3\x81\x97\xe3\x81\x84\xe3\x80\x82 "
          "\xe6\xbc\xa2[\xe3\x81\x8b\xe3\x82\x93]\xe5\xad\x97[\xe3\x81\x98]\xe3\x81\xa8 "
          "\xe6\x9d\xb1[\xe3\x81\xa8\xe3\x81\x86]\xe4\xba\xac[\xe3\x81\x8d\xe3\x82\x87\xe3\x81\x86]");
    CHECK(html_to_text("<ruby>A<rt>a<br>B") == "A[a]\nB");  // a line ends a ruby left open
}

TEST_CASE("html: tables, nested lists and pre keep their shape", "[import][html]") {
    CHECK(html_to_text("<table><tr><td>perro</td><td>dog</td></tr><tr><td>gato</td><td>cat</td></tr></table>") ==
          "perro | dog\ngato | cat");
    CHECK(html_to_text("<td>a</td><td></td><th>c</th>") == "a | | c");
    CHECK(html_to_text("<ol><li>one</li><li>two</li></ol><ol start=\"9\"><li>nine</li><li>ten</li></ol>") ==
          "1. one\n2. two\n9. nine\n10. ten");
    CHECK(html_to_text("<ul><li><p>a</p></li><li></li><li>c</li></ul>") == "- a\n- \n- c");
    CHECK(html_to_text(test::read_file(data / "structure.html")) ==
          "Verbs\ninfinitive | present | past\nhablar | hablo | habl\xc3\xa9\ncomer | | com\xc3\xad\n"
          "- Obst\n  - Apfel\n  - Birne\n- Gem\xc3\xbcse\n3. three\n4. four\n"
          "def area(r):\n    return 3.14 * r * r");
}

TEST_CASE("html: hostile input is converted in one pass, whatever its nesting", "[import][html]") {
    // Each of these took quadratic time or deep recursion in a naive converter; here each is linear.
    const std::size_t n = 200000;
    CHECK(html_to_text(std::string(n, '&')) == std::string(n, '&'));
    std::string tags_never_closed;
    for (std::size_t i = 0; i < n / 2; ++i) tags_never_closed += "<a";
    CHECK(html_to_text(tags_never_closed) == tags_never_closed);
    std::string nested;
    for (std::size_t i = 0; i < n / 4; ++i) nested += "<ul>";
    for (std::size_t i = 0; i < n / 8; ++i) nested += "<li>x";
    const std::string lists = html_to_text(nested);
    CHECK(lists.size() < 20 * (n / 8));  // the indent stops growing after 8 levels
    CHECK(lists.substr(0, 3) == "- x");
    std::string quotes;
    for (std::size_t i = 0; i < n / 8; ++i) quotes += "<a b=\"x>";
    CHECK(html_to_text(quotes + "end") == "end");   // each quote closes at the next tag's: two tags at a time
    CHECK(html_to_text("<a b='x>text") == "text");  // a quote never closed ends at the '>'
    CHECK(html_to_text(std::string(n, '<') + "!-- never closed") == std::string(n - 1, '<'));
}

TEST_CASE("anki cloze: one card per cloze number, hints shown, other deletions filled", "[import][cloze]") {
    auto cards = anki_cloze_cards("{{c1::Canberra}} is the capital of {{c2::Australia::country}}; {{c1::it}} is inland",
                                  "extra", "geo");
    REQUIRE(cards.size() == 2);
    CHECK(cards[0].view == "c1");
    CHECK(cards[0].front == "[...] is the capital of Australia; [...] is inland");
    CHECK(cards[0].back == "Canberra, it");
    CHECK(cards[1].view == "c2");
    CHECK(cards[1].front == "Canberra is the capital of [country]; it is inland");
    CHECK(cards[1].back == "Australia");
    CHECK(cards[1].explanation == "Canberra is the capital of Australia; it is inland\nextra");
    CHECK(cards[1].tags == "geo");
    CHECK(anki_cloze_cards("no deletion", "", "").empty());
}
