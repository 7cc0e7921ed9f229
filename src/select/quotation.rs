//! Sentences spoken inside a quotation that opened in an earlier sentence. The splitter cuts a
//! quotation of several sentences at its sentence ends, so its middle pieces carry no quote
//! mark ("I'd rather have you die wanting to know." from “I'll never answer the question. I'd
//! rather have you die wanting to know. … ”). They read as plain statements but are someone's
//! words without their speaker, and cannot enter a digest.

use crate::quotes::Marks;
use crate::split::Sentence;

/// A quotation left open runs at most this many sentences: past it, a missing closing quote
/// is a typo, not speech.
const LONGEST_QUOTATION: usize = 6;

/// For each sentence, whether it lies inside a quotation opened by an earlier sentence of its
/// article and not yet closed.
pub fn inside_quotations(sentences: &[Sentence]) -> Vec<bool> {
    let mut inside = Vec::with_capacity(sentences.len());
    let mut article = usize::MAX;
    let mut open_for: Option<usize> = None;
    for s in sentences {
        if s.article != article {
            article = s.article;
            open_for = None;
        }
        let balance = quote_balance(&s.text);
        inside.push(open_for.is_some() && balance == 0);
        open_for = match balance {
            b if b > 0 => Some(0),
            b if b < 0 => None,
            _ => open_for.map(|n| n + 1).filter(|&n| n < LONGEST_QUOTATION),
        };
    }
    inside
}

/// A sentence that opens a quote it never closes (or the reverse) was cut out of a quotation.
pub fn balanced_quotes(text: &str) -> bool {
    let m = Marks::of(text);
    m.curly == 0 && m.newswire == 0 && m.straight.is_multiple_of(2)
}

/// Opening minus closing quotes of one sentence: > 0 when it leaves a quotation open, < 0
/// when it closes one opened before it. A straight '"' opens at the start of a sentence and
/// closes elsewhere, when their count is odd.
fn quote_balance(text: &str) -> i32 {
    let m = Marks::of(text);
    let straight = match (m.straight % 2, text.trim_start().starts_with('"')) {
        (0, _) => 0,
        (_, true) => 1,
        (_, false) => -1,
    };
    m.curly + m.newswire + straight
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::split::test_sentence as sentence;

    #[test]
    fn the_middle_of_a_split_quotation_is_inside_it() {
        // Regression: duc2007 D0701A's digest took "I'd rather have you die wanting to know.",
        // the middle of a three-sentence quotation, as a statement of its own.
        let s = [
            sentence(0, 0, "``I'll never answer the question."),
            sentence(0, 1, "I'd rather have you die wanting to know."),
            sentence(0, 2, "I'm me,'' the singer tells the writer."),
            sentence(0, 3, "The album comes out in five years."),
        ];
        assert_eq!(inside_quotations(&s), [false, true, false, false]);
        let curly = [
            sentence(0, 0, "\u{201c}We will not give up."),
            sentence(0, 1, "We will keep fighting.\u{201d}"),
            sentence(0, 2, "The talks resume on Monday."),
        ];
        assert_eq!(inside_quotations(&curly), [false, false, false]);
    }

    #[test]
    fn a_quotation_never_closed_ends_with_its_article_or_after_a_few_sentences() {
        let mut s = vec![sentence(0, 0, "\"The war must end.")];
        s.extend((1..10).map(|p| sentence(0, p, "The envoys met again.")));
        s.push(sentence(1, 0, "The envoys met in Geneva."));
        let inside = inside_quotations(&s);
        assert_eq!(inside.iter().filter(|&&i| i).count(), LONGEST_QUOTATION);
        assert!(!inside[10]);
    }

    #[test]
    fn balanced_and_attributed_quotations_leave_nothing_open() {
        let s = [
            sentence(0, 0, "\"We have made progress,\" the minister said."),
            sentence(0, 1, "He said ``the talks will go on'' after the meeting."),
            sentence(0, 2, "The talks resume on Monday."),
        ];
        assert_eq!(inside_quotations(&s), [false, false, false]);
    }
}
