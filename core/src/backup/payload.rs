//! What a backup's body holds: a short manifest, then the database file.
//!
//! ```text
//!   u32 big-endian  manifest length (at most 64 KiB)
//!   manifest        fixed binary fields, see `Manifest::encode` and docs/formats.md
//!   database        the vault's SQLite file, exactly `database_bytes` long
//! ```
//!
//! The manifest is a handful of integers and the vault id in a fixed layout rather than
//! JSON: nothing inside a backup needs a general parser (smaller attack surface for
//! files from outside, and less code in the library).
//!
//! Reading checks everything it can before anything is written where it matters: the
//! manifest's format and version, the schema version (a newer one is refused), the
//! database's length, its SQLite magic and application id, and that nothing follows it.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::Path;

use zeroize::Zeroizing;

use super::chunks::ChunkReader;
use super::header::BackupKey;
use crate::error::{Error, Result};
use crate::listener::{ProgressListener, report};
use crate::store::{LATEST_VERSION, check_header_bytes};
use crate::time::Timestamp;

const MANIFEST_VERSION: u16 = 1;
const LONGEST_VAULT_ID: usize = 64;
const LARGEST_MANIFEST: u32 = 64 * 1024;
const COPY_BUFFER: usize = 64 * 1024;

/// The manifest at the start of a backup's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Manifest {
    /// The manifest layout's version.
    pub version: u16,
    /// When the snapshot was taken (UTC epoch milliseconds).
    pub created_at: i64,
    /// The id of the vault it was taken from.
    pub vault_id: String,
    /// The vault's schema version then.
    pub schema_version: i64,
    /// Entries in the snapshot (the trash included).
    pub entries: u64,
    /// Drafts in the snapshot.
    pub drafts: u64,
    /// The snapshot's size in bytes.
    pub database_bytes: u64,
}

impl Manifest {
    /// The manifest of a snapshot just taken (the current layout version).
    pub fn new(
        created_at: Timestamp,
        vault_id: String,
        schema_version: i64,
        entries: u64,
        drafts: u64,
        database_bytes: u64,
    ) -> Self {
        Manifest {
            version: MANIFEST_VERSION,
            created_at: created_at.as_millis(),
            vault_id,
            schema_version,
            entries,
            drafts,
            database_bytes,
        }
    }

    /// `version u16 | created_at i64 | schema_version i64 | entries u64 | drafts u64 |
    /// database_bytes u64 | vault id length u8 | vault id (UTF-8)`, all big-endian.
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(43 + self.vault_id.len());
        out.extend_from_slice(&self.version.to_be_bytes());
        out.extend_from_slice(&self.created_at.to_be_bytes());
        out.extend_from_slice(&self.schema_version.to_be_bytes());
        out.extend_from_slice(&self.entries.to_be_bytes());
        out.extend_from_slice(&self.drafts.to_be_bytes());
        out.extend_from_slice(&self.database_bytes.to_be_bytes());
        let id = &self.vault_id.as_bytes()[..self.vault_id.len().min(LONGEST_VAULT_ID)];
        out.push(id.len() as u8);
        out.extend_from_slice(id);
        out
    }

    fn decode(bytes: &[u8]) -> Result<Self> {
        let damaged = || Error::corrupted("backup: the manifest is not valid");
        let field = |at: usize, len: usize| bytes.get(at..at + len).ok_or_else(damaged);
        let u64_at = |at: usize| -> Result<u64> {
            let mut b = [0u8; 8];
            b.copy_from_slice(field(at, 8)?);
            Ok(u64::from_be_bytes(b))
        };
        let version = u16::from_be_bytes([
            *bytes.first().ok_or_else(damaged)?,
            *bytes.get(1).ok_or_else(damaged)?,
        ]);
        if version > MANIFEST_VERSION {
            return Err(Error::Unsupported {
                what: "a backup written by a newer version of Innermost",
            });
        }
        if version == 0 {
            return Err(damaged());
        }
        let id_len = usize::from(*bytes.get(42).ok_or_else(damaged)?);
        if id_len > LONGEST_VAULT_ID || bytes.len() != 43 + id_len {
            return Err(damaged());
        }
        let vault_id = std::str::from_utf8(field(43, id_len)?)
            .map_err(|_| damaged())?
            .to_owned();
        Ok(Manifest {
            version,
            created_at: u64_at(2)? as i64,
            schema_version: u64_at(10)? as i64,
            entries: u64_at(18)?,
            drafts: u64_at(26)?,
            database_bytes: u64_at(34)?,
            vault_id,
        })
    }
}

/// What a backup holds, as read from (or written into) its manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// When the backup was made.
    pub created_at: Timestamp,
    /// The id of the vault it came from.
    pub vault_id: String,
    /// The vault's schema version when it was made.
    pub schema_version: i64,
    /// Entries in it (the trash included).
    pub entries: u64,
    /// Drafts in it.
    pub drafts: u64,
    /// Size of the database inside.
    pub database_bytes: u64,
    /// Size of the backup file.
    pub backup_bytes: u64,
}

impl BackupSummary {
    /// What a backup file of `backup_bytes` holding `m` is, for the caller.
    pub fn from_manifest(m: &Manifest, backup_bytes: u64) -> Self {
        BackupSummary {
            created_at: Timestamp::from_millis(m.created_at),
            vault_id: m.vault_id.clone(),
            schema_version: m.schema_version,
            entries: m.entries,
            drafts: m.drafts,
            database_bytes: m.database_bytes,
            backup_bytes,
        }
    }
}

/// Writes the body: manifest, then `database` (which must be `manifest.database_bytes`
/// long), reporting bytes of database copied.
pub(crate) fn write_payload(
    out: &mut impl Write,
    manifest: &Manifest,
    database: &mut impl Read,
    listener: &dyn ProgressListener,
) -> Result<()> {
    let encoded = manifest.encode();
    let len = u32::try_from(encoded.len()).map_err(|_| Error::Internal("manifest length"))?;
    out.write_all(&len.to_be_bytes())?;
    out.write_all(&encoded)?;
    let total = manifest.database_bytes;
    let mut done = 0u64;
    let mut buffer = vec![0u8; COPY_BUFFER];
    report(listener, done, total)?;
    loop {
        let n = database.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        out.write_all(&buffer[..n])?;
        done += n as u64;
        report(listener, done, total)?;
    }
    if done != total {
        return Err(Error::Internal(
            "the snapshot changed size while it was copied",
        ));
    }
    Ok(())
}

/// Reads and checks the body, copying the database into `sink`; returns the manifest.
pub(crate) fn read_payload<R: Read>(
    chunks: ChunkReader<'_, R>,
    sink: &mut impl Write,
    listener: &dyn ProgressListener,
) -> Result<Manifest> {
    let mut body = Body {
        chunks,
        current: Zeroizing::new(Vec::new()),
        at: 0,
    };
    let mut len = [0u8; 4];
    body.read_exact(&mut len).map_err(from_io)?;
    let len = u32::from_be_bytes(len);
    if len > LARGEST_MANIFEST {
        return Err(Error::corrupted(
            "backup: the manifest is larger than any backup writes",
        ));
    }
    let mut encoded = vec![0u8; len as usize];
    body.read_exact(&mut encoded).map_err(from_io)?;
    let manifest = Manifest::decode(&encoded)?;
    if manifest.schema_version > LATEST_VERSION {
        return Err(Error::NewerSchema {
            found: manifest.schema_version,
            supported: LATEST_VERSION,
        });
    }
    let total = manifest.database_bytes;
    let mut done = 0u64;
    let mut first_bytes = Vec::with_capacity(100);
    let mut buffer = vec![0u8; COPY_BUFFER];
    report(listener, done, total)?;
    loop {
        let n = body.read(&mut buffer).map_err(from_io)?;
        if n == 0 {
            break;
        }
        if first_bytes.len() < 100 {
            let take = (100 - first_bytes.len()).min(n);
            first_bytes.extend_from_slice(&buffer[..take]);
        }
        done += n as u64;
        if done > total {
            return Err(Error::corrupted(
                "backup: more data than the manifest announces",
            ));
        }
        sink.write_all(&buffer[..n])?;
        report(listener, done, total)?;
    }
    if done != total {
        return Err(Error::corrupted(
            "backup: less data than the manifest announces",
        ));
    }
    check_header_bytes(&first_bytes)
        .map_err(|_| Error::corrupted("backup: the database inside is not an Innermost vault"))?;
    let user_version = first_bytes
        .get(60..64)
        .map(|b| i64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]])))
        .unwrap_or(0);
    if user_version != manifest.schema_version {
        return Err(Error::corrupted(
            "backup: the database's schema version differs from the manifest's",
        ));
    }
    sink.flush()?;
    Ok(manifest)
}

/// The body's plaintext as one stream over the chunks.
struct Body<'k, R: Read> {
    chunks: ChunkReader<'k, R>,
    current: Zeroizing<Vec<u8>>,
    at: usize,
}

impl<R: Read> Read for Body<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.current.len() {
            match self.chunks.next_chunk().map_err(std::io::Error::other)? {
                Some(chunk) => {
                    self.current = chunk;
                    self.at = 0;
                }
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.current.len() - self.at);
        buf[..n].copy_from_slice(&self.current[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Recovers the core's error from an I/O error raised inside [`Body`]; an early end of
/// the body is damage.
fn from_io(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::UnexpectedEof {
        return Error::corrupted("backup: the body ends early");
    }
    if e.get_ref().is_some_and(|inner| inner.is::<Error>()) {
        if let Some(Ok(inner)) = e.into_inner().map(|inner| inner.downcast::<Error>()) {
            return *inner;
        }
        return Error::Internal("an I/O error lost its cause");
    }
    Error::Io(e)
}

/// Streams the vault snapshot at `snapshot` (described by `manifest`) through the chunk
/// writer into the new file `destination`, published only once complete and synced;
/// returns its size. It lives here, not with the vault, so the generic chunk writer and
/// its AES-GCM work are compiled in the crate built for speed (docs/decisions.md §47).
pub fn encrypt_file(
    key: &BackupKey,
    manifest: &Manifest,
    snapshot: &Path,
    destination: &Path,
    listener: &dyn ProgressListener,
) -> Result<u64> {
    let partial = crate::store::files::staging_path(destination, "partial");
    let written = (|| {
        let file = File::options()
            .write(true)
            .create_new(true)
            .open(&partial)?;
        let mut writer = super::chunks::ChunkWriter::new(key, BufWriter::new(file))?;
        write_payload(&mut writer, manifest, &mut File::open(snapshot)?, listener)?;
        let (out, bytes) = writer.finish()?;
        out.into_inner()
            .map_err(|e| Error::Io(e.into_error()))?
            .sync_all()?;
        crate::store::files::publish_new(&partial, destination)?;
        Ok(bytes)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    written
}
