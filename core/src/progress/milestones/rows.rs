//! Raised milestones as rows, for the open export: read with their ids, and written back
//! with the id, date and instant they were raised with elsewhere, sealed exactly as
//! [`super::raise_new`] seals them. A milestone is raised once per vault: one whose kind
//! is already raised here is skipped, so an import never raises one twice, and the next
//! [`super::raise_new`] sees the imported ones as raised.

use rusqlite::{Connection, params};

use super::{ALL, DAMAGE, Milestone, MilestoneKind, content_at, raised};
use crate::crypto::{DataKey, open, seal};
use crate::error::{Error, Result};
use crate::progress::ProgressId;
use crate::progress::sealed_doc::{DocReader, DocWriter};
use crate::time::Timestamp;

/// The name a kind has in the export: its key without `milestone.` (`ten_victories`).
pub(crate) fn kind_name(kind: MilestoneKind) -> &'static str {
    let key = kind.key();
    key.strip_prefix("milestone.").unwrap_or(key)
}

/// The kind named `name` (as [`kind_name`] writes it).
pub(crate) fn kind_named(name: &str) -> Option<MilestoneKind> {
    ALL.iter().copied().find(|k| kind_name(*k) == name)
}

/// Every milestone raised, with its row id, oldest first.
pub(crate) fn raised_with_ids(
    conn: &Connection,
    key: &DataKey,
) -> Result<Vec<(ProgressId, Milestone)>> {
    let rows = crate::store::id_instant_blob_rows(
        conn,
        "SELECT id, raised_at, content FROM milestones ORDER BY id",
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, raised_at, blob) in rows {
        let plain = open(key, &content_at(&id), &blob)?;
        let mut doc = DocReader::new(&plain, DAMAGE)?;
        let kind = *ALL
            .get(doc.byte()? as usize)
            .ok_or_else(|| Error::corrupted(DAMAGE))?;
        let reached_on = doc.text()?;
        doc.finish()?;
        out.push((
            ProgressId::stored(&id, "milestones.id of one row")?,
            Milestone {
                kind,
                reached_on,
                raised_at: Timestamp::from_millis(raised_at),
            },
        ));
    }
    Ok(out)
}

/// Stores `milestone` as raised elsewhere under `id`; `false` (nothing written) when the
/// id is present or a milestone of its kind is already raised here.
pub(crate) fn insert_raised(
    conn: &Connection,
    key: &DataKey,
    id: ProgressId,
    milestone: &Milestone,
) -> Result<bool> {
    let id = id.to_string();
    if crate::store::has_row(conn, "milestones", &id)?
        || raised(conn, key)?.iter().any(|m| m.kind == milestone.kind)
    {
        return Ok(false);
    }
    let mut doc = DocWriter::new();
    doc.byte(milestone.kind.code()).text(&milestone.reached_on);
    let blob = seal(key, &content_at(&id), doc.bytes())?;
    conn.prepare_cached("INSERT INTO milestones (id, raised_at, content) VALUES (?1, ?2, ?3)")?
        .execute(params![id, milestone.raised_at.as_millis(), blob])?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_name_that_reads_back() {
        for kind in ALL {
            assert_eq!(kind_named(kind_name(kind)), Some(kind));
        }
        assert_eq!(kind_named("milestone.first_victory"), None);
    }
}
