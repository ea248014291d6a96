//! Reading backups back: verify only, restore into a new file, and the staging step that
//! replacing the current vault (in `vault::backups`) shares.
//!
//! Order of work, so that a bad backup never touches anything that matters:
//!
//! 1. parse the header (not a backup, newer format → refused) and derive the key
//!    (wrong secret → `WrongPassphrase`, from the key check, before any chunk);
//! 2. read the whole body once, writing nothing: every chunk authenticated, the
//!    manifest and the database inside checked;
//! 3. only then decrypt again into a staging file beside the destination, open it as a
//!    vault (an older schema is upgraded here), run `integrity_check`, and close it;
//! 4. rename the staging file into place. Any failure removes the staging file.

use std::fs::File;
use std::io::{BufWriter, Read};
use std::path::{Path, PathBuf};

use super::chunks::ChunkReader;
use super::header::{BackupKey, HEADER_LEN, Header};
use super::payload::{BackupSummary, Manifest, read_payload};
use super::secret::BackupSecret;
use crate::error::{Error, Result};
use crate::listener::ProgressListener;
use crate::store::{self, files};

/// Checks a backup from end to end without writing anything: the secret, every chunk,
/// the manifest and the database inside. Progress counts database bytes.
pub fn verify_backup(
    backup: &Path,
    secret: &BackupSecret,
    listener: &dyn ProgressListener,
) -> Result<BackupSummary> {
    let key = open_backup(backup, secret)?;
    let manifest = read_body(backup, &key, &mut std::io::sink(), listener)?;
    Ok(BackupSummary::from_manifest(&manifest, file_len(backup)?))
}

/// [`verify_backup`] over any reader (a file being downloaded, bytes in memory): the same
/// checks, nothing written. Used by the fuzz targets too.
pub fn verify_backup_stream(
    mut input: impl Read,
    secret: &BackupSecret,
    listener: &dyn ProgressListener,
) -> Result<BackupSummary> {
    let key = read_key(&mut input, secret)?;
    let mut counted = CountingReader {
        inner: input,
        read: HEADER_LEN as u64,
    };
    let manifest = read_payload(
        ChunkReader::new(&key, &mut counted),
        &mut std::io::sink(),
        listener,
    )?;
    Ok(BackupSummary::from_manifest(&manifest, counted.read))
}

/// Counts the bytes read through it.
struct CountingReader<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Restores a backup into a new vault file at `destination` (which must not exist). The
/// restored vault is the one that was backed up: it opens with the passphrase or recovery
/// code it had then. Progress counts database bytes over both passes (verify, write).
pub fn restore_backup(
    backup: &Path,
    secret: &BackupSecret,
    destination: &Path,
    listener: &dyn ProgressListener,
) -> Result<BackupSummary> {
    if destination.exists() {
        return Err(Error::AlreadyExists {
            path: destination.to_owned(),
        });
    }
    let key = open_backup(backup, secret)?;
    let (staging, manifest) = decrypt_to_staging(backup, &key, destination, listener)?;
    publish_new_file(&staging, destination)?;
    Ok(BackupSummary::from_manifest(&manifest, file_len(backup)?))
}

/// Reads the header of `backup` and derives its key from `secret`.
pub fn open_backup(backup: &Path, secret: &BackupSecret) -> Result<BackupKey> {
    read_key(&mut open_file(backup)?, secret)
}

/// Reads a header from `input` and derives its key from `secret`.
fn read_key(input: &mut impl Read, secret: &BackupSecret) -> Result<BackupKey> {
    let mut bytes = Vec::with_capacity(HEADER_LEN);
    input.take(HEADER_LEN as u64).read_to_end(&mut bytes)?;
    Header::decode(&bytes)?.open(secret)
}

/// Steps 2 and 3 of the module docs: verifies the whole body, then writes the database
/// to a staging file beside `destination` and checks it opens as a sound vault. Returns
/// the staging path (the caller renames it) and the manifest.
pub fn decrypt_to_staging(
    backup: &Path,
    key: &BackupKey,
    destination: &Path,
    listener: &dyn ProgressListener,
) -> Result<(PathBuf, Manifest)> {
    let first = Offset {
        inner: listener,
        pass: 0,
    };
    read_body(backup, key, &mut std::io::sink(), &first)?;
    let staging = files::staging_path(destination, "restoring");
    let written = write_and_check(backup, key, &staging, listener);
    if written.is_err() {
        files::remove_with_sidecars(&staging);
    }
    Ok((staging, written?))
}

/// Renames a checked staging file to `destination`, removing it on failure.
fn publish_new_file(staging: &Path, destination: &Path) -> Result<()> {
    let published = files::publish_new(staging, destination);
    if published.is_err() {
        files::remove_with_sidecars(staging);
    }
    published
}

fn write_and_check(
    backup: &Path,
    key: &BackupKey,
    staging: &Path,
    listener: &dyn ProgressListener,
) -> Result<Manifest> {
    let second = Offset {
        inner: listener,
        pass: 1,
    };
    let file = File::options().write(true).create_new(true).open(staging)?;
    let mut out = BufWriter::new(file);
    let manifest = read_body(backup, key, &mut out, &second)?;
    let file = out.into_inner().map_err(|e| Error::Io(e.into_error()))?;
    file.sync_all()?;
    drop(file);
    check_restored_vault(staging, &manifest)?;
    Ok(manifest)
}

/// Opens the restored file as a vault and checks it end to end.
fn check_restored_vault(path: &Path, manifest: &Manifest) -> Result<()> {
    let conn = store::open_existing(path)?;
    let verdict: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(Error::corrupted(
            "backup: the database inside fails its integrity check",
        ));
    }
    let vault_id: String = conn
        .query_row("SELECT vault_id FROM vault WHERE id = 1", [], |r| r.get(0))
        .map_err(|_| Error::corrupted("backup: the database inside has no vault identity"))?;
    let passphrase_slots: i64 = conn.query_row(
        "SELECT count(*) FROM key_slots WHERE kind = 'passphrase'",
        [],
        |r| r.get(0),
    )?;
    if vault_id != manifest.vault_id || passphrase_slots == 0 {
        return Err(Error::corrupted(
            "backup: the database inside does not match its manifest",
        ));
    }
    store::close(conn)
}

fn read_body(
    backup: &Path,
    key: &BackupKey,
    sink: &mut impl std::io::Write,
    listener: &dyn ProgressListener,
) -> Result<Manifest> {
    let mut file = open_file(backup)?;
    let mut skipped = [0u8; HEADER_LEN];
    file.read_exact(&mut skipped)?;
    if skipped != key.header_bytes {
        return Err(Error::corrupted(
            "backup: the header changed while it was read",
        ));
    }
    read_payload(ChunkReader::new(key, file), sink, listener)
}

fn open_file(path: &Path) -> Result<File> {
    match File::open(path) {
        Ok(f) => Ok(f),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NotFound {
            what: "backup file",
        }),
        Err(e) => Err(Error::Io(e)),
    }
}

fn file_len(path: &Path) -> Result<u64> {
    Ok(std::fs::metadata(path)?.len())
}

/// Reports one of two passes over the same bytes as halves of one progress bar.
struct Offset<'l> {
    inner: &'l dyn ProgressListener,
    pass: u64,
}

impl ProgressListener for Offset<'_> {
    fn on_progress(&self, done: u64, total: u64) -> bool {
        self.inner.on_progress(self.pass * total + done, 2 * total)
    }
}
