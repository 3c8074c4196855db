#include "rolecall/import/html_text.hpp"
#include "rolecall/import/imported_note.hpp"

#include <catch2/catch.hpp>

using namespace rolecall;
using namespace rolecall::import;

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
