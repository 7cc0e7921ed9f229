//! Reading and cutting summaries the way ROUGE-1.5.5 does (`readText`, `readText_LCS`), and its
//! tokeniser.
//!
//! The script works on bytes: lines are split on `\n`, empty lines are dropped, `A-Z` is
//! lower-cased, and after the length cut every byte outside `[a-z0-9-]` becomes a space (so each
//! byte of a non-ASCII character separates words), `-` is set apart and then dropped.

use super::options::{Limit, RougeOptions};
use super::stem::morph_stem;
use rustc_hash::FxHashMap as FxMap;
use std::collections::HashSet;
use std::sync::OnceLock;

/// Perl's `\s` on a byte string (no locale, no UTF-8 flag): space, `\t`, `\n`, `\v`, `\f`, `\r`.
fn is_perl_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The non-empty lines of a one-sentence-a-line (SPL) file, ASCII-lower-cased; `chomp` removes
/// only the `\n`, so a `\r` stays (it is whitespace later anyway).
pub fn spl_lines(text: &[u8]) -> Vec<Vec<u8>> {
    text.split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| line.to_ascii_lowercase())
        .collect()
}

/// Perl's `split(/\s+/, $s)`: a leading empty field when `s` starts with whitespace, no trailing
/// empty fields. ROUGE counts words for `-l` this way, so the leading empty field counts.
pub fn perl_split_ws(s: &[u8]) -> Vec<&[u8]> {
    let mut fields: Vec<&[u8]> = s.split(|&b| is_perl_space(b)).collect();
    // `split` on every byte gives empty fields inside runs; Perl keeps only the leading one.
    let leading_empty = fields.first().is_some_and(|f| f.is_empty()) && !s.is_empty();
    fields.retain(|f| !f.is_empty());
    if leading_empty && !fields.is_empty() {
        fields.insert(0, &[]);
    }
    fields
}

/// `join(" ", @tokens[0..k-1])`; indices past the end are Perl `undef`, i.e. empty strings.
fn join_first(tokens: &[&[u8]], k: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..k {
        if i > 0 {
            out.push(b' ');
        }
        if let Some(t) = tokens.get(i) {
            out.extend_from_slice(t);
        }
    }
    out
}

/// `readText`: the lines joined with single spaces and cut to the limit. Word limit: a line is
/// taken whole while the running word count stays under the limit, and the line that reaches it is
/// cut to the remaining words. Byte limit: the same with byte lengths, where the joining spaces
/// are not counted.
pub fn read_text(lines: &[Vec<u8>], limit: Limit) -> Vec<u8> {
    match limit {
        Limit::Words(n) if n > 0 => {
            let mut out = Vec::new();
            let mut count = 0usize;
            for s in lines {
                let tokens = perl_split_ws(s);
                if count + tokens.len() < n {
                    if count != 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(s);
                    count += tokens.len();
                } else {
                    if count > 0 {
                        out.push(b' ');
                    }
                    out.extend(join_first(&tokens, n - count));
                    break;
                }
            }
            out
        }
        Limit::Bytes(n) if n > 0 => {
            let mut out = Vec::new();
            let mut count = 0usize;
            for s in lines {
                if count + s.len() < n {
                    if count != 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(s);
                    count += s.len();
                } else {
                    if count > 0 {
                        out.push(b' ');
                    }
                    out.extend_from_slice(&s[..(n - count).min(s.len())]);
                    break;
                }
            }
            out
        }
        _ => lines.join(&b' '),
    }
}

/// `readText_LCS`: the lines kept as separate units, cut to the limit. Under a byte limit the
/// script never adds up the lengths (its running total stays 0), so every line shorter than the
/// limit is kept whole until the first line at least as long as the limit, which is cut to it.
pub fn read_text_lcs(lines: &[Vec<u8>], limit: Limit) -> Vec<Vec<u8>> {
    match limit {
        Limit::Words(n) if n > 0 => {
            let mut out = Vec::new();
            let mut count = 0usize;
            for s in lines {
                let tokens = perl_split_ws(s);
                if count + tokens.len() < n {
                    count += tokens.len();
                    out.push(s.clone());
                } else {
                    out.push(join_first(&tokens, n - count));
                    break;
                }
            }
            out
        }
        Limit::Bytes(n) if n > 0 => {
            let mut out = Vec::new();
            for s in lines {
                if s.len() < n {
                    out.push(s.clone());
                } else {
                    out.push(s[..n].to_vec());
                    break;
                }
            }
            out
        }
        _ => lines.to_vec(),
    }
}

/// The script's tokens of a (lower-cased, cut) text before stopwords and stemming: runs of
/// `[a-z0-9]`. (`-` becomes a token of its own that the `^[a-z0-9$]` filter then drops; every
/// other byte is a separator.)
pub fn raw_tokens(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    text.split(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit()))
        .filter(|t| !t.is_empty())
}

/// ROUGE's `smart_common_words.txt`, the list behind `-s`.
const STOPWORDS_TXT: &str = include_str!("data/smart_common_words.txt");

fn stopwords() -> &'static HashSet<&'static [u8]> {
    static SET: OnceLock<HashSet<&'static [u8]>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS_TXT.lines().map(str::as_bytes).collect())
}

/// A summary turned into token ids, both ways the script reads it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Prepared {
    /// `readText` + `createNGram` tokens: for n-grams, skip bigrams and LCS clipping.
    pub(crate) tokens: Vec<u32>,
    /// `readText_LCS` + `tokenizeText_LCS`: one token list per sentence.
    pub(crate) sentences: Vec<Vec<u32>>,
}

/// Tokeniser with memoised stopword/stemming decisions and token interning (ids compare like the
/// script's strings, stemmed or not: a stemmed model token and an unstemmed peer token that are
/// the same string have the same id, as `-M` needs).
pub(crate) struct Tokenizer {
    stem: bool,
    remove_stopwords: bool,
    limit: Limit,
    need_sentences: bool,
    /// Raw token -> id, unstemmed \[0\] and stemmed \[1\].
    raw: [FxMap<Vec<u8>, Option<u32>>; 2],
    interned: FxMap<String, u32>,
}

impl Tokenizer {
    /// [`prepare`](Self::prepare) stems when `stem` is true (`-m`, or `-m -M` before the
    /// script's first model); [`prepare_stemmed`](Self::prepare_stemmed) always does.
    pub fn new(opts: &RougeOptions, stem: bool) -> Self {
        Tokenizer {
            stem,
            remove_stopwords: opts.remove_stopwords,
            limit: opts.limit,
            need_sentences: opts.rouge_l || opts.wlcs_weight.is_some(),
            raw: Default::default(),
            interned: FxMap::default(),
        }
    }

    /// The id of a raw `[a-z0-9]+` token after stopword removal and stemming (None: a stopword).
    fn token_id(&mut self, raw: &[u8], stem: bool) -> Option<u32> {
        if let Some(&id) = self.raw[usize::from(stem)].get(raw) {
            return id;
        }
        let id = if self.remove_stopwords && stopwords().contains(raw) {
            None
        } else {
            // Raw tokens are ASCII, so this conversion cannot fail.
            let word = String::from_utf8_lossy(raw);
            let word = if stem && raw.len() > 3 {
                morph_stem(&word)
            } else {
                word.into_owned()
            };
            let next = self.interned.len() as u32;
            Some(*self.interned.entry(word).or_insert(next))
        };
        self.raw[usize::from(stem)].insert(raw.to_vec(), id);
        id
    }

    fn tokens(&mut self, text: &[u8], stem: bool) -> Vec<u32> {
        raw_tokens(text)
            .filter_map(|t| self.token_id(t, stem))
            .collect()
    }

    /// A text read and tokenised, stemmed as the options say.
    pub fn prepare(&mut self, text: &[u8]) -> Prepared {
        self.prepare_as(text, self.stem)
    }

    /// A text read and tokenised, stemmed whatever the options say (`-M`'s models).
    pub fn prepare_stemmed(&mut self, text: &[u8]) -> Prepared {
        self.prepare_as(text, true)
    }

    fn prepare_as(&mut self, text: &[u8], stem: bool) -> Prepared {
        let lines = spl_lines(text);
        let tokens = self.tokens(&read_text(&lines, self.limit), stem);
        let sentences = if self.need_sentences {
            read_text_lcs(&lines, self.limit)
                .iter()
                .map(|s| self.tokens(s, stem))
                .collect()
        } else {
            Vec::new()
        };
        Prepared { tokens, sentences }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(opts: &RougeOptions, text: &str) -> (Tokenizer, Prepared) {
        let mut p = Tokenizer::new(opts, opts.stem);
        let prepared = p.prepare(text.as_bytes());
        (p, prepared)
    }

    #[test]
    fn stemming_only_above_three_characters() {
        let opts = RougeOptions::from_rouge155("-m").unwrap();
        let mut p = Tokenizer::new(&opts, opts.stem);
        let a = p.prepare(b"talks was runs");
        let b = p.prepare(b"talk was run");
        // "talks" -> "talk"; "was" (3 letters) is kept; "runs" -> "run".
        assert_eq!(a.tokens, b.tokens);
        let c = p.prepare(b"wa");
        assert_ne!(c.tokens[0], a.tokens[1]);
    }

    #[test]
    fn stemmed_and_unstemmed_tokens_share_ids_by_string() {
        let opts = RougeOptions::from_rouge155("-M").unwrap();
        let mut p = Tokenizer::new(&opts, false);
        let plain = p.prepare(b"talks talk stemming");
        let stemmed = p.prepare_stemmed(b"talks talk stemming");
        // "talks" -> "talk", the id of the unstemmed "talk"; "stemming" -> "stem", a new string.
        assert_eq!(stemmed.tokens[0], plain.tokens[1]);
        assert_eq!(stemmed.tokens[1], plain.tokens[1]);
        assert_ne!(stemmed.tokens[2], plain.tokens[2]);
        assert_eq!(p.prepare(b"stem").tokens[0], stemmed.tokens[2]);
        // The plain reading is still unstemmed after a stemmed one.
        assert_eq!(p.prepare(b"talks").tokens[0], plain.tokens[0]);
    }

    #[test]
    fn upper_case_and_punctuation_do_not_change_stems() {
        let opts = RougeOptions::from_rouge155("-m").unwrap();
        let mut p = Tokenizer::new(&opts, opts.stem);
        let a = p.prepare(b"TALKS, Talks' talks...\n");
        assert_eq!(a.tokens.len(), 3);
        assert!(a.tokens.iter().all(|&t| t == a.tokens[0]));
    }

    #[test]
    fn stopwords_removed_only_with_s() {
        let (_, kept) = prep(
            &RougeOptions::from_rouge155("").unwrap(),
            "the talks of peace",
        );
        assert_eq!(kept.tokens.len(), 4);
        let (_, removed) = prep(
            &RougeOptions::from_rouge155("-s").unwrap(),
            "the talks of peace",
        );
        assert_eq!(removed.tokens.len(), 2);
    }

    fn toks(s: &str) -> Vec<String> {
        let lines = spl_lines(s.as_bytes());
        let text = read_text(&lines, Limit::None);
        raw_tokens(&text)
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .collect()
    }

    #[test]
    fn hyphens_split_words() {
        assert_eq!(
            toks("U.S.-led e-mail x-ray"),
            ["u", "s", "led", "e", "mail", "x", "ray"]
        );
        assert_eq!(toks("-- a - b --"), ["a", "b"]);
    }

    #[test]
    fn apostrophes_and_quotes_are_separators() {
        assert_eq!(
            toks("Ukraine's ``quoted'' don't"),
            ["ukraine", "s", "quoted", "don", "t"]
        );
    }

    #[test]
    fn digits_and_punctuation() {
        assert_eq!(
            toks("3,197 people; 1.5% (AP) _ $40"),
            ["3", "197", "people", "1", "5", "ap", "40"]
        );
    }

    #[test]
    fn non_ascii_bytes_separate_words() {
        // U+2019 is three bytes, each a separator; é too.
        assert_eq!(toks("Ukraine\u{2019}s café"), ["ukraine", "s", "caf"]);
        assert_eq!(toks("naïve"), ["na", "ve"]);
    }

    #[test]
    fn upper_case_is_lowered() {
        assert_eq!(toks("PEACE Talks"), ["peace", "talks"]);
    }

    #[test]
    fn empty_and_blank_text() {
        assert!(toks("").is_empty());
        assert!(toks("\n\n").is_empty());
        assert!(toks(" ... \n").is_empty());
    }

    #[test]
    fn perl_split_keeps_a_leading_empty_field() {
        assert_eq!(perl_split_ws(b" a b ").len(), 3);
        assert_eq!(perl_split_ws(b"a  b").len(), 2);
        assert!(perl_split_ws(b"   ").is_empty());
        assert!(perl_split_ws(b"").is_empty());
    }

    #[test]
    fn word_limit_counts_whitespace_words_before_punctuation_removal() {
        let lines = spl_lines(b"one two - three\nfour five\n");
        // "-" counts as a word for the cut: the first 3 words are "one two -".
        assert_eq!(read_text(&lines, Limit::Words(3)), b"one two -");
        assert_eq!(read_text(&lines, Limit::Words(4)), b"one two - three");
        assert_eq!(read_text(&lines, Limit::Words(5)), b"one two - three four");
        assert_eq!(
            read_text(&lines, Limit::Words(50)),
            b"one two - three four five"
        );
        let lcs = read_text_lcs(&lines, Limit::Words(5));
        assert_eq!(lcs, vec![b"one two - three".to_vec(), b"four".to_vec()]);
    }

    #[test]
    fn byte_limit_ignores_joining_spaces() {
        let lines = spl_lines(b"abcd\nefgh\nijkl\n");
        assert_eq!(read_text(&lines, Limit::Bytes(6)), b"abcd ef");
        assert_eq!(read_text(&lines, Limit::Bytes(9)), b"abcd efgh i");
    }

    #[test]
    fn lcs_byte_limit_never_accumulates() {
        let lines = spl_lines(b"abcd\nefgh\nijklmnop\nqr\n");
        let lcs = read_text_lcs(&lines, Limit::Bytes(6));
        assert_eq!(
            lcs,
            vec![b"abcd".to_vec(), b"efgh".to_vec(), b"ijklmn".to_vec()]
        );
    }
}
