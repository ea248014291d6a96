//! Paths that are not (or no longer) a usable vault: each gets a clear error, no panic,
//! and the file is left exactly as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::{Error, NewEntry, Vault};
use support::*;

fn assert_untouched_after_open(path: &std::path::Path) -> Error {
    let before = std::fs::read(path).unwrap();
    let err = Vault::open(path).expect_err("opening must fail");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{} was modified",
        path.display()
    );
    err
}

#[test]
fn a_text_file_an_empty_file_and_another_app_s_database_are_not_vaults() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "my private thoughts, in a text file".repeat(10)).unwrap();
    let empty = dir.path().join("empty.innermost");
    std::fs::write(&empty, b"").unwrap();
    let plain = dir.path().join("plain.sqlite");
    raw(&plain)
        .execute_batch("CREATE TABLE entries (id TEXT, body BLOB);")
        .unwrap();
    for path in [&text, &empty, &plain] {
        assert!(
            matches!(assert_untouched_after_open(path), Error::NotAVault { .. }),
            "{}",
            path.display()
        );
    }
}

#[test]
fn every_truncation_of_a_vault_is_an_error_and_never_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    for i in 0..40 {
        vault
            .add_entry(&NewEntry::reflection(format!(
                "entry number {i} with some words to fill a page {}",
                "x".repeat(200)
            )))
            .unwrap();
    }
    vault.close().unwrap();
    let whole = std::fs::read(&path).unwrap();
    assert!(whole.len() >= 4 * 4096, "the vault spans several pages");
    let copy = dir.path().join("copy.innermost");
    for len in [
        0,
        50,
        99,
        100,
        1000,
        4096,
        4097,
        8192,
        whole.len() / 2,
        whole.len() - 4096,
        whole.len() - 1,
    ] {
        std::fs::write(&copy, &whole[..len]).unwrap();
        // Either opening fails cleanly, or reading the journal does.
        let outcome = Vault::open(&copy).and_then(|v| {
            v.unlock(&pass(PASSPHRASE))?;
            let mut cursor = None;
            loop {
                let page = v.entries(500, cursor)?;
                match page.next {
                    Some(c) => cursor = Some(c),
                    None => return Ok(page.entries.len()),
                }
            }
        });
        match outcome {
            Err(Error::NotAVault { .. } | Error::Corrupted { .. }) => {}
            Err(other) => panic!("truncated to {len}: unexpected error {other:?}"),
            Ok(n) => panic!("truncated to {len}: read {n} entries from a damaged file"),
        }
        assert_eq!(
            std::fs::read(&copy).unwrap(),
            &whole[..len],
            "truncated to {len}: the file was modified"
        );
        let _ = std::fs::remove_file(dir.path().join("copy.innermost-wal"));
        let _ = std::fs::remove_file(dir.path().join("copy.innermost-shm"));
    }
}

#[test]
fn a_vault_from_a_newer_version_is_refused_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    vault.close().unwrap();
    raw(&path)
        .pragma_update(None, "user_version", innermost::store::LATEST_VERSION + 1)
        .unwrap();
    match assert_untouched_after_open(&path) {
        Error::NewerSchema { found, supported } => {
            assert_eq!(found, supported + 1);
        }
        other => panic!("expected NewerSchema, got {other:?}"),
    }
}

#[test]
fn a_missing_file_is_not_found_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.innermost");
    assert!(matches!(
        Vault::open(&path),
        Err(Error::NotFound { what: "vault file" })
    ));
    assert!(!path.exists());
}

/// Each page of the file overwritten with noise in turn: opening, unlocking and reading
/// every entry gives the right text or an error, never wrong text and never a panic, and
/// entries on undamaged pages still read.
#[test]
fn every_page_overwritten_with_noise_gives_errors_never_wrong_text() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let entries: Vec<_> = (0..60)
        .map(|i| {
            vault
                .add_entry(&NewEntry::reflection(format!(
                    "entry {i}: {}",
                    "words ".repeat(60)
                )))
                .unwrap()
        })
        .collect();
    vault.close().unwrap();
    let whole = std::fs::read(&path).unwrap();
    let pages = whole.len() / 4096;
    assert!(pages >= 8, "the vault spans several pages");
    let copy = dir.path().join("noisy.innermost");
    let (mut read_back, mut refused, mut unopenable) = (0, 0, 0);
    let mut noise = 0x853c_49e6_748f_ea9b_u64;
    for page in 0..pages {
        let mut bytes = whole.clone();
        for b in &mut bytes[page * 4096..(page + 1) * 4096] {
            noise ^= noise << 13;
            noise ^= noise >> 7;
            noise ^= noise << 17;
            *b = noise as u8;
        }
        std::fs::write(&copy, &bytes).unwrap();
        let opened = Vault::open(&copy).and_then(|v| v.unlock(&pass(PASSPHRASE)).map(|()| v));
        let Ok(damaged) = opened else {
            unopenable += 1;
            continue;
        };
        for e in &entries {
            match damaged.entry(e.id) {
                Ok(got) => {
                    assert_eq!(got, *e, "page {page}: wrong text instead of an error");
                    read_back += 1;
                }
                Err(_) => refused += 1,
            }
        }
        let _ = damaged.close();
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
        }
    }
    assert!(read_back > 0, "entries on undamaged pages still read");
    eprintln!(
        "pages: {pages} overwritten in turn; {unopenable} left the vault unopenable (reported), {read_back} reads correct, {refused} refused, 0 wrong"
    );
}
