-- Owner: rituals. Rituals of connection, their pauses, the log of what became of each
-- occurrence, and the settings every reminder shares.
-- `details` is sealed (title, notes, conversation guide). The schedule columns are
-- plaintext by design, so reminders can be planned while the vault is locked; `label` is
-- the lock-screen text the person chose to show, public by their choice.
CREATE TABLE rituals (
    id           TEXT    PRIMARY KEY,
    kind         INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    archived_at  INTEGER,
    details      BLOB    NOT NULL,
    cadence      TEXT    NOT NULL,
    times        TEXT    NOT NULL,
    start_date   TEXT    NOT NULL,
    zone         TEXT,
    lead_minutes INTEGER NOT NULL CHECK (lead_minutes >= 0),
    exact        INTEGER NOT NULL CHECK (exact IN (0, 1)),
    label        TEXT
) STRICT;

-- Dates from_date (inclusive) to until_date (exclusive) without reminders.
CREATE TABLE ritual_pauses (
    ritual_id  TEXT NOT NULL REFERENCES rituals (id) ON DELETE CASCADE,
    from_date  TEXT NOT NULL,
    until_date TEXT NOT NULL CHECK (until_date > from_date)
) STRICT;
CREATE INDEX ritual_pauses_by_ritual ON ritual_pauses (ritual_id, from_date);

-- One row per occurrence something happened to. `id` is `<ritual id>/<local time>`;
-- status 1 done, 2 skipped, 3 snoozed (until `snoozed_until`); `note` is sealed.
CREATE TABLE ritual_occurrences (
    id            TEXT    PRIMARY KEY,
    ritual_id     TEXT    NOT NULL REFERENCES rituals (id) ON DELETE CASCADE,
    local_time    TEXT    NOT NULL,
    status        INTEGER NOT NULL CHECK (status IN (1, 2, 3)),
    snoozed_until INTEGER CHECK ((status = 3) = (snoozed_until IS NOT NULL)),
    recorded_at   INTEGER NOT NULL,
    note          BLOB
) STRICT;
CREATE INDEX ritual_occurrences_by_time ON ritual_occurrences (local_time);
CREATE INDEX ritual_occurrences_by_ritual ON ritual_occurrences (ritual_id, local_time);

CREATE TABLE reminder_settings (
    id                     TEXT    PRIMARY KEY CHECK (id = 'settings'),
    quiet_start            TEXT,
    quiet_end              TEXT,
    catch_up_grace_minutes INTEGER NOT NULL
) STRICT;
