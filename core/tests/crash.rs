//! Acknowledged means durable: a writer killed with SIGKILL at random moments loses no
//! entry it acknowledged, and a passphrase change killed at any moment leaves a vault that
//! opens with the old passphrase or the new one.
//!
//! The child process is this test binary itself, started with an environment variable
//! naming what to do (the `crash_child_process` test, which does nothing without it).
//! Rounds: 20 by default (CI); `INNERMOST_CRASH_ROUNDS=200` for the full run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use innermost::{EntryId, NewEntry, Vault};
use support::*;

const CHILD_ENV: &str = "INNERMOST_CRASH_CHILD";
const PATH_ENV: &str = "INNERMOST_CRASH_VAULT";
const ROUND_ENV: &str = "INNERMOST_CRASH_ROUND";
const PASS_ENV: &str = "INNERMOST_CRASH_PASSPHRASE";
const OTHER_PASSPHRASE: &str = "another passphrase entirely";

fn rounds() -> u64 {
    std::env::var("INNERMOST_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

/// A small deterministic generator (xorshift), so a failing round can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn text_for(round: u64, n: u64) -> String {
    format!("round {round}, entry {n}: I stayed when I wanted to leave")
}

/// Not a test on its own: the child of the crash tests.
#[test]
fn crash_child_process() {
    let Ok(mode) = std::env::var(CHILD_ENV) else {
        return;
    };
    let path = std::env::var(PATH_ENV).unwrap();
    let vault = Vault::open(&path).unwrap();
    match mode.as_str() {
        "writes" => {
            vault.unlock(&pass(PASSPHRASE)).unwrap();
            let round: u64 = std::env::var(ROUND_ENV).unwrap().parse().unwrap();
            for n in 0.. {
                let entry = vault
                    .add_entry(&NewEntry::reflection(text_for(round, n)))
                    .unwrap();
                // Printed only after add_entry returned: the write is acknowledged.
                println!("ack {} {n}", entry.id);
            }
        }
        "passphrase" => {
            let mut current = std::env::var(PASS_ENV).unwrap();
            loop {
                let next = if current == PASSPHRASE {
                    OTHER_PASSPHRASE
                } else {
                    PASSPHRASE
                };
                vault
                    .change_passphrase(&pass(&current), &pass(next), fast())
                    .unwrap();
                current = next.to_owned();
                println!("now {current}");
            }
        }
        other => panic!("unknown child mode {other}"),
    }
}

fn spawn_child(mode: &str, path: &std::path::Path, extra: &[(&str, String)]) -> Child {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "crash_child_process",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(CHILD_ENV, mode)
    .env(PATH_ENV, path)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    cmd.spawn().unwrap()
}

#[test]
fn every_acknowledged_entry_survives_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    vault.close().unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut acknowledged: Vec<(EntryId, String)> = Vec::new();
    let rounds = rounds();
    for round in 0..rounds {
        let mut child = spawn_child("writes", &path, &[(ROUND_ENV, round.to_string())]);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let take_ack = |line: String| {
            let mut parts = line.split_whitespace().skip(1);
            let id = EntryId::parse(parts.next().unwrap(), "id").unwrap();
            let n: u64 = parts.next().unwrap().parse().unwrap();
            (id, text_for(round, n))
        };
        // Let it acknowledge 1-40 writes, then kill it somewhere inside the next ones.
        let before_kill = 1 + rng.below(40);
        let mut seen = 0;
        while seen < before_kill {
            let line = lines.next().expect("the child keeps writing").unwrap();
            if line.starts_with("ack ") {
                acknowledged.push(take_ack(line));
                seen += 1;
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(3000)));
        child.kill().unwrap();
        child.wait().unwrap();
        // Whatever it printed before it died was acknowledged too.
        for line in lines {
            let line = line.unwrap();
            if line.starts_with("ack ") {
                acknowledged.push(take_ack(line));
            }
        }

        let vault = Vault::open(&path).unwrap();
        vault
            .integrity_check()
            .unwrap_or_else(|e| panic!("round {round}: {e}"));
        vault.unlock(&pass(PASSPHRASE)).unwrap();
        for (id, text) in &acknowledged {
            let entry = vault
                .entry(*id)
                .unwrap_or_else(|e| panic!("round {round}: acknowledged entry lost: {e}"));
            assert_eq!(text_of(&entry), text, "round {round}");
        }
        vault.close().unwrap();
    }
    eprintln!(
        "crash: {rounds} rounds, {} acknowledged entries, 0 lost",
        acknowledged.len()
    );
}

#[test]
fn a_passphrase_change_killed_at_any_moment_leaves_the_old_or_the_new_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let ids: Vec<EntryId> = (0..50)
        .map(|i| {
            vault
                .add_entry(&NewEntry::reflection(format!("kept {i}")))
                .unwrap()
                .id
        })
        .collect();
    vault.close().unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut current = PASSPHRASE.to_owned();
    let (mut old_won, mut new_won) = (0, 0);
    for round in 0..rounds() {
        let mut child = spawn_child("passphrase", &path, &[(PASS_ENV, current.clone())]);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut changes = rng.below(4);
        while changes > 0 {
            let line = lines.next().expect("the child keeps changing").unwrap();
            if let Some(now) = line.strip_prefix("now ") {
                current = now.to_owned();
                changes -= 1;
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(2000)));
        child.kill().unwrap();
        child.wait().unwrap();
        for line in lines {
            let line = line.unwrap();
            if let Some(now) = line.strip_prefix("now ") {
                current = now.to_owned();
            }
        }
        // `current` is the last acknowledged passphrase; the change in flight may have
        // committed without being acknowledged, so the other one may open instead.
        let other = if current == PASSPHRASE {
            OTHER_PASSPHRASE
        } else {
            PASSPHRASE
        };
        let vault = Vault::open(&path).unwrap();
        vault.integrity_check().unwrap();
        if vault.unlock(&pass(&current)).is_ok() {
            old_won += 1;
        } else {
            vault
                .unlock(&pass(other))
                .unwrap_or_else(|e| panic!("round {round}: neither passphrase opens: {e}"));
            current = other.to_owned();
            new_won += 1;
        }
        for id in [ids[0], ids[49]] {
            vault.entry(id).unwrap();
        }
        vault.close().unwrap();
    }
    eprintln!(
        "passphrase kills: {} rounds; opened with the last acknowledged passphrase {old_won} times, with the one in flight {new_won} times",
        old_won + new_won
    );
}
