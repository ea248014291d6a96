//! What an entry says: the four kinds of journal entry and the rules they must follow.
//!
//! * **Reflection**: free writing, optionally answering a prompt.
//! * **Pattern log** ("felt safe or threatened"): the situation, how safe it felt, how
//!   strong the urge to pull away was, what the person did, what set it off, what they felt.
//! * **Thought record**: an automatic thought examined against the evidence, with a verdict
//!   (evidence or fear), a balanced thought and belief ratings before and after.
//! * **Conversation reflection**: after a hard conversation, whether the person stayed
//!   present, what grounded them, what they heard, and the need or boundary they voiced.
//!
//! Every field is sealed: an entry is stored as one sealed JSON document, so even its kind
//! is private. This module only defines the shapes and validates them ([`validate`]);
//! storing is `entries`' job, and whether emotion/trigger keys exist is checked against the
//! vocabulary by the caller ([`keys_used`]).

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use crate::error::{Error, Result};

/// An emotion and how strongly it was felt (0-10).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
pub struct EmotionRating {
    /// A vocabulary key (`fear.exposed`, `custom:<uuid>`).
    pub key: String,
    /// 0 (barely) to 10 (overwhelming).
    pub intensity: u8,
}

/// What the person did when it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Response {
    /// Pulled back from the person or the moment.
    Withdrew,
    /// Went numb or quiet inside.
    ShutDown,
    /// Stayed in the moment although it was hard.
    StayedPresent,
    /// Moved towards the other person.
    ReachedOut,
    /// Something else, in the person's words.
    Other {
        /// What they did.
        description: String,
    },
}

/// A thought record's conclusion about the automatic thought.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The evidence supports the thought.
    BasedOnEvidence,
    /// The thought came from fear more than from what happened.
    BasedOnFear,
    /// Not sure yet.
    Unsure,
}

/// Whether the person stayed present in a hard conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// Stayed present throughout.
    Yes,
    /// Some of the time.
    Partly,
    /// Left, in body or in mind.
    No,
}

/// Something that helped the person stay grounded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(tag = "technique", rename_all = "snake_case")]
pub enum Grounding {
    /// Slowing the breath.
    Breathing,
    /// Noticing the body: feet on the floor, hands, shoulders.
    NoticingTheBody,
    /// Naming what is seen and heard right now.
    NamingWhatISee,
    /// Something else, in the person's words.
    Other {
        /// What helped.
        description: String,
    },
}

/// The content of one journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Zeroize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntryContent {
    /// Free writing, optionally answering a prompt.
    Reflection {
        /// Optional title.
        title: Option<String>,
        /// The text (required).
        text: String,
        /// Key of the prompt it answers, if any.
        prompt_key: Option<String>,
    },
    /// "Felt safe or threatened": one moment, examined.
    PatternLog {
        /// What was happening (required).
        situation: String,
        /// Who it involved, in the person's words.
        involved: Option<String>,
        /// How safe it felt, 0 (threatened) to 10 (completely safe).
        felt_safety: u8,
        /// How strong the urge to pull away was, 0 to 10.
        urge_to_pull_away: u8,
        /// What the person did.
        response: Response,
        /// Trigger/theme keys from the vocabulary.
        triggers: Vec<String>,
        /// Emotions with intensity.
        emotions: Vec<EmotionRating>,
        /// What the body did (tight chest, hot face, …).
        body_sensations: Option<String>,
        /// Anything else.
        note: Option<String>,
    },
    /// An automatic thought examined against the evidence.
    ThoughtRecord {
        /// What was happening (required).
        situation: String,
        /// The thought that came (required).
        automatic_thought: String,
        /// Emotions with intensity before examining the thought.
        emotions_before: Vec<EmotionRating>,
        /// What supports the thought.
        evidence_for: Option<String>,
        /// What does not.
        evidence_against: Option<String>,
        /// The conclusion.
        verdict: Verdict,
        /// A more balanced way to see it.
        balanced_thought: Option<String>,
        /// Belief in the automatic thought before, 0-100.
        belief_before: u8,
        /// Belief in the automatic thought after, 0-100.
        belief_after: u8,
        /// Emotions with intensity afterwards.
        emotions_after: Vec<EmotionRating>,
    },
    /// After a difficult conversation.
    ConversationReflection {
        /// Whether the person stayed present.
        stayed_present: Presence,
        /// What helped them stay grounded.
        grounding: Vec<Grounding>,
        /// What they heard their partner say.
        heard_partner_say: Option<String>,
        /// A need they expressed.
        need_expressed: Option<String>,
        /// A boundary they set.
        boundary_set: Option<String>,
    },
}

impl EntryContent {
    /// The line a timeline shows for this entry: a reflection's title (or its text), a
    /// pattern log's situation, a thought record's automatic thought, a conversation
    /// reflection's expressed need (or what was heard). May be empty.
    pub fn headline(&self) -> &str {
        match self {
            EntryContent::Reflection { title, text, .. } => title
                .as_deref()
                .filter(|t| !t.trim().is_empty())
                .unwrap_or(text),
            EntryContent::PatternLog { situation, .. } => situation,
            EntryContent::ThoughtRecord {
                automatic_thought, ..
            } => automatic_thought,
            EntryContent::ConversationReflection {
                need_expressed,
                heard_partner_say,
                ..
            } => need_expressed
                .as_deref()
                .or(heard_partner_say.as_deref())
                .unwrap_or(""),
        }
    }
}

/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// Longest single text field, in bytes of UTF-8.
pub const MAX_FIELD_BYTES: usize = 20_000;
/// Most emotions, triggers, grounding techniques, tags or links on one entry.
pub const MAX_LIST_LEN: usize = 20;
/// Longest tag, in characters.
pub const MAX_TAG_CHARS: usize = 40;

/// Whether required fields must be filled: entries yes, drafts no (a draft is unfinished).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completeness {
    /// Required fields must be present (entries).
    Required,
    /// Required fields may be empty (drafts); every other rule still holds.
    Partial,
}

fn text(field: &'static str, value: &str, required: bool, check: Completeness) -> Result<()> {
    if required && check == Completeness::Required && value.trim().is_empty() {
        return Err(Error::invalid(field, "must not be empty"));
    }
    if value.len() > MAX_FIELD_BYTES {
        return Err(Error::invalid(field, "is longer than 20000 bytes"));
    }
    Ok(())
}

fn optional(field: &'static str, value: &Option<String>) -> Result<()> {
    value
        .as_deref()
        .map_or(Ok(()), |v| text(field, v, false, Completeness::Partial))
}

fn scale(field: &'static str, value: u8, max: u8) -> Result<()> {
    if value > max {
        return Err(Error::invalid(
            field,
            format!("must be between 0 and {max}"),
        ));
    }
    Ok(())
}

fn ratings(field: &'static str, list: &[EmotionRating]) -> Result<()> {
    if list.len() > MAX_LIST_LEN {
        return Err(Error::invalid(field, "has more than 20 emotions"));
    }
    if list.iter().any(|r| r.intensity > 10) {
        return Err(Error::invalid(field, "intensity must be between 0 and 10"));
    }
    let mut keys: Vec<&str> = list.iter().map(|r| r.key.as_str()).collect();
    keys.sort_unstable();
    if keys.windows(2).any(|w| w[0] == w[1]) {
        return Err(Error::invalid(field, "names the same emotion twice"));
    }
    Ok(())
}

/// Checks every rule that does not need the vocabulary: required fields (for complete
/// entries), text sizes, rating ranges, list lengths. Errors name the field as
/// `<kind>.<field>`, e.g. `pattern_log.felt_safety`.
pub fn validate(content: &EntryContent, check: Completeness) -> Result<()> {
    match content {
        EntryContent::Reflection {
            title,
            text: body,
            prompt_key,
        } => {
            if title
                .as_ref()
                .is_some_and(|t| t.chars().count() > MAX_TITLE_CHARS)
            {
                return Err(Error::invalid(
                    "reflection.title",
                    "is longer than 200 characters",
                ));
            }
            text("reflection.text", body, true, check)?;
            if prompt_key.as_deref().is_some_and(|k| k.len() > 64) {
                return Err(Error::invalid(
                    "reflection.prompt_key",
                    "is not a prompt key",
                ));
            }
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
            text("pattern_log.situation", situation, true, check)?;
            optional("pattern_log.involved", involved)?;
            scale("pattern_log.felt_safety", *felt_safety, 10)?;
            scale("pattern_log.urge_to_pull_away", *urge_to_pull_away, 10)?;
            if let Response::Other { description } = response {
                text("pattern_log.response", description, true, check)?;
            }
            if triggers.len() > MAX_LIST_LEN {
                return Err(Error::invalid(
                    "pattern_log.triggers",
                    "has more than 20 triggers",
                ));
            }
            ratings("pattern_log.emotions", emotions)?;
            optional("pattern_log.body_sensations", body_sensations)?;
            optional("pattern_log.note", note)?;
        }
        EntryContent::ThoughtRecord {
            situation,
            automatic_thought,
            emotions_before,
            evidence_for,
            evidence_against,
            verdict: _,
            balanced_thought,
            belief_before,
            belief_after,
            emotions_after,
        } => {
            text("thought_record.situation", situation, true, check)?;
            text(
                "thought_record.automatic_thought",
                automatic_thought,
                true,
                check,
            )?;
            ratings("thought_record.emotions_before", emotions_before)?;
            optional("thought_record.evidence_for", evidence_for)?;
            optional("thought_record.evidence_against", evidence_against)?;
            optional("thought_record.balanced_thought", balanced_thought)?;
            scale("thought_record.belief_before", *belief_before, 100)?;
            scale("thought_record.belief_after", *belief_after, 100)?;
            ratings("thought_record.emotions_after", emotions_after)?;
        }
        EntryContent::ConversationReflection {
            stayed_present: _,
            grounding,
            heard_partner_say,
            need_expressed,
            boundary_set,
        } => {
            if grounding.len() > MAX_LIST_LEN {
                return Err(Error::invalid(
                    "conversation_reflection.grounding",
                    "has more than 20 items",
                ));
            }
            for g in grounding {
                if let Grounding::Other { description } = g {
                    text(
                        "conversation_reflection.grounding",
                        description,
                        true,
                        check,
                    )?;
                }
            }
            optional(
                "conversation_reflection.heard_partner_say",
                heard_partner_say,
            )?;
            optional("conversation_reflection.need_expressed", need_expressed)?;
            optional("conversation_reflection.boundary_set", boundary_set)?;
        }
    }
    Ok(())
}

/// The vocabulary keys an entry refers to: `(field, emotion keys, trigger keys)` pairs
/// for the caller to check against the person's vocabulary.
pub fn keys_used(content: &EntryContent) -> (Vec<(&'static str, &str)>, Vec<&str>) {
    let mut emotions = Vec::new();
    let mut triggers = Vec::new();
    match content {
        EntryContent::PatternLog {
            emotions: e,
            triggers: t,
            ..
        } => {
            emotions.extend(e.iter().map(|r| ("pattern_log.emotions", r.key.as_str())));
            triggers.extend(t.iter().map(String::as_str));
        }
        EntryContent::ThoughtRecord {
            emotions_before,
            emotions_after,
            ..
        } => {
            emotions.extend(
                emotions_before
                    .iter()
                    .map(|r| ("thought_record.emotions_before", r.key.as_str())),
            );
            emotions.extend(
                emotions_after
                    .iter()
                    .map(|r| ("thought_record.emotions_after", r.key.as_str())),
            );
        }
        EntryContent::Reflection { .. } | EntryContent::ConversationReflection { .. } => {}
    }
    (emotions, triggers)
}

/// The four kinds of entry, for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntryKind {
    /// [`EntryContent::Reflection`].
    Reflection,
    /// [`EntryContent::PatternLog`].
    PatternLog,
    /// [`EntryContent::ThoughtRecord`].
    ThoughtRecord,
    /// [`EntryContent::ConversationReflection`].
    ConversationReflection,
}

impl EntryContent {
    /// Which kind of entry this is.
    pub fn kind(&self) -> EntryKind {
        match self {
            EntryContent::Reflection { .. } => EntryKind::Reflection,
            EntryContent::PatternLog { .. } => EntryKind::PatternLog,
            EntryContent::ThoughtRecord { .. } => EntryKind::ThoughtRecord,
            EntryContent::ConversationReflection { .. } => EntryKind::ConversationReflection,
        }
    }

    /// Every piece of free text in the entry, for search.
    pub fn texts(&self) -> Vec<&str> {
        fn opt<'a>(v: &'a Option<String>, out: &mut Vec<&'a str>) {
            if let Some(t) = v {
                out.push(t);
            }
        }
        let mut out: Vec<&str> = Vec::new();
        match self {
            EntryContent::Reflection { title, text, .. } => {
                opt(title, &mut out);
                out.push(text);
            }
            EntryContent::PatternLog {
                situation,
                involved,
                response,
                body_sensations,
                note,
                ..
            } => {
                out.push(situation);
                opt(involved, &mut out);
                if let Response::Other { description } = response {
                    out.push(description);
                }
                opt(body_sensations, &mut out);
                opt(note, &mut out);
            }
            EntryContent::ThoughtRecord {
                situation,
                automatic_thought,
                evidence_for,
                evidence_against,
                balanced_thought,
                ..
            } => {
                out.push(situation);
                out.push(automatic_thought);
                opt(evidence_for, &mut out);
                opt(evidence_against, &mut out);
                opt(balanced_thought, &mut out);
            }
            EntryContent::ConversationReflection {
                grounding,
                heard_partner_say,
                need_expressed,
                boundary_set,
                ..
            } => {
                for g in grounding {
                    if let Grounding::Other { description } = g {
                        out.push(description);
                    }
                }
                opt(heard_partner_say, &mut out);
                opt(need_expressed, &mut out);
                opt(boundary_set, &mut out);
            }
        }
        out
    }

    /// Every emotion key the entry names (before and after, for thought records).
    pub fn emotion_keys(&self) -> Vec<&str> {
        keys_used(self).0.into_iter().map(|(_, k)| k).collect()
    }

    /// Every trigger key the entry names.
    pub fn trigger_keys(&self) -> Vec<&str> {
        keys_used(self).1
    }

    /// Felt safety, for pattern logs.
    pub fn felt_safety(&self) -> Option<u8> {
        match self {
            EntryContent::PatternLog { felt_safety, .. } => Some(*felt_safety),
            _ => None,
        }
    }
}

/// Checks tags (the person's own short labels): at most 20, each 1-40 characters.
pub fn validate_tags(tags: &[String]) -> Result<()> {
    if tags.len() > MAX_LIST_LEN {
        return Err(Error::invalid("tags", "has more than 20 tags"));
    }
    for t in tags {
        let n = t.trim().chars().count();
        if n == 0 || n > MAX_TAG_CHARS || t.chars().any(char::is_control) {
            return Err(Error::invalid(
                "tags",
                "each tag must be 1 to 40 characters",
            ));
        }
    }
    Ok(())
}
