-- Owner: vault. Recovery and platform key slots, and the key of automatic backups.
-- A platform slot keeps a random slot key wrapped by the phone's key store
-- (`platform_wrapped_key`, opaque to the core) and the data key wrapped under that slot
-- key (`wrapped_key`, as in every slot). `stale_since` marks a slot whose platform key
-- was permanently invalidated (biometrics changed): it is kept for the record, never
-- tried again. A vault has at most one recovery slot.
ALTER TABLE key_slots ADD COLUMN platform_key_alias TEXT;
ALTER TABLE key_slots ADD COLUMN platform_wrapped_key BLOB;
ALTER TABLE key_slots ADD COLUMN stale_since INTEGER;
CREATE UNIQUE INDEX key_slots_one_recovery ON key_slots (kind) WHERE kind = 'recovery';

-- The key automatic backups are written with: derived once with Argon2id from the backup
-- passphrase or recovery code (the parameters and salt are written into every backup's
-- header so the same secret opens them), and kept sealed under the data key.
CREATE TABLE automatic_backup (
    id             TEXT    PRIMARY KEY CHECK (id = 'settings'),
    secret_kind    INTEGER NOT NULL CHECK (secret_kind IN (1, 2)),
    kdf_memory_kib INTEGER NOT NULL,
    kdf_iterations INTEGER NOT NULL,
    kdf_lanes      INTEGER NOT NULL,
    salt           BLOB    NOT NULL,
    backup_key     BLOB    NOT NULL,
    updated_at     INTEGER NOT NULL
) STRICT;
