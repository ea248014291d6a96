//! Schema migrations driven by `PRAGMA user_version`.
//!
//! Each migration is a numbered `.sql` file in `store/migrations/`, compiled into the
//! binary. Opening a vault applies every migration newer than the file's `user_version`
//! in one `BEGIN IMMEDIATE` transaction: a crash mid-upgrade leaves the old schema, never
//! half of the new one. A file whose version is newer than [`LATEST_VERSION`] is refused.
//!
//! Migrations are append-only. A shipped file is never edited; a change is a new file. The
//! test below upgrades a vault from every historical version and compares the result with
//! a freshly created one, so a migration that drifts from the fresh schema fails CI.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

/// One schema step.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The `user_version` after this step.
    pub version: i64,
    /// The file name, for messages.
    pub name: &'static str,
    /// The SQL to run.
    pub sql: &'static str,
}

/// Every migration, in order. Versions are 1, 2, 3, … without gaps.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_vault_and_key_slots.sql",
        sql: include_str!("migrations/0001_vault_and_key_slots.sql"),
    },
    Migration {
        version: 2,
        name: "0002_journal_entries.sql",
        sql: include_str!("migrations/0002_journal_entries.sql"),
    },
    Migration {
        version: 3,
        name: "0003_journal_custom_vocabulary.sql",
        sql: include_str!("migrations/0003_journal_custom_vocabulary.sql"),
    },
    Migration {
        version: 4,
        name: "0004_journal_entry_kinds_drafts_trash.sql",
        sql: include_str!("migrations/0004_journal_entry_kinds_drafts_trash.sql"),
    },
    Migration {
        version: 5,
        name: "0005_vault_recovery_platform_backup_keys.sql",
        sql: include_str!("migrations/0005_vault_recovery_platform_backup_keys.sql"),
    },
    Migration {
        version: 6,
        name: "0006_rituals_occurrences_pauses_reminders.sql",
        sql: include_str!("migrations/0006_rituals_occurrences_pauses_reminders.sql"),
    },
    Migration {
        version: 7,
        name: "0007_progress_practice_ladder_measures.sql",
        sql: include_str!("migrations/0007_progress_practice_ladder_measures.sql"),
    },
];

/// The schema version this build writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// The file's `user_version`.
pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Brings the schema up to [`LATEST_VERSION`].
pub fn migrate(conn: &Connection) -> Result<()> {
    migrate_to(conn, LATEST_VERSION)
}

/// Brings the schema up to `target` (used by tests to build historical schemas).
pub fn migrate_to(conn: &Connection, target: i64) -> Result<()> {
    let current = schema_version(conn)?;
    if current > LATEST_VERSION {
        return Err(Error::NewerSchema {
            found: current,
            supported: LATEST_VERSION,
        });
    }
    if current >= target {
        return Ok(());
    }
    // `unchecked_transaction` because callers hold `&Connection`; the behaviour is the
    // same: IMMEDIATE takes the write lock up front, and dropping without commit rolls back.
    let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
    for m in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        tx.execute_batch(m.sql)?;
        tx.pragma_update(None, "user_version", m.version)?;
    }
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema as SQLite describes it, normalised for comparison.
    fn schema_of(conn: &Connection) -> Vec<(String, String, String)> {
        let mut stmt = conn
            .prepare("SELECT type, name, ifnull(sql, '') FROM sqlite_schema ORDER BY type, name")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, String>(2)?)))
            .unwrap()
            .map(|row| {
                let (t, n, sql) = row.unwrap();
                (t, n, sql.split_whitespace().collect::<Vec<_>>().join(" "))
            })
            .collect()
    }

    #[test]
    fn versions_are_consecutive_and_files_are_numbered_to_match() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1);
            assert!(
                m.name.starts_with(&format!("{:04}_", m.version)),
                "{}",
                m.name
            );
        }
    }

    #[test]
    fn upgrading_from_every_historical_version_equals_a_fresh_schema() {
        let fresh = Connection::open_in_memory().unwrap();
        migrate(&fresh).unwrap();
        let expected = schema_of(&fresh);
        for start in 0..LATEST_VERSION {
            let old = Connection::open_in_memory().unwrap();
            migrate_to(&old, start).unwrap();
            assert_eq!(schema_version(&old).unwrap(), start);
            migrate(&old).unwrap();
            assert_eq!(schema_version(&old).unwrap(), LATEST_VERSION);
            assert_eq!(
                schema_of(&old),
                expected,
                "upgrade from version {start} drifted"
            );
            let app_id: i64 = old
                .query_row("PRAGMA application_id", [], |r| r.get(0))
                .unwrap();
            assert_eq!(app_id, i64::from(super::super::APPLICATION_ID));
        }
    }

    #[test]
    fn a_newer_schema_is_refused_and_left_alone() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
        match migrate(&conn) {
            Err(Error::NewerSchema { found, supported }) => {
                assert_eq!((found, supported), (LATEST_VERSION + 1, LATEST_VERSION));
            }
            other => panic!("expected NewerSchema, got {other:?}"),
        }
        assert_eq!(schema_version(&conn).unwrap(), LATEST_VERSION + 1);
        assert!(schema_of(&conn).is_empty());
    }

    #[test]
    fn a_failing_migration_leaves_the_old_schema() {
        let conn = Connection::open_in_memory().unwrap();
        migrate_to(&conn, 1).unwrap();
        // Make migration 2 fail half-way: its table name is taken.
        conn.execute_batch("CREATE TABLE entries (x)").unwrap();
        assert!(migrate(&conn).is_err());
        assert_eq!(schema_version(&conn).unwrap(), 1);
        assert!(
            schema_of(&conn)
                .iter()
                .all(|(_, name, _)| name != "entries_newest_first")
        );
    }
}
