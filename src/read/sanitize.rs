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

/// A control character other than newline and tab (carriage return included: it is mapped).
fn is_stripped(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// Strip control characters from every text field of `a`.
pub fn sanitize_article(a: &mut super::Article) {
    let clean = |s: &mut String| {
        if s.chars().any(is_stripped) {
            *s = strip_controls(s);
        }
    };
    clean(&mut a.id);
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

    #[test]
    fn escapes_are_stripped_newlines_and_tabs_kept() {
        let s = "a\u{1b}]0;pwned\u{7}b\u{1b}[2Jc\u{9b}31md\te\r\nf\rg\u{7f}";
        assert_eq!(strip_controls(s), "a]0;pwnedb[2Jc31md\te\nf\ng");
        assert_eq!(strip_controls("plain, café"), "plain, café");
    }
}
