//! Entry points for the fuzz targets in `fuzz/` and for the stable fuzz smoke test in
//! `core/tests/fuzz_smoke.rs`: each feeds arbitrary bytes to one decoder of outside input
//! and must return (with any error) without panicking. Compiled only with the
//! `test-support` feature; never part of an app.
//!
//! The backup targets start from the header of the committed test vector (made with the
//! test-only KDF), so each input costs microseconds of key derivation and the fuzzer
//! spends its time in the chunk reader, the manifest and the database checks.

use std::io::Write;
use std::sync::OnceLock;

use crate::backup::{BackupSecret, ChunkWriter, HEADER_LEN, Header, verify_backup_stream};
use crate::crypto::{
    DataKey, Passphrase, RecoveryCode, SealedAt, WrappingKey, derive_wrapping_key, open,
};
use crate::listener::NoProgress;

const VECTOR: &[u8] = include_bytes!("../tests/vectors/backup-v1.innermost-backup");
const VECTOR_SECRET: &str = "innermost backup test vector";

fn vector_secret() -> Option<BackupSecret> {
    Passphrase::new(VECTOR_SECRET.to_owned(), "passphrase")
        .ok()
        .map(BackupSecret::Passphrase)
}

/// The body of a backup, after a valid header.
pub fn backup_body(data: &[u8]) {
    let Some(secret) = vector_secret() else {
        return;
    };
    let mut file = VECTOR[..HEADER_LEN].to_vec();
    file.extend_from_slice(data);
    let _ = verify_backup_stream(file.as_slice(), &secret, &NoProgress);
}

/// The plaintext inside a backup (manifest and database), sealed into valid chunks under
/// the vector's key so that everything after authentication is what gets fuzzed.
pub fn backup_payload(data: &[u8]) {
    let Some(secret) = vector_secret() else {
        return;
    };
    let Some(key) = vector_key() else { return };
    let Ok(header) = Header::decode(&VECTOR[..HEADER_LEN]) else {
        return;
    };
    let Ok(backup_key) = header.open_with_key(key) else {
        return;
    };
    let Ok(mut writer) = ChunkWriter::new(&backup_key, Vec::new()) else {
        return;
    };
    if writer.write_all(data).is_err() {
        return;
    }
    if let Ok((file, _)) = writer.finish() {
        let _ = verify_backup_stream(file.as_slice(), &secret, &NoProgress);
    }
}

/// The vector's backup key, derived once.
fn vector_key() -> Option<&'static WrappingKey> {
    static KEY: OnceLock<Option<WrappingKey>> = OnceLock::new();
    KEY.get_or_init(|| {
        let header = Header::decode(&VECTOR[..HEADER_LEN]).ok()?;
        let secret = vector_secret()?;
        derive_wrapping_key(&secret, &header.salt, &header.kdf).ok()
    })
    .as_ref()
}

/// A whole backup file, header included; the header's KDF fields are pinned to the
/// test-only cost so one input cannot ask for a gigabyte of Argon2id.
pub fn backup_file(data: &[u8]) {
    let Some(secret) = vector_secret() else {
        return;
    };
    let mut file = data.to_vec();
    if file.len() >= 24 {
        file[12..24].copy_from_slice(&VECTOR[12..24]);
    }
    let _ = verify_backup_stream(file.as_slice(), &secret, &NoProgress);
}

/// A sealed value as stored in a column.
pub fn sealed_value(data: &[u8]) {
    let Ok(key) = DataKey::from_slice(&[7u8; 32]) else {
        return;
    };
    let at = SealedAt {
        table: "entries",
        column: "body",
        row: "0190b7a2-0000-7000-8000-000000000000",
    };
    let _ = open(&key, &at, data);
}

/// A recovery code as typed.
pub fn recovery_code(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = RecoveryCode::parse(text, "recovery_code");
    }
}

/// A recurrence rule as a person or an import might type it: parsed; when accepted, its
/// canonical text must parse back to the same rule, and its first dates must come in
/// order from a fixed start (the expansion must end on rules that never occur).
pub fn cadence(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(rule) = crate::rituals::Cadence::parse(text) else {
        return;
    };
    let canonical = rule.to_string();
    let again = crate::rituals::Cadence::parse(&canonical);
    assert!(
        again.as_ref().ok() == Some(&rule),
        "canonical text {canonical:?} does not parse back to the same rule"
    );
    let start = jiff::civil::date(2026, 1, 31);
    let mut previous = None;
    for date in rule.dates(start, start).take(50) {
        assert!(date >= start && previous < Some(date), "dates out of order");
        previous = Some(date);
    }
}

/// An open-export file.
pub fn export_document(data: &[u8]) {
    let _ = crate::export::parse_export(data);
}
