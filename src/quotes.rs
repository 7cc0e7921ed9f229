//! Quote marks, in every style news uses: “…”, "…", ``…'' (newswire), ''…'', ‘…’. What each
//! stage needs to know about them lives here, so that the styles are listed once: the text
//! outside quotations (cleaning), a sentence that is one quotation (splitting, selection), the
//! quotation a sentence opens or leaves open (selection).

/// The double-quote styles as (opening, closing) marks: curly, newswire, straight.
const PAIRS: [(&str, &str); 3] = [("\u{201c}", "\u{201d}"), ("``", "''"), ("\"", "\"")];

/// The text after the opening quote of a sentence that opens with one, with that quote's
/// closing mark.
pub fn opening(text: &str) -> Option<(&str, &'static str)> {
    PAIRS
        .iter()
        .find_map(|&(open, close)| Some((text.strip_prefix(open)?, close)))
}

/// The length of the opening quote of a text that is one quotation from start to end (no
/// closing mark of its style inside, so no speaker named between two quoted parts).
pub fn bare_quotation(text: &str) -> Option<usize> {
    let (body, close) = opening(text)?;
    let inner = body.trim_end().strip_suffix(close)?;
    let open = &text[..text.len() - body.len()];
    (!inner.contains(close) && !inner.contains(open)).then_some(open.len())
}

/// The double-quote marks of one text, by style: opening minus closing for the curly and the
/// newswire styles, and the count of straight '"' (which open and close alike).
pub struct Marks {
    pub curly: i32,
    pub newswire: i32,
    pub straight: usize,
}

impl Marks {
    pub fn of(text: &str) -> Marks {
        let count = |pattern: &str| text.matches(pattern).count() as i32;
        Marks {
            curly: count("\u{201c}") - count("\u{201d}"),
            newswire: count("``") - count("''"),
            straight: text.matches('"').count(),
        }
    }
}

/// `text` with every quoted stretch replaced by a space; a quotation opened but never closed
/// inside the paragraph runs on to its end (it goes on in the next one).
pub fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut closer: Option<&str> = None;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let (skip, keep) = match closer {
            Some(close) => match close_at(rest, close) {
                Some(n) => {
                    closer = None;
                    (n, false)
                }
                None => (c.len_utf8(), false),
            },
            None => match (stray_closer(rest, &out), open_at(rest, &out)) {
                // A quotation opened in an earlier paragraph ends here: what came before
                // was quoted.
                (Some(n), _) => {
                    out.clear();
                    out.push(' ');
                    (n, false)
                }
                (None, Some((n, close))) => {
                    closer = Some(close);
                    out.push(' ');
                    (n, false)
                }
                (None, None) => (c.len_utf8(), true),
            },
        };
        if keep {
            out.push(c);
        }
        rest = &rest[skip..];
    }
    out
}

/// A closing quote at the start of `rest` outside any quotation: ” anywhere, '' and " right
/// after a word or punctuation (an opening one follows a space).
fn stray_closer(rest: &str, before: &str) -> Option<usize> {
    if rest.starts_with('\u{201d}') {
        return Some('\u{201d}'.len_utf8());
    }
    let after_word = before.chars().last().is_some_and(|c| !c.is_whitespace());
    let mark = ["''", "\""].into_iter().find(|m| rest.starts_with(m))?;
    after_word.then_some(mark.len())
}

/// An opening quote at the start of `rest`: its length and the closer it waits for.
fn open_at(rest: &str, before: &str) -> Option<(usize, &'static str)> {
    for (open, close) in [
        ("``", "''"),
        ("''", "''"),
        ("\u{201c}", "\u{201d}"),
        ("\"", "\""),
    ] {
        if rest.starts_with(open) {
            return Some((open.len(), close));
        }
    }
    // ‘ opens a quote only at the start of a word (’ is also the apostrophe of "Russia’s").
    let at_word_start = before.chars().last().is_none_or(|c| !c.is_alphanumeric());
    (rest.starts_with('\u{2018}') && at_word_start).then_some(('\u{2018}'.len_utf8(), "\u{2019}"))
}

/// The length of `close` at the start of `rest`, when it closes the quotation there.
fn close_at(rest: &str, close: &str) -> Option<usize> {
    let after = rest.strip_prefix(close)?;
    // ’ followed by a letter is an apostrophe inside the quotation.
    let is_apostrophe =
        close == "\u{2019}" && after.chars().next().is_some_and(char::is_alphanumeric);
    (!is_apostrophe).then_some(close.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_quotation_in_any_style() {
        for (text, open) in [
            ("\u{201c}We will win. We have to.\u{201d}", 3),
            ("``We will win. We have to.''", 2),
            ("\"We will win.\"", 1),
        ] {
            assert_eq!(bare_quotation(text), Some(open), "{text}");
        }
        for text in [
            "\u{201c}We will win,\u{201d} he said, \u{201c}we have to.\u{201d}",
            "``We will win,'' he said.",
            "He said: \"We will win.\"",
        ] {
            assert_eq!(bare_quotation(text), None, "{text}");
        }
        assert_eq!(
            opening("``We will,'' he said."),
            Some(("We will,'' he said.", "''"))
        );
        let m = Marks::of("``Open \u{201c}closed\u{201d} \"straight");
        assert_eq!((m.curly, m.newswire, m.straight), (0, 1, 1));
    }

    fn squash(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn every_style_is_removed() {
        for text in [
            "\u{201c}You will see,\u{201d} he said.",
            "\"You will see,\" he said.",
            "``You will see,'' he said.",
            "''You will see,'' he said.",
            "\u{2018}You will see,\u{2019} he said.",
        ] {
            assert_eq!(squash(&unquoted(text)), "he said.", "{text}");
        }
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        assert_eq!(
            squash(&unquoted("He said: ``You will see the day")),
            "He said:"
        );
    }

    #[test]
    fn a_quote_closed_but_not_opened_started_earlier() {
        assert_eq!(squash(&unquoted("you can see it,'' he said.")), "he said.");
        assert_eq!(
            squash(&unquoted("you can see it,\u{201d} he said.")),
            "he said."
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            unquoted("Russia\u{2019}s envoy said \u{2018}we don\u{2019}t know\u{2019} twice."),
            "Russia\u{2019}s envoy said   twice."
        );
    }
}
