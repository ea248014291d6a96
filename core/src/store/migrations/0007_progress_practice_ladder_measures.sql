-- Owner: progress. Practice events (victories, setbacks, recommitting), practice pauses,
-- the vulnerability ladder and its attempts, check-in measures and their responses, the
-- progress model's sealed singletons (setback plan, streak settings) and the milestones
-- raised. Everything a person wrote or chose about themselves is sealed: which kind of
-- event, its context, triggers and what helped, ladder step texts and anxieties, measure
-- definitions, which measure a response answers and its answers, the plan, the settings,
-- which milestone was reached. Plaintext: ids, instants, and local dates for day buckets.
CREATE TABLE practice_events (
    id          TEXT    PRIMARY KEY,
    occurred_at INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    body        BLOB    NOT NULL
) STRICT;
CREATE INDEX practice_events_by_date ON practice_events (local_date);

-- Dates from_date (inclusive) to until_date (exclusive) on which the growth score is frozen.
CREATE TABLE progress_pauses (
    id         TEXT PRIMARY KEY,
    from_date  TEXT NOT NULL,
    until_date TEXT NOT NULL CHECK (until_date > from_date)
) STRICT;

CREATE TABLE ladder_steps (
    id         TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,
    body       BLOB    NOT NULL
) STRICT;

CREATE TABLE ladder_attempts (
    id           TEXT    PRIMARY KEY,
    step_id      TEXT    NOT NULL REFERENCES ladder_steps (id) ON DELETE CASCADE,
    attempted_at INTEGER NOT NULL,
    local_date   TEXT    NOT NULL,
    body         BLOB    NOT NULL
) STRICT;
CREATE INDEX ladder_attempts_by_step ON ladder_attempts (step_id);

CREATE TABLE measures (
    id         TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,
    definition BLOB    NOT NULL
) STRICT;

-- The measure a response answers is sealed with the answers (built-in reflection scales
-- would otherwise be named in the clear).
CREATE TABLE measure_responses (
    id          TEXT    PRIMARY KEY,
    answered_at INTEGER NOT NULL,
    local_date  TEXT    NOT NULL,
    answers     BLOB    NOT NULL
) STRICT;

CREATE TABLE progress_documents (
    id         TEXT    PRIMARY KEY CHECK (id IN ('setback_plan', 'streak_settings')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    content    BLOB    NOT NULL
) STRICT;

CREATE TABLE milestones (
    id        TEXT    PRIMARY KEY,
    raised_at INTEGER NOT NULL,
    content   BLOB    NOT NULL
) STRICT;
