// The renderer of Anki's card templates, on its own: fields, filters, conditionals, cloze and the
// answer side without {{FrontSide}}.
#include "rolecall/import/anki_template.hpp"
#include "rolecall/import/html_text.hpp"

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
    CHECK(html_to_text(card.answer) == "cat");  // the white space around the rule is the template's
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
    // The renderer leaves the template's white space as it is; html_to_text collapses it as a browser
    // does: one space between words (also before a link), a line per block.
    const std::string question =
        render_anki_card("Q:\n  {{Front}}\n\n<div>\n{{Back}}\n</div>\n", "", basic("a", "b"), cap).question;
    CHECK(question == "Q:\n  a\n\n<div>\nb\n</div>\n");
    CHECK(html_to_text(question) == "Q: a\nb");
    CHECK(
        html_to_text(render_anki_card("View the\n    <a href=x>{{Front}}</a>.", "", basic("docs", ""), cap).question) ==
        "View the docs.");
    CHECK(render_anki_card("{{Front}}  {{Back}}", "", basic("a\nx", "b"), cap).question == "a\nx  b");
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
    CHECK(first.answer == "Canberra is the capital of Australia; it is inland<br>\nextra");
    CHECK_FALSE(first.blank);
    auto second = render_anki_card(stock_cloze_question, stock_cloze_answer, cloze(text, "", 1), cap);
    CHECK(second.question == "Canberra is the capital of [country]; it is inland");
    CHECK(second.cloze_answers == std::vector<std::string>{"Australia"});
    // A template that shows the sentence twice (Goethe A1: the card, and again in a hint box) gives
    // the deletions once: the answer was "Ab, Ab".
    auto twice = render_anki_card("{{cloze:Text}}<div style=\"display:none\">{{cloze:Text}}</div>", "{{cloze:Text}}",
                                  cloze("{{c1::Ab}} morgen", "", 0), cap);
    CHECK(twice.cloze_answers == std::vector<std::string>{"Ab"});
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
