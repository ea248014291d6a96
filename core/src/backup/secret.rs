//! [`BackupSecret`]: what a backup's key is derived from.

use crate::crypto::{KdfSecret, Passphrase, RecoveryCode};

/// The secret a backup opens with: a passphrase chosen for backups, or the vault's
/// recovery code. The header records which one, so an app knows what to ask for.
#[derive(Debug, Clone)]
pub enum BackupSecret {
    /// A passphrase (it may be the vault's own passphrase or another one).
    Passphrase(Passphrase),
    /// A recovery code.
    RecoveryCode(RecoveryCode),
}

/// The header's byte for a backup keyed by a passphrase.
pub(crate) const KIND_PASSPHRASE: u8 = 1;
/// The header's byte for a backup keyed by a recovery code.
pub(crate) const KIND_RECOVERY_CODE: u8 = 2;

impl BackupSecret {
    /// The header's byte for this kind of secret.
    pub fn kind_byte(&self) -> u8 {
        match self {
            BackupSecret::Passphrase(_) => KIND_PASSPHRASE,
            BackupSecret::RecoveryCode(_) => KIND_RECOVERY_CODE,
        }
    }
}

impl KdfSecret for BackupSecret {
    fn kdf_input(&self) -> &[u8] {
        match self {
            BackupSecret::Passphrase(p) => p.kdf_input(),
            BackupSecret::RecoveryCode(c) => c.kdf_input(),
        }
    }
}
