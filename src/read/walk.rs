//! Walking an input folder, for `summarize` and `run` alike: the article files under it,
//! sorted, hidden entries left out. What is inside it but cannot be read (a FIFO, a device, an
//! unreadable folder, a symlink loop) is reported and skipped; only the folder itself
//! unreadable is an error.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// File extensions picked up when walking a folder (a file named on its own is read whatever
/// its extension).
const ARTICLE_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "xml", "rss", "atom", "jsonl",
    "ndjson", "json",
];

/// What a walk found.
#[derive(Debug, Default)]
pub struct Walk {
    pub files: Vec<PathBuf>,
    /// Entries passed over, each with why (without the path again).
    pub skipped: Vec<(PathBuf, String)>,
}

/// The article files under `dir`. Folders for which `leave_out` is true are not entered (`run`
/// leaves out its own output and state folders).
pub fn article_files(dir: &Path, leave_out: &dyn Fn(&Path) -> bool) -> Result<Walk> {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_string_lossy().starts_with('.')
                    || e.file_type().is_dir() && leave_out(e.path()))
        });
    let mut walk = Walk::default();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            // A symlink loop's files are read once, by their own path.
            Err(e) if e.depth() > 0 || e.loop_ancestor().is_some() => {
                let at = e.path().unwrap_or(dir).to_path_buf();
                walk.skipped.push((at, walk_error_reason(&e)));
                continue;
            }
            // walkdir's own wording names the path again ("IO error for operation on …").
            Err(e) => return Err(Error::input(dir, walk_error_reason(&e))),
        };
        let kind = entry.file_type();
        if kind.is_dir() || !is_article_file(entry.path()) {
            continue;
        }
        if kind.is_file() {
            walk.files.push(entry.into_path());
        } else {
            // A FIFO would block the walk, a device never end: only named ones are read.
            let why = "not a regular file (a FIFO, socket or device)".to_string();
            walk.skipped.push((entry.into_path(), why));
        }
    }
    Ok(walk)
}

/// Whether a file inside a folder is one to read, by its extension.
fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Why a folder walk could not enter `e`'s path, without the path again (walkdir's own
/// message repeats it: "IO error for operation on a/b: Permission denied").
pub fn walk_error_reason(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("a symlink loop back to {}", ancestor.display());
    }
    e.io_error()
        .map_or_else(|| e.to_string(), crate::error::io_reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_entries_other_extensions_and_left_out_folders_are_not_listed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        for f in [
            "b.txt",
            "a.md",
            "c.jpg",
            ".hidden.txt",
            "out/x.txt",
            "sub/d.HTML",
        ] {
            let path = p.join(f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let out = p.join("out");
        let walk = article_files(p, &|d| d == out).unwrap();
        let names: Vec<_> = walk
            .files
            .iter()
            .map(|f| f.strip_prefix(p).unwrap())
            .collect();
        assert_eq!(
            names,
            [
                Path::new("a.md"),
                Path::new("b.txt"),
                Path::new("sub/d.HTML")
            ]
        );
        assert!(walk.skipped.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_loop_is_skipped_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let walk = article_files(dir.path(), &|_| false).unwrap();
        assert_eq!(walk.files.len(), 1);
        assert_eq!(walk.skipped.len(), 1);
        assert!(walk.skipped[0].1.starts_with("a symlink loop back to "));
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(article_files(&dir.path().join("gone"), &|_| false).is_err());
    }

    /// Regression (probe 16: a folder named on the command line that could not be walked said
    /// "fs/perm/sub: IO error for operation on fs/perm/sub: Permission denied (os error 13)",
    /// walkdir's wording with the path twice). A missing folder takes the same way, and can be
    /// made as root too.
    #[test]
    fn an_unwalkable_folder_named_its_path_twice_in_walkdirs_words() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone");
        let e = article_files(&gone, &|_| false).unwrap_err().to_string();
        assert_eq!(e, format!("{}: no such file or directory", gone.display()));
    }

    /// The same for an unreadable folder (mode 000); root reads it anyway, so the test can only
    /// check as another user.
    #[cfg(unix)]
    #[test]
    fn an_unreadable_folder_named_its_path_twice_in_walkdirs_words() {
        use std::os::unix::fs::PermissionsExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if unsafe { libc::geteuid() } == 0 {
            eprintln!("skipped: root reads a folder of mode 000");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o000)).unwrap();
        let e = article_files(&sub, &|_| false).map(|_| ()).unwrap_err();
        std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            e.to_string(),
            format!("{}: permission denied", sub.display())
        );
    }
}
