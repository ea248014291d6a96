//! Bad input is refused with `InvalidInput` naming the field, and nothing stored changes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::journal::content::MAX_FIELD_BYTES;
use innermost::{EntryId, Error, KdfParams, NewEntry, Passphrase, Vault};
use support::*;

fn field(result: innermost::Result<impl std::fmt::Debug>) -> &'static str {
    match result {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn refused_writes_name_the_field_and_leave_the_journal_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let kept = vault
        .add_entry(&NewEntry::reflection("the original"))
        .unwrap();
    vault.checkpoint().unwrap();
    let before = std::fs::read(&path).unwrap();

    assert_eq!(
        field(vault.add_entry(&NewEntry::reflection(""))),
        "reflection.text"
    );
    assert_eq!(
        field(vault.add_entry(&NewEntry::reflection(" \n\t "))),
        "reflection.text"
    );
    assert_eq!(
        field(vault.add_entry(&NewEntry::reflection("a".repeat(MAX_FIELD_BYTES + 1)))),
        "reflection.text"
    );
    assert_eq!(
        field(vault.update_entry(kept.id, &NewEntry::reflection(""))),
        "reflection.text"
    );
    assert_eq!(field(vault.entries(0, None)), "limit");
    assert_eq!(field(vault.entries(501, None)), "limit");
    assert_eq!(field(EntryId::parse("not-a-uuid", "id")), "id");

    vault.checkpoint().unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a refused write changed the file"
    );
    assert_eq!(vault.entry(kept.id).unwrap(), kept);
    assert!(
        vault
            .add_entry(&NewEntry::reflection("a".repeat(MAX_FIELD_BYTES)))
            .is_ok(),
        "the limit itself is allowed"
    );
}

#[test]
fn weak_or_empty_secrets_are_refused_before_a_file_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.innermost");
    assert_eq!(
        field(Passphrase::new(String::new(), "passphrase")),
        "passphrase"
    );
    assert_eq!(field(KdfParams::new(19 * 1024, 1, 1)), "iterations");
    assert_eq!(field(KdfParams::new(1024, 3, 1)), "memory_kib");
    assert_eq!(field(KdfParams::new(64 * 1024, 3, 17)), "lanes");
    assert!(!path.exists());
    Vault::create(&path, &pass("fine"), fast()).unwrap();
}
