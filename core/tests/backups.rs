//! Encrypted backups: round trips, automatic rotation, and every way a backup file can be
//! wrong — each refused with a clear error while the current vault stays untouched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::path::{Path, PathBuf};

use innermost::backup::{CHUNK_SIZE, HEADER_LEN};
use innermost::vault::{NoProgress, ProgressListener, list_automatic_backups};
use innermost::{
    BackupSecret, Error, NewEntry, RecoveryCode, Vault, restore_backup, verify_backup,
};
use support::*;

const BACKUP_PASS: &str = "a separate passphrase for backups";

fn secret() -> BackupSecret {
    BackupSecret::Passphrase(pass(BACKUP_PASS))
}

/// A vault with `n` entries (each ~1 KiB, so a few chunks) and a backup of it.
fn vault_with_backup(dir: &Path, n: usize) -> (Vault, PathBuf, PathBuf, Vec<innermost::Entry>) {
    let (vault, path, _) = new_vault(dir);
    let entries: Vec<_> = (0..n)
        .map(|i| {
            vault
                .add_entry(&NewEntry::reflection(format!(
                    "entry {i}: {}",
                    "words ".repeat(170)
                )))
                .unwrap()
        })
        .collect();
    let backup = dir.join("journal.innermost-backup");
    vault
        .write_backup(&backup, &secret(), fast(), &NoProgress)
        .unwrap();
    (vault, path, backup, entries)
}

fn expect_corrupted(result: innermost::Result<innermost::BackupSummary>, case: &str) {
    match result {
        Err(Error::Corrupted { what }) => assert!(what.starts_with("backup"), "{case}: {what}"),
        other => panic!("{case}: expected Corrupted, got {other:?}"),
    }
}

#[test]
fn a_backup_verifies_and_restores_into_a_new_vault_that_opens_with_its_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, backup, entries) = vault_with_backup(dir.path(), 150);
    let summary = verify_backup(&backup, &secret(), &NoProgress).unwrap();
    assert_eq!(summary.entries, 150);
    assert!(
        summary.database_bytes > 2 * u64::from(CHUNK_SIZE),
        "spans several chunks"
    );
    assert_eq!(
        summary.backup_bytes,
        std::fs::metadata(&backup).unwrap().len()
    );

    let restored_path = dir.path().join("restored").join("journal.innermost");
    std::fs::create_dir(restored_path.parent().unwrap()).unwrap();
    let restored_summary = restore_backup(&backup, &secret(), &restored_path, &NoProgress).unwrap();
    assert_eq!(restored_summary, summary);
    let restored = Vault::open(&restored_path).unwrap();
    restored.unlock(&pass(PASSPHRASE)).unwrap();
    for e in [&entries[0], &entries[77], &entries[149]] {
        assert_eq!(restored.entry(e.id).unwrap(), *e);
    }
    restored.integrity_check().unwrap();
    assert_eq!(
        std::fs::read_dir(restored_path.parent().unwrap())
            .unwrap()
            .count(),
        3,
        "the vault, its log and shared memory: no staging file left"
    );
    drop(vault);
}

#[test]
fn restore_refuses_to_overwrite_and_progress_covers_both_passes() {
    let dir = tempfile::tempdir().unwrap();
    let (_vault, path, backup, _) = vault_with_backup(dir.path(), 20);
    assert!(matches!(
        restore_backup(&backup, &secret(), &path, &NoProgress),
        Err(Error::AlreadyExists { .. })
    ));
    struct Last(std::sync::Mutex<(u64, u64)>);
    impl ProgressListener for Last {
        fn on_progress(&self, done: u64, total: u64) -> bool {
            let mut last = self.0.lock().unwrap();
            assert!(
                done >= last.0 || total != last.1,
                "progress never goes backwards"
            );
            *last = (done, total);
            true
        }
    }
    let last = Last(std::sync::Mutex::new((0, 0)));
    restore_backup(
        &backup,
        &secret(),
        &dir.path().join("second.innermost"),
        &last,
    )
    .unwrap();
    let (done, total) = *last.0.lock().unwrap();
    assert_eq!(done, total);
}

#[test]
fn replacing_the_current_vault_happens_only_after_the_backup_checked_out() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, backup, entries) = vault_with_backup(dir.path(), 10);
    let later = vault
        .add_entry(&NewEntry::reflection("written after the backup"))
        .unwrap();
    vault
        .change_passphrase(&pass(PASSPHRASE), &pass("changed since"), fast())
        .unwrap();

    // A damaged backup: refused, and the current vault is exactly as it was.
    let mut damaged = std::fs::read(&backup).unwrap();
    let at = damaged.len() - 100;
    damaged[at] ^= 1;
    let damaged_path = dir.path().join("damaged.innermost-backup");
    std::fs::write(&damaged_path, &damaged).unwrap();
    expect_corrupted(
        vault.replace_with_backup(&damaged_path, &secret(), &NoProgress),
        "flipped byte",
    );
    assert!(matches!(
        vault.replace_with_backup(
            &backup,
            &BackupSecret::Passphrase(pass("wrong")),
            &NoProgress
        ),
        Err(Error::WrongPassphrase)
    ));
    assert_eq!(
        vault.entry(later.id).unwrap(),
        later,
        "still unlocked, still current"
    );

    let summary = vault
        .replace_with_backup(&backup, &secret(), &NoProgress)
        .unwrap();
    assert_eq!(summary.entries, 10);
    assert!(vault.is_locked());
    assert!(matches!(
        vault.unlock(&pass("changed since")),
        Err(Error::WrongPassphrase)
    ));
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(vault.entry(entries[3].id).unwrap(), entries[3]);
    assert!(matches!(vault.entry(later.id), Err(Error::NotFound { .. })));
    let files: Vec<_> = files_in(dir.path())
        .into_iter()
        .filter(|p| {
            p.to_string_lossy().contains(".restoring-")
                || p.to_string_lossy().contains(".snapshot-")
        })
        .collect();
    assert!(files.is_empty(), "{files:?}");
    drop(path);
}

#[test]
fn every_damaged_backup_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (_vault, _, backup, _) = vault_with_backup(dir.path(), 150);
    let (_other_vault, _, other_backup, _) = {
        let other = dir.path().join("other");
        std::fs::create_dir(&other).unwrap();
        vault_with_backup(&other, 150)
    };
    let good = std::fs::read(&backup).unwrap();
    let other = std::fs::read(&other_backup).unwrap();
    let chunk = CHUNK_SIZE as usize + 16;
    let body = HEADER_LEN;
    assert!(good.len() > body + 3 * chunk);

    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for cut in [
        good.len() - 1,
        body + 2 * chunk,
        body + chunk,
        body + 10,
        body,
    ] {
        cases.push((format!("truncated at {cut}"), good[..cut].to_vec()));
    }
    let mut appended = good.clone();
    appended.extend_from_slice(&good[body..body + chunk]);
    cases.push(("a chunk appended".into(), appended));
    let mut swapped = good.clone();
    swapped[body..body + chunk].copy_from_slice(&good[body + chunk..body + 2 * chunk]);
    swapped[body + chunk..body + 2 * chunk].copy_from_slice(&good[body..body + chunk]);
    cases.push(("chunks 0 and 1 swapped".into(), swapped));
    let mut dropped = good[..body + chunk].to_vec();
    dropped.extend_from_slice(&good[body + 2 * chunk..]);
    cases.push(("chunk 1 dropped".into(), dropped));
    let mut spliced = good.clone();
    spliced[body + chunk..body + 2 * chunk].copy_from_slice(&other[body + chunk..body + 2 * chunk]);
    cases.push(("a chunk from another backup".into(), spliced));
    for at in (body..good.len()).step_by(4099) {
        let mut flipped = good.clone();
        flipped[at] ^= 0x40;
        cases.push((format!("byte {at} flipped"), flipped));
    }

    for (name, bytes) in cases {
        let path = dir.path().join("case.innermost-backup");
        std::fs::write(&path, &bytes).unwrap();
        expect_corrupted(verify_backup(&path, &secret(), &NoProgress), &name);
        let target = dir.path().join("never.innermost");
        expect_corrupted(
            restore_backup(&path, &secret(), &target, &NoProgress),
            &name,
        );
        assert!(!target.exists(), "{name}");
    }
    let leftovers: Vec<_> = files_in(dir.path())
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("never.innermost"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn header_problems_get_their_own_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let (_vault, vault_path, backup, _) = vault_with_backup(dir.path(), 3);
    let good = std::fs::read(&backup).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };

    assert!(matches!(
        verify_backup(
            &backup,
            &BackupSecret::Passphrase(pass("not the one")),
            &NoProgress
        ),
        Err(Error::WrongPassphrase)
    ));
    let code = RecoveryCode::generate().unwrap();
    assert!(matches!(
        verify_backup(&backup, &BackupSecret::RecoveryCode(code), &NoProgress),
        Err(Error::InvalidInput {
            field: "secret",
            ..
        })
    ));
    let mut newer = good.clone();
    newer[8..10].copy_from_slice(&2u16.to_be_bytes());
    assert!(matches!(
        verify_backup(&write("newer", &newer), &secret(), &NoProgress),
        Err(Error::Unsupported { .. })
    ));
    let mut tampered_kdf = good.clone();
    tampered_kdf[19] ^= 2; // iterations 1 -> 3
    assert!(matches!(
        verify_backup(&write("kdf", &tampered_kdf), &secret(), &NoProgress),
        Err(Error::WrongPassphrase)
    ));
    assert!(matches!(
        verify_backup(&vault_path, &secret(), &NoProgress),
        Err(Error::InvalidInput {
            field: "backup",
            ..
        })
    ));
    assert!(matches!(
        verify_backup(&dir.path().join("missing"), &secret(), &NoProgress),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn a_backup_keyed_by_the_recovery_code_opens_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    vault.add_entry(&NewEntry::reflection("one")).unwrap();
    let code = vault.set_up_recovery_code(fast()).unwrap();
    let backup = dir.path().join("b.innermost-backup");
    vault
        .write_backup(
            &backup,
            &BackupSecret::RecoveryCode(code.clone()),
            fast(),
            &NoProgress,
        )
        .unwrap();
    let typed = RecoveryCode::parse(&code.display(), "recovery_code").unwrap();
    assert_eq!(
        verify_backup(&backup, &BackupSecret::RecoveryCode(typed), &NoProgress)
            .unwrap()
            .entries,
        1
    );
}

#[test]
fn automatic_backups_keep_the_newest_n_and_touch_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    std::fs::write(backups.join("notes.txt"), b"the person's own file").unwrap();
    assert!(matches!(
        vault.run_automatic_backup(&backups, 3, &NoProgress),
        Err(Error::NotFound { .. })
    ));
    vault
        .configure_automatic_backups(&secret(), fast())
        .unwrap();
    assert!(vault.automatic_backups_configured().unwrap());
    let mut made = Vec::new();
    for i in 0..5 {
        vault
            .add_entry(&NewEntry::reflection(format!("day {i}")))
            .unwrap();
        clock.advance(86_400_000);
        let run = vault
            .run_automatic_backup(&backups, 3, &NoProgress)
            .unwrap();
        assert_eq!(run.summary.entries, i + 1);
        made.push(run.path);
    }
    let kept = list_automatic_backups(&backups).unwrap();
    assert_eq!(
        kept,
        vec![made[4].clone(), made[3].clone(), made[2].clone()]
    );
    assert!(backups.join("notes.txt").exists());
    for k in &kept {
        verify_backup(k, &secret(), &NoProgress).unwrap();
    }
    assert!(matches!(
        vault.run_automatic_backup(&backups, 0, &NoProgress),
        Err(Error::InvalidInput { field: "keep", .. })
    ));
    vault.lock();
    assert!(matches!(
        vault.run_automatic_backup(&backups, 3, &NoProgress),
        Err(Error::Locked)
    ));
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    vault.turn_off_automatic_backups().unwrap();
    assert!(!vault.automatic_backups_configured().unwrap());
}

#[test]
fn backups_and_their_temporary_files_hold_no_plaintext() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let canary = "CANARY-backup-7f3e";
    vault.add_entry(&NewEntry::reflection(canary)).unwrap();
    vault
        .configure_automatic_backups(&secret(), fast())
        .unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    vault
        .run_automatic_backup(&backups, 2, &NoProgress)
        .unwrap();
    vault
        .write_backup(&dir.path().join("manual"), &secret(), fast(), &NoProgress)
        .unwrap();
    assert_eq!(occurrences(dir.path(), canary.as_bytes()), 0);
    assert_eq!(occurrences(dir.path(), BACKUP_PASS.as_bytes()), 0);
}

#[test]
fn delete_everything_shreds_the_key_slots_before_removing_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    vault
        .add_entry(&NewEntry::reflection("to be forgotten"))
        .unwrap();
    vault
        .configure_automatic_backups(&secret(), fast())
        .unwrap();
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    vault
        .run_automatic_backup(&backups, 2, &NoProgress)
        .unwrap();
    // A second name for the same file stands for storage that keeps the bytes after
    // the file is removed: what it holds afterwards is what shredding left behind.
    let survivor = dir.path().join("survivor.innermost");
    std::fs::hard_link(&path, &survivor).unwrap();
    vault.delete_everything(Some(&backups)).unwrap();
    assert!(!path.exists());
    assert!(list_automatic_backups(&backups).unwrap().is_empty());
    assert!(matches!(vault.entries(10, None), Err(Error::Closed)));

    let left: i64 = raw(&survivor)
        .query_row(
            "SELECT (SELECT count(*) FROM key_slots) + (SELECT count(*) FROM automatic_backup)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0, "no wrapped key survives");
    let reopened = Vault::open(&survivor).unwrap();
    assert!(matches!(
        reopened.unlock(&pass(PASSPHRASE)),
        Err(Error::Corrupted { .. })
    ));
}
