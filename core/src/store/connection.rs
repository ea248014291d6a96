//! Opening and creating vault files, and the pragmas every connection gets.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::migrations::{LATEST_VERSION, migrate, schema_version};
use crate::error::{Error, Result};

/// `PRAGMA application_id` of every Innermost vault: the ASCII bytes `Inmo`.
pub const APPLICATION_ID: u32 = u32::from_be_bytes(*b"Inmo");

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
const HEADER_LEN: usize = 100;
const APPLICATION_ID_OFFSET: usize = 68;

/// Opens an existing vault file for reading and writing, upgrading its schema if it is
/// older than this build. Refuses — without modifying the file — anything that is not an
/// Innermost vault, and a vault from a newer version.
pub fn open_existing(path: &Path) -> Result<Connection> {
    check_header(path)?;
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // Refuse a newer schema before the pragmas, which may write (journal mode).
    let found = schema_version(&conn)?;
    if found > LATEST_VERSION {
        return Err(Error::NewerSchema {
            found,
            supported: LATEST_VERSION,
        });
    }
    apply_pragmas(&conn)?;
    migrate(&conn)?;
    Ok(conn)
}

/// Creates a new, empty vault file at `path` with the latest schema. Fails with
/// [`Error::AlreadyExists`] if anything is already there.
pub fn create_new(path: &Path) -> Result<Connection> {
    if path.exists() {
        return Err(Error::AlreadyExists {
            path: path.to_owned(),
        });
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    apply_pragmas(&conn)?;
    migrate(&conn)?;
    Ok(conn)
}

/// Closes a connection, reporting SQLite's error (the last close of a WAL database
/// checkpoints and removes the log).
pub fn close(conn: Connection) -> Result<()> {
    conn.close().map_err(|(_, e)| Error::from(e))
}

/// Reads the first 100 bytes and checks the SQLite magic and Innermost's application id.
fn check_header(path: &Path) -> Result<()> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NotFound { what: "vault file" });
        }
        Err(e) => return Err(Error::Io(e)),
    };
    if file.metadata()?.is_dir() {
        return Err(Error::NotAVault {
            reason: "the path is a directory",
        });
    }
    let mut header = [0u8; HEADER_LEN];
    let mut filled = 0;
    while filled < HEADER_LEN {
        match file.read(&mut header[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    if filled == 0 {
        return Err(Error::NotAVault {
            reason: "the file is empty",
        });
    }
    check_header_bytes(&header[..filled])
}

/// Checks the first bytes of a database (at least 100): the SQLite magic and Innermost's
/// application id. Also used on the database inside a backup before it is written out.
pub fn check_header_bytes(header: &[u8]) -> Result<()> {
    if header.len() < HEADER_LEN || &header[..16] != SQLITE_MAGIC {
        return Err(Error::NotAVault {
            reason: "the file is not a SQLite database",
        });
    }
    let mut id = [0u8; 4];
    id.copy_from_slice(&header[APPLICATION_ID_OFFSET..APPLICATION_ID_OFFSET + 4]);
    if u32::from_be_bytes(id) != APPLICATION_ID {
        return Err(Error::NotAVault {
            reason: "the SQLite database belongs to another application",
        });
    }
    Ok(())
}

/// The pragmas of DESIGN.md §3, on every connection.
fn apply_pragmas(conn: &Connection) -> Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Unsupported {
            what: "write-ahead logging on this file system",
        });
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;",
    )?;
    // fsync on Apple platforms does not flush the drive's cache.
    #[cfg(target_vendor = "apple")]
    conn.execute_batch("PRAGMA fullfsync = ON; PRAGMA checkpoint_fullfsync = ON;")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pragma(conn: &Connection, name: &str) -> String {
        conn.query_row(&format!("PRAGMA {name}"), [], |r| {
            r.get::<_, rusqlite::types::Value>(0)
        })
        .map(|v| match v {
            rusqlite::types::Value::Integer(i) => i.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
    }

    #[test]
    fn every_connection_gets_the_durability_and_privacy_pragmas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.innermost");
        drop(create_new(&path).unwrap());
        let conn = open_existing(&path).unwrap();
        assert_eq!(pragma(&conn, "journal_mode"), "wal");
        assert_eq!(pragma(&conn, "synchronous"), "2"); // FULL
        assert_eq!(pragma(&conn, "foreign_keys"), "1");
        assert_eq!(pragma(&conn, "temp_store"), "2"); // MEMORY
        assert_eq!(pragma(&conn, "secure_delete"), "1");
        assert_eq!(pragma(&conn, "busy_timeout"), "5000");
        assert_eq!(pragma(&conn, "application_id"), APPLICATION_ID.to_string());
        assert!(conn.db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE).unwrap());
    }

    #[test]
    fn create_refuses_an_existing_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("taken");
        std::fs::write(&path, b"keep me").unwrap();
        assert!(matches!(
            create_new(&path),
            Err(Error::AlreadyExists { .. })
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"keep me");
    }

    #[test]
    fn foreign_files_are_refused_and_left_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(
            &text,
            "dear diary, this is not a database at all, honestly".repeat(4),
        )
        .unwrap();
        let empty = dir.path().join("empty");
        std::fs::write(&empty, b"").unwrap();
        let other_app = dir.path().join("other.sqlite");
        Connection::open(&other_app)
            .unwrap()
            .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        for (path, expected) in [
            (&text, "not a SQLite"),
            (&empty, "empty"),
            (&other_app, "another application"),
        ] {
            let before = std::fs::read(path).unwrap();
            match open_existing(path) {
                Err(Error::NotAVault { reason }) => assert!(reason.contains(expected), "{reason}"),
                other => panic!("{}: expected NotAVault, got {other:?}", path.display()),
            }
            assert_eq!(
                std::fs::read(path).unwrap(),
                before,
                "{} was modified",
                path.display()
            );
        }
        assert!(!dir.path().join("other.sqlite-wal").exists());
        assert!(matches!(
            open_existing(dir.path()),
            Err(Error::NotAVault { .. })
        ));
        assert!(matches!(
            open_existing(&dir.path().join("missing")),
            Err(Error::NotFound { .. })
        ));
        assert!(!dir.path().join("missing").exists());
    }
}
