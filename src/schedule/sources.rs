//! Source selection: the article files that the configured directories and globs hold now,
//! each article with its content key and its time (published date, else file mtime).

use super::config::Source;
use super::hash::article_key;
use crate::error::{Error, Result};
use crate::read::{parse_with_warnings, Article, ReadOptions, MAX_INPUT_BYTES};
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One article found in the sources.
#[derive(Debug, Clone)]
pub struct Found {
    pub article: Article,
    pub key: String,
    pub file: PathBuf,
    /// Published time if the article has one, else the file's modification time.
    pub time: DateTime<Utc>,
}

/// What the sources hold.
#[derive(Debug, Default)]
pub struct Scan {
    /// Distinct articles (by content key), oldest first.
    pub found: Vec<Found>,
    /// Files that could not be read, with the reason: skipped, and tried again next run.
    pub skipped: Vec<(PathBuf, String)>,
    /// What the readers skipped inside files (e.g. a bad JSONL line), for the log.
    pub warnings: Vec<String>,
    /// Files listed (before reading).
    pub files: usize,
}

/// The files the sources name, sorted, without duplicates, and warnings about what was skipped
/// inside source directories (an unreadable subdirectory, a symlink loop). A missing source
/// path is an input error (a source directory that vanished usually means a failed mount, not
/// "no news"). Files inside `exclude` (our output and state directories) are never listed:
/// digests read back as articles would be digested again.
pub fn list_files(sources: &[Source], exclude: &[&Path]) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let exclude = Exclude::new(exclude);
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    for source in sources {
        match source {
            Source::Path(p) => add_path(p, true, &exclude, &mut files, &mut warnings)?,
            Source::Glob(g) => {
                let paths =
                    glob::glob(g).map_err(|e| Error::Config(format!("bad glob `{g}`: {e}")))?;
                for entry in paths {
                    match entry {
                        Ok(p) => add_path(&p, false, &exclude, &mut files, &mut warnings)?,
                        // An unreadable directory the pattern passes through: the rest is fine.
                        Err(e) => warnings.push(format!(
                            "source {g}: skipped {}: {}",
                            e.path().display(),
                            e.error()
                        )),
                    }
                }
            }
        }
    }
    let mut seen = HashSet::new();
    files.retain(|f| seen.insert(f.clone()) && !exclude.covers(f));
    Ok((files, warnings))
}

/// Directories whose files are never sources, compared canonically.
struct Exclude(Vec<PathBuf>);

impl Exclude {
    fn new(dirs: &[&Path]) -> Self {
        Exclude(dirs.iter().filter_map(|d| d.canonicalize().ok()).collect())
    }

    fn covers(&self, path: &Path) -> bool {
        self.covering(path).is_some()
    }

    /// The excluded directory that holds `path` (or is it).
    fn covering(&self, path: &Path) -> Option<&Path> {
        if self.0.is_empty() {
            return None;
        }
        let c = path.canonicalize().ok()?;
        self.0
            .iter()
            .find(|d| c.starts_with(d))
            .map(PathBuf::as_path)
    }
}

fn add_path(
    p: &Path,
    must_exist: bool,
    exclude: &Exclude,
    files: &mut Vec<PathBuf>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) if !must_exist && e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::input(p, format!("source: {e}"))),
    };
    // A named source inside our own folders would be skipped whole, every run, in silence.
    if let (true, Some(ours)) = (must_exist, exclude.covering(p)) {
        return Err(Error::Config(format!(
            "source {} is inside {}, the output or state folder, whose files are never read \
             as articles: give an output.dir and state_dir outside the sources",
            p.display(),
            ours.display()
        )));
    }
    if meta.is_file() {
        files.push(p.to_path_buf());
        return Ok(());
    }
    if !meta.is_dir() {
        // A FIFO would block an unattended run, a device never end: said, not read.
        warnings.push(format!(
            "source {}: not a regular file or directory (a FIFO, socket or device); skipped",
            p.display()
        ));
        return Ok(());
    }
    let walk = crate::read::walk::article_files(p, &|d| exclude.covers(d))?;
    files.extend(walk.files);
    for (at, why) in walk.skipped {
        let at = at.display();
        warnings.push(format!("source {}: skipped {at}: {why}", p.display()));
    }
    Ok(())
}

/// Read every listed file; an unreadable file is skipped (and reported), not fatal, so that
/// one bad download does not stop every digest after it.
/// `now` stands for a file's time when its modification time cannot be read.
pub fn scan(
    sources: &[Source],
    opts: &ReadOptions,
    exclude: &[&Path],
    now: DateTime<Utc>,
) -> Result<Scan> {
    let (files, warnings) = list_files(sources, exclude)?;
    let mut scan = Scan {
        files: files.len(),
        warnings,
        ..Scan::default()
    };
    let mut keys = HashSet::new();
    for file in files {
        let articles = match read_one(&file, opts) {
            Ok((a, warnings)) => {
                scan.warnings
                    .extend(warnings.iter().map(ToString::to_string));
                a
            }
            Err(e) => {
                // The reason alone: the log line names the file.
                let why = e.to_string();
                let prefix = format!("{}: ", file.display());
                let why = why
                    .strip_prefix(&prefix)
                    .map_or(why.clone(), str::to_string);
                scan.skipped.push((file, why));
                continue;
            }
        };
        let mtime = std::fs::metadata(&file)
            .and_then(|m| m.modified())
            .map(DateTime::<Utc>::from)
            .unwrap_or(now);
        for article in articles {
            if article.text.trim().is_empty() {
                continue;
            }
            let key = article_key(&article);
            if !keys.insert(key.clone()) {
                continue;
            }
            let time = article
                .published
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or(mtime);
            scan.found.push(Found {
                article,
                key,
                file: file.clone(),
                time,
            });
        }
    }
    scan.found.sort_by(|a, b| {
        a.time
            .cmp(&b.time)
            .then_with(|| a.article.id.cmp(&b.article.id))
    });
    Ok(scan)
}

/// What identifies a version of a file cheaply: its size and modification time.
pub fn fingerprint(path: &Path) -> String {
    std::fs::metadata(path).map_or_else(
        |_| String::new(),
        |m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{mtime}", m.len())
        },
    )
}

/// `read::read_file`, but with the readers' warnings returned for the run's log (rather than
/// printed, which would break `--log-format json`).
fn read_one(path: &Path, opts: &ReadOptions) -> Result<(Vec<Article>, Vec<crate::read::Warning>)> {
    // Capped whatever the file is; a scheduled run must never block on a FIFO.
    let bytes = crate::read::read_capped(path, MAX_INPUT_BYTES, crate::read::Special::Refuse)
        .map_err(|e| Error::read_io(path, e))?;
    parse_with_warnings(&bytes, &path.display().to_string(), path, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_globs_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("in/sub")).unwrap();
        std::fs::create_dir_all(d.join("in/.hidden")).unwrap();
        std::fs::write(d.join("in/a.txt"), "Alpha happened today in the city.\n").unwrap();
        std::fs::write(d.join("in/sub/b.md"), "# B\n\nBeta happened too.\n").unwrap();
        std::fs::write(d.join("in/copy.txt"), "Alpha  happened today in the city.").unwrap();
        std::fs::write(d.join("in/.hidden/c.txt"), "Hidden.").unwrap();
        std::fs::write(d.join("in/notes.bin"), "not an article").unwrap();
        std::fs::write(d.join("in/bad.txt"), b"PK\x03\x04 binary\x00\x01\x02").unwrap();
        std::fs::write(d.join("x.data"), "Globbed article text here.").unwrap();
        let sources = vec![
            Source::Path(d.join("in")),
            Source::Glob(format!("{}/*.data", d.display())),
            Source::Glob(format!("{}/nothing-*.txt", d.display())),
        ];
        let scan = scan(&sources, &ReadOptions::default(), &[], Utc::now()).unwrap();
        let mut ids: Vec<String> = scan
            .found
            .iter()
            .map(|f| f.file.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        ids.sort();
        // copy.txt is the same article as a.txt (whitespace aside): one of them is kept.
        assert_eq!(ids.len(), 3, "{ids:?}");
        assert!(ids.contains(&"b.md".to_string()) && ids.contains(&"x.data".to_string()));
        assert_eq!(scan.skipped.len(), 1);
        assert!(scan.skipped[0].0.ends_with("bad.txt"));
    }

    #[test]
    fn missing_source_directory_is_an_input_error() {
        let dir = tempfile::tempdir().unwrap();
        let e = list_files(&[Source::Path(dir.path().join("gone"))], &[]).unwrap_err();
        assert!(matches!(e, Error::Input(_)));
        assert!(e.to_string().contains("gone"));
    }
}
