// libFuzzer target: the renderer of Anki's card templates (import/anki_template.hpp), which reads a
// stranger's templates and fields. The input is NUL-separated: the question template, the answer
// template, then the fields Front, Back, Text and Extra; its first byte picks the card's ordinal and
// whether the note type is a cloze. Besides not crashing (ASan, UBSan) and finishing in linear time
// (libFuzzer's -timeout), every side stays within the byte cap.
#include "rolecall/import/anki_template.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace rolecall::import;
    if (size == 0) return 0;
    const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
    std::vector<std::string_view> parts;
    for (std::size_t pos = 0;;) {
        std::size_t end = input.find('\0', pos);
        parts.push_back(input.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    parts.resize(std::max<std::size_t>(parts.size(), 2));
    AnkiCardFields card;
    const char* names[] = {"Front", "Back", "Text", "Extra"};
    for (std::size_t i = 2; i < parts.size() && i < 6; ++i) card.fields.emplace_back(names[i - 2], parts[i]);
    card.ordinal = data[0] & 0x0f;
    card.cloze = (data[0] & 0x10) != 0;
    card.tags = "tag";
    card.deck = "A::B";
    constexpr std::size_t cap = 256 * 1024;
    const AnkiRenderedCard rendered = render_anki_card(parts[0], parts[1], card, cap);
    if (rendered.question.size() > cap || rendered.answer.size() > cap) __builtin_trap();
    if (!rendered.error.empty() && (!rendered.question.empty() || !rendered.answer.empty())) __builtin_trap();
    for (std::size_t i = 2; i < parts.size() && i < 6; ++i) anki_cloze_numbers(parts[i]);
    return 0;
}
