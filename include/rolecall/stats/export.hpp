// Exports of cards and the review log as CSV (RFC 4180, header row) or JSON (nlohmann-json).
// Rows are streamed from storage, never collected in memory. The README documents both schemas.
#pragma once

#include "rolecall/scheduling/scheduler.hpp"
#include "rolecall/storage/storage.hpp"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <stdexcept>
#include <ostream>
#include <string_view>

namespace rolecall {

enum class ExportFormat { csv, json };

// Thrown when the output stops taking rows (a reader such as `head` went away, or the disk is full),
// so an export stops at once instead of formatting rows nobody reads.
struct OutputClosed : std::runtime_error {
    OutputClosed() : std::runtime_error("the output stopped taking data (closed, or the disk is full)") {}
};

// The JSON schema version of every export; bumped only when a field changes meaning or goes away.
inline constexpr int export_schema_version = 1;

ExportFormat export_format_from_string(std::string_view text);  // throws usage Error

// FSRS's figures of a card on one day, for exports: none for a new card. A card answered before it
// had a memory shows the estimate its next answer would start from.
struct CardMemory {
    std::optional<double> stability;
    std::optional<double> difficulty;
    std::optional<double> retrievability;
};
CardMemory card_memory(const CardRecord& card, Day today, const DeckSchedulers& schedulers);

// `today` and each deck's scheduler settings give the cards' retrievability.
void export_cards(Storage& storage, DeckFilter deck, ExportFormat format, std::ostream& out, Day today,
                  const DeckSchedulers& schedulers);
void export_reviews(Storage& storage, DeckFilter deck, std::optional<Day> since, ExportFormat format,
                    std::ostream& out);

// One card and one answer as the JSON exports write them (`rolecall cards --format json` and
// `rolecall card ID --json` print the same objects).
nlohmann::json card_json(const CardRecord& card, const CardMemory& memory);
nlohmann::json review_json(const ReviewRecord& review);

// RFC 4180 quoting of one field: quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);

}  // namespace rolecall
