//! Writing a file so that a reader sees the old contents or the new, never half of them: a temporary file
//! beside it (with the mode asked for), synced, then renamed over it. The secrets sink and `o11y init` write
//! through it.

use std::io::Write as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::{Path, PathBuf};

/// Replace (or create) `path` with `contents`; a new file gets `mode` (before the umask). On an error the
/// temporary file is removed and `path` is as it was.
pub fn write(path: &Path, contents: &[u8], mode: u32) -> std::io::Result<()> {
    let tmp = temporary(path);
    let written = (|| {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(mode)
            .open(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// `.NAME.o11y-PID` beside `path`: in the same folder (so the rename stays on one file system), hidden.
fn temporary(path: &Path) -> PathBuf {
    path.with_file_name(format!(
        ".{}.o11y-{}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        std::process::id()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt as _;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("o11y.toml");
        write(&p, b"one\n", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "one\n");
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        write(&p, b"two\n", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["o11y.toml"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-folder").join("o11y.toml");
        assert!(write(&p, b"x", 0o644).is_err());
        assert!(!p.exists());
    }
}
