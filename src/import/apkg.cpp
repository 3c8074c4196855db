// Anki packages (.apkg): a zip holding the collection as SQLite. Newer packages carry it
// zstd-compressed as collection.anki21b beside a dummy collection.anki2 that only says "please
// update"; that dummy is never read when a newer file is there. A bare collection (collection.anki2,
// .anki21) is read the same way, without the unzipping. Each of Anki's cards becomes one card of
// rolecall's, its front and back rendered from the note type's template (anki_template.hpp).
#include "rolecall/base/clock.hpp"
#include "rolecall/base/day.hpp"
#include "rolecall/base/error.hpp"
#include "rolecall/import/anki_template.hpp"
#include "rolecall/import/html_text.hpp"
#include "rolecall/import/readers.hpp"
#include "rolecall/storage/anki_collection.hpp"
#include "rolecall/text/text_utils.hpp"

#include "apkg_archive.hpp"

#include <dlfcn.h>
#include <fmt/format.h>
#include <zstd.h>

#include <boost/date_time/posix_time/conversion.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <memory>
#include <set>
#include <string_view>
#include <vector>

namespace rolecall::import {

namespace {

// The fields of a note, as Anki joins them with 0x1f.
std::vector<std::string_view> split_fields(std::string_view joined) {
    std::vector<std::string_view> fields;
    std::size_t pos = 0;
    while (true) {
        std::size_t next = joined.find('\x1f', pos);
        fields.push_back(joined.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
        if (next == std::string_view::npos) break;
        pos = next + 1;
    }
    return fields;
}

// Anki's schedule as SM-2 state: the interval and ease carry over, the due day is counted from the
// collection's creation day. A relearning card keeps its interval and ease and is due today; a
// learning card is due today as a one-day card.
std::optional<CardState> schedule_of(const AnkiCard& card, Day created, Day today) {
    if (card.type != 1 && card.type != 2 && card.type != 3) return std::nullopt;
    CardState state;
    state.ease = card.factor > 0 ? std::clamp(card.factor / 10, minimum_ease, 1000) : initial_ease;
    state.lapses = std::max(0, card.lapses);
    if (card.type == 1) {
        state.interval_days = 1;
        state.repetitions = 1;
        state.due = today;
        return state;
    }
    state.interval_days = std::clamp(card.interval, 1, default_max_interval);
    // n >= 2, so the next success multiplies the interval instead of restarting at 1 or 6 days.
    state.repetitions = std::max(2, std::min(card.reps - card.lapses, 1000));
    const std::int64_t due = std::clamp<std::int64_t>(card.due, -default_max_interval, 2 * default_max_interval);
    state.due = card.type == 2 ? created + boost::gregorian::days(static_cast<long>(due)) : today;
    return state;
}

// Anki makes at most 500 cards of a note (cloze numbers past c500 share the last card).
constexpr int max_card_ordinal = 499;

// A card of the note that is not imported, and why (the detail follows "NOTE card N" in the report).
struct LeftOut {
    int ordinal;
    std::string kind, detail;
};

// The card of ours that an Anki card stands for: its identity within the note is the template
// ordinal ("forward" and "reverse" for the first two, as rolecall has always called them) or the cloze
// number.
std::string view_of(const AnkiNotetype& type, int ordinal) {
    if (type.cloze) return fmt::format("c{}", ordinal + 1);
    return ordinal == 0 ? "forward" : ordinal == 1 ? "reverse" : fmt::format("card{}", ordinal + 1);
}

std::string joined_text(const std::vector<std::string>& html, std::string_view separator) {
    std::string out;
    for (const auto& part : html) {
        std::string text = html_to_text(part);
        if (text.empty()) continue;
        if (!out.empty()) out.append(separator);
        out += text;
    }
    return out;
}

// Reads every note of an open collection, each card rendered from its note type's template.
class CollectionReader {
public:
    CollectionReader(AnkiCollection& collection, const std::filesystem::path& file, const ImportOptions& options)
        : m_collection(collection),
          m_file(file),
          m_label(file.string()),
          m_options(options),
          m_notetypes(collection.notetypes()),
          m_decks(collection.decks()),
          m_reviews(options.with_history ? collection.reviews() : std::map<std::int64_t, std::vector<AnkiReview>>{}),
          // A stranger's crt, kept to dates that a due day can be counted from (years 1970 to 3000).
          m_created(boost::posix_time::from_time_t(
                        static_cast<std::time_t>(std::clamp<std::int64_t>(collection.created_at(), 0, 32503680000)))
                        .date()) {}

    void read(const NoteSink& sink, const ReadProgress& progress) {
        ReadStats stats;
        std::error_code ec;
        stats.size = std::filesystem::file_size(m_file, ec);
        m_collection.for_each_note([&](const AnkiNote& row) {
            read_note(row, sink);
            if (++stats.notes > m_options.max_rows) {
                throw Error(fmt::format("{}: more than {} notes; raise --max-rows", m_label, m_options.max_rows));
            }
            if (stats.notes % 1024 == 0 && progress) progress(stats);
        });
        stats.bytes = stats.size;
        if (progress) progress(stats);
    }

private:
    std::string deck_name(std::int64_t id) const {
        auto found = m_decks.find(id);
        return found == m_decks.end() ? std::string() : printable_only(found->second);
    }

    // The note is left out and reported, as Anki's own import log does, rather than refusing the
    // whole package for it.
    void skip(const NoteSink& sink, const AnkiNote& row, std::string deck, std::string id, std::string kind,
              std::string detail) const {
        ImportedNote note;
        note.deck = std::move(deck);
        note.id = std::move(id);
        note.skip_kind = std::move(kind);
        note.skip_detail = std::move(detail);
        note.where = fmt::format("{}: note {}", m_label, row.id);
        sink(std::move(note));
    }

    void read_note(const AnkiNote& row, const NoteSink& sink) {
        static const AnkiNotetype unknown_type{"", false, {}, {}};
        auto found_type = m_notetypes.find(row.notetype);
        const AnkiNotetype& type = found_type == m_notetypes.end() ? unknown_type : found_type->second;
        const std::string home_deck = row.cards.empty() ? std::string() : deck_name(row.cards.front().deck);
        std::string deck = !m_options.deck.empty() ? m_options.deck
                           : !home_deck.empty()    ? home_deck
                                                   : default_deck_name(m_file, m_options);
        const std::vector<std::string_view> html = split_fields(row.fields);  // never empty
        std::vector<std::string> texts;
        for (std::string_view field : html) texts.push_back(html_to_text(field));
        for (std::size_t i = 0; i < texts.size(); ++i) {
            if (texts[i].size() > m_options.max_field_bytes) {
                skip(sink, row, deck, std::to_string(row.id), "field over --max-field",
                     fmt::format("field {} is {} KiB, over --max-field {} KiB", i + 1, (texts[i].size() + 1023) / 1024,
                                 m_options.max_field_bytes / 1024));
                return;
            }
        }
        std::string tags(trim(printable_only(row.tags)));
        ImportedNote note;
        note.deck = deck;
        note.key = row.guid.empty() ? "front:" + texts[0] : "guid:" + printable_only(row.guid);
        std::string rest;
        for (std::size_t i = 1; i < texts.size(); ++i) {
            if (!texts[i].empty()) rest += (rest.empty() ? "" : "\n") + texts[i];
        }
        note.fact = type.cloze && rest.empty() ? texts[0] : texts[0] + " | " + rest;
        note.where = fmt::format("{}: note {}", m_label, row.id);

        AnkiCardFields fields;
        for (std::size_t i = 0; i < html.size() && i < type.fields.size(); ++i) {
            fields.fields.emplace_back(type.fields[i], std::string(html[i]));
        }
        for (std::size_t i = html.size(); i < type.fields.size(); ++i) fields.fields.emplace_back(type.fields[i], "");
        fields.tags = tags;
        fields.notetype = type.name;
        fields.cloze = type.cloze;
        // Each side may hold every field a few times over, no more.
        const std::size_t cap = std::max<std::size_t>(4 * m_options.max_field_bytes, 64 * 1024);

        std::vector<const AnkiCard*> sources;
        std::vector<LeftOut> left_out;
        for (const AnkiCard& card : row.cards) {
            if (!sources.empty() && sources.back()->ordinal == card.ordinal) continue;  // one card per ordinal
            if (!left_out.empty() && left_out.back().ordinal == card.ordinal) continue;
            const AnkiTemplate* templ =
                card.ordinal < 0 || card.ordinal > max_card_ordinal ? nullptr : type.template_for(card.ordinal);
            if (templ == nullptr) {
                left_out.push_back({card.ordinal, "no template", "its note type has no template for it"});
                continue;
            }
            fields.deck = deck_name(card.deck);
            fields.template_name = templ->name;
            fields.flag = card.flags & 7;
            fields.ordinal = card.ordinal;
            const AnkiRenderedCard rendered = render_anki_card(templ->question, templ->answer, fields, cap);
            CardDraft draft;
            if (rendered.error.empty() && !rendered.blank) draft.front = html_to_text(rendered.question);
            if (!rendered.error.empty()) {
                const bool too_long = rendered.error.find("renders to more than") != std::string::npos;
                left_out.push_back({card.ordinal, too_long ? "card too long" : "template error", rendered.error});
                continue;
            }
            if (draft.front.empty()) {
                left_out.push_back({card.ordinal, "empty front", "empty front"});
                continue;
            }
            draft.view = view_of(type, card.ordinal);
            draft.tags = tags;
            if (type.cloze) {
                // As rolecall's own cloze cards: the deletion is the answer, the whole text the fact.
                draft.kind = CardKind::cloze;
                draft.explanation = html_to_text(rendered.answer);
                draft.back = joined_text(rendered.cloze_answers, ", ");
                if (draft.back.empty()) draft.back = draft.explanation;
            } else {
                draft.kind = CardKind::recall;
                draft.back = html_to_text(rendered.answer);
            }
            note.cards.push_back(std::move(draft));
            sources.push_back(&card);
        }

        if (note.cards.empty()) {
            skip_whole_note(sink, row, type, texts, deck, left_out);
            return;
        }
        if (m_options.keep_schedule || m_options.with_history) {
            for (const AnkiCard* card : sources) {
                note.schedules.push_back(schedule_of(*card, m_created, m_options.today));
                note.suspended.push_back(card->queue == -1);  // buried (-2, -3) is for a day: not kept
            }
        }
        if (m_options.with_history) {
            for (const AnkiCard* card : sources) note.histories.push_back(history_of(card->id));
        }
        sink(std::move(note));
        // A card Anki would show blank or broken, beside cards that are fine: reported on its own.
        for (const auto& card : left_out) {
            skip(sink, row, deck, fmt::format("{} card {}", row.id, card.ordinal + 1), card.kind, card.detail);
        }
    }

    void skip_whole_note(const NoteSink& sink, const AnkiNote& row, const AnkiNotetype& type,
                         const std::vector<std::string>& texts, const std::string& deck,
                         const std::vector<LeftOut>& left_out) const {
        const std::string id = std::to_string(row.id);
        if (row.cards.empty()) {
            skip(sink, row, deck, id, "no cards", "the package holds no card of it");
            return;
        }
        const bool all_blank = std::all_of(left_out.begin(), left_out.end(),
                                           [](const LeftOut& card) { return card.kind == "empty front"; });
        if (all_blank && type.cloze) {
            std::set<int> numbers;
            for (std::string_view field : split_fields(row.fields)) {
                for (int number : anki_cloze_numbers(field)) numbers.insert(number);
            }
            skip(sink, row, deck, id, "cloze without a deletion",
                 numbers.empty() ? std::string("a cloze note without a {{c1::...}} deletion")
                                 : fmt::format("no deletion for card {}", left_out.front().ordinal + 1));
        } else if (all_blank && texts[0].empty()) {
            skip(sink, row, deck, id, "empty first field", "empty first field");
        } else if (all_blank) {
            skip(sink, row, deck, id, "empty front", "every card's front is empty");
        } else {
            const LeftOut& first = *std::find_if(left_out.begin(), left_out.end(),
                                                 [](const LeftOut& card) { return card.kind != "empty front"; });
            skip(sink, row, deck, id, first.kind, fmt::format("card {}: {}", first.ordinal + 1, first.detail));
        }
    }

    // A card's answers as rolecall logs them: Anki's buttons Again/Hard/Good/Easy as grades 1/3/4/5,
    // each on the study day of its time stamp.
    std::vector<ImportedAnswer> history_of(std::int64_t card) const {
        static constexpr std::array<int, 5> grade_of_button = {0, 1, 3, 4, 5};
        std::vector<ImportedAnswer> answers;
        const auto found = m_reviews.find(card);
        if (found == m_reviews.end()) return answers;
        for (const AnkiReview& review : found->second) {
            // A stranger's time stamps, kept to dates a calendar follows (years 1970 to 3000).
            const std::chrono::system_clock::time_point at{
                std::chrono::milliseconds(std::clamp<std::int64_t>(review.id, 0, 32503680000000))};
            answers.push_back(ImportedAnswer{fmt::format("anki:{}", review.id), study_day(at, m_options.rollover_hour),
                                             format_timestamp(at),
                                             grade_of_button[static_cast<std::size_t>(review.button)],
                                             std::clamp(review.time_ms, 0, 24 * 3600 * 1000)});
        }
        return answers;
    }

    AnkiCollection& m_collection;
    const std::filesystem::path& m_file;
    const std::string m_label;
    const ImportOptions& m_options;
    const std::map<std::int64_t, AnkiNotetype> m_notetypes;
    const std::map<std::int64_t, std::string> m_decks;
    const std::map<std::int64_t, std::vector<AnkiReview>> m_reviews;  // --with-history: by card id
    const Day m_created;
};

// A bare collection (collection.anki2, .anki21, an old .anki) is an SQLite file: its first 16 bytes.
bool is_sqlite_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::array<char, 16> head{};
    in.read(head.data(), head.size());
    return in.gcount() == 16 && starts_like_sqlite(std::string_view(head.data(), head.size()));
}

}  // namespace

void read_apkg(const std::filesystem::path& file, const ImportOptions& options, const NoteSink& sink,
               const ReadProgress& progress) {
    const std::string label = file.string();
    if (is_sqlite_file(file)) {
        // A collection Anki has open keeps its latest changes in a -wal file beside it, which an
        // immutable reader would not see.
        std::error_code ec;
        const std::filesystem::path wal = file.string() + "-wal";
        if (std::filesystem::exists(wal, ec) && std::filesystem::file_size(wal, ec) > 0 && !ec) {
            throw Error(
                fmt::format("{}: Anki has this collection open, or was not closed ({} is beside it); close "
                            "Anki and import again, or export an .apkg",
                            label, wal.filename().string()));
        }
        AnkiCollection collection(file, label);
        CollectionReader(collection, file, options).read(sink, progress);
        return;
    }
    PrivateDir dir;
    const auto copy = dir.path() / "collection.sqlite";  // our own name: no archive name is ever a path
    unpack_collection(file, label, copy, options.max_unpacked_bytes);
    AnkiCollection collection(copy, label);
    CollectionReader(collection, file, options).read(sink, progress);
}

}  // namespace rolecall::import
