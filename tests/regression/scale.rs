//! The scale issue: bad input at scale.

use crate::util::{newsdigest, tempdir};

/// Bug: a JSON array of many objects without a text field printed one warning per object
/// (a million lines for a million items) and held the whole parsed array in memory.
#[test]
fn many_items_without_text_give_one_summarising_warning_not_one_per_item() {
    let dir = tempdir();
    let path = dir.path().join("tiny.json");
    let items = vec![r#"{"a":1}"#; 200_000].join(",");
    std::fs::write(&path, format!("[{items}]")).expect("write");
    let out = newsdigest()
        .arg("summarize")
        .arg(&path)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning")).collect();
    assert_eq!(warnings.len(), 1, "{stderr}");
    assert!(
        warnings[0].contains("200,000 items skipped: no article text")
            && warnings[0].contains("first at item 1"),
        "{stderr}"
    );
}
