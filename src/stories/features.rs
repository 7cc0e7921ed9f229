//! Article features for story detection: a sparse TF-IDF vector over the title and the lead
//! (the first sentences), stemmed content words, with capitalised words inside a sentence
//! (names of people, places, organisations) weighted up. Only the lead is read, so the cost per
//! article is bounded whatever the article's length.

use super::StoryOptions;
use crate::clean::rules::is_agency_note;
use crate::read::Article;
use crate::split::Sentence;
use crate::words;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// One article as a sparse unit vector: `(term id, weight)` sorted by term id.
pub type SparseVec = Vec<(u32, f32)>;

/// Term vectors of all articles, with the vocabulary's document frequencies.
pub struct Features {
    pub vectors: Vec<SparseVec>,
    /// Number of articles each term occurs in, by term id.
    pub df: Vec<u32>,
    /// The terms (stems), by term id.
    pub terms: Vec<String>,
}

/// Articles whose terms are found in parallel at a time.
const TERM_BLOCK: usize = 2048;

/// Build one TF-IDF vector per article (input order).
pub fn features(articles: &[Article], sentences: &[Sentence], opts: &StoryOptions) -> Features {
    let leads = leads(articles, sentences, opts.lead_sentences);
    let mut vocab: FxHashMap<String, u32> = FxHashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut term_names: Vec<String> = Vec::new();
    let mut counts: Vec<Vec<(u32, f32)>> = Vec::with_capacity(articles.len());
    // Tokenising and stemming is most of the cost: the terms of a block of articles in
    // parallel, then one pass in input order gives the ids (so they do not depend on the
    // thread count). Blocks keep the terms held as strings at once bounded at any input size.
    for (block, block_leads) in articles.chunks(TERM_BLOCK).zip(leads.chunks(TERM_BLOCK)) {
        let weighted: Vec<Vec<(Arc<str>, f32)>> = block
            .par_iter()
            .zip(block_leads)
            .map(|(article, lead)| {
                STEMS.with_borrow_mut(|stems| article_terms(article, lead, opts, stems))
            })
            .collect();
        for terms in weighted {
            // `article_terms` gives each term once.
            let tf: Vec<(u32, f32)> = terms
                .into_iter()
                .map(|(term, w)| {
                    let id = match vocab.get(&*term) {
                        Some(&id) => id,
                        None => {
                            let id = vocab.len() as u32;
                            vocab.insert(term.to_string(), id);
                            df.push(0);
                            term_names.push(term.to_string());
                            id
                        }
                    };
                    df[id as usize] += 1;
                    (id, w)
                })
                .collect();
            counts.push(tf);
        }
    }
    let n = articles.len() as f32;
    let vectors = counts
        .into_iter()
        .map(|tf| weigh(tf, &df, n))
        .collect::<Vec<_>>();
    Features {
        vectors,
        df,
        terms: term_names,
    }
}

/// The weighted terms of one article, each once, in order of first use: its title's, its
/// lead's (names weigh more) and the lead's multi-word names.
fn article_terms(
    article: &Article,
    lead: &[&str],
    opts: &StoryOptions,
    stems: &mut Stems,
) -> Vec<(Arc<str>, f32)> {
    let mut out: Vec<(Arc<str>, f32)> = Vec::new();
    let mut at: FxHashMap<Arc<str>, usize> = FxHashMap::default();
    let mut add = |term: Arc<str>, w: f32| match at.get(&term) {
        Some(&i) => out[i].1 += w,
        None => {
            at.insert(term.clone(), out.len());
            out.push((term, w));
        }
    };
    // A title cut off mid-phrase heads no story but still says what the article is about.
    if let Some(title) = article.title.as_deref().or_else(|| headline(article)) {
        for (term, _) in terms(title, false, stems) {
            add(term, opts.title_weight);
        }
    }
    for sentence in lead {
        for (term, entity) in terms(sentence, true, stems) {
            add(term, if entity { opts.entity_weight } else { 1.0 });
        }
        if opts.name_weight > 0.0 {
            for name in names(sentence) {
                add(name.into(), opts.name_weight);
            }
        }
    }
    out
}

/// Sublinear TF times smoothed IDF, L2-normalised, sorted by term id.
fn weigh(tf: Vec<(u32, f32)>, df: &[u32], n: f32) -> SparseVec {
    let mut v: SparseVec = tf
        .into_iter()
        .map(|(id, f)| {
            let idf = (1.0 + n / df[id as usize] as f32).ln();
            (id, (1.0 + f.ln().max(0.0)) * idf)
        })
        .collect();
    v.sort_unstable_by_key(|&(id, _)| id);
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v
}

/// The first `n` sentences of each article. An article the cleaner left without sentences
/// (a copy of another input, or all noise) falls back to the first lines of its raw text, so
/// that it still joins the story it belongs to.
fn leads<'a>(articles: &'a [Article], sentences: &'a [Sentence], n: usize) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new(); articles.len()];
    for s in sentences {
        if let Some(lead) = out.get_mut(s.article) {
            if lead.len() < n {
                lead.push(&s.text);
            }
        }
    }
    for (lead, article) in out.iter_mut().zip(articles) {
        if lead.is_empty() {
            lead.extend(
                article
                    .text
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .take(n),
            );
        }
    }
    out
}

/// The article's title, or else its first line when that reads like a headline (plain-text
/// articles carry their headline there, and the cleaner drops it as a non-sentence).
pub fn headline(article: &Article) -> Option<&str> {
    if let Some(t) = article.title.as_deref() {
        return (!cut_off(t)).then_some(t);
    }
    let first = article.text.lines().find(|l| !l.trim().is_empty())?.trim();
    let words = first.split_whitespace().count();
    // `… meddling.''` (newswire quotes) ends a sentence too; `… 'not US matter'` does not.
    let ends_like_sentence = first.ends_with(['.', '!', '?', '"', '\u{201d}'])
        || first
            .trim_end_matches(['\'', '`', '\u{2019}'])
            .ends_with(['.', '!', '?']);
    // "The New York Times said in an editorial for Wednesday, Oct. 7:" introduces the text;
    // as a title it made every editorial of a day look like one story.
    let introduces = first.ends_with(':');
    // Asked last, as it reads the article's first lines: a wrapped line is no title.
    let runs_on = || {
        crate::clean::wrap::wrap_width(&article.text)
            .is_some_and(|w| crate::clean::wrap::runs_on(first, w))
    };
    ((3..=16).contains(&words)
        && !ends_like_sentence
        && !introduces
        && !is_agency_note(first)
        && !runs_on())
    .then_some(first)
}

/// Words a whole headline does not end with: a title ending in one was cut at a length limit
/// ("Taliban Criticize Amnesty International for", in DUC 2007).
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "for", "to", "with", "in", "on", "at", "by", "from",
    "against", "about", "into", "between", "amid", "than", "its", "their", "his", "her",
];

/// Whether a title was cut off mid-phrase.
fn cut_off(title: &str) -> bool {
    title
        .split_whitespace()
        .next_back()
        .is_some_and(|w| DANGLING.iter().any(|d| d.eq_ignore_ascii_case(w)))
}

/// Stems already computed by this thread: news repeats its words, and stemming is most of the
/// cost of the features. Kept for the thread's life (rayon splits the articles into many small
/// jobs, and a cache per job computed one stem in six again), emptied when it grows large.
#[derive(Default)]
struct Stems(FxHashMap<String, Arc<str>>);

/// Distinct words a thread's stem cache holds at most (about 10 MB).
const STEM_CACHE_WORDS: usize = 200_000;

impl Stems {
    fn stem(&mut self, token: &str) -> Arc<str> {
        if let Some(stem) = self.0.get(token) {
            return stem.clone();
        }
        if self.0.len() >= STEM_CACHE_WORDS {
            self.0.clear();
        }
        let stem: Arc<str> = words::stem(token).into();
        self.0.insert(token.to_owned(), stem.clone());
        stem
    }
}

thread_local! {
    static STEMS: std::cell::RefCell<Stems> = std::cell::RefCell::default();
}

/// Stemmed content terms of a text, each with whether it is capitalised mid-sentence (a name).
/// Titles are often title-cased, so capitals mark names only in running text (`entities`).
fn terms(text: &str, entities: bool, stems: &mut Stems) -> Vec<(Arc<str>, bool)> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let starts_upper = raw
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .starts_with(char::is_uppercase);
        let is_entity = entities && starts_upper && !sentence_start;
        sentence_start = raw.ends_with(['.', '!', '?', ':']);
        words::for_each_token(raw, |token| {
            // Bare numbers (counts, years) are shared by unrelated stories; names and words are not.
            if token.len() < 2
                || words::is_stopword(token)
                || token.chars().all(|c| c.is_ascii_digit())
            {
                return;
            }
            let stem = stems.stem(token);
            out.push((stem, is_entity));
        });
    }
    out
}

/// Multi-word names of a text: runs of two or more capitalised words ("Amnesty International",
/// "Southern Poverty Law Center"), lower-cased and joined, leading stopwords dropped ("The
/// Justice Department" is "justice department"). A run ends at punctuation. Each is one term,
/// marked with `#` so that it never equals a word.
fn names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let mut flush = |run: &mut Vec<String>| {
        while run.first().is_some_and(|w| words::is_stopword(w)) {
            run.remove(0);
        }
        if run.len() >= 2 {
            out.push(format!("#{}", run.join("_")));
        }
        run.clear();
    };
    for raw in text.split_whitespace() {
        let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = word.starts_with(char::is_uppercase) && word.len() > 1;
        if capital {
            run.push(word.to_lowercase());
        } else {
            flush(&mut run);
        }
        if raw.ends_with(|c: char| !c.is_alphanumeric()) {
            flush(&mut run);
        }
    }
    flush(&mut run);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn multi_word_names() {
        assert_eq!(
            names("The Southern Poverty Law Center sued Aryan Nations, Dees said. The Justice Department"),
            vec!["#southern_poverty_law_center", "#aryan_nations", "#justice_department"]
        );
        assert!(names("Talks resumed in Geneva on Monday.").is_empty());
    }

    use super::*;

    #[test]
    fn names_inside_sentences_are_entities() {
        let t = terms(
            "Talks in Geneva resumed. Rubio met Lavrov in 2025.",
            true,
            &mut Stems::default(),
        );
        let entity = |w: &str| t.iter().find(|(s, _)| &**s == w).map(|(_, e)| *e);
        assert_eq!(entity("geneva"), Some(true));
        assert_eq!(entity("talk"), Some(false));
        // Sentence-initial capitals are not evidence of a name.
        assert_eq!(entity("rubio"), Some(false));
        assert_eq!(entity("lavrov"), Some(true));
        assert_eq!(entity("2025"), None);
    }

    #[test]
    fn headline_from_first_line_only_when_it_looks_like_one() {
        let a = |text: &str| Article {
            text: text.into(),
            ..Article::default()
        };
        assert_eq!(
            headline(&a(
                "US duo in first spam conviction\n\nA brother and sister..."
            )),
            Some("US duo in first spam conviction")
        );
        assert_eq!(headline(&a("403\nSorry!!")), None);
        assert_eq!(
            headline(&a("The talks resumed on Monday in Geneva.\n")),
            None
        );
        // Regression: duc2003's NYT editorials and AP's notes to editors were headlines.
        for opening in [
            "The New York Times said in an editorial for Wednesday, Oct. 7:",
            "Eds: UPDATES with four more deaths in Poland AP Photo By ALISON MUTLER Associated Press Writer",
            "By ALISON MUTLER Associated Press Writer",
        ] {
            assert_eq!(headline(&a(&format!("{opening}\nThe text.\n"))), None);
        }
    }

    /// Regression (probe 16): DUC 2007 titles cut at a length limit headed stories ("Taliban
    /// Criticize Amnesty International for").
    #[test]
    fn a_title_cut_off_mid_phrase_headed_a_story() {
        let titled = |t: &str| Article {
            title: Some(t.into()),
            text: "The Afghan Taliban militia criticised Amnesty International today.".into(),
            ..Article::default()
        };
        assert_eq!(
            headline(&titled("Taliban Criticize Amnesty International for")),
            None
        );
        assert_eq!(headline(&titled("Talks to resume IN")), None);
        let whole = "Taliban criticize Amnesty International";
        assert_eq!(headline(&titled(whole)), Some(whole));
    }
}
