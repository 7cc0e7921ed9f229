//! Where an output may go: never onto an article it summarises, and into a folder that is one.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// What a file the run reads is to it, for the message that refuses it as an output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadRole {
    /// An article to summarise (a file named, or one an input folder holds).
    Input,
    /// An article the reader has read (`--seen`, a file or one a folder holds).
    Seen,
    /// The topic statement (`--topic-file`).
    TopicFile,
    /// The word-embedding model (`--embeddings`).
    Embeddings,
}

impl ReadRole {
    /// "one of the inputs", as the message says what the output is.
    fn role(self) -> &'static str {
        match self {
            ReadRole::Input => "one of the inputs",
            ReadRole::Seen => "one of the --seen articles",
            ReadRole::TopicFile => "the --topic-file",
            ReadRole::Embeddings => "the --embeddings model",
        }
    }

    /// What writing over it would destroy.
    fn replaced(self) -> &'static str {
        match self {
            ReadRole::Input | ReadRole::Seen => "an article",
            ReadRole::TopicFile => "the topic",
            ReadRole::Embeddings => "the model",
        }
    }

    /// Whether a folder given for it stands for the article files it holds.
    fn walks_folders(self) -> bool {
        matches!(self, ReadRole::Input | ReadRole::Seen)
    }
}

/// The files a run reads, by identity ([`FileId`], so a symlink or hard link counts), each with
/// what it is to the run and the path it was given as (a folder, for the files inside one).
#[derive(Debug, Default)]
pub struct ReadFiles(Vec<(FileId, ReadRole, PathBuf)>);

impl ReadFiles {
    /// Every file `reads` names: the files given, and the article files of the folders given
    /// as inputs or seen articles (what reading them would read; a folder that cannot be
    /// walked is reported when it is read).
    pub fn of(reads: &[(ReadRole, &[PathBuf])]) -> ReadFiles {
        let mut files = Vec::new();
        for (read, paths) in reads {
            for path in paths.iter().filter(|p| p.as_os_str() != "-") {
                let inside = if read.walks_folders() && path.is_dir() {
                    crate::read::walk::article_files(path, &|_| false)
                        .map(|walk| walk.files)
                        .unwrap_or_default()
                } else {
                    vec![path.clone()]
                };
                files.extend(
                    inside
                        .iter()
                        .filter_map(|f| FileId::of(f))
                        .map(|id| (id, *read, path.clone())),
                );
            }
        }
        ReadFiles(files)
    }

    /// What `path` is to the run, and the path it was given as, when the run reads it.
    pub fn holding(&self, path: &Path) -> Option<(ReadRole, &Path)> {
        let id = FileId::of(path)?;
        self.0
            .iter()
            .find(|(f, _, _)| *f == id)
            .map(|(_, read, given)| (*read, given.as_path()))
    }

    /// Refuse (usage error, exit 2) writing `file` for `flag target` (`--output FILE`,
    /// `--save DIR` writing a file inside DIR) when the run reads it: the output would replace
    /// an article, the topic or the model.
    pub fn refuse(&self, flag: &str, target: &Path, file: &Path) -> Result<()> {
        let Some((read, given)) = self.holding(file) else {
            return Ok(());
        };
        let which = if file == target {
            String::new()
        } else {
            format!("{} ", file.display())
        };
        Err(Error::Usage(format!(
            "{flag} {}: {which}is {} ({}); refusing to replace {}",
            target.display(),
            read.role(),
            given.display(),
            read.replaced()
        )))
    }
}

/// Refuse (usage error, exit 2) an output that is a file the run reads: one of the inputs or
/// of the articles an input folder holds, a seen article, the topic file or the model (the
/// digest would replace it).
pub fn refuse_read_as_output(
    output: Option<&Path>,
    reads: &[(ReadRole, &[PathBuf])],
) -> Result<()> {
    let Some(out) = output.filter(|o| o.as_os_str() != "-") else {
        return Ok(());
    };
    // A new file is no input; a device or FIFO is written through, never replaced.
    if !out.is_file() {
        return Ok(());
    }
    ReadFiles::of(reads).refuse("--output", out, out)
}

/// [`refuse_read_as_output`] for a run that reads only its inputs.
pub fn refuse_input_as_output(output: Option<&Path>, inputs: &[PathBuf]) -> Result<()> {
    refuse_read_as_output(output, &[(ReadRole::Input, inputs)])
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

    /// Regression (probe 16: `-o` onto a `--seen` article, the `--topic-file` or the
    /// `--embeddings` model replaced it: only the inputs were refused).
    #[test]
    fn output_onto_a_seen_article_topic_or_model_was_not_refused() {
        let dir = tempfile::tempdir().unwrap();
        let at = |f: &str| dir.path().join(f);
        std::fs::create_dir(at("seen")).unwrap();
        for f in [
            "in.txt",
            "seen/old.txt",
            "topic.txt",
            "model.txt",
            "digest.txt",
        ] {
            std::fs::write(at(f), "text").unwrap();
        }
        let (inputs, seen) = ([at("in.txt")], [at("seen")]);
        let (topic, model) = ([at("topic.txt")], [at("model.txt")]);
        let reads = [
            (ReadRole::Input, &inputs[..]),
            (ReadRole::Seen, &seen[..]),
            (ReadRole::TopicFile, &topic[..]),
            (ReadRole::Embeddings, &model[..]),
        ];
        for (out, said) in [
            ("seen/old.txt", "one of the --seen articles"),
            ("topic.txt", "the --topic-file"),
            ("model.txt", "the --embeddings model"),
        ] {
            let e = refuse_read_as_output(Some(&at(out)), &reads).unwrap_err();
            assert!(matches!(e, Error::Usage(_)), "{e}");
            assert!(e.to_string().contains(&format!(": is {said} (")), "{e}");
        }
        assert!(refuse_read_as_output(Some(&at("digest.txt")), &reads).is_ok());
        // A folder given as the model or topic is not walked: a file inside is no model.
        let e = ReadFiles::of(&[(ReadRole::TopicFile, &seen[..])]);
        assert!(e.holding(&at("seen/old.txt")).is_none());
        let saved = ReadFiles::of(&reads).refuse("--save", dir.path(), &at("seen/old.txt"));
        let e = saved.unwrap_err().to_string();
        assert!(e.contains("old.txt is one of the --seen articles"), "{e}");
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
