//! [`ProgressId`]: the id of every row the progress model stores (practice events, ladder
//! steps and attempts, measures, responses, milestones).

use std::fmt;
use std::sync::Mutex;

use uuid::{ContextV7, Uuid};

use crate::error::{Error, Result};
use crate::time::Timestamp;

/// The id of a practice event, ladder step, ladder attempt, measure, response or
/// milestone: a UUIDv7 in text form, so ids sort by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProgressId(Uuid);

impl ProgressId {
    pub(crate) fn new_at(at: Timestamp) -> Self {
        static SEQUENCE: Mutex<Option<ContextV7>> = Mutex::new(None);
        let ms = u64::try_from(at.as_millis()).unwrap_or(0);
        let mut context = SEQUENCE
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let context = context.get_or_insert_with(ContextV7::new);
        let ts = uuid::Timestamp::from_unix(&*context, ms / 1000, ((ms % 1000) * 1_000_000) as u32);
        ProgressId(Uuid::new_v7(ts))
    }

    /// Parses the text form; `field` names the argument in the error.
    pub fn parse(text: &str, field: &'static str) -> Result<Self> {
        Uuid::try_parse(text)
            .map(ProgressId)
            .map_err(|_| Error::invalid(field, "is not a UUID"))
    }

    /// Parses an id read from `what`; a malformed one is damage, not bad input.
    pub(crate) fn stored(text: &str, what: &'static str) -> Result<Self> {
        Uuid::try_parse(text)
            .map(ProgressId)
            .map_err(|_| Error::corrupted(what))
    }
}

impl fmt::Display for ProgressId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.hyphenated().fmt(f)
    }
}
