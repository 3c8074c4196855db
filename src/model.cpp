#include "rolecall/model.hpp"

#include "rolecall/base/error.hpp"

#include <fmt/format.h>

namespace rolecall {

std::string_view to_string(CardKind kind) {
    switch (kind) {
        case CardKind::choice: return "choice";
        case CardKind::recall: return "recall";
        case CardKind::cloze: return "cloze";
        case CardKind::contrast: return "contrast";
    }
    return "recall";
}

std::string_view shown_kind(CardKind kind, std::string_view view) {
    return kind == CardKind::choice && view == "contrast" ? to_string(CardKind::contrast) : to_string(kind);
}

CardKind card_kind_from_string(std::string_view text) {
    for (auto kind : {CardKind::choice, CardKind::recall, CardKind::cloze, CardKind::contrast}) {
        if (to_string(kind) == text) return kind;
    }
    throw Error(fmt::format("unknown card kind '{}' in the database", text));
}

}  // namespace rolecall
