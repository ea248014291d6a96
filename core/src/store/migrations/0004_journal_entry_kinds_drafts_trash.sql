-- Owner: journal. Entry kinds, drafts and the trash.
-- `format` says how the sealed body reads: 1 = plain text (schema 2, shown as a
-- reflection), 2 = the JSON document of docs/formats.md. Rows move to 2 when next edited,
-- so this migration needs no key. `trashed_at` is an instant, like the other plaintext
-- columns: whether an entry is in the trash is visible, never what it says.
ALTER TABLE entries ADD COLUMN format INTEGER NOT NULL DEFAULT 1 CHECK (format IN (1, 2));
ALTER TABLE entries ADD COLUMN trashed_at INTEGER;

DROP INDEX entries_newest_first;
CREATE INDEX entries_newest_first ON entries (created_at DESC, id DESC) WHERE trashed_at IS NULL;
CREATE INDEX entries_trash ON entries (trashed_at) WHERE trashed_at IS NOT NULL;

CREATE TABLE drafts (
    id         TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    content    BLOB    NOT NULL
) STRICT;
