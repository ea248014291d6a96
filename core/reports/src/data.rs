//! The report's data: what was gathered from the vault for one request, before any
//! format is chosen.
//!
//! Owns the plain types every writer reads. Only aggregates (counts, averages, ratings)
//! and the free text of picked items (and the agenda the person wrote for the report) are
//! ever in here: what is not shown never enters this structure, so no writer can leak it.
//! A section that is turned off is `None`. Does not read the vault (`gather`) and does not
//! format anything (the writers).
//!
//! Weekly series (`weekly_*`) hold one value per week of [`ReportData::weeks`], in order;
//! `None` where nothing was logged that week (a gap, never a zero).

use crate::templates::Section;

/// Everything a report shows, for every format.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportData {
    /// First local date covered, `YYYY-MM-DD`.
    pub from: String,
    /// Last local date covered, `YYYY-MM-DD`.
    pub to: String,
    /// The IANA zone the dates are read in.
    pub zone: String,
    /// The template's id (`cbt`, `schema`, `attachment`, `couples`, `general`).
    pub template: String,
    /// The sections shown, in order.
    pub sections: Vec<Section>,
    /// Therapy sessions the report covers, `YYYY-MM-DD`, oldest first.
    pub session_dates: Vec<String>,
    /// The Monday of every week holding a day of the range, `YYYY-MM-DD`, oldest first.
    pub weeks: Vec<String>,
    /// What the report includes, one line each.
    pub included: Vec<String>,
    /// What the report leaves out, with counts.
    pub withheld: Vec<Withheld>,
    /// `measures`, when shown.
    pub measures: Option<Vec<MeasureSummary>>,
    /// `safety`, when shown.
    pub safety: Option<SafetySummary>,
    /// `practice`, when shown.
    pub practice: Option<PracticeSummary>,
    /// `thought_records`, when shown.
    pub thought_records: Option<ThoughtRecordSummary>,
    /// `setbacks`, when shown.
    pub setbacks: Option<SetbackSummary>,
    /// `entries` (picked entries other than thought records), when shown.
    pub entries: Option<Vec<PickedEntry>>,
    /// `gaps`, when shown.
    pub gaps: Option<GapSummary>,
    /// `growth`, when shown.
    pub growth: Option<GrowthSummary>,
    /// `agenda`, when shown.
    pub agenda: Option<Vec<String>>,
}

/// One kind of thing the report leaves out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// A stable key (`entry_text`, `thought_record_text`, `practice_text`,
    /// `ladder_step_text`, `ladder_attempt_notes`, `ritual_text`, `ritual_notes`,
    /// `own_trigger_words`, `own_measure_names`, or `section.<id>` for a section turned off).
    pub key: String,
    /// How many items (1 for a section).
    pub count: u32,
    /// The line the report shows.
    pub text: String,
}

/// A value on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedValue {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The value.
    pub value: f64,
}

/// One check-in measure over the range.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureSummary {
    /// `reflection.<name>` for a built-in scale, `own.<n>` for the person's own.
    pub key: String,
    /// The built-in scale's name, the picked measure's name, or "Own measure <n>".
    pub name: String,
    /// Whether the name is withheld (an own measure that was not picked).
    pub name_withheld: bool,
    /// Lowest possible score.
    pub score_min: f64,
    /// Highest possible score.
    pub score_max: f64,
    /// Scored responses in the range, oldest first.
    pub responses: Vec<DatedValue>,
    /// Mean score per week.
    pub weekly: Vec<Option<f64>>,
}

/// A count of something named by a stable key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCount {
    /// The key (`victory.set_boundary`, `setback.withdrew`, `withdrew`, …).
    pub key: String,
    /// Its wording in the report.
    pub label: String,
    /// How many.
    pub count: u32,
}

/// One trigger over the range (pattern logs naming it).
#[derive(Debug, Clone, PartialEq)]
pub struct TriggerSummary {
    /// The built-in key, or `own.<n>` for the person's own word.
    pub key: String,
    /// The built-in wording, or "own trigger <n>".
    pub label: String,
    /// Pattern logs naming it.
    pub count: u32,
    /// Average felt safety (0-10) in those logs.
    pub average_safety: f64,
    /// Average urge to pull away (0-10) in those logs.
    pub average_urge: f64,
    /// What the person did next, most frequent first.
    pub responses: Vec<KindCount>,
}

/// Felt safety and triggers: counts and averages, never prose.
#[derive(Debug, Clone, PartialEq)]
pub struct SafetySummary {
    /// Pattern logs in the range.
    pub pattern_logs: u32,
    /// Average felt safety over them.
    pub average_safety: Option<f64>,
    /// Average urge to pull away over them.
    pub average_urge: Option<f64>,
    /// Pattern logs per week.
    pub weekly_logs: Vec<u32>,
    /// Average felt safety in pattern logs per week.
    pub weekly_safety: Vec<Option<f64>>,
    /// Mean of the "felt safety this week" check-in per week.
    pub weekly_checkin: Vec<Option<f64>>,
    /// Triggers, most frequent first.
    pub triggers: Vec<TriggerSummary>,
}

/// One ritual of connection over the range.
#[derive(Debug, Clone, PartialEq)]
pub struct RitualSummary {
    /// `daily_check_in`, `weekly_conversation`, `shared_activity` or `custom`.
    pub kind: String,
    /// Named by kind ("Daily check-in", "Own ritual 2"); its title is never shown.
    pub name: String,
    /// Occurrences planned (paused dates excluded).
    pub planned: u32,
    /// Done.
    pub done: u32,
    /// Let go on purpose.
    pub skipped: u32,
    /// Planned per week.
    pub weekly_planned: Vec<u32>,
    /// Done per week.
    pub weekly_done: Vec<u32>,
}

/// One ladder attempt, shown for a picked step.
#[derive(Debug, Clone, PartialEq)]
pub struct AttemptDetail {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Predicted anxiety, 0-10.
    pub predicted: u8,
    /// Anxiety just before.
    pub before: u8,
    /// Anxiety at its peak.
    pub peak: u8,
    /// Anxiety afterwards.
    pub after: u8,
    /// What happened, in the person's words (may be empty).
    pub outcome: String,
}

/// One step of the vulnerability ladder.
#[derive(Debug, Clone, PartialEq)]
pub struct LadderRow {
    /// Its place on the ladder, from 1 (smallest).
    pub position: u32,
    /// The step's text when picked; `None` when withheld.
    pub text: Option<String>,
    /// Expected difficulty, 0-10.
    pub expected_difficulty: u8,
    /// Attempts inside the range.
    pub attempts: u32,
    /// Mean predicted anxiety over those attempts.
    pub mean_predicted: Option<f64>,
    /// Mean peak anxiety over those attempts.
    pub mean_peak: Option<f64>,
    /// The attempts in full, when the step is picked.
    pub picked_attempts: Vec<AttemptDetail>,
}

/// A victory, setback or recommitment the person picked, in full.
#[derive(Debug, Clone, PartialEq)]
pub struct PickedPractice {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `victory.<kind>`, `setback.<kind>` or `recommitted`.
    pub key: String,
    /// Its wording (the person's own for an own victory or setback).
    pub label: String,
    /// The situation.
    pub context: String,
    /// Trigger wording (built-in or the person's own).
    pub triggers: Vec<String>,
    /// What helped.
    pub what_helped: String,
}

/// Practice: rituals planned against done, the ladder, victories.
#[derive(Debug, Clone, PartialEq)]
pub struct PracticeSummary {
    /// Rituals with anything planned or done in the range.
    pub rituals: Vec<RitualSummary>,
    /// The ladder, smallest step first.
    pub ladder: Vec<LadderRow>,
    /// Ladder attempts in the range.
    pub ladder_attempts: u32,
    /// Attempts whose peak stayed below the prediction.
    pub predictions_above_peak: u32,
    /// Attempts whose peak went above the prediction.
    pub predictions_below_peak: u32,
    /// Victories by kind (own wordings counted together as `victory.own`).
    pub victories: Vec<KindCount>,
    /// Victories picked, in full.
    pub picked: Vec<PickedPractice>,
}

/// Setbacks and what helped.
#[derive(Debug, Clone, PartialEq)]
pub struct SetbackSummary {
    /// Setbacks in the range.
    pub count: u32,
    /// By kind (own wordings together as `setback.own`).
    pub by_kind: Vec<KindCount>,
    /// Times the person came back to practice after a setback.
    pub recommitments: u32,
    /// Setbacks where the person wrote what helped.
    pub with_what_helped: u32,
    /// Setbacks and recommitments picked, in full.
    pub picked: Vec<PickedPractice>,
}

/// One labelled field of a picked entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryField {
    /// A stable key (`situation`, `automatic_thought`, `felt_safety`, …).
    pub key: String,
    /// Its wording in the report.
    pub label: String,
    /// The value as text.
    pub value: String,
}

/// A journal entry the person picked, in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickedEntry {
    /// Local date written, `YYYY-MM-DD`.
    pub date: String,
    /// `reflection`, `pattern_log`, `thought_record` or `conversation_reflection`.
    pub kind: String,
    /// Its fields in reading order (empty fields left out).
    pub fields: Vec<EntryField>,
}

/// Thought records over the range.
#[derive(Debug, Clone, PartialEq)]
pub struct ThoughtRecordSummary {
    /// Thought records written.
    pub count: u32,
    /// Concluded the thought was based on the evidence.
    pub based_on_evidence: u32,
    /// Concluded it came from fear.
    pub based_on_fear: u32,
    /// Not sure yet.
    pub unsure: u32,
    /// Mean belief in the automatic thought before (0-100).
    pub mean_belief_before: Option<f64>,
    /// Mean belief after (0-100).
    pub mean_belief_after: Option<f64>,
    /// Thought records picked, in full.
    pub picked: Vec<PickedEntry>,
}

/// A run of days with nothing logged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Days in the run.
    pub days: u32,
}

/// Gaps in logging, shown plainly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapSummary {
    /// Days in the range.
    pub days: u32,
    /// Days with anything logged (an entry, practice, a ritual done, a ladder attempt, a
    /// check-in).
    pub days_logged: u32,
    /// The longest run of days with nothing logged.
    pub longest_gap_days: u32,
    /// Runs of three days or more with nothing logged, oldest first.
    pub gaps: Vec<Gap>,
    /// Days with anything logged, per week.
    pub weekly_days_logged: Vec<u32>,
}

/// The growth score.
#[derive(Debug, Clone, PartialEq)]
pub struct GrowthSummary {
    /// Days after which a day's practice counts half as much.
    pub half_life_days: f64,
    /// The score (0-1) on the last day of the range.
    pub at_end: f64,
    /// The score at the end of each week (or of the range).
    pub weekly: Vec<f64>,
}
