//! Putting whole files in place: a finished file appears under its name in one rename,
//! never overwriting anything, and the rename itself is made durable.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use crate::error::{Error, Result};

/// A unique name beside `path` for a file under construction, e.g.
/// `journal.innermost.restoring-<uuid>`.
pub fn staging_path(path: &Path, purpose: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".{purpose}-{}", Uuid::now_v7().simple()));
    path.with_file_name(name)
}

/// Moves the finished file `staging` to `path`, refusing to overwrite, and syncs the
/// directory so the rename survives power loss.
pub fn publish_new(staging: &Path, path: &Path) -> Result<()> {
    if path.exists() {
        return Err(Error::AlreadyExists {
            path: path.to_owned(),
        });
    }
    std::fs::rename(staging, path)?;
    sync_parent(path)
}

/// Makes a rename or removal in `path`'s directory durable.
pub fn sync_parent(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Removes a database file and SQLite's files beside it, ignoring ones that are absent.
pub fn remove_with_sidecars(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(sidecar(path, suffix));
    }
}

/// `path` with SQLite's suffix for a side file, e.g. `-wal`.
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_os_string();
    p.push(suffix);
    PathBuf::from(p)
}
