//! Search filters as Kotlin and Swift see them (the core's `EntryFilter` and `EntryKind`,
//! declared with `#[uniffi::remote]`; every field defaults to "any").

use innermost::{EntryFilter, EntryKind, Timestamp};

/// The four kinds of entry, for filtering.
#[uniffi::remote(Enum)]
pub enum EntryKind {
    /// Free writing.
    Reflection,
    /// "Felt safe or threatened".
    PatternLog,
    /// An automatic thought examined against the evidence.
    ThoughtRecord,
    /// After a difficult conversation.
    ConversationReflection,
}

/// What to look for. Every condition given must hold; empty lists and absent values mean
/// "any". Text matching ignores case and accents and needs every word of `text`.
#[uniffi::remote(Record)]
pub struct EntryFilter {
    /// Words that must all appear (up to 200 characters).
    #[uniffi(default)]
    pub text: Option<String>,
    /// Kinds to include (any of them).
    #[uniffi(default)]
    pub kinds: Vec<EntryKind>,
    /// Tags the entry must all carry.
    #[uniffi(default)]
    pub tags: Vec<String>,
    /// Emotion keys the entry must all name.
    #[uniffi(default)]
    pub emotions: Vec<String>,
    /// Trigger keys the entry must all name.
    #[uniffi(default)]
    pub triggers: Vec<String>,
    /// Written at or after this instant (UTC epoch ms).
    #[uniffi(default)]
    pub from: Option<Timestamp>,
    /// Written before this instant (UTC epoch ms).
    #[uniffi(default)]
    pub until: Option<Timestamp>,
    /// Felt safety at least this (0-10); only pattern logs have it.
    #[uniffi(default)]
    pub min_safety: Option<u8>,
    /// Felt safety at most this (0-10).
    #[uniffi(default)]
    pub max_safety: Option<u8>,
}
