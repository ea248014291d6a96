-- Owner: vault. The vault's identity and the key slots that wrap its data key.
-- Nothing here is secret: slots hold only the wrapped (encrypted) data key, and the KDF
-- parameters and salt are bound into the wrap as associated data.
PRAGMA application_id = 1231973743; -- 'Inmo'

CREATE TABLE vault (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    vault_id   TEXT    NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE key_slots (
    id             TEXT    PRIMARY KEY,
    kind           TEXT    NOT NULL CHECK (kind IN ('passphrase', 'recovery', 'platform')),
    kdf_memory_kib INTEGER,
    kdf_iterations INTEGER,
    kdf_lanes      INTEGER,
    salt           BLOB,
    wrapped_key    BLOB    NOT NULL,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;
