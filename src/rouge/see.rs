//! DUC's SEE summary format, as ROUGE-1.5.5 reads it with `INPUT-FORMAT TYPE="SEE"`: an HTML-like
//! file with one sentence per line inside an anchor that carries an `id`, e.g.
//!
//! ```text
//! <html><head><title>D30001.M.100.T.A</title></head><body bgcolor="white">
//! <a name="1">[1]</a> <a href="#1" id=1>Cambodian leader Hun Sen ...</a>
//! <a name="2" href="#2" id=2>Opposition leaders ...</a>
//! </body></html>
//! ```
//!
//! The sentence is the text after the first `<a ...>` tag of the line that has an `id`
//! attribute, up to the next `<` (the script's `([^<]+)`). Lines without one (the HTML frame)
//! hold no sentence. The result is the one-sentence-a-line text the scorer reads, so SEE and SPL
//! versions of the same summaries score the same.

/// The sentences of a SEE file as SPL text (one per line).
pub fn see_to_spl(see: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for line in see.split(|&b| b == b'\n') {
        if let Some(sentence) = sentence_of(line) {
            out.extend_from_slice(sentence);
            out.push(b'\n');
        }
    }
    out
}

/// The text after the first anchor with an `id` attribute, up to the next `<`.
fn sentence_of(line: &[u8]) -> Option<&[u8]> {
    let mut rest = line;
    while let Some(start) = find_anchor(rest) {
        let tag_and_after = &rest[start..];
        let close = tag_and_after.iter().position(|&b| b == b'>')?;
        let tag = &tag_and_after[..close];
        let after = &tag_and_after[close + 1..];
        if has_id_attribute(tag) {
            let end = after.iter().position(|&b| b == b'<').unwrap_or(after.len());
            let text = &after[..end];
            // `[^<]+` needs at least one byte; a bare newline remainder is no sentence.
            let text = text.strip_suffix(b"\r").unwrap_or(text);
            return (!text.is_empty()).then_some(text);
        }
        rest = after;
    }
    None
}

/// Index of the next `<a` followed by whitespace (case-insensitive).
fn find_anchor(s: &[u8]) -> Option<usize> {
    s.windows(3).position(|w| {
        w[0] == b'<' && w[1].eq_ignore_ascii_case(&b'a') && w[2].is_ascii_whitespace()
    })
}

/// Whether a tag's attributes include `id=` (any case, the value quoted or not).
fn has_id_attribute(tag: &[u8]) -> bool {
    tag.windows(4).any(|w| {
        w[0].is_ascii_whitespace()
            && w[1].eq_ignore_ascii_case(&b'i')
            && w[2].eq_ignore_ascii_case(&b'd')
            && w[3] == b'='
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duc_and_one_tag_layouts_give_the_sentences() {
        let see = b"<html>\n<head>\n<title>D30001.M.100.T.A</title>\n</head>\n\
            <body bgcolor=\"white\">\n\
            <a name=\"1\">[1]</a> <a href=\"#1\" id=1>Peace talks resume.</a>\n\
            <a size=\"10\" name=\"2\">[2]</a> <a href=\"#2\" id=2>Kremlin says no.</a>\r\n\
            <a name=\"3\" href=\"#3\" id=\"3\">U.S.-led plan, ``quoted''.</a>\n\
            <A NAME=4 HREF=#4 ID=4>Upper-case tags</A>\n\
            </body>\n</html>\n";
        assert_eq!(
            see_to_spl(see),
            b"Peace talks resume.\nKremlin says no.\nU.S.-led plan, ``quoted''.\nUpper-case tags\n"
        );
    }

    #[test]
    fn frame_lines_and_empty_anchors_hold_no_sentence() {
        assert_eq!(
            see_to_spl(b"<a name=\"1\">[1]</a>\n<a href=\"#1\" id=1></a>\n"),
            b""
        );
        assert_eq!(see_to_spl(b"plain text line\n<abbr id=1>x</abbr>\n"), b"");
        assert_eq!(see_to_spl(b""), b"");
        // The sentence runs to the next tag or the end of the line.
        assert_eq!(
            see_to_spl(b"<a href=\"#1\" id=1>no closing tag\n"),
            b"no closing tag\n"
        );
    }
}
