//! Key rotation: a new data key, every sealed value re-encrypted, slots rewrapped, in one
//! transaction that a kill at any moment cannot split.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use innermost::vault::{NoProgress, PlatformUnlockState, ProgressListener};
use innermost::{Error, NewEntry, Vault};
use support::*;

fn sealed_blobs(path: &std::path::Path) -> Vec<Vec<u8>> {
    let conn = raw(path);
    let mut out = Vec::new();
    for sql in [
        "SELECT body FROM entries ORDER BY id",
        "SELECT content FROM drafts ORDER BY id",
        "SELECT content FROM custom_vocabulary ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).unwrap();
        out.extend(
            stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))
                .unwrap()
                .map(Result::unwrap),
        );
    }
    out
}

#[test]
fn rotation_reseals_every_value_and_everything_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let entries: Vec<_> = (0..600)
        .map(|i| {
            vault
                .add_entry(&NewEntry::reflection(format!("entry number {i}")))
                .unwrap()
        })
        .collect();
    let draft = vault
        .save_draft(None, &NewEntry::reflection("a draft in progress"))
        .unwrap();
    vault
        .add_custom_emotion("fear", "exposed-at-dinner")
        .unwrap();
    let before = sealed_blobs(&path);

    let seen = AtomicU64::new(0);
    struct Count<'a>(&'a AtomicU64);
    impl ProgressListener for Count<'_> {
        fn on_progress(&self, done: u64, total: u64) -> bool {
            assert!(done <= total);
            self.0.store(done, Ordering::SeqCst);
            true
        }
    }
    let outcome = vault
        .rotate_data_key(&pass(PASSPHRASE), fast(), None, &Count(&seen))
        .unwrap();
    assert_eq!(outcome.values_resealed, 602);
    assert_eq!(seen.load(Ordering::SeqCst), 602);
    assert!(outcome.recovery_code.is_none());

    let after = sealed_blobs(&path);
    assert_eq!(before.len(), after.len());
    assert!(
        before.iter().zip(&after).all(|(b, a)| b != a),
        "every value was re-encrypted"
    );

    for e in [&entries[0], &entries[599]] {
        assert_eq!(vault.entry(e.id).unwrap(), *e);
    }
    assert_eq!(vault.drafts().unwrap()[0].id, draft.id);
    vault.close().unwrap();
    let reopened = Vault::open(&path).unwrap();
    reopened.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(reopened.entries(500, None).unwrap().entries.len(), 500);
    assert!(
        reopened
            .emotion_vocabulary()
            .unwrap()
            .iter()
            .any(|f| f.words.iter().any(|w| w.label == "exposed-at-dinner"))
    );
}

#[test]
fn rotation_issues_a_new_recovery_code_and_drops_platform_slots() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let old_code = vault.set_up_recovery_code(fast()).unwrap();
    let outcome = vault
        .rotate_data_key(&pass(PASSPHRASE), fast(), None, &NoProgress)
        .unwrap();
    let new_code = outcome
        .recovery_code
        .expect("a vault with a code gets a new one");
    vault.lock();
    assert!(matches!(
        vault.unlock_with_recovery_code(&old_code),
        Err(Error::WrongPassphrase)
    ));
    vault.unlock_with_recovery_code(&new_code).unwrap();
    assert_eq!(
        vault.platform_unlock_state().unwrap(),
        PlatformUnlockState::NotEnrolled
    );
}

#[test]
fn a_stopped_rotation_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    for i in 0..700 {
        vault
            .add_entry(&NewEntry::reflection(format!("entry {i}")))
            .unwrap();
    }
    let before = sealed_blobs(&path);
    struct StopHalfway;
    impl ProgressListener for StopHalfway {
        fn on_progress(&self, done: u64, total: u64) -> bool {
            done < total / 2
        }
    }
    assert!(matches!(
        vault.rotate_data_key(&pass(PASSPHRASE), fast(), None, &StopHalfway),
        Err(Error::Interrupted)
    ));
    assert_eq!(sealed_blobs(&path), before);
    assert_eq!(vault.entries(10, None).unwrap().entries.len(), 10);
    vault.lock();
    vault.unlock(&pass(PASSPHRASE)).unwrap();
}

#[test]
fn rotation_needs_the_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    assert!(matches!(
        vault.rotate_data_key(&pass("not it"), fast(), None, &NoProgress),
        Err(Error::WrongPassphrase)
    ));
}

const CHILD_ENV: &str = "INNERMOST_ROTATION_CHILD_VAULT";

/// Not a test on its own: the child process of the kill test. It rotates the key of the
/// vault named in the environment again and again, printing a line after each commit.
#[test]
fn rotation_child_process() {
    let Ok(path) = std::env::var(CHILD_ENV) else {
        return;
    };
    let vault = Vault::open(&path).unwrap();
    loop {
        vault
            .rotate_data_key(&pass(PASSPHRASE), fast(), None, &NoProgress)
            .unwrap();
        println!("rotated");
    }
}

/// SIGKILL at random moments of rotations: afterwards the vault opens with its
/// passphrase, passes `integrity_check`, and every entry reads. Rounds: 12 here (the
/// reliability harness runs more).
#[test]
fn a_rotation_killed_at_any_moment_leaves_a_vault_that_opens_and_loses_nothing() {
    let rounds: u64 = std::env::var("INNERMOST_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let ids = add_numbered_entries(&vault, 1500);
    vault.close().unwrap();

    let mut completed_before_kill = 0;
    for round in 0..rounds {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "rotation_child_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the first rotation, then kill somewhere inside a later one.
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        loop {
            let line = lines
                .next()
                .expect("the child rotates at least once")
                .unwrap();
            if line.contains("rotated") {
                completed_before_kill += 1;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(3 + (round * 7919) % 40));
        child.kill().unwrap();
        child.wait().unwrap();

        let vault = Vault::open(&path).unwrap();
        vault.unlock(&pass(PASSPHRASE)).unwrap();
        vault
            .integrity_check()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        for id in [ids[0], ids[749], ids[1499]] {
            vault.entry(id).unwrap();
        }
        assert_eq!(count_entries(&vault), ids.len(), "round {round}");
        vault.close().unwrap();
    }
    assert!(completed_before_kill >= rounds);
}
