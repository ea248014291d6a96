//! The journal: what a person writes, sealed before it reaches SQLite.
//!
//! An entry is one of four kinds ([`EntryContent`]: reflection, pattern log, thought
//! record, conversation reflection) plus tags and links, stored as one sealed document with
//! plaintext ids and instants only (see `docs/threat-model.md`). Unfinished entries are
//! drafts; deleted entries wait in the trash until purged.
//!
//! The vocabulary (emotion words, trigger/theme tags) and the prompt library live here too:
//! entries refer to them by stable keys.
//!
//! Functions here take an open connection and the data key; they never manage locking or
//! transactions across calls — that is the vault's job.

pub mod content;
mod document;
mod drafts;
mod entries;
mod entry;
pub mod insights;
pub mod portable;
pub mod prompts;
pub mod search;
pub mod vocabulary;

pub use content::{EmotionRating, EntryContent, EntryKind, Grounding, Presence, Response, Verdict};
pub use document::MAX_DOCUMENT_BYTES;
pub use drafts::{discard_draft, drafts, finish_draft, get_draft, save_draft};
pub use entries::{
    DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Shelf, add_entry, entry_page, get_entry, purge_entry,
    purge_trash_before, restore_entry, trash_entry, update_entry,
};
pub use entry::{Draft, Entry, EntryId, EntryPage, NewEntry, PageCursor};
pub use insights::{PatternInsights, ResponseCount, TriggerInsight, WeekTrend};
pub use prompts::{Prompt, prompt_of_the_day, prompts};
pub use search::{EntryFilter, SearchIndex};
pub use vocabulary::{EmotionFamily, EmotionWord, TriggerTag, builtin_emotions, builtin_triggers};
