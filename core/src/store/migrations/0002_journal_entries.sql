-- Owner: journal. Entries: sealed body, plaintext timestamps (the threat model allows
-- counts, times and sizes to be seen; never content).
CREATE TABLE entries (
    id         TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    body       BLOB    NOT NULL
) STRICT;

CREATE INDEX entries_newest_first ON entries (created_at DESC, id DESC);
