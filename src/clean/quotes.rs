//! Text outside quotations, in every quote style news uses: “…”, "…", ``…'', ''…'', ‘…’, and a
//! quotation opened but never closed inside the paragraph (it runs on to the next one).

/// `text` with every quoted stretch replaced by a space.
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
    use super::unquoted;

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
