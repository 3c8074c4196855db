// The current schema whole, as a new collection gets it: one script instead of every migration
// from 0 (schema.cpp). Each statement is the text SQLite keeps in sqlite_schema for a collection
// built by the migrations (an ALTER TABLE's column is where SQLite wrote it), so both give the
// same sqlite_schema; the test "storage: a new collection has the schema the migrations build"
// compares them. A new migration changes this script too.
//
// Why: replaying the migrations (a table rebuilt, thirteen ALTER TABLEs, each reloading the
// schema) took 30 million instructions, two fifths of a 1,000-row import into a new database.
#include "storage_internal.hpp"

namespace rolecall {

const char* const fresh_schema_sql = R"sql(
CREATE TABLE decks (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    source_path TEXT NOT NULL DEFAULT '',
    source_hash TEXT NOT NULL DEFAULT ''
, uid TEXT);
CREATE TABLE notes (
    id       INTEGER PRIMARY KEY,
    deck_id  INTEGER NOT NULL REFERENCES decks(id),
    key      TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    fact     TEXT NOT NULL,
    retired  INTEGER NOT NULL DEFAULT 0, shows TEXT NOT NULL DEFAULT '',
    UNIQUE (deck_id, key)
);
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
, sm2_interval_before INTEGER, stability_before REAL, difficulty_before REAL, sm2_interval_after INTEGER, stability_after REAL, difficulty_after REAL, source TEXT, uid TEXT);
CREATE INDEX reviews_by_day ON reviews (day, deck_id);
CREATE INDEX reviews_by_card ON reviews (card_id, id);
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
CREATE TABLE "cards" (
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
    retired       INTEGER NOT NULL DEFAULT 0, choice_roles TEXT NOT NULL DEFAULT '', why_not TEXT NOT NULL DEFAULT '', buried_until TEXT, sm2_interval INTEGER, stability REAL, difficulty REAL,
    UNIQUE (note_id, view)
);
CREATE INDEX cards_by_deck ON cards (deck_id, due, ease) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_lapses ON cards (lapses DESC, ease, id) WHERE lapses > 0 AND retired = 0;
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
CREATE INDEX cards_by_due ON cards (due, id, buried_until) WHERE due IS NOT NULL AND suspended = 0 AND retired = 0;
CREATE INDEX cards_by_new_rank ON cards (new_rank, id, buried_until) WHERE due IS NULL AND suspended = 0 AND retired = 0;
CREATE VIRTUAL TABLE cards_text USING fts5(front, back, content = 'cards', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2');
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
CREATE UNIQUE INDEX reviews_by_source ON reviews (source) WHERE source IS NOT NULL;
CREATE TABLE cards_text_pending (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    first_card INTEGER NOT NULL
);
CREATE TRIGGER cards_text_insert AFTER INSERT ON cards WHEN new.id < coalesce((SELECT first_card FROM cards_text_pending), new.id + 1) BEGIN INSERT INTO cards_text (rowid, front, back) VALUES (new.id, new.front, new.back); END;
CREATE TRIGGER cards_text_delete AFTER DELETE ON cards WHEN old.id < coalesce((SELECT first_card FROM cards_text_pending), old.id + 1) BEGIN
    INSERT INTO cards_text (cards_text, rowid, front, back) VALUES ('delete', old.id, old.front, old.back);
END;
CREATE TRIGGER cards_text_update AFTER UPDATE OF front, back ON cards
    WHEN (old.front IS NOT new.front OR old.back IS NOT new.back) AND old.id < coalesce((SELECT first_card FROM cards_text_pending), old.id + 1) BEGIN
    INSERT INTO cards_text (cards_text, rowid, front, back) VALUES ('delete', old.id, old.front, old.back);
    INSERT INTO cards_text (rowid, front, back) VALUES (new.id, new.front, new.back);
END;
CREATE UNIQUE INDEX decks_by_uid ON decks (uid);
CREATE UNIQUE INDEX reviews_by_uid ON reviews (uid);
CREATE TABLE device (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO device (key, value) VALUES ('id', lower(hex(randomblob(8))));
)sql";

}  // namespace rolecall
