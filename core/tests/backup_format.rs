//! The backup format is pinned by a committed test vector: a small backup made by this
//! project, and what it must contain. A change to the reader or writer that would stop an
//! old backup from restoring fails here.
//!
//! Regenerate only on purpose, for a new format version (and keep the old vector):
//! `INNERMOST_WRITE_VECTORS=1 cargo test -p innermost --test backup_format`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};

use innermost::backup::{BACKUP_FORMAT_VERSION, CHUNK_SIZE, HEADER_LEN, MAGIC};
use innermost::vault::NoProgress;
use innermost::{BackupSecret, NewEntry, Vault, restore_backup, verify_backup};
use serde::{Deserialize, Serialize};
use support::*;

const VECTOR_BACKUP_SECRET: &str = "innermost backup test vector";

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Expected {
    backup_secret: String,
    vault_passphrase: String,
    vault_id: String,
    created_at: i64,
    schema_version: i64,
    entries: Vec<ExpectedEntry>,
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct ExpectedEntry {
    id: String,
    created_at: i64,
    text: String,
}

fn vectors() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors")
}

fn secret() -> BackupSecret {
    BackupSecret::Passphrase(pass(VECTOR_BACKUP_SECRET))
}

#[test]
fn write_the_vector_when_asked() {
    if std::env::var_os("INNERMOST_WRITE_VECTORS").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    let texts = [
        "The first entry of the test vector.",
        "Ünïcödé survives: 安心, «sûr», 🙂.",
        "A third entry, written a day later.",
    ];
    let mut entries = Vec::new();
    for text in texts {
        let e = vault.add_entry(&NewEntry::reflection(text)).unwrap();
        entries.push(ExpectedEntry {
            id: e.id.to_string(),
            created_at: e.created_at.as_millis(),
            text: text.to_owned(),
        });
        clock.advance(86_400_000);
    }
    let out = vectors().join("backup-v1.innermost-backup");
    let _ = std::fs::remove_file(&out);
    let summary = vault
        .write_backup(&out, &secret(), fast(), &NoProgress)
        .unwrap();
    let expected = Expected {
        backup_secret: VECTOR_BACKUP_SECRET.into(),
        vault_passphrase: PASSPHRASE.into(),
        vault_id: summary.vault_id,
        created_at: summary.created_at.as_millis(),
        schema_version: summary.schema_version,
        entries,
    };
    std::fs::write(
        vectors().join("backup-v1.expected.json"),
        serde_json::to_string_pretty(&expected).unwrap() + "\n",
    )
    .unwrap();
}

#[test]
fn the_committed_version_1_backup_still_restores_to_its_expected_contents() {
    let backup = vectors().join("backup-v1.innermost-backup");
    let expected: Expected =
        serde_json::from_slice(&std::fs::read(vectors().join("backup-v1.expected.json")).unwrap())
            .unwrap();
    let bytes = std::fs::read(&backup).unwrap();

    // The header, field by field (docs/formats.md).
    assert_eq!(bytes[0..8], MAGIC);
    assert_eq!(u16::from_be_bytes([bytes[8], bytes[9]]), 1);
    assert_eq!(BACKUP_FORMAT_VERSION, 1);
    assert_eq!(bytes[10], 1, "keyed by a passphrase");
    assert_eq!(
        bytes[12..24],
        [0, 0, 0, 64, 0, 0, 0, 1, 0, 0, 0, 1],
        "the test-only KDF: 64 KiB, t=1, p=1"
    );
    assert_eq!(bytes[47..51], CHUNK_SIZE.to_be_bytes());
    assert!(bytes.len() > HEADER_LEN + 16);

    let summary = verify_backup(&backup, &secret(), &NoProgress).unwrap();
    assert_eq!(summary.vault_id, expected.vault_id);
    assert_eq!(summary.created_at.as_millis(), expected.created_at);
    assert_eq!(summary.schema_version, expected.schema_version);
    assert_eq!(summary.entries, expected.entries.len() as u64);

    let dir = tempfile::tempdir().unwrap();
    let restored = dir.path().join("restored.innermost");
    restore_backup(&backup, &secret(), &restored, &NoProgress).unwrap();
    let vault = Vault::open(&restored).unwrap();
    vault.unlock(&pass(&expected.vault_passphrase)).unwrap();
    let mut entries = vault.entries(10, None).unwrap().entries;
    entries.reverse();
    let got: Vec<ExpectedEntry> = entries
        .iter()
        .map(|e| ExpectedEntry {
            id: e.id.to_string(),
            created_at: e.created_at.as_millis(),
            text: text_of(e).to_owned(),
        })
        .collect();
    assert_eq!(got, expected.entries);
}
