// Storage: the one module that talks to SQLite. It owns the schema, its migrations and every SQL
// statement rolecall runs; each statement is prepared once, cached, and bound, never built from text.
#pragma once

#include "rolecall/base/clock.hpp"
#include "rolecall/model.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;
struct sqlite3_session;

namespace rolecall {

class Storage {
public:
    // Opens (creating when asked) the database at `path` and migrates it to the current schema.
    // Refuses, untouched, a file that is not a rolecall database or comes from a newer rolecall.
    // `busy_ms`: how long to wait for another process's write before giving up with a message.
    static std::unique_ptr<Storage> open(const std::filesystem::path& path, bool create, int busy_ms = 5000);

    ~Storage();
    Storage(const Storage&) = delete;
    Storage& operator=(const Storage&) = delete;

    static constexpr int schema_version = 7;
    const std::filesystem::path& path() const { return m_path; }
    // Set when open() upgraded an older collection: the schema it had, and the copy made before.
    std::optional<int> migrated_from() const { return m_migrated_from; }
    const std::optional<std::filesystem::path>& migration_backup() const { return m_backup; }

    // A whole, consistent copy of the collection beside it ("rolecall.db.LABEL.bak", numbered when
    // taken): made before a schema upgrade and before a deck is deleted. Outside a transaction.
    std::filesystem::path copy_beside(const std::string& label);

    // A write transaction (BEGIN IMMEDIATE) that rolls back unless committed. Inside another one it
    // is a savepoint, so a deck sync can run on its own or as part of a larger import.
    class Transaction {
    public:
        explicit Transaction(Storage& storage);
        ~Transaction();
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        void commit();

    private:
        Storage& m_storage;
        bool m_outer = false;
        bool m_done = false;
    };

    // Change capture for sync (sync/sync.hpp), on once a collection has synced: SQLite's session
    // extension records what each write changed, and the changeset of every transaction is kept in
    // sync_outbox in that same transaction, stamped with the clock's time, until a sync sends it.
    bool capturing() const { return m_capture; }
    void start_capture();                                    // creates the sync tables when missing; turns capture on
    void set_clock(const Clock* clock) { m_clock = clock; }  // for the stamps; the system clock by default
    std::int64_t now_micros() const;                         // the clock, in microseconds since 1970 (UTC)
    // Keeps what the capture holds (a write outside a Transaction) in sync_outbox now.
    void flush_capture();
    // Runs `write` with capture paused: what sync applies from other devices is theirs to send.
    void without_capture(const std::function<void()>& write);
    std::string device_id();

    // Leaves the write-ahead log to grow until this connection closes, which checkpoints it: a review
    // session then never pauses on an answer to copy the log into the database.
    void defer_checkpoints();
    // A page cache of `mib` for this connection (SQLite's default is 2 MB): for a long write that
    // touches many pages, a sync, which would otherwise read and write the same pages again.
    void set_cache_size(int mib);

    // Settings
    std::optional<std::string> setting(const std::string& key);
    void set_setting(const std::string& key, const std::string& value);
    void remove_setting(const std::string& key);

    // Decks
    std::optional<DeckRow> find_deck(const std::string& name);
    std::vector<DeckRow> decks();
    Id create_deck(const std::string& name, const std::string& source_path, const std::string& source_hash);
    void set_deck_source(Id deck, const std::string& source_path, const std::string& source_hash);
    std::vector<DeckCounts> deck_counts(Day today);

    // The categories a deck tells apart, with the aliases a "which one?" answer may use
    void replace_categories(Id deck, const std::vector<Category>& categories);
    std::vector<Category> categories_of_deck(Id deck);

    // Notes and cards, written by NoteWriter (decks/note_writer.hpp) one note at a time, so memory
    // stays flat whatever the size of a build or an import.
    bool deck_has_notes(Id deck);
    std::optional<StoredNote> note_by_key(Id deck, const std::string& key);
    // Inserts the note unless the deck has one with its key: its id, or nullopt when it was there.
    std::optional<Id> insert_note_if_new(Id deck, const NoteDraft& note);
    void update_note(Id note, const NoteDraft& text, bool retired);
    std::vector<StoredCard> cards_of_note(Id note);
    Id insert_card(Id deck, Id note, const CardDraft& card, std::int64_t new_rank);
    void update_card_text(Id card, const CardDraft& text);
    void set_card_retired(Id card, bool retired);
    // The one writer of a card's scheduling state (answers, undo, imported schedules).
    void set_card_state(Id card, const CardState& state);
    // Tracks the notes a write touched, so the notes a source no longer holds can be retired and a
    // note repeated in one write is written once. Notes inserted after the start count as seen.
    Id start_note_tracking();
    bool mark_note_seen(Id note);      // false when this write had already seen (or inserted) it
    int retire_unseen_notes(Id deck);  // returns how many cards were retired

    // A bulk write (an import) made cheaper, its checks kept: foreign keys are not enforced row by row
    // (the pragma only changes outside a transaction: make this before the import's Transaction) but
    // checked once, for the rows the import added, by finish(); past a size the new-card index is
    // dropped and built again in one sorted pass instead of taking each card at a random place; and
    // the cards it adds are left out of the full-text index for the first search to add
    // (index_pending_text()).
    class BulkImport {
    public:
        explicit BulkImport(Storage& storage);
        ~BulkImport();
        BulkImport(const BulkImport&) = delete;
        BulkImport& operator=(const BulkImport&) = delete;
        void begin();   // inside the transaction, before the first insert
        void finish();  // inside the transaction, before the commit (or the dry run's rollback)

    private:
        Storage& m_storage;
        bool m_foreign_keys_off = false;
    };

    // The review queue
    // Cards due by `due_by`; a card buried is judged on `today` (the study day), which is later
    // than due_by only when reviewing ahead. Absent, today is due_by.
    std::vector<Id> due_cards(DeckFilter deck, Day due_by, int limit, std::optional<Day> today = std::nullopt);
    // Buried cards (see bury_cards()) wait until their day; every queue read takes today for that.
    std::vector<Id> new_cards(DeckFilter deck, Day today, int limit);
    // The first `limit` new cards of one deck with their ranks, for picking across decks.
    std::vector<std::pair<Id, std::int64_t>> ranked_new_cards(Id deck, Day today, int limit);
    // Counts stop at `at_most` (-1: no cap): a session needs no more than its daily limit, and
    // counting 20,000 due cards would cost more than the rest of its start-up.
    int count_due(DeckFilter deck, Day due_by, int at_most = -1, std::optional<Day> today = std::nullopt);
    int count_new(DeckFilter deck, Day today, int at_most = -1);
    DayCounts day_counts(DeckFilter deck, Day day);
    // Cards whose latest answer on `day` scored below the same-day threshold, in answer order.
    std::vector<Id> cards_to_drill(DeckFilter deck, Day day);
    std::optional<Day> next_due_after(DeckFilter deck, Day today);
    // What a cram may take: every card not due on `today` (met or new), neither suspended nor
    // retired, without its facts; in id order.
    std::vector<CramCandidate> cram_candidates(DeckFilter deck, Day today);
    CardRecord card(Id id);
    // Siblings wait for another day. The facts a card shows, as "DECK:NOTE-KEY" (its note's key and
    // the keys its note shows), and the facts of every card with a first answer (not a drill) on `day`.
    std::vector<std::string> facts_of(Id card);
    std::map<Id, std::vector<std::string>> facts_of(const std::vector<Id>& cards);  // the same, for many
    std::vector<std::string> facts_answered_on(DeckFilter deck, Day day);
    // Choice cards (of `deck`, or every deck) that separate two roles: their answer is one of them and both are among
    // their options. Not answered on `today` (unless `answered_today`); cards already met first (the
    // one answered longest ago first), then new ones (only new ones with `new_only`).
    std::vector<Id> cards_separating(DeckFilter deck, const std::string& first, const std::string& second, Day today,
                                     bool new_only, int limit, bool answered_today = false);

    // Logs an answer and, unless it is a drill, moves the card to the answer's after-state; one
    // transaction. Writes nothing and returns nullopt when the card is no longer in `answer.before`
    // (another rolecall answered it meanwhile): the caller grades the fresh state instead, so neither
    // answer is lost.
    [[nodiscard]] std::optional<Id> record_answer(const ReviewRecord& answer);
    // The same for an answer that made its card a leech: the tag and the suspension `leech` asks for
    // are written in the answer's transaction, and `changed` says which of them the card lacked.
    [[nodiscard]] std::optional<Id> record_answer(const ReviewRecord& answer, const LeechMark& leech,
                                                  LeechChange& changed);
    // Marks a logged answer undone and restores the card's state from the log, and takes back what
    // the answer did to it as a leech (`leech`, as record_answer() reported it); one transaction.
    // Returns the card id. Throws Error when a later answer to the same card would be overwritten.
    Id undo_answer(Id review, const LeechChange& leech = {});
    std::vector<Confusion> confusions(DeckFilter deck, Day from, Day to);
    // Every card of `deck` past its first answer, with its logged first answers of each day (for a
    // change of scheduler), in card id order.
    // With `answered_since`, only the cards with an answer on that day or later.
    std::vector<CardHistory> card_histories(Id deck, std::optional<Day> answered_since = std::nullopt);
    // Writes each card's state, all in one transaction.
    void set_card_states(const std::vector<std::pair<Id, CardState>>& states);

    // Statistics: read from review_days and choice_days, aggregates of the log kept with every answer
    // and undo (rebuild_aggregates() computes them afresh from the log).
    void rebuild_aggregates();
    // The same for the given (day, deck) pairs only, inside the caller's transaction (a sync).
    void rebuild_aggregates(const std::set<std::pair<Day, Id>>& days);
    void for_each_day_bucket(DeckFilter deck, std::optional<Day> since,
                             const std::function<void(const DayBucketCounts&)>& visit);
    std::vector<std::pair<Day, int>> due_by_day(DeckFilter deck, Day until);   // active cards due up to `until`
    std::vector<std::pair<EaseHundredths, int>> ease_counts(DeckFilter deck);  // cards past their first answer
    std::vector<CardRecord> hardest_cards(DeckFilter deck, int limit);         // most lapses first
    // Cards that lapsed and carry the tag "leech", suspended or not (retired ones aside); most lapses first.
    std::vector<CardRecord> leech_cards(DeckFilter deck);
    std::vector<ChoiceCount> choice_counts(DeckFilter deck, std::optional<Day> since);  // per deck
    std::vector<std::string> category_names(DeckFilter deck);  // in deck and category order, no repeats
    // Non-drill answers (undone ones aside) by first-or-review and grade, with their response times.
    std::vector<GradeTally> grade_tallies(DeckFilter deck);
    // Records how many cards each deck has due at the start of `day` (once per day; later calls keep it).
    void snapshot_due(Day day);
    std::vector<std::pair<Day, int>> due_snapshots(DeckFilter deck, std::optional<Day> since);

    // The held-out checkup: a fact deck's question pool (replaced whole at each build) and every
    // checkup taken, kept answer by answer.
    void replace_checkup_questions(Id deck, const std::vector<CheckupQuestion>& questions);
    std::vector<CheckupQuestion> checkup_questions(Id deck);
    std::map<std::string, int> checkup_times_asked(Id deck);  // question key -> checkups that asked it
    Id start_checkup(Id deck, Day day, const std::string& taken_at, int asked);
    // Logs one answer and adds it to the checkup's score, in one transaction.
    void record_checkup_answer(Id checkup, const std::string& question_key, const std::string& expected,
                               const std::string& chosen, int response_ms);
    // Checkups with at least one answer, oldest first.
    std::vector<CheckupScore> checkup_scores(DeckFilter deck);

    // Card management (`rolecall cards`, `card`, `suspend`, `bury`, `edit`, `deck`)
    // Adds the cards an import left out to the full-text index (one statement, its own write
    // transaction); nothing to do, and no write, when none wait. search_cards() calls it when it
    // has words to look up.
    void index_pending_text();
    // The cards a search finds, in id order, at most `limit`; `today` decides is:due and is:buried.
    void search_cards(const CardSearch& search, Day today, int limit,
                      const std::function<void(const CardRecord&)>& visit);
    std::vector<Id> missing_cards(const std::vector<Id>& ids);  // the ids no card has
    std::vector<ReviewRecord> reviews_of_card(Id card);         // answers not undone, oldest first
    std::vector<CardEdit> edits_of_card(Id card);
    // Each its own transaction; return how many cards changed (the others already were so).
    int set_suspended(const std::vector<Id>& cards, bool suspended);
    int bury(const std::vector<Id>& cards, Day until);  // hidden from the queue before `until`
    // Inside the caller's transaction: keeps the text before in card_edits, then writes the new one.
    void edit_card(Id card, const std::string& front, const std::string& back, const std::string& tags, Day day);
    void rename_deck(Id deck, const std::string& name);
    // Inside the caller's transaction: the deck and everything in it (cards, notes, answers, checkups).
    void delete_deck(Id deck);

    // Exports, streamed row by row
    void for_each_card(DeckFilter deck, const std::function<void(const CardRecord&)>& visit);
    void for_each_review(DeckFilter deck, std::optional<Day> since,
                         const std::function<void(const ReviewRecord&)>& visit);

private:
    friend class Query;
    Storage(sqlite3* db, std::filesystem::path path, int busy_ms);
    void configure_and_migrate();
    void migrate(int from, bool has_tables);
    void add_to_aggregates(Id review, int sign);  // sign: +1 for an answer, -1 for its undo
    void exec(const char* sql);
    sqlite3_stmt* prepare(const char* sql);
    [[noreturn]] void fail(const std::string& doing) const;

    void attach_capture();
    void drop_capture();

    sqlite3* m_db;
    sqlite3_session* m_session = nullptr;
    bool m_capture = false;
    bool m_capture_paused = false;
    const Clock* m_clock = nullptr;
    std::filesystem::path m_path;
    std::map<const char*, sqlite3_stmt*> m_statements;  // keyed by the address of the SQL literal
    Id m_first_new_note = 0;                            // see start_note_tracking()
    Id m_first_new_card = 0;                            // see BulkImport::begin()
    std::int64_t m_bulk_cards = -1;                     // cards a bulk import inserted; -1: none running
    std::int64_t m_bulk_drop_after = 0;                 // ... past which cards_by_new_rank is dropped
    bool m_rank_index_dropped = false;
    std::optional<int> m_migrated_from;
    int m_busy_ms;
    std::optional<std::filesystem::path> m_backup;
};

}  // namespace rolecall
