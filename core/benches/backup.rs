//! Backups, restore and key rotation of a 10,000-entry vault: time and peak memory, each
//! beside a baseline measured in the same run. Printed as rows of the README's table.
//!
//! ```text
//! cargo bench -p innermost-benches --bench backup --profile bench-mobile   # what phones run
//! cargo bench -p innermost-benches --bench backup -- --quick               # CI smoke
//! ```
//!
//! * **Automatic backup** (snapshot + chunked AES-GCM stream + fsync + rename) vs copying
//!   the vault file with `std::fs::copy` and an fsync.
//! * **Restore into a new file** (verify pass + write pass + integrity check) vs the
//!   same copy. Both run with the test-only KDF so the one Argon2id derivation (the
//!   unlock row of the vault benchmark) does not hide the rest.
//! * **Key rotation** (every sealed value opened and re-sealed in one transaction) vs
//!   rewriting the same number of plaintext rows in one transaction.
//! * **Peak memory**: each operation runs in a child process that reports its peak
//!   resident set (`VmHWM`), at 2,000 and at 10,000 entries, beside a child that only
//!   opens and unlocks. Memory that stays flat while the vault grows five-fold is what
//!   "streamed" means (the verdict allows growth up to one SQLite page cache, 2 MB, which
//!   fills on small vaults and is bounded after that).
//!
//! Benchmarks never assert: figures are reported, not failed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod common;

use common::{fmt, median};

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use innermost::vault::NoProgress;
use innermost::{BackupSecret, KdfParams, NewEntry, Passphrase, Vault, restore_backup};
use rusqlite::Connection;

const PASS: &str = "benchmark passphrase";

fn pass() -> Passphrase {
    Passphrase::new(PASS.into(), "passphrase").unwrap()
}

fn secret() -> BackupSecret {
    BackupSecret::Passphrase(Passphrase::new("benchmark backup".into(), "passphrase").unwrap())
}

fn fast() -> KdfParams {
    KdfParams::insecure_fast_for_tests()
}

fn text(i: usize) -> String {
    let mut s = format!("entry {i}: ");
    while s.len() < 1024 {
        s.push_str("noticed the urge to pull away and stayed ");
    }
    s
}

fn make_vault(path: &Path, entries: usize) {
    let vault = Vault::create(path, &pass(), fast()).unwrap();
    for i in 0..entries {
        vault.add_entry(&NewEntry::reflection(text(i))).unwrap();
    }
    vault
        .configure_automatic_backups(&secret(), fast())
        .unwrap();
    vault.checkpoint().unwrap();
    vault.close().unwrap();
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn copy_baseline(from: &Path, to: &Path) -> Duration {
    let _ = std::fs::remove_file(to);
    let t = Instant::now();
    std::fs::copy(from, to).unwrap();
    std::fs::File::open(to).unwrap().sync_all().unwrap();
    t.elapsed()
}

/// Child mode: runs one operation and prints `peak_kib <n>`.
fn child(op: &str, vault_path: &Path, out: &Path) {
    let vault = Vault::open(vault_path).unwrap();
    vault.unlock(&pass()).unwrap();
    match op {
        "open" => {}
        "backup" => {
            vault.run_automatic_backup(out, 1, &NoProgress).unwrap();
        }
        "restore" => {
            let backup = innermost::vault::list_automatic_backups(out).unwrap()[0].clone();
            let target = out.join("restored.innermost");
            let _ = std::fs::remove_file(&target);
            restore_backup(&backup, &secret(), &target, &NoProgress).unwrap();
            std::fs::remove_file(&target).unwrap();
        }
        "rotate" => {
            vault
                .rotate_data_key(&pass(), fast(), None, &NoProgress)
                .unwrap();
        }
        other => panic!("unknown child operation {other}"),
    }
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .unwrap_or(0);
    println!("peak_kib {peak}");
}

fn peak_of(op: &str, vault_path: &Path, out: &Path) -> u64 {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["--child", op])
        .arg(vault_path)
        .arg(out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "child {op} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("peak_kib "))
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0)
        * 1024
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--child") {
        child(
            &args[at + 1],
            Path::new(&args[at + 2]),
            Path::new(&args[at + 3]),
        );
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let (small, large, samples) = if quick {
        (200, 1000, 1)
    } else {
        (2_000, 10_000, 5)
    };
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("innermost-bench");
    std::fs::create_dir_all(&root).unwrap();
    let dir = tempfile::tempdir_in(&root).unwrap();

    let mut rows = Vec::new();
    let mut peaks: Vec<(usize, [u64; 4], u64)> = Vec::new();
    for entries in [small, large] {
        let vault_path: PathBuf = dir.path().join(format!("v{entries}.innermost"));
        make_vault(&vault_path, entries);
        let out = dir.path().join(format!("out{entries}"));
        std::fs::create_dir_all(&out).unwrap();
        let file_bytes = std::fs::metadata(&vault_path).unwrap().len();
        if entries == large {
            let vault = Vault::open(&vault_path).unwrap();
            vault.unlock(&pass()).unwrap();
            let (mut backup, mut copy, mut restore) = (Vec::new(), Vec::new(), Vec::new());
            let mut backup_bytes = 0;
            for _ in 0..samples {
                let t = Instant::now();
                let made = vault.run_automatic_backup(&out, 1, &NoProgress).unwrap();
                backup.push(t.elapsed());
                backup_bytes = made.summary.backup_bytes;
                copy.push(copy_baseline(&vault_path, &dir.path().join("copy.sqlite")));
                let target = dir.path().join("restored.innermost");
                let _ = std::fs::remove_file(&target);
                let t = Instant::now();
                restore_backup(&made.path, &secret(), &target, &NoProgress).unwrap();
                restore.push(t.elapsed());
                std::fs::remove_file(&target).unwrap();
            }
            let (b, c, r) = (median(backup), median(copy), median(restore));
            rows.push(format!(
                "| Automatic backup, {entries} entries ({} vault → {} backup) | reported | {} | {} file copy + fsync | {:.1}x | — |",
                mb(file_bytes), mb(backup_bytes), fmt(b), fmt(c), b.as_secs_f64() / c.as_secs_f64()
            ));
            rows.push(format!(
                "| Restore into a new file, {entries} entries (verify + write + integrity check) | reported | {} | {} file copy + fsync | {:.1}x | — |",
                fmt(r), fmt(c), r.as_secs_f64() / c.as_secs_f64()
            ));
            let mut rotation = Vec::new();
            for _ in 0..samples {
                let t = Instant::now();
                vault
                    .rotate_data_key(&pass(), fast(), None, &NoProgress)
                    .unwrap();
                rotation.push(t.elapsed());
            }
            vault.close().unwrap();
            let plain = Connection::open(dir.path().join("copy.sqlite")).unwrap();
            plain
                .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
                .unwrap();
            let mut rewrite = Vec::new();
            for _ in 0..samples {
                let t = Instant::now();
                plain
                    .execute_batch(
                        "BEGIN IMMEDIATE; UPDATE entries SET body = CAST(body || x'' AS BLOB), updated_at = updated_at + 1; COMMIT;",
                    )
                    .unwrap();
                rewrite.push(t.elapsed());
            }
            let (k, w) = (median(rotation), median(rewrite));
            rows.push(format!(
                "| Key rotation, {entries} entries (one transaction) | reported | {} | {} plaintext rewrite of every row | {:.1}x | — |",
                fmt(k), fmt(w), k.as_secs_f64() / w.as_secs_f64()
            ));
        }
        let ops = ["open", "backup", "restore", "rotate"];
        let mut p = [0u64; 4];
        for (i, op) in ops.iter().enumerate() {
            p[i] = peak_of(op, &vault_path, &out);
        }
        peaks.push((entries, p, file_bytes));
    }
    let (s, l) = (&peaks[0], &peaks[1]);
    for (i, name) in [(1, "backup"), (2, "restore")] {
        // Flat: growing the vault five-fold may add at most a quarter of the extra data,
        // or one SQLite page cache (2 MB by default), whichever is larger.
        let grew = l.1[i].saturating_sub(s.1[i]);
        let flat = grew <= ((l.2 - s.2) / 4).max(2_000_000);
        rows.push(format!(
            "| Peak memory of a {name}, {} entries ({} vault) | flat in vault size | {} | {} at {} entries ({} vault); {} open + unlock only | {:+.1} MB for {:.0}x the data | {} |",
            l.0, mb(l.2), mb(l.1[i]), mb(s.1[i]), s.0, mb(s.2), mb(l.1[0]),
            (l.1[i] as f64 - s.1[i] as f64) / 1e6, l.2 as f64 / s.2 as f64,
            if flat { "within" } else { "OVER" }
        ));
    }
    rows.push(format!(
        "| Peak memory of a key rotation, {} entries | reported | {} | {} at {} entries; {} open + unlock only | — | — |",
        l.0, mb(l.1[3]), mb(s.1[3]), s.0, mb(l.1[0])
    ));
    for r in rows {
        println!("{r}");
    }
    if quick {
        println!("\n(quick smoke run: small counts, figures are not representative)");
    }
}
