//! The open JSON export: everything out, everything back in, nothing duplicated, and a
//! refused import adds nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::vault::NoProgress;
use innermost::{EmotionRating, EntryContent, Error, NewEntry, Response, Vault};
use support::*;

fn pattern_log_with_custom_words(emotion: &str, trigger: &str) -> NewEntry {
    NewEntry {
        content: EntryContent::PatternLog {
            situation: "He asked how I really was.".into(),
            involved: Some("my partner".into()),
            felt_safety: 5,
            urge_to_pull_away: 6,
            response: Response::Withdrew,
            triggers: vec![trigger.into(), "being_seen".into()],
            emotions: vec![EmotionRating {
                key: emotion.into(),
                intensity: 6,
            }],
            body_sensations: None,
            note: Some("noticed it and stayed".into()),
        },
        tags: vec!["evening".into()],
        links: Vec::new(),
    }
}

/// A vault with one of everything an export carries.
fn filled_vault(dir: &std::path::Path) -> (Vault, std::path::PathBuf) {
    let (vault, path, clock) = new_vault(dir);
    let emotion = vault.add_custom_emotion("fear", "seen-through").unwrap();
    let trigger = vault.add_custom_trigger("his mother's visits").unwrap();
    vault
        .add_entry(&NewEntry::reflection(
            "Ünïcödé and a quote \" and a newline\nhere",
        ))
        .unwrap();
    clock.advance(60_000);
    vault
        .add_entry(&pattern_log_with_custom_words(&emotion.key, &trigger.key))
        .unwrap();
    clock.advance(60_000);
    let trashed = vault
        .add_entry(&NewEntry::reflection("in the trash"))
        .unwrap();
    vault.delete_entry(trashed.id).unwrap();
    vault
        .save_draft(None, &NewEntry::reflection("half a thought"))
        .unwrap();
    (vault, path)
}

fn everything(
    vault: &Vault,
) -> (
    Vec<innermost::Entry>,
    Vec<innermost::Entry>,
    Vec<innermost::Draft>,
    usize,
) {
    let custom = vault
        .emotion_vocabulary()
        .unwrap()
        .iter()
        .flat_map(|f| f.words.clone())
        .filter(|w| w.custom)
        .count()
        + vault
            .trigger_vocabulary()
            .unwrap()
            .iter()
            .filter(|t| t.custom)
            .count();
    (
        vault.entries(100, None).unwrap().entries,
        vault.trashed_entries(100, None).unwrap().entries,
        vault.drafts().unwrap(),
        custom,
    )
}

#[test]
fn an_export_imported_into_a_new_vault_gives_back_everything_with_its_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = filled_vault(dir.path());
    let export = dir.path().join("export.json");
    let summary = vault.export_json(&export, &NoProgress).unwrap();
    assert_eq!((summary.entries, summary.drafts, summary.words), (3, 1, 2));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(json["format"], "innermost-export");
    assert_eq!(json["version"], 1);

    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    let nothing_yet = innermost::EntryFilter::default();
    assert!(
        other
            .search(&nothing_yet, 10, None)
            .unwrap()
            .entries
            .is_empty(),
        "builds the index"
    );
    let imported = other.import_json(&export, &NoProgress).unwrap();
    assert_eq!(
        (
            imported.entries_added,
            imported.drafts_added,
            imported.words_added
        ),
        (3, 1, 2)
    );
    assert_eq!(everything(&other), everything(&vault));

    let again = other.import_json(&export, &NoProgress).unwrap();
    assert_eq!(
        (
            again.entries_added,
            again.entries_skipped,
            again.drafts_skipped,
            again.words_skipped
        ),
        (0, 3, 1, 2),
        "importing twice adds nothing"
    );
    let quote = innermost::EntryFilter {
        text: Some("quote".into()),
        ..Default::default()
    };
    assert_eq!(
        other.search(&quote, 10, None).unwrap().entries.len(),
        1,
        "imported entries are searchable"
    );
}

#[test]
fn a_refused_item_stops_the_import_and_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _) = filled_vault(dir.path());
    let export = dir.path().join("export.json");
    vault.export_json(&export, &NoProgress).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    json["entries"][0]["content"]["text"] = "   ".into();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, serde_json::to_vec(&json).unwrap()).unwrap();

    let other_dir = tempfile::tempdir().unwrap();
    let (other, _, _) = new_vault(other_dir.path());
    match other.import_json(&broken, &NoProgress) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "reflection.text");
            assert!(reason.starts_with("entries[0]"), "{reason}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    assert_eq!(everything(&other).0.len(), 0);
    assert_eq!(
        everything(&other).3,
        0,
        "the words before the bad entry were rolled back"
    );
}

#[test]
fn files_that_are_not_exports_are_refused_without_quoting_them() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let cases = [
        (write("a", "my secret diary, not json"), "file"),
        (
            write("b", r#"{"format":"something-else","version":1}"#),
            "file",
        ),
        (write("c", r#"{"format":"innermost-export"}"#), "file"),
    ];
    for (p, field) in cases {
        match vault.import_json(&p, &NoProgress) {
            Err(Error::InvalidInput { field: f, reason }) => {
                assert_eq!(f, field);
                assert!(!reason.contains("secret"), "{reason}");
            }
            other => panic!("expected InvalidInput, got {other:?}"),
        }
    }
    let newer = write(
        "d",
        r#"{"format":"innermost-export","version":2,"exported_at":0,"vault_id":"x","schema_version":9}"#,
    );
    assert!(matches!(
        vault.import_json(&newer, &NoProgress),
        Err(Error::Unsupported { .. })
    ));
    assert!(matches!(
        vault.import_json(&dir.path().join("missing.json"), &NoProgress),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        vault.export_json(&path, &NoProgress),
        Err(Error::AlreadyExists { .. })
    ));
    vault.lock();
    assert!(matches!(
        vault.export_json(&dir.path().join("e.json"), &NoProgress),
        Err(Error::Locked)
    ));
    assert!(!dir.path().join("e.json").exists());
}
