//! The list of every sealed column in the schema: what key rotation re-encrypts.
//!
//! Every sealed value is bound to `<table>|<column>|<row id>` (see `crypto::seal`) and
//! every table here keys its rows by a text `id`. A test compares this list with the
//! schema itself, so a migration that adds a sealed column without adding it here fails
//! before a rotation could leave that column under a key that no longer exists.

/// One sealed column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SealedColumn {
    pub table: &'static str,
    pub column: &'static str,
}

/// Every column that holds values sealed under the data key.
pub(super) const SEALED_COLUMNS: &[SealedColumn] = &[
    SealedColumn {
        table: "entries",
        column: "body",
    },
    SealedColumn {
        table: "drafts",
        column: "content",
    },
    SealedColumn {
        table: "custom_vocabulary",
        column: "content",
    },
    SealedColumn {
        table: "automatic_backup",
        column: "backup_key",
    },
    SealedColumn {
        table: "rituals",
        column: "details",
    },
    SealedColumn {
        table: "ritual_occurrences",
        column: "note",
    },
    SealedColumn {
        table: "practice_events",
        column: "body",
    },
    SealedColumn {
        table: "ladder_steps",
        column: "body",
    },
    SealedColumn {
        table: "ladder_attempts",
        column: "body",
    },
    SealedColumn {
        table: "measures",
        column: "definition",
    },
    SealedColumn {
        table: "measure_responses",
        column: "answers",
    },
    SealedColumn {
        table: "progress_documents",
        column: "content",
    },
    SealedColumn {
        table: "milestones",
        column: "content",
    },
];

/// BLOB columns that are *not* sealed under the data key, and why.
#[cfg(test)]
const OTHER_BLOB_COLUMNS: &[(&str, &str)] = &[
    ("key_slots", "salt"),                 // public KDF salt
    ("key_slots", "wrapped_key"),          // the data key, wrapped under a slot's key
    ("key_slots", "platform_wrapped_key"), // a slot key, wrapped by the platform
    ("automatic_backup", "salt"),          // public KDF salt written into backup headers
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_blob_column_of_the_schema_is_either_sealed_or_explained() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::store::migrate(&conn).unwrap();
        let mut found = Vec::new();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for table in tables {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT name, type FROM pragma_table_info('{table}')"
                ))
                .unwrap();
            let columns: Vec<(String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for (column, ty) in columns {
                if ty.eq_ignore_ascii_case("BLOB") {
                    found.push((table.clone(), column));
                }
            }
        }
        let mut expected: Vec<(String, String)> = SEALED_COLUMNS
            .iter()
            .map(|c| (c.table.to_owned(), c.column.to_owned()))
            .chain(
                OTHER_BLOB_COLUMNS
                    .iter()
                    .map(|(t, c)| ((*t).to_owned(), (*c).to_owned())),
            )
            .collect();
        expected.sort();
        found.sort();
        assert_eq!(found, expected);
        for sealed in SEALED_COLUMNS {
            let id_type: String = conn
                .query_row(
                    &format!(
                        "SELECT type FROM pragma_table_info('{}') WHERE name = 'id'",
                        sealed.table
                    ),
                    [],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(
                id_type, "TEXT",
                "{} must key rows by a text id",
                sealed.table
            );
        }
    }
}
