//! Bytes to text, whatever encoding the site or scraper used.
//!
//! Order of evidence: a byte-order mark (UTF-8, UTF-16LE/BE) wins; then valid UTF-8; then a
//! charset the document declares itself (`<meta charset>`, the XML prolog); then chardetng's
//! guess. Text that is UTF-8 apart from a few stray bytes keeps its UTF-8 and reads each stray
//! byte as Windows-1252, the usual culprit: decoding the whole file as Windows-1252 would turn
//! every accented letter into mojibake ("CafÃ©").

use crate::error::{Error, Result};
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, ISO_8859_2, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1250, WINDOWS_1252};
use std::path::Path;

/// What was decoded and how (the encoding's WHATWG name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode `bytes` into text, or refuse binary and undecodable data (naming the offset).
pub fn decode_bytes(bytes: &[u8], path: &Path) -> Result<Decoded> {
    // UTF-32's byte-order marks begin like UTF-16's; encoding_rs does not decode UTF-32.
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(Error::input(
            path,
            "UTF-32 text (by its byte-order mark), which is not read: convert it to UTF-8",
        ));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return with_bom(bytes, encoding, bom_len, path);
    }
    if let Some(why) = binary_reason(bytes) {
        return Err(Error::input(path, why));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return finish(text.to_string(), UTF_8, path);
    }
    if let Some(encoding) = declared_charset(bytes) {
        // A page that declares UTF-8 but is not is handled below; so is a bogus label.
        if encoding != UTF_8 && encoding != UTF_16LE && encoding != UTF_16BE {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            if !had_errors {
                return finish(text.into_owned(), encoding, path);
            }
        }
    }
    if mostly_utf8(bytes) {
        return finish(utf8_with_stray_bytes(bytes), UTF_8, path);
    }
    let encoding = guess_encoding(bytes);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::input(
            path,
            format!(
                "not decodable text: invalid {} byte at offset {} (convert it to UTF-8)",
                encoding.name(),
                first_error_offset(encoding, bytes)
            ),
        ));
    }
    finish(text.into_owned(), encoding, path)
}

/// Why `bytes` are binary data and not text, when they are ([`looks_binary`]), with a hint
/// when they look like UTF-16 saved without its byte-order mark.
pub(crate) fn binary_reason(bytes: &[u8]) -> Option<String> {
    let sign = looks_binary(bytes)?;
    let hint = if utf16_without_bom(bytes).is_some() {
        " (UTF-16 without a byte-order mark? save it with a BOM or as UTF-8)"
    } else {
        ""
    };
    Some(format!("binary data, not text ({sign}){hint}"))
}

/// Whether `bytes` open with a UTF-16 or UTF-32 byte-order mark: text whose ASCII letters
/// each come with NUL bytes, which only decoding can read.
pub(crate) fn has_wide_bom(bytes: &[u8]) -> bool {
    [&[0xFF, 0xFE][..], &[0xFE, 0xFF], &[0, 0, 0xFE, 0xFF]]
        .iter()
        .any(|bom| bytes.starts_with(bom))
}

/// Text that starts with a byte-order mark: decoded as it says, or an error at the first bad
/// byte.
fn with_bom(
    bytes: &[u8],
    encoding: &'static Encoding,
    bom_len: usize,
    path: &Path,
) -> Result<Decoded> {
    let body = &bytes[bom_len..];
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let offset = bom_len + first_error_offset(encoding, body);
        return Err(Error::input(
            path,
            format!(
                "invalid {} data at byte offset {offset} (the file starts with a {} byte-order mark)",
                encoding.name(),
                encoding.name()
            ),
        ));
    }
    finish(text.into_owned(), encoding, path)
}

/// The legacy encoding of text that is neither UTF-8 nor labelled (chardetng's guess).
fn guess_encoding(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, Utf8Detection::Allow);
    if encoding == WINDOWS_1250 || encoding == ISO_8859_2 {
        // On short texts chardetng confuses Western and Central European Latin ("naďvely",
        // "Ł5"). Both decodings are all letters for Western text, while Central European
        // text read as windows-1252 breaks words with symbols ("zosta³y"): on a tie this tool,
        // which reads mostly English news, takes windows-1252.
        let (western, errors) = WINDOWS_1252.decode_without_bom_handling(bytes);
        let (central, _) = encoding.decode_without_bom_handling(bytes);
        if !errors && symbols_inside_words(&western) <= symbols_inside_words(&central) {
            return WINDOWS_1252;
        }
    }
    encoding
}

/// Non-ASCII symbols standing between two letters: the mark of text decoded with the wrong
/// single-byte encoding.
fn symbols_inside_words(text: &str) -> usize {
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(3)
        .filter(|w| {
            w[0].is_alphabetic()
                && w[2].is_alphabetic()
                && !w[1].is_ascii()
                && !w[1].is_alphabetic()
                && !matches!(
                    w[1],
                    '\u{2019}' | '\u{2018}' | '\u{2013}' | '\u{2014}' | '\u{b7}'
                )
        })
        .count()
}

fn finish(text: String, encoding: &'static Encoding, path: &Path) -> Result<Decoded> {
    // A NUL inside decoded UTF-16 text is as binary as a raw one.
    if let Some(offset) = text.find('\0') {
        return Err(Error::input(
            path,
            format!("binary data, not text (NUL character at character offset {offset})"),
        ));
    }
    Ok(Decoded {
        text: repair_double_encoding(text),
        encoding: encoding.name(),
    })
}

/// What gives binary data away, where: a NUL byte, or control bytes that no text holds
/// (tab, line breaks, form feed, backspace and escape aside) making 1 % of the first 8 KiB.
/// Text in any encoding, single-byte or not, keeps its control bytes to those few.
pub(crate) fn looks_binary(bytes: &[u8]) -> Option<String> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Some(format!("NUL byte at offset {offset}"));
    }
    let is_control =
        |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x08 | 0x0B | 0x0C | 0x1B);
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample.iter().filter(|&&b| is_control(b)).count();
    if controls < 4 || controls * 100 < sample.len() {
        return None;
    }
    let offset = sample.iter().position(|&b| is_control(b))?;
    Some(format!(
        "control byte 0x{:02X} at offset {offset}",
        sample[offset]
    ))
}

/// UTF-16 text without a BOM shows NUL in every other byte of its ASCII letters.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(512)];
    if sample.len() < 4 {
        return None;
    }
    let even_nul = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let half = sample.len() / 2;
    if odd_nul * 10 >= half * 8 && even_nul * 10 <= half {
        Some(UTF_16LE)
    } else if even_nul * 10 >= half * 8 && odd_nul * 10 <= half {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Byte offset of the first sequence `encoding` cannot decode.
fn first_error_offset(encoding: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len() * 3 + 16),
    );
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            read.saturating_sub(bad as usize + after as usize)
        }
        _ => read,
    }
}

/// A charset declared in the first 2 kB: `<meta charset=..>`, `content="..; charset=.."` or
/// `<?xml .. encoding=".."?>`.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(2048)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    for key in [&b"charset="[..], &b"encoding="[..]] {
        let Some(pos) = find(&lower, key) else {
            continue;
        };
        let rest = &head[pos + key.len()..];
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'>' | b'?' | b'/'))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(&rest[..end]) {
            return Some(enc);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// UTF-8 with stray bytes: valid multi-byte sequences, at least as many as invalid bytes.
/// Legacy-encoded text almost never forms valid UTF-8 sequences by chance (that needs an
/// accented capital followed by symbols like "©"), so any is strong evidence.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    multibyte > 0 && invalid <= multibyte
}

fn utf8_with_stray_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        let (stray, _) = WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        out.push_str(&stray);
    }
    out
}

/// Undo UTF-8 that was decoded as Windows-1252 and saved again ("CafÃ© â€” Ã©tÃ©"), the mojibake
/// scrapers pass on most. Only when the whole text maps back to valid UTF-8, which plain
/// Latin-1 text like "São Paulo" never does.
fn repair_double_encoding(text: String) -> String {
    const MARKERS: &[&str] = &["Ã", "â€", "Â"];
    if !MARKERS.iter().any(|m| text.contains(m)) {
        return text;
    }
    let (bytes, _, unmappable) = WINDOWS_1252.encode(&text);
    if unmappable {
        return text;
    }
    match String::from_utf8(bytes.into_owned()) {
        Ok(fixed) if fixed.chars().count() < text.chars().count() => fixed,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<Decoded> {
        decode_bytes(bytes, Path::new("t"))
    }

    #[test]
    fn utf8_and_boms() {
        assert_eq!(dec("café".as_bytes()).unwrap().text, "café");
        assert_eq!(dec(b"\xEF\xBB\xBFcaf\xC3\xA9").unwrap().text, "café");
        assert_eq!(dec(b"\xFF\xFEc\0a\0f\0\xE9\0").unwrap().text, "café");
        assert_eq!(dec(b"\xFE\xFF\0c\0a\0f\0\xE9").unwrap().text, "café");
    }

    /// Regression: random bytes without a NUL were decoded as Windows-1252 and then called
    /// Welsh by the language filter; 20 KB of control bytes "held no article text".
    #[test]
    fn control_bytes_without_a_nul_are_binary() {
        let mut state = 7u32;
        let random: Vec<u8> = (0..5000)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                ((state >> 16) % 255 + 1) as u8
            })
            .collect();
        let e = dec(&random).unwrap_err().to_string();
        assert!(e.contains("binary data, not text (control byte 0x"), "{e}");
        let e = dec(&[0x01; 20_000]).unwrap_err().to_string();
        assert!(e.contains("control byte 0x01 at offset 0"), "{e}");
        // Text keeps a stray control byte, and terminal escapes and backspaces.
        let text = "The talks resumed.\x1b[1m Bold\x1b[0m and N\x08N.\x07 Then a bell.\n".repeat(3);
        assert!(dec(text.as_bytes()).is_ok());
    }

    /// Regression (a UTF-32 file with its byte-order mark was reported as "NUL character at
    /// character offset 0", as if it were broken UTF-16).
    #[test]
    fn utf32_was_called_broken_utf16() {
        for bom in [&b"\xFF\xFE\0\0c\0\0\0"[..], &b"\0\0\xFE\xFF\0\0\0c"[..]] {
            let e = dec(bom).unwrap_err().to_string();
            assert!(e.contains("UTF-32"), "{e}");
        }
    }

    #[test]
    fn windows_1252_is_detected() {
        let d = dec(b"The minister\x92s caf\xE9 \x96 \x93quoted\x94 words here.").unwrap();
        assert_eq!(
            d.text,
            "The minister\u{2019}s café \u{2013} \u{201C}quoted\u{201D} words here."
        );
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn central_european_text_stays_central_european() {
        let polish = "Negocjacje w Genewie zostały wznowione we wtorek. Przedstawiciele obu stron \
                      zgodzili się na porządek obrad, który obejmuje wymianę jeńców, wycofanie \
                      ciężkiej broni i korytarze humanitarne. Zażółć gęślą jaźń.";
        let (bytes, _, _) = WINDOWS_1250.encode(polish);
        let d = dec(&bytes).unwrap();
        assert_eq!(d.text, polish);
        assert_eq!(d.encoding, "windows-1250");
    }

    #[test]
    fn declared_charset_is_used() {
        let d = dec(b"<html><head><meta charset=\"iso-8859-2\"></head><body>\xB3\xF3d\xBC</body>")
            .unwrap();
        assert!(d.text.contains("łódź"), "{}", d.text);
    }

    #[test]
    fn stray_byte_in_utf8_keeps_utf8() {
        let d = dec(b"Caf\xC3\xA9 and na\xC3\xAFve and the minister\x92s word").unwrap();
        assert_eq!(d.text, "Café and naïve and the minister\u{2019}s word");
    }

    #[test]
    fn double_encoded_utf8_is_repaired() {
        let d = dec("CafÃ© â€” Ã©tÃ©".as_bytes()).unwrap();
        assert_eq!(d.text, "Café — été");
        assert_eq!(
            dec("São Paulo, Ã  la".as_bytes()).unwrap().text,
            "São Paulo, Ã  la"
        );
    }

    #[test]
    fn binary_is_refused() {
        let e = dec(b"\x7FELF\x02\x01\x01\0\0\0").unwrap_err().to_string();
        assert!(e.contains("binary") && e.contains("offset 7"), "{e}");
        let e = dec(b"h\0e\0l\0l\0o\0 \0w\0o\0r\0l\0d\0")
            .unwrap_err()
            .to_string();
        assert!(e.contains("UTF-16 without a byte-order mark"), "{e}");
    }

    #[test]
    fn bad_utf16_names_offset() {
        // An unpaired high surrogate.
        let e = dec(b"\xFF\xFEa\0\x00\xD8b\0").unwrap_err().to_string();
        assert!(e.contains("UTF-16LE") && e.contains("offset"), "{e}");
    }
}
