//! clean: drop scraping noise before sentences are split.
//!
//! General rules in the manner of jusText, not a list of known strings, applied to small units
//! so that one weak cue never costs a paragraph: an article is cut into blocks (paragraphs;
//! hard-wrapped lines re-joined), datelines and wire slugs are stripped, and each block is split
//! into sentences. A short block (one or two short sentences) is judged whole on every cue
//! ([`rules::classify`]); in a longer block each sentence is judged on specific cues only
//! (boilerplate phrases, credits), and the block goes only when most of its words are noise.
//! Paragraphs and sentences already seen in the article are repeats; an article whose
//! sentences mostly sit in an earlier article is a copy of it ([`copies`]).

pub mod copies;
pub mod dateline;
mod footers;
mod marks;
mod noise;
pub mod rules;
pub mod slug;
pub mod wrap;

pub use dateline::strip_dateline;
pub use noise::Noise;
pub use rules::classify;

use crate::read::Article;
use crate::segment;
use copies::{shingle, CopyIndex};
use rayon::prelude::*;
use rustc_hash::FxHashSet;

/// An article's body after cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanDocument {
    /// Index of the article in the input list.
    pub article: usize,
    /// The kept paragraphs (within a paragraph, the kept sentences joined by a space).
    pub paragraphs: Vec<String>,
    /// The kept sentences, in order, as the splitter cut them.
    pub sentences: Vec<String>,
}

/// A unit of text cleaning removed.
#[derive(Debug, Clone, PartialEq)]
pub struct Dropped {
    /// Index of the article in the input list.
    pub article: usize,
    pub text: String,
    pub reason: Noise,
    /// Sentences in `text`.
    pub sentences: usize,
}

/// An article dropped because an earlier input already carries (nearly) all of its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Copy {
    pub article: usize,
    /// The article it copies.
    pub of: usize,
}

/// All articles after cleaning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    /// The articles kept (copies excluded), in input order.
    pub documents: Vec<CleanDocument>,
    /// Every unit removed, in input order (a copy's paragraphs with [`Noise::Copy`]).
    pub dropped: Vec<Dropped>,
    pub copies: Vec<Copy>,
}

impl Cleaned {
    /// Each kept article's index and its kept sentences, for [`crate::split::split`].
    pub fn sentences(&self) -> Vec<(usize, &[String])> {
        self.documents
            .iter()
            .map(|d| (d.article, d.sentences.as_slice()))
            .collect()
    }

    /// Articles dropped as copies of another input.
    pub fn duplicate_articles(&self) -> usize {
        self.copies.len()
    }

    /// Sentences removed as noise or repeats (copies not counted).
    pub fn sentences_dropped(&self) -> usize {
        self.dropped
            .iter()
            .filter(|d| d.reason != Noise::Copy)
            .map(|d| d.sentences)
            .sum()
    }

    /// Sentences of the articles dropped as copies.
    pub fn sentences_in_copies(&self) -> usize {
        self.dropped
            .iter()
            .filter(|d| d.reason == Noise::Copy)
            .map(|d| d.sentences)
            .sum()
    }
}

/// Clean every article. Articles are judged in parallel; copies across articles are then found
/// in one pass over sentence hashes.
pub fn clean(articles: &[Article]) -> Cleaned {
    let judged: Vec<Judged> = articles.par_iter().map(|a| judge(&a.text)).collect();
    let mut out = Cleaned::default();
    let mut index = CopyIndex::default();
    for (article, judged) in judged.into_iter().enumerate() {
        let dropped = |(text, reason, sentences)| Dropped {
            article,
            text,
            reason,
            sentences,
        };
        out.dropped.extend(judged.dropped.into_iter().map(dropped));
        let sentences = judged.paragraphs.iter().flat_map(|p| &p.sentences);
        if let Some(of) = index.offer(article, sentences.map(String::as_str)) {
            out.copies.push(Copy { article, of });
            let copy = |p: Paragraph| (p.text, Noise::Copy, p.sentences.len());
            out.dropped
                .extend(judged.paragraphs.into_iter().map(copy).map(dropped));
            continue;
        }
        let mut doc = CleanDocument {
            article,
            paragraphs: Vec::new(),
            sentences: Vec::new(),
        };
        for p in judged.paragraphs {
            doc.paragraphs.push(p.text);
            doc.sentences.extend(p.sentences);
        }
        out.documents.push(doc);
    }
    footers::drop_footers(&mut out.documents, &mut out.dropped);
    out
}

/// A kept paragraph and its sentences.
struct Paragraph {
    text: String,
    sentences: Vec<String>,
}

/// One article after the noise rules.
#[derive(Default)]
struct Judged {
    paragraphs: Vec<Paragraph>,
    dropped: Vec<(String, Noise, usize)>,
}

/// A block of at most this many sentences and words is judged whole.
const SHORT_SENTENCES: usize = 2;
const SHORT_WORDS: usize = 40;
/// Sentences shorter than this may repeat in an article by chance ("He declined.").
const REPEAT_MIN_TOKENS: usize = 5;

fn judge(text: &str) -> Judged {
    let mut out = Judged::default();
    let mut seen_blocks: FxHashSet<u64> = FxHashSet::default();
    let mut seen: FxHashSet<u64> = FxHashSet::default();
    for block in blocks(text) {
        let unit = slug::strip_slugs(strip_dateline(&block));
        if unit.is_empty() {
            continue;
        }
        let sentences = segment::sentences(unit);
        if !seen_blocks.insert(shingle(unit).0) {
            out.dropped
                .push((unit.to_string(), Noise::Repeat, sentences.len()));
            continue;
        }
        let short =
            sentences.len() <= SHORT_SENTENCES && unit.split_whitespace().count() <= SHORT_WORDS;
        let verdicts: Vec<Option<Noise>> = if short {
            let whole = classify(unit).or_else(|| all_seen(&sentences, &seen));
            vec![whole; sentences.len()]
        } else {
            sentence_verdicts(&sentences, &seen)
        };
        keep_or_drop(unit, sentences, verdicts, &mut seen, &mut out);
    }
    out
}

/// Specific cues per sentence, and sentences already seen earlier in the article or block.
fn sentence_verdicts(sentences: &[String], seen: &FxHashSet<u64>) -> Vec<Option<Noise>> {
    if sentences.first().is_some_and(|s| rules::opens_bio(s)) {
        return vec![Some(Noise::AuthorBio); sentences.len()];
    }
    let last = sentences.len().saturating_sub(1);
    let mut here: FxHashSet<u64> = FxHashSet::default();
    let mut verdicts = Vec::with_capacity(sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        let verdict = rules::classify_sentence(s, i == last)
            .or_else(|| repeat(s, seen))
            .or_else(|| repeat(s, &here));
        if verdict.is_none() {
            here.insert(shingle(s).0);
        }
        verdicts.push(verdict);
    }
    verdicts
}

fn repeat(sentence: &str, seen: &FxHashSet<u64>) -> Option<Noise> {
    let (key, tokens) = shingle(sentence);
    (tokens >= REPEAT_MIN_TOKENS && seen.contains(&key)).then_some(Noise::Repeat)
}

/// A short block all of whose (long enough) sentences were already kept is a repeat.
fn all_seen(sentences: &[String], seen: &FxHashSet<u64>) -> Option<Noise> {
    let verdicts: Vec<Option<Noise>> = sentences.iter().map(|s| repeat(s, seen)).collect();
    (!verdicts.is_empty() && verdicts.iter().all(Option::is_some)).then_some(Noise::Repeat)
}

/// Drop the block when noise holds most of its words, else drop only its noisy sentences.
fn keep_or_drop(
    unit: &str,
    sentences: Vec<String>,
    verdicts: Vec<Option<Noise>>,
    seen: &mut FxHashSet<u64>,
    out: &mut Judged,
) {
    let words_of = |s: &str| s.split_whitespace().count();
    let total: usize = sentences.iter().map(|s| words_of(s)).sum();
    let mut noise_words: Vec<(Noise, usize)> = Vec::new();
    for (s, v) in sentences.iter().zip(&verdicts) {
        if let Some(v) = v {
            match noise_words.iter_mut().find(|(n, _)| n == v) {
                Some((_, w)) => *w += words_of(s),
                None => noise_words.push((*v, words_of(s))),
            }
        }
    }
    let noisy: usize = noise_words.iter().map(|(_, w)| w).sum();
    if sentences.is_empty() || noisy * 2 > total {
        // The reason holding the most words names the block.
        let reason = noise_words
            .iter()
            .max_by_key(|(_, w)| *w)
            .map_or(Noise::Short, |(n, _)| *n);
        out.dropped
            .push((unit.to_string(), reason, sentences.len()));
        return;
    }
    let mut kept = Vec::new();
    for (s, v) in sentences.into_iter().zip(verdicts) {
        match v {
            Some(reason) => out.dropped.push((s, reason, 1)),
            None => {
                seen.insert(shingle(&s).0);
                kept.push(s);
            }
        }
    }
    out.paragraphs.push(Paragraph {
        text: kept.join(" "),
        sentences: kept,
    });
}

/// Paragraph blocks: non-empty lines without reference marks, with wrapped lines joined back
/// together: a line that does not end a sentence followed by one that starts in lower case, and
/// in a hard-wrapped text ([`wrap::wrap_width`]) every line that reaches near the width.
pub fn blocks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let width = wrap::wrap_width(text);
    let mut continues = false;
    let mut runs_on = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            (continues, runs_on) = (false, false);
            continue;
        }
        let line = without_bullet(line);
        let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
        let line = marks::strip_reference_marks(line);
        match out.last_mut() {
            Some(prev) if runs_on || (continues && starts_lower) => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line.to_string()),
        }
        continues = !rules::ends_sentence(&line);
        runs_on = width.is_some_and(|w| wrap::runs_on(&line, w));
    }
    out
}

/// A list item's text without its bullet ("- ", "* ", "• ", "– "): a sentence in a bulleted
/// explainer ("What we know so far:") is news like any other.
fn without_bullet(line: &str) -> &str {
    match line.strip_prefix(['-', '*', '\u{2022}', '\u{2013}']) {
        Some(rest) if rest.starts_with(' ') => rest.trim_start(),
        _ => line,
    }
}

#[cfg(test)]
mod tests;
