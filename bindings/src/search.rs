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

use innermost::journal::{PatternInsights, ResponseCount, TriggerInsight, WeekTrend};

/// How often one response followed a trigger.
#[uniffi::remote(Record)]
pub struct ResponseCount {
    /// `withdrew`, `shut_down`, `stayed_present`, `reached_out` or `other`.
    pub response: String,
    /// How many pattern logs.
    pub count: u32,
}

/// One trigger over a range of pattern logs.
#[uniffi::remote(Record)]
pub struct TriggerInsight {
    /// The trigger's key.
    pub key: String,
    /// Pattern logs naming it.
    pub count: u32,
    /// Average felt safety (0-10) in those logs.
    pub average_safety: f64,
    /// Average urge to pull away (0-10) in those logs.
    pub average_urge: f64,
    /// What the person did after it, most frequent first.
    pub responses: Vec<ResponseCount>,
}

/// One week (Monday start, the person's zone) of a range.
#[uniffi::remote(Record)]
pub struct WeekTrend {
    /// The Monday the week starts on (`YYYY-MM-DD`).
    pub week_start: String,
    /// Pattern logs that week.
    pub pattern_logs: u32,
    /// Average felt safety; absent in a week without logs.
    pub average_safety: Option<f64>,
    /// Average urge to pull away; absent in a week without logs.
    pub average_urge: Option<f64>,
}

/// Pattern insights for a date range: computed in memory from the decrypted pattern logs.
#[uniffi::remote(Record)]
pub struct PatternInsights {
    /// Pattern logs in the range.
    pub pattern_logs: u32,
    /// Average felt safety over them.
    pub average_safety: Option<f64>,
    /// Average urge to pull away over them.
    pub average_urge: Option<f64>,
    /// Triggers, most frequent first.
    pub triggers: Vec<TriggerInsight>,
    /// Every week touching the range, oldest first; weeks without logs included.
    pub weeks: Vec<WeekTrend>,
}
