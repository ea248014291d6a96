//! Nothing a person writes reaches the disk readable: canary strings written through
//! every write path of the API are searched for in every file the vault touched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::NewEntry;
use innermost::Vault;
use support::*;

const CANARIES: [&str; 4] = [
    "CANARY-added-7f3a9c",
    "CANARY-updated-41be02",
    "CANARY-deleted-9d0c55",
    "CANARY-ünïcødé-😶‍🌫️-2b71",
];

fn assert_no_canary(dir: &std::path::Path, moment: &str) {
    for canary in CANARIES {
        let hits = occurrences(dir, canary.as_bytes());
        assert_eq!(
            hits,
            0,
            "{moment}: {canary:?} found {hits} time(s) in {:?}",
            files_in(dir)
        );
    }
    assert_eq!(
        occurrences(dir, PASSPHRASE.as_bytes()),
        0,
        "{moment}: the passphrase reached the disk"
    );
}

#[test]
fn canaries_never_reach_the_database_wal_or_shared_memory() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let added = vault
        .add_entry(&NewEntry::reflection(format!(
            "I wrote {} tonight",
            CANARIES[0]
        )))
        .unwrap();
    let edited = vault
        .add_entry(&NewEntry::reflection("placeholder"))
        .unwrap();
    vault
        .update_entry(
            edited.id,
            &NewEntry::reflection(format!("changed to {}", CANARIES[1])),
        )
        .unwrap();
    let doomed = vault
        .add_entry(&NewEntry::reflection(format!("soon gone {}", CANARIES[2])))
        .unwrap();
    vault.delete_entry(doomed.id).unwrap();
    vault.purge_entry(doomed.id).unwrap();
    vault.add_entry(&NewEntry::reflection(CANARIES[3])).unwrap();
    vault
        .change_passphrase(&pass(PASSPHRASE), &pass(PASSPHRASE), fast())
        .unwrap();

    let names: Vec<_> = files_in(dir.path())
        .iter()
        .map(|p| p.file_name().unwrap().to_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.to_string_lossy().ends_with("-wal")),
        "the WAL exists: {names:?}"
    );
    assert_no_canary(dir.path(), "before checkpoint");
    vault.checkpoint().unwrap();
    assert_no_canary(dir.path(), "after checkpoint");
    vault.lock();
    assert_no_canary(dir.path(), "after lock");
    vault.close().unwrap();
    assert_no_canary(dir.path(), "after close");

    // The data is really there: it is sealed, not missing.
    let vault = Vault::open(&path).unwrap();
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert!(text_of(&vault.entry(added.id).unwrap()).contains(CANARIES[0]));
}
