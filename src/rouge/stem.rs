//! ROUGE-1.5.5's `-m` stemming: the WordNet 2.0 exception table first, then the script's own
//! variant of the original Porter (1980) stemmer.
//!
//! The Porter rules are written with the same regular expressions as the Perl script (through the
//! `regex` crate, whose "is there a match" answer equals Perl's for these backreference-free
//! patterns), so the quirky corners — `y` handling, and Chin-Yew Lin's 2004 change to step 4 that
//! re-tests `-ment` and `-ent` after the first suffix rule — behave exactly as in ROUGE-1.5.5.
//! rust-stemmers is Porter2 and gives different stems, hence this module.

use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

/// `inflected<TAB>base` pairs as ROUGE-1.5.5's `WordNet-2.0.exc.db` holds them (WordNet licence in
/// `data/LICENSE-WordNet.txt`).
const EXCEPTIONS_TSV: &str = include_str!("data/wordnet-2.0-exceptions.tsv");

fn exceptions() -> &'static HashMap<&'static str, &'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        EXCEPTIONS_TSV
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .collect()
    })
}

/// The regular expressions of the Perl stemmer's `initialise`.
struct Patterns {
    mgr0: Regex,
    meq1: Regex,
    mgr1: Regex,
    has_vowel: Regex,
    cvc: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // Same building blocks as the script: `y` is a consonant where a consonant sequence starts.
        let c = "[^aeiou]";
        let v = "[aeiouy]";
        let cs = format!("{c}[^aeiouy]*");
        let vs = format!("{v}[aeiou]*");
        let build = |p: String| Regex::new(&p).expect("constant Porter pattern");
        Patterns {
            mgr0: build(format!("^({cs})?{vs}{cs}")),
            meq1: build(format!("^({cs})?{vs}{cs}({vs})?$")),
            mgr1: build(format!("^({cs})?{vs}{cs}{vs}{cs}")),
            has_vowel: build(format!("^({cs})?{v}")),
            cvc: build(format!("^{cs}{v}[^aeiouwxy]$")),
        }
    })
}

/// ROUGE's `MorphStem`: the exception table, else the Porter stemmer. The caller applies it only
/// to tokens longer than 3 bytes, as the script does.
pub fn morph_stem(token: &str) -> String {
    match exceptions().get(token) {
        Some(base) => (*base).to_string(),
        None => porter(token),
    }
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
];

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

/// Step 4 as modified by CYL (02/14/2004): `-ement` is in this list, `-ment` and `-ent` are
/// tried afterwards on whatever this rule left.
const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ou", "ism", "ate", "iti",
    "ous", "ive", "ize",
];

/// The suffix a Perl alternation `(a|b|...)$` matches: the leftmost match, i.e. the longest
/// suffix of the list that `w` ends with.
fn longest_suffix<'a, T: Copy>(w: &str, list: &'a [T], key: impl Fn(T) -> &'a str) -> Option<T> {
    list.iter()
        .copied()
        .filter(|&item| w.ends_with(key(item)))
        .max_by_key(|&item| key(item).len())
}

/// The Porter stemmer exactly as ROUGE-1.5.5's `stem` sub applies it (input: lower-case ASCII).
pub fn porter(word: &str) -> String {
    if word.len() < 3 {
        return word.to_string();
    }
    let p = patterns();
    let initial_y = word.starts_with('y');
    // Initial y becomes Y so that the patterns never treat it as a vowel.
    let mut w = if initial_y {
        format!("Y{}", &word[1..])
    } else {
        word.to_string()
    };

    step1(&mut w, p);
    steps2_to_4(&mut w, p);
    step5(&mut w, p);

    if initial_y {
        w.replace_range(..1, "y");
    }
    w
}

/// Plurals (1a), -ed and -ing (1b), final y (1c).
fn step1(w: &mut String, p: &Patterns) {
    if w.ends_with("sses") || w.ends_with("ies") {
        w.truncate(w.len() - 2);
    } else if w.len() >= 2 && w.ends_with('s') && w.as_bytes()[w.len() - 2] != b's' {
        w.truncate(w.len() - 1);
    }

    if w.ends_with("eed") {
        if p.mgr0.is_match(&w[..w.len() - 3]) {
            w.truncate(w.len() - 1);
        }
    } else if let Some(suffix) = ["ed", "ing"].into_iter().find(|s| w.ends_with(s)) {
        let stem = &w[..w.len() - suffix.len()];
        if p.has_vowel.is_match(stem) {
            w.truncate(stem.len());
            let b = w.as_bytes();
            let n = b.len();
            if w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz") {
                w.push('e');
            } else if n >= 2 && b[n - 1] == b[n - 2] && !b"aeiouylsz".contains(&b[n - 1]) {
                w.truncate(n - 1);
            } else if p.cvc.is_match(w) {
                w.push('e');
            }
        }
    }

    if w.ends_with('y') && p.has_vowel.is_match(&w[..w.len() - 1]) {
        w.truncate(w.len() - 1);
        w.push('i');
    }
}

/// Suffix replacements (2, 3) and removals (4).
fn steps2_to_4(w: &mut String, p: &Patterns) {
    for list in [STEP2, STEP3] {
        if let Some((suffix, replacement)) = longest_suffix(w, list, |(s, _)| s) {
            let stem_len = w.len() - suffix.len();
            if p.mgr0.is_match(&w[..stem_len]) {
                w.truncate(stem_len);
                w.push_str(replacement);
            }
        }
    }

    // CYL's variant of step 4: three consecutive tests, the last with the -ion rule as its else.
    if let Some(suffix) = longest_suffix(w, STEP4, |s| s) {
        strip_if_mgr1(w, suffix.len(), p);
    }
    if w.ends_with("ment") {
        strip_if_mgr1(w, 4, p);
    }
    // `-ent` and `-(s|t)ion` both strip 3 letters; `-ion` is tested only if `-ent` is absent.
    if w.ends_with("ent") || w.ends_with("sion") || w.ends_with("tion") {
        strip_if_mgr1(w, 3, p);
    }
}

/// Final e and double l.
fn step5(w: &mut String, p: &Patterns) {
    if w.ends_with('e') {
        let stem = &w[..w.len() - 1];
        if p.mgr1.is_match(stem) || (p.meq1.is_match(stem) && !p.cvc.is_match(stem)) {
            w.truncate(w.len() - 1);
        }
    }
    if w.ends_with("ll") && p.mgr1.is_match(w) {
        w.truncate(w.len() - 1);
    }
}

fn strip_if_mgr1(w: &mut String, suffix_len: usize, p: &Patterns) {
    let stem_len = w.len() - suffix_len;
    if p.mgr1.is_match(&w[..stem_len]) {
        w.truncate(stem_len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_porter_examples() {
        let cases = [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("conflated", "conflat"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("triplicate", "triplic"),
            ("hopefulness", "hope"),
            ("revival", "reviv"),
            ("adoption", "adopt"),
            ("controll", "control"),
            ("generalization", "gener"),
            ("archaeology", "archaeolog"),
        ];
        for (word, stem) in cases {
            assert_eq!(porter(word), stem, "{word}");
        }
    }

    #[test]
    fn cyl_step4_retests_ment_and_ent() {
        // Original Porter: "agreement" -> "agreement" (m of "agre" is 1); ROUGE's variant strips
        // "ent" after the "-ement" and "-ment" tests failed.
        assert_eq!(porter("agreement"), "agreem");
        assert_eq!(porter("adjustment"), "adjust");
        assert_eq!(porter("dependent"), "depend");
    }

    #[test]
    fn initial_y_is_a_consonant_and_restored() {
        assert_eq!(porter("yelling"), "yell");
        assert_eq!(porter("youth"), "youth");
        assert_eq!(porter("syzygy"), "syzygi");
    }

    #[test]
    fn short_words_untouched_by_porter() {
        assert_eq!(porter("is"), "is");
        assert_eq!(porter("as"), "as");
    }

    #[test]
    fn digits_pass_through() {
        assert_eq!(porter("1990s"), "1990");
        assert_eq!(porter("2024"), "2024");
    }

    #[test]
    fn exceptions_win_over_porter() {
        assert_eq!(morph_stem("better"), "well");
        assert_eq!(morph_stem("geese"), "goose");
        assert_eq!(morph_stem("running"), "run");
        assert_eq!(morph_stem("talks"), "talk");
    }
}
