//! Picked items in full: a journal entry, a victory or a setback the person chose to
//! share, turned into labelled fields.
//!
//! Owns the wording of entry fields and the one place where the person's free text is
//! copied into report data. Nothing here decides *whether* an item is shown: `gather`
//! calls these functions only for picked items. Empty optional fields are left out.

use std::collections::HashMap;

use innermost::journal::{EmotionFamily, TriggerTag, prompts};
use innermost::progress::{PracticeEvent, PracticeKind};
use innermost::{EmotionRating, Entry, EntryContent, Grounding, Presence, Response, Verdict};

use crate::data::{EntryField, PickedEntry, PickedPractice};

/// The wording of vocabulary keys (built-in and the person's own), for picked items only.
pub(crate) struct Words {
    labels: HashMap<String, String>,
}

impl Words {
    pub(crate) fn new(emotions: &[EmotionFamily], triggers: &[TriggerTag]) -> Self {
        let mut labels = HashMap::new();
        for family in emotions {
            for word in &family.words {
                labels.insert(word.key.clone(), word.label.clone());
            }
        }
        for t in triggers {
            labels.insert(t.key.clone(), t.label.clone());
        }
        Words { labels }
    }

    /// The wording of `key`; an unknown key (a word deleted since) shows as the key.
    pub(crate) fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.labels.get(key).map_or(key, String::as_str)
    }

    fn emotions(&self, list: &[EmotionRating]) -> String {
        list.iter()
            .map(|e| format!("{} ({}/10)", self.label(&e.key), e.intensity))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The wording of a pattern log's response key.
pub(crate) fn response_label(key: &str) -> &'static str {
    match key {
        "withdrew" => "withdrew",
        "shut_down" => "shut down",
        "stayed_present" => "stayed present",
        "reached_out" => "reached out",
        _ => "something else",
    }
}

struct Fields(Vec<EntryField>);

impl Fields {
    fn add(&mut self, key: &str, label: &str, value: impl Into<String>) {
        let value = value.into();
        if !value.trim().is_empty() {
            self.0.push(EntryField {
                key: key.to_owned(),
                label: label.to_owned(),
                value,
            });
        }
    }

    fn opt(&mut self, key: &str, label: &str, value: &Option<String>) {
        if let Some(v) = value {
            self.add(key, label, v.clone());
        }
    }
}

/// The key of an entry's kind.
pub(crate) fn kind_key(content: &EntryContent) -> &'static str {
    match content {
        EntryContent::Reflection { .. } => "reflection",
        EntryContent::PatternLog { .. } => "pattern_log",
        EntryContent::ThoughtRecord { .. } => "thought_record",
        EntryContent::ConversationReflection { .. } => "conversation_reflection",
    }
}

/// An entry in full.
pub(crate) fn entry(entry: &Entry, date: String, words: &Words) -> PickedEntry {
    let mut f = Fields(Vec::new());
    match &entry.content {
        EntryContent::Reflection {
            title,
            text,
            prompt_key,
        } => {
            if let Some(key) = prompt_key {
                let prompt = prompts().into_iter().find(|p| &p.key == key);
                f.add(
                    "prompt",
                    "Prompt",
                    prompt.map_or_else(|| key.clone(), |p| p.text),
                );
            }
            f.opt("title", "Title", title);
            f.add("text", "Text", text.clone());
        }
        EntryContent::PatternLog {
            situation,
            involved,
            felt_safety,
            urge_to_pull_away,
            response,
            triggers,
            emotions,
            body_sensations,
            note,
        } => {
            f.add("situation", "Situation", situation.clone());
            f.opt("involved", "Who was involved", involved);
            f.add("felt_safety", "Felt safety", format!("{felt_safety}/10"));
            f.add(
                "urge_to_pull_away",
                "Urge to pull away",
                format!("{urge_to_pull_away}/10"),
            );
            let response = match response {
                Response::Withdrew => "withdrew".to_owned(),
                Response::ShutDown => "shut down".to_owned(),
                Response::StayedPresent => "stayed present".to_owned(),
                Response::ReachedOut => "reached out".to_owned(),
                Response::Other { description } => description.clone(),
            };
            f.add("response", "What I did", response);
            let triggers: Vec<&str> = triggers.iter().map(|k| words.label(k)).collect();
            f.add("triggers", "Triggers", triggers.join(", "));
            f.add("emotions", "Emotions", words.emotions(emotions));
            f.opt("body_sensations", "In the body", body_sensations);
            f.opt("note", "Note", note);
        }
        EntryContent::ThoughtRecord {
            situation,
            automatic_thought,
            emotions_before,
            evidence_for,
            evidence_against,
            verdict,
            balanced_thought,
            belief_before,
            belief_after,
            emotions_after,
        } => {
            f.add("situation", "Situation", situation.clone());
            f.add(
                "automatic_thought",
                "Automatic thought",
                automatic_thought.clone(),
            );
            f.add(
                "emotions_before",
                "Emotions before",
                words.emotions(emotions_before),
            );
            f.opt("evidence_for", "Evidence for", evidence_for);
            f.opt("evidence_against", "Evidence against", evidence_against);
            let verdict = match verdict {
                Verdict::BasedOnEvidence => "based on the evidence",
                Verdict::BasedOnFear => "based on fear",
                Verdict::Unsure => "not sure yet",
            };
            f.add("verdict", "Verdict", verdict);
            f.opt("balanced_thought", "Balanced thought", balanced_thought);
            f.add(
                "belief",
                "Belief in the thought",
                format!("{belief_before}% before, {belief_after}% after"),
            );
            f.add(
                "emotions_after",
                "Emotions after",
                words.emotions(emotions_after),
            );
        }
        EntryContent::ConversationReflection {
            stayed_present,
            grounding,
            heard_partner_say,
            need_expressed,
            boundary_set,
        } => {
            let presence = match stayed_present {
                Presence::Yes => "yes",
                Presence::Partly => "partly",
                Presence::No => "no",
            };
            f.add("stayed_present", "Stayed present", presence);
            let grounding: Vec<String> = grounding
                .iter()
                .map(|g| match g {
                    Grounding::Breathing => "breathing".to_owned(),
                    Grounding::NoticingTheBody => "noticing the body".to_owned(),
                    Grounding::NamingWhatISee => "naming what I see".to_owned(),
                    Grounding::Other { description } => description.clone(),
                })
                .collect();
            f.add("grounding", "What grounded me", grounding.join(", "));
            f.opt("heard_partner_say", "What I heard", heard_partner_say);
            f.opt("need_expressed", "Need I expressed", need_expressed);
            f.opt("boundary_set", "Boundary I set", boundary_set);
        }
    }
    f.add("tags", "Tags", entry.tags.join(", "));
    PickedEntry {
        date,
        kind: kind_key(&entry.content).to_owned(),
        fields: f.0,
    }
}

/// The key and wording of a practice event's kind (own wordings included: picked only).
pub(crate) fn practice_kind(kind: &PracticeKind) -> (&'static str, String) {
    match kind {
        PracticeKind::Victory { victory } => (victory.label_key(), victory.label().to_owned()),
        PracticeKind::Setback { setback } => (setback.label_key(), setback.label().to_owned()),
        PracticeKind::Recommitted => ("recommitted", "came back to practice".to_owned()),
    }
}

/// A victory, setback or recommitment in full.
pub(crate) fn practice(event: &PracticeEvent, words: &Words) -> PickedPractice {
    let (key, label) = practice_kind(&event.kind);
    PickedPractice {
        date: event.local_date.clone(),
        key: key.to_owned(),
        label,
        context: event.context.clone(),
        triggers: event
            .trigger_keys
            .iter()
            .map(|k| words.label(k).to_owned())
            .collect(),
        what_helped: event.what_helped.clone(),
    }
}
