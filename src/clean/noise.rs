//! Why a unit of text was dropped: the reasons `clean` gives, named for `--explain` and JSON.

use crate::choice::{named, Choice, Named};
use serde::{Serialize, Serializer};

/// Why a block or sentence was dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Noise {
    /// Too short to be prose (menu words, counters, "No comment").
    Short,
    /// Does not end like a sentence (headlines, navigation, bylines, link lists).
    NoSentenceEnd,
    /// Title Case Words Like A Headline Or Link.
    TitleCase,
    /// Too few function words for prose (lists of names, tags, links).
    LowStopwordDensity,
    /// A short block speaking to the reader outside quotes: error banners, prompts.
    ReaderAddress,
    /// Legal or site boilerplate phrases ("all rights reserved", "click here").
    SiteBoilerplate,
    /// Photo caption or credit.
    Caption,
    /// Author biography.
    AuthorBio,
    /// A teaser cut off mid-sentence.
    Truncated,
    /// A heading phrased as a question.
    QuestionHeading,
    /// A paragraph or sentence already seen in the same article.
    Repeat,
    /// Part of an article that copies another input (see `duplicate_of`).
    Copy,
    /// A sentence in another language inside an English article (a quotation left untranslated).
    Foreign,
}

impl Choice for Noise {
    const CHOICES: &'static [Named<Self>] = &[
        named(Noise::Short, "short", "too short to be prose"),
        named(
            Noise::NoSentenceEnd,
            "no-sentence-end",
            "does not end like a sentence",
        ),
        named(
            Noise::TitleCase,
            "title-case",
            "title-cased like a headline or link",
        ),
        named(
            Noise::LowStopwordDensity,
            "few-function-words",
            "too few function words for prose",
        ),
        named(
            Noise::ReaderAddress,
            "reader-address",
            "a short block addressing the reader",
        ),
        named(
            Noise::SiteBoilerplate,
            "boilerplate",
            "legal or site boilerplate phrase",
        ),
        named(Noise::Caption, "caption", "photo caption or credit"),
        named(Noise::AuthorBio, "author-bio", "author biography"),
        named(Noise::Truncated, "truncated", "teaser cut off mid-sentence"),
        named(
            Noise::QuestionHeading,
            "question-heading",
            "heading phrased as a question",
        ),
        named(Noise::Repeat, "repeat", "already seen in this article"),
        named(Noise::Copy, "copy", "the article copies another input"),
        named(
            Noise::Foreign,
            "foreign-language",
            "a sentence in another language than English",
        ),
    ];
}

impl Serialize for Noise {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_has_a_distinct_name() {
        let names: std::collections::HashSet<&str> =
            Noise::CHOICES.iter().map(|c| c.name).collect();
        assert_eq!(names.len(), Noise::CHOICES.len());
        assert_eq!(Noise::parse("boilerplate"), Ok(Noise::SiteBoilerplate));
    }
}
