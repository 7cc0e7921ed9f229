//! clean: drop scraping noise before sentences are split.
//!
//! General rules in the manner of jusText, not a list of known strings: an article is cut into
//! blocks (paragraphs; hard-wrapped lines re-joined), and a block is kept only if it reads like
//! running prose: it ends like a sentence, is long enough, has the stopword density of prose,
//! is not title-cased like a headline or link, does not address the reader outside quotes
//! (banners, prompts, disclaimers), carries no photo credit, is not an author bio and was not
//! already seen (repeated paragraphs within an article, or a syndicated copy across articles).

use crate::read::Article;
use crate::words;
use rayon::prelude::*;
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};
use std::sync::LazyLock;

/// An article's body after cleaning.
#[derive(Debug, Clone, PartialEq)]
pub struct CleanDocument {
    /// Index of the article in the input list.
    pub article: usize,
    pub paragraphs: Vec<String>,
}

/// All articles after cleaning.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cleaned {
    pub documents: Vec<CleanDocument>,
    /// Blocks dropped as noise or repeats.
    pub dropped_blocks: usize,
    /// Articles dropped because another input already carries (nearly) all of their text.
    pub duplicate_articles: usize,
}

/// Why a block was dropped (for tests and `--explain`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noise {
    /// Too short to be prose (menu words, counters, "No comment").
    Short,
    /// Does not end like a sentence (headlines, navigation, bylines, link lists).
    NoSentenceEnd,
    /// Title Case Words Like A Headline Or Link.
    TitleCase,
    /// Too few function words for prose (lists of names, tags, links).
    LowStopwordDensity,
    /// Speaks to the reader outside quotes: error banners, comment prompts, disclaimers.
    ReaderAddress,
    /// Legal or site boilerplate vocabulary.
    SiteBoilerplate,
    /// Photo caption or credit.
    Caption,
    /// Author biography.
    AuthorBio,
    /// A teaser cut off mid-sentence.
    Truncated,
    /// A heading phrased as a question.
    QuestionHeading,
}

/// Fraction of an article's blocks that must also appear in an earlier article for the
/// article to count as a copy of it.
const COPY_FRACTION: f32 = 0.8;

/// Clean every article; repeated blocks keep their first occurrence. Articles are judged in
/// parallel; copies across articles are then found in one pass over block hashes.
pub fn clean(articles: &[Article]) -> Cleaned {
    let judged: Vec<Judged> = articles.par_iter().map(|a| judge(&a.text)).collect();
    let mut out = Cleaned::default();
    let mut seen_blocks: FxHashMap<u64, usize> = FxHashMap::default(); // block key -> article
    for (index, article) in judged.into_iter().enumerate() {
        out.dropped_blocks += article.noise;
        let mut kept = Vec::new();
        let mut shared_with_earlier = 0;
        let mut seen_here: FxHashSet<u64> = FxHashSet::default();
        for (block, key) in article.prose {
            if !seen_here.insert(key) {
                out.dropped_blocks += 1;
                continue;
            }
            if seen_blocks.get(&key).is_some_and(|&a| a != index) {
                shared_with_earlier += 1;
            } else {
                seen_blocks.entry(key).or_insert(index);
            }
            kept.push(block);
        }
        let prose_blocks = article.prose_count;
        if prose_blocks > 0 && shared_with_earlier as f32 >= COPY_FRACTION * prose_blocks as f32 {
            out.duplicate_articles += 1;
            out.dropped_blocks += kept.len();
            continue;
        }
        out.documents.push(CleanDocument {
            article: index,
            paragraphs: kept,
        });
    }
    out
}

/// One article's blocks after the noise rules: the prose blocks with their keys.
struct Judged {
    prose: Vec<(String, u64)>,
    prose_count: usize,
    noise: usize,
}

fn judge(text: &str) -> Judged {
    let mut prose = Vec::new();
    let mut noise = 0;
    for block in blocks(text) {
        let block = strip_dateline(&block);
        if classify(block).is_some() {
            noise += 1;
            continue;
        }
        prose.push((block.to_string(), block_key(block)));
    }
    Judged {
        prose_count: prose.len(),
        prose,
        noise,
    }
}

/// A hash of a block's lower-cased word tokens: blocks that differ only in case, punctuation
/// or spacing share it.
fn block_key(block: &str) -> u64 {
    let mut h = FxHasher::default();
    for t in words::tokens(block) {
        t.hash(&mut h);
    }
    h.finish()
}

/// Paragraph blocks: non-empty lines, with hard-wrapped lines (a line that does not end a
/// sentence followed by one that starts in lower case) joined back together.
pub fn blocks(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut continues = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continues = false;
            continue;
        }
        let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(prev) if continues && starts_lower => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
        continues = !ends_sentence(line);
    }
    out
}

fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', ' ', '`']);
    t.ends_with(['.', '!', '?'])
}

static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // "(MENAFN) ", "LONDON (AP) _ ", "WASHINGTON _ ", "Washington, DC [US]: ", "KYIV, Ukraine — "
    Regex::new(
        r"^(?:\([A-Z][A-Za-z]+\)\s+|[A-Z][A-Za-z.]*(?:[ ,]+[A-Z][A-Za-z.]*){0,3}\s*(?:\([A-Za-z]+\)|\[[A-Z]{2,}\])?\s*(?:_|--|\u{2014}|\u{2013}|:)\s+)[A-Z]",
    )
    .unwrap()
});

/// Remove a leading dateline or agency tag; the sentence after it stands on its own.
pub fn strip_dateline(block: &str) -> &str {
    match DATELINE.find(block) {
        // A real dateline is short; a long match is a sentence with a colon in it.
        // The match ends with the first letter of the sentence after the dateline.
        Some(m) if m.as_str().split_whitespace().count() <= 6 => &block[m.end() - 1..],
        _ => block,
    }
}

static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\((?:photo|image|picture|credit)?[^()]{0,60}/[^()]{0,60}\)\s*$|\b(?:photo|image|picture|video|credit)s?\s*(?::|by\b)|\bgetty images\b|\b[A-Z][a-z]+/(?:POOL|AFP|AP|REUTERS|EPA|[A-Z]{2,})\b",
    )
    .unwrap()
});

static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][\w'\-]+(?: [A-Z][\w'\-]+){0,3} (?:is|was|has been) (?:an?|the) (?:[\w\-]+ ){0,4}(?:editor|reporter|correspondent|journalist|writer|columnist|contributor|producer|author|freelancer|intern)\b",
    )
    .unwrap()
});

static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#""[^"]*"|\u{201c}[^\u{201d}]*\u{201d}|``.*?''|\u{2018}[^\u{2019}]*\u{2019}\W"#)
        .unwrap()
});

/// Words that, outside quotes, belong to a site speaking to its reader.
const READER_WORDS: &[&str] = &["you", "your", "you're", "you've", "yours"];

/// Vocabulary of legal notices, account prompts and site furniture.
const BOILERPLATE_WORDS: &[&str] = &[
    "disclaimer",
    "warranty",
    "liability",
    "copyright",
    "cookies",
    "cookie",
    "subscribe",
    "subscription",
    "newsletter",
    "login",
    "log",
    "sign",
    "terms",
    "privacy",
    "reserved",
    "advertisement",
    "sponsored",
    "unsubscribe",
    "rights",
    "comment",
    "comments",
];

/// Why `block` is noise, or `None` for prose.
pub fn classify(block: &str) -> Option<Noise> {
    let tokens = words::tokens(block);
    let n = tokens.len();
    if n < 5 {
        return Some(Noise::Short);
    }
    if block.ends_with("...") || block.ends_with('\u{2026}') {
        return Some(Noise::Truncated);
    }
    if CREDIT.is_match(block) {
        return Some(Noise::Caption);
    }
    if !ends_sentence(block) {
        return Some(Noise::NoSentenceEnd);
    }
    if BIO.is_match(block) {
        return Some(Noise::AuthorBio);
    }
    let unquoted = QUOTED.replace_all(block, " ");
    let unquoted_tokens = words::tokens(&unquoted);
    if unquoted_tokens
        .iter()
        .any(|t| READER_WORDS.contains(&t.as_str()))
    {
        return Some(Noise::ReaderAddress);
    }
    let boiler = unquoted_tokens
        .iter()
        .filter(|t| BOILERPLATE_WORDS.contains(&t.as_str()))
        .count();
    if boiler >= 2 || (boiler == 1 && n < 15) {
        return Some(Noise::SiteBoilerplate);
    }
    if block.trim_end().ends_with('?') && n < 12 && !block.starts_with(['"', '\u{201c}']) {
        return Some(Noise::QuestionHeading);
    }
    let stop = tokens.iter().filter(|t| words::is_stopword(t)).count();
    if n >= 8 && (stop as f32) < 0.15 * n as f32 {
        return Some(Noise::LowStopwordDensity);
    }
    if title_cased(block) {
        return Some(Noise::TitleCase);
    }
    None
}

/// Most longer words capitalised: a headline or a link text, not prose.
fn title_cased(block: &str) -> bool {
    let long: Vec<&str> = block
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().count() >= 4)
        .collect();
    long.len() >= 4
        && long
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            * 10
            >= long.len() * 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            id: "a".into(),
            text: text.into(),
            ..Article::default()
        }
    }

    const PROSE: &str =
        "The delegations met in Geneva on Tuesday and agreed to continue the talks next week.";

    #[test]
    fn keeps_prose() {
        assert_eq!(classify(PROSE), None);
        assert_eq!(classify("\u{201c}You cannot win this war,\u{201d} the minister told reporters in the capital."), None);
    }

    #[test]
    fn error_banners() {
        assert_eq!(classify("404"), Some(Noise::Short));
        assert_eq!(classify("Oops!!"), Some(Noise::Short));
        assert_eq!(
            classify("Error! We apologise, but the article you requested could not be found."),
            Some(Noise::ReaderAddress)
        );
    }

    #[test]
    fn legal_disclaimers_after_rejoining_wrapped_lines() {
        let text = "The agency supplies this content\nwithout warranty of any kind and accepts no liability\nfor its accuracy or completeness.";
        let b = blocks(text);
        assert_eq!(b.len(), 1);
        assert_eq!(classify(&b[0]), Some(Noise::SiteBoilerplate));
    }

    #[test]
    fn link_lists_and_headings() {
        assert_eq!(classify("Trending now"), Some(Noise::Short));
        assert_eq!(
            classify("- Startup Unveils New Wallet To Accept Payments Across Emerging Markets"),
            Some(Noise::NoSentenceEnd)
        );
        assert_eq!(
            classify("Regional Leaders Gather For Summit On Trade And Energy Security."),
            Some(Noise::TitleCase)
        );
    }

    #[test]
    fn comment_prompts_and_share_words() {
        assert_eq!(
            classify("Please sign in to leave a comment."),
            Some(Noise::SiteBoilerplate)
        );
        assert_eq!(
            classify("Be the first to comment on this story if you like."),
            Some(Noise::ReaderAddress)
        );
        assert_eq!(classify("Share on social"), Some(Noise::Short));
        assert_eq!(classify("Continue reading"), Some(Noise::Short));
        assert_eq!(classify("4 minute read"), Some(Noise::Short));
    }

    #[test]
    fn captions_and_credits() {
        assert_eq!(
            classify("The foreign minister speaks at a news conference in Ankara on May 2, 2025. (Jane Doe / Reuters)"),
            Some(Noise::Caption)
        );
        assert_eq!(
            classify("Leaders shake hands before the meeting in the capital.John Smith/POOL/AFP."),
            Some(Noise::Caption)
        );
        assert_eq!(
            classify("Delegates arrive at the venue. Photo: Agency staff archive."),
            Some(Noise::Caption)
        );
    }

    #[test]
    fn author_bios() {
        assert_eq!(
            classify("Maria Lopez is a senior foreign affairs correspondent at The Daily Planet. She previously covered Brussels."),
            Some(Noise::AuthorBio)
        );
    }

    #[test]
    fn question_headings() {
        assert_eq!(
            classify("What happens to the frozen assets now?"),
            Some(Noise::QuestionHeading)
        );
    }

    #[test]
    fn repeated_paragraphs_are_dropped_once_seen() {
        let text = format!("{PROSE}\nA second, different paragraph explains what the envoys proposed at the meeting.\n{PROSE}");
        let c = clean(&[article(&text)]);
        assert_eq!(c.documents[0].paragraphs.len(), 2);
        assert_eq!(c.dropped_blocks, 1);
    }

    #[test]
    fn syndicated_copies_are_duplicates() {
        let c = clean(&[article(PROSE), article(PROSE)]);
        assert_eq!(c.documents.len(), 1);
        assert_eq!(c.duplicate_articles, 1);
    }

    #[test]
    fn datelines_are_stripped() {
        assert_eq!(
            strip_dateline("LONDON (AP) _ An influential lawmaker spoke."),
            "An influential lawmaker spoke."
        );
        assert_eq!(
            strip_dateline("(MENAFN) U.S. officials said so."),
            "U.S. officials said so."
        );
        assert_eq!(
            strip_dateline("Washington, DC [US]: US Secretary spoke."),
            "US Secretary spoke."
        );
        assert_eq!(strip_dateline("He said: Nothing."), "He said: Nothing.");
    }
}
