//! The emotion and trigger vocabulary and the reflection prompts, as Kotlin and Swift
//! see them. Records are the core's own types, declared with `#[uniffi::remote(Record)]`.

use innermost::journal::{self, EmotionFamily, EmotionWord, Prompt, TriggerTag};

use crate::error::Result;

/// One emotion word. `key` is stable (`fear.exposed`, or `custom:<uuid>` for a person's own
/// word); store keys, show labels.
#[uniffi::remote(Record)]
pub struct EmotionWord {
    /// Stable key.
    pub key: String,
    /// The word as shown (built-in labels are English; localise by key).
    pub label: String,
    /// Key of its family.
    pub family: String,
    /// Whether the person added it.
    pub custom: bool,
}

/// A family of emotion words, e.g. "Fear".
#[uniffi::remote(Record)]
pub struct EmotionFamily {
    /// Stable key, e.g. `fear`.
    pub key: String,
    /// The family's name as shown.
    pub label: String,
    /// Built-in words first, then the person's own.
    pub words: Vec<EmotionWord>,
}

/// A trigger or theme tag (criticism, being seen, …, or the person's own).
#[uniffi::remote(Record)]
pub struct TriggerTag {
    /// Stable key, e.g. `being_seen`, or `custom:<uuid>`.
    pub key: String,
    /// The tag as shown.
    pub label: String,
    /// Whether the person added it.
    pub custom: bool,
}

/// A reflection prompt.
#[uniffi::remote(Record)]
pub struct Prompt {
    /// Stable key, e.g. `urge_to_pull_away`.
    pub key: String,
    /// `self_awareness`, `attachment` or `closeness`.
    pub theme: String,
    /// The question as shown.
    pub text: String,
}

/// The built-in emotion families and words (available while locked).
#[uniffi::export]
pub fn builtin_emotions() -> Vec<EmotionFamily> {
    journal::builtin_emotions()
}

/// The built-in trigger/theme tags (available while locked).
#[uniffi::export]
pub fn builtin_triggers() -> Vec<TriggerTag> {
    journal::builtin_triggers()
}

/// Every reflection prompt, in the order the prompt of the day walks them.
#[uniffi::export]
pub fn prompts() -> Vec<Prompt> {
    journal::prompts()
}

/// The prompt for a local calendar date written `YYYY-MM-DD` (the person's own day).
/// Deterministic: the same date always gives the same prompt.
#[uniffi::export]
pub fn prompt_of_the_day(date: String) -> Result<Prompt> {
    Ok(journal::prompt_of_the_day(&date)?)
}
