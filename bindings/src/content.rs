//! The four kinds of journal entry as Kotlin and Swift see them: sealed classes / enums
//! with associated values. These are the core's own types (`innermost::journal::content`),
//! declared with `#[uniffi::remote]`; see the core module for the rules each field follows.

use innermost::{EmotionRating, EntryContent, Grounding, Presence, Response, Verdict};

/// An emotion (a vocabulary key) and how strongly it was felt, 0-10.
#[uniffi::remote(Record)]
pub struct EmotionRating {
    /// A vocabulary key (`fear.exposed`, `custom:<uuid>`).
    pub key: String,
    /// 0 (barely) to 10 (overwhelming).
    pub intensity: u8,
}

/// What the person did when it happened.
#[uniffi::remote(Enum)]
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
#[uniffi::remote(Enum)]
pub enum Verdict {
    /// The evidence supports the thought.
    BasedOnEvidence,
    /// The thought came from fear more than from what happened.
    BasedOnFear,
    /// Not sure yet.
    Unsure,
}

/// Whether the person stayed present in a hard conversation.
#[uniffi::remote(Enum)]
pub enum Presence {
    /// Throughout.
    Yes,
    /// Some of the time.
    Partly,
    /// Left, in body or in mind.
    No,
}

/// Something that helped the person stay grounded.
#[uniffi::remote(Enum)]
pub enum Grounding {
    /// Slowing the breath.
    Breathing,
    /// Noticing the body.
    NoticingTheBody,
    /// Naming what is seen and heard right now.
    NamingWhatISee,
    /// Something else, in the person's words.
    Other {
        /// What helped.
        description: String,
    },
}

/// What a journal entry says. Limits: text fields up to 20,000 bytes, titles 200
/// characters, ratings 0-10 (beliefs 0-100), lists up to 20 items; emotion and trigger keys
/// must be in the person's vocabulary. Violations are `InvalidInput` with `field` written
/// `<kind>.<field>`, e.g. `pattern_log.felt_safety`.
#[uniffi::remote(Enum)]
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
        /// What the body did.
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
        /// Emotions with intensity before.
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
