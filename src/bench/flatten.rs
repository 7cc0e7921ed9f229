//! `bench --flatten`: every article re-joined into one block (all its paragraphs on one
//! line), as a JSONL export, a flattened page or an agency feed delivers it, so that a dataset
//! measures how much the summary depends on the input's paragraphing.

use super::Cluster;

/// Re-join each article of `clusters` into one block.
pub fn flatten(clusters: &mut [Cluster]) {
    for article in clusters.iter_mut().flat_map(|c| c.articles.iter_mut()) {
        article.text = one_block(&article.text);
    }
}

/// `text` on one line: paragraphs and hard-wrapped lines joined by a space.
pub fn one_block(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::one_block;

    #[test]
    fn paragraphs_become_one_line() {
        assert_eq!(
            one_block("First paragraph.\n\nSecond one,\nwrapped.\n"),
            "First paragraph. Second one, wrapped."
        );
    }
}
