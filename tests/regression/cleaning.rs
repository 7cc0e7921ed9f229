//! Regression tests of the "Real shapes" issue (cleaning and splitting): each is named after
//! the bug it pins down, as a user measured it on one-block articles and clean newswire.

use newsdigest::clean::{classify, clean, Noise};
use newsdigest::read::Article;
use newsdigest::segment::sentences;

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        text: text.into(),
        ..Article::default()
    }
}

/// Kept sentences of one article given as one block.
fn kept(text: &str) -> Vec<String> {
    let c = clean(&[article("a", text)]);
    c.documents
        .first()
        .map(|d| d.sentences.clone())
        .unwrap_or_default()
}

#[test]
fn human_rights_counted_as_two_boilerplate_words() {
    let s = "Ms. Clywd chairs an all-party committee of lawmakers on human rights, which reserved its judgement.";
    assert_eq!(classify(s), None);
}

#[test]
fn there_was_no_sign_that_read_as_site_furniture() {
    assert_eq!(
        classify("There was no sign that the rebels would honour the ceasefire in the north."),
        None
    );
}

#[test]
fn terms_of_the_deal_read_as_site_furniture() {
    assert_eq!(
        classify("The terms of the deal were not disclosed by either company on Monday."),
        None
    );
}

#[test]
fn not_available_for_comment_read_as_site_furniture() {
    assert_eq!(
        classify("A spokesman for the ministry was not available for comment on Sunday."),
        None
    );
}

#[test]
fn royal_dutch_shell_read_as_a_photo_credit() {
    assert_eq!(
        classify("The merger would create a rival to Royal Dutch/Shell in the oil market."),
        None
    );
    assert_eq!(
        classify("The merger would create a rival to Royal Dutch/Shell."),
        None
    );
}

#[test]
fn you_inside_a_quotation_opened_with_two_apostrophes_read_as_reader_address() {
    assert_eq!(
        classify("''You cannot win this war,'' the minister told reporters."),
        None
    );
    assert_eq!(
        classify("``You will see the day,'' he said in the capital."),
        None
    );
    // Opened and never closed in the paragraph: the quotation runs on.
    assert_eq!(
        classify("He told the crowd: ``You have waited long enough for peace."),
        None
    );
}

#[test]
fn a_wire_slug_at_the_end_made_the_paragraph_look_unfinished() {
    for slug in ["MORE", "(djp)", "3rd graf pvs"] {
        let text =
            format!("The talks resumed in Geneva on Monday after a pause of two weeks. {slug}");
        assert_eq!(
            kept(&text),
            ["The talks resumed in Geneva on Monday after a pause of two weeks."],
            "{slug}"
        );
    }
}

#[test]
fn a_paragraph_ending_in_a_colon_read_as_unfinished() {
    assert_eq!(
        classify("The ministers set out three conditions for a ceasefire on Monday:"),
        None
    );
}

#[test]
fn one_block_article_dropped_on_one_weak_cue() {
    // Every cue above in one block, as a JSONL export gives an article.
    let text = "LONDON (AP) _ Lawmakers on human rights backed the request on Saturday. \
        There was no sign that the government would object. The terms of the deal were not \
        disclosed. A spokesman was not available for comment. Royal Dutch/Shell declined to \
        say more. ''You will see,'' one official said. MORE";
    let c = clean(&[article("a", text)]);
    assert!(c.dropped.is_empty(), "{:?}", c.dropped);
    assert_eq!(c.documents[0].sentences.len(), 6);
}

#[test]
fn every_article_of_a_story_dropped_and_summarize_found_no_usable_sentence() {
    let one_block = |lead: &str| {
        format!(
            "{lead} The terms of the deal were not disclosed, and there was no sign that \
            the talks would end soon. Officials said the human rights clauses were still open. \
            A spokesman was not available for comment. (djp)"
        )
    };
    let articles = [
        article(
            "a",
            &one_block("WASHINGTON - The two governments signed a trade agreement on Monday."),
        ),
        article(
            "b",
            &one_block(
                "KYIV, Ukraine \u{2014} Ukraine and its neighbour signed a trade pact on Monday.",
            ),
        ),
    ];
    let model = newsdigest::embeddings::WordEmbeddings::default_model().unwrap();
    let digest = newsdigest::pipeline::summarize(
        &articles,
        &Default::default(),
        &newsdigest::pipeline::RunContext::default(),
        &model,
    );
    assert!(digest.is_ok(), "{:?}", digest.err());
}

#[test]
fn click_here_read_more_and_story_continues_stayed_inside_a_one_block_article() {
    let text = "The envoys met in Geneva on Tuesday to discuss the draft agreement line by line. \
        Click here to get breaking news alerts on your phone. Officials said the text was close \
        to final after weeks of work. Read more: Envoys gather in Geneva. Story continues below \
        advertisement. A vote is expected in parliament before the end of the month.";
    let c = clean(&[article("a", text)]);
    let reasons: Vec<Noise> = c.dropped.iter().map(|d| d.reason).collect();
    assert_eq!(reasons, [Noise::SiteBoilerplate; 3]);
    assert_eq!(c.documents[0].sentences.len(), 3);
}

#[test]
fn sentences_dropped_mixed_blocks_and_sentences_and_counted_folded_copies() {
    let story =
        "The two governments signed a trade agreement in Geneva on Monday after long talks. \
        Officials said the deal would cut tariffs on steel and grain over five years.";
    let noise =
        "All rights reserved.\nClick here to subscribe to our newsletter today, it is free.";
    let articles = [
        article("a", &format!("{story}\n{noise}")),
        article("b", story),
        article("c", "The two governments signed a trade agreement in Geneva on Monday after long talks. A third paragraph says something else entirely about the weather in the mountains."),
    ];
    let model = newsdigest::embeddings::WordEmbeddings::default_model().unwrap();
    let d = newsdigest::pipeline::summarize(
        &articles,
        &Default::default(),
        &newsdigest::pipeline::RunContext::default(),
        &model,
    )
    .unwrap();
    assert_eq!(d.meta.sentences_dropped, 2, "{:?}", d.meta);
    assert_eq!(d.meta.duplicate_articles, 1);
    assert_eq!(d.meta.sentences_in_copies, 2);
    assert_eq!(d.meta.sentences_folded, 1);
    assert_eq!(d.meta.sentences_total, 8);
}

#[test]
fn party_labels_r_nj_and_d_calif_were_cut() {
    assert_eq!(
        sentences("Sen. Frank Lautenberg, D-N.J., and Sen. Barbara Boxer, D-Calif., voted no."),
        ["Sen. Frank Lautenberg, D-N.J., and Sen. Barbara Boxer, D-Calif., voted no."]
    );
}

#[test]
fn a_sentence_ended_in_an_initial_or_a_title() {
    for s in sentences("The bill was written by Sen. Jesse Helms. It was signed by George W. Bush. Mr. Smith agreed.") {
        for end in [" Sen.", " Mr.", " W.", " J."] {
            assert!(!s.ends_with(end), "{s}");
        }
    }
}

#[test]
fn a_quotation_of_two_sentences_lost_its_attribution() {
    let s = "\u{201c}We will win. We have to,\u{201d} he said.";
    assert_eq!(sentences(s), [s]);
}

/// Regression: a page copied from Wikipedia or saved with `<sup>[1]</sup>` footnote calls
/// kept the marks, and "said.[1]The talks…" glued the lead to the next sentence.
#[test]
fn footnote_calls_glued_the_lead_to_the_next_sentence() {
    let html = "<html><head><title>Talks resume</title></head><body><article>\
        <p>Russian and Ukrainian negotiators resumed peace talks in Geneva on Monday, officials \
        said.<sup><a href=\"#cite-1\">[1]</a></sup>The talks focus on a ceasefire along the front \
        line and on security guarantees for Ukraine.</p>\
        <p>Both delegations met for six hours behind closed doors at the United Nations office, \
        according to diplomats familiar with the meeting.<sup>[2]</sup></p></article></body></html>";
    let article =
        newsdigest::read::html::parse_html(html, "a.html", std::path::Path::new("a.html"))
            .expect("page reads");
    let c = clean(&[article]);
    let kept = &c.documents[0].sentences;
    assert_eq!(
        kept[0],
        "Russian and Ukrainian negotiators resumed peace talks in Geneva on Monday, officials said."
    );
    assert!(kept.iter().all(|s| !s.contains('[')), "{kept:?}");
}

/// Regression: hard-wrapped text (`fold -w 72`, e-mail) was joined back only where the next
/// line began in lower case, so a sentence wrapped before a name lost its opening and its tail
/// ("Francis Scott Key Bridge when it collapsed…") was kept as a whole sentence.
#[test]
fn hard_wrapped_sentences_lost_their_opening() {
    let text = "Bridge collapse in Baltimore\n\nRescue teams searched the river on Wednesday for \
                six workers who were on the\nFrancis Scott Key Bridge when it collapsed after \
                a container ship struck a pillar.\n";
    assert_eq!(
        kept(text),
        vec![
            "Rescue teams searched the river on Wednesday for six workers who were on the \
             Francis Scott Key Bridge when it collapsed after a container ship struck a pillar."
        ]
    );
    // Without a title, the first wrapped line is no headline either.
    let untitled = "Rescue teams searched the river on Wednesday for six workers who were on\n\
                    the Francis Scott Key Bridge when it collapsed after a container ship\n\
                    struck one of its pillars early on Tuesday, the state police said.\n";
    let wrapped = article("w", untitled);
    assert_eq!(newsdigest::stories::headline(&wrapped), None);
    assert_eq!(newsdigest::cite::headline(&wrapped.text), None);
}
