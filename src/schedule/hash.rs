//! Content keys for the state file: FNV-1a, 128-bit, over an article's normalised text.
//!
//! Implemented here rather than taken from `std` because `DefaultHasher`'s output may change
//! between Rust releases, and a state file must read the same for years. 128 bits keep
//! accidental collisions out of reach for any realistic number of articles.

use crate::read::Article;

const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
const PRIME: u128 = 0x0000000001000000000000000000013B;

/// FNV-1a 128 of `bytes`.
pub fn fnv1a_128(bytes: &[u8]) -> u128 {
    let mut h = OFFSET;
    for &b in bytes {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// The key of an article: its title and text with whitespace collapsed, so that a file saved
/// again (another name, other line endings, trailing blanks) is recognised as the same article.
pub fn article_key(article: &Article) -> String {
    let mut normal = String::with_capacity(article.text.len() + 64);
    if let Some(title) = &article.title {
        push_words(&mut normal, title);
    }
    normal.push('\n');
    push_words(&mut normal, &article.text);
    format!("{:032x}", fnv1a_128(normal.as_bytes()))
}

/// The key of a sentence, whitespace aside: 64 bits are plenty for the few thousand sentences
/// of a novelty window, and keep the state file small.
pub fn sentence_key(sentence: &str) -> String {
    let mut normal = String::with_capacity(sentence.len());
    push_words(&mut normal, sentence);
    format!("{:016x}", fnv1a_128(normal.as_bytes()) as u64)
}

fn push_words(out: &mut String, text: &str) {
    for (i, w) in text.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_fnv1a_128_vectors() {
        assert_eq!(fnv1a_128(b""), 0x6c62272e07bb014262b821756295c58d);
        assert_eq!(fnv1a_128(b"a"), 0xd228cb696f1a8caf78912b704e4a8964);
    }

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
