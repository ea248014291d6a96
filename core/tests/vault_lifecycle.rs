//! The vault's lifecycle as a person meets it: create, write, lock, unlock, change the
//! passphrase, close, reopen.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::{Error, KdfParams, NewEntry, Vault};
use support::*;

#[test]
fn entries_survive_lock_unlock_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, clock) = new_vault(dir.path());
    assert!(!vault.is_locked(), "a new vault is returned unlocked");
    let first = vault
        .add_entry(&NewEntry::reflection("I felt safe on the walk home."))
        .unwrap();
    clock.advance(60_000);
    let second = vault
        .add_entry(&NewEntry::reflection(
            "I wanted to leave when she asked about my family.",
        ))
        .unwrap();

    vault.lock();
    assert!(vault.is_locked());
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(vault.entry(first.id).unwrap(), first);
    vault.close().unwrap();

    let reopened = Vault::open(&path).unwrap();
    assert!(reopened.is_locked(), "an opened vault starts locked");
    reopened.unlock(&pass(PASSPHRASE)).unwrap();
    let page = reopened.entries(50, None).unwrap();
    assert_eq!(page.entries, vec![second, first], "newest first");
    assert!(page.next.is_none());
}

#[test]
fn every_journal_call_on_a_locked_vault_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let entry = vault.add_entry(&NewEntry::reflection("kept")).unwrap();
    vault.lock();
    assert!(matches!(
        vault.add_entry(&NewEntry::reflection("x")),
        Err(Error::Locked)
    ));
    assert!(matches!(vault.entry(entry.id), Err(Error::Locked)));
    assert!(matches!(
        vault.update_entry(entry.id, &NewEntry::reflection("y")),
        Err(Error::Locked)
    ));
    assert!(matches!(vault.delete_entry(entry.id), Err(Error::Locked)));
    assert!(matches!(vault.entries(10, None), Err(Error::Locked)));
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(text_of(&vault.entry(entry.id).unwrap()), "kept");
}

#[test]
fn a_wrong_passphrase_changes_nothing_and_the_right_one_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let entry = vault
        .add_entry(&NewEntry::reflection("still here"))
        .unwrap();
    vault.close().unwrap();
    let before = std::fs::read(&path).unwrap();

    let vault = Vault::open(&path).unwrap();
    for wrong in ["the river at dusk", "THE RIVER AT DUSK, TWICE", "x"] {
        assert!(matches!(
            vault.unlock(&pass(wrong)),
            Err(Error::WrongPassphrase)
        ));
        assert!(vault.is_locked());
    }
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(text_of(&vault.entry(entry.id).unwrap()), "still here");
    vault.close().unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "failed unlocks wrote to the file"
    );
}

#[test]
fn changing_the_passphrase_retires_the_old_one_and_keeps_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let ids = add_numbered_entries(&vault, 20);

    assert!(matches!(
        vault.change_passphrase(&pass("not it"), &pass("new words"), fast()),
        Err(Error::WrongPassphrase)
    ));
    vault
        .change_passphrase(&pass(PASSPHRASE), &pass("a new and longer phrase"), fast())
        .unwrap();
    assert!(!vault.is_locked(), "changing the passphrase does not lock");
    vault.close().unwrap();

    let vault = Vault::open(&path).unwrap();
    assert!(matches!(
        vault.unlock(&pass(PASSPHRASE)),
        Err(Error::WrongPassphrase)
    ));
    vault.unlock(&pass("a new and longer phrase")).unwrap();
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(text_of(&vault.entry(*id).unwrap()), format!("entry {i}"));
    }
}

#[test]
fn passphrase_change_refuses_weak_parameters_and_keeps_the_old_slot() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    assert!(matches!(
        KdfParams::new(8 * 1024, 3, 1),
        Err(Error::InvalidInput {
            field: "memory_kib",
            ..
        })
    ));
    assert!(matches!(
        innermost::Passphrase::new(String::new(), "new_passphrase"),
        Err(Error::InvalidInput {
            field: "new_passphrase",
            ..
        })
    ));
    vault.close().unwrap();
    Vault::open(&path)
        .unwrap()
        .unlock(&pass(PASSPHRASE))
        .unwrap();
}

#[test]
fn editing_and_deleting_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    let entry = vault
        .add_entry(&NewEntry::reflection("first draft"))
        .unwrap();
    clock.advance(5_000);
    let edited = vault
        .update_entry(entry.id, &NewEntry::reflection("second draft"))
        .unwrap();
    assert_eq!(edited.created_at, entry.created_at);
    assert_eq!(
        edited.updated_at.as_millis(),
        entry.created_at.as_millis() + 5_000
    );
    assert_eq!(vault.entry(entry.id).unwrap(), edited);
    vault.delete_entry(entry.id).unwrap();
    assert!(
        vault.entry(entry.id).unwrap().trashed_at.is_some(),
        "deleting moves to the trash"
    );
    vault.restore_entry(entry.id).unwrap();
    vault.delete_entry(entry.id).unwrap();
    vault.purge_entry(entry.id).unwrap();
    assert!(matches!(
        vault.entry(entry.id),
        Err(Error::NotFound { what: "entry" })
    ));
    assert!(matches!(
        vault.delete_entry(entry.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        vault.update_entry(entry.id, &NewEntry::reflection("again")),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn timeline_pages_walk_every_entry_once_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    let mut written = Vec::new();
    for i in 0..23 {
        // Pairs share an instant, so the cursor must break ties by id.
        if i % 2 == 0 {
            clock.advance(1_000);
        }
        written.push(
            vault
                .add_entry(&NewEntry::reflection(format!("entry {i}")))
                .unwrap(),
        );
    }
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = vault.entries(5, cursor).unwrap();
        assert!(page.entries.len() <= 5);
        seen.extend(page.entries);
        match page.next {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    written.reverse();
    assert_eq!(seen, written);
}

#[test]
fn a_closed_vault_refuses_every_call() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    vault.close().unwrap();
    assert!(vault.is_locked());
    assert!(matches!(
        vault.add_entry(&NewEntry::reflection("x")),
        Err(Error::Closed)
    ));
    assert!(matches!(
        vault.unlock(&pass(PASSPHRASE)),
        Err(Error::Closed)
    ));
    vault.close().unwrap(); // idempotent
}

#[test]
fn creating_over_an_existing_file_is_refused_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    vault.add_entry(&NewEntry::reflection("mine")).unwrap();
    vault.close().unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Vault::create(&path, &pass("other"), fast()),
        Err(Error::AlreadyExists { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        files_in(dir.path()),
        vec![path],
        "no staging files are left behind"
    );
}

#[test]
fn the_vault_is_shared_between_threads_without_losing_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let vault = std::sync::Arc::new(vault);
    let handles: Vec<_> = (0..4)
        .map(|t| {
            let v = vault.clone();
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| {
                        v.add_entry(&NewEntry::reflection(format!("t{t} e{i}")))
                            .unwrap()
                            .id
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let ids: Vec<_> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    assert_eq!(ids.len(), 100);
    assert_eq!(vault.entries(500, None).unwrap().entries.len(), 100);
}
