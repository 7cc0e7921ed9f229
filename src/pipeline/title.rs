//! The digest's title: "News digest, 1 December 2026 — 5 articles, 4 outlets", counting the
//! articles the digest is drawn from (with a topic, those on it, of how many were read:
//! [`super::on_topic::articles`]).

use crate::read::Article;
use std::collections::BTreeSet;

/// The title of a digest of `articles` made on `today` (`None`: the local date now; `run`
/// gives its `--now` in its time zone); `drawn_from`: the indices of the articles on the topic,
/// when there is one.
pub(super) fn made_on(
    articles: &[Article],
    drawn_from: Option<&[usize]>,
    today: Option<chrono::NaiveDate>,
) -> String {
    let today = today.unwrap_or_else(|| chrono::Local::now().date_naive());
    title_on(articles, drawn_from, today)
}

/// The title, dated by the newest article drawn from ([`Article::day`]), else `today`.
fn title_on(
    articles: &[Article],
    drawn_from: Option<&[usize]>,
    today: chrono::NaiveDate,
) -> String {
    let drawn: Vec<&Article> = match drawn_from {
        Some(d) => d.iter().filter_map(|&a| articles.get(a)).collect(),
        None => articles.iter().collect(),
    };
    let date = drawn.iter().filter_map(|a| a.day()).max().unwrap_or(today);
    let outlets: BTreeSet<&str> = drawn.iter().filter_map(|a| a.source.as_deref()).collect();
    let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let articles_part = match drawn_from {
        Some(_) => format!(
            "{} of {} on the topic",
            drawn.len(),
            count(articles.len(), "article")
        ),
        None => count(drawn.len(), "article"),
    };
    // Files of unknown outlet are each their own outlet when stories are ranked; a title
    // counting them as outlets would only repeat the article count. So only named outlets
    // count, and the articles of none are said apart.
    let unnamed = drawn.iter().filter(|a| a.source.is_none()).count();
    let outlets_part = match (outlets.len(), unnamed) {
        (0, _) => String::new(),
        (n, 0) => format!(", {}", count(n, "outlet")),
        (n, u) => format!(
            ", {} ({} without one)",
            count(n, "outlet"),
            count(u, "article")
        ),
    };
    format!(
        "News digest, {} — {articles_part}{outlets_part}",
        date.format("%-d %B %Y"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(id: &str, outlet: Option<&str>, date: Option<&str>) -> Article {
        Article {
            id: id.into(),
            source: outlet.map(Into::into),
            published: date.and_then(|d| chrono::DateTime::parse_from_rfc3339(d).ok()),
            ..Article::default()
        }
    }

    /// Two dated articles by Reuters and `second` (or no outlet), and an undated one.
    fn three(second: Option<&str>) -> [Article; 3] {
        [
            with("a", Some("Reuters"), Some("2026-11-30T23:00:00+01:00")),
            with("b", second, Some("2026-12-01T08:00:00+01:00")),
            with("c", None, None),
        ]
    }

    #[test]
    fn title_gives_the_newest_date_else_today_and_counts_outlets() {
        let today = chrono::NaiveDate::from_ymd_opt(2030, 6, 9).unwrap();
        let a = three(Some("Reuters"));
        assert_eq!(
            title_on(&a, None, today),
            "News digest, 1 December 2026 — 3 articles, 1 outlet (1 article without one)"
        );
        // Regression: files of unknown outlet were counted as outlets ("2226 articles, 2226
        // outlets" on a folder of plain files).
        assert_eq!(
            title_on(&a[2..], None, today),
            "News digest, 9 June 2030 — 1 article"
        );
        // Undated files are dated by their names, as their stories are.
        assert_eq!(
            title_on(&[with("APW19981017.0151", None, None)], None, today),
            "News digest, 17 October 1998 — 1 article"
        );
    }

    /// Regression: one named outlet among unnamed files gave "4 articles, 4 outlets".
    #[test]
    fn articles_without_an_outlet_are_no_outlets_of_the_title() {
        let today = chrono::NaiveDate::from_ymd_opt(2030, 6, 9).unwrap();
        let mut a = vec![with("a", Some("Reuters"), None)];
        a.extend(["b", "c", "d"].map(|id| with(id, None, None)));
        assert_eq!(
            title_on(&a, None, today),
            "News digest, 9 June 2030 — 4 articles, 1 outlet (3 articles without one)"
        );
    }

    /// Regression: `run --now` dated the title of undated articles by the machine's clock.
    #[test]
    fn undated_articles_take_the_day_the_caller_gives() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let undated = [with("notes", None, None)];
        assert_eq!(
            made_on(&undated, None, Some(day)),
            "News digest, 23 November 2026 — 1 article"
        );
    }

    /// Regression: with a topic, the title counted every article read, on topic or not.
    #[test]
    fn with_a_topic_the_title_counts_the_articles_on_it() {
        let today = chrono::NaiveDate::from_ymd_opt(2030, 6, 9).unwrap();
        let a = three(Some("AP"));
        assert_eq!(
            title_on(&a, Some(&[0, 2]), today),
            "News digest, 30 November 2026 — 2 of 3 articles on the topic, 1 outlet (1 article \
             without one)"
        );
    }
}
