//! Helpers shared by the integration tests: fast KDF parameters, a fixed clock, and a
//! raw look at the vault's files.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use innermost::{FixedClock, KdfParams, Passphrase, Timestamp, Vault};

pub const PASSPHRASE: &str = "the river at dusk, twice";

pub fn pass(text: &str) -> Passphrase {
    Passphrase::new(text.to_owned(), "passphrase").unwrap()
}

pub fn fast() -> KdfParams {
    KdfParams::insecure_fast_for_tests()
}

/// 2026-01-15T09:00:00Z.
pub const T0: i64 = 1_768_467_600_000;

pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(Timestamp::from_millis(T0)))
}

/// A fresh unlocked vault in `dir`, with a clock the test can move.
pub fn new_vault(dir: &Path) -> (Vault, PathBuf, Arc<FixedClock>) {
    let path = dir.join("journal.innermost");
    let clock = clock();
    let vault = Vault::create_with_clock(&path, &pass(PASSPHRASE), fast(), clock.clone()).unwrap();
    (vault, path, clock)
}

/// Every file in `dir` (the database, its WAL and shared memory, anything else).
pub fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(files_in(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// How many times `needle` occurs in the files of `dir`.
pub fn occurrences(dir: &Path, needle: &[u8]) -> usize {
    files_in(dir)
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).unwrap();
            bytes.windows(needle.len()).filter(|w| *w == needle).count()
        })
        .sum()
}

/// A second, raw SQLite connection to the vault file (for tampering and inspection).
pub fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

/// The text of a reflection (the kind every test entry here is).
pub fn text_of(entry: &innermost::Entry) -> &str {
    match &entry.content {
        innermost::EntryContent::Reflection { text, .. } => text,
        other => panic!("expected a reflection, got {other:?}"),
    }
}

/// Writes `n` reflections reading "entry 0", "entry 1", … and returns their ids in order.
pub fn add_numbered_entries(vault: &Vault, n: usize) -> Vec<innermost::EntryId> {
    (0..n)
        .map(|i| {
            vault
                .add_entry(&innermost::NewEntry::reflection(format!("entry {i}")))
                .unwrap()
                .id
        })
        .collect()
}

/// Entries in the journal (not the trash), counted page by page.
pub fn count_entries(vault: &Vault) -> usize {
    let mut count = 0;
    let mut after = None;
    loop {
        let page = vault.entries(500, after).unwrap();
        count += page.entries.len();
        match page.next {
            Some(next) => after = Some(next),
            None => return count,
        }
    }
}
