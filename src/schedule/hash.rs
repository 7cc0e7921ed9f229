//! Content keys for the state file: FNV-1a, 128-bit ([`crate::novelty::fnv1a_128`], stable
//! across Rust releases), over an article's normalised text. 128 bits keep accidental
//! collisions out of reach for any realistic number of articles.

use crate::novelty::{fnv1a_128, normalise};
use crate::read::Article;

/// The key of an article: its title and text with whitespace collapsed, so that a file saved
/// again (another name, other line endings, trailing blanks) is recognised as the same article.
pub fn article_key(article: &Article) -> String {
    let mut normal = String::with_capacity(article.text.len() + 64);
    if let Some(title) = &article.title {
        normal.push_str(&normalise(title));
    }
    normal.push('\n');
    normal.push_str(&normalise(&article.text));
    format!("{:032x}", fnv1a_128(normal.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_and_file_name_do_not_change_the_key() {
        let a = Article {
            id: "a.txt".into(),
            text: "One line.\nTwo  words.\n".into(),
            ..Article::default()
        };
        let b = Article {
            id: "copy/b.txt".into(),
            text: "One line.\r\nTwo words.".into(),
            ..Article::default()
        };
        assert_eq!(article_key(&a), article_key(&b));
        let c = Article {
            text: "One line.\nTwo other words.".into(),
            ..a.clone()
        };
        assert_ne!(article_key(&a), article_key(&c));
    }
}
