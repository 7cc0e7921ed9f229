//! Where an output may go: never onto an article it summarises, and into a folder that is one.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Refuse (usage error, exit 2) an output that is one of the inputs, or one of the articles
/// an input folder holds: the digest would replace an article. Files are compared by identity
/// ([`FileId`]), so a symlink or hard link to an article counts.
pub fn refuse_input_as_output(output: Option<&Path>, inputs: &[PathBuf]) -> Result<()> {
    let Some(out) = output.filter(|o| o.as_os_str() != "-") else {
        return Ok(());
    };
    // A new file is no input; a device or FIFO is written through, never replaced.
    if !out.is_file() {
        return Ok(());
    }
    let Some(id) = FileId::of(out) else {
        return Ok(());
    };
    for input in inputs.iter().filter(|i| i.as_os_str() != "-") {
        let is_it = |f: &Path| FileId::of(f).as_ref() == Some(&id);
        let hit = if input.is_dir() {
            // What reading the folder would read; one that cannot be walked is reported there.
            crate::read::walk::article_files(input, &|_| false)
                .is_ok_and(|walk| walk.files.iter().any(|f| is_it(f)))
        } else {
            is_it(input)
        };
        if hit {
            return Err(Error::Usage(format!(
                "--output {}: is one of the inputs ({}); refusing to replace an article",
                out.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

/// What makes two paths one existing file: device and inode on Unix (symlinks and hard links
/// count), the canonical path elsewhere.
#[derive(Debug, PartialEq, Eq)]
pub struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    pub fn of(path: &Path) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let meta = std::fs::metadata(path).ok()?;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().ok().map(FileId)
        }
    }

    /// Do `a` and `b` both exist and name one file?
    pub fn same(a: &Path, b: &Path) -> bool {
        matches!((FileId::of(a), FileId::of(b)), (Some(x), Some(y)) if x == y)
    }
}

/// Create `dir` and its parents (`mkdir -p`); a file in its place is named as the reason.
pub fn create_folder(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| folder_in_the_way(dir).unwrap_or_else(|| Error::write_io(dir, e)))
}

/// The error for a folder to write in that exists as something else (a file, a device).
pub fn folder_in_the_way(dir: &Path) -> Option<Error> {
    let meta = std::fs::metadata(dir).ok()?;
    (!meta.is_dir()).then(|| Error::output(dir, "it exists and is not a folder"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_that_is_an_input_or_inside_an_input_dir_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let article = dir.path().join("in/a.txt");
        std::fs::create_dir(dir.path().join("in")).unwrap();
        std::fs::write(&article, "text").unwrap();
        let inputs = [article.clone()];
        let e = refuse_input_as_output(Some(&article), &inputs).unwrap_err();
        assert!(matches!(e, Error::Usage(_)));
        let via = dir.path().join("in/../in/a.txt");
        assert!(refuse_input_as_output(Some(&via), &[dir.path().join("in")]).is_err());
        let other = dir.path().join("digest.txt");
        std::fs::write(&other, "old digest").unwrap();
        assert!(refuse_input_as_output(Some(&other), &inputs).is_ok());
        assert!(refuse_input_as_output(Some(Path::new("-")), &inputs).is_ok());
    }

    /// Regression (a hard link to an article, as `-o`, was not seen as that article: paths were
    /// compared canonicalised, and a hard link has its own).
    #[cfg(unix)]
    #[test]
    fn output_hard_linked_to_an_article_was_not_seen_as_an_input() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("in")).unwrap();
        let article = dir.path().join("in/a.txt");
        std::fs::write(&article, "text").unwrap();
        let link = dir.path().join("digest.txt");
        std::fs::hard_link(&article, &link).unwrap();
        assert!(refuse_input_as_output(Some(&link), &[article]).is_err());
        assert!(refuse_input_as_output(Some(&link), &[dir.path().join("in")]).is_err());
    }
}
