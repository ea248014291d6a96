//! The journal: what a person writes, sealed before it reaches SQLite.
//!
//! Today an entry is one sealed text body with plaintext created/updated instants — the
//! smallest model that proves the encrypted path end to end. The richer entry kinds
//! (pattern logs, thought records, conversation reflections), vocabulary and search build
//! on the same table layout: sealed columns for anything a person wrote or chose,
//! plaintext only for ids, instants and sizes (see `docs/threat-model.md`).
//!
//! The vocabulary (emotion words, trigger/theme tags) and the prompt library live here too:
//! entries refer to them by stable keys.
//!
//! Functions here take an open connection and the data key; they never manage locking or
//! transactions across calls — that is the vault's job.

mod entries;
mod entry;
pub mod prompts;
pub mod vocabulary;

pub use entries::{
    DEFAULT_PAGE_SIZE, MAX_ENTRY_TEXT_BYTES, MAX_PAGE_SIZE, add_entry, delete_entry, entry_page,
    get_entry, update_entry,
};
pub use entry::{Entry, EntryId, EntryPage, PageCursor};
pub use prompts::{Prompt, prompt_of_the_day, prompts};
pub use vocabulary::{EmotionFamily, EmotionWord, TriggerTag, builtin_emotions, builtin_triggers};
