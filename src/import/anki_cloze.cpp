// Anki's cloze deletions ({{c1::text::hint}}), parsed and revealed as rslib's cloze.rs does.
#include "anki_template_parts.hpp"

#include <algorithm>

namespace rolecall::import::anki {

namespace {

constexpr std::size_t npos = std::string_view::npos;

// Anki stops nesting deletions at this depth: deeper openings are read as no deletion.
constexpr std::size_t max_cloze_depth = 10;

// "{{c1::" or "{{c1,2::" at text[at]: the numbers, and where the deletion's text starts.
bool cloze_opens_at(std::string_view text, std::size_t at, std::vector<int>& ordinals, std::size_t& inside) {
    if (text.compare(at, 3, "{{c") != 0) return false;
    ordinals.clear();
    std::size_t i = at + 3;
    int value = 0;
    bool digits = false;
    auto flush = [&] {
        if (digits && value <= 65535) ordinals.push_back(value);  // Anki reads them as u16
        value = 0;
        digits = false;
    };
    for (; i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == ','); ++i) {
        if (text[i] == ',') {
            flush();
        } else {
            value = std::min(value * 10 + (text[i] - '0'), 65536);
            digits = true;
        }
    }
    flush();
    if (ordinals.empty() || text.compare(i, 2, "::") != 0) return false;
    std::sort(ordinals.begin(), ordinals.end());
    ordinals.erase(std::unique(ordinals.begin(), ordinals.end()), ordinals.end());
    inside = i + 2;
    return true;
}

void append_clozed_text(const Cloze& cloze, std::string& out) {
    for (const auto& node : cloze.nodes) {
        if (node.cloze) {
            append_clozed_text(*node.cloze, out);
        } else {
            out.append(node.text);
        }
    }
}

}  // namespace

bool Cloze::active(int ordinal) const { return std::binary_search(ordinals.begin(), ordinals.end(), ordinal); }

bool Cloze::image_occlusion() const {
    return !nodes.empty() && !nodes.front().cloze && nodes.front().text.starts_with("image-occlusion:");
}

std::vector<ClozeNode> parse_clozes(std::string_view text) {
    std::vector<ClozeNode> output;
    std::vector<std::unique_ptr<Cloze>> open;
    std::vector<int> ordinals;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t inside = 0;
        if (cloze_opens_at(text, pos, ordinals, inside)) {
            if (open.size() < max_cloze_depth) {
                open.push_back(std::make_unique<Cloze>());
                open.back()->ordinals = ordinals;
            }
            pos = inside;
            continue;
        }
        if (text.compare(pos, 2, "}}") == 0) {
            pos += 2;
            if (open.empty()) {
                output.push_back(ClozeNode{"}}", nullptr});
                continue;
            }
            std::unique_ptr<Cloze> closed = std::move(open.back());
            open.pop_back();
            (open.empty() ? output : open.back()->nodes).push_back(ClozeNode{{}, std::move(closed)});
            continue;
        }
        // Plain text up to the next opening or closing: only a brace can start one.
        std::size_t end = pos + 1;
        while ((end = text.find_first_of("{}", end)) != npos) {
            if (text.compare(end, 2, "}}") == 0 || cloze_opens_at(text, end, ordinals, inside)) break;
            ++end;
        }
        if (end == npos) end = text.size();
        std::string_view run = text.substr(pos, end - pos);
        pos = end;
        if (open.empty()) {
            output.push_back(ClozeNode{run, nullptr});
            continue;
        }
        Cloze& cloze = *open.back();
        if (!run.starts_with("image-occlusion:")) {
            if (std::size_t hint = run.find("::"); hint != npos) {
                cloze.hint = run.substr(hint + 2);
                run = run.substr(0, hint);
            }
        }
        cloze.nodes.push_back(ClozeNode{run, nullptr});
    }
    return output;
}

std::string clozed_text(const Cloze& cloze) {
    std::string out;
    append_clozed_text(cloze, out);
    return out;
}

void reveal(const std::vector<ClozeNode>& nodes, int ordinal, bool question, bool& found, std::string& out,
            std::vector<std::string>* hidden) {
    for (const auto& node : nodes) {
        if (!node.cloze) {
            out.append(node.text);
            continue;
        }
        const Cloze& cloze = *node.cloze;
        const bool active = cloze.active(ordinal);
        found = found || active;
        if (cloze.image_occlusion()) continue;  // shapes drawn over an image: nothing to read
        if (question && active) {
            out += "[" + std::string(cloze.hint.value_or("...")) + "]";
            if (hidden != nullptr) hidden->push_back(clozed_text(cloze));
        } else {
            reveal(cloze.nodes, ordinal, question, found, out, hidden);
        }
    }
}

void reveal_only(const std::vector<ClozeNode>& nodes, int ordinal, bool question, std::vector<std::string>& out) {
    for (const auto& node : nodes) {
        if (!node.cloze) continue;
        const Cloze& cloze = *node.cloze;
        if (cloze.active(ordinal)) {
            out.push_back(question ? std::string(cloze.hint.value_or("...")) : clozed_text(cloze));
        }
        reveal_only(cloze.nodes, ordinal, question, out);
    }
}

void collect_numbers(const std::vector<ClozeNode>& nodes, std::set<int>& numbers) {
    for (const auto& node : nodes) {
        if (!node.cloze) continue;
        for (int ordinal : node.cloze->ordinals) {
            if (ordinal != 0) numbers.insert(ordinal);
        }
        collect_numbers(node.cloze->nodes, numbers);
    }
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0) out.append(separator);
        out += parts[i];
    }
    return out;
}

}  // namespace rolecall::import::anki
