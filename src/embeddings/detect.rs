//! Which embedding file format a file holds, judged from its first bytes (never its name).

use std::fmt;

/// The file formats `WordEmbeddings::load` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// finalfusion (`FiFu` magic); memory-mapped when possible.
    Finalfusion,
    /// fastText's binary model (`.bin`): words plus subword n-gram buckets.
    FastText,
    /// word2vec binary: a `count dims` text line, then `word ` + little-endian f32s per entry.
    Word2VecBinary,
    /// Text with a `count dims` first line (word2vec text format).
    TextDims,
    /// Text without header, one `word v1 v2 …` line per word (GloVe format).
    Text,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Finalfusion => "finalfusion",
            Format::FastText => "fastText binary",
            Format::Word2VecBinary => "word2vec binary",
            Format::TextDims => "text with dimensions header (word2vec text)",
            Format::Text => "text without header (GloVe)",
        })
    }
}

/// fastText's file magic (`FASTTEXT_FILEFORMAT_MAGIC_INT32`), little-endian.
const FASTTEXT_MAGIC: [u8; 4] = 793_712_314u32.to_le_bytes();

/// Bytes of a file's head [`detect`] is given: the first line of a headerless text model of
/// [`MAX_DIMS`](super::values::MAX_DIMS) values (up to ~20 bytes each) fits.
pub const SNIFF_BYTES: usize = 256 << 10;

/// Guess the format from the head of a file (up to [`SNIFF_BYTES`]); `None` when nothing fits.
pub fn detect(head: &[u8]) -> Option<Format> {
    if head.starts_with(b"FiFu") {
        return Some(Format::Finalfusion);
    }
    if head.starts_with(&FASTTEXT_MAGIC) {
        return Some(Format::FastText);
    }
    let nl = head.iter().position(|&b| b == b'\n');
    let mut fields: Vec<&[u8]> = head[..nl.unwrap_or(head.len())]
        .split(u8::is_ascii_whitespace)
        .filter(|f| !f.is_empty())
        .collect();
    let Some(nl) = nl else {
        // A first line longer than the head: its last value may be cut short.
        fields.pop();
        return glove(&fields);
    };
    let count = |f: &&[u8]| std::str::from_utf8(f).is_ok_and(|s| s.parse::<u64>().is_ok());
    if fields.len() == 2 && fields.iter().all(count) {
        return after_header(&head[nl + 1..]);
    }
    glove(&fields)
}

/// GloVe: a word (any bytes; its encoding is checked with the rows) and at least one number.
fn glove(fields: &[&[u8]]) -> Option<Format> {
    let numbers = fields
        .iter()
        .skip(1)
        .all(|f| std::str::from_utf8(f).is_ok_and(|s| s.parse::<f32>().is_ok()));
    (fields.len() >= 2 && numbers).then_some(Format::Text)
}

/// After a `count dims` header come `word ` and then either binary floats or text numbers.
fn after_header(rest: &[u8]) -> Option<Format> {
    let space = rest.iter().position(|&b| b == b' ')?;
    let after = &rest[space + 1..];
    // Only the first entry's line: text vectors are numbers up to the newline.
    let end = after
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(after.len())
        .min(256);
    let sample = &after[..end];
    let textual = !sample.is_empty()
        && sample.iter().all(|&b| {
            b.is_ascii_digit()
                || matches!(
                    b,
                    b'-' | b'+' | b'.' | b'e' | b'E' | b' ' | b'\t' | b'\n' | b'\r'
                )
        });
    Some(if textual {
        Format::TextDims
    } else {
        Format::Word2VecBinary
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_each_format() {
        assert_eq!(detect(b"FiFu\0\0\0\0"), Some(Format::Finalfusion));
        assert_eq!(
            detect(&793_712_314u32.to_le_bytes()),
            Some(Format::FastText)
        );
        assert_eq!(
            detect(b"2 3\nthe 0.1 -0.2 3e-2\nof 1 2 3\n"),
            Some(Format::TextDims)
        );
        let mut bin = b"2 3\nthe ".to_vec();
        bin.extend_from_slice(&[0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64]);
        assert_eq!(detect(&bin), Some(Format::Word2VecBinary));
        assert_eq!(detect(b"the 0.1 -0.2 0.3\nof 1 2 3\n"), Some(Format::Text));
    }

    #[test]
    fn rejects_other_files() {
        assert_eq!(detect(b""), None);
        assert_eq!(detect(b"hello world\n"), None);
        assert_eq!(detect(b"<html><body>\n"), None);
        assert_eq!(detect(&[0xff, 0xfe, 0x00, 0x01]), None);
        assert_eq!(detect(&[0u8; SNIFF_BYTES]), None);
    }

    /// Regression (a headerless GloVe model of 512 or more dimensions was "not a … model": its
    /// first line did not end within the 4 KB head that was sniffed).
    #[test]
    fn glove_line_longer_than_the_sniffed_head_was_not_a_model() {
        let line = format!("the{}", " -0.123456".repeat(8192));
        assert!(line.len() < SNIFF_BYTES);
        assert_eq!(detect(line.as_bytes()), Some(Format::Text));
        // Cut inside a value, as by a head shorter than the line.
        assert_eq!(detect(&line.as_bytes()[..4000]), Some(Format::Text));
        assert_eq!(detect(b"the 0.1 0.2 1e"), Some(Format::Text));
    }

    /// Regression (a GloVe model whose first word is Latin-1 was "not a … model" instead of
    /// an encoding error naming the line, which the row check gives).
    #[test]
    fn latin1_first_word_was_not_a_model() {
        assert_eq!(detect(b"caf\xe9 0.1 0.2\nof 0.3 0.4\n"), Some(Format::Text));
    }
}
