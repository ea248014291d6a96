//! Reading the vault for one request into [`ReportData`].
//!
//! Owns the privacy rule "nothing free-text appears unless picked": every piece of text a
//! person wrote is either copied because its item was picked (`picked`), replaced by a
//! neutral name (rituals by kind, ladder steps by position, own trigger words and own
//! measures by number), or left out and counted in the withheld list. Also owns checking
//! picked items against the vault (they exist, fall inside the range, and their section
//! is shown) and the gaps in logging. Reads only through `innermost::Vault`'s public
//! calls and never writes. Does not format anything.

use std::collections::{BTreeSet, HashMap};

use innermost::calendar;
use innermost::journal::EntryFilter;
use innermost::progress::{LadderRung, PracticeEvent, PracticeKind, ProgressId, growth};
use innermost::rituals::RitualKind;
use innermost::time::Zone;
use innermost::{Entry, EntryContent, EntryId, Error, Result, Timestamp, Vault, Verdict};

use crate::data::*;
use crate::dates;
use crate::picked::{self, Words};
use crate::request::{CheckedRequest, ReportRequest};
use crate::templates::Section;

/// Page size for reading the journal's entries in the range.
const PAGE: u32 = 500;
/// Runs of at least this many days with nothing logged are listed as gaps.
pub const GAP_MIN_DAYS: u32 = 3;

/// The instant local midnight starts day number `day` in `zone`.
fn start_of(zone: &Zone, day: i64, field: &'static str) -> Result<Timestamp> {
    let date = calendar::date_of(day).ok_or_else(|| Error::invalid(field, "is out of range"))?;
    zone.instant_of(date.at(0, 0, 0, 0))
}

fn day_of(zone: &Zone, at: Timestamp) -> Result<i64> {
    Ok(calendar::day_number(zone.local_date(at)?))
}

fn stored_day(text: &str) -> Result<i64> {
    dates::parse(text).ok_or_else(|| Error::corrupted("a stored local date"))
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0u32), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / f64::from(n))
}

/// The report's weeks and which week a day falls in.
struct Weeks {
    mondays: Vec<i64>,
}

impl Weeks {
    fn index(&self, day: i64) -> Option<usize> {
        let first = *self.mondays.first()?;
        let i = usize::try_from((dates::monday_of(day) - first) / 7).ok()?;
        (i < self.mondays.len()).then_some(i)
    }

    fn means(&self, values: impl Iterator<Item = (i64, f64)>) -> Vec<Option<f64>> {
        let mut sums = vec![(0.0, 0u32); self.mondays.len()];
        for (day, v) in values {
            if let Some(i) = self.index(day) {
                sums[i].0 += v;
                sums[i].1 += 1;
            }
        }
        sums.into_iter()
            .map(|(s, n)| (n > 0).then(|| s / f64::from(n)))
            .collect()
    }
}

/// Every journal entry written inside `[from, until)`, oldest first.
fn entries_in(vault: &Vault, from: Timestamp, until: Timestamp) -> Result<Vec<Entry>> {
    let filter = EntryFilter {
        from: Some(from),
        until: Some(until),
        ..EntryFilter::default()
    };
    let mut out = Vec::new();
    let mut after = None;
    loop {
        let page = vault.search(&filter, PAGE, after)?;
        out.extend(page.entries);
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    out.reverse();
    Ok(out)
}

fn withheld(key: &str, count: u32, text: String) -> Option<Withheld> {
    (count > 0).then(|| Withheld {
        key: key.to_owned(),
        count,
        text,
    })
}

fn plural(n: u32, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn ritual_kind(kind: &RitualKind) -> (&'static str, &'static str) {
    match kind {
        RitualKind::DailyCheckIn => ("daily_check_in", "Daily check-in"),
        RitualKind::WeeklyConversation => ("weekly_conversation", "Weekly conversation"),
        RitualKind::SharedActivity => ("shared_activity", "Shared activity"),
        RitualKind::Custom => ("custom", "Own ritual"),
    }
}

/// Reads what `request` asks for from an unlocked vault. Checks the request first
/// (`InvalidInput` naming the field), then every picked item: one that does not exist,
/// lies outside the range, or belongs to a section that is off is `InvalidInput` on
/// `picked_entries`, `picked_practice` or `picked_measures`.
pub fn gather(vault: &Vault, request: &ReportRequest) -> Result<ReportData> {
    let req = request.checked()?;
    let from_ts = start_of(&req.zone, req.from, "from")?;
    let until_ts = start_of(&req.zone, req.to + 1, "to")?;
    let (from_text, to_text) = (dates::text(req.from), dates::text(req.to));
    let weeks = Weeks {
        mondays: dates::week_starts(req.from, req.to),
    };
    let shown = |s: Section| req.sections.contains(&s);
    let in_range = |day: i64| (req.from..=req.to).contains(&day);
    let mut logged: BTreeSet<i64> = BTreeSet::new();
    let mut withheld_list: Vec<Withheld> = Vec::new();

    let triggers_vocab = vault.trigger_vocabulary()?;
    let words = Words::new(&vault.emotion_vocabulary()?, &triggers_vocab);

    // Journal entries.
    let entries = entries_in(vault, from_ts, until_ts)?;
    let mut entry_days: HashMap<EntryId, i64> = HashMap::new();
    for e in &entries {
        let day = day_of(&req.zone, e.created_at)?;
        logged.insert(day);
        entry_days.insert(e.id, day);
    }
    let picked_entries = check_picked_entries(vault, request, &req, &entries)?;
    // Read once: the range's practice events and the ladder serve the picked-item check
    // and their sections below.
    let events = vault.practice_events(Some(&from_text), Some(&to_text))?;
    let rungs = vault.ladder()?;
    let picked_practice = check_picked_practice(vault, request, &req, &events, &rungs)?;
    let all_measures = vault.measures()?;
    for id in &request.picked_measures {
        if !all_measures.iter().any(|m| &m.id == id) {
            return Err(Error::invalid(
                "picked_measures",
                "names an unknown measure",
            ));
        }
    }

    let mut thought_records = ThoughtRecordSummary {
        count: 0,
        based_on_evidence: 0,
        based_on_fear: 0,
        unsure: 0,
        mean_belief_before: None,
        mean_belief_after: None,
        picked: Vec::new(),
    };
    let mut picked_other = Vec::new();
    let (mut beliefs_before, mut beliefs_after) = (Vec::new(), Vec::new());
    let (mut unpicked_entries, mut unpicked_records) = (0u32, 0u32);
    for e in &entries {
        let is_picked = picked_entries.contains(&e.id);
        let date = dates::text(entry_days.get(&e.id).copied().unwrap_or(req.from));
        if let EntryContent::ThoughtRecord {
            verdict,
            belief_before,
            belief_after,
            ..
        } = &e.content
        {
            thought_records.count += 1;
            match verdict {
                Verdict::BasedOnEvidence => thought_records.based_on_evidence += 1,
                Verdict::BasedOnFear => thought_records.based_on_fear += 1,
                Verdict::Unsure => thought_records.unsure += 1,
            }
            beliefs_before.push(f64::from(*belief_before));
            beliefs_after.push(f64::from(*belief_after));
            if is_picked {
                thought_records.picked.push(picked::entry(e, date, &words));
            } else {
                unpicked_records += 1;
            }
        } else if is_picked {
            picked_other.push(picked::entry(e, date, &words));
        } else {
            unpicked_entries += 1;
        }
    }
    thought_records.mean_belief_before = mean(beliefs_before.into_iter());
    thought_records.mean_belief_after = mean(beliefs_after.into_iter());
    withheld_list.extend(withheld(
        "entry_text",
        unpicked_entries,
        format!(
            "{} not picked: their text is withheld (only counts and ratings are used).",
            plural(unpicked_entries, "journal entry", "journal entries")
        ),
    ));
    withheld_list.extend(withheld(
        "thought_record_text",
        unpicked_records,
        format!(
            "{} not picked: their text is withheld (only verdicts and belief ratings are used).",
            plural(unpicked_records, "thought record", "thought records")
        ),
    ));

    // Practice events.
    let mut victories: Vec<KindCount> = Vec::new();
    let mut setbacks = SetbackSummary {
        count: 0,
        by_kind: Vec::new(),
        recommitments: 0,
        with_what_helped: 0,
        picked: Vec::new(),
    };
    let mut picked_victories = Vec::new();
    let mut unpicked_practice_text = 0u32;
    for ev in &events {
        logged.insert(stored_day(&ev.local_date)?);
        let is_picked = picked_practice.contains(&ev.id);
        let own = matches!(
            &ev.kind,
            PracticeKind::Victory {
                victory: innermost::progress::Victory::Own { .. }
            } | PracticeKind::Setback {
                setback: innermost::progress::Setback::Own { .. }
            }
        );
        let has_text = own || !ev.context.trim().is_empty() || !ev.what_helped.trim().is_empty();
        if !is_picked && has_text {
            unpicked_practice_text += 1;
        }
        match &ev.kind {
            PracticeKind::Victory { victory } => {
                count_kind(
                    &mut victories,
                    victory.label_key(),
                    own_or(victory.label(), own, "in their own words"),
                );
                if is_picked {
                    picked_victories.push(picked::practice(ev, &words));
                }
            }
            PracticeKind::Setback { setback } => {
                setbacks.count += 1;
                if !ev.what_helped.trim().is_empty() {
                    setbacks.with_what_helped += 1;
                }
                count_kind(
                    &mut setbacks.by_kind,
                    setback.label_key(),
                    own_or(setback.label(), own, "in their own words"),
                );
                if is_picked {
                    setbacks.picked.push(picked::practice(ev, &words));
                }
            }
            PracticeKind::Recommitted => {
                setbacks.recommitments += 1;
                if is_picked {
                    setbacks.picked.push(picked::practice(ev, &words));
                }
            }
        }
    }
    victories.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    setbacks
        .by_kind
        .sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    withheld_list.extend(withheld(
        "practice_text",
        unpicked_practice_text,
        format!(
            "{} not picked: the situation, what helped and own wordings are withheld.",
            plural(
                unpicked_practice_text,
                "victory, setback or recommitment",
                "victories, setbacks and recommitments"
            )
        ),
    ));

    // The ladder.
    let attempts: Vec<_> = vault
        .ladder_attempts(None)?
        .into_iter()
        .filter(|a| dates::parse(&a.local_date).is_some_and(in_range))
        .collect();
    let mut ladder = Vec::new();
    let (mut unpicked_steps, mut unpicked_notes) = (0u32, 0u32);
    let (mut above, mut below) = (0u32, 0u32);
    for (i, rung) in rungs.iter().enumerate() {
        let mine: Vec<_> = attempts
            .iter()
            .filter(|a| a.attempt.step_id == rung.step.id)
            .collect();
        let is_picked = picked_practice.contains(&rung.step.id);
        for a in &mine {
            logged.insert(stored_day(&a.local_date)?);
            if a.attempt.anxiety_peak < a.attempt.predicted_anxiety {
                above += 1;
            } else if a.attempt.anxiety_peak > a.attempt.predicted_anxiety {
                below += 1;
            }
            if !is_picked && !a.attempt.outcome.trim().is_empty() {
                unpicked_notes += 1;
            }
        }
        if !is_picked {
            unpicked_steps += 1;
        }
        ladder.push(LadderRow {
            position: i as u32 + 1,
            text: is_picked.then(|| rung.step.text.clone()),
            expected_difficulty: rung.step.expected_difficulty,
            attempts: mine.len() as u32,
            mean_predicted: mean(mine.iter().map(|a| f64::from(a.attempt.predicted_anxiety))),
            mean_peak: mean(mine.iter().map(|a| f64::from(a.attempt.anxiety_peak))),
            picked_attempts: if is_picked {
                mine.iter()
                    .map(|a| AttemptDetail {
                        date: a.local_date.clone(),
                        predicted: a.attempt.predicted_anxiety,
                        before: a.attempt.anxiety_before,
                        peak: a.attempt.anxiety_peak,
                        after: a.attempt.anxiety_after,
                        outcome: a.attempt.outcome.clone(),
                    })
                    .collect()
            } else {
                Vec::new()
            },
        });
    }
    withheld_list.extend(withheld(
        "ladder_step_text",
        unpicked_steps,
        format!(
            "{} not picked: shown by position and expected difficulty only.",
            plural(unpicked_steps, "ladder step", "ladder steps")
        ),
    ));
    withheld_list.extend(withheld(
        "ladder_attempt_notes",
        unpicked_notes,
        format!(
            "{} on ladder attempts (anxiety ratings only).",
            plural(unpicked_notes, "note", "notes")
        ),
    ));

    // Rituals.
    let mut rituals = Vec::new();
    let mut kind_seen: HashMap<&str, u32> = HashMap::new();
    let mut ritual_notes = 0u32;
    for r in vault.rituals(true)? {
        let adherence = vault.weekly_adherence(r.id, &from_text, &to_text, &request.zone)?;
        let records = vault.occurrence_records(r.id, &from_text, &to_text)?;
        for rec in &records {
            if rec.note.as_deref().is_some_and(|n| !n.trim().is_empty()) {
                ritual_notes += 1;
            }
            if matches!(rec.status, innermost::rituals::OccurrenceStatus::Done)
                && let Some(day) = rec
                    .occurrence_id
                    .rsplit('/')
                    .next()
                    .and_then(|t| t.get(..10))
                    .and_then(dates::parse)
            {
                logged.insert(day);
            }
        }
        let mut summary = RitualSummary {
            kind: String::new(),
            name: String::new(),
            planned: 0,
            done: 0,
            skipped: 0,
            weekly_planned: vec![0; weeks.mondays.len()],
            weekly_done: vec![0; weeks.mondays.len()],
        };
        for w in &adherence {
            summary.planned += w.planned;
            summary.done += w.done;
            summary.skipped += w.skipped;
            if let Some(i) = dates::parse(&w.week_start).and_then(|d| weeks.index(d)) {
                summary.weekly_planned[i] += w.planned;
                summary.weekly_done[i] += w.done;
            }
        }
        if summary.planned == 0 && summary.done == 0 && summary.skipped == 0 {
            continue;
        }
        let (kind, name) = ritual_kind(&r.kind);
        let n = kind_seen.entry(kind).or_insert(0);
        *n += 1;
        summary.kind = kind.to_owned();
        summary.name = if *n == 1 {
            name.to_owned()
        } else {
            format!("{name} {n}")
        };
        rituals.push(summary);
    }
    withheld_list.extend(withheld(
        "ritual_text",
        rituals.len() as u32,
        format!(
            "{}: titles, notes and guides are withheld (shown by kind).",
            plural(rituals.len() as u32, "ritual", "rituals")
        ),
    ));
    withheld_list.extend(withheld(
        "ritual_notes",
        ritual_notes,
        format!(
            "{} on ritual occurrences.",
            plural(ritual_notes, "note", "notes")
        ),
    ));

    // Measures.
    let mut measures = Vec::new();
    let mut own_n = 0u32;
    let mut own_names_withheld = 0u32;
    for m in &all_measures {
        let responses: Vec<DatedValue> = vault
            .measure_responses(&m.id)?
            .into_iter()
            .filter(|r| dates::parse(&r.local_date).is_some_and(in_range))
            .map(|r| DatedValue {
                date: r.local_date,
                value: r.score.total,
            })
            .collect();
        if !m.built_in {
            own_n += 1;
        }
        if responses.is_empty() {
            continue;
        }
        for r in &responses {
            logged.insert(stored_day(&r.date)?);
        }
        let def = &m.definition;
        let items = def.items.len() as f64;
        let (score_min, score_max) = match def.scoring {
            innermost::progress::Scoring::Sum => {
                (f64::from(def.min) * items, f64::from(def.max) * items)
            }
            innermost::progress::Scoring::Mean => (f64::from(def.min), f64::from(def.max)),
        };
        let name_withheld = !m.built_in && !request.picked_measures.contains(&m.id);
        if name_withheld {
            own_names_withheld += 1;
        }
        measures.push(MeasureSummary {
            key: if m.built_in {
                m.id.clone()
            } else {
                format!("own.{own_n}")
            },
            name: if name_withheld {
                format!("Own measure {own_n}")
            } else {
                def.name.clone()
            },
            name_withheld,
            score_min,
            score_max,
            weekly: weeks.means(
                responses
                    .iter()
                    .filter_map(|r| dates::parse(&r.date).map(|d| (d, r.value))),
            ),
            responses,
        });
    }
    withheld_list.extend(withheld(
        "own_measure_names",
        own_names_withheld,
        format!(
            "{} of the person's own measures not picked: shown by number; item wording is never included.",
            plural(own_names_withheld, "name", "names")
        ),
    ));

    // Felt safety and triggers.
    let insights = vault.pattern_insights(from_ts, until_ts, &request.zone)?;
    let own_triggers: Vec<&str> = triggers_vocab
        .iter()
        .filter(|t| t.custom)
        .map(|t| t.key.as_str())
        .collect();
    let mut own_trigger_words = 0u32;
    let triggers = insights
        .triggers
        .iter()
        .map(|t| {
            let (key, label) = match own_triggers.iter().position(|k| *k == t.key) {
                Some(i) => {
                    own_trigger_words += 1;
                    (format!("own.{}", i + 1), format!("own trigger {}", i + 1))
                }
                None => (t.key.clone(), words.label(&t.key).to_owned()),
            };
            TriggerSummary {
                key,
                label,
                count: t.count,
                average_safety: t.average_safety,
                average_urge: t.average_urge,
                responses: t
                    .responses
                    .iter()
                    .map(|r| KindCount {
                        key: r.response.clone(),
                        label: picked::response_label(&r.response).to_owned(),
                        count: r.count,
                    })
                    .collect(),
            }
        })
        .collect();
    let mut weekly_logs = vec![0u32; weeks.mondays.len()];
    let mut weekly_safety = vec![None; weeks.mondays.len()];
    for w in &insights.weeks {
        if let Some(i) = dates::parse(&w.week_start).and_then(|d| weeks.index(d)) {
            weekly_logs[i] = w.pattern_logs;
            weekly_safety[i] = w.average_safety;
        }
    }
    let felt_safety = measures
        .iter()
        .find(|m| m.key == innermost::progress::measures::FELT_SAFETY);
    let safety = SafetySummary {
        pattern_logs: insights.pattern_logs,
        average_safety: insights.average_safety,
        average_urge: insights.average_urge,
        weekly_logs,
        weekly_safety,
        weekly_checkin: felt_safety
            .map_or_else(|| vec![None; weeks.mondays.len()], |m| m.weekly.clone()),
        triggers,
    };
    withheld_list.extend(withheld(
        "own_trigger_words",
        own_trigger_words,
        format!(
            "{} of the person's own: shown by number.",
            plural(own_trigger_words, "trigger word", "trigger words")
        ),
    ));

    // Growth, from the core's trends (the score at the end of each week).
    let trends = vault.progress_trends(&from_text, &to_text, &request.zone)?;
    let growth = GrowthSummary {
        half_life_days: growth::half_life_days(growth::DAILY_TARGET),
        at_end: trends.weeks.last().map_or(0.0, |w| w.growth_at_end),
        weekly: weeks
            .mondays
            .iter()
            .map(|m| {
                let text = dates::text(*m);
                trends
                    .weeks
                    .iter()
                    .find(|w| w.week_start == text)
                    .map_or(0.0, |w| w.growth_at_end)
            })
            .collect(),
    };

    // Gaps in logging.
    let gaps = gap_summary(&logged, req.from, req.to, &weeks);

    for s in req.template.order.iter().map(|(s, _)| *s) {
        if !shown(s) {
            withheld_list.push(Withheld {
                key: format!("section.{}", s.id()),
                count: 1,
                text: format!("Section turned off: {}.", s.title()),
            });
        }
    }

    let practice = PracticeSummary {
        rituals,
        ladder,
        ladder_attempts: attempts.len() as u32,
        predictions_above_peak: above,
        predictions_below_peak: below,
        victories,
        picked: picked_victories,
    };
    let included = included_lines(&req, &entries, &events, attempts.len(), &measures);
    Ok(ReportData {
        from: from_text,
        to: to_text,
        zone: request.zone.clone(),
        template: req.template.id.to_owned(),
        sections: req.sections.clone(),
        session_dates: req.session_dates.clone(),
        weeks: weeks.mondays.iter().map(|d| dates::text(*d)).collect(),
        included,
        withheld: withheld_list,
        measures: shown(Section::Measures).then_some(measures),
        safety: shown(Section::Safety).then_some(safety),
        practice: shown(Section::Practice).then_some(practice),
        thought_records: shown(Section::ThoughtRecords).then_some(thought_records),
        setbacks: shown(Section::Setbacks).then_some(setbacks),
        entries: shown(Section::Entries).then_some(picked_other),
        gaps: shown(Section::Gaps).then_some(gaps),
        growth: shown(Section::Growth).then_some(growth),
        agenda: shown(Section::Agenda).then(|| request.agenda.clone()),
    })
}

fn own_or(label: &str, own: bool, neutral: &str) -> String {
    if own {
        neutral.to_owned()
    } else {
        label.to_owned()
    }
}

fn count_kind(list: &mut Vec<KindCount>, key: &str, label: String) {
    match list.iter_mut().find(|k| k.key == key) {
        Some(k) => k.count += 1,
        None => list.push(KindCount {
            key: key.to_owned(),
            label,
            count: 1,
        }),
    }
}

fn included_lines(
    req: &CheckedRequest,
    entries: &[Entry],
    events: &[PracticeEvent],
    attempts: usize,
    measures: &[MeasureSummary],
) -> Vec<String> {
    let check_ins: usize = measures.iter().map(|m| m.responses.len()).sum();
    let mut lines = vec![
        format!(
            "Counts and ratings from {} and {}.",
            plural(entries.len() as u32, "journal entry", "journal entries"),
            plural(
                events.len() as u32,
                "victory, setback or recommitment",
                "victories, setbacks and recommitments"
            )
        ),
        format!(
            "{} and {}.",
            plural(attempts as u32, "ladder attempt", "ladder attempts"),
            plural(check_ins as u32, "check-in", "check-ins")
        ),
    ];
    let sections: Vec<&str> = req.sections.iter().map(|s| s.title()).collect();
    lines.push(format!("Sections: {}.", sections.join(", ")));
    lines
}

fn gap_summary(logged: &BTreeSet<i64>, from: i64, to: i64, weeks: &Weeks) -> GapSummary {
    let mut gaps = Vec::new();
    let mut longest = 0u32;
    let mut run_start: Option<i64> = None;
    let mut weekly = vec![0u32; weeks.mondays.len()];
    for day in from..=to + 1 {
        let is_logged = day > to || logged.contains(&day);
        if day <= to
            && is_logged
            && let Some(i) = weeks.index(day)
        {
            weekly[i] += 1;
        }
        match (is_logged, run_start) {
            (false, None) => run_start = Some(day),
            (true, Some(start)) => {
                let days = (day - start) as u32;
                longest = longest.max(days);
                if days >= GAP_MIN_DAYS {
                    gaps.push(Gap {
                        from: dates::text(start),
                        to: dates::text(day - 1),
                        days,
                    });
                }
                run_start = None;
            }
            _ => {}
        }
    }
    GapSummary {
        days: (to - from + 1) as u32,
        days_logged: logged.range(from..=to).count() as u32,
        longest_gap_days: longest,
        gaps,
        weekly_days_logged: weekly,
    }
}

fn check_picked_entries(
    vault: &Vault,
    request: &ReportRequest,
    req: &CheckedRequest,
    in_range: &[Entry],
) -> Result<BTreeSet<EntryId>> {
    let field = "picked_entries";
    let mut out = BTreeSet::new();
    for id in &request.picked_entries {
        let entry = match in_range.iter().find(|e| e.id == *id) {
            Some(e) => e.clone(),
            None => {
                let e = match vault.entry(*id) {
                    Ok(e) => e,
                    Err(Error::NotFound { .. }) => {
                        return Err(Error::invalid(field, "names an entry that does not exist"));
                    }
                    Err(other) => return Err(other),
                };
                if e.trashed_at.is_some() {
                    return Err(Error::invalid(field, "names an entry in the trash"));
                }
                return Err(Error::invalid(field, "names an entry outside the range"));
            }
        };
        let section = match entry.content {
            EntryContent::ThoughtRecord { .. } => Section::ThoughtRecords,
            _ => Section::Entries,
        };
        if !req.sections.contains(&section) {
            return Err(Error::invalid(
                field,
                format!(
                    "names an entry whose section ({}) is turned off",
                    section.id()
                ),
            ));
        }
        out.insert(*id);
    }
    Ok(out)
}

fn check_picked_practice(
    vault: &Vault,
    request: &ReportRequest,
    req: &CheckedRequest,
    in_range: &[PracticeEvent],
    rungs: &[LadderRung],
) -> Result<BTreeSet<ProgressId>> {
    let field = "picked_practice";
    let mut out = BTreeSet::new();
    for id in &request.picked_practice {
        let section = if let Some(ev) = in_range.iter().find(|e| e.id == *id) {
            match ev.kind {
                PracticeKind::Victory { .. } => Section::Practice,
                _ => Section::Setbacks,
            }
        } else if rungs.iter().any(|r| r.step.id == *id) {
            Section::Practice
        } else if vault
            .practice_events(None, None)?
            .iter()
            .any(|e| e.id == *id)
        {
            // Only to say why: the whole log is read when a pick is not in the range.
            return Err(Error::invalid(field, "names an event outside the range"));
        } else {
            return Err(Error::invalid(
                field,
                "names an event or ladder step that does not exist",
            ));
        };
        if !req.sections.contains(&section) {
            return Err(Error::invalid(
                field,
                format!(
                    "names an item whose section ({}) is turned off",
                    section.id()
                ),
            ));
        }
        out.insert(*id);
    }
    Ok(out)
}
