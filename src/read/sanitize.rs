//! Control characters out of article text.
//!
//! Article text ends up on terminals (text output, `--explain`) and in Markdown and HTML files
//! that are later `cat`ed: an ESC or BEL from a scraped page would let it set the terminal
//! title, write the clipboard (OSC 52) or clear the screen. Every article field passes through
//! [`strip_controls`] once it is parsed, whatever its format (entities like `&#27;` and JSON
//! `\u001b` included, which decode only in the parsers).

/// `s` without C0 and C1 control characters (and DEL), keeping newline and tab; a carriage
/// return becomes a newline, as the text readers treat it.
pub fn strip_controls(s: &str) -> String {
    if !s.chars().any(is_stripped) {
        return s.to_string();
    }
    let s = s.replace("\r\n", "\n");
    s.chars()
        .filter_map(|c| match c {
            '\r' => Some('\n'),
            c if is_stripped(c) => None,
            c => Some(c),
        })
        .collect()
}

/// A control character other than newline and tab (carriage return included: it is mapped),
/// or a bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069): those
/// reorder how the rest of a line displays, so a scraped title could show one text and hold
/// another. The marks U+200E/U+200F that right-to-left text needs stay.
///
/// Invisible word-breaking hints go too: the soft hyphen (U+00AD), zero-width space (U+200B),
/// word joiner (U+2060) and a byte-order mark inside the text (U+FEFF). Typesetting systems
/// sprinkle them into words ("de&shy;fi&shy;cit"), which then no longer match the same word
/// elsewhere: copies of one article were counted as three outlets and their words as new
/// concepts. The joiners U+200C/U+200D, which some scripts and emoji need, stay.
fn is_stripped(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        || matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Strip control characters from every text field of `a`.
pub fn sanitize_article(a: &mut super::Article) {
    let clean = |s: &mut String| {
        if s.chars().any(is_stripped) {
            *s = strip_controls(s);
        }
    };
    // The id is the file name: its control characters are shown escaped (`\u{1b}`), not
    // dropped, so that the name shown is the file's, as in every message.
    if a.id.chars().any(is_stripped) {
        a.id = strip_controls(&crate::stdio::printable(&a.id));
    }
    clean(&mut a.text);
    for field in [&mut a.title, &mut a.url, &mut a.source]
        .into_iter()
        .flatten()
    {
        clean(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: `clean` headed a file `e\x1b[31mred.txt` as `e[31mred.txt`, a name it
    /// does not have.
    #[test]
    fn control_characters_of_file_names_are_escaped_not_dropped() {
        let mut a = super::super::Article {
            id: "news/e\u{1b}[31mred\u{202e}.txt".into(),
            ..Default::default()
        };
        sanitize_article(&mut a);
        assert_eq!(a.id, "news/e\\u{1b}[31mred.txt");
    }

    /// Regression (a right-to-left override U+202E in a title reached every output format,
    /// where it reverses how the rest of the line displays).
    #[test]
    fn bidi_overrides_reached_the_output() {
        assert_eq!(
            strip_controls("Talks \u{202e}txt.exe\u{202c} end"),
            "Talks txt.exe end"
        );
        assert_eq!(strip_controls("a\u{2066}b\u{2069}"), "ab");
        // Arabic with its right-to-left mark is left alone.
        assert_eq!(strip_controls("\u{200f}سلام"), "\u{200f}سلام");
    }

    /// Regression (probe 16): three copies of one article, one with soft hyphens and one with
    /// zero-width spaces, were counted as three outlets, and the hyphenated copy's words
    /// reached the digest with the hyphens in them.
    #[test]
    fn soft_hyphens_and_zero_width_spaces_made_copies_look_different() {
        assert_eq!(strip_controls("de\u{ad}fi\u{ad}cit"), "deficit");
        assert_eq!(
            strip_controls("talks\u{200b} in\u{feff} Geneva\u{2060}"),
            "talks in Geneva"
        );
        // Joiners that scripts and emoji need stay.
        assert_eq!(
            strip_controls("\u{646}\u{200c}\u{645}"),
            "\u{646}\u{200c}\u{645}"
        );
    }

    #[test]
    fn escapes_are_stripped_newlines_and_tabs_kept() {
        let s = "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{9b}31md\te\r\nf\rg\u{7f}";
        assert_eq!(strip_controls(s), "a]0;pwnedb[2Jc31md\te\nf\ng");
        assert_eq!(strip_controls("plain, café"), "plain, café");
    }
}
