// The renderer of Anki's card templates, on its own: fields, filters, conditionals, cloze and the
// answer side without {{FrontSide}}.
#include "rolecall/import/anki_template.hpp"

#include <catch2/catch.hpp>

#include <chrono>

using namespace rolecall::import;

namespace {

constexpr std::size_t cap = 1024 * 1024;

AnkiCardFields basic(std::string front, std::string back) {
    AnkiCardFields card;
    card.fields = {{"Front", std::move(front)}, {"Back", std::move(back)}};
    card.notetype = "Basic";
    card.deck = "Lang::French";
    card.template_name = "Card 1";
    card.tags = "verb common";
    return card;
}

AnkiCardFields cloze(std::string text, std::string extra, int ordinal) {
    AnkiCardFields card;
    card.fields = {{"Text", std::move(text)}, {"Back Extra", std::move(extra)}};
    card.cloze = true;
    card.ordinal = ordinal;
    return card;
}

const std::string stock_cloze_question = "{{cloze:Text}}";
const std::string stock_cloze_answer = "{{cloze:Text}}<br>\n{{Back Extra}}";

}  // namespace

TEST_CASE("anki template: fields, the answer without {{FrontSide}} and its rule", "[import][anki-template]") {
    auto card = render_anki_card("{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}", basic("chat", "cat"), cap);
    CHECK(card.question == "chat");
    CHECK(card.answer == "cat");
    CHECK_FALSE(card.blank);
    CHECK(card.error.empty());
    // Quotes, case and a closing slash on the rule.
    CHECK(render_anki_card("{{Front}}", "{{FrontSide}}<HR ID=\"answer\"/>{{Back}}", basic("a", "b"), cap).answer ==
          "b");
    // A rule without {{FrontSide}} before it stays unless the front is repeated above it.
    CHECK(render_anki_card("{{Front}}", "{{Front}}<hr id=answer>{{Back}}", basic("a", "b"), cap).answer == "b");
    CHECK(render_anki_card("{{Front}}", "Q: {{Front}}<hr id=answer>{{Back}}", basic("a", "b"), cap).answer == "Q: ab");
    // Another <hr> after {{FrontSide}} is kept.
    CHECK(render_anki_card("{{Front}}", "{{FrontSide}}<hr class=x>{{Back}}", basic("a", "b"), cap).answer ==
          "<hr class=x>b");
    // Field names are exact but trimmed; a field the note type lacks renders empty.
    CHECK(render_anki_card("{{ Front }}|{{front}}|{{Nope}}", "", basic("a", "b"), cap).question == "a||");
}

TEST_CASE("anki template: line breaks of the template's HTML show as a browser shows them", "[import][anki-template]") {
    // A line break in the template is white space: one space between words, nothing beside a tag.
    CHECK(render_anki_card("Q:\n  {{Front}}\n\n<div>\n{{Back}}\n</div>\n", "", basic("a", "b"), cap).question ==
          "Q: a<div>b</div>");
    // Spaces without a line break, and a field's own line breaks, are kept.
    CHECK(render_anki_card("{{Front}}  {{Back}}", "", basic("a\nx", "b"), cap).question == "a\nx  b");
}

TEST_CASE("anki template: special fields and filters", "[import][anki-template]") {
    auto fields = basic("<b>bold</b> &amp; co", "back");
    CHECK(render_anki_card("{{Tags}}/{{Type}}/{{Deck}}/{{Subdeck}}/{{Card}}/{{CardFlag}}", "", fields, cap).question ==
          "verb common/Basic/Lang::French/French/Card 1/flag0");
    // A note field wins over a special field of the same name.
    fields.fields.emplace_back("Tags", "mine");
    CHECK(render_anki_card("{{Tags}}", "", fields, cap).question == "mine");
    CHECK(render_anki_card("{{text:Front}}", "", fields, cap).question == "bold &amp; co");
    CHECK(
        render_anki_card("{{hint:Front}}|{{tts en_US:Front}}|{{unknown:Front}}|{{:Front}}", "", fields, cap).question ==
        "<b>bold</b> &amp; co|<b>bold</b> &amp; co|<b>bold</b> &amp; co|<b>bold</b> &amp; co");
    // {{type:Field}}: nothing on the front, the field on the back.
    auto typed = render_anki_card("{{Front}}{{type:Back}}", "{{FrontSide}}<hr id=answer>{{type:Back}}",
                                  basic("q", "the answer"), cap);
    CHECK(typed.question == "q");
    CHECK(typed.answer == "the answer");
    // Furigana, kanji and kana.
    auto japanese = basic("日本[にほん] 語[ご]です [sound:a.mp3]", "");
    CHECK(render_anki_card("{{kanji:Front}}", "", japanese, cap).question == "日本語です [sound:a.mp3]");
    CHECK(render_anki_card("{{kana:Front}}", "", japanese, cap).question == "にほんごです [sound:a.mp3]");
    CHECK(render_anki_card("{{furigana:Front}}", "", japanese, cap).question ==
          "<ruby><rb>日本</rb><rt>にほん</rt></ruby><ruby><rb>語</rb><rt>ご</rt></ruby>です [sound:a.mp3]");
}

TEST_CASE("anki template: conditionals, nested, and a blank front", "[import][anki-template]") {
    const std::string question = "{{#Back}}has {{^Front}}no front{{/Front}}{{#Front}}{{Front}}{{/Front}}{{/Back}}";
    CHECK(render_anki_card(question, "", basic("a", "b"), cap).question == "has a");
    CHECK(render_anki_card(question, "", basic("", "b"), cap).question == "has no front");
    CHECK(render_anki_card(question, "", basic("a", ""), cap).question.empty());
    // Blank as Anki judges it: no field with text shown, whatever the template's own text.
    CHECK(render_anki_card("Q: {{Front}}", "", basic("", "b"), cap).blank);
    CHECK(render_anki_card("{{#Back}}{{Front}}{{/Back}}", "", basic("a", ""), cap).blank);
    CHECK_FALSE(render_anki_card("{{#Back}}{{Front}}{{/Back}}", "", basic("a", "b"), cap).blank);
    // Empty <br> and <div> tags and white space are no text.
    CHECK(render_anki_card("{{Front}}", "", basic(" <br> <div></div><BR/>", "b"), cap).blank);
    // "Basic (optional reversed card)": the reverse card exists while "Add Reverse" has text.
    AnkiCardFields optional = basic("a", "b");
    optional.fields.emplace_back("Add Reverse", "y");
    CHECK(render_anki_card("{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "", optional, cap).question == "b");
    optional.fields.back().second.clear();
    CHECK(render_anki_card("{{#Add Reverse}}{{Back}}{{/Add Reverse}}", "", optional, cap).blank);
}

TEST_CASE("anki template: a broken template is an error, as Anki shows one", "[import][anki-template]") {
    CHECK(render_anki_card("{{#Front}}x", "", basic("a", "b"), cap).error ==
          "front: {{#Front}} is never closed with "
          "{{/Front}}");
    CHECK(render_anki_card("x{{/Front}}", "", basic("a", "b"), cap).error ==
          "front: {{/Front}} closes no {{#Front}} or {{^Front}}");
    CHECK(render_anki_card("{{#Front}}{{#Back}}{{/Front}}{{/Back}}", "", basic("a", "b"), cap).error ==
          "front: {{/Front}} found where {{/Back}} was expected");
    CHECK(render_anki_card("{{Front}}", "{{#Back}}", basic("a", "b"), cap).error ==
          "back: {{#Back}} is never closed with {{/Back}}");
    // Unclosed braces are text; a comment hides what it holds.
    CHECK(render_anki_card("{{Front", "", basic("a", "b"), cap).question == "{{Front");
    CHECK(render_anki_card("a<!-- {{Back}} -->b{{Front}}", "", basic("x", "y"), cap).question == "abx");
    CHECK(render_anki_card("{{=<% %>=}}<%Front%> {{Back}}", "", basic("x", "y"), cap).question == "x {{Back}}");
    // The cap.
    CHECK(render_anki_card("{{Front}}{{Front}}{{Front}}", "", basic(std::string(2048, 'x'), ""), 4096).error ==
          "front: renders to more than 4 KiB");
}

TEST_CASE("anki template: cloze deletions on either side", "[import][anki-template][cloze]") {
    const std::string text = "{{c1::Canberra}} is the capital of {{c2::Australia::country}}; {{c1::it}} is inland";
    auto first = render_anki_card(stock_cloze_question, stock_cloze_answer, cloze(text, "extra", 0), cap);
    CHECK(first.question == "[...] is the capital of Australia; [...] is inland");
    CHECK(first.cloze_answers == std::vector<std::string>{"Canberra", "it"});
    CHECK(first.answer == "Canberra is the capital of Australia; it is inland<br>extra");
    CHECK_FALSE(first.blank);
    auto second = render_anki_card(stock_cloze_question, stock_cloze_answer, cloze(text, "", 1), cap);
    CHECK(second.question == "Canberra is the capital of [country]; it is inland");
    CHECK(second.cloze_answers == std::vector<std::string>{"Australia"});
    // No deletion of this number: blank, and the cloze filter renders nothing.
    auto third = render_anki_card(stock_cloze_question, stock_cloze_answer, cloze(text, "", 2), cap);
    CHECK(third.blank);
    CHECK(third.question.empty());
    // A typo is no deletion: the card is blank.
    CHECK(render_anki_card(stock_cloze_question, "", cloze("{{c1L::Paris}} is in France", "", 0), cap).blank);
    // Several numbers on one deletion, and nested deletions.
    auto both = cloze("{{c1,2::Paris}} and {{c3::the {{c4::Seine}} river}}", "", 0);
    CHECK(render_anki_card(stock_cloze_question, "", both, cap).question == "[...] and the Seine river");
    both.ordinal = 1;
    CHECK(render_anki_card(stock_cloze_question, "", both, cap).question == "[...] and the Seine river");
    both.ordinal = 2;
    auto outer = render_anki_card(stock_cloze_question, "", both, cap);
    CHECK(outer.question == "Paris and [...]");
    CHECK(outer.cloze_answers == std::vector<std::string>{"the Seine river"});
    both.ordinal = 3;
    CHECK(render_anki_card(stock_cloze_question, "", both, cap).question == "Paris and the [...] river");
    CHECK(anki_cloze_numbers("{{c1,2::Paris}} and {{c3::the {{c4::Seine}} river}} {{c0::x}}") ==
          std::set<int>{1, 2, 3, 4});
    // cloze-only and type:cloze.
    auto only = render_anki_card("{{cloze-only:Text}}", "{{cloze-only:Text}}|{{type:cloze:Text}}",
                                 cloze("{{c1::a::h}} {{c1::b}} {{c2::c}}", "", 0), cap);
    CHECK(only.question == "h, ...");
    CHECK(only.answer == "a, b|a, b");
    CHECK(render_anki_card("", "{{type:cloze:Text}}", cloze("{{c1::a}} {{c1::a}}", "", 0), cap).answer == "a");
    // A stray closing is text; an unclosed deletion is dropped with its text, as Anki does.
    CHECK(render_anki_card(stock_cloze_question, "", cloze("a }} {{c1::b}}", "", 0), cap).question == "a }} [...]");
    CHECK(render_anki_card(stock_cloze_question, "", cloze("{{c1::b}} and {{c1::open", "", 0), cap).question ==
          "[...] and ");
    // {{#c1}} holds on cloze card 1 only.
    CHECK(render_anki_card("{{#c1}}one{{/c1}}{{#c2}}two{{/c2}}", "", cloze("{{c1::x}}", "", 0), cap).question == "one");
}

TEST_CASE("anki template: hostile templates render in linear time", "[import][anki-template][hostile]") {
    const auto start = std::chrono::steady_clock::now();
    const std::size_t n = 200000;
    std::string open_braces(n * 2, '{');  // "{{" everywhere and no "}}"
    std::string opens;
    for (std::size_t i = 0; i < n / 8; ++i) opens += "{{#Front}}";
    std::string comments;
    for (std::size_t i = 0; i < n / 4; ++i) comments += "<!--{{";
    std::string deletions;
    for (std::size_t i = 0; i < n / 8; ++i) deletions += "{{c1::{{c2::";
    std::string ruby_text;
    for (std::size_t i = 0; i < n / 2; ++i) ruby_text += " [";
    ruby_text += "]";
    auto fields = basic(deletions, ruby_text);
    CHECK(render_anki_card(open_braces, open_braces, fields, cap).question == open_braces);
    CHECK_FALSE(render_anki_card(opens, "", fields, cap).error.empty());
    CHECK(render_anki_card(comments, "", fields, cap).question == comments);  // no comment is closed
    CHECK(render_anki_card("{{cloze:Front}}{{furigana:Back}}", "", fields, 64 * cap).error.empty());
    auto deep = cloze(deletions + std::string(n / 4, '}'), "", 0);
    CHECK(render_anki_card(stock_cloze_question, stock_cloze_answer, deep, 64 * cap).error.empty());
    // Quadratic work on these would take minutes; linear takes milliseconds.
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}
