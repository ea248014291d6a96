//! A person's own words join the built-in vocabulary, sealed, and survive reopening.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::{Error, Vault};
use support::*;

#[test]
fn custom_emotions_and_triggers_join_the_vocabulary_and_persist() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let word = vault
        .add_custom_emotion("fear", "  braced for leaving  ")
        .unwrap();
    assert_eq!(word.label, "braced for leaving");
    assert!(word.key.starts_with("custom:") && word.custom && word.family == "fear");
    let tag = vault.add_custom_trigger("My mother's phone calls").unwrap();
    vault.close().unwrap();

    let vault = Vault::open(&path).unwrap();
    assert!(matches!(vault.emotion_vocabulary(), Err(Error::Locked)));
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    let fear = vault
        .emotion_vocabulary()
        .unwrap()
        .into_iter()
        .find(|f| f.key == "fear")
        .unwrap();
    assert_eq!(fear.words.len(), 7);
    assert_eq!(
        fear.words.last().unwrap(),
        &word,
        "custom words follow the built-in ones"
    );
    let triggers = vault.trigger_vocabulary().unwrap();
    assert_eq!(triggers.len(), 10);
    assert_eq!(triggers.last().unwrap(), &tag);
}

#[test]
fn refused_words_name_the_field_and_add_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let field = |r: innermost::Result<_>| match r {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    assert_eq!(
        field(vault.add_custom_emotion("dread", "heavy").map(|_| ())),
        "family"
    );
    assert_eq!(
        field(vault.add_custom_emotion("fear", "").map(|_| ())),
        "label"
    );
    assert_eq!(
        field(vault.add_custom_emotion("fear", "EXPOSED").map(|_| ())),
        "label"
    );
    assert_eq!(
        field(vault.add_custom_trigger("being seen").map(|_| ())),
        "label"
    );
    assert_eq!(
        field(vault.add_custom_trigger(&"x".repeat(41)).map(|_| ())),
        "label"
    );
    vault.add_custom_trigger("deadlines").unwrap();
    assert_eq!(
        field(vault.add_custom_trigger("Deadlines").map(|_| ())),
        "label"
    );
    let total: usize = vault
        .emotion_vocabulary()
        .unwrap()
        .iter()
        .map(|f| f.words.len())
        .sum();
    assert_eq!(total, 48, "no refused emotion word was stored");
    assert_eq!(vault.trigger_vocabulary().unwrap().len(), 10);
}

#[test]
fn custom_labels_never_reach_the_disk_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    vault
        .add_custom_emotion("shame", "CANARY-word-5e1f")
        .unwrap();
    vault.add_custom_trigger("CANARY-trigger-a07c").unwrap();
    vault.checkpoint().unwrap();
    vault.close().unwrap();
    for canary in ["CANARY-word-5e1f", "CANARY-trigger-a07c", "shame"] {
        assert_eq!(occurrences(dir.path(), canary.as_bytes()), 0, "{canary}");
    }
}
