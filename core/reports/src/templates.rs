//! The report's sections and the templates that order them, as data.
//!
//! Owns the section ids a request names, the five templates (which sections each shows by
//! default, in what order, and why), and applying a request's `turned_on`/`turned_off` to
//! a template. Does not validate anything else of a request (`request`) and does not know
//! what a section says (`content`).
//!
//! The header (range, sessions, what is included and withheld, "generated on this
//! device", "not a diagnosis") is not a section: it opens every report and cannot be
//! turned off.

/// One section of a report. Ids are stable: they appear in requests, JSON and CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// `measures`: check-in measures with their trend.
    Measures,
    /// `safety`: felt safety and triggers from pattern logs (counts and averages).
    Safety,
    /// `practice`: rituals planned against done, the ladder (predicted against actual
    /// anxiety), victories.
    Practice,
    /// `thought_records`: counts, verdicts and belief change; picked records in full.
    ThoughtRecords,
    /// `setbacks`: setbacks by kind, recommitments; picked setbacks with what helped.
    Setbacks,
    /// `entries`: other journal entries the person picked, in full.
    Entries,
    /// `gaps`: days and weeks with nothing logged.
    Gaps,
    /// `growth`: the growth score by week, with its half-life explained.
    Growth,
    /// `agenda`: the person's questions for the next session.
    Agenda,
}

/// Every section, in the order of the `general` template.
pub const ALL_SECTIONS: [Section; 9] = [
    Section::Measures,
    Section::Safety,
    Section::Practice,
    Section::ThoughtRecords,
    Section::Setbacks,
    Section::Entries,
    Section::Gaps,
    Section::Growth,
    Section::Agenda,
];

impl Section {
    /// The stable id (`measures`, `safety`, `practice`, `thought_records`, `setbacks`,
    /// `entries`, `gaps`, `growth`, `agenda`).
    pub fn id(self) -> &'static str {
        match self {
            Section::Measures => "measures",
            Section::Safety => "safety",
            Section::Practice => "practice",
            Section::ThoughtRecords => "thought_records",
            Section::Setbacks => "setbacks",
            Section::Entries => "entries",
            Section::Gaps => "gaps",
            Section::Growth => "growth",
            Section::Agenda => "agenda",
        }
    }

    /// The section's heading.
    pub fn title(self) -> &'static str {
        match self {
            Section::Measures => "Measures",
            Section::Safety => "Felt safety and triggers",
            Section::Practice => "Practice",
            Section::ThoughtRecords => "Thought records",
            Section::Setbacks => "Setbacks and what helped",
            Section::Entries => "Selected journal entries",
            Section::Gaps => "Gaps in logging",
            Section::Growth => "Growth score",
            Section::Agenda => "Agenda for the next session",
        }
    }

    /// The section with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Section> {
        ALL_SECTIONS.into_iter().find(|s| s.id() == id)
    }
}

/// A template: the therapy a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// The stable id: `cbt`, `schema`, `attachment`, `couples` or `general`.
    pub id: &'static str,
    /// Its name in the header.
    pub name: &'static str,
    /// Why its sections come in this order (one line, for the docs and the header).
    pub why: &'static str,
    /// Every section in this template's order, with whether it is shown by default.
    pub order: [(Section, bool); 9],
}

use Section::*;

/// The five templates.
pub const TEMPLATES: [Template; 5] = [
    Template {
        id: "cbt",
        name: "Cognitive behavioural therapy",
        why: "CBT sessions open with a mood check and a review of the homework, then the thought records.",
        order: [
            (Measures, true),
            (Practice, true),
            (ThoughtRecords, true),
            (Setbacks, true),
            (Safety, true),
            (Entries, true),
            (Gaps, true),
            (Growth, false),
            (Agenda, true),
        ],
    },
    Template {
        id: "schema",
        name: "Schema therapy",
        why: "Schema work follows what set old patterns off: triggers and felt safety first, then the diaries and setbacks.",
        order: [
            (Safety, true),
            (Measures, true),
            (ThoughtRecords, true),
            (Setbacks, true),
            (Practice, true),
            (Entries, true),
            (Gaps, true),
            (Growth, false),
            (Agenda, true),
        ],
    },
    Template {
        id: "attachment",
        name: "Attachment-based therapy",
        why: "Attachment work starts from felt safety and the rituals of connection, then the measures over time.",
        order: [
            (Safety, true),
            (Practice, true),
            (Measures, true),
            (Setbacks, true),
            (Entries, true),
            (Growth, true),
            (Gaps, true),
            (ThoughtRecords, false),
            (Agenda, true),
        ],
    },
    Template {
        id: "couples",
        name: "Couples therapy",
        why: "Couples sessions look at the shared rituals first, then the cycle of pulling away and coming back.",
        order: [
            (Practice, true),
            (Safety, true),
            (Setbacks, true),
            (Measures, true),
            (Entries, true),
            (Gaps, true),
            (ThoughtRecords, false),
            (Growth, false),
            (Agenda, true),
        ],
    },
    Template {
        id: "general",
        name: "General",
        why: "Every section, measures first.",
        order: [
            (Measures, true),
            (Safety, true),
            (Practice, true),
            (ThoughtRecords, true),
            (Setbacks, true),
            (Entries, true),
            (Gaps, true),
            (Growth, true),
            (Agenda, true),
        ],
    },
];

/// The template with this id, if there is one.
pub fn template(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

impl Template {
    /// The sections shown, in order, after turning `on` on and `off` off.
    pub fn sections(&self, on: &[Section], off: &[Section]) -> Vec<Section> {
        self.order
            .iter()
            .filter(|(s, default)| (*default || on.contains(s)) && !off.contains(s))
            .map(|(s, _)| *s)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_orders_every_section_once() {
        for t in TEMPLATES {
            let mut ids: Vec<Section> = t.order.iter().map(|(s, _)| *s).collect();
            ids.sort();
            assert_eq!(ids, ALL_SECTIONS.to_vec(), "{}", t.id);
        }
        for s in ALL_SECTIONS {
            assert_eq!(Section::from_id(s.id()), Some(s));
        }
    }
}
