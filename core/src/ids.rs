//! UUIDv7 ids for everything a person creates (entries, rituals, …): one monotonic
//! sequence for the whole process, so ids made in the same millisecond still sort in the
//! order they were made, and a timeline keeps the order things were written in.
//!
//! The typed ids (`EntryId`, `RitualId`) wrap what this module makes; it knows no domain.

use std::sync::Mutex;

use uuid::{ContextV7, Uuid};

use crate::error::{Error, Result};
use crate::time::Timestamp;

/// A fresh UUIDv7 for something created at `at`.
pub fn uuid_v7_at(at: Timestamp) -> Uuid {
    static SEQUENCE: Mutex<Option<ContextV7>> = Mutex::new(None);
    let ms = u64::try_from(at.as_millis()).unwrap_or(0);
    let mut context = SEQUENCE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let context = context.get_or_insert_with(ContextV7::new);
    let ts = uuid::Timestamp::from_unix(&*context, ms / 1000, ((ms % 1000) * 1_000_000) as u32);
    Uuid::new_v7(ts)
}

/// Parses a UUID's text form; `InvalidInput` on `field` otherwise.
pub fn parse_uuid(text: &str, field: &'static str) -> Result<Uuid> {
    Uuid::try_parse(text).map_err(|_| Error::invalid(field, "is not a UUID"))
}
