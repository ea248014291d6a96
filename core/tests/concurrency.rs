//! One vault, many threads: writers, readers, searchers and a thread that locks and
//! unlocks. No deadlock, no error other than `Locked` while locked, and a final state that
//! holds exactly what was acknowledged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use innermost::{EntryFilter, EntryId, Error, NewEntry};
use support::*;

const WRITERS: usize = 4;
const WRITES_EACH: usize = 60;

#[test]
fn writers_readers_searchers_and_lock_unlock_share_one_vault_safely() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let vault = Arc::new(vault);
    let written: Arc<Mutex<Vec<(EntryId, String)>>> = Arc::default();
    let locked_refusals = Arc::new(AtomicUsize::new(0));
    let writers_done = Arc::new(AtomicBool::new(false));
    let (finished_tx, finished_rx) = mpsc::channel();

    let mut threads = Vec::new();
    for w in 0..WRITERS {
        let (vault, written, refusals, done) = (
            vault.clone(),
            written.clone(),
            locked_refusals.clone(),
            finished_tx.clone(),
        );
        threads.push(std::thread::spawn(move || {
            for i in 0..WRITES_EACH {
                let text = format!("writer{w}word entry {i}");
                // Like an app: a write refused while locked is tried again after unlock.
                loop {
                    match vault.add_entry(&NewEntry::reflection(text.clone())) {
                        Ok(e) => {
                            written.lock().unwrap().push((e.id, text));
                            break;
                        }
                        Err(Error::Locked) => {
                            refusals.fetch_add(1, Ordering::Relaxed);
                            std::thread::sleep(Duration::from_millis(1));
                        }
                        Err(other) => panic!("writer {w}: {other}"),
                    }
                }
            }
            done.send(()).unwrap();
        }));
    }
    for r in 0..3 {
        let (vault, refusals, stop) =
            (vault.clone(), locked_refusals.clone(), writers_done.clone());
        threads.push(std::thread::spawn(move || {
            let filter = EntryFilter {
                text: Some(format!("writer{r}word")),
                ..Default::default()
            };
            while !stop.load(Ordering::Relaxed) {
                let result = if r == 0 {
                    vault.entries(50, None).map(|_| ())
                } else {
                    vault.search(&filter, 50, None).map(|_| ())
                };
                match result {
                    Ok(()) => {}
                    Err(Error::Locked) => {
                        refusals.fetch_add(1, Ordering::Relaxed);
                        std::thread::sleep(Duration::from_millis(1));
                    }
                    Err(other) => panic!("reader {r}: {other}"),
                }
            }
        }));
    }
    {
        let (vault, stop) = (vault.clone(), writers_done.clone());
        threads.push(std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                vault.lock();
                std::thread::sleep(Duration::from_millis(2));
                vault.unlock(&pass(PASSPHRASE)).unwrap();
                std::thread::sleep(Duration::from_millis(5));
            }
        }));
    }

    // No deadlock: every writer finishes in well under a minute.
    for _ in 0..WRITERS {
        finished_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("a writer did not finish: deadlock?");
    }
    writers_done.store(true, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }

    vault.unlock(&pass(PASSPHRASE)).unwrap();
    let written = written.lock().unwrap();
    let refusals = locked_refusals.load(Ordering::Relaxed);
    let page = vault.entries(500, None).unwrap();
    assert_eq!(
        page.entries.len(),
        written.len(),
        "exactly the acknowledged writes"
    );
    for (id, text) in written.iter() {
        assert_eq!(text_of(&vault.entry(*id).unwrap()), text);
    }
    for w in 0..WRITERS {
        let filter = EntryFilter {
            text: Some(format!("writer{w}word")),
            ..Default::default()
        };
        let found = vault.search(&filter, 500, None).unwrap().entries.len();
        let expected = written
            .iter()
            .filter(|(_, t)| t.starts_with(&format!("writer{w}word")))
            .count();
        assert_eq!(found, expected, "writer {w}");
    }
    assert_eq!(written.len(), WRITERS * WRITES_EACH);
    assert!(refusals > 0, "the vault was locked while others worked");
    eprintln!(
        "concurrency: {} writes acknowledged, {refusals} calls refused as Locked, 0 other errors",
        written.len()
    );
}
