//! The four kinds of entry, drafts and the trash, as a person uses them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use innermost::journal::content::MAX_LIST_LEN;
use innermost::{
    EmotionRating, EntryContent, Error, Grounding, NewEntry, Presence, Response, Vault, Verdict,
};
use proptest::prelude::*;
use support::*;

fn rating(key: &str, intensity: u8) -> EmotionRating {
    EmotionRating {
        key: key.into(),
        intensity,
    }
}

fn pattern_log() -> NewEntry {
    NewEntry {
        content: EntryContent::PatternLog {
            situation: "He reached for my hand on the train.".into(),
            involved: Some("my partner".into()),
            felt_safety: 4,
            urge_to_pull_away: 7,
            response: Response::Other {
                description: "made a joke".into(),
            },
            triggers: vec!["physical_closeness".into()],
            emotions: vec![rating("fear.exposed", 6), rating("closeness.tender", 3)],
            body_sensations: Some("shoulders up".into()),
            note: None,
        },
        tags: vec!["commute".into()],
        links: vec!["019bc0e2-1668-74fa-b67e-3e9588770363".into()],
    }
}

fn thought_record() -> NewEntry {
    NewEntry {
        content: EntryContent::ThoughtRecord {
            situation: "She cancelled our plans.".into(),
            automatic_thought: "She is tired of me.".into(),
            emotions_before: vec![rating("sadness.hurt", 7)],
            evidence_for: Some("Second time this month.".into()),
            evidence_against: Some("She proposed another day straight away.".into()),
            verdict: Verdict::BasedOnFear,
            balanced_thought: Some("Plans change; she wants to see me.".into()),
            belief_before: 85,
            belief_after: 30,
            emotions_after: vec![rating("sadness.hurt", 3)],
        },
        tags: Vec::new(),
        links: Vec::new(),
    }
}

fn conversation() -> NewEntry {
    NewEntry {
        content: EntryContent::ConversationReflection {
            stayed_present: Presence::Yes,
            grounding: vec![
                Grounding::NamingWhatISee,
                Grounding::Other {
                    description: "held a warm mug".into(),
                },
            ],
            heard_partner_say: Some("They want to know when I need space.".into()),
            need_expressed: Some("Time to answer, not silence.".into()),
            boundary_set: Some("No serious talks after midnight.".into()),
        },
        tags: Vec::new(),
        links: Vec::new(),
    }
}

#[test]
fn every_kind_round_trips_through_lock_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, clock) = new_vault(dir.path());
    let mut reflection = NewEntry::reflection("Answering today's prompt.");
    if let EntryContent::Reflection {
        title, prompt_key, ..
    } = &mut reflection.content
    {
        *title = Some("On closeness".into());
        *prompt_key = Some("someone_closer".into());
    }
    let mut written = Vec::new();
    for entry in [reflection, pattern_log(), thought_record(), conversation()] {
        clock.advance(1_000);
        let stored = vault.add_entry(&entry).unwrap();
        assert_eq!(stored.content, entry.content);
        written.push(stored);
    }
    vault.close().unwrap();
    let vault = Vault::open(&path).unwrap();
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    for e in &written {
        assert_eq!(&vault.entry(e.id).unwrap(), e);
    }
    written.reverse();
    assert_eq!(vault.entries(10, None).unwrap().entries, written);
}

#[test]
fn refused_entries_name_the_field_and_store_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let field = |entry: NewEntry| match vault.add_entry(&entry) {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    };
    let with = |f: &dyn Fn(&mut EntryContent)| {
        let mut e = pattern_log();
        f(&mut e.content);
        e
    };
    let set_safety = |v: u8| {
        with(&move |c| {
            if let EntryContent::PatternLog { felt_safety, .. } = c {
                *felt_safety = v;
            }
        })
    };
    assert_eq!(field(set_safety(11)), "pattern_log.felt_safety");
    assert_eq!(
        field(with(&|c| if let EntryContent::PatternLog {
            urge_to_pull_away, ..
        } = c
        {
            *urge_to_pull_away = 200;
        })),
        "pattern_log.urge_to_pull_away"
    );
    assert_eq!(
        field(with(
            &|c| if let EntryContent::PatternLog { situation, .. } = c {
                situation.clear();
            }
        )),
        "pattern_log.situation"
    );
    assert_eq!(
        field(with(
            &|c| if let EntryContent::PatternLog { emotions, .. } = c {
                emotions.push(rating("fear.made_up", 3));
            }
        )),
        "pattern_log.emotions"
    );
    assert_eq!(
        field(with(
            &|c| if let EntryContent::PatternLog { emotions, .. } = c {
                emotions[0].intensity = 11;
            }
        )),
        "pattern_log.emotions"
    );
    assert_eq!(
        field(with(
            &|c| if let EntryContent::PatternLog { triggers, .. } = c {
                triggers.push("thunderstorms".into());
            }
        )),
        "pattern_log.triggers"
    );
    let mut thought = thought_record();
    if let EntryContent::ThoughtRecord {
        automatic_thought, ..
    } = &mut thought.content
    {
        automatic_thought.clear();
    }
    assert_eq!(field(thought), "thought_record.automatic_thought");
    let mut thought = thought_record();
    if let EntryContent::ThoughtRecord { belief_after, .. } = &mut thought.content {
        *belief_after = 101;
    }
    assert_eq!(field(thought), "thought_record.belief_after");
    let mut tagged = pattern_log();
    tagged.tags = (0..=MAX_LIST_LEN).map(|i| format!("t{i}")).collect();
    assert_eq!(field(tagged), "tags");
    let mut linked = pattern_log();
    linked.links = vec!["not-an-id".into()];
    assert_eq!(field(linked), "links");
    assert!(
        vault.entries(10, None).unwrap().entries.is_empty(),
        "nothing was stored"
    );
    assert!(vault.add_entry(&set_safety(10)).is_ok(), "10 is allowed");
}

#[test]
fn a_person_s_own_words_can_be_used_in_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let word = vault.add_custom_emotion("fear", "braced").unwrap();
    let trigger = vault.add_custom_trigger("phone calls").unwrap();
    let mut e = pattern_log();
    if let EntryContent::PatternLog {
        emotions, triggers, ..
    } = &mut e.content
    {
        emotions.push(rating(&word.key, 5));
        triggers.push(trigger.key.clone());
    }
    assert_eq!(vault.add_entry(&e).unwrap().content, e.content);
}

#[test]
fn drafts_keep_unfinished_work_and_finish_into_entries() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, path, clock) = new_vault(dir.path());
    let mut unfinished = thought_record();
    if let EntryContent::ThoughtRecord {
        automatic_thought, ..
    } = &mut unfinished.content
    {
        automatic_thought.clear();
    }
    let draft = vault.save_draft(None, &unfinished).unwrap();
    assert!(matches!(
        vault.finish_draft(draft.id),
        Err(Error::InvalidInput {
            field: "thought_record.automatic_thought",
            ..
        })
    ));
    assert_eq!(
        vault.drafts().unwrap(),
        vec![draft.clone()],
        "a refused finish keeps the draft"
    );

    clock.advance(60_000);
    let saved = vault.save_draft(Some(draft.id), &thought_record()).unwrap();
    assert_eq!((saved.id, saved.created_at), (draft.id, draft.created_at));
    vault.close().unwrap();

    let vault = Vault::open(&path).unwrap();
    vault.unlock(&pass(PASSPHRASE)).unwrap();
    assert_eq!(
        vault.drafts().unwrap(),
        vec![saved.clone()],
        "drafts survive reopening"
    );
    let entry = vault.finish_draft(saved.id).unwrap();
    assert_eq!((entry.id, entry.created_at), (saved.id, saved.created_at));
    assert!(vault.drafts().unwrap().is_empty());
    assert!(matches!(
        vault.finish_draft(saved.id),
        Err(Error::NotFound { what: "draft" })
    ));
    let other = vault.save_draft(None, &conversation()).unwrap();
    vault.discard_draft(other.id).unwrap();
    assert!(vault.drafts().unwrap().is_empty());
}

#[test]
fn the_trash_restores_and_purges_after_retention() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, clock) = new_vault(dir.path());
    let keep = vault.add_entry(&NewEntry::reflection("keep me")).unwrap();
    let old = vault
        .add_entry(&NewEntry::reflection("trashed long ago"))
        .unwrap();
    let recent = vault
        .add_entry(&NewEntry::reflection("trashed yesterday"))
        .unwrap();
    vault.delete_entry(old.id).unwrap();
    clock.advance(30 * 86_400_000);
    vault.delete_entry(recent.id).unwrap();
    assert_eq!(
        vault.entries(10, None).unwrap().entries.len(),
        1,
        "the journal hides the trash"
    );
    assert_eq!(vault.trashed_entries(10, None).unwrap().entries.len(), 2);
    assert!(matches!(
        vault.update_entry(recent.id, &NewEntry::reflection("edit")),
        Err(Error::InvalidInput { field: "id", .. })
    ));
    assert!(matches!(
        vault.purge_entry(keep.id),
        Err(Error::InvalidInput { field: "id", .. })
    ));

    clock.advance(86_400_000);
    assert_eq!(
        vault.purge_expired_trash(30).unwrap(),
        1,
        "only the entry trashed 31 days ago"
    );
    assert!(matches!(vault.entry(old.id), Err(Error::NotFound { .. })));
    vault.restore_entry(recent.id).unwrap();
    assert_eq!(vault.entries(10, None).unwrap().entries.len(), 2);
    assert!(vault.trashed_entries(10, None).unwrap().entries.is_empty());
}

#[test]
fn purged_and_drafted_text_never_reaches_the_disk() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let mut doomed = NewEntry::reflection("CANARY-purged-0b7e");
    doomed.tags = vec!["CANARY-tag-d41c".into()];
    let doomed = vault.add_entry(&doomed).unwrap();
    vault.delete_entry(doomed.id).unwrap();
    vault.purge_entry(doomed.id).unwrap();
    vault
        .save_draft(None, &NewEntry::reflection("CANARY-draft-7a22"))
        .unwrap();
    let mut log = pattern_log();
    if let EntryContent::PatternLog {
        involved,
        body_sensations,
        ..
    } = &mut log.content
    {
        *involved = Some("CANARY-involved-19fe".into());
        *body_sensations = Some("CANARY-body-c3a0".into());
    }
    vault.add_entry(&log).unwrap();
    vault.checkpoint().unwrap();
    vault.close().unwrap();
    for canary in [
        "CANARY-purged-0b7e",
        "CANARY-tag-d41c",
        "CANARY-draft-7a22",
        "CANARY-involved-19fe",
        "CANARY-body-c3a0",
        "physical_closeness",
        "pattern_log",
    ] {
        assert_eq!(occurrences(dir.path(), canary.as_bytes()), 0, "{canary}");
    }
}

fn any_text() -> impl Strategy<Value = String> {
    "\\PC{1,40}".prop_filter("not blank", |s| !s.trim().is_empty())
}

fn any_rating() -> impl Strategy<Value = EmotionRating> {
    (
        prop::sample::select(vec![
            "fear.exposed",
            "calm.safe",
            "shame.guilty",
            "anger.defensive",
        ]),
        0u8..=10,
    )
        .prop_map(|(k, i)| rating(k, i))
}

fn any_ratings() -> impl Strategy<Value = Vec<EmotionRating>> {
    prop::collection::vec(any_rating(), 0..4).prop_map(|mut v| {
        v.sort_by(|a, b| a.key.cmp(&b.key));
        v.dedup_by(|a, b| a.key == b.key);
        v
    })
}

fn any_content() -> impl Strategy<Value = EntryContent> {
    prop_oneof![
        (prop::option::of(any_text()), any_text()).prop_map(|(title, text)| {
            EntryContent::Reflection {
                title,
                text,
                prompt_key: None,
            }
        }),
        (
            any_text(),
            0u8..=10,
            0u8..=10,
            any_ratings(),
            prop::option::of(any_text())
        )
            .prop_map(
                |(situation, felt_safety, urge_to_pull_away, emotions, note)| {
                    EntryContent::PatternLog {
                        situation,
                        involved: None,
                        felt_safety,
                        urge_to_pull_away,
                        response: Response::Withdrew,
                        triggers: vec!["conflict".into()],
                        emotions,
                        body_sensations: None,
                        note,
                    }
                }
            ),
        (any_text(), any_text(), 0u8..=100, 0u8..=100, any_ratings()).prop_map(
            |(situation, automatic_thought, belief_before, belief_after, emotions_after)| {
                EntryContent::ThoughtRecord {
                    situation,
                    automatic_thought,
                    emotions_before: Vec::new(),
                    evidence_for: None,
                    evidence_against: None,
                    verdict: Verdict::Unsure,
                    balanced_thought: None,
                    belief_before,
                    belief_after,
                    emotions_after,
                }
            }
        ),
        (prop::option::of(any_text()), prop::option::of(any_text())).prop_map(|(heard, need)| {
            EntryContent::ConversationReflection {
                stayed_present: Presence::No,
                grounding: vec![Grounding::Breathing],
                heard_partner_say: heard,
                need_expressed: need,
                boundary_set: None,
            }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_field_of_every_kind_survives_sealing(contents in prop::collection::vec(any_content(), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let (vault, path, _) = new_vault(dir.path());
        let ids: Vec<_> = contents
            .iter()
            .map(|c| vault.add_entry(&NewEntry { content: c.clone(), tags: vec!["x".into()], links: Vec::new() }).unwrap().id)
            .collect();
        vault.close().unwrap();
        let vault = Vault::open(&path).unwrap();
        vault.unlock(&pass(PASSPHRASE)).unwrap();
        for (id, content) in ids.iter().zip(&contents) {
            prop_assert_eq!(&vault.entry(*id).unwrap().content, content);
        }
    }
}

#[test]
fn a_canary_in_every_field_of_every_kind_never_reaches_any_file() {
    let dir = tempfile::tempdir().unwrap();
    let (vault, _, _) = new_vault(dir.path());
    let c = |field: &str| format!("CANARY-{field}-{}", field.len() * 7919);
    let word = vault
        .add_custom_emotion("joy", &c("custom-emotion"))
        .unwrap();
    let trigger = vault.add_custom_trigger(&c("custom-trigger")).unwrap();
    let entries = [
        EntryContent::Reflection {
            title: Some(c("title")),
            text: c("text"),
            prompt_key: Some(c("prompt")),
        },
        EntryContent::PatternLog {
            situation: c("situation"),
            involved: Some(c("involved")),
            felt_safety: 5,
            urge_to_pull_away: 5,
            response: Response::Other {
                description: c("response"),
            },
            triggers: vec![trigger.key.clone()],
            emotions: vec![rating(&word.key, 4)],
            body_sensations: Some(c("body")),
            note: Some(c("note")),
        },
        EntryContent::ThoughtRecord {
            situation: c("tr-situation"),
            automatic_thought: c("automatic"),
            emotions_before: vec![rating("fear.anxious", 6)],
            evidence_for: Some(c("evidence-for")),
            evidence_against: Some(c("evidence-against")),
            verdict: Verdict::BasedOnEvidence,
            balanced_thought: Some(c("balanced")),
            belief_before: 60,
            belief_after: 40,
            emotions_after: vec![rating("fear.anxious", 3)],
        },
        EntryContent::ConversationReflection {
            stayed_present: Presence::No,
            grounding: vec![Grounding::Other {
                description: c("grounding"),
            }],
            heard_partner_say: Some(c("heard")),
            need_expressed: Some(c("need")),
            boundary_set: Some(c("boundary")),
        },
    ];
    for (i, content) in entries.into_iter().enumerate() {
        let entry = NewEntry {
            content,
            tags: vec![c(&format!("tag{i}"))],
            links: Vec::new(),
        };
        vault.add_entry(&entry).unwrap();
        vault.save_draft(None, &entry).unwrap();
    }
    // Search builds the in-memory index; it must not spill anything either.
    let found = vault
        .search(
            &innermost::EntryFilter {
                text: Some("canary".into()),
                ..Default::default()
            },
            50,
            None,
        )
        .unwrap();
    assert_eq!(found.entries.len(), 4);
    let needles: Vec<String> = [
        "custom-emotion",
        "custom-trigger",
        "title",
        "text",
        "prompt",
        "situation",
        "involved",
        "response",
        "body",
        "note",
        "tr-situation",
        "automatic",
        "evidence-for",
        "evidence-against",
        "balanced",
        "grounding",
        "heard",
        "need",
        "boundary",
        "tag0",
        "tag1",
        "tag2",
        "tag3",
    ]
    .iter()
    .map(|f| c(f))
    .collect();
    for moment in ["before checkpoint", "after checkpoint", "after close"] {
        match moment {
            "after checkpoint" => vault.checkpoint().unwrap(),
            "after close" => vault.close().unwrap(),
            _ => {}
        }
        for needle in &needles {
            assert_eq!(
                occurrences(dir.path(), needle.as_bytes()),
                0,
                "{moment}: {needle}"
            );
        }
        assert_eq!(occurrences(dir.path(), b"CANARY"), 0, "{moment}");
    }
}
