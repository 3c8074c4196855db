// A <ruby> element as html_text.cpp's converter gathers it: bases and their readings, written in
// Anki's furigana notation ("漢[かん]字[じ]"). Internal to the importer.
#pragma once

#include "rolecall/text/text_utils.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rolecall::import::html {

// A <ruby> element, gathered until it ends: its bases and their readings, in Anki's notation.
class Ruby {
public:
    enum class Part { none, base, reading, paren };

    void put(char c) {
        if (m_part == Part::paren) return;
        if (m_part == Part::none) start(Part::base);  // text outside <rb> is a base too
        m_parts.back().second.push_back(c);
    }
    void space() {
        if (m_part != Part::base && m_part != Part::reading) return;
        std::string& text = m_parts.back().second;
        if (!text.empty() && text.back() != ' ') text.push_back(' ');
    }
    void start(Part part) {
        m_part = part;
        if (part == Part::base || part == Part::reading) m_parts.emplace_back(part == Part::reading, std::string());
    }
    void end() { m_part = Part::none; }
    bool hides_text() const { return m_part == Part::paren; }

    // "漢[かん]字[じ]": each base with its reading in brackets. Bases and readings pair in order,
    // whether they alternate (漢<rt>かん</rt>字<rt>じ</rt>) or come in runs (<rb>漢</rb><rb>字</rb>
    // <rt>かん</rt><rt>じ</rt>); runs of unequal length share one reading.
    std::string notation(bool& has_reading) const {
        std::string out;
        std::vector<std::string_view> bases, readings;
        auto flush = [&] {
            if (!readings.empty()) has_reading = true;
            if (bases.size() == readings.size()) {
                for (std::size_t k = 0; k < bases.size(); ++k) {
                    out += bases[k];
                    out += '[';
                    out += readings[k];
                    out += ']';
                }
            } else {
                for (auto base : bases) out += base;
                if (!readings.empty()) out += '[';
                for (auto reading : readings) out += reading;
                if (!readings.empty()) out += ']';
            }
            bases.clear();
            readings.clear();
        };
        for (const auto& [is_reading, raw] : m_parts) {
            const std::string_view text = trim(raw);
            if (text.empty()) continue;
            if (!is_reading && !readings.empty()) flush();
            (is_reading ? readings : bases).push_back(text);
        }
        flush();
        return out;
    }

private:
    Part m_part = Part::none;
    std::vector<std::pair<bool, std::string>> m_parts;  // (a reading?, text)
};

}  // namespace rolecall::import::html
