//! The notification planner: from the stored schedules, pauses, completion log and
//! reminder settings, the concrete reminders the phone should arm next.
//!
//! The core plans; the shells arm (DESIGN.md §4). A plan is a pure function of what is
//! stored and of the request (`now`, the phone's zone, a budget, a horizon), so it is the
//! same locked or unlocked, and the same occurrence always yields the same item id: a
//! shell diffs the new plan against what it armed by id and `fire_at`.
//!
//! ## Rules, in the order they apply
//!
//! 1. Each active ritual's occurrences are walked in its zone (its own, or the phone's
//!    when floating). Times in a DST gap move forward by the gap; a repeated time fires
//!    at the first of the two (`Zone::instant_of`).
//! 2. Occurrences on paused dates, done or skipped are dropped; a snoozed one is replaced
//!    by a one-off item at the snooze instant.
//! 3. A reminder fires `lead_minutes` before its occurrence; one that would fire inside
//!    quiet hours (in the phone's zone) moves to the end of the quiet window.
//! 4. A reminder that should have fired before `now`, at or after `missed_since` (the
//!    shell's "alarms may have been lost since") and within the grace window yields one
//!    catch-up item per ritual — the latest one — firing now: not a burst.
//! 5. The budget (64 by default, iOS's limit) is shared fairly: snoozes and catch-ups
//!    first, then every ritual's next reminder, then the soonest of the rest.
//! 6. `replan_by` is before the earliest reminder left out, so no ritual runs dry: at the
//!    latest a day before it, and never later than halfway from now to it — but never
//!    sooner than a minute from now (more reminders due at one instant than the budget
//!    holds must not make a shell replan in a loop).
//!
//! This module does not touch the database; `crate::vault` gathers its inputs.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use jiff::civil::Date;

use super::occurrence_log::OccurrenceStatus;
use super::pauses::PausedDates;
use super::reminder_settings::{CheckedSettings, QuietWindow};
use super::ritual::{CheckedSchedule, RitualId};
use super::series::{Occurrence, occurrences, zone_for};
use crate::error::{Error, Result};
use crate::time::{Timestamp, Zone};

/// iOS keeps the 64 soonest pending notifications: the default budget.
pub const DEFAULT_BUDGET: u32 = 64;
/// Largest budget accepted.
pub const MAX_BUDGET: u32 = 500;
/// Default horizon: a year.
pub const DEFAULT_HORIZON_DAYS: u32 = 365;
/// Longest horizon: two years.
pub const MAX_HORIZON_DAYS: u32 = 730;

const DAY_MS: i64 = 86_400_000;
/// `replan_by` is never sooner than this after `now`, so a shell that replans on time
/// cannot spin when more reminders fall due at one instant than the budget holds.
const MIN_REPLAN_MS: i64 = 60_000;
const MINUTE_MS: i64 = 60_000;

/// What the shell asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRequest {
    /// The current instant.
    pub now: Timestamp,
    /// The phone's current IANA zone (floating rituals and quiet hours follow it).
    pub device_zone: String,
    /// The most items the shell can arm (1-500; iOS: 64).
    pub budget: u32,
    /// How far ahead to look, in days (1-730).
    pub horizon_days: u32,
    /// Reminders due at or after this instant may never have been shown (the phone was
    /// off, or alarms were cleared by a reboot): the planner may add catch-up items for
    /// them. `None` when nothing was lost.
    pub missed_since: Option<Timestamp>,
}

impl PlanRequest {
    /// A request with the default budget (64) and horizon (a year), nothing missed.
    pub fn new(now: Timestamp, device_zone: impl Into<String>) -> Self {
        PlanRequest {
            now,
            device_zone: device_zone.into(),
            budget: DEFAULT_BUDGET,
            horizon_days: DEFAULT_HORIZON_DAYS,
            missed_since: None,
        }
    }
}

/// Why an item is in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlanItemReason {
    /// The reminder of an upcoming occurrence.
    Scheduled,
    /// The person snoozed an occurrence: a one-off reminder.
    Snoozed,
    /// A reminder missed while the phone was off, shown once, now.
    CatchUp,
}

/// One reminder to arm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    /// Stable across replans: the occurrence id, with `/snooze` or `/catch-up` appended
    /// for those reasons.
    pub id: String,
    /// The occurrence it is for (what Done, Skip and Snooze take).
    pub occurrence_id: String,
    /// The ritual it belongs to.
    pub ritual_id: RitualId,
    /// Why it is planned.
    pub reason: PlanItemReason,
    /// When to show it.
    pub fire_at: Timestamp,
    /// When the occurrence itself is.
    pub occurs_at: Timestamp,
    /// Whether it must fire on time (an exact alarm on Android) or may come within the
    /// platform's inexact window.
    pub exact: bool,
    /// Notification title: neutral, or the person's own lock-screen label.
    pub title: String,
    /// Notification text: neutral, never what the ritual is about.
    pub body: String,
    /// Whether `title` is the person's label (shells localise only neutral wording).
    pub has_own_label: bool,
    /// A stable 32-bit number derived from `id`, for platform APIs that want an integer
    /// (Android's `PendingIntent` request code).
    pub request_code: i32,
}

/// The reminders to arm, soonest first, and when to ask again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationPlan {
    /// The items, sorted by `fire_at`, then `id`.
    pub items: Vec<PlanItem>,
    /// Ask for a new plan at or before this instant.
    pub replan_by: Timestamp,
}

/// What the planner reads from the vault.
#[derive(Debug, Default)]
pub(crate) struct PlanInputs {
    pub rituals: Vec<(RitualId, CheckedSchedule, PausedDates)>,
    pub statuses: HashMap<String, OccurrenceStatus>,
    pub settings: Option<CheckedSettings>,
}

/// The neutral title of every reminder without a label of the person's own.
pub const NEUTRAL_TITLE: &str = "Reminder";
const NEUTRAL_BODY: &str = "A moment you planned is coming up.";
const NEUTRAL_CATCH_UP_BODY: &str = "A moment you planned was due a little while ago.";

/// FNV-1a, folded into an `i32`.
fn request_code(id: &str) -> i32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in id.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as i32
}

/// Checks a request; `InvalidInput` names the field.
pub(crate) fn check_request(request: &PlanRequest) -> Result<Zone> {
    if request.budget == 0 || request.budget > MAX_BUDGET {
        return Err(Error::invalid("budget", "must be 1-500"));
    }
    if request.horizon_days == 0 || request.horizon_days > MAX_HORIZON_DAYS {
        return Err(Error::invalid("horizon_days", "must be 1-730"));
    }
    let zone = Zone::named(&request.device_zone, "device_zone")?;
    zone.civil(request.now)
        .map_err(|_| Error::invalid("now", "is out of range"))?;
    Ok(zone)
}

/// Moves `at` out of quiet hours (to the end of the window), if it falls inside.
fn out_of_quiet(at: Timestamp, quiet: Option<QuietWindow>, device: &Zone) -> Timestamp {
    let Some(quiet) = quiet else { return at };
    let Ok(local) = device.civil(at) else {
        return at;
    };
    if !quiet.contains(local.time()) {
        return at;
    }
    let mut date = local.date();
    if quiet.start > quiet.end && local.time() >= quiet.start {
        date = date.tomorrow().unwrap_or(date);
    }
    device
        .instant_of(date.to_datetime(quiet.end))
        .unwrap_or(at)
        .max(at)
}

struct Walker<'a> {
    ritual: RitualId,
    schedule: &'a CheckedSchedule,
    paused: &'a PausedDates,
    series: Box<dyn Iterator<Item = (Occurrence, Timestamp)> + 'a>,
    /// The latest reminder missed within the grace window.
    catch_up: Option<(Occurrence, Timestamp)>,
}

struct Context<'a> {
    inputs: &'a PlanInputs,
    device: &'a Zone,
    now: Timestamp,
    horizon_end: Timestamp,
    quiet: Option<QuietWindow>,
    missed_from: Option<Timestamp>,
}

impl Walker<'_> {
    /// The next reminder due at or after `now` and within the horizon.
    fn next_item(&mut self, cx: &Context<'_>) -> Option<PlanItem> {
        let lead = i64::from(self.schedule.lead_minutes) * MINUTE_MS;
        for (occurrence, occurs_at) in self.series.by_ref() {
            let due = Timestamp::from_millis(occurs_at.as_millis() - lead);
            if due > cx.horizon_end {
                return None;
            }
            if self.paused.contains(occurrence.date) {
                continue;
            }
            let id = occurrence.id(self.ritual);
            if cx.inputs.statuses.contains_key(&id) {
                continue;
            }
            let fire_at = out_of_quiet(due, cx.quiet, cx.device);
            if fire_at < cx.now {
                if cx.missed_from.is_some_and(|from| due >= from) {
                    self.catch_up = Some((occurrence, occurs_at));
                }
                continue;
            }
            return Some(item(
                self.ritual,
                self.schedule,
                id,
                PlanItemReason::Scheduled,
                fire_at,
                occurs_at,
            ));
        }
        None
    }
}

fn item(
    ritual: RitualId,
    schedule: &CheckedSchedule,
    occurrence_id: String,
    reason: PlanItemReason,
    fire_at: Timestamp,
    occurs_at: Timestamp,
) -> PlanItem {
    let id = match reason {
        PlanItemReason::Scheduled => occurrence_id.clone(),
        PlanItemReason::Snoozed => format!("{occurrence_id}/snooze"),
        PlanItemReason::CatchUp => format!("{occurrence_id}/catch-up"),
    };
    let (title, body) = match (&schedule.label, reason) {
        (Some(label), _) => (label.clone(), String::new()),
        (None, PlanItemReason::CatchUp) => {
            (NEUTRAL_TITLE.to_owned(), NEUTRAL_CATCH_UP_BODY.to_owned())
        }
        (None, _) => (NEUTRAL_TITLE.to_owned(), NEUTRAL_BODY.to_owned()),
    };
    PlanItem {
        request_code: request_code(&id),
        id,
        occurrence_id,
        ritual_id: ritual,
        reason,
        fire_at,
        occurs_at,
        exact: schedule.exact || reason == PlanItemReason::Snoozed,
        title,
        body,
        has_own_label: schedule.label.is_some(),
    }
}

/// The local date, in `zone`, from which a ritual's walk must start to see every
/// reminder due from `earliest` on (a day earlier covers any zone offset).
fn walk_start(zone: &Zone, earliest: Timestamp, lead_ms: i64) -> Date {
    let from = Timestamp::from_millis(earliest.as_millis() + lead_ms - DAY_MS);
    zone.civil(from).map(|d| d.date()).unwrap_or(Date::MIN)
}

/// Plans the reminders. `device` is the checked `request.device_zone`.
pub(crate) fn plan(inputs: &PlanInputs, request: &PlanRequest, device: &Zone) -> NotificationPlan {
    let settings = inputs.settings.unwrap_or(CheckedSettings {
        quiet: None,
        grace_ms: 0,
    });
    let now = request.now;
    let horizon_end =
        Timestamp::from_millis(now.as_millis() + i64::from(request.horizon_days) * DAY_MS);
    let grace_from = Timestamp::from_millis(now.as_millis() - settings.grace_ms);
    let missed_from = request
        .missed_since
        .filter(|_| settings.grace_ms > 0)
        .map(|since| since.max(grace_from));
    let cx = Context {
        inputs,
        device,
        now,
        horizon_end,
        quiet: settings.quiet,
        missed_from,
    };
    let budget = request.budget as usize;
    let mut items: Vec<PlanItem> = Vec::new();

    // Snoozes: one-off items, for occurrences of active rituals, still ahead.
    let schedules: HashMap<RitualId, &CheckedSchedule> =
        inputs.rituals.iter().map(|(id, s, _)| (*id, s)).collect();
    for (id, status) in &inputs.statuses {
        let OccurrenceStatus::Snoozed { until } = *status else {
            continue;
        };
        let Ok((ritual, occurrence)) = super::series::parse_occurrence_id(id, "id") else {
            continue;
        };
        let Some(schedule) = schedules.get(&ritual) else {
            continue; // archived or deleted since
        };
        let fire_at = out_of_quiet(until, cx.quiet, device);
        if until >= now && fire_at <= horizon_end {
            let occurs_at = zone_for(schedule, device)
                .instant_of(occurrence.local())
                .unwrap_or(until);
            items.push(item(
                ritual,
                schedule,
                id.clone(),
                PlanItemReason::Snoozed,
                fire_at,
                occurs_at,
            ));
        }
    }

    let mut walkers: Vec<Walker<'_>> = inputs
        .rituals
        .iter()
        .map(|(ritual, schedule, paused)| {
            let zone = zone_for(schedule, device);
            let lead = i64::from(schedule.lead_minutes) * MINUTE_MS;
            let earliest = missed_from.unwrap_or(now).min(now);
            Walker {
                ritual: *ritual,
                schedule,
                paused,
                series: Box::new(occurrences(
                    schedule,
                    zone,
                    walk_start(zone, earliest, lead),
                )),
                catch_up: None,
            }
        })
        .collect();

    // Every ritual's next reminder (walking past the missed ones finds the catch-ups).
    let mut firsts: Vec<(usize, PlanItem)> = Vec::new();
    for (i, walker) in walkers.iter_mut().enumerate() {
        if let Some(next) = walker.next_item(&cx) {
            firsts.push((i, next));
        }
    }
    for walker in &walkers {
        if let Some((occurrence, occurs_at)) = walker.catch_up {
            let fire_at = out_of_quiet(now, cx.quiet, device);
            items.push(item(
                walker.ritual,
                walker.schedule,
                occurrence.id(walker.ritual),
                PlanItemReason::CatchUp,
                fire_at,
                occurs_at,
            ));
        }
    }
    items.sort_by(|a, b| (a.fire_at, &a.id).cmp(&(b.fire_at, &b.id)));
    items.truncate(budget);

    let mut left_out: Option<Timestamp> = None;
    let mut leave_out = |at: Timestamp| left_out = Some(left_out.map_or(at, |l| l.min(at)));
    firsts.sort_by(|a, b| (a.1.fire_at, &a.1.id).cmp(&(b.1.fire_at, &b.1.id)));
    let room = budget.saturating_sub(items.len());
    let mut included = Vec::new();
    for (n, (walker, first)) in firsts.into_iter().enumerate() {
        if n < room {
            items.push(first);
            included.push(walker);
        } else {
            leave_out(first.fire_at);
        }
    }
    // The rest of the budget goes to the soonest reminders of any ritual.
    // Each included ritual's next reminder waits in `pending`; the heap orders them.
    let mut pending: Vec<Option<PlanItem>> = vec![None; walkers.len()];
    let mut queue = BinaryHeap::new();
    let enqueue = |w: usize,
                   next: PlanItem,
                   queue: &mut BinaryHeap<_>,
                   pending: &mut Vec<Option<PlanItem>>| {
        queue.push(Reverse((next.fire_at, next.id.clone(), w)));
        pending[w] = Some(next);
    };
    for w in included {
        if let Some(next) = walkers[w].next_item(&cx) {
            enqueue(w, next, &mut queue, &mut pending);
        }
    }
    while let Some(Reverse((fire_at, _, w))) = queue.pop() {
        if items.len() >= budget {
            leave_out(fire_at);
            break;
        }
        if let Some(next) = pending[w].take() {
            items.push(next);
        }
        if let Some(following) = walkers[w].next_item(&cx) {
            enqueue(w, following, &mut queue, &mut pending);
        }
    }
    items.sort_by(|a, b| (a.fire_at, &a.id).cmp(&(b.fire_at, &b.id)));

    let replan_by = match left_out {
        None => horizon_end,
        Some(first_left_out) => {
            let gap = (first_left_out.as_millis() - now.as_millis()).max(0);
            let by = first_left_out.as_millis() - (gap / 2).min(DAY_MS);
            Timestamp::from_millis(by.max(now.as_millis() + MIN_REPLAN_MS))
        }
    };
    NotificationPlan { items, replan_by }
}
