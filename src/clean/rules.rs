//! The noise rules. A short unit (a paragraph of one or two short sentences) is judged on
//! every cue, as jusText judges a block: length, sentence end, stopword density, title case,
//! reader address, boilerplate, captions, bios. A sentence of a longer paragraph is judged
//! only on specific cues (boilerplate phrases, credits), so that one weak cue never costs a
//! paragraph of prose.

use super::noise::Noise;
use crate::quotes::unquoted;
use crate::words;
use regex::Regex;
use std::sync::LazyLock;

/// Units up to this many words may be judged as addressing the reader: banners and prompts
/// are short, while a long paragraph with a "you" is reported speech.
const READER_ADDRESS_WORDS: usize = 30;

/// Units without a sentence end are noise below this many tokens.
const NO_END_MAX_TOKENS: usize = 20;

/// Phrases of legal notices, account prompts and site furniture (never single common words:
/// "rights", "terms" and "sign" are news vocabulary).
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)all rights reserved(?-u:\b)|(?-u:\b)copyright\s*(?:©|\(c\)|\d{4})|©\s*\d{4}",
        r"|(?-u:\b)(?:sign|log)\s?(?:in|up|on)\s+(?:to|for|with|now|here)(?-u:\b)|(?-u:\b)sign(?:ed)? in to(?-u:\b)",
        r"|(?-u:\b)terms of (?:use|service)(?-u:\b)|(?-u:\b)terms and conditions(?-u:\b)|(?-u:\b)(?:privacy|cookie) policy(?-u:\b)",
        r"|(?-u:\b)(?:we|this (?:site|website)) uses? cookies(?-u:\b)|(?-u:\b)accept (?:all )?cookies(?-u:\b)",
        r"|(?-u:\b)(?:leave|post|add) a comment(?-u:\b)|(?-u:\b)comments? (?:are|is) closed(?-u:\b)|(?-u:\b)first to comment(?-u:\b)",
        r"|(?-u:\b)click here(?-u:\b)|^\W*read more(?-u:\b)|(?-u:\b)read more\s*[:»›>]|(?-u:\b)continue reading(?-u:\b)",
        r"|(?-u:\b)story continues below(?-u:\b)|^\W*advertisement\W*$|(?-u:\b)sponsored content(?-u:\b)",
        r"|(?-u:\b)subscribe (?:to (?:our|the)|now|today)(?-u:\b)|(?-u:\b)our newsletter(?-u:\b)|(?-u:\b)newsletter sign",
        r"|(?-u:\b)without warranty(?-u:\b)|(?-u:\b)(?:accepts?|assumes?) no (?:responsibility|liability)(?-u:\b)",
        r"|(?-u:\b)responsibility or liability(?-u:\b)|(?-u:\b)liability for the accuracy(?-u:\b)",
        r"|(?-u:\b)share this (?:article|story)(?-u:\b)|(?-u:\b)follow us on(?-u:\b)|(?-u:\b)download (?:our|the) app(?-u:\b)",
        r"|(?-u:\b)breaking news alerts(?-u:\b)|(?-u:\b)not responsible for the content(?-u:\b)|(?-u:\b)contact the provider(?-u:\b)",
        r"|(?-u:\b)the views expressed (?:in this|here)(?-u:\b)|(?-u:\b)javascript(?-u:\b)|(?-u:\b)your browser(?-u:\b)",
        r"|(?-u:\b)if you have any questions(?-u:\b)|(?-u:\b)clients of the [a-z ]{0,30}news service(?-u:\b)",
        r"|^\W*the post (?-u:\b).{1,300}(?-u:\b) appeared first on(?-u:\b)",
        // Wire and newsroom notes: credits, updates, corrections, captions, agency blurbs.
        r"|(?-u:\b)contributed (?:to )?(?:this|the) (?:report|story|article)(?-u:\b)|(?-u:\b)contributed reporting(?-u:\b)",
        r"|(?-u:\b)(?:this|it) is a developing (?:news )?story(?-u:\b)|(?-u:\b)will be updated as (?:more )?(?:information|details)(?-u:\b)",
        r"|^\W*in this(?-u:\b).{0,60}?(?-u:\b)(?:photo|image|picture)(?-u:\b)",
        r"|(?-u:\b)is an independent global news organi[sz]ation(?-u:\b)",
        r"|^\W*editor'?s note(?-u:\b)|^\W*correction\s*:|(?-u:\b)(?:story|article) (?:has been|was) (?:corrected|updated) to(?-u:\b)",
        r"|(?-u:\b)an earlier version of this (?:story|article)(?-u:\b)|(?-u:\b)produced in partnership with(?-u:\b)",
        r"|(?-u:\b)contact (?:our|the) newsroom(?-u:\b)|(?-u:\b)have a (?:story idea|news tip)(?-u:\b)",
        r"|(?-u:\b)forward-looking statements(?-u:\b)|(?-u:\b)securities litigation reform act(?-u:\b)|^\W*for immediate release(?-u:\b)",
        // Syndication footers every copy carries (so they top the outlets' support), and
        // publishers' notes about the page rather than the news.
        r"|(?-u:\b)material may not be(?-u:\b)|(?-u:\b)may not be (?:reproduced|redistributed|republished)(?-u:\b)|(?-u:\b)rewritten or redistributed(?-u:\b)",
        r"|(?-u:\b)receives? support from (?:several )?private foundations(?-u:\b)|(?-u:\b)solely responsible for all content(?-u:\b)",
        r"|(?-u:\b)republished (?:here )?with permission(?-u:\b)|(?-u:\b)produced by .{1,60}?(?-u:\b) and distributed by(?-u:\b)",
        r"|(?-u:\b)(?:story|article) (?:has been|was) (?:updated|amended|corrected)(?-u:\b)",
        r"|(?-u:\b)independent (?:and )?(?:non-?profit )?source of news(?-u:\b)|(?-u:\b)paid for by the advertiser(?-u:\b)",
        r"|(?-u:\b)holds? no (?:position|positions|stake) in (?:any of )?the (?:companies|stocks|securities)(?-u:\b)",
        r"|(?-u:\b)stock quotes provided by(?-u:\b)|(?-u:\b)market data (?:is )?delayed(?-u:\b)|^\W*more from [a-z]+\s*:",
        r"|^\W*listen to this (?:article|story)(?-u:\b)|^\W*gift this (?:article|story)(?-u:\b)|(?-u:\b)earn a commission when you(?-u:\b)",
        r"|^\W*(?:updated|published|posted)(?: at| on)? \d{1,2}[:.\s]|(?-u:\b)last updated \d+ \w+ ago(?-u:\b)",
    ))
    .expect("boilerplate pattern")
});

/// Photo credits and captions (ASCII word classes: a Unicode `\w` repeated 50 times compiles to
/// megabytes of automaton). Case-sensitive: "Royal Dutch/Shell" is a company, "Jane Doe /
/// Reuters" a credit.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\((?:Photo|Image|Picture|Credit|PHOTO)s?(?-u:\b)[^()]{0,60}\)\s*\.?\s*$",
        r"|\([A-Z][[:word:].'\- ]{0,50}\s/\s[A-Z][[:word:].&'\- ]{0,50}\)\s*\.?\s*$",
        r"|(?-u:\b)(?:Photo|Image|Picture|Video|Credit|Photograph|PHOTO|IMAGE)s?\s*(?::|by(?-u:\b))",
        r"|(?-u:\b)Getty Images(?-u:\b)",
        r"|(?-u:\b)[A-Z][a-z]+/(?:POOL|Pool|AFP|AP|REUTERS|Reuters|EPA|Getty|Bloomberg|Xinhua|dpa|DPA|TASS|UPI|Sipa|Anadolu)(?-u:\b)",
    ))
    .expect("credit pattern")
});

static BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][[:word:]'\-]+(?: [A-Z][[:word:]'\-]+){0,3} (?:is|was|has been) (?:an?|the) (?:[[:word:]\-]+ ){0,4}(?:editor|reporter|correspondent|journalist|writer|columnist|contributor|producer|author|freelancer|intern)(?-u:\b)",
    )
    .expect("bio pattern")
});

/// A biography at the tail of an article is in the present ("is a correspondent"); the past
/// tense there is usually news about a journalist.
static TAIL_BIO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[A-Z][[:word:]'\-]+(?: [A-Z][[:word:]'\-]+){0,3} (?:is|has been) (?:an?|the) (?:[[:word:]\-]+ ){0,4}(?:editor|reporter|correspondent|journalist|writer|columnist|contributor|producer|author|freelancer|intern) (?:at|for|with)(?-u:\b)",
    )
    .expect("tail bio pattern")
});

/// Words that, outside quotes, belong to a site speaking to its reader.
const READER_WORDS: &[&str] = &["you", "your", "you're", "you've", "yours"];

/// Why a short unit is noise, or `None` for prose.
pub fn classify(unit: &str) -> Option<Noise> {
    let (mut n, mut stop) = (0, 0);
    words::for_each_token(unit, |t| {
        n += 1;
        stop += usize::from(words::is_stopword(t));
    });
    if n < 5 {
        return Some(Noise::Short);
    }
    if unit.ends_with("...") || unit.ends_with('\u{2026}') {
        return Some(Noise::Truncated);
    }
    if let Some(noise) = specific_cue(unit) {
        return Some(noise);
    }
    // Headlines, bylines and links are short; a long unit without an end is a sentence the
    // source cut, still prose.
    if !ends_sentence(unit) && n < NO_END_MAX_TOKENS {
        return Some(Noise::NoSentenceEnd);
    }
    if BIO.is_match(unit) {
        return Some(Noise::AuthorBio);
    }
    if n <= READER_ADDRESS_WORDS && addresses_reader(unit) {
        return Some(Noise::ReaderAddress);
    }
    if unit.trim_end().ends_with('?') && n < 12 && !unit.starts_with(['"', '\u{201c}', '`']) {
        return Some(Noise::QuestionHeading);
    }
    if n >= 8 && few_function_words(stop, n, ends_sentence(unit)) {
        return Some(Noise::LowStopwordDensity);
    }
    if title_cased(unit) {
        return Some(Noise::TitleCase);
    }
    None
}

/// Why a sentence of a longer paragraph is noise: specific cues only. `tail`: the last
/// sentence of its paragraph, where an author's bio sits in a flattened page.
pub fn classify_sentence(sentence: &str, tail: bool) -> Option<Noise> {
    specific_cue(sentence)
        .or_else(|| (tail && TAIL_BIO.is_match(sentence)).then_some(Noise::AuthorBio))
}

/// An author box's first sentence is short ("Jane Doe is a news editor at The Kyiv
/// Independent."); news about a journalist goes on ("…for The Wall Street Journal who was
/// detained in March").
const BIO_OPENER_WORDS: usize = 14;

/// Whether a paragraph of several sentences is an author's box: it opens with a short,
/// present-tense bio sentence, and the sentences after it ("Based in Warsaw, he…") are the
/// bio's.
pub fn opens_bio(first_sentence: &str) -> bool {
    first_sentence.split_whitespace().count() <= BIO_OPENER_WORDS
        && TAIL_BIO.is_match(first_sentence)
}

/// The cues that are noise wherever they occur.
fn specific_cue(text: &str) -> Option<Noise> {
    if CREDIT.is_match(text) {
        return Some(Noise::Caption);
    }
    if BOILERPLATE.is_match(&unquoted(text)) {
        return Some(Noise::SiteBoilerplate);
    }
    if crate::language::is_foreign_sentence(text) {
        return Some(Noise::Foreign);
    }
    None
}

fn addresses_reader(unit: &str) -> bool {
    let mut any = false;
    words::for_each_token(&unquoted(unit), |t| any |= READER_WORDS.contains(&t));
    any
}

/// Lists of names, tags or links hold few function words. A unit that ends like a sentence is
/// prose unless it holds none at all: news sentences dense in names ("U.S. President Bill
/// Clinton today signed a 247.7 billion U.S. dollar military spending bill…") and reviewers'
/// terse verdicts hold fewer than 15 %.
fn few_function_words(stop: usize, tokens: usize, sentence: bool) -> bool {
    if sentence {
        stop == 0
    } else {
        (stop as f32) < 0.15 * tokens as f32
    }
}

/// A news agency's note to editors or a byline ("Eds: UPDATES with four more deaths AP Photo
/// By ALISON MUTLER Associated Press Writer", "By John Smith in New York"), which an article
/// may open with: never a headline.
pub fn is_agency_note(line: &str) -> bool {
    let lower = line.trim().to_lowercase();
    let byline = line.trim().strip_prefix("By ").is_some_and(|rest| {
        rest.split_whitespace()
            .take(2)
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    });
    byline
        || ["eds:", "eds.", "editors:", "editor's note", "attn:"]
            .iter()
            .any(|p| lower.starts_with(p))
        || lower.ends_with(" writer")
}

/// Ends like a sentence, or with a colon that introduces what follows.
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']', ' ', '`']);
    t.ends_with(['.', '!', '?', ':'])
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
