//! Search and filters give exactly what a brute-force scan of the decrypted journal
//! gives, stay right across writes, and leave nothing on disk.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::journal::search::fold;
use innermost::{
    EmotionRating, Entry, EntryContent, EntryFilter, EntryKind, Error, NewEntry, Response,
    Timestamp, Vault,
};
use proptest::prelude::*;
use support::*;

const WORDS: [&str; 8] = [
    "Peur", "évité", "RESTÉ", "calme", "dispute", "Café", "mère", "silence",
];
const EMOTIONS: [&str; 3] = ["fear.exposed", "calm.safe", "shame.guilty"];
const TRIGGERS: [&str; 3] = ["conflict", "being_seen", "criticism"];
const TAGS: [&str; 3] = ["Famille", "travail", "nuit"];

#[derive(Debug, Clone)]
struct Spec {
    kind: u8,
    words: Vec<usize>,
    safety: u8,
    emotion: usize,
    trigger: usize,
    tag: Option<usize>,
    minutes: i64,
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        0u8..3,
        prop::collection::vec(0..WORDS.len(), 1..4),
        0u8..=10,
        0..3usize,
        0..3usize,
        prop::option::of(0..3usize),
        0i64..20_000,
    )
        .prop_map(
            |(kind, words, safety, emotion, trigger, tag, minutes)| Spec {
                kind,
                words,
                safety,
                emotion,
                trigger,
                tag,
                minutes,
            },
        )
}

fn new_entry(s: &Spec) -> NewEntry {
    let text = s
        .words
        .iter()
        .map(|w| WORDS[*w])
        .collect::<Vec<_>>()
        .join(" ");
    let content = match s.kind {
        0 => EntryContent::Reflection {
            title: None,
            text,
            prompt_key: None,
        },
        1 => EntryContent::PatternLog {
            situation: text,
            involved: None,
            felt_safety: s.safety,
            urge_to_pull_away: 10 - s.safety,
            response: Response::Withdrew,
            triggers: vec![TRIGGERS[s.trigger].into()],
            emotions: vec![EmotionRating {
                key: EMOTIONS[s.emotion].into(),
                intensity: 5,
            }],
            body_sensations: None,
            note: None,
        },
        _ => EntryContent::ThoughtRecord {
            situation: "x".into(),
            automatic_thought: text,
            emotions_before: vec![EmotionRating {
                key: EMOTIONS[s.emotion].into(),
                intensity: 5,
            }],
            evidence_for: None,
            evidence_against: None,
            verdict: innermost::Verdict::Unsure,
            balanced_thought: None,
            belief_before: 50,
            belief_after: 40,
            emotions_after: Vec::new(),
        },
    };
    NewEntry {
        content,
        tags: s.tag.map(|t| vec![TAGS[t].to_string()]).unwrap_or_default(),
        links: Vec::new(),
    }
}

fn filter() -> impl Strategy<Value = EntryFilter> {
    (
        prop::option::of(prop::sample::select(vec![
            "peur",
            "EVITE",
            "reste calme",
            "cafe",
            "Mère",
            "zzz",
            "s",
        ])),
        prop::collection::vec(
            prop::sample::select(vec![
                EntryKind::Reflection,
                EntryKind::PatternLog,
                EntryKind::ThoughtRecord,
            ]),
            0..2,
        ),
        prop::option::of(0..3usize),
        prop::option::of(0..3usize),
        prop::option::of(0..3usize),
        prop::option::of((0u8..=10, 0u8..=10)),
        prop::option::of((0i64..20_000, 1i64..20_000)),
    )
        .prop_map(
            |(text, kinds, tag, emotion, trigger, safety, range)| EntryFilter {
                text: text.map(str::to_owned),
                kinds,
                tags: tag
                    .map(|t| vec![TAGS[t].to_lowercase()])
                    .unwrap_or_default(),
                emotions: emotion
                    .map(|e| vec![EMOTIONS[e].to_owned()])
                    .unwrap_or_default(),
                triggers: trigger
                    .map(|t| vec![TRIGGERS[t].to_owned()])
                    .unwrap_or_default(),
                min_safety: safety.map(|(a, b)| a.min(b)),
                max_safety: safety.map(|(a, b)| a.max(b)),
                from: range.map(|(a, _)| Timestamp::from_millis(T0 + a * 60_000)),
                until: range.map(|(a, len)| Timestamp::from_millis(T0 + (a + len) * 60_000)),
            },
        )
}

/// The reference: every journal entry, decrypted, checked one by one.
fn brute_force(all: &[Entry], f: &EntryFilter) -> Vec<Entry> {
    let labels = |k: &str| match k {
        "fear.exposed" => "exposed",
        "calm.safe" => "safe",
        "shame.guilty" => "guilty",
        "conflict" => "Conflict",
        "being_seen" => "Being seen",
        "criticism" => "Criticism",
        _ => "",
    };
    let mut out: Vec<Entry> = all
        .iter()
        .filter(|e| {
            let mut hay: Vec<String> = e.content.texts().iter().map(|t| t.to_string()).collect();
            hay.extend(
                e.content
                    .emotion_keys()
                    .iter()
                    .chain(e.content.trigger_keys().iter())
                    .map(|k| labels(k).to_string()),
            );
            hay.extend(e.tags.iter().cloned());
            let hay = fold(&hay.join("\n"));
            let terms_ok = f
                .text
                .as_deref()
                .is_none_or(|t| fold(t).split_whitespace().all(|w| hay.contains(w)));
            let kind_ok = f.kinds.is_empty() || f.kinds.contains(&e.content.kind());
            let tags_ok = f
                .tags
                .iter()
                .all(|t| e.tags.iter().any(|et| fold(et) == fold(t)));
            let emo_ok = f
                .emotions
                .iter()
                .all(|k| e.content.emotion_keys().contains(&k.as_str()));
            let trig_ok = f
                .triggers
                .iter()
                .all(|k| e.content.trigger_keys().contains(&k.as_str()));
            let safety_ok = (f.min_safety.is_none() && f.max_safety.is_none())
                || e.content.felt_safety().is_some_and(|s| {
                    f.min_safety.is_none_or(|lo| s >= lo) && f.max_safety.is_none_or(|hi| s <= hi)
                });
            let date_ok = f.from.is_none_or(|from| e.created_at >= from)
                && f.until.is_none_or(|u| e.created_at < u);
            terms_ok && kind_ok && tags_ok && emo_ok && trig_ok && safety_ok && date_ok
        })
        .cloned()
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse((e.created_at, e.id)));
    out
}

fn search_all(vault: &Vault, f: &EntryFilter, page: u32) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let p = vault.search(f, page, cursor).unwrap();
        out.extend(p.entries);
        match p.next {
            Some(c) => cursor = Some(c),
            None => return out,
        }
    }
}

fn journal_of(vault: &Vault) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let p = vault.entries(500, cursor).unwrap();
        out.extend(p.entries);
        match p.next {
            Some(c) => cursor = Some(c),
            None => return out,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn search_equals_a_brute_force_scan(specs in prop::collection::vec(spec(), 1..40), filters in prop::collection::vec(filter(), 1..6), page in 1u32..7) {
        let dir = tempfile::tempdir().unwrap();
        let (vault, _, clock) = new_vault(dir.path());
        for s in &specs {
            clock.set(Timestamp::from_millis(T0 + s.minutes * 60_000));
            vault.add_entry(&new_entry(s)).unwrap();
        }
        let all = journal_of(&vault);
        for f in &filters {
            prop_assert_eq!(search_all(&vault, f, page), brute_force(&all, f), "filter {:?}", f);
        }
    }
}

#[test]
fn the_index_follows_every_write_and_is_dropped_on_lock() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    let words = |t: &str| EntryFilter {
        text: Some(t.into()),
        ..EntryFilter::default()
    };
    let a = vault
        .add_entry(&NewEntry::reflection("Je suis resté calme"))
        .unwrap();
    assert_eq!(
        vault.search(&words("reste"), 10, None).unwrap().entries,
        vec![a.clone()],
        "built on first search"
    );
    clock.advance(1_000);
    let b = vault
        .add_entry(&NewEntry::reflection("Une dispute au café"))
        .unwrap();
    assert_eq!(
        vault.search(&words("CAFE"), 10, None).unwrap().entries,
        vec![b.clone()],
        "new entries are found"
    );
    let b2 = vault
        .update_entry(b.id, &NewEntry::reflection("Une dispute, puis le silence"))
        .unwrap();
    assert!(
        vault
            .search(&words("cafe"), 10, None)
            .unwrap()
            .entries
            .is_empty(),
        "edits replace old text"
    );
    assert_eq!(
        vault.search(&words("silence"), 10, None).unwrap().entries,
        vec![b2.clone()]
    );
    vault.delete_entry(a.id).unwrap();
    assert!(
        vault
            .search(&words("calme"), 10, None)
            .unwrap()
            .entries
            .is_empty(),
        "the trash is not searched"
    );
    vault.restore_entry(a.id).unwrap();
    assert_eq!(
        vault
            .search(&EntryFilter::default(), 10, None)
            .unwrap()
            .entries,
        vec![b2, a]
    );
    let draft = vault
        .save_draft(None, &NewEntry::reflection("brouillon fini"))
        .unwrap();
    assert!(
        vault
            .search(&words("brouillon"), 10, None)
            .unwrap()
            .entries
            .is_empty(),
        "drafts are not entries"
    );
    vault.finish_draft(draft.id).unwrap();
    assert_eq!(
        vault
            .search(&words("brouillon"), 10, None)
            .unwrap()
            .entries
            .len(),
        1
    );

    vault.lock();
    assert!(matches!(
        vault.search(&words("calme"), 10, None),
        Err(Error::Locked)
    ));
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(
        vault
            .search(&words("calme"), 10, None)
            .unwrap()
            .entries
            .len(),
        1,
        "rebuilt after unlock"
    );
}

#[test]
fn custom_words_are_searchable_by_their_label() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    vault.search(&EntryFilter::default(), 10, None).unwrap();
    let word = vault.add_custom_emotion("fear", "braced").unwrap();
    let e = vault
        .add_entry(&NewEntry {
            content: EntryContent::PatternLog {
                situation: "at the door".into(),
                involved: None,
                felt_safety: 2,
                urge_to_pull_away: 9,
                response: Response::ShutDown,
                triggers: vec!["rejection".into()],
                emotions: vec![EmotionRating {
                    key: word.key.clone(),
                    intensity: 8,
                }],
                body_sensations: None,
                note: None,
            },
            tags: Vec::new(),
            links: Vec::new(),
        })
        .unwrap();
    for q in ["braced", "REJECTION"] {
        let f = EntryFilter {
            text: Some(q.into()),
            ..EntryFilter::default()
        };
        assert_eq!(
            vault.search(&f, 10, None).unwrap().entries,
            vec![e.clone()],
            "{q}"
        );
    }
}

#[test]
fn bad_filters_name_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let field = |f: EntryFilter, limit: u32| match vault.search(&f, limit, None) {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    assert_eq!(field(EntryFilter::default(), 0), "limit");
    assert_eq!(
        field(
            EntryFilter {
                text: Some("x".repeat(201)),
                ..Default::default()
            },
            10
        ),
        "text"
    );
    assert_eq!(
        field(
            EntryFilter {
                min_safety: Some(11),
                ..Default::default()
            },
            10
        ),
        "min_safety"
    );
    assert_eq!(
        field(
            EntryFilter {
                min_safety: Some(6),
                max_safety: Some(5),
                ..Default::default()
            },
            10
        ),
        "min_safety"
    );
    let t = Timestamp::from_millis(T0);
    assert_eq!(
        field(
            EntryFilter {
                from: Some(t),
                until: Some(t),
                ..Default::default()
            },
            10
        ),
        "until"
    );
    assert!(matches!(
        vault.on_this_day("2026-13-01", "Europe/Paris"),
        Err(Error::InvalidInput { field: "today", .. })
    ));
    assert!(matches!(
        vault.on_this_day("2026-11-28", "Mars/Olympus"),
        Err(Error::InvalidInput { field: "zone", .. })
    ));
}

#[test]
fn on_this_day_uses_the_person_s_calendar_and_zone() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    // 2024-11-27T23:30Z is already 28 November in Paris (UTC+1) but not in New York.
    clock.set(Timestamp::from_millis(1_732_750_200_000));
    let late = vault
        .add_entry(&NewEntry::reflection("a year ago, late"))
        .unwrap();
    // 2025-11-28T12:00Z: 28 November everywhere.
    clock.set(Timestamp::from_millis(1_764_331_200_000));
    let noon = vault
        .add_entry(&NewEntry::reflection("last year, noon"))
        .unwrap();
    // Today itself does not count as "earlier years".
    clock.set(Timestamp::from_millis(1_795_867_200_000));
    vault.add_entry(&NewEntry::reflection("today")).unwrap();
    assert_eq!(
        vault.on_this_day("2026-11-28", "Europe/Paris").unwrap(),
        vec![noon.clone(), late]
    );
    assert_eq!(
        vault.on_this_day("2026-11-28", "America/New_York").unwrap(),
        vec![noon]
    );
}

#[test]
fn searching_writes_nothing_to_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, _) = new_vault(dir.path());
    vault
        .add_entry(&NewEntry::reflection("CANARY-search-5d0e"))
        .unwrap();
    vault.checkpoint().unwrap();
    let before: Vec<Vec<u8>> = files_in(dir.path())
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let f = EntryFilter {
        text: Some("canary".into()),
        ..EntryFilter::default()
    };
    assert_eq!(vault.search(&f, 10, None).unwrap().entries.len(), 1);
    let after: Vec<Vec<u8>> = files_in(dir.path())
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after, "a search changed a file");
    assert_eq!(occurrences(dir.path(), b"CANARY-search-5d0e"), 0);
    assert!(path.exists());
}
