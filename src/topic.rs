//! Following one story: a topic (`--topic`) the digest is about, and articles the reader has
//! already read (`--seen`).
//!
//! The topic biases every stage: articles far from it are left out, concepts that the topic (or
//! a near neighbour of one of its words in the model) names weigh more, and the objective
//! rewards sentences similar to it (query-focused summarisation, as the best DUC 2005–2007
//! systems did). What the reader has seen is a penalty: its concepts are discounted and a
//! sentence close to a seen one gains less (the DUC 2007 update task), while the new articles'
//! own salience still counts. This module prepares both for the pipeline; the objective's use
//! of them is [`crate::select::Focus`].

use crate::config::topic::is_term;
pub use crate::config::topic::Topic;
use crate::embed::SentenceEncoder;
use crate::embeddings::WordEmbeddings;
use crate::read::Article;
use crate::select::Focus;
use crate::split::Sentence;
use crate::words;
use ndarray::Array2;
use rustc_hash::{FxHashMap, FxHashSet};

/// Neighbours kept per topic word, and how close they must be (cosine) to count.
const NEIGHBOURS: usize = 3;
const NEIGHBOUR_MIN_COSINE: f32 = 0.6;

/// Stem → weight: the topic's words (1) and their nearest neighbours among the input's own
/// words (their cosine, halved: a neighbour is a hint, not the topic).
pub fn expand(
    topic: &Topic,
    sentences: &[Sentence],
    model: &WordEmbeddings,
) -> FxHashMap<String, f32> {
    let terms = topic.terms();
    let mut stems: FxHashMap<String, f32> = terms.iter().map(|t| (words::stem(t), 1.0)).collect();
    let vocabulary: Vec<String> = {
        let mut seen = FxHashSet::default();
        sentences
            .iter()
            .flat_map(|s| words::tokens(&s.text))
            .filter(|t| is_term(t) && !stems.contains_key(&words::stem(t)))
            .filter(|t| seen.insert(t.clone()))
            .collect()
    };
    // Only whole words the model knows: pieces of unknown words make poor neighbours.
    let unit = |w: &str| -> Option<Vec<f32>> {
        model
            .contains(w)
            .then(|| model.lookup(w).pop().map(|v| v.vector))?
    };
    let vocab: Vec<(&String, Vec<f32>)> = vocabulary
        .iter()
        .filter_map(|w| unit(w).map(|v| (w, v)))
        .collect();
    for term in &terms {
        let Some(t) = unit(term) else { continue };
        let mut near: Vec<(f32, &String)> = vocab
            .iter()
            .map(|(w, v)| (v.iter().zip(&t).map(|(a, b)| a * b).sum::<f32>(), *w))
            .filter(|(c, _)| *c >= NEIGHBOUR_MIN_COSINE)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        for (cos, w) in near.into_iter().take(NEIGHBOURS) {
            let e = stems.entry(words::stem(w)).or_insert(0.0);
            *e = e.max(0.5 * cos);
        }
    }
    stems
}

/// What the pipeline prepares for a run with a topic or seen articles.
#[derive(Debug, Default)]
pub struct Prepared {
    pub topic: Option<Topic>,
    /// Articles left out as far from the topic (by input index).
    pub off_topic: FxHashSet<usize>,
    /// Each article's topic density: the weight of the topic words (and neighbours) its
    /// sentences hold, per sentence (with a topic only).
    pub density: Vec<f32>,
    /// Topic stems and their neighbours, with weights.
    pub stems: FxHashMap<String, f32>,
    /// Sentences the reader has seen: of the `--seen` articles, and of recent digests (`run`).
    pub seen: Vec<String>,
    seen_keys: FxHashSet<String>,
}

impl Prepared {
    /// Nothing to prepare without a topic or anything seen: the generic digest is unchanged.
    /// `published`: what recent digests sent (`run`); `seen_sentences`: the `--seen` articles',
    /// cleaned and split.
    pub fn new(
        topic: Option<&Topic>,
        published: &[String],
        articles: &[Article],
        sentences: &[Sentence],
        seen_sentences: &[Sentence],
        model: &WordEmbeddings,
    ) -> Prepared {
        let mut seen: Vec<String> = seen_sentences.iter().map(|s| s.text.clone()).collect();
        seen.extend(published.iter().cloned());
        let seen_keys = crate::novelty::sentence_keys(seen.iter().map(String::as_str))
            .into_iter()
            .collect();
        let Some(topic) = topic.cloned() else {
            return Prepared {
                seen,
                seen_keys,
                ..Prepared::default()
            };
        };
        let stems = expand(&topic, sentences, model);
        let off_topic = off_topic(&topic, articles, sentences, model, &stems);
        Prepared {
            topic: Some(topic),
            off_topic,
            density: density(articles.len(), sentences, &stems),
            stems,
            seen,
            seen_keys,
        }
    }

    pub fn is_active(&self) -> bool {
        self.topic.is_some() || !self.seen.is_empty()
    }

    /// Whether `s` stays: its article is on topic and the reader has not read it word for word.
    pub fn keeps(&self, s: &Sentence) -> bool {
        !self.off_topic.contains(&s.article)
            && (self.seen_keys.is_empty()
                || !self
                    .seen_keys
                    .contains(&crate::novelty::sentence_key(&s.text)))
    }

    /// Texts to encode with the candidates, so that all share one common component: the
    /// topic first when there is one, then the seen sentences.
    pub fn extra_texts(&self) -> Vec<&str> {
        self.topic
            .iter()
            .map(|t| t.text.as_str())
            .chain(self.seen.iter().map(String::as_str))
            .collect()
    }

    /// The focus of the objective, from the candidates' `vectors` and the `extra` rows encoded
    /// with them (topic first when there is one, then the seen sentences).
    pub fn focus(
        &self,
        texts: &[&str],
        vectors: &Array2<f32>,
        extra: Option<Array2<f32>>,
    ) -> Option<Focus> {
        if !self.is_active() {
            return None;
        }
        let extra = extra?;
        let t = usize::from(self.topic.is_some());
        let topic_sim = if t == 1 {
            vectors.dot(&extra.row(0)).mapv(|x| x.max(0.0)).to_vec()
        } else {
            Vec::new()
        };
        let seen_rows = extra.slice(ndarray::s![t.., ..]);
        let seen_sim = if seen_rows.nrows() > 0 {
            let sims = vectors.dot(&seen_rows.t());
            sims.rows()
                .into_iter()
                .map(|r| r.iter().copied().fold(0f32, f32::max))
                .collect()
        } else {
            Vec::new()
        };
        let terms = if t == 1 {
            texts.iter().map(|s| self.term_weight(s)).collect()
        } else {
            Vec::new()
        };
        Some(Focus::new(
            topic_sim,
            terms,
            seen_sim,
            self.stems.clone(),
            crate::select::seen_concepts(&self.seen),
        ))
    }
}

impl Prepared {
    /// The weight of the topic words (and neighbours) `text` holds, each counted once.
    fn term_weight(&self, text: &str) -> f32 {
        stem_mass(text, &self.stems)
    }
}

fn stem_mass(text: &str, stems: &FxHashMap<String, f32>) -> f32 {
    let distinct: FxHashSet<String> = words::tokens(text).iter().map(|t| words::stem(t)).collect();
    distinct.iter().filter_map(|s| stems.get(s)).sum()
}

/// Each article's topic words per sentence (0 for an article without sentences). Unlike the
/// articles' vectors, whose common component is the topic itself when every article is about
/// it, this compares across inputs of one story and of many.
fn density(articles: usize, sentences: &[Sentence], stems: &FxHashMap<String, f32>) -> Vec<f32> {
    let mut mass = vec![0f32; articles];
    let mut count = vec![0f32; articles];
    for s in sentences {
        mass[s.article] += stem_mass(&s.text, stems);
        count[s.article] += 1.0;
    }
    mass.iter()
        .zip(&count)
        .map(|(m, c)| m / c.max(1.0))
        .collect()
}

/// Articles far from the topic: not one topic word or neighbour among their sentences' stems,
/// and a vector much less similar to the topic than the best article's. The most relevant
/// article always stays.
fn off_topic(
    topic: &Topic,
    articles: &[Article],
    sentences: &[Sentence],
    model: &WordEmbeddings,
    stems: &FxHashMap<String, f32>,
) -> FxHashSet<usize> {
    let mut texts = vec![String::new(); articles.len()];
    for s in sentences {
        texts[s.article].push_str(&s.text);
        texts[s.article].push(' ');
    }
    let mut batch: Vec<&str> = texts.iter().map(String::as_str).collect();
    batch.push(&topic.text);
    let v = SentenceEncoder::new(model).encode(&batch);
    let last = batch.len() - 1;
    let sim: Vec<f32> = (0..last).map(|a| v.row(a).dot(&v.row(last))).collect();
    let best = sim.iter().copied().fold(f32::MIN, f32::max);
    let mass = |text: &str| stem_mass(text, stems);
    (0..last)
        .filter(|&a| !texts[a].is_empty())
        .filter(|&a| sim[a] < OFF_TOPIC_RATIO * best && mass(&texts[a]) < 1.0)
        .collect()
}

/// An article less similar to the topic than this share of the best article's, and without a
/// single topic word, is off topic.
const OFF_TOPIC_RATIO: f32 = 0.5;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn empty_or_stopword_only_topics_are_usage_errors() {
        for t in ["", "   ", "the of and", "Describe any information"] {
            let e = Topic::parse(t).unwrap_err();
            assert!(matches!(e, Error::Usage(_)), "{t:?}: {e:?}");
        }
        let t = Topic::parse("Security guarantees for Ukraine").unwrap();
        assert_eq!(t.terms(), ["security", "guarantees", "ukraine"]);
    }

    fn sentence(article: usize, text: &str) -> Sentence {
        crate::split::test_sentence(article, 0, text)
    }

    #[test]
    fn topic_relevance_ranks_an_on_topic_sentence_above_an_off_topic_one() {
        let model = WordEmbeddings::default_model().unwrap();
        let on = "Kyiv asked for security guarantees before any ceasefire with Russia.";
        let off = "The city council approved a new budget for road repairs on Tuesday.";
        let sentences = [sentence(0, on), sentence(1, off)];
        let topic = Topic::parse("security guarantees for Ukraine").unwrap();
        let articles = [Article::default(), Article::default()];
        let p = Prepared::new(Some(&topic), &[], &articles, &sentences, &[], &model);
        assert!(p.term_weight(on) > p.term_weight(off));
        assert_eq!(p.term_weight(off), 0.0);
        // The council article is far from the topic and leaves; the on-topic one stays.
        assert!(
            p.off_topic.contains(&1) && !p.off_topic.contains(&0),
            "{:?}",
            p.off_topic
        );
    }

    #[test]
    fn a_sentence_read_word_for_word_is_left_out() {
        let model = WordEmbeddings::default_model().unwrap();
        let fact = "The ceasefire began at midnight on Monday along the whole front.";
        let sentences = [
            sentence(0, fact),
            sentence(0, "Talks resume in Geneva on Friday."),
        ];
        let read = [sentence(0, fact)];
        let p = Prepared::new(None, &[], &[Article::default()], &sentences, &read, &model);
        assert!(!p.keeps(&sentences[0]));
        assert!(p.keeps(&sentences[1]));
    }
}
