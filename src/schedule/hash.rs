//! Content keys for the state file: FNV-1a, 128-bit ([`crate::novelty::fnv1a_128`], stable
//! across Rust releases), over an article's normalised text ([`article_key`], defined beside
//! the sentence keys so that the summariser can tell a story's articles by content too).

pub use crate::novelty::article_key;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Article;

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
