//! Reference marks: the footnote calls of pages copied from Wikipedia and the like ("said.[1]",
//! "in 2014[12][13]", "[citation needed]"). They are no part of a sentence, and glued to the
//! next one ("said.[1]The talks…") they hide a sentence boundary.

use regex::{Captures, Regex};
use std::borrow::Cow;
use std::sync::LazyLock;

/// A run of marks right after a word or punctuation, and the character after it.
static MARKS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"([^\s\[])((?:\[(?:\d{1,3}|citation needed|clarification needed|note \d{1,3})\])+)(\S?)",
    )
    .expect("reference mark pattern")
});

/// `text` without reference marks; a mark between two sentences leaves a space.
pub fn strip_reference_marks(text: &str) -> Cow<'_, str> {
    if !text.contains('[') {
        return Cow::Borrowed(text);
    }
    MARKS.replace_all(text, |c: &Captures| {
        let next = &c[3];
        let space = if next.chars().next().is_some_and(char::is_alphanumeric) {
            " "
        } else {
            ""
        };
        format!("{}{space}{next}", &c[1])
    })
}

#[cfg(test)]
mod tests {
    use super::strip_reference_marks as strip;

    /// Regression: "said.[1]The talks…" was one sentence, marks and all.
    #[test]
    fn footnote_calls_go_and_leave_the_sentence_boundary() {
        assert_eq!(
            strip("officials said.[1]The talks resumed[2][3], diplomats said.[citation needed]"),
            "officials said. The talks resumed, diplomats said."
        );
        assert_eq!(strip("the figure[12] rose"), "the figure rose");
        // Brackets that are text stay: a list item, an editor's insertion, a lone mark.
        for kept in [
            "[1] First point",
            "he [the minister] said",
            "x [1] y",
            "see [2024]",
        ] {
            assert_eq!(strip(kept), kept);
        }
    }
}
