//! ROUGE-1.5.5's `-z` file list (`readFileList`): instead of the XML configuration, one
//! evaluation per line, `peer-file model-file [model-file ...]`, paths used as written
//! (relative ones against the working directory). Lines starting with `#` and blank lines are
//! skipped. The evaluations are numbered from 1 in file order, the models of a line are
//! `M.1`, `M.2`, ..., and the one peer is the system ID given on the command line (`X` if none).

use super::config_xml::{EvalSpec, InputFormat};
use std::path::PathBuf;

/// Whether `-z` was given a file list rather than an XML configuration (which newsdigest also
/// reads under `-z`, with the format overridden; the script cannot read one there): a file
/// list does not start with `<`.
pub fn is_file_list(text: &str) -> bool {
    !text.trim_start().starts_with('<')
}

/// Parse a file list for `peer`; errors name the line.
pub fn parse_file_list(
    text: &str,
    peer: &str,
    format: InputFormat,
) -> Result<Vec<EvalSpec>, String> {
    let mut evals = Vec::new();
    for (n, line) in text.split('\n').enumerate() {
        // The script tests the raw line: `#` only in the first column, blank = whitespace only.
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let files: Vec<&str> = line.split_whitespace().collect();
        let [peer_file, models @ ..] = files.as_slice() else {
            continue;
        };
        if models.is_empty() {
            return Err(format!(
                "line {}: a file list needs at least 2 files per line (peer model1 ... modelN)",
                n + 1
            ));
        }
        evals.push(EvalSpec {
            id: (evals.len() + 1).to_string(),
            peer_root: PathBuf::new(),
            model_root: PathBuf::new(),
            format,
            peers: vec![(peer.to_string(), peer_file.to_string())],
            models: models
                .iter()
                .enumerate()
                .map(|(i, f)| (format!("M.{}", i + 1), f.to_string()))
                .collect(),
        });
    }
    if evals.is_empty() {
        return Err("the file list names no evaluation (peer model1 ... modelN)".into());
    }
    Ok(evals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn lines_become_numbered_evaluations_of_one_peer() {
        let text = "# peer models\n\npeers/a.txt  models/a1 models/a2\n \t\n/abs/b m/b1\r\n";
        let evals = parse_file_list(text, "X", InputFormat::See).unwrap();
        assert_eq!(evals.len(), 2);
        assert_eq!(evals[0].id, "1");
        assert_eq!(evals[1].id, "2");
        assert_eq!(
            evals[0].peers,
            [("X".to_string(), "peers/a.txt".to_string())]
        );
        assert_eq!(
            evals[0].models,
            [
                ("M.1".to_string(), "models/a1".to_string()),
                ("M.2".to_string(), "models/a2".to_string())
            ]
        );
        assert_eq!(evals[1].format, InputFormat::See);
        // Paths are used as written.
        assert_eq!(evals[1].peer_path("/abs/b"), Path::new("/abs/b"));
        assert_eq!(evals[0].model_path("models/a1"), Path::new("models/a1"));
    }

    #[test]
    fn a_line_with_one_file_or_no_line_at_all_is_an_error() {
        let err = parse_file_list("a b\nlonely\n", "X", InputFormat::Spl).unwrap_err();
        assert!(err.contains("line 2"), "{err}");
        assert!(parse_file_list("# only\n\n", "X", InputFormat::Spl).is_err());
    }

    #[test]
    fn xml_is_told_from_a_file_list() {
        assert!(!is_file_list("\n  <ROUGE_EVAL version=\"1.5.5\">"));
        assert!(!is_file_list("<?xml version='1.0'?>"));
        assert!(is_file_list("# a list\npeer model\n"));
    }
}
