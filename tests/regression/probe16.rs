//! Regression tests of probe 16 (command line, messages, inputs): each is named after the bug
//! it pins down.

use crate::util::{newsdigest, stderr_of, tempdir, tree};
use std::fs;

const ARTICLE: &str = "The central bank raised interest rates by half a point on Thursday, \
the biggest increase in two decades.\n\nThe decision was widely expected by economists, who said \
the bank had little choice after prices rose sharply in the year to April.\n\nThe governor said \
further rises could not be ruled out at the next meeting of the board.\n";

const SEEN: &str = "The central bank kept interest rates on hold in March, saying that prices \
were rising more slowly than expected.\n\nEconomists had expected the decision, which the \
governor said would be reviewed at the next meeting.\n";

/// A word2vec text model small enough to write inline.
const MODEL: &str = "3 2\nbank 0.1 0.2\nrates 0.3 0.1\nprices 0.2 0.4\n";

#[test]
fn output_onto_a_seen_article_topic_file_or_model_replaced_it() {
    let dir = tempdir();
    let d = dir.path();
    tree(
        d,
        &[
            ("in.txt", ARTICLE),
            ("seen/old.txt", SEEN),
            ("topic.txt", "interest rates\n"),
            ("model.txt", MODEL),
        ],
    );
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["--seen", "seen/old.txt"],
            "seen/old.txt",
            "one of the --seen articles",
        ),
        // A file inside a seen folder, reached by another path.
        (
            &["--seen", "seen"],
            "seen/../seen/old.txt",
            "one of the --seen articles (seen)",
        ),
        (
            &["--topic-file", "topic.txt"],
            "topic.txt",
            "the --topic-file (topic.txt)",
        ),
        (
            &["--embeddings", "model.txt"],
            "model.txt",
            "the --embeddings model (model.txt)",
        ),
    ];
    for (flags, out, said) in cases {
        let before = fs::read(d.join(out)).unwrap();
        let run = newsdigest()
            .current_dir(d)
            .arg("summarize")
            .args(flags)
            .args(["-o", out, "in.txt"])
            .assert()
            .code(2);
        let err = stderr_of(&run);
        assert!(
            err.starts_with(&format!("newsdigest: --output {out}: is {said}")),
            "{flags:?}: {err}"
        );
        assert!(err.contains("refusing to replace"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert_eq!(fs::read(d.join(out)).unwrap(), before, "{out} was replaced");
    }
}

#[test]
fn bench_save_onto_a_seen_summary_replaced_it() {
    let dir = tempdir();
    let dataset = crate::bench::dataset(dir.path());
    // An earlier run's saved summary, read back as what the reader has seen.
    let saved = dir.path().join("saved");
    tree(&saved, &[("lead/flood.txt", SEEN)]);
    let run = newsdigest()
        .arg("bench")
        .arg(&dataset)
        .args(["--method", "lead", "--seen"])
        .arg(saved.join("lead"))
        .arg("--save")
        .arg(&saved)
        .assert()
        .code(2);
    let err = stderr_of(&run);
    assert!(
        err.contains("flood.txt is one of the --seen articles"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(saved.join("lead/flood.txt")).unwrap(),
        SEEN
    );
    assert!(
        !saved.join("refs").exists(),
        "nothing is saved after the refusal"
    );
}

/// A Google-News-style feed: every item is a list of links to other outlets' headlines.
#[test]
fn a_feed_of_headlines_was_said_to_hold_sentences_under_8_words() {
    let item = |n: usize, headline: &str| {
        let links = format!(
            "<ol><li><a href=\"https://news.example/{n}\">{headline}</a>&nbsp;&nbsp;\
             <font color=\"#6f6f6f\">Wire</font></li><li><a href=\"https://news.example/{n}b\">\
             {headline} - analysis</a>&nbsp;&nbsp;<font color=\"#6f6f6f\">Daily</font></li></ol>"
        );
        format!(
            "<item><title>{headline} - Wire</title><link>https://news.example/{n}</link>\
             <description>{}</description></item>",
            links
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
        )
    };
    let feed = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Top stories</title>{}{}{}\
         </channel></rss>",
        item(
            1,
            "Fed raises rates by half a point, biggest hike in 22 years"
        ),
        item(
            2,
            "Stocks tumble after Fed decision as investors fear recession"
        ),
        item(3, "Ukraine peace talks resume in Istanbul amid shelling"),
    );
    let dir = tempdir();
    tree(dir.path(), &[("news.xml", &feed)]);
    let run = newsdigest()
        .arg("summarize")
        .arg(dir.path().join("news.xml"))
        .assert()
        .code(3);
    let err = stderr_of(&run);
    assert!(
        err.starts_with("newsdigest: the inputs hold no usable sentence after cleaning"),
        "{err}"
    );
    assert!(!err.contains("shorter than"), "{err}");
}

#[test]
fn clean_kept_an_article_that_summarize_leaves_out_as_not_english() {
    let german = "Der Dollar ist gegenüber dem Euro auf den höchsten Stand seit fast drei \
Monaten gestiegen, nachdem der Chef der US-Notenbank gesagt hatte, das Handelsdefizit werde sich \
stabilisieren.\n\nIm späten New Yorker Handel erreichte der Dollar 1,2871 Dollar je Euro, nach \
1,2974 Dollar am Donnerstag. Die Sorgen um das Defizit hatten die amerikanische Währung in den \
vergangenen Monaten belastet.\n";
    let dir = tempdir();
    tree(dir.path(), &[("de.txt", german), ("en.txt", ARTICLE)]);
    let run = newsdigest().arg("clean").arg(dir.path()).assert().success();
    let out = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(!out.contains("de.txt") && !out.contains("Dollar"), "{out}");
    assert!(out.contains("en.txt"), "{out}");
    let err = stderr_of(&run);
    assert!(
        err.contains("warning: left out 1 article not in English (1 German)"),
        "{err}"
    );
}

#[test]
fn a_json_ld_only_page_rendered_by_javascript_gave_no_usable_sentence() {
    let page = format!(
        "<!DOCTYPE html><html><head><title>Rates up | Finance Today</title>\
         <script type=\"application/ld+json\">{}</script></head><body><div id=\"__next\">\
         <div class=\"loading\">Loading...</div></div></body></html>",
        serde_json::json!({
            "@type": "NewsArticle", "headline": "Central bank raises rates",
            "articleBody": ARTICLE, "publisher": {"name": "Finance Today"}
        })
    );
    let dir = tempdir();
    tree(dir.path(), &[("spa.html", &page)]);
    let out = newsdigest()
        .args(["summarize", "--format", "markdown"])
        .arg(dir.path().join("spa.html"))
        .assert()
        .success();
    let md = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        md.contains("The central bank raised interest rates"),
        "{md}"
    );
    assert!(md.contains("Finance Today"), "{md}");
}

#[test]
fn a_one_line_newsapi_response_had_no_article_text() {
    let response = serde_json::json!({
        "status": "ok", "totalResults": 2,
        "articles": [
            {"headline": "Rates up", "body": ARTICLE, "source": {"name": "Wire"}},
            {"headline": "Rates held", "body": SEEN, "source": {"name": "Daily"}},
        ]
    });
    let dir = tempdir();
    tree(dir.path(), &[("wrapped.json", &response.to_string())]);
    let out = newsdigest()
        .args(["summarize", "--format", "json", "--field", "text=body"])
        .arg(dir.path().join("wrapped.json"))
        .assert()
        .success();
    assert_eq!(stderr_of(&out), "");
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["meta"]["inputs"], 2, "{json}");
}
