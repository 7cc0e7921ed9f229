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

/// Guess the format from the head of a file (a few KB suffice); `None` when nothing fits.
pub fn detect(head: &[u8]) -> Option<Format> {
    if head.starts_with(b"FiFu") {
        return Some(Format::Finalfusion);
    }
    if head.starts_with(&FASTTEXT_MAGIC) {
        return Some(Format::FastText);
    }
    let nl = head.iter().position(|&b| b == b'\n')?;
    let first = std::str::from_utf8(&head[..nl]).ok()?;
    let fields: Vec<&str> = first.split_whitespace().collect();
    let is_header = fields.len() == 2 && fields.iter().all(|f| f.parse::<u64>().is_ok());
    if is_header {
        // After the header comes `word ` and then either binary floats or text numbers.
        let rest = &head[nl + 1..];
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
        return Some(if textual {
            Format::TextDims
        } else {
            Format::Word2VecBinary
        });
    }
    // GloVe: a word followed by at least one number on every line.
    let numbers = fields
        .iter()
        .skip(1)
        .filter(|f| f.parse::<f32>().is_ok())
        .count();
    (fields.len() >= 2 && numbers == fields.len() - 1).then_some(Format::Text)
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
    }
}
