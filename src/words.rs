//! Word-level helpers shared by the stages: tokens, stopwords, stemmed content words.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashSet;
use std::sync::LazyLock;

/// Common English function words (pronouns, determiners, auxiliaries, prepositions,
/// conjunctions). Used for jusText-style stopword density and to find content words.
const STOPWORDS: &str = "a about above after again against all also am an and any are aren't as at be \
because been before being below between both but by can can't cannot could couldn't did didn't do \
does doesn't doing don't down during each few for from further had hadn't has hasn't have haven't \
having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've \
if in into is isn't it it's its itself let's me more most mustn't my myself no nor not of off on \
once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should \
shouldn't so some such than that that's the their theirs them themselves then there there's these \
they they'd they'll they're they've this those through to too under until up very was wasn't we \
we'd we'll we're we've were weren't what what's when when's where where's which while who who's \
whom why why's will with won't would wouldn't you you'd you'll you're you've your yours yourself \
yourselves said says say mr mrs ms just one two new would will may might must shall us";

static STOPWORD_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOPWORDS.split_whitespace().collect());

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Lower-cased word tokens (letters, digits, inner apostrophes), typographic quotes folded.
pub fn tokens(text: &str) -> Vec<String> {
    token_iter(text).collect()
}

/// The tokens of [`tokens`] one at a time, for callers that need no list of them.
pub fn token_iter(text: &str) -> impl Iterator<Item = String> + '_ {
    pieces(text).map(|t| {
        // Most tokens are already lower-case ASCII: one allocation instead of two.
        if is_lower_ascii(t) {
            t.to_owned()
        } else {
            t.replace('\u{2019}', "'").to_lowercase()
        }
    })
}

/// Each token of [`token_iter`], lent to `f` instead of allocated: a hot path (story features
/// read every lead word) only copies the tokens it keeps. Non-ASCII capitals go through an
/// allocation as in [`token_iter`]; ASCII ones are lower-cased into a reused buffer.
pub fn for_each_token(text: &str, mut f: impl FnMut(&str)) {
    let mut lower = String::new();
    for t in pieces(text) {
        if is_lower_ascii(t) {
            f(t);
        } else if t.is_ascii() {
            lower.clear();
            lower.extend(t.chars().map(|c| c.to_ascii_lowercase()));
            f(&lower);
        } else {
            f(&t.replace('\u{2019}', "'").to_lowercase());
        }
    }
}

/// The tokens of a text as written: runs of letters, digits and apostrophes, outer apostrophes
/// trimmed, empty ones left out.
fn pieces(text: &str) -> impl Iterator<Item = &str> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .map(|t| t.trim_matches(['\'', '\u{2019}']))
        .filter(|t| !t.is_empty())
}

/// Already a token as it is: lower-case ASCII letters, digits and straight apostrophes.
fn is_lower_ascii(t: &str) -> bool {
    t.bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'\'')
}

pub fn is_stopword(token: &str) -> bool {
    STOPWORD_SET.contains(token)
}

/// Stemmed tokens that are not stopwords or pure punctuation: what a sentence is about.
pub fn content_words(text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|t| !is_stopword(t) && t.chars().any(char::is_alphanumeric))
        .map(|t| STEMMER.stem(&t).into_owned())
        .collect()
}

/// Porter2 stem of a lower-cased token.
pub fn stem(token: &str) -> String {
    STEMMER.stem(token).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_quotes_and_case() {
        assert_eq!(
            tokens("Russia\u{2019}s stance, U.S.-led"),
            vec!["russia's", "stance", "u", "s", "led"]
        );
    }

    proptest::proptest! {
        #[test]
        fn lent_tokens_are_the_tokens(text in "[a-zA-Z0-9'\u{2019} .,\u{c9}\u{e9}\u{130}\u{df}-]{0,40}") {
            let mut lent = Vec::new();
            for_each_token(&text, |t| lent.push(t.to_owned()));
            proptest::prop_assert_eq!(lent, tokens(&text));
        }
    }

    #[test]
    fn content_words_drop_stopwords_and_stem() {
        assert_eq!(
            content_words("The talks were resumed"),
            vec!["talk", "resum"]
        );
    }
}
