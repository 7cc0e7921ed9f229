//! Reading summaries from disk in the layout `newsdigest eval` takes:
//! `REFS_DIR/<cluster>/*.txt` (reference summaries) and `SYSTEM_DIR/<cluster>.txt` (one system).
//! Texts stay bytes: the scorer, like the Perl script, treats non-ASCII bytes as separators.
//! Also the summaries named by a ROUGE-1.5.5 configuration ([`read_config_data`]).

use super::config_xml::{EvalSpec, InputFormat};
use super::see::see_to_spl;
use crate::error::{Error, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Summaries of one cluster or system, keyed by file or directory name.
pub type Texts = BTreeMap<String, Vec<u8>>;

fn entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let read = fs::read_dir(dir).map_err(|e| Error::read_io(dir, e))?;
    let mut paths = Vec::new();
    for entry in read {
        let entry = entry.map_err(|e| Error::read_io(dir, e))?;
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

/// A regular `.txt` file. A `.txt` that is a FIFO, socket or device, or a link to nothing, is
/// skipped with a warning, as when `summarize` walks a directory: a FIFO would block, a device
/// never end.
fn is_txt(path: &Path) -> bool {
    if path.extension().is_none_or(|e| e != "txt") {
        return false;
    }
    let shown = || crate::stdio::printable(&path.display().to_string());
    match fs::metadata(path) {
        Ok(m) if m.is_file() => true,
        Ok(m) if m.is_dir() => false,
        Ok(_) => {
            crate::warn_line!(
                "newsdigest: warning: {}: not a regular file (a FIFO, socket or device); skipped",
                shown()
            );
            false
        }
        // A dangling link or a link loop: said, so that the cluster's absence is explained.
        Err(e) => {
            crate::warn_line!(
                "newsdigest: warning: {}: {}; skipped",
                shown(),
                crate::error::io_reason(&e)
            );
            false
        }
    }
}

/// Read one summary file as [`summary_bytes`].
pub fn read_summary(path: &Path) -> Result<Vec<u8>> {
    let bytes = crate::read::read_capped(
        path,
        crate::read::MAX_INPUT_BYTES,
        crate::read::Special::Read,
    )
    .map_err(|e| Error::read_io(path, e))?;
    summary_bytes(path, bytes)
}

/// A summary's bytes as the scorer reads them. Text in any other encoding is scored as the
/// bytes it is, as the script scores it (non-ASCII bytes are separators whatever the encoding,
/// and `-b` counts the file's own bytes); UTF-16, which its byte-order mark announces and
/// whose every ASCII letter comes with a NUL byte, is decoded to UTF-8 first, as an article
/// is. Binary data (a NUL byte) is refused: scored, it would give a number that means nothing.
pub fn summary_bytes(path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>> {
    if crate::read::decode::has_wide_bom(&bytes) {
        // Decoding names UTF-32 (not read) and a malformed UTF-16 byte.
        let decoded = crate::read::decode::decode_bytes(&bytes, path)?;
        return Ok(decoded.text.into_bytes());
    }
    refuse_binary(path, &bytes)?;
    Ok(bytes)
}

/// A reference summary: read as [`read_summary`], with the warning of [`reference_bytes`].
pub fn read_reference(path: &Path) -> Result<Vec<u8>> {
    let bytes = read_summary(path)?;
    warn_if_empty(path, &bytes);
    Ok(bytes)
}

/// A reference's bytes as [`summary_bytes`]; an empty one is scored (it holds no words to
/// recall), with a warning, since it is most likely a failed copy.
pub fn reference_bytes(path: &Path, bytes: Vec<u8>) -> Result<Vec<u8>> {
    let bytes = summary_bytes(path, bytes)?;
    warn_if_empty(path, &bytes);
    Ok(bytes)
}

fn warn_if_empty(path: &Path, bytes: &[u8]) {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        crate::warn_line!(
            "newsdigest: warning: {}: empty reference summary",
            crate::stdio::printable(&path.display().to_string())
        );
    }
}

/// An error for binary data ([`crate::read::decode::binary_reason`]).
pub fn refuse_binary(path: &Path, bytes: &[u8]) -> Result<()> {
    match crate::read::decode::binary_reason(bytes) {
        Some(why) => Err(Error::input(path, why)),
        None => Ok(()),
    }
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
            .map(|p| read_reference(&p))
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

/// The files of a cluster's reference folder that are not read (any but `.txt`, hidden ones
/// aside), for the warning that the cluster has no reference: a `B.md` there is most likely
/// the reference, misnamed. (Not read, rather than read as well: a `notes.md` or `README.md`
/// beside the references would silently become one.)
pub fn unread_references(cluster_dir: &Path) -> Vec<PathBuf> {
    let Ok(paths) = entries(cluster_dir) else {
        return Vec::new();
    };
    paths
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "txt"))
        .collect()
}

/// The files `<cluster>.*` of a system folder that are not read (`c1.md`, `c1.sum`), for the
/// warning that the system has no summary of the cluster.
pub fn unread_summaries(system_dir: &Path, cluster: &str) -> Vec<PathBuf> {
    let Ok(paths) = entries(system_dir) else {
        return Vec::new();
    };
    let stem = std::ffi::OsStr::new(cluster);
    paths
        .into_iter()
        .filter(|p| p.is_file() && p.file_stem() == Some(stem))
        .filter(|p| p.extension().is_none_or(|e| e != "txt"))
        .collect()
}

/// The end of a warning naming the files that are there but not read, or nothing (the caller
/// shows the whole line with [`crate::stdio::printable`]).
pub fn unread_note(files: &[PathBuf]) -> String {
    const SHOWN: usize = 3;
    if files.is_empty() {
        return String::new();
    }
    let mut names: Vec<String> = files
        .iter()
        .take(SHOWN)
        .map(|f| f.display().to_string())
        .collect();
    if files.len() > SHOWN {
        names.push(format!("and {} more", files.len() - SHOWN));
    }
    let verb = if files.len() == 1 { "is" } else { "are" };
    format!(
        " ({} {verb} not read: only .txt files are)",
        names.join(", ")
    )
}

/// The summaries of a ROUGE-1.5.5 configuration, keyed for the scorer: evaluations are its
/// clusters, peers its systems.
#[derive(Debug, Default)]
pub struct ConfigData {
    /// Evaluation ID -> model texts, in the order the file lists them (the order `-f B` breaks
    /// ties in, as in the script).
    pub refs: BTreeMap<String, Vec<Vec<u8>>>,
    /// (peer ID, evaluation ID -> text), peers in the script's (string) order.
    pub peers: Vec<(String, BTreeMap<String, Vec<u8>>)>,
    /// The script's warnings, in the order it writes them, for stderr.
    pub warnings: Vec<String>,
}

/// Read every summary `evals` name, for all peers or only `peer`. A peer that an evaluation does
/// not list gets the script's warning (in the script's order: peers sorted, evaluations in file
/// order) and is left out of that evaluation; so is a listed peer whose file is missing (where
/// the script would stop). A missing model file is an input error. `format` (`-z`) overrides each
/// evaluation's `INPUT-FORMAT`.
pub fn read_config_data(
    evals: &[EvalSpec],
    peer: Option<&str>,
    format: Option<InputFormat>,
) -> Result<ConfigData> {
    let mut data = ConfigData::default();
    for eval in evals {
        let fmt = format.unwrap_or(eval.format);
        // File order, as the script lists them (its MIDList): `-f B` keeps the first on ties.
        let texts = eval
            .models
            .iter()
            .map(|(_, file)| read_formatted(&eval.model_path(file), fmt))
            .collect::<Result<Vec<_>>>()?;
        data.refs.insert(eval.id.clone(), texts);
    }
    let peer_ids: BTreeSet<&str> = match peer {
        Some(p) => BTreeSet::from([p]),
        None => evals
            .iter()
            .flat_map(|e| e.peers.iter().map(|(id, _)| id.as_str()))
            .collect(),
    };
    // Peers in string order, evaluations in file order: the order the script warns in.
    for peer_id in peer_ids {
        let mut texts = BTreeMap::new();
        for eval in evals {
            let file = eval.peers.iter().find(|(id, _)| id == peer_id);
            let path = file.map(|(_, f)| eval.peer_path(f));
            match path.filter(|p| p.is_file()) {
                Some(path) => {
                    let text = read_formatted(&path, format.unwrap_or(eval.format))?;
                    texts.insert(eval.id.clone(), text);
                }
                None => data.warnings.push(format!(
                    "*ROUGE Warning: test instance for peer {peer_id} does not exist for \
                     evaluation {}",
                    eval.id
                )),
            }
        }
        data.peers.push((peer_id.to_string(), texts));
    }
    Ok(data)
}

/// One summary file as the one-sentence-a-line text the scorer reads.
fn read_formatted(path: &Path, format: InputFormat) -> Result<Vec<u8>> {
    let bytes = read_summary(path)?;
    Ok(match format {
        InputFormat::Spl => bytes,
        InputFormat::See => see_to_spl(&bytes),
    })
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
    fn models_in_file_order_and_warnings_in_the_scripts_order() {
        let tmp = tempfile::tempdir().unwrap();
        for (name, text) in [("z", "listed first"), ("a", "listed second"), ("p", "peer")] {
            fs::write(tmp.path().join(name), text).unwrap();
        }
        let root = tmp.path().display();
        let eval = |id: &str, peers: &str| {
            format!(
                "<EVAL ID={id}><PEER-ROOT>{root}</PEER-ROOT><MODEL-ROOT>{root}</MODEL-ROOT>\
                 <PEERS>{peers}</PEERS><MODELS><M ID=B>z</M><M ID=A>a</M></MODELS></EVAL>"
            )
        };
        let config = format!(
            "<ROUGE_EVAL>{}{}{}</ROUGE_EVAL>",
            eval("e2", "<P ID=x>p</P>"),
            eval("e1", "<P ID=y>p</P>"),
            eval("e0", ""),
        );
        let evals = super::super::config_xml::parse_config(&config).unwrap();
        let data = read_config_data(&evals, None, None).unwrap();
        assert_eq!(
            data.refs["e1"],
            vec![b"listed first".to_vec(), b"listed second".to_vec()]
        );
        let warning = |peer: &str, eval: &str| {
            format!(
                "*ROUGE Warning: test instance for peer {peer} does not exist for evaluation \
                 {eval}"
            )
        };
        assert_eq!(
            data.warnings,
            [
                warning("x", "e1"),
                warning("x", "e0"),
                warning("y", "e2"),
                warning("y", "e0")
            ]
        );
    }

    /// Regression (probe 17): a UTF-16 reference was "binary data, not text (NUL byte at
    /// offset 3)", though `summarize` reads UTF-16.
    #[test]
    fn utf16_references_were_called_binary_data() {
        let p = Path::new("A.txt");
        let utf16le = b"\xFF\xFEp\0e\0a\0c\0e\0\n\0".to_vec();
        assert_eq!(summary_bytes(p, utf16le).unwrap(), b"peace\n");
        let utf16be = b"\xFE\xFF\0p\0e\0a\0c\0e".to_vec();
        assert_eq!(summary_bytes(p, utf16be).unwrap(), b"peace");
        // Other text stays the bytes it is (the script's byte counts), a UTF-8 BOM included.
        let latin1 = b"\xEF\xBB\xBFcaf\xE9".to_vec();
        assert_eq!(summary_bytes(p, latin1.clone()).unwrap(), latin1);
        let e = summary_bytes(p, b"\xFF\xFE\0\0p\0\0\0".to_vec()).unwrap_err();
        assert!(e.to_string().contains("UTF-32"), "{e}");
        let e = summary_bytes(p, b"p\0e\0a\0c\0e\0".to_vec()).unwrap_err();
        assert!(
            e.to_string().contains("UTF-16 without a byte-order mark"),
            "{e}"
        );
    }

    #[test]
    fn missing_directories_are_input_errors() {
        let err = read_refs_dir(Path::new("/nonexistent/refs")).unwrap_err();
        assert!(matches!(err, Error::Input(_)));
        let err = read_system_dir(Path::new("/nonexistent/sys")).unwrap_err();
        assert!(matches!(err, Error::Input(_)));
        let err = read_summary(Path::new("/nonexistent/a.txt")).unwrap_err();
        assert!(matches!(err, Error::ReadIo { .. }), "{err:?}");
        assert_eq!(err.exit_status(), crate::error::ExitStatus::Input);
        // The io error stays its source, for callers that look inside.
        assert!(std::error::Error::source(&err).is_some());
    }
}
