//! Hard-wrapped text (e-mail, Usenet, `fold -w 72`, plain-text wire copy): every paragraph broken
//! into lines of about the same width, wherever a word ended. Its lines must be joined back into
//! paragraphs before they are judged, or each sentence is cut at its line ends, its opening
//! dropped as a line without an end and its tail kept as if it were whole.

use super::rules::ends_sentence;

/// Fewer lines than this are too few to tell a wrapping width.
const MIN_LINES: usize = 3;

/// The lines looked at: enough to tell a width, and a bound on the cost of the headline checks,
/// which ask it of every article and every cited source.
const SAMPLE_LINES: usize = 64;

/// The widths text is wrapped at (characters): e-mail's 72, terminals' 80, a narrow 40.
const WIDTHS: std::ops::RangeInclusive<usize> = 30..=100;

/// The width `text` was hard-wrapped at, if it was (judged on its first lines): nearly no line
/// is much longer than the 90th percentile of line lengths, most lines come close to it, and
/// most of those end inside a sentence. Articles with one paragraph a line (however short their paragraphs) fail the
/// first or the last test; on the development sets none passes, and 99 % of them do once
/// `fold -s` wrapped them at 60, 72 or 80 columns.
pub fn wrap_width(text: &str) -> Option<usize> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(SAMPLE_LINES)
        .collect();
    if lines.len() < MIN_LINES {
        return None;
    }
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    lengths.sort_unstable();
    let width = lengths[lengths.len() * 9 / 10];
    if !WIDTHS.contains(&width) {
        return None;
    }
    let over = lengths.iter().filter(|&&n| n * 4 > width * 5).count();
    let full: Vec<&&str> = lines
        .iter()
        .filter(|l| l.chars().count() * 4 >= width * 3)
        .collect();
    let inside_a_sentence = full.iter().filter(|l| !ends_sentence(l)).count();
    let wrapped = over * 50 <= lines.len()
        && full.len() * 10 >= lines.len() * 6
        && inside_a_sentence * 2 >= full.len();
    wrapped.then_some(width)
}

/// Whether a line of a text wrapped at `width` runs on into the next: it reaches near the
/// width (a paragraph's last line, a title or a byline stops short).
pub fn runs_on(line: &str, width: usize) -> bool {
    line.chars().count() * 5 >= width * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    const PARAGRAPH: &str =
        "Rescue teams searched the river on Wednesday for six workers who were \
        on the Francis Scott Key Bridge when it collapsed after a container ship struck one of \
        its pillars early on Tuesday, officials said. Divers found two bodies in a pickup truck \
        near the wreckage, and the search for the others was called off at nightfall because of \
        the currents and the debris, the state police said.";

    fn fold(text: &str, width: usize) -> String {
        let mut out = String::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            if !line.is_empty() && line.len() + 1 + word.len() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out + &line + "\n"
    }

    #[test]
    fn folded_text_is_wrapped_and_paragraph_lines_are_not() {
        let folded = format!(
            "Bridge collapse in Baltimore\n\n{}\n{}",
            fold(PARAGRAPH, 72),
            fold(PARAGRAPH, 72)
        );
        let width = wrap_width(&folded).expect("wrapped");
        assert!((60..=72).contains(&width), "{width}");
        assert!(!runs_on("Bridge collapse in Baltimore", width));
        let one_a_line = format!(
            "Bridge collapse in Baltimore\n{}\n",
            [PARAGRAPH; 8].join("\n")
        );
        assert_eq!(wrap_width(&one_a_line), None);
        // Short sentences one a line (reviews, lists) are no wrapping.
        let short =
            "The battery lasts a day.\nThe screen is sharp and bright.\nIt is light.\n".repeat(3);
        assert_eq!(wrap_width(&short), None);
    }
}
