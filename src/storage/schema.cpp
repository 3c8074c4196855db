// The schema and its migrations: what a collection holds at each version, and the way forward.
#include "storage_internal.hpp"

#include "rolecall/base/error.hpp"

#include <array>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <sqlite3.h>

namespace rolecall {

namespace {

constexpr int application_id = rolecall_application_id;

// Migrations run forward, each once, inside one transaction with the user_version bump.
// Entry i takes the schema from version i to version i + 1. A new collection gets the result in
// one script instead (fresh_schema.cpp): a migration added here is added there too.
constexpr std::array<const char*, Storage::schema_version> migrations = {
    R"sql(
CREATE TABLE decks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    source_path TEXT NOT NULL DEFAULT '',
    source_hash TEXT NOT NULL DEFAULT ''
);
CREATE TABLE notes (
    id       INTEGER PRIMARY KEY,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    key      TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    fact     TEXT NOT NULL,
    retired  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (deck_id, key)
);
CREATE TABLE cards (
    id            INTEGER PRIMARY KEY,
    note_id       INTEGER NOT NULL REFERENCES notes(id),
    deck_id       INTEGER NOT NULL REFERENCES decks(id),
    view          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('choice', 'recall', 'cloze', 'contrast')),
    front         TEXT NOT NULL,
    back          TEXT NOT NULL,
    choices       TEXT NOT NULL DEFAULT '',
    answer        TEXT NOT NULL DEFAULT '',
    explanation   TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '',
    new_rank      INTEGER NOT NULL DEFAULT 0,
    repetitions   INTEGER NOT NULL DEFAULT 0,
    ease          INTEGER NOT NULL DEFAULT 250,
    interval_days INTEGER NOT NULL DEFAULT 0,
    due           TEXT,
    lapses        INTEGER NOT NULL DEFAULT 0,
    suspended     INTEGER NOT NULL DEFAULT 0,
    retired       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (note_id, view)
);
CREATE INDEX cards_by_due ON cards (due, id) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_new_rank ON cards (new_rank, id) WHERE due IS NULL AND suspended = 0 AND retired = 0;
-- For statistics: the spread of E-Factors and the cards with the most lapses, without reading cards' text.
CREATE INDEX cards_by_ease ON cards (deck_id, ease) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_lapses ON cards (lapses DESC, ease, id) WHERE lapses > 0 AND retired = 0;
CREATE TABLE reviews (
    id              INTEGER PRIMARY KEY,
    card_id         INTEGER NOT NULL REFERENCES cards(id),
    deck_id         INTEGER NOT NULL REFERENCES decks(id),
    day             TEXT NOT NULL,
    answered_at     TEXT NOT NULL,
    grade           INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
    drill           INTEGER NOT NULL,
    response_ms     INTEGER NOT NULL,
    chosen          TEXT NOT NULL DEFAULT '',
    expected        TEXT NOT NULL DEFAULT '',
    reps_before     INTEGER NOT NULL,
    ease_before     INTEGER NOT NULL,
    interval_before INTEGER NOT NULL,
    due_before      TEXT,
    lapses_before   INTEGER NOT NULL,
    reps_after      INTEGER NOT NULL,
    ease_after      INTEGER NOT NULL,
    interval_after  INTEGER NOT NULL,
    due_after       TEXT,
    lapses_after    INTEGER NOT NULL,
    undone          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX reviews_by_day ON reviews (day, deck_id);
CREATE INDEX reviews_by_card ON reviews (card_id, id);
-- Aggregates of the log, kept in the same transaction as every answer and undo, so statistics
-- read a few rows a day instead of scanning a million answers. Both can be rebuilt from the log.
CREATE TABLE review_days (
    day         TEXT NOT NULL,
    deck_id     INTEGER NOT NULL REFERENCES decks(id),
    bucket      INTEGER NOT NULL,  -- interval bucket of the card before the answer; 0: a new card
    reviews     INTEGER NOT NULL,  -- non-drill answers
    correct     INTEGER NOT NULL,  -- of those, graded 3 or more
    drills      INTEGER NOT NULL,
    response_ms INTEGER NOT NULL,
    PRIMARY KEY (day, deck_id, bucket)
) WITHOUT ROWID;
CREATE TABLE choice_days (
    day      TEXT NOT NULL,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    expected TEXT NOT NULL,  -- the right option
    chosen   TEXT NOT NULL,  -- the option answered
    answers  INTEGER NOT NULL,
    PRIMARY KEY (day, deck_id, expected, chosen)
) WITHOUT ROWID;
-- Cards due when a study day's first session started: the one figure the log cannot give afterwards.
CREATE TABLE due_snapshots (
    day     TEXT NOT NULL,
    deck_id INTEGER NOT NULL REFERENCES decks(id),
    due     INTEGER NOT NULL,
    PRIMARY KEY (day, deck_id)
) WITHOUT ROWID;
CREATE TABLE categories (
    id       INTEGER PRIMARY KEY,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    aliases  TEXT NOT NULL DEFAULT '',
    summary  TEXT NOT NULL DEFAULT '',
    UNIQUE (deck_id, name)
);
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
)sql",
    // 1 -> 2: cards rebuilt (SQLite's 12-step recipe) with the kind check written as comparisons: the
    // IN list built a temporary index on every insert, a third of an import's time. cards_by_ease
    // becomes cards_by_deck, which also counts a deck's due cards without reading card rows.
    R"sql(
CREATE TABLE cards_v2 (
    id            INTEGER PRIMARY KEY,
    note_id       INTEGER NOT NULL REFERENCES notes(id),
    deck_id       INTEGER NOT NULL REFERENCES decks(id),
    view          TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind = 'choice' OR kind = 'recall' OR kind = 'cloze' OR kind = 'contrast'),
    front         TEXT NOT NULL,
    back          TEXT NOT NULL,
    choices       TEXT NOT NULL DEFAULT '',
    answer        TEXT NOT NULL DEFAULT '',
    explanation   TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '',
    new_rank      INTEGER NOT NULL DEFAULT 0,
    repetitions   INTEGER NOT NULL DEFAULT 0,
    ease          INTEGER NOT NULL DEFAULT 250,
    interval_days INTEGER NOT NULL DEFAULT 0,
    due           TEXT,
    lapses        INTEGER NOT NULL DEFAULT 0,
    suspended     INTEGER NOT NULL DEFAULT 0,
    retired       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (note_id, view)
);
INSERT INTO cards_v2 SELECT id, note_id, deck_id, view, kind, front, back, choices, answer, explanation, tags,
    new_rank, repetitions, ease, interval_days, due, lapses, suspended, retired FROM cards;
DROP TABLE cards;
ALTER TABLE cards_v2 RENAME TO cards;
CREATE INDEX cards_by_due ON cards (due, id) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_new_rank ON cards (new_rank, id) WHERE due IS NULL AND suspended = 0 AND retired = 0;
-- For statistics and the daily snapshot: a deck's due cards and their E-Factors, without reading cards' text.
CREATE INDEX cards_by_deck ON cards (deck_id, due, ease) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_lapses ON cards (lapses DESC, ease, id) WHERE lapses > 0 AND retired = 0;
)sql",
    // 2 -> 3: what choice cards teach. Each option's role (a contrast card offers two aspect values)
    // and the "why not" line shown when it is picked; the notes whose facts a note also shows; the held-out
    // checkup questions of a fact deck, and every checkup taken with its answers.
    R"sql(
ALTER TABLE cards ADD COLUMN choice_roles TEXT NOT NULL DEFAULT '';
ALTER TABLE cards ADD COLUMN why_not TEXT NOT NULL DEFAULT '';
-- Keys of other notes whose fact a note's cards also show: siblings across notes.
ALTER TABLE notes ADD COLUMN shows TEXT NOT NULL DEFAULT '';
-- Follow-ups after a wrong pick: a deck's choice cards by their answer, met ones by due day and new
-- ones by rank, so finding two cards that separate two roles reads a few rows, not the deck. Only
-- choice cards are in it: importing recall cards does not touch it.
CREATE INDEX cards_by_answer ON cards (deck_id, answer, due, new_rank)
    WHERE kind = 'choice' AND suspended = 0 AND retired = 0;
CREATE TABLE checkup_questions (
    id          INTEGER PRIMARY KEY,
    deck_id     INTEGER NOT NULL REFERENCES decks(id),
    key         TEXT NOT NULL,
    position    INTEGER NOT NULL,
    front       TEXT NOT NULL,
    choices     TEXT NOT NULL,
    answer      TEXT NOT NULL,
    explanation TEXT NOT NULL DEFAULT '',
    why_not     TEXT NOT NULL DEFAULT '',
    UNIQUE (deck_id, key)
);
CREATE TABLE checkups (
    id       INTEGER PRIMARY KEY,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    day      TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    asked    INTEGER NOT NULL,  -- questions drawn
    score    INTEGER NOT NULL,  -- right answers so far
    total    INTEGER NOT NULL   -- questions answered so far
);
CREATE INDEX checkups_by_day ON checkups (day, id);
CREATE TABLE checkup_answers (
    checkup_id   INTEGER NOT NULL REFERENCES checkups(id),
    question_key TEXT NOT NULL,
    expected     TEXT NOT NULL,
    chosen       TEXT NOT NULL,
    response_ms  INTEGER NOT NULL,
    PRIMARY KEY (checkup_id, question_key)
) WITHOUT ROWID;
)sql",
    // 3 -> 4: everyday card management. A full-text index of the cards' two sides for `rolecall cards`,
    // kept in step with every write by triggers, so an import, a build, an edit and a delete update it
    // in their own transaction; a card buried until a study day; the text a card had before each edit;
    // and the confusion counts rebuilt from first answers only (follow-up drills repeat a pair on
    // purpose and would inflate it).
    R"sql(
ALTER TABLE cards ADD COLUMN buried_until TEXT;
-- The queue's two indexes carry buried_until, so that leaving buried cards out still reads the
-- index alone: counting 1,000 due cards took 2 ms reading their rows instead of 0.1 ms.
DROP INDEX cards_by_due;
CREATE INDEX cards_by_due ON cards (due, id, buried_until) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
DROP INDEX cards_by_new_rank;
)sql" ROLECALL_CARDS_BY_NEW_RANK R"sql(;
CREATE VIRTUAL TABLE cards_text USING fts5(front, back, content = 'cards', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO cards_text (cards_text) VALUES ('rebuild');
CREATE TRIGGER cards_text_insert AFTER INSERT ON cards BEGIN
    INSERT INTO cards_text (rowid, front, back) VALUES (new.id, new.front, new.back);
END;
CREATE TRIGGER cards_text_delete AFTER DELETE ON cards BEGIN
    INSERT INTO cards_text (cards_text, rowid, front, back) VALUES ('delete', old.id, old.front, old.back);
END;
CREATE TRIGGER cards_text_update AFTER UPDATE OF front, back ON cards
    WHEN old.front IS NOT new.front OR old.back IS NOT new.back BEGIN
    INSERT INTO cards_text (cards_text, rowid, front, back) VALUES ('delete', old.id, old.front, old.back);
    INSERT INTO cards_text (rowid, front, back) VALUES (new.id, new.front, new.back);
END;
-- The cards tagged leech (stats lists them): read without the rows of every card that ever lapsed.
-- The expression is the one Storage::leech_cards() asks, so that SQLite uses this index.
CREATE INDEX cards_leeches ON cards (lapses DESC, ease, id)
    WHERE retired = 0 AND instr(' ' || tags || ' ', ' leech ') > 0;
CREATE TABLE card_edits (
    id           INTEGER PRIMARY KEY,
    card_id      INTEGER NOT NULL REFERENCES cards(id),
    day          TEXT NOT NULL,
    front_before TEXT NOT NULL,
    back_before  TEXT NOT NULL
);
CREATE INDEX card_edits_by_card ON card_edits (card_id, id);
DELETE FROM choice_days;
INSERT INTO choice_days (day, deck_id, expected, chosen, answers)
    SELECT day, deck_id, expected, chosen, count(*) FROM reviews WHERE undone = 0 AND drill = 0 AND chosen <> ''
    GROUP BY day, deck_id, expected, chosen;
)sql",
    // 4 -> 5: FSRS beside SM-2. A card's FSRS memory (stability, difficulty), and SM-2's own interval
    // where FSRS scheduled another (NULL: the same as interval_days), on the card and before and after
    // each logged answer, so that undo restores them and a switch of scheduler can replay the log; and
    // where an imported answer came from.
    // Nothing is rewritten: every existing row reads as SM-2 with no memory yet.
    R"sql(
ALTER TABLE cards ADD COLUMN sm2_interval INTEGER;
ALTER TABLE cards ADD COLUMN stability REAL;
ALTER TABLE cards ADD COLUMN difficulty REAL;
ALTER TABLE reviews ADD COLUMN sm2_interval_before INTEGER;
ALTER TABLE reviews ADD COLUMN stability_before REAL;
ALTER TABLE reviews ADD COLUMN difficulty_before REAL;
ALTER TABLE reviews ADD COLUMN sm2_interval_after INTEGER;
ALTER TABLE reviews ADD COLUMN stability_after REAL;
ALTER TABLE reviews ADD COLUMN difficulty_after REAL;
-- An answer imported from another program's log, by its id there: a re-import adds none twice.
ALTER TABLE reviews ADD COLUMN source TEXT;
CREATE UNIQUE INDEX reviews_by_source ON reviews (source) WHERE source IS NOT NULL;
)sql",
    // 5 -> 6: an import leaves its cards out of the full-text index, for the first search to add
    // (indexing 100,000 cards was a third of their import). The mark below says from which card id
    // the index lacks them; the triggers leave those cards alone. One row at most.
    R"sql(
CREATE TABLE cards_text_pending (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    first_card INTEGER NOT NULL
);
DROP TRIGGER cards_text_insert;
DROP TRIGGER cards_text_delete;
DROP TRIGGER cards_text_update;
)sql" ROLECALL_CARDS_TEXT_INSERT_TRIGGER R"sql(;
CREATE TRIGGER cards_text_delete AFTER DELETE ON cards WHEN )sql" ROLECALL_TEXT_INDEXED("old") R"sql( BEGIN
    INSERT INTO cards_text (cards_text, rowid, front, back) VALUES ('delete', old.id, old.front, old.back);
END;
CREATE TRIGGER cards_text_update AFTER UPDATE OF front, back ON cards
    WHEN (old.front IS NOT new.front OR old.back IS NOT new.back) AND )sql" ROLECALL_TEXT_INDEXED("old") R"sql( BEGIN
    INSERT INTO cards_text (cards_text, rowid, front, back) VALUES ('delete', old.id, old.front, old.back);
    INSERT INTO cards_text (rowid, front, back) VALUES (new.id, new.front, new.back);
END;
)sql",
    // 6 -> 7: sync between devices. Local row ids differ from device to device, so what is synced is
    // named by identities every device shares: a deck by the name it was created with (kept through a
    // rename), an answer by a globally unique id (an imported one by its source, so two devices that
    // import the same Anki history hold one copy). The device id names this collection's files in a
    // sync folder; it stays on this device (a copy of the file must not be synced as a second device).
    R"sql(
ALTER TABLE decks ADD COLUMN uid TEXT;
UPDATE decks SET uid = name;
CREATE UNIQUE INDEX decks_by_uid ON decks (uid);
ALTER TABLE reviews ADD COLUMN uid TEXT;
UPDATE reviews SET uid = coalesce(source, lower(hex(randomblob(12))));
CREATE UNIQUE INDEX reviews_by_uid ON reviews (uid);
CREATE TABLE device (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO device (key, value) VALUES ('id', lower(hex(randomblob(8))));
)sql",
};
}  // namespace

const char* const cards_by_new_rank_sql = ROLECALL_CARDS_BY_NEW_RANK;

void Storage::configure_and_migrate() {
    // Wait (5 s by default) for another rolecall to finish its short write before giving up with a message.
    sqlite3_busy_timeout(m_db, m_busy_ms);
    // Reading the schema first makes SQLite check the header: a non-database fails here, untouched.
    int version = 0;
    int app_id = 0;
    int tables = 0;
    {
        Query query(*this, "PRAGMA user_version");
        if (query.step()) version = query.integer(0);
    }
    {
        Query query(*this, "PRAGMA application_id");
        if (query.step()) app_id = query.integer(0);
    }
    {
        // The same read tells whether this collection has synced (its outbox exists): capture is on.
        Query query(*this, "SELECT count(*), count(*) FILTER (WHERE name = 'sync_outbox') FROM sqlite_schema");
        if (query.step()) {
            tables = query.integer(0);
            m_capture = query.integer(1) > 0;
        }
    }
    if (tables > 0 && app_id != application_id) {
        throw Error(
            fmt::format("{} is a SQLite database of another program, not rolecall's; pass --db with another path",
                        m_path.string()));
    }
    if (version > schema_version) {
        throw Error(
            fmt::format("{} was written by a newer rolecall (schema {}, this one reads up to {}); "
                        "upgrade rolecall to use it",
                        m_path.string(), version, schema_version));
    }
    // WAL lets a reader (an export) run beside a review; synchronous=NORMAL in WAL mode keeps every
    // committed answer across a crash of rolecall itself and costs no fsync per answer.
    exec("PRAGMA journal_mode = WAL");
    exec("PRAGMA synchronous = NORMAL");
    if (version < schema_version) migrate(version, tables > 0);
    exec("PRAGMA foreign_keys = ON");
    if (m_capture) attach_capture();
}

void Storage::migrate(int from, bool has_tables) {
    // A collection written by an older rolecall is copied first, whole and consistent, so a failed
    // or unwanted upgrade can be undone by hand.
    if (has_tables) m_backup = copy_beside(fmt::format("schema{}", from));
    // Foreign keys stay off while tables are rebuilt (the pragma is ignored inside a transaction), and
    // are checked as a whole before the commit.
    Transaction transaction(*this);
    if (from == 0 && !has_tables) {
        exec(fresh_schema_sql);  // a new collection: the same schema in one script
    } else {
        for (int step = from; step < schema_version; ++step) exec(migrations[static_cast<std::size_t>(step)]);
    }
    {
        Query query(*this, "PRAGMA foreign_key_check");
        if (query.step())
            throw Error(
                fmt::format("{}: the upgrade to schema {} found rows that point nowhere; "
                            "nothing was changed, restore the file from a backup",
                            m_path.string(), schema_version));
    }
    exec(fmt::format("PRAGMA application_id = {}", application_id).c_str());
    exec(fmt::format("PRAGMA user_version = {}", schema_version).c_str());
    transaction.commit();
    m_migrated_from = from;
}

}  // namespace rolecall
