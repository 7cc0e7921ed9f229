//! ROUGE-1.5.5's evaluation configuration file (the `ROUGE-eval-config-file`):
//!
//! ```text
//! <ROUGE_EVAL version="1.5.5">            (or <ROUGE-EVAL>)
//! <EVAL ID="D0703-A">
//! <PEER-ROOT>peers</PEER-ROOT>
//! <MODEL-ROOT>models</MODEL-ROOT>
//! <INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>
//! <PEERS><P ID="35">D0703-A.35</P> ...</PEERS>
//! <MODELS><M ID="C">D0703-A.C</M> ...</MODELS>
//! </EVAL>
//! </ROUGE_EVAL>
//! ```
//!
//! Hand-written and tolerant on purpose: configs written by scripts often have unquoted
//! attributes (`ID=1`), odd case, or stray text; a strict XML parser would refuse files the
//! Perl script's users feed it. Tags are matched case-insensitively, attributes may be quoted
//! with `"` or `'` or not at all, comments and `<?...?>` / `<!...>` declarations are skipped,
//! and the five predefined entities are decoded.

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// How the summary files of an evaluation are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// One sentence per line.
    Spl,
    /// DUC's HTML-like files, one `<a ... id=N>sentence</a>` per line.
    See,
}

impl InputFormat {
    /// `SPL` / `SEE` as the script spells them (any case); `ISI` and `SIMPLE` (BE) are refused.
    pub fn parse(name: &str) -> Result<Self> {
        match name.trim().to_ascii_uppercase().as_str() {
            "SPL" => Ok(InputFormat::Spl),
            "SEE" => Ok(InputFormat::See),
            other @ ("ISI" | "SIMPLE") => Err(Error::Usage(format!(
                "input format {other} is not supported (SPL and SEE are)"
            ))),
            other => Err(Error::Usage(format!(
                "unknown input format '{other}' (SPL or SEE)"
            ))),
        }
    }
}

/// One `<EVAL>`: a topic's peers and models.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalSpec {
    pub id: String,
    pub peer_root: PathBuf,
    pub model_root: PathBuf,
    pub format: InputFormat,
    /// (peer ID, file name) in file order.
    pub peers: Vec<(String, String)>,
    /// (model ID, file name) in file order.
    pub models: Vec<(String, String)>,
}

impl EvalSpec {
    /// `PEER-ROOT/file`; a relative root resolves against the working directory, as in Perl.
    pub fn peer_path(&self, file: &str) -> PathBuf {
        self.peer_root.join(file)
    }

    pub fn model_path(&self, file: &str) -> PathBuf {
        self.model_root.join(file)
    }
}

/// The text of a configuration file (or `-z` file list); bytes that are not UTF-8 become
/// U+FFFD, which only matters inside IDs and file names.
pub fn read_config_text(path: &Path) -> Result<String> {
    let bytes = crate::read::read_capped(
        path,
        crate::read::MAX_INPUT_BYTES,
        crate::read::Special::Read,
    )
    .map_err(|e| Error::read_io(path, e))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One piece of the file: a tag or the text between tags.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Open {
        name: String,
        attrs: Vec<(String, String)>,
        line: usize,
    },
    Close {
        name: String,
        line: usize,
    },
    Text(&'a str),
}

/// Parse configuration text; errors name the line.
pub fn parse_config(text: &str) -> std::result::Result<Vec<EvalSpec>, String> {
    let pieces = pieces(text)?;
    let mut evals = Vec::new();
    let mut seen = BTreeSet::new();
    let mut root = false;
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Open { name, .. } if is_root(name) => root = true,
            Piece::Open { name, attrs, line } if name == "EVAL" => {
                if !root {
                    return Err(format!(
                        "line {line}: <EVAL> outside <ROUGE_EVAL> / <ROUGE-EVAL>"
                    ));
                }
                let (spec, next) = parse_eval(&pieces, i + 1, attrs, *line)?;
                if !seen.insert(spec.id.clone()) {
                    return Err(format!("line {line}: evaluation ID '{}' repeated", spec.id));
                }
                evals.push(spec);
                i = next;
            }
            _ => {}
        }
        i += 1;
    }
    if !root {
        return Err("no <ROUGE_EVAL> or <ROUGE-EVAL> element".into());
    }
    if evals.is_empty() {
        return Err("no <EVAL> element".into());
    }
    Ok(evals)
}

fn is_root(name: &str) -> bool {
    name == "ROUGE_EVAL" || name == "ROUGE-EVAL"
}

/// The pieces of one `<EVAL>` from `start` up to its `</EVAL>`; returns the spec and the index
/// of the closing tag.
fn parse_eval(
    pieces: &[Piece],
    start: usize,
    attrs: &[(String, String)],
    line: usize,
) -> std::result::Result<(EvalSpec, usize), String> {
    let id = attr(attrs, "ID").ok_or(format!("line {line}: <EVAL> without ID"))?;
    let (mut peer_root, mut model_root, mut format) = (None, None, InputFormat::Spl);
    let (mut peers, mut models) = (Vec::new(), Vec::new());
    let mut i = start;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Close { name, .. } if name == "EVAL" => {
                let missing = |what: &str| format!("evaluation '{id}': no <{what}>");
                let spec = EvalSpec {
                    peer_root: peer_root.ok_or_else(|| missing("PEER-ROOT"))?,
                    model_root: model_root.ok_or_else(|| missing("MODEL-ROOT"))?,
                    format,
                    peers: unique(peers, &id, "peer")?,
                    models: unique(models, &id, "model")?,
                    id,
                };
                return Ok((spec, i));
            }
            Piece::Open { name, attrs, line } => match name.as_str() {
                "PEER-ROOT" => peer_root = Some(PathBuf::from(text_of(pieces, i, *line)?)),
                "MODEL-ROOT" => model_root = Some(PathBuf::from(text_of(pieces, i, *line)?)),
                "INPUT-FORMAT" => {
                    let kind = attr(attrs, "TYPE")
                        .ok_or(format!("line {line}: <INPUT-FORMAT> without TYPE"))?;
                    format = InputFormat::parse(&kind).map_err(|e| format!("line {line}: {e}"))?;
                }
                "P" | "M" => {
                    let what = if name == "P" { "peer" } else { "model" };
                    let entry_id = attr(attrs, "ID")
                        .ok_or(format!("line {line}: <{name}> without ID ({what})"))?;
                    let file = text_of(pieces, i, *line)?;
                    let list = if name == "P" { &mut peers } else { &mut models };
                    list.push((entry_id, file));
                }
                "EVAL" => return Err(format!("line {line}: <EVAL> inside <EVAL> '{id}'")),
                _ => {}
            },
            _ => {}
        }
        i += 1;
    }
    Err(format!("line {line}: <EVAL ID=\"{id}\"> is never closed"))
}

fn unique(
    list: Vec<(String, String)>,
    eval: &str,
    what: &str,
) -> std::result::Result<Vec<(String, String)>, String> {
    let mut ids = BTreeSet::new();
    for (id, _) in &list {
        if !ids.insert(id.as_str()) {
            return Err(format!("evaluation '{eval}': {what} ID '{id}' repeated"));
        }
    }
    Ok(list)
}

/// The trimmed, entity-decoded text right after the opening tag at `i`.
fn text_of(pieces: &[Piece], i: usize, line: usize) -> std::result::Result<String, String> {
    let text = match pieces.get(i + 1) {
        Some(Piece::Text(t)) => decode(t.trim()),
        _ => String::new(),
    };
    if text.is_empty() {
        return Err(format!("line {line}: empty element"));
    }
    Ok(text)
}

fn attr(attrs: &[(String, String)], name: &str) -> Option<String> {
    attrs
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// Split the text into tags and texts; comments and declarations are dropped.
fn pieces(text: &str) -> std::result::Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    let line_at = |rest: &str| text[..text.len() - rest.len()].matches('\n').count() + 1;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Piece::Text(rest));
            break;
        };
        if lt > 0 {
            out.push(Piece::Text(&rest[..lt]));
        }
        rest = &rest[lt..];
        let line = line_at(rest);
        let end_marker = if rest.starts_with("<!--") { "-->" } else { ">" };
        let Some(end) = rest.find(end_marker) else {
            return Err(format!("line {line}: tag never closed with '{end_marker}'"));
        };
        let tag = &rest[1..end];
        rest = &rest[end + end_marker.len()..];
        if tag.starts_with('!') || tag.starts_with('?') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            out.push(Piece::Close {
                name: name.trim().to_ascii_uppercase(),
                line,
            });
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, attrs) = split_tag(tag);
        let name = name.to_ascii_uppercase();
        out.push(Piece::Open {
            name: name.clone(),
            attrs,
            line,
        });
        if self_closing {
            out.push(Piece::Close { name, line });
        }
    }
    Ok(out)
}

/// `NAME a="x" b='y' c=z d` -> (NAME, [(a, x), (b, y), (c, z), (d, "")]).
fn split_tag(tag: &str) -> (&str, Vec<(String, String)>) {
    let tag = tag.trim();
    let name_end = tag.find(char::is_whitespace).unwrap_or(tag.len());
    let (name, mut rest) = tag.split_at(name_end);
    let mut attrs = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_string();
        rest = rest[key_end..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            attrs.push((key, String::new()));
            continue;
        };
        rest = after_eq.trim_start();
        let (value, next) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let body = &rest[1..];
                let close = body.find(q).unwrap_or(body.len());
                (&body[..close], body.get(close + 1..).unwrap_or(""))
            }
            _ => {
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                (&rest[..end], &rest[end..])
            }
        };
        attrs.push((key, decode(value)));
        rest = next;
    }
    (name, attrs)
}

/// The five predefined XML entities (what XML::DOM would decode in the script).
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    const NIST: &str = r#"<ROUGE_EVAL version="1.5.5">
<EVAL ID="D0703-A.M.100.A-A">
<PEER-ROOT>
peers
</PEER-ROOT>
<MODEL-ROOT>
models
</MODEL-ROOT>
<INPUT-FORMAT TYPE="SPL">
</INPUT-FORMAT>
<PEERS>
<P ID="35">D0703-A.M.100.A.35</P>
<P ID="A">D0703-A.M.100.A.A</P>
</PEERS>
<MODELS>
<M ID="C">D0703-A.M.100.A.C</M>
<M ID="D">D0703-A.M.100.A.D</M>
</MODELS>
</EVAL>
</ROUGE_EVAL>
"#;

    #[test]
    fn the_nist_layout_is_read() {
        let evals = parse_config(NIST).unwrap();
        assert_eq!(evals.len(), 1);
        let e = &evals[0];
        assert_eq!(e.id, "D0703-A.M.100.A-A");
        assert_eq!(e.peer_root, PathBuf::from("peers"));
        assert_eq!(e.model_root, PathBuf::from("models"));
        assert_eq!(e.format, InputFormat::Spl);
        assert_eq!(e.peers[1], ("A".into(), "D0703-A.M.100.A.A".into()));
        assert_eq!(e.models.len(), 2);
        assert_eq!(
            e.peer_path("x"),
            PathBuf::from("peers").join("x"),
            "relative roots stay relative (to the working directory)"
        );
    }

    #[test]
    fn dash_root_unquoted_attributes_and_comments() {
        let text = "<?xml version='1.0'?>\n<!-- made by a script -->\n<rouge-eval>\n\
            <eval id=7><peer-root>/data/p</peer-root><model-root>m</model-root>\
            <input-format type=see/>\n<peers><p id=1>a.html</p></peers>\
            <models><m id='x'>b &amp; c.html</m></models></eval></rouge-eval>";
        let evals = parse_config(text).unwrap();
        let e = &evals[0];
        assert_eq!(e.id, "7");
        assert_eq!(e.format, InputFormat::See);
        assert_eq!(e.peers, [("1".to_string(), "a.html".to_string())]);
        assert_eq!(e.models, [("x".to_string(), "b & c.html".to_string())]);
        assert_eq!(e.peer_root, PathBuf::from("/data/p"));
    }

    #[test]
    fn broken_configs_name_the_problem() {
        let cases = [
            ("<EVAL ID=\"a\"></EVAL>", "outside"),
            ("<ROUGE_EVAL></ROUGE_EVAL>", "no <EVAL>"),
            ("<ROUGE_EVAL><EVAL><PEER-ROOT>p</PEER-ROOT>", "without ID"),
            (
                "<ROUGE_EVAL><EVAL ID=a><PEER-ROOT>p</PEER-ROOT>",
                "never closed",
            ),
            (
                "<ROUGE_EVAL><EVAL ID=a><MODEL-ROOT>m</MODEL-ROOT></EVAL>",
                "PEER-ROOT",
            ),
            ("<ROUGE_EVAL><EVAL ID=a", "tag never closed"),
            (
                "<ROUGE_EVAL><EVAL ID=a><INPUT-FORMAT TYPE=ISI/></EVAL>",
                "not supported",
            ),
            (
                "<ROUGE_EVAL><EVAL ID=a><PEER-ROOT>p</PEER-ROOT><MODEL-ROOT>m</MODEL-ROOT>\
                 <P ID=1>x</P><P ID=1>y</P></EVAL>",
                "repeated",
            ),
        ];
        for (text, needle) in cases {
            let err = parse_config(text).unwrap_err();
            assert!(err.contains(needle), "{text}: {err}");
        }
    }

    #[test]
    fn repeated_eval_ids_are_refused() {
        let one = "<EVAL ID=a><PEER-ROOT>p</PEER-ROOT><MODEL-ROOT>m</MODEL-ROOT></EVAL>";
        let text = format!("<ROUGE_EVAL>{one}{one}</ROUGE_EVAL>");
        assert!(parse_config(&text).unwrap_err().contains("repeated"));
    }
}
