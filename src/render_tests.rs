//! Tests of the renderers: one digest, every format.
use super::*;
use crate::pipeline::RunMeta;

fn sentence(text: &str, id: &str) -> DigestSentence {
    DigestSentence::of_test(text, id, 0)
}

fn story(id: usize, headline: &str, text: &str, continuing: bool) -> StoryDigest {
    StoryDigest {
        id,
        headline: headline.into(),
        outlets: 1,
        outlet_names: vec![format!("{id}.txt")],
        outlets_known: true,
        articles_without_outlet: 0,
        articles: vec![format!("{id}.txt")],
        first_seen: None,
        last_seen: None,
        continuing,
        first_digest: continuing.then(|| "2026-11-02".to_string()),
        sentences: vec![sentence(text, &format!("{id}.txt"))],
    }
}

fn digest() -> Digest {
    let stories = vec![
        story(
            0,
            "Ferry crews strike",
            "Ferry crews stopped work on Tuesday.",
            false,
        ),
        story(
            1,
            "Water order lifted",
            "The advisory was lifted on Wednesday.",
            true,
        ),
    ];
    Digest {
        title: "News digest".into(),
        sentences: stories.iter().flat_map(|s| s.sentences.clone()).collect(),
        stories,
        meta: RunMeta {
            inputs: 2,
            duplicate_articles: 0,
            sentences_total: 2,
            sentences_kept: 2,
            sentences_dropped: 0,
            sentences_in_copies: 0,
            sentences_folded: 0,
            model: "m".into(),
            method: crate::config::Method::Cluster,
            seed: 42,
            languages_skipped: Default::default(),
            off_topic_articles: None,
            off_topic_stories: None,
            continuing_left_out: Some(1),
            stories_left_out: Some(0),
        },
        explain: None,
        input_keys: Vec::new(),
        memory: Vec::new(),
    }
}

/// Regression (two cited articles without outlet or title, `tech/001.txt` and
/// `business/001.txt`, were both cited as "001.txt").
#[test]
fn two_cited_files_of_one_name_looked_alike() {
    let mut d = digest();
    d.stories.clear();
    d.sentences = vec![
        sentence("Shares rose.", "/data/bbc/tech/001.txt"),
        sentence("Shares fell.", "/data/bbc/business/001.txt"),
        sentence("Shares held.", "/data/bbc/tech/002.txt"),
    ];
    for format in [OutputFormat::Markdown, OutputFormat::Html] {
        let out = render(&d, format);
        for name in ["tech/001.txt", "business/001.txt", "002.txt"] {
            assert!(out.contains(name), "{name}: {out}");
        }
        // A folder only where it tells two names apart; never the rest of the path.
        assert!(
            !out.contains("tech/002.txt") && !out.contains("bbc/"),
            "{out}"
        );
    }
}

/// Regression: a literal `&amp;` in a sentence rendered as `&` in Markdown (numeric
/// references were escaped through their `#`, named ones not at all).
#[test]
fn a_literal_character_reference_stays_literal_in_markdown() {
    assert_eq!(
        escape_markdown("emails &amp; letters, &#8212; AT&T & Co; R&D;"),
        "emails \\&amp; letters, \\&\\#8212; AT&T & Co; R\\&D;"
    );
}

/// Regression (probe 16): an untitled story is headed by its lead sentence, which the
/// section then repeated as its first bullet (5 of 7 stories of a mixed day).
#[test]
fn an_untitled_storys_headline_was_repeated_as_its_first_bullet() {
    let lead = "Ferry crews stopped work on Tuesday.";
    let mut d = digest();
    d.stories[0].headline = lead.into();
    d.stories[0]
        .sentences
        .push(sentence("Ports were shut.", "0.txt"));
    let md = render(&d, OutputFormat::Markdown);
    assert_eq!(md.matches(lead).count(), 1, "{md}");
    assert!(
        md.contains(&format!(
            "## {lead}\n\n_(0.txt)_\n\n- Ports were shut. _(0.txt)_\n\n_1 outlet: 0.txt_\n"
        )),
        "{md}"
    );
    let html = render(&d, OutputFormat::Html);
    assert_eq!(html.matches(lead).count(), 1, "{html}");
    // Regression (probe 17): the line counted every input, 60 where the digest drew on 30.
    d.meta.inputs = 60;
    let html = render(&d, OutputFormat::Html);
    assert!(
        html.contains("<p class=\"meta\">2 sentences from 2 articles</p>"),
        "{html}"
    );
    assert!(html.contains("<p class=\"src\">0.txt</p>"), "{html}");
    // A story of that one sentence: its headline and citation, then its outlets.
    d.stories[0].sentences.pop();
    let md = render(&d, OutputFormat::Markdown);
    assert!(
        md.contains(&format!("## {lead}\n\n_(0.txt)_\n\n_1 outlet: 0.txt_\n")),
        "{md}"
    );
    // Text and JSON keep every sentence.
    assert!(render(&d, OutputFormat::Text).contains(lead));
}

/// Regression (probe 17): with one named outlet among files of none, the story's line
/// listed the files as outlets ("4 outlets: APW….txt, NYT….txt, …") while the title said
/// "2 outlets (7 articles without one)".
#[test]
fn files_without_an_outlet_were_listed_as_outlets() {
    let mut d = digest();
    d.stories[0].outlet_names = vec!["Reuters".into()];
    d.stories[0].articles_without_outlet = 3;
    let md = render(&d, OutputFormat::Markdown);
    assert!(
        md.contains("_1 outlet: Reuters (3 articles without one)_"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&render(&d, OutputFormat::Json)).unwrap();
    assert_eq!(json["stories"][0]["articles_without_outlet"], 3);
    assert!(json["stories"][1].get("articles_without_outlet").is_none());
}

#[test]
fn a_continuing_story_is_marked_in_every_format() {
    let d = digest();
    let md = render(&d, OutputFormat::Markdown);
    assert!(md.contains("## Water order lifted (continuing)\n"), "{md}");
    assert!(md.contains("## Ferry crews strike\n"), "{md}");
    assert!(
        md.contains("_1 outlet: 1.txt · first digested 2026-11-02_"),
        "{md}"
    );
    assert!(md.contains("_1 outlet: 0.txt_"), "{md}");
    let html = render(&d, OutputFormat::Html);
    assert!(
        html.contains("<h2>Water order lifted <span class=\"continuing\">(continuing)</span></h2>"),
        "{html}"
    );
    assert!(html.contains("<h2>Ferry crews strike</h2>"), "{html}");
    assert_eq!(
        render(&d, OutputFormat::Text),
        "Ferry crews stopped work on Tuesday.\n\n(continuing)\nThe advisory was lifted on \
         Wednesday.\n"
    );
    let json: serde_json::Value = serde_json::from_str(&render(&d, OutputFormat::Json)).unwrap();
    assert_eq!(json["stories"][0]["continuing"], false);
    assert!(json["stories"][0].get("first_digest").is_none());
    assert_eq!(json["stories"][1]["continuing"], true);
    assert_eq!(json["stories"][1]["first_digest"], "2026-11-02");
    assert_eq!(json["meta"]["continuing_left_out"], 1);
}
