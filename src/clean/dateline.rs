//! Datelines and agency tags at the head of a story: "LONDON (AP) _ ", "MOBILE, Ala. (AP) -- ",
//! "WASHINGTON - ", "KYIV, Ukraine — ", "BEIJING, Oct. 17 (Xinhua) -- ", "(MENAFN) ".

use regex::Regex;
use std::sync::LazyLock;

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // "EILAT (ISRAEL), April 30 (Xinhua) -- ": Xinhua puts the country in brackets.
    let place =
        r"[A-Z][A-Za-z.'\-]*(?:[ ,]+[A-Z][A-Za-z.'\-]*){0,3}(?:\s+\([A-Z][A-Za-z.' ]{1,30}\))?";
    let date = r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?";
    let agency = r"(?:\s*\([A-Za-z][A-Za-z\- ]*\)|\s*\[[A-Z]{2,}\])?";
    // A single hyphen only after a capitalised place ("WASHINGTON - "): in running text a
    // spaced hyphen follows ordinary words too.
    let upper_place = r"[A-Z][A-Z.'\-]+(?:[ ,]+[A-Z][A-Za-z.'\-]*){0,3}";
    Regex::new(&format!(
        r"^(\([A-Z][A-Za-z]+\)\s+|{place}{date}{agency}\s*(?:_|--|\u{{2014}}|\u{{2013}}|:)\s+|{upper_place}{date}{agency}\s+-\s+)[A-Z0-9\u{{201c}}`'\x22]"
    ))
    .expect("dateline pattern")
});

/// An agency's byline before its dateline: "(by Wang Jinyu) NAIROBI, June 12 (Xinhua) -- ".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\((?:by|By|BY) [A-Z][A-Za-z.'\- ]{1,40}\)\s+").expect("byline pattern")
});

/// A live blog's time stamp before an entry: "9.06am BST", "[09:06]", "09:06 GMT",
/// "UPDATE 9:06 a.m. ET:", "2h ago:".
static LIVE_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    let zone = r"(?:GMT|BST|UTC|CET|CEST|EET|EEST|MSK|EST|EDT|CST|CDT|PST|PDT|ET|PT|IST|JST)";
    // A time alone is stamped by a zone, a bracket or a colon or dash after it: "10 am Monday
    // was the deadline" is a sentence.
    let time = r"\d{1,2}(?:[.:]\d{2})?\s*[ap]\.?m\.?|\d{1,2}[.:]\d{2}";
    let delim = r"\s*[:\-\u{2013}\u{2014}]";
    Regex::new(&format!(
        r"^((?:\[\d{{1,2}}[.:]\d{{2}}\]|(?:UPDATED?:?\s+)?(?:{time})(?:\s+{zone})?{delim}|(?:{time})\s+{zone}|UPDATED?:?\s+(?:{time})|\d{{1,3}}\s*(?:h|hrs?|hours?|m|mins?|minutes?)\s+ago(?:{delim})?)\s+)[A-Z0-9\u{{201c}}\x22]"
    ))
    .expect("live stamp pattern")
});

/// Remove a leading dateline or agency tag (and a byline before it), or a live blog's time
/// stamp; the sentence after it stands on its own.
pub fn strip_dateline(block: &str) -> &str {
    if let Some(stamp) = LIVE_STAMP.captures(block).and_then(|c| c.get(1)) {
        return &block[stamp.end()..];
    }
    let block = BYLINE.find(block).map_or(block, |m| &block[m.end()..]);
    let Some(head) = DATELINE.captures(block).and_then(|c| c.get(1)) else {
        return block;
    };
    // A real dateline is short; a long match is a sentence with a colon in it.
    if head.as_str().split_whitespace().count() <= 6 {
        &block[head.end()..]
    } else {
        block
    }
}

#[cfg(test)]
mod tests {
    use super::strip_dateline;

    #[test]
    fn the_usual_forms_are_stripped() {
        for (line, rest) in [
            (
                "LONDON (AP) _ An influential lawmaker spoke.",
                "An influential lawmaker spoke.",
            ),
            (
                "MOBILE, Ala. (AP) -- A white supremacist was held.",
                "A white supremacist was held.",
            ),
            ("WASHINGTON - The Senate voted.", "The Senate voted."),
            ("WASHINGTON _ The Senate voted.", "The Senate voted."),
            (
                "KYIV, Ukraine \u{2014} Drones struck overnight.",
                "Drones struck overnight.",
            ),
            // Regression: live blogs' time stamps stayed in digest sentences.
            (
                "9.06am BST Pinochet was arrested.",
                "Pinochet was arrested.",
            ),
            ("[09:06] Pinochet was arrested.", "Pinochet was arrested."),
            ("09:06 GMT Pinochet was arrested.", "Pinochet was arrested."),
            (
                "UPDATE 9:06 a.m. ET: Pinochet was arrested.",
                "Pinochet was arrested.",
            ),
            ("2h ago: Pinochet was arrested.", "Pinochet was arrested."),
            (
                "10 mins ago Pinochet was arrested.",
                "Pinochet was arrested.",
            ),
            // Regression: Xinhua's bracketed country kept the dateline (duc2007 D0743J).
            (
                "EILAT (ISRAEL), April 30 (Xinhua) -- Negotiators opened talks.",
                "Negotiators opened talks.",
            ),
            (
                "ISTANBUL (Turkey), August 21 (Xinhua) -- Blaze hit a depot.",
                "Blaze hit a depot.",
            ),
            (
                "BEIJING, Oct. 17 (Xinhua) -- China said so.",
                "China said so.",
            ),
            (
                "(MENAFN) U.S. officials said so.",
                "U.S. officials said so.",
            ),
            (
                "Washington, DC [US]: US Secretary spoke.",
                "US Secretary spoke.",
            ),
            (
                "JERUSALEM (AP) _ ``We will not,'' he said.",
                "``We will not,'' he said.",
            ),
            // Regression: duc2007's Xinhua "(by Wang Jinyu)" byline kept its dateline.
            (
                "(by Wang Jinyu) NAIROBI, June 12 (Xinhua) -- The Kenyan government spoke.",
                "The Kenyan government spoke.",
            ),
            (
                "(By Jane Doe) The Kenyan government spoke.",
                "The Kenyan government spoke.",
            ),
        ] {
            assert_eq!(strip_dateline(line), rest, "{line}");
        }
    }

    #[test]
    fn sentences_with_colons_and_dashes_stay() {
        for line in [
            "He said: Nothing.",
            "The deal - if it holds - would end the war.",
            "Iran and Iraq - the two neighbours - fought.",
            // Times that are the sentence's own.
            "10 am Monday was the deadline the envoys had set.",
            "12.50 dollars a barrel was the price.",
            "5 hours ago the talks collapsed.",
        ] {
            assert_eq!(strip_dateline(line), line);
        }
    }
}
