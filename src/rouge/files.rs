//! Reading summaries from disk in the layout `newsdigest eval` takes:
//! `REFS_DIR/<cluster>/*.txt` (reference summaries) and `SYSTEM_DIR/<cluster>.txt` (one system).
//! Texts stay bytes: the scorer, like the Perl script, treats non-ASCII bytes as separators.

use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// Summaries of one cluster or system, keyed by file or directory name.
pub type Texts = BTreeMap<String, Vec<u8>>;

fn entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let read = fs::read_dir(dir).map_err(|e| Error::input(dir, e))?;
    let mut paths = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| Error::input(dir, e))?;
        let name = entry.file_name();
        // Hidden files (editor backups, .DS_Store) are not summaries.
        if !name.to_string_lossy().starts_with('.') {
            paths.push(entry.path());
        }
    }
    paths.sort();
    Ok(paths)
}

fn name_of(path: &Path, strip_txt: bool) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    match name.strip_suffix(".txt") {
        Some(stem) if strip_txt => stem.to_string(),
        _ => name.into_owned(),
    }
}

fn is_txt(path: &Path) -> bool {
    path.is_file() && path.extension().is_some_and(|e| e == "txt")
}

/// Read one summary file.
pub fn read_summary(path: &Path) -> Result<Vec<u8>> {
    crate::read::read_capped(
        path,
        crate::read::MAX_INPUT_BYTES,
        crate::read::Special::Read,
    )
    .map_err(|e| Error::input(path, e))
}

/// `SYSTEM_DIR/<cluster>.txt` -> cluster -> text.
pub fn read_system_dir(dir: &Path) -> Result<Texts> {
    if !dir.is_dir() {
        return Err(Error::input(
            dir,
            "not a directory of <cluster>.txt summaries",
        ));
    }
    let mut out = Texts::new();
    for path in entries(dir)?.into_iter().filter(|p| is_txt(p)) {
        out.insert(name_of(&path, true), read_summary(&path)?);
    }
    Ok(out)
}

/// `REFS_DIR/<cluster>/*.txt` -> cluster -> reference texts in file-name order (the order
/// `-f B` breaks ties in). A cluster directory without `.txt` files maps to no references.
pub fn read_refs_dir(dir: &Path) -> Result<BTreeMap<String, Vec<Vec<u8>>>> {
    if !dir.is_dir() {
        return Err(Error::input(
            dir,
            "not a directory of <cluster>/*.txt references",
        ));
    }
    let mut out = BTreeMap::new();
    for cluster in entries(dir)?.into_iter().filter(|p| p.is_dir()) {
        let texts = entries(&cluster)?
            .into_iter()
            .filter(|p| is_txt(p))
            .map(|p| read_summary(&p))
            .collect::<Result<Vec<_>>>()?;
        out.insert(name_of(&cluster, false), texts);
    }
    Ok(out)
}

/// The system name of a directory or file: its file name without `.txt`.
pub fn system_name(path: &Path) -> String {
    let trimmed = path.components().next_back().map(|c| c.as_os_str());
    match trimmed {
        Some(name) => name_of(Path::new(name), true),
        None => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_read_and_noise_ignored() {
        let tmp = tempfile::tempdir().unwrap();
        let refs = tmp.path().join("refs");
        fs::create_dir_all(refs.join("c1")).unwrap();
        fs::create_dir_all(refs.join("c2")).unwrap();
        fs::write(refs.join("c1/B.txt"), "second").unwrap();
        fs::write(refs.join("c1/A.txt"), "first").unwrap();
        fs::write(refs.join("c1/.A.txt.swp"), "editor").unwrap();
        fs::write(refs.join("c1/notes.md"), "not a summary").unwrap();
        fs::write(refs.join("README"), "top-level file").unwrap();
        let read = read_refs_dir(&refs).unwrap();
        assert_eq!(read.keys().collect::<Vec<_>>(), ["c1", "c2"]);
        assert_eq!(read["c1"], vec![b"first".to_vec(), b"second".to_vec()]);
        assert!(read["c2"].is_empty());

        let sys = tmp.path().join("mine");
        fs::create_dir_all(&sys).unwrap();
        fs::write(sys.join("c1.txt"), "summary").unwrap();
        fs::write(sys.join("c1.json"), "{}").unwrap();
        let read = read_system_dir(&sys).unwrap();
        assert_eq!(read.keys().collect::<Vec<_>>(), ["c1"]);
        assert_eq!(system_name(Path::new("runs/mine/")), "mine");
        assert_eq!(system_name(Path::new("out/lead.txt")), "lead");
    }

    #[test]
    fn missing_directories_are_input_errors() {
        let err = read_refs_dir(Path::new("/nonexistent/refs")).unwrap_err();
        assert!(matches!(err, Error::Input(_)));
        let err = read_system_dir(Path::new("/nonexistent/sys")).unwrap_err();
        assert!(matches!(err, Error::Input(_)));
        let err = read_summary(Path::new("/nonexistent/a.txt")).unwrap_err();
        assert!(matches!(err, Error::Input(_)));
    }
}
