#include "rolecall/decks/cloze.hpp"

#include "rolecall/text/text_utils.hpp"

namespace rolecall {

namespace {

constexpr std::string_view open_mark = "{{";
constexpr std::string_view close_mark = "}}";
constexpr std::string_view hint_mark = "::";

// Walks the deletions of a cloze text, calling on_text for plain runs and on_deletion for each deletion.
template <typename OnText, typename OnDeletion>
void walk_cloze(std::string_view text, OnText on_text, OnDeletion on_deletion) {
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t open = text.find(open_mark, pos);
        std::size_t close = open == std::string_view::npos ? open : text.find(close_mark, open + 2);
        if (open == std::string_view::npos || close == std::string_view::npos) {
            on_text(text.substr(pos));
            return;
        }
        on_text(text.substr(pos, open - pos));
        std::string_view inner = text.substr(open + 2, close - open - 2);
        ClozeDeletion deletion;
        std::size_t hint = inner.find(hint_mark);
        deletion.answer = std::string(trim(inner.substr(0, hint)));
        if (hint != std::string_view::npos) deletion.hint = std::string(trim(inner.substr(hint + 2)));
        on_deletion(deletion);
        pos = close + 2;
    }
}

}  // namespace

std::vector<ClozeDeletion> cloze_deletions(std::string_view text) {
    std::vector<ClozeDeletion> deletions;
    walk_cloze(
        text, [](std::string_view) {}, [&](const ClozeDeletion& d) { deletions.push_back(d); });
    return deletions;
}

std::string cloze_front(std::string_view text, std::size_t index) {
    std::string out;
    std::size_t seen = 0;
    walk_cloze(
        text, [&](std::string_view plain) { out.append(plain); },
        [&](const ClozeDeletion& d) {
            if (seen++ == index) {
                out += "[" + (d.hint.empty() ? std::string("...") : d.hint) + "]";
            } else {
                out += d.answer;
            }
        });
    return out;
}

std::string cloze_full(std::string_view text) {
    std::string out;
    walk_cloze(
        text, [&](std::string_view plain) { out.append(plain); }, [&](const ClozeDeletion& d) { out += d.answer; });
    return out;
}

}  // namespace rolecall
