//! Helpers for the report tests: golden files, a vault with a fixed clock, and a small
//! JSON Schema validator for exactly the keywords `docs/report.schema.json` uses.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use innermost::{FixedClock, KdfParams, Passphrase, Timestamp, Vault};

/// Compares `bytes` with `tests/golden/<name>`; `INNERMOST_BLESS=1` rewrites the file.
pub fn golden(name: &str, bytes: &[u8]) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("INNERMOST_BLESS").is_some() {
        std::fs::write(&path, bytes).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with INNERMOST_BLESS=1", path.display()));
    if expected != bytes {
        let got = String::from_utf8_lossy(bytes);
        let want = String::from_utf8_lossy(&expected);
        let line = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(want.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\n got: {:?}\nwant: {:?}\n(INNERMOST_BLESS=1 rewrites it)",
            line + 1,
            got.lines().nth(line),
            want.lines().nth(line)
        );
    }
}

/// What a reader of the file sees, for searching: the bytes as they are, except a PDF,
/// whose text sits in content streams as hex strings (`<41E9> Tj`, one WinAnsi byte per
/// character in the standard font): those are decoded and joined with spaces, so a word
/// the report shows is found and one it withholds is not.
pub fn readable(format: innermost_reports::ReportFormat, bytes: &[u8]) -> Vec<u8> {
    if format != innermost_reports::ReportFormat::Pdf {
        return bytes.to_vec();
    }
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for line in text.lines() {
        let Some(hex) = line.strip_suffix("> Tj").and_then(|l| l.rsplit('<').next()) else {
            continue;
        };
        let digits: Vec<u8> = hex.bytes().collect();
        for pair in digits.chunks(2) {
            let byte = std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .unwrap();
            out.push(byte);
        }
        out.push(b' ');
    }
    out
}

/// The repository's `docs/` directory.
pub fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs")
}

/// 2026-03-30T08:00:00Z: a Monday morning in Paris, after the fixture month.
pub const NOW: i64 = 1_774_857_600_000;
/// One day in milliseconds.
pub const DAY: i64 = 86_400_000;
/// The zone every vault test uses.
pub const ZONE: &str = "Europe/Paris";

/// A fresh unlocked vault in `dir` whose clock stands at [`NOW`].
pub fn new_vault(dir: &Path) -> (Vault, Arc<FixedClock>) {
    let clock = Arc::new(FixedClock::new(Timestamp::from_millis(NOW)));
    let pass = Passphrase::new("a quiet harbour at noon".to_owned(), "passphrase").unwrap();
    let vault = Vault::create_with_clock(
        dir.join("journal.innermost"),
        &pass,
        KdfParams::insecure_fast_for_tests(),
        clock.clone(),
    )
    .unwrap();
    (vault, clock)
}

/// Noon in Paris (11:00 UTC in March before the change) `days_before` days before [`NOW`].
pub fn at(days_before: i64) -> Timestamp {
    Timestamp::from_millis(NOW - days_before * DAY + 3 * 3_600_000)
}

/// The text written into every free-text field of every item that is not picked.
pub const CANARY: &str = "zq7canary";

/// What [`canary_vault`] picked, and the texts that must appear in full.
pub struct Picks {
    /// A reflection and a thought record inside the range.
    pub entries: Vec<innermost::EntryId>,
    /// A setback inside the range and a ladder step.
    pub practice: Vec<innermost::progress::ProgressId>,
    /// An own measure whose name may appear.
    pub measure: String,
    /// A reflection outside the range.
    pub outside_entry: innermost::EntryId,
    /// A victory outside the range.
    pub outside_event: innermost::progress::ProgressId,
    /// An entry in the trash.
    pub trashed_entry: innermost::EntryId,
}

/// Texts of picked items; each must appear in every format that shows text.
pub const PICKED_TEXTS: [&str; 5] = [
    "picked-reflection-text",
    "picked-thought-text",
    "picked-setback-context",
    "picked-step-text",
    "picked-measure-name",
];

/// A vault with March 2026 filled in: every kind of item with [`CANARY`] in every
/// free-text field, plus picked items whose texts are [`PICKED_TEXTS`].
pub fn canary_vault(dir: &Path) -> (Vault, Picks) {
    use innermost::progress::*;
    use innermost::rituals::{GuideStep, OccurrenceStatus, RitualDetails};
    use innermost::*;

    let (vault, clock) = new_vault(dir);
    let c = CANARY;
    let emotion = vault.add_custom_emotion("fear", c).unwrap();
    let trigger = vault.add_custom_trigger(c).unwrap();
    // A picked entry shows in full, with its tags and the person's own words it uses, so
    // picked items here use their own texts and built-in words.
    let write_tagged = |days_before: i64, content: EntryContent, tag: &str| {
        clock.set(at(days_before));
        vault
            .add_entry(&NewEntry {
                content,
                tags: vec![tag.to_owned()],
                links: Vec::new(),
            })
            .unwrap()
            .id
    };
    let write = |days_before: i64, content: EntryContent| write_tagged(days_before, content, c);
    let reflection = |text: &str| EntryContent::Reflection {
        title: Some(text.to_owned()),
        text: text.to_owned(),
        prompt_key: None,
    };
    let rating = |key: &str| {
        vec![EmotionRating {
            key: key.to_owned(),
            intensity: 6,
        }]
    };
    let thought = |text: &str, emotion: &str| EntryContent::ThoughtRecord {
        situation: text.to_owned(),
        automatic_thought: text.to_owned(),
        emotions_before: rating(emotion),
        evidence_for: Some(text.to_owned()),
        evidence_against: Some(text.to_owned()),
        verdict: Verdict::BasedOnFear,
        balanced_thought: Some(text.to_owned()),
        belief_before: 80,
        belief_after: 40,
        emotions_after: rating(emotion),
    };
    // Outside the range (February), then the range (2026-03-02 .. 2026-03-30).
    let outside_entry = write(40, reflection(c));
    write(20, reflection(c));
    write(19, thought(c, &emotion.key));
    write(
        18,
        EntryContent::PatternLog {
            situation: c.to_owned(),
            involved: Some(c.to_owned()),
            felt_safety: 3,
            urge_to_pull_away: 8,
            response: Response::Other {
                description: c.to_owned(),
            },
            triggers: vec![trigger.key.clone(), "being_seen".to_owned()],
            emotions: rating(&emotion.key),
            body_sensations: Some(c.to_owned()),
            note: Some(c.to_owned()),
        },
    );
    write(
        17,
        EntryContent::ConversationReflection {
            stayed_present: Presence::Partly,
            grounding: vec![
                Grounding::Breathing,
                Grounding::Other {
                    description: c.to_owned(),
                },
            ],
            heard_partner_say: Some(c.to_owned()),
            need_expressed: Some(c.to_owned()),
            boundary_set: Some(c.to_owned()),
        },
    );
    let trashed_entry = write(16, reflection(c));
    vault.delete_entry(trashed_entry).unwrap();
    let picked_reflection = write_tagged(15, reflection(PICKED_TEXTS[0]), "picked-tag");
    let picked_thought = write_tagged(14, thought(PICKED_TEXTS[1], "fear.exposed"), "picked-tag");
    clock.set(at(0));
    vault.save_draft(None, &NewEntry::reflection(c)).unwrap();

    // Practice events.
    let log_with = |days_before: i64, kind: PracticeKind, text: &str, trigger: &str| {
        clock.set(at(0));
        vault
            .log_practice(
                &NewPracticeEvent {
                    kind,
                    occurred_at: at(days_before),
                    context: text.to_owned(),
                    trigger_keys: vec![trigger.to_owned()],
                    what_helped: text.to_owned(),
                },
                ZONE,
            )
            .unwrap()
            .event
            .id
    };
    let log = |days_before: i64, kind: PracticeKind, text: &str| {
        log_with(days_before, kind, text, &trigger.key)
    };
    let outside_event = log(
        45,
        PracticeKind::Victory {
            victory: Victory::StayedPresent,
        },
        c,
    );
    log(
        13,
        PracticeKind::Victory {
            victory: Victory::Own {
                label: c.to_owned(),
            },
        },
        c,
    );
    log(
        12,
        PracticeKind::Victory {
            victory: Victory::SetBoundary,
        },
        c,
    );
    log(
        11,
        PracticeKind::Setback {
            setback: Setback::Own {
                label: c.to_owned(),
            },
        },
        c,
    );
    log(10, PracticeKind::Recommitted, c);
    let picked_setback = log_with(
        9,
        PracticeKind::Setback {
            setback: Setback::Withdrew,
        },
        PICKED_TEXTS[2],
        "being_seen",
    );
    vault
        .set_setback_plan(&SetbackPlan {
            warning_signs: vec![c.to_owned()],
            self_care_steps: vec![c.to_owned()],
            support_people: vec![c.to_owned()],
            resources: vec![c.to_owned()],
            self_compassion: vec![c.to_owned()],
        })
        .unwrap();

    // The ladder: one step withheld, one picked.
    let step = vault
        .add_ladder_step(&NewLadderStep {
            text: c.to_owned(),
            expected_difficulty: 3,
        })
        .unwrap();
    let picked_step = vault
        .add_ladder_step(&NewLadderStep {
            text: PICKED_TEXTS[3].to_owned(),
            expected_difficulty: 6,
        })
        .unwrap();
    for (s, days_before, outcome) in [(&step, 8, c), (&picked_step, 7, "picked-step-outcome")] {
        vault
            .record_ladder_attempt(
                &NewLadderAttempt {
                    step_id: s.id,
                    attempted_at: at(days_before),
                    predicted_anxiety: 7,
                    anxiety_before: 5,
                    anxiety_peak: 4,
                    anxiety_after: 2,
                    outcome: outcome.to_owned(),
                },
                ZONE,
            )
            .unwrap();
    }

    // A ritual with every text field filled, one occurrence done with a note.
    let ritual = vault
        .add_ritual(&rituals::NewRitual {
            kind: RitualKind::DailyCheckIn,
            details: RitualDetails {
                title: c.to_owned(),
                notes: c.to_owned(),
                guide: vec![GuideStep {
                    title: c.to_owned(),
                    prompt: c.to_owned(),
                }],
            },
            schedule: Schedule {
                cadence: "FREQ=DAILY".to_owned(),
                times: vec!["20:00".to_owned()],
                start_date: "2026-03-01".to_owned(),
                zone: ZoneMode::Fixed {
                    zone: ZONE.to_owned(),
                },
                lead_minutes: 0,
                exact: false,
                label: Some(c.to_owned()),
            },
        })
        .unwrap();
    vault
        .record_occurrence(
            &format!("{}/2026-03-10T20:00", ritual.id),
            OccurrenceStatus::Done,
            Some(c),
            ZONE,
        )
        .unwrap();

    // Measures: an own measure withheld, one picked, and a built-in scale.
    let measure = |name: &str| MeasureDefinition {
        name: name.to_owned(),
        items: vec![MeasureItem {
            text: c.to_owned(),
            reverse_keyed: false,
            subscale: Some(c.to_owned()),
        }],
        min: 0,
        max: 4,
        scoring: Scoring::Sum,
    };
    let withheld_measure = vault.add_measure(&measure(c)).unwrap();
    let picked_measure = vault.add_measure(&measure(PICKED_TEXTS[4])).unwrap();
    clock.set(at(3));
    for m in [&withheld_measure.id, &picked_measure.id] {
        vault.record_measure_response(m, &[2], ZONE).unwrap();
    }
    vault
        .record_measure_response(measures::FELT_SAFETY, &[6], ZONE)
        .unwrap();
    clock.set(at(0));
    (
        vault,
        Picks {
            entries: vec![picked_reflection, picked_thought],
            practice: vec![picked_setback, picked_step.id],
            measure: picked_measure.id,
            outside_entry,
            outside_event,
            trashed_entry,
        },
    )
}

/// A request for March 2026 in Paris with `template`.
pub fn march(template: &str) -> innermost_reports::ReportRequest {
    innermost_reports::ReportRequest {
        from: "2026-03-02".to_owned(),
        to: "2026-03-30".to_owned(),
        zone: ZONE.to_owned(),
        template: template.to_owned(),
        ..Default::default()
    }
}

impl Picks {
    /// March under `template` with every pick (the entries, the practice, the measure).
    pub fn request(&self, template: &str) -> innermost_reports::ReportRequest {
        innermost_reports::ReportRequest {
            picked_entries: self.entries.clone(),
            picked_practice: self.practice.clone(),
            picked_measures: vec![self.measure.clone()],
            ..march(template)
        }
    }
}
