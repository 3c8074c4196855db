// `rolecall edit ID`: the card's text in $VISUAL or $EDITOR as a small file; what is saved replaces
// it, with the schedule and every answer kept and the text before logged (`rolecall card ID` shows
// it). A card built from a fact deck is edited in its source instead: this names the file and line.
#include "card_lookup.hpp"
#include "commands.hpp"

#include "rolecall/base/error.hpp"
#include "rolecall/decks/deck_source.hpp"
#include "rolecall/decks/deck_sync.hpp"
#include "rolecall/decks/fact_deck.hpp"
#include "rolecall/text/text_utils.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace rolecall::cli {

namespace {

struct EditedText {
    std::string front;
    std::string back;
    std::string tags;
};

constexpr std::string_view front_heading = "## front";
constexpr std::string_view back_heading = "## back";
constexpr std::string_view tags_heading = "## tags";

std::string edit_file_text(const CardRecord& card) {
    return fmt::format(
        "# rolecall edit: card {} ({}) of the deck '{}'.\n"
        "# Change the text under each heading, then save and quit. These lines above the first heading\n"
        "# are ignored. Saved unchanged, nothing changes; the schedule and the answers are kept either way.\n"
        "{}\n{}\n{}\n{}\n{}\n{}\n",
        card.id, shown_kind(card.kind, card.view), card.deck, front_heading, card.front, back_heading, card.back,
        tags_heading, card.tags);
}

std::string trimmed_block(const std::string& text) {
    std::string_view view = text;
    while (!view.empty() && (view.back() == '\n' || view.back() == ' ')) view.remove_suffix(1);
    while (!view.empty() && view.front() == '\n') view.remove_prefix(1);
    return std::string(view);
}

// Reads the saved file back; `where` names it in errors.
EditedText parse_edit_file(const std::string& text, const std::string& where) {
    EditedText edited;
    std::string* into = nullptr;
    bool seen_front = false;
    bool seen_back = false;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line) == front_heading) {
            into = &edited.front;
            seen_front = true;
        } else if (trim(line) == back_heading) {
            into = &edited.back;
            seen_back = true;
        } else if (trim(line) == tags_heading) {
            into = &edited.tags;
        } else if (into) {
            *into += line + '\n';
        }  // before the first heading: the comments, ignored
    }
    if (!seen_front || !seen_back) {
        throw Error(fmt::format("{}: the headings '{}' and '{}' are gone; nothing was changed", where, front_heading,
                                back_heading));
    }
    edited.front = printable_only(trimmed_block(edited.front));
    edited.back = printable_only(trimmed_block(edited.back));
    std::string tags;
    for (const auto& tag : split_list(printable_only(edited.tags), ' ')) {
        for (const auto& word : split_list(tag, '\n')) tags += (tags.empty() ? "" : " ") + word;
    }
    edited.tags = tags;
    if (edited.front.empty()) throw Error(fmt::format("{}: the front is empty; nothing was changed", where));
    return edited;
}

// Where a fact-deck card's fact is written: the source file and the line (0 when not found).
struct SourcePlace {
    std::filesystem::path file;
    int line = 0;
};

SourcePlace source_place(Context& context, const DeckRow& deck, const CardRecord& card) {
    std::filesystem::path file = deck.source_path;
    if (deck.source_path.starts_with(builtin_source_prefix)) {
        file = builtin_decks_dir(context.env(), context.executable()) /
               deck.source_path.substr(builtin_source_prefix.size());
    }
    try {
        const DeckSource source = read_deck_source(file, false, 1 << 20);
        return {file, source_line_of_note(parse_fact_deck(source.text, file.string()), card.note_key)};
    } catch (const Error&) {
        return {file, 0};  // the source moved or no longer parses: its name still says where to look
    }
}

std::string editor_command(Context& context) {
    for (const char* name : {"VISUAL", "EDITOR"}) {
        if (auto value = context.env()(name); value && !trim(*value).empty()) return *value;
    }
    return "vi";
}

}  // namespace

int run_edit(Context& context, const EditConfig& config) {
    Storage& storage = context.open_existing();
    require_cards(storage, {config.id});
    const CardRecord card = storage.card(config.id);
    const auto deck = storage.find_deck(card.deck);
    if (deck && !deck->source_path.empty()) {
        const SourcePlace place = source_place(context, *deck, card);
        const bool builtin = deck->source_path.starts_with(builtin_source_prefix);
        throw Error(
            fmt::format("card {} is built from the fact deck {}{}: edit the fact there, then run 'rolecall "
                        "build{}'",
                        card.id, place.file.string(), place.line ? fmt::format(":{}", place.line) : "",
                        builtin ? "" : " " + place.file.string()));
    }
    if (card.kind == CardKind::choice) {
        throw Error(
            fmt::format("card {} is a choice card made by an import; its options cannot be edited here", card.id));
    }

    // The file lives until the edit is saved: a text that cannot be saved stays there for the user.
    const auto dir = std::filesystem::temp_directory_path();
    const auto file = dir / fmt::format("rolecall-card-{}-{}.txt", card.id, ::getpid());
    {
        std::ofstream out(file);
        out << edit_file_text(card);
        if (!out.flush()) throw Error(fmt::format("{}: cannot write the file to edit (disk full?)", file.string()));
    }
    // The editor command is the user's shell words, as git and crontab use it ("code --wait").
    std::string quoted = "'";
    for (char c : file.string()) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    const std::string command = editor_command(context) + " " + quoted + "'";
    const int status = std::system(command.c_str());
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::filesystem::remove(file);
        throw Error(fmt::format("the editor ({}) did not finish cleanly; card {} is unchanged", editor_command(context),
                                card.id));
    }
    std::ifstream in(file);
    std::stringstream saved;
    saved << in.rdbuf();
    const EditedText edited = parse_edit_file(saved.str(), file.string());  // on error the file stays
    if (edited.front == card.front && edited.back == card.back && edited.tags == card.tags) {
        std::filesystem::remove(file);
        fmt::print("card {} unchanged\n", card.id);
        return 0;
    }
    const Day today = context.today(context.rollover_hour(storage));
    Storage::Transaction transaction(storage);
    storage.edit_card(card.id, edited.front, edited.back, edited.tags, today);
    // "Basic (and reversed card)": the reverse card shows the same two sides the other way round.
    for (const auto& sibling : storage.cards_of_note(card.note_id)) {
        if (sibling.id == card.id || sibling.text.kind != CardKind::recall) continue;
        if (sibling.text.front == card.back && sibling.text.back == card.front) {
            storage.edit_card(sibling.id, edited.back, edited.front, edited.tags, today);
            fmt::print("card {} (its reverse) changed too\n", sibling.id);
        }
    }
    transaction.commit();
    std::filesystem::remove(file);
    fmt::print("card {} changed; its schedule and answers are kept ('rolecall card {}' shows the text before)\n",
               card.id, card.id);
    return 0;
}

}  // namespace rolecall::cli
