// `rolecall import FILE...`: brings decks in from Anki, CSV, Quizlet and fact decks, all or nothing.
#include "commands.hpp"
#include "progress_line.hpp"

#include "rolecall/settings/settings.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/import/import.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <string_view>
#include <unistd.h>
#include <utility>

namespace rolecall::cli {

namespace {

// A field for the preview: one line (line breaks shown as \n), at most `width` terminal columns.
std::string preview_text(const std::string& text, std::size_t width = 60) {
    std::string line;
    for (char c : text) {
        if (c == '\n') {
            line += "\\n";
        } else {
            line += c == '\t' ? ' ' : c;
        }
    }
    return display_width(line) <= width ? line : cut_to_width(line, width, "") + "...";
}

// "';', guessed from the first row": the separator a delimited file was split with, and why.
std::string separator_text(const FileImport& file) {
    const std::string shown = file.separator == '\t'  ? std::string("tab")
                              : file.separator == ' ' ? std::string("space")
                                                      : fmt::format("'{}'", file.separator);
    switch (file.separator_source) {
        case SeparatorSource::option: return shown + " from --separator";
        case SeparatorSource::header: return shown + " from #separator";
        case SeparatorSource::guessed: return shown + ", guessed from the first row";
        case SeparatorSource::none: break;
    }
    return shown;
}

// --dry-run: how each file will be read, and its first notes as they will be stored.
void print_preview(const FileImport& file) {
    std::string how(to_string(file.format));
    if (file.separator_source != SeparatorSource::none) how += "; separator " + separator_text(file);
    if (file.header_row) how += "; the first row names the columns";
    fmt::print("{} ({}): {} note{}{}\n", file.name, how, file.notes, file.notes == 1 ? "" : "s",
               file.preview.empty()               ? ""
               : file.notes > file.preview.size() ? ", the first ones:"
                                                  : ":");
    for (const auto& note : file.preview) {
        fmt::print("  {}  deck: {}{}\n", note.where, preview_text(note.deck),
                   note.tags.empty() ? "" : "  tags: " + preview_text(note.tags));
        fmt::print("    front: {}\n", preview_text(note.front));
        fmt::print("    back:  {}\n", note.back.empty() ? "(empty)" : preview_text(note.back));
    }
}

// "skipped 2 notes: 1696969 (empty first field), ..." with at most five ids, on one line.
std::string skipped_text(const FileImport& file) {
    std::string text = fmt::format("{}: skipped {} note{}", file.name, file.skipped, file.skipped == 1 ? "" : "s");
    if (file.skipped <= file.first_skipped.size()) {
        for (std::size_t i = 0; i < file.first_skipped.size(); ++i) {
            text +=
                fmt::format("{} {} ({})", i == 0 ? ":" : ",", file.first_skipped[i].id, file.first_skipped[i].detail);
        }
        return text;
    }
    for (std::size_t i = 0; i < file.skipped_kinds.size(); ++i) {
        text += fmt::format("{}{} {}", i == 0 ? " (" : ", ", file.skipped_kinds[i].second, file.skipped_kinds[i].first);
    }
    text += ")";
    for (std::size_t i = 0; i < file.first_skipped.size(); ++i)
        text += (i == 0 ? ": " : ", ") + file.first_skipped[i].id;
    return text + fmt::format(" and {} more", file.skipped - file.first_skipped.size());
}

// --separator: a name (tab, comma, semicolon, pipe, colon, space, as #separator has them) or the
// characters themselves.
std::string separator_from_option(const std::string& value) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> names{{
        {"tab", "\t"},
        {"comma", ","},
        {"semicolon", ";"},
        {"pipe", "|"},
        {"colon", ":"},
        {"space", " "},
    }};
    for (const auto& [name, separator] : names) {
        if (normalize_for_match(value) == name) return std::string(separator);
    }
    return value;
}

}  // namespace

int run_import(Context& context, const ImportConfig& config) {
    ImportOptions options;
    options.format = import_format_from_string(config.format);
    options.deck = config.deck;
    options.separator = separator_from_option(config.separator);
    options.dry_run = config.dry_run;
    options.sync = config.sync;
    options.keep_schedule = config.keep_schedule || config.with_history;
    options.with_history = config.with_history;
    options.lenient = config.lenient;
    options.header = config.header;
    options.columns = ColumnMapping{config.front, config.back, config.tags, config.deck_column};
    if (config.max_field_kib < 1) throw usage_error("--max-field must be at least 1 (KiB)");
    if (config.max_rows < 1) throw usage_error("--max-rows must be at least 1");
    options.max_field_bytes = static_cast<std::size_t>(config.max_field_kib) * 1024;
    options.max_rows = static_cast<std::size_t>(config.max_rows);

    std::vector<std::filesystem::path> files(config.files.begin(), config.files.end());
    import_formats(files, options);  // an unknown file type or a bare "-" is refused before the collection opens

    Storage& storage = context.open_or_create();
    options.rollover_hour = context.rollover_hour(storage);
    options.today = context.today(options.rollover_hour);
    if (options.with_history) {
        options.scheduler = load_settings(storage, std::nullopt).scheduler;
        options.deck_schedulers = own_scheduler_configs(storage);
    }

    ImportReport report;
    {
        ProgressLine progress("importing", !context.quiet());
        report =
            import_files(storage, files, options, [&](std::uint64_t done, std::uint64_t total, std::uint64_t notes) {
                const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 0.0;
                const double seconds = progress.elapsed_seconds();
                progress.update(fraction, fmt::format("{} notes  {:.0f}/s  ETA {:.0f} s", notes,
                                                      seconds > 0 ? static_cast<double>(notes) / seconds : 0.0,
                                                      fraction > 0 ? seconds * (1 - fraction) / fraction : 0.0));
            });
    }
    if (options.dry_run) {
        for (const auto& file : report.files) print_preview(file);
    }
    for (const auto& deck : report.decks) {
        fmt::print("{}: {} added, {} updated, {} unchanged, {} retired, {} skipped{}\n", deck.deck, deck.added,
                   deck.updated, deck.unchanged, deck.retired, deck.skipped,
                   options.dry_run ? " (dry run: nothing written)" : "");
    }
    for (const auto& file : report.files) {
        if (file.skipped > 0) context.note(skipped_text(file));
        if (file.separator_source == SeparatorSource::none) continue;  // the rest is about delimited text
        if (file.notes > 0 && file.empty_backs == file.notes) {
            context.note(
                fmt::format("warning: {}: every note's back is empty: is the separator right? (separator {}; "
                            "--separator chooses one, --dry-run shows the notes first)",
                            file.name, separator_text(file)));
        } else if (file.format == ImportFormat::csv && file.separator_source == SeparatorSource::guessed &&
                   file.separator != ',') {
            context.note(fmt::format("{}: separator {} (as Anki does); --separator chooses another", file.name,
                                     separator_text(file)));
        }
    }
    if (options.with_history) {
        const HistoryCounts& history = report.history;
        fmt::print("history: {} added to {}, {} already here{}{}\n",
                   plural(static_cast<long long>(history.added), "answer", "answers"),
                   plural(static_cast<long long>(history.cards), "card", "cards"), history.known,
                   history.older > 0 ? fmt::format(", {} older than the cards' answers here left out", history.older)
                                     : std::string(),
                   options.dry_run ? " (dry run: nothing written)" : "");
    }
    if (report.replaced_invalid_utf8 > 0) {
        context.note(
            fmt::format("replaced {} invalid UTF-8 byte(s) with U+FFFD (--lenient)", report.replaced_invalid_utf8));
    }
    return 0;
}

}  // namespace rolecall::cli
