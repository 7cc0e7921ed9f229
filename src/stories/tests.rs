use super::*;
use crate::{clean, split};
use chrono::DateTime;

fn article(id: &str, source: &str, date: Option<&str>, text: &str) -> Article {
    Article {
        id: id.into(),
        source: Some(source.into()),
        published: date.map(|d| DateTime::parse_from_rfc3339(d).expect("test date")),
        text: text.into(),
        ..Article::default()
    }
}

fn run(articles: &[Article]) -> Stories {
    let sentences = split::split(&clean::clean(articles).sentences());
    detect(articles, &sentences, &StoryOptions::default())
}

const FLOODS: [&str; 3] = [
    "Heavy rain made the Danube burst its banks in Passau on Monday, and the Bavarian town \
     evacuated hundreds of families from the old quarter.\n\nRescue teams in Passau used boats \
     to reach residents trapped by the Danube flood waters.",
    "Flood waters of the Danube rose again in Passau overnight, officials in Bavaria said, as \
     more families were evacuated from homes near the river.\n\nThe Bavarian government \
     promised emergency aid to flood victims in Passau.",
    "The Danube flood in Passau is the worst in decades, the mayor of the Bavarian town said \
     while soldiers piled sandbags along the river.\n\nEvacuated families waited in school \
     halls for the flood waters to fall.",
];

const ELECTION: [&str; 3] = [
    "Voters in Chile chose Michelle Bachelet as president on Sunday, giving the Socialist \
     candidate a clear majority in the runoff election.\n\nBachelet promised pension reform \
     and free university education for Chile.",
    "Michelle Bachelet won the presidential runoff in Chile with 62 percent of the vote, the \
     electoral service said.\n\nHer rival conceded the election and congratulated Bachelet \
     on her victory.",
    "Chile's president-elect Michelle Bachelet thanked voters after the runoff election and \
     named her first ministers.\n\nMarkets in Santiago rose after Bachelet's victory in the \
     presidential vote.",
];

fn two_stories() -> Vec<Article> {
    // Interleaved, so that input order does not give the answer away.
    let mut out = Vec::new();
    for k in 0..3 {
        out.push(article(
            &format!("f{k}"),
            &format!("flood-outlet-{k}"),
            None,
            FLOODS[k],
        ));
        out.push(article(&format!("e{k}"), "wire", None, ELECTION[k]));
    }
    out
}

#[test]
fn two_obvious_stories_separate() {
    let s = run(&two_stories());
    assert_eq!(s.stories.len(), 2, "{s:?}");
    // The flood has three outlets, the election one: the flood ranks first.
    assert_eq!(s.stories[0].articles, vec![0, 2, 4]);
    assert_eq!(s.stories[0].outlets, 3);
    assert_eq!(s.stories[1].articles, vec![1, 3, 5]);
    assert_eq!(s.story_of, vec![0, 1, 0, 1, 0, 1]);
}

#[test]
fn one_story_stays_one() {
    let articles: Vec<Article> = FLOODS
        .iter()
        .enumerate()
        .map(|(k, t)| article(&format!("f{k}"), "wire", None, t))
        .collect();
    let s = run(&articles);
    assert_eq!(s.stories.len(), 1);
    assert_eq!(s.stories[0].articles, vec![0, 1, 2]);
}

#[test]
fn single_and_empty_inputs() {
    let one = [article("a", "wire", None, FLOODS[0])];
    assert_eq!(run(&one).story_of, vec![0]);
    let none = run(&[]);
    assert!(none.stories.is_empty() && none.story_of.is_empty());
    // An article with no usable text is a story of its own, not a failure.
    let blank = [
        article("a", "wire", None, FLOODS[0]),
        article("b", "x", None, ""),
    ];
    assert_eq!(run(&blank).stories.len(), 2);
}

#[test]
fn detection_is_deterministic() {
    let articles = two_stories();
    let first = run(&articles);
    for _ in 0..3 {
        assert_eq!(run(&articles), first);
    }
}

#[test]
fn dates_far_apart_weaken_similarity() {
    let opts = StoryOptions::default();
    let at = |d: &str| article("a", "w", Some(d), "");
    let f = |a: &str, b: &str| group::date_factor(&at(a), &at(b), &opts);
    assert_eq!(f("2025-01-01T00:00:00Z", "2025-01-03T00:00:00Z"), 1.0);
    let month = f("2025-01-01T00:00:00Z", "2025-02-01T00:00:00Z");
    assert!(month < 0.3 && month > 0.1, "{month}");
    assert_eq!(
        group::date_factor(
            &at("2025-01-01T00:00:00Z"),
            &article("b", "w", None, ""),
            &opts
        ),
        1.0
    );
}

#[test]
fn ranking_breaks_ties_by_recency_then_input_order() {
    let articles = [
        article("a", "x", Some("2025-01-01T00:00:00Z"), ""),
        article("b", "x", Some("2025-01-05T00:00:00Z"), ""),
        article("c", "x", None, ""),
        article("d", "x", None, ""),
    ];
    let s = rank(&articles, &[0, 1, 2, 3]);
    let order: Vec<usize> = s.stories.iter().map(|st| st.articles[0]).collect();
    assert_eq!(order, vec![1, 0, 2, 3]);
}
