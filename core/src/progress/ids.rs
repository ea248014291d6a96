//! [`ProgressId`]: the id of every row the progress model stores (practice events, ladder
//! steps and attempts, measures, responses, milestones).

use std::fmt;

use uuid::Uuid;

use crate::error::{Error, Result};
use crate::time::Timestamp;

/// The id of a practice event, ladder step, ladder attempt, measure, response or
/// milestone: a UUIDv7 in text form, so ids sort by creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProgressId(Uuid);

impl ProgressId {
    pub(crate) fn new_at(at: Timestamp) -> Self {
        ProgressId(crate::ids::uuid_v7_at(at))
    }

    /// Parses the text form; `field` names the argument in the error.
    pub fn parse(text: &str, field: &'static str) -> Result<Self> {
        crate::ids::parse_uuid(text, field).map(ProgressId)
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
