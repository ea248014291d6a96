//! The desktop tour: Innermost's core doing what the phone app will do, on a real
//! encrypted vault on disk, narrated as it goes.
//!
//! ```text
//! cargo run -p innermost --example tour [-- --data-dir DIR] [--passphrase TEXT]
//! ```
//!
//! It creates a vault in the data directory (or reopens the one a previous run left),
//! writes a few journal entries, reads the timeline back, keeps three rituals of connection
//! and plans the next week's reminders (marking one done changes the plan; the same plan
//! comes out while locked), logs progress (victories, a ladder attempt, a check-in, a
//! setback answered with the person's plan and record, the growth score and its reasons),
//! locks and unlocks, shows that a
//! wrong passphrase is refused, rotates the data key, sets up a recovery code and unlocks
//! with it, writes an automatic encrypted backup, verifies it and restores it into
//! `restored/`, writes a report for therapy in every format into `reports/` (the thought
//! record picked in full, everything else as counts), and finally searches every file in
//! the data directory for the text it wrote: the vault's files must hold none of it, the
//! reports none of what was not picked. It exits with status 1 if any is found.
//!
//! Default data directory: `target/tour` in the workspace. Delete it to start afresh.
#![allow(clippy::print_stdout)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use innermost::rituals::{OccurrenceStatus, RitualDetails};
use innermost::vault::{NoProgress, ProgressListener};
use innermost::{
    BackupSecret, EmotionRating, EntryContent, EntryFilter, Error, Grounding, KdfParams, NewEntry,
    Passphrase, Presence, RecoveryCode, Response, Timestamp, Vault, Verdict, restore_backup,
    verify_backup,
};
use innermost::{NewRitual, PlanRequest, RitualKind, Schedule, ZoneMode};
use innermost_reports::{PdfFonts, ReportFormat, ReportRequest};

const DEFAULT_PASSPHRASE: &str = "tour passphrase: not for real use";
/// An emotion word of the person's own, added on the first run (sealed like entries).
const OWN_WORD: &str = "braced for leaving";
/// The secret the tour's automatic backups are keyed by.
const BACKUP_PASSPHRASE: &str = "tour backup passphrase: not for real use";

/// The zone the tour pretends the phone is in.
const TOUR_ZONE: &str = "Europe/Paris";
/// The question the person brings to their next session (the report's agenda).
const REPORT_AGENDA: &str = "How do I stay in the room when I want to leave it?";
/// Debian's DejaVu Sans (`fonts-dejavu-core`), the PDF's font when it is installed.
const DEJAVU_SANS: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
/// A completion note (sealed).
const RITUAL_NOTE: &str = "we put the phones in the drawer and it was easier than I feared";
/// Ritual titles and notes (sealed).
/// What the progress section writes (sealed): contexts, what helped, the ladder step and
/// its outcome, the measure the tour defines, and the setback plan.
const PROGRESS_TEXTS: [&str; 10] = [
    "told Sam the silence at dinner scared me",
    "saying it slowly, one sentence at a time",
    "went quiet for the evening after the phone call",
    "say I don't know when Sam asks about the move",
    "Sam laughed kindly and said neither did they",
    "Tour closeness check",
    "I let someone see how I really felt",
    "I start answering in one word",
    "text my sister before I go silent",
    "Going quiet once kept me safe; I can choose something else now.",
];
const RITUAL_TEXTS: [&str; 4] = [
    "Evening check-in with Sam",
    "Sunday talk",
    "Saturday market together",
    "ask about the day before talking about mine",
];

fn tour_rituals() -> Vec<NewRitual> {
    let ritual =
        |kind, title: &str, notes: &str, rule: &str, time: &str, zone: ZoneMode, lead, exact| {
            NewRitual {
                kind,
                details: RitualDetails {
                    title: title.into(),
                    notes: notes.into(),
                    guide: Vec::new(),
                },
                schedule: Schedule {
                    cadence: rule.into(),
                    times: vec![time.into()],
                    start_date: "2026-01-01".into(),
                    zone,
                    lead_minutes: lead,
                    exact,
                    label: None,
                },
            }
        };
    vec![
        ritual(
            RitualKind::DailyCheckIn,
            RITUAL_TEXTS[0],
            RITUAL_TEXTS[3],
            "FREQ=DAILY",
            "21:00",
            ZoneMode::Floating,
            0,
            false,
        ),
        ritual(
            RitualKind::WeeklyConversation,
            RITUAL_TEXTS[1],
            "",
            "FREQ=WEEKLY;BYDAY=SU",
            "19:00",
            ZoneMode::Fixed {
                zone: TOUR_ZONE.into(),
            },
            15,
            true,
        ),
        ritual(
            RitualKind::SharedActivity,
            RITUAL_TEXTS[2],
            "",
            "FREQ=MONTHLY;BYDAY=-1SA",
            "10:00",
            ZoneMode::Floating,
            60,
            false,
        ),
    ]
}

/// `YYYY-MM-DD HH:MM` in the tour's zone.
fn local_time(at: Timestamp) -> String {
    innermost::time::Zone::named(TOUR_ZONE, "zone")
        .and_then(|z| z.civil(at))
        .map(|t| format!("{} {:02}:{:02}", t.date(), t.hour(), t.minute()))
        .unwrap_or_default()
}

/// `YYYY-MM-DD` in the tour's zone.
fn local_date(at: Timestamp) -> String {
    local_time(at).chars().take(10).collect()
}

/// Counts progress reports.
struct CountProgress<'a>(&'a AtomicU64);

impl ProgressListener for CountProgress<'_> {
    fn on_progress(&self, _done: u64, _total: u64) -> bool {
        self.0.fetch_add(1, Ordering::Relaxed);
        true
    }
}

/// Entries in the journal (not the trash), page by page.
fn count_entries(vault: &Vault) -> innermost::Result<usize> {
    let mut count = 0;
    let mut after = None;
    loop {
        let page = vault.entries(500, after)?;
        count += page.entries.len();
        match page.next {
            Some(next) => after = Some(next),
            None => return Ok(count),
        }
    }
}

struct Args {
    data_dir: PathBuf,
    passphrase: String,
    /// Extra generated entries to write first (to see the tour on a full journal).
    fill: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        data_dir: Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/tour"),
        passphrase: DEFAULT_PASSPHRASE.to_owned(),
        fill: 0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--data-dir" => args.data_dir = it.next().ok_or("--data-dir needs a path")?.into(),
            "--passphrase" => args.passphrase = it.next().ok_or("--passphrase needs a value")?,
            "--fill" => {
                args.fill = it
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--fill needs a number of entries")?;
            }
            "-h" | "--help" => {
                println!("usage: tour [--data-dir DIR] [--passphrase TEXT] [--fill N]");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other:?} (try --help)")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    match run() {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("tour failed: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Returns the number of plaintext hits found on disk.
fn run() -> Result<usize, Box<dyn std::error::Error>> {
    let args = parse_args()?;
    std::fs::create_dir_all(&args.data_dir)?;
    let data_dir = args.data_dir.canonicalize()?;
    let path = data_dir.join("journal.innermost");
    let passphrase = Passphrase::new(args.passphrase.clone(), "passphrase")?;

    println!("Innermost desktop tour");
    println!("======================");
    println!("data directory: {}\n", data_dir.display());

    // 1. The vault.
    let started = Instant::now();
    let vault = if path.exists() {
        let vault = Vault::open(&path)?;
        vault.unlock(&passphrase)?;
        println!(
            "1. Reopened the vault a previous run left and unlocked it ({} ms).",
            started.elapsed().as_millis()
        );
        vault
    } else {
        let vault = Vault::create(&path, &passphrase, KdfParams::default())?;
        println!(
            "1. Created a new vault (Argon2id 64 MiB, t=3, p=4 key slot; random 256-bit data key) in {} ms.",
            started.elapsed().as_millis()
        );
        vault
    };

    if args.fill > 0 {
        let t = Instant::now();
        for i in 0..args.fill {
            vault.add_entry(&NewEntry::reflection(format!(
                "Generated entry {i}: noticed the urge to pull away, named it, and stayed a little longer than last time."
            )))?;
        }
        println!(
            "   Wrote {} generated entries first (--fill) in {} ms.",
            args.fill,
            t.elapsed().as_millis()
        );
    }

    // 2. Journal entries: one of every kind. A token unique to this run makes the
    //    plaintext scan exact.
    let run_token = format!("{:x}", vault.now().as_millis());
    let mark = |text: &str| format!("[{run_token}] {text}");
    let texts = [
        mark("Felt safe at dinner; noticed my shoulders drop when he laughed."),
        mark("She asked about my family and I wanted to leave the room."),
        mark("If I need him, he will leave."),
        mark("I said I needed a minute, and then I came back."),
    ];
    let pattern_log = NewEntry {
        content: EntryContent::PatternLog {
            situation: texts[1].clone(),
            involved: Some("my partner".into()),
            felt_safety: 3,
            urge_to_pull_away: 8,
            response: Response::StayedPresent,
            triggers: vec!["being_seen".into(), "physical_closeness".into()],
            emotions: vec![
                EmotionRating {
                    key: "fear.exposed".into(),
                    intensity: 7,
                },
                EmotionRating {
                    key: "shame.self_conscious".into(),
                    intensity: 4,
                },
            ],
            body_sensations: Some("tight chest, hot face".into()),
            note: None,
        },
        tags: vec!["family".into()],
        links: Vec::new(),
    };
    let thought_record = NewEntry {
        content: EntryContent::ThoughtRecord {
            situation: "He was quiet all evening.".into(),
            automatic_thought: texts[2].clone(),
            emotions_before: vec![EmotionRating {
                key: "fear.dreading".into(),
                intensity: 8,
            }],
            evidence_for: Some("He did not text back at lunch.".into()),
            evidence_against: Some(
                "He stayed through the hard winter; he was tired from work.".into(),
            ),
            verdict: Verdict::BasedOnFear,
            balanced_thought: Some("Needing him is not what makes people leave.".into()),
            belief_before: 80,
            belief_after: 35,
            emotions_after: vec![EmotionRating {
                key: "fear.dreading".into(),
                intensity: 4,
            }],
        },
        tags: Vec::new(),
        links: Vec::new(),
    };
    let conversation = NewEntry {
        content: EntryContent::ConversationReflection {
            stayed_present: Presence::Partly,
            grounding: vec![Grounding::Breathing, Grounding::NoticingTheBody],
            heard_partner_say: Some("That they feel shut out when I go quiet.".into()),
            need_expressed: Some(texts[3].clone()),
            boundary_set: None,
        },
        tags: Vec::new(),
        links: Vec::new(),
    };
    vault.add_entry(&NewEntry::reflection(texts[0].clone()))?;
    vault.add_entry(&pattern_log)?;
    let picked_thought_record = vault.add_entry(&thought_record)?.id;
    // The conversation reflection starts as a draft (saved, nothing lost), then is finished.
    let draft = vault.save_draft(None, &conversation)?;
    let finished = vault.finish_draft(draft.id)?;
    // A deleted entry waits in the trash and comes back.
    vault.delete_entry(finished.id)?;
    vault.restore_entry(finished.id)?;
    println!(
        "2. Wrote one entry of each kind (reflection, pattern log, thought record, conversation reflection —\n   \
         the last via a saved draft, then deleted and restored from the trash); every field sealed with\n   \
         AES-256-GCM as one document bound to its row."
    );

    // 3. The timeline.
    let page = vault.entries(50, None)?;
    println!(
        "3. Read the newest page of the timeline: {} entries on this page.",
        page.entries.len()
    );
    for entry in page.entries.iter().take(4) {
        let headline = entry.content.headline();
        let mut preview: String = headline.chars().take(60).collect();
        if preview.len() < headline.len() {
            preview.push('…');
        }
        println!("     {}  {preview}", entry.id);
    }

    // 3a. Search, in memory only.
    let started = Instant::now();
    let found = vault.search(
        &EntryFilter {
            text: Some("FAMILY".into()),
            ..EntryFilter::default()
        },
        50,
        None,
    )?;
    let fearful = vault.search(
        &EntryFilter {
            emotions: vec!["fear.exposed".into()],
            max_safety: Some(4),
            ..EntryFilter::default()
        },
        50,
        None,
    )?;
    println!(
        "   Search (case- and accent-insensitive, decrypted only in memory): \"family\" finds {} entr{};\n   \
         pattern logs with 'exposed' and felt safety ≤ 4: {} ({} µs for both).",
        found.entries.len(),
        if found.entries.len() == 1 { "y" } else { "ies" },
        fearful.entries.len(),
        started.elapsed().as_micros()
    );

    let week_ago = Timestamp::from_millis(vault.now().as_millis() - 7 * 86_400_000);
    let insights = vault.pattern_insights(
        week_ago,
        Timestamp::from_millis(vault.now().as_millis() + 1),
        "Europe/Paris",
    )?;
    let top = insights
        .triggers
        .first()
        .map(|t| t.key.as_str())
        .unwrap_or("none");
    println!(
        "   Insights for the past week: {} pattern log(s), average felt safety {:.1}/10, top trigger '{top}'.",
        insights.pattern_logs,
        insights.average_safety.unwrap_or(0.0)
    );

    // 3b. Words for what was felt, and a prompt for tomorrow.
    let today = local_date(vault.now());
    let prompt = innermost::journal::prompt_of_the_day(&today)?;
    if !vault
        .emotion_vocabulary()?
        .iter()
        .flat_map(|f| &f.words)
        .any(|w| w.custom)
    {
        vault.add_custom_emotion("fear", OWN_WORD)?;
    }
    let families = vault.emotion_vocabulary()?;
    let words: usize = families.iter().map(|f| f.words.len()).sum();
    let own: usize = families
        .iter()
        .flat_map(|f| &f.words)
        .filter(|w| w.custom)
        .count();
    println!(
        "   Vocabulary: {} emotion families, {words} words ({own} of the person's own, sealed); {} trigger tags.",
        families.len(),
        vault.trigger_vocabulary()?.len()
    );
    println!("   Prompt of the day ({today}): {}", prompt.text);

    // 3c. Rituals of connection and the reminders they plan.
    // One instant for every plan the tour compares: the wall clock moves between calls,
    // and `replan_by` (the horizon's end when nothing is left out) moves with it.
    let plan_at = vault.now();
    let plan_week = |vault: &Vault| -> innermost::Result<innermost::NotificationPlan> {
        let mut request = PlanRequest::new(plan_at, TOUR_ZONE);
        request.horizon_days = 7;
        vault.plan_reminders(&request)
    };
    if vault.rituals(false)?.is_empty() {
        for ritual in tour_rituals() {
            vault.add_ritual(&ritual)?;
        }
    }
    let rituals = vault.rituals(false)?;
    let plan = plan_week(&vault)?;
    println!(
        "   Rituals: {} ({}); details sealed, schedules plaintext so reminders plan while locked.",
        rituals.len(),
        rituals
            .iter()
            .map(|r| format!("{} `{}`", r.details.title, r.schedule.cadence))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "   The next week's reminders ({} of a budget of 64; replan by {}):",
        plan.items.len(),
        local_time(plan.replan_by)
    );
    for item in plan.items.iter().take(8) {
        println!(
            "     {}  {:<9} {:<7} \"{}\"",
            local_time(item.fire_at),
            format!("{:?}", item.reason),
            if item.exact { "exact" } else { "window" },
            item.title
        );
    }
    if plan.items.len() > 8 {
        println!("     … and {} more", plan.items.len() - 8);
    }
    if let Some(first) = plan.items.first() {
        vault.record_occurrence(
            &first.occurrence_id,
            OccurrenceStatus::Done,
            Some(RITUAL_NOTE),
            TOUR_ZONE,
        )?;
        let after = plan_week(&vault)?;
        println!(
            "   Marked the first one done (with a sealed note): the plan now has {} reminder(s), and that occurrence is gone: {}.",
            after.items.len(),
            after
                .items
                .iter()
                .all(|i| i.occurrence_id != first.occurrence_id)
        );
        let today = local_date(vault.now());
        let week = vault.weekly_adherence(first.ritual_id, &today, &today, TOUR_ZONE)?;
        if let Some(w) = week.first() {
            println!(
                "   That ritual this week (from Monday {}): {} planned, {} done, {} skipped.",
                w.week_start, w.planned, w.done, w.skipped
            );
        }
    }

    // 3d. Progress: victories, a ladder step, a measure, a setback answered with the plan.
    {
        use innermost::progress::{
            MeasureDefinition, MeasureItem, NewLadderAttempt, NewLadderStep, NewPracticeEvent,
            PracticeKind, Scoring, Setback, SetbackPlan, Victory,
        };
        let now = vault.now();
        let event = |kind: PracticeKind, context: &str, helped: &str| NewPracticeEvent {
            kind,
            occurred_at: now,
            context: context.to_owned(),
            trigger_keys: vec!["being_seen".to_owned()],
            what_helped: helped.to_owned(),
        };
        let mut raised = Vec::new();
        for victory in [
            Victory::SharedDifficultFeeling,
            Victory::AskedInsteadOfAssuming,
        ] {
            let logged = vault.log_practice(
                &event(
                    PracticeKind::Victory { victory },
                    PROGRESS_TEXTS[0],
                    PROGRESS_TEXTS[1],
                ),
                TOUR_ZONE,
            )?;
            raised.extend(logged.new_milestones);
        }
        // Definitions are added once; reruns reuse them.
        if vault.setback_plan()?.is_none() {
            vault.set_setback_plan(&SetbackPlan {
                warning_signs: vec![PROGRESS_TEXTS[7].to_owned()],
                self_care_steps: vec![
                    "a walk round the block, then one honest sentence".to_owned(),
                ],
                support_people: vec![PROGRESS_TEXTS[8].to_owned()],
                resources: vec!["Thursday's session".to_owned()],
                self_compassion: vec![PROGRESS_TEXTS[9].to_owned()],
            })?;
        }
        let step = match vault
            .ladder()?
            .into_iter()
            .find(|r| r.step.text == PROGRESS_TEXTS[3])
        {
            Some(rung) => rung.step,
            None => vault.add_ladder_step(&NewLadderStep {
                text: PROGRESS_TEXTS[3].to_owned(),
                expected_difficulty: 3,
            })?,
        };
        let attempt = vault.record_ladder_attempt(
            &NewLadderAttempt {
                step_id: step.id,
                attempted_at: now,
                predicted_anxiety: 8,
                anxiety_before: 6,
                anxiety_peak: 4,
                anxiety_after: 2,
                outcome: PROGRESS_TEXTS[4].to_owned(),
            },
            TOUR_ZONE,
        )?;
        raised.extend(attempt.new_milestones);
        let stats = vault.ladder_stats()?;
        println!(
            "3d. Progress: two victories logged; ladder step attempted, predicted anxiety 8, peak 4 ({} of {} attempts so far peaked below the prediction).",
            stats.predictions_above_peak, stats.attempts
        );
        let measure = match vault
            .measures()?
            .into_iter()
            .find(|m| m.definition.name == PROGRESS_TEXTS[5])
        {
            Some(m) => m,
            None => vault.add_measure(&MeasureDefinition {
                name: PROGRESS_TEXTS[5].to_owned(),
                items: vec![
                    MeasureItem {
                        text: PROGRESS_TEXTS[6].to_owned(),
                        reverse_keyed: false,
                        subscale: Some("openness".to_owned()),
                    },
                    MeasureItem {
                        text: "I kept my feelings to myself".to_owned(),
                        reverse_keyed: true,
                        subscale: Some("openness".to_owned()),
                    },
                ],
                min: 1,
                max: 5,
                scoring: Scoring::Mean,
            })?,
        };
        let answered = vault.record_measure_response(&measure.id, &[4, 2], TOUR_ZONE)?;
        raised.extend(answered.new_milestones);
        println!(
            "   Check-in \"{}\" answered 4 and 2 (the second reverse-keyed): score {:.1}.",
            measure.definition.name, answered.response.score.total
        );
        let setback = vault.log_practice(
            &event(
                PracticeKind::Setback {
                    setback: Setback::WentSilent,
                },
                PROGRESS_TEXTS[2],
                PROGRESS_TEXTS[8],
            ),
            TOUR_ZONE,
        )?;
        raised.extend(setback.new_milestones);
        if let Some(support) = setback.setback_support {
            println!(
                "   A setback (went silent) was logged. The score is frozen until {}; the plan comes back:",
                support.recovery_window_until
            );
            if let Some(plan) = support.plan {
                for (heading, lines) in [
                    ("warning signs", &plan.warning_signs),
                    ("self-care", &plan.self_care_steps),
                    ("support", &plan.support_people),
                    ("resources", &plan.resources),
                    ("to yourself", &plan.self_compassion),
                ] {
                    println!("     {heading}: {}", lines.join("; "));
                }
            }
            println!("   and how far you have come:");
            for line in support.reminders.lines() {
                println!("     {line}");
            }
        }
        let score = vault.growth_score(TOUR_ZONE)?;
        println!(
            "   Growth score {:.3} (half-life {} days), because:",
            score.value, score.half_life_days
        );
        for reason in score.reasons.iter().take(6) {
            println!("     {}", reason.text);
        }
        if !raised.is_empty() {
            println!(
                "   Milestones raised this run: {}.",
                raised
                    .iter()
                    .map(|m| m.kind.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }

    // 4. Lock and unlock.
    let unlocked_plan = plan_week(&vault)?;
    vault.lock();
    let same_plan_locked = plan_week(&vault)? == unlocked_plan;
    let refused = matches!(
        vault.add_entry(&NewEntry::reflection("written while locked")),
        Err(Error::Locked)
    );
    println!(
        "4. Locked the vault: the data key is wiped; a write while locked is refused: {refused}."
    );
    let wrong = Passphrase::new("not the passphrase".into(), "passphrase")?;
    let wrong_refused = matches!(vault.unlock(&wrong), Err(Error::WrongPassphrase));
    println!("   A wrong passphrase is refused and changes nothing: {wrong_refused}.");
    println!(
        "   Reminders plan while locked (after a reboot, before the first unlock): the same plan: {same_plan_locked}."
    );
    let t = Instant::now();
    vault.unlock(&passphrase)?;
    println!(
        "   Unlocked again with the passphrase in {} ms.",
        t.elapsed().as_millis()
    );
    let again = vault.entries(4, None)?;
    println!(
        "   The newest entries read back intact: {}.",
        again
            .entries
            .iter()
            .all(|e| texts.iter().any(|t| t == e.content.headline()))
    );

    // 5. Never locked out, never lost.
    let t = Instant::now();
    let rotation = vault.rotate_data_key(&passphrase, KdfParams::default(), None, &NoProgress)?;
    println!(
        "5. Rotated the data key: {} sealed values re-encrypted under a new key in one transaction ({} ms).",
        rotation.values_resealed,
        t.elapsed().as_millis()
    );
    let code = vault.set_up_recovery_code(KdfParams::default())?;
    let shown = code.display();
    let masked: String = shown
        .chars()
        .map(|c| if c == '-' { '-' } else { '*' })
        .collect();
    println!(
        "   Set up a recovery code ({} random bits, 7 groups of 4 with check letters); the app shows it once, the tour only its shape: {masked}.",
        RecoveryCode::ENTROPY_BITS
    );
    let mut typo = shown.to_string();
    typo.replace_range(0..1, if typo.starts_with('A') { "B" } else { "A" });
    let typo_caught = RecoveryCode::parse(&typo, "recovery_code").is_err();
    println!(
        "   A code with one mistyped letter is caught by its check letters before any key derivation: {typo_caught}."
    );
    vault.lock();
    let typed = RecoveryCode::parse(&shown.to_lowercase().replace('-', " "), "recovery_code")?;
    let t = Instant::now();
    vault.unlock_with_recovery_code(&typed)?;
    println!(
        "   Locked, then unlocked with the recovery code typed in lower case with spaces ({} ms).",
        t.elapsed().as_millis()
    );

    let backups = data_dir.join("backups");
    std::fs::create_dir_all(&backups)?;
    let backup_secret =
        BackupSecret::Passphrase(Passphrase::new(BACKUP_PASSPHRASE.into(), "passphrase")?);
    vault.configure_automatic_backups(&backup_secret, KdfParams::default())?;
    let reports = AtomicU64::new(0);
    let t = Instant::now();
    let backup = vault.run_automatic_backup(&backups, 3, &CountProgress(&reports))?;
    println!(
        "6. Wrote an automatic encrypted backup ({} entries, {} bytes, {} progress reports, {} ms), keeping the newest 3 ({} older removed):",
        backup.summary.entries,
        backup.summary.backup_bytes,
        reports.load(Ordering::Relaxed),
        t.elapsed().as_millis(),
        backup.removed.len()
    );
    println!("     {}", backup.path.display());
    let t = Instant::now();
    let verified = verify_backup(&backup.path, &backup_secret, &NoProgress)?;
    println!(
        "   Verified it end to end without writing anything: {} entries, {} drafts ({} ms).",
        verified.entries,
        verified.drafts,
        t.elapsed().as_millis()
    );
    let restored_dir = data_dir.join("restored");
    if restored_dir.exists() {
        std::fs::remove_dir_all(&restored_dir)?;
    }
    std::fs::create_dir_all(&restored_dir)?;
    let restored_path = restored_dir.join("journal.innermost");
    let t = Instant::now();
    restore_backup(&backup.path, &backup_secret, &restored_path, &NoProgress)?;
    let restored = Vault::open(&restored_path)?;
    restored.unlock(&passphrase)?;
    let restored_count = count_entries(&restored)?;
    let original_count = count_entries(&vault)?;
    restored.close()?;
    println!(
        "   Restored it into {} and unlocked it with the vault's passphrase: {restored_count} of {original_count} entries read back ({} ms).",
        restored_dir.display(),
        t.elapsed().as_millis()
    );

    // 6b. A report for therapy, in every format: what the person picked in full (this run's
    //    thought record) and the agenda, the rest as counts, ratings and charts.
    let reports_dir = data_dir.join("reports");
    std::fs::create_dir_all(&reports_dir)?;
    let today = local_date(vault.now());
    let month_ago = local_date(Timestamp::from_millis(
        vault.now().as_millis() - 27 * 86_400_000,
    ));
    let request = ReportRequest {
        from: month_ago.clone(),
        to: today.clone(),
        zone: TOUR_ZONE.into(),
        template: "cbt".into(),
        turned_on: Vec::new(),
        turned_off: Vec::new(),
        picked_entries: vec![picked_thought_record],
        picked_practice: Vec::new(),
        picked_measures: Vec::new(),
        agenda: vec![REPORT_AGENDA.into()],
        session_dates: vec![today.clone()],
    };
    // The PDF embeds a font the platform has (the phone's own fonts in the shells); here
    // Debian's DejaVu Sans when installed, else the standard Helvetica.
    let (fonts, pdf_font) = match std::fs::read(DEJAVU_SANS) {
        Ok(font) => (
            PdfFonts::from_files(vec![font])?,
            "PDF with DejaVu Sans embedded",
        ),
        Err(_) => (PdfFonts::standard(), "standard PDF font"),
    };
    let t = Instant::now();
    let data = innermost_reports::gather(&vault, &request)?;
    let mut written = Vec::new();
    for format in ReportFormat::ALL {
        let bytes = innermost_reports::render(&data, format, &fonts)?;
        let path = reports_dir.join(format!("report-{today}.{}", format.extension()));
        std::fs::write(&path, &bytes)?;
        written.push((path, bytes.len()));
    }
    println!(
        "6b. A report for therapy ({pdf_font}, CBT template, {month_ago} to {today}), the thought record picked in full, the rest as counts; {} ms for all five formats:",
        t.elapsed().as_millis()
    );
    for (path, len) in &written {
        println!("     {} ({len} bytes)", path.display());
    }

    // 7. Nothing readable on disk (the vault, its log, the backups, the restored copy).
    vault.checkpoint()?;
    vault.lock();
    // The reports are the person's deliberate plaintext: searched apart, below.
    let files: Vec<PathBuf> = files_in(&data_dir)?
        .into_iter()
        .filter(|f| !f.starts_with(&reports_dir))
        .collect();
    let mut hits = 0;
    let needles: Vec<&str> = texts
        .iter()
        .map(String::as_str)
        .chain(
            texts
                .iter()
                .map(|t| &t[run_token.len() + 3..t.len().min(run_token.len() + 40)]),
        )
        .chain([
            args.passphrase.as_str(),
            OWN_WORD,
            BACKUP_PASSPHRASE,
            RITUAL_NOTE,
        ])
        .chain(RITUAL_TEXTS)
        .chain(PROGRESS_TEXTS)
        // Other fields, and the vocabulary keys chosen: sealed too.
        .chain([
            "tight chest, hot face",
            "Needing him is not what makes people leave.",
            "That they feel shut out when I go quiet.",
            "fear.exposed",
            "being_seen",
            "pattern_log",
        ])
        .collect();
    for file in &files {
        let bytes = std::fs::read(file)?;
        for needle in &needles {
            hits += bytes
                .windows(needle.len())
                .filter(|w| *w == needle.as_bytes())
                .count();
        }
    }
    println!(
        "7. Searched {} file(s) in the data directory ({} bytes) for every field written, the keys chosen, the own word and the passphrase: {hits} plaintext hits.",
        files.len(),
        files
            .iter()
            .map(|f| f.metadata().map(|m| m.len()).unwrap_or(0))
            .sum::<u64>()
    );
    for f in &files {
        println!(
            "     {}",
            f.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
    }
    // The reports show what was picked (this run's thought record, the agenda) and must
    // show nothing else anyone wrote. A PDF's text is drawn from its fonts' glyph codes,
    // so its page text is read back with `pdftotext` when poppler is installed.
    let mut report_texts = Vec::new();
    for (path, _) in &written {
        let shown = if path.extension().is_some_and(|e| e == "pdf") {
            match std::process::Command::new("pdftotext")
                .arg(path)
                .arg("-")
                .output()
            {
                Ok(out) if out.status.success() => out.stdout,
                _ => continue,
            }
        } else {
            std::fs::read(path)?
        };
        report_texts.push(shown);
    }
    // Vocabulary keys and kinds (`being_seen`, `pattern_log`) are how a report counts
    // without quoting: sealed in the vault, shown in a report's aggregates.
    let keys = ["fear.exposed", "being_seen", "pattern_log"];
    let unpicked: Vec<&str> = needles
        .iter()
        .copied()
        .filter(|n| {
            !texts[2].contains(*n)
                && *n != "Needing him is not what makes people leave."
                && !keys.contains(n)
        })
        .collect();
    let mut report_hits = 0;
    for shown in &report_texts {
        for needle in &unpicked {
            report_hits += shown
                .windows(needle.len())
                .filter(|w| *w == needle.as_bytes())
                .count();
        }
    }
    let picked_shown = report_texts
        .iter()
        .filter(|shown| {
            shown
                .windows(REPORT_AGENDA.len())
                .any(|w| w == REPORT_AGENDA.as_bytes())
        })
        .count();
    println!(
        "   Searched the {} report(s) read back as text for the {} texts not picked: {report_hits} hits; the agenda shows in {picked_shown} of them.",
        report_texts.len(),
        unpicked.len()
    );
    hits += report_hits;
    vault.close()?;
    if let Some(peak) = peak_memory_kib() {
        println!(
            "\nPeak memory of this run: {:.1} MB (resident, VmHWM).",
            peak as f64 / 1024.0
        );
    }
    println!(
        "\nDone. The vault is closed; run the tour again to reopen it, or delete the directory to start afresh."
    );
    Ok(hits)
}

/// The process's peak resident memory in KiB, where the system reports it (Linux).
fn peak_memory_kib() -> Option<u64> {
    std::fs::read_to_string("/proc/self/status")
        .ok()?
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

fn files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            out.extend(files_in(&path)?);
        } else {
            out.push(path);
        }
    }
    out.sort();
    Ok(out)
}
