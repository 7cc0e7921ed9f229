//! Wire slugs and editors' tags left at the end of a paragraph ("MORE", "(djp)", "jl",
//! "3rd graf pvs", "-30-"): stripped, so that the paragraph ends like the sentence it is.

use regex::Regex;
use std::sync::LazyLock;

static TRAILING_TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?:",
        // "(MORE)", "MORE", "(END)", "END", "-30-", "NNNN", "###"
        r"\s+(?:MORE|END)|\s*\((?:MORE|END|more|end)\)|\s*-30-|\s*NNNN|\s*#{2,}|\s*_{3,}",
        // "(djp)", "(ml/jk)"
        r"|\s*\([a-z]{1,4}(?:[/-][a-z]{1,4})*\)",
        // SGML entities of the NYT wire ("&QL;", "&UR;")
        r"|\s*&[A-Z]{2};",
        // ", 3rd graf pvs", ", graf 3 pvs kl", ", 5th graf"
        r"|,?\s+(?:\d+(?:st|nd|rd|th)\s+grafs?|grafs?\s+\d+)(?:\s+pvs\w*)?(?:\s+[a-z]{1,4})?",
        r")\s*$"
    ))
    .expect("tag pattern")
});

/// Initials after a finished sentence: "... contest. jl", "... affairs. str-mae-vj".
static TRAILING_INITIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([.!?"'\u{201d})])\s+[a-z]{1,4}(?:-[a-z]{1,4}){0,3}\s*$"#).expect("initials")
});

static LEADING_ENTITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:&[A-Z]{2};\s*)+").expect("entity"));

/// `block` without the wire slugs at its end (several may follow each other) and the wire's
/// SGML entities at its start.
pub fn strip_slugs(block: &str) -> &str {
    let start = LEADING_ENTITY.find(block).map_or(0, |m| m.end());
    let mut text = block[start..].trim_end();
    loop {
        let before = text.len();
        if let Some(m) = TRAILING_TAG.find(text) {
            // A block that is nothing but a tag stays as it is; the noise rules judge it.
            if m.start() > 0 {
                text = text[..m.start()].trim_end();
            }
        }
        if let Some(c) = TRAILING_INITIALS.captures(text) {
            if let Some(end) = c.get(1) {
                text = &text[..end.end()];
            }
        }
        if text.len() == before {
            return text;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::strip_slugs;

    #[test]
    fn slugs_and_tags_are_stripped() {
        for (line, rest) in [
            (
                "The talks resumed on Monday. MORE",
                "The talks resumed on Monday.",
            ),
            (
                "The talks resumed on Monday. (MORE)",
                "The talks resumed on Monday.",
            ),
            (
                "The talks resumed on Monday. (djp)",
                "The talks resumed on Monday.",
            ),
            ("The talks resumed. jl", "The talks resumed."),
            (
                "The king was in hospital. str-mae-vj",
                "The king was in hospital.",
            ),
            ("Turkey often, 15th graf pvs", "Turkey often"),
            ("Chile said, graf 3 pvs", "Chile said"),
            ("The Mahane, 3rd graf pvs kl", "The Mahane"),
            ("It ended. -30-", "It ended."),
            (
                "&QL; It would be set lower.'' &QL;",
                "It would be set lower.''",
            ),
        ] {
            assert_eq!(strip_slugs(line), rest, "{line}");
        }
    }

    #[test]
    fn ordinary_endings_stay() {
        for line in [
            "He said he would return in the end.",
            "Nobody knew how it would end",
            "The vote is expected on the 3rd.",
            "MORE",
            "Prices rose (see table).",
        ] {
            assert_eq!(strip_slugs(line), line);
        }
    }
}
