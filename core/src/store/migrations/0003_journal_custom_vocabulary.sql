-- Owner: journal. Emotion words and trigger/theme tags a person adds to the built-in
-- vocabulary. Everything about a word — its label, whether it is an emotion or a
-- trigger, its family — is one sealed JSON document: only the row's existence and
-- creation instant are visible.
CREATE TABLE custom_vocabulary (
    id         TEXT    PRIMARY KEY,
    created_at INTEGER NOT NULL,
    content    BLOB    NOT NULL
) STRICT;
