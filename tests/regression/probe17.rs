//! Regression tests of probe 17 (reference sets of `eval` and `bench`, a sectioned JSON digest
//! read back, `run`'s log): each is named after the bug it pins down.

use crate::util::{newsdigest, stderr_of, stdout_of, tempdir, tree};
use serde_json::Value;
use std::fs;
use std::path::Path;

const REF: &str = "The river flooded the town and families had to leave their homes.\n";
const SUMMARY: &str = "The river flooded the old town on Monday and families left.\n";
const ARTICLE: &str = "The central bank raised interest rates by half a point on Thursday, \
the biggest increase in two decades.\n\nThe decision was widely expected by economists, who said \
the bank had little choice after prices rose sharply in the year to April.\n";

/// `text` as UTF-16LE with its byte-order mark, as Windows tools save "Unicode" text.
fn utf16(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    text.encode_utf16()
        .for_each(|u| bytes.extend(u.to_le_bytes()));
    bytes
}

fn bench_json(dataset: &Path) -> (Value, String) {
    let run = newsdigest()
        .arg("bench")
        .arg(dataset)
        .args(["--method", "lead", "--format", "json"])
        .assert()
        .success();
    let report = serde_json::from_slice(&run.get_output().stdout).expect("bench JSON");
    (report, stderr_of(&run))
}

fn rouge1(report: &Value, cluster: &str) -> f64 {
    report["methods"][0]["per_cluster"]["ROUGE-1"][cluster]
        .as_f64()
        .expect("per-cluster ROUGE-1")
}

#[test]
fn bench_scored_an_empty_reference_without_a_warning() {
    let dir = tempdir();
    let data = crate::bench::dataset(dir.path());
    fs::write(data.join("flood/refs/C.txt"), " \n").unwrap();
    let (report, err) = bench_json(&data);
    assert_eq!(report["clusters"], 2);
    assert!(
        err.contains("flood/refs/C.txt: empty reference summary"),
        "{err}"
    );
}

#[test]
fn bench_stopped_at_a_cluster_without_references() {
    let dir = tempdir();
    let data = crate::bench::dataset(dir.path());
    // A reference saved under another extension is named, as the likely culprit.
    fs::rename(data.join("quake/refs/A.txt"), data.join("quake/refs/A.md")).unwrap();
    let (report, err) = bench_json(&data);
    assert_eq!(report["clusters"], 1);
    assert_eq!(report["clusters_left_out"], serde_json::json!(["quake"]));
    assert!(rouge1(&report, "flood") > 0.0);
    let warning = err
        .lines()
        .find(|l| l.contains("cluster 'quake' has no reference summary: left out"))
        .unwrap_or_else(|| panic!("no warning for quake: {err}"));
    assert!(
        warning.contains("quake/refs/A.md is not read: only .txt files are"),
        "{warning}"
    );
    // The table says how many were scored.
    let table = stdout_of(
        newsdigest()
            .arg("bench")
            .arg(&data)
            .args(["--method", "lead"]),
    );
    assert!(
        table.contains(": 1 of 2 clusters scored (1 left out: no reference summary),"),
        "{table}"
    );
    // No cluster left is still an input error.
    fs::remove_dir_all(data.join("flood/refs")).unwrap();
    let run = newsdigest()
        .arg("bench")
        .arg(&data)
        .args(["--method", "lead"])
        .assert()
        .code(3);
    let err = stderr_of(&run);
    assert!(
        err.lines()
            .last()
            .is_some_and(|l| l.contains("no cluster has reference summaries")),
        "{err}"
    );
}

#[test]
fn utf16_references_were_called_binary_data() {
    let dir = tempdir();
    let d = dir.path();
    tree(d, &[("utf8/A.txt", REF), ("sys.txt", SUMMARY)]);
    fs::create_dir_all(d.join("utf16")).unwrap();
    fs::write(d.join("utf16/A.txt"), utf16(REF)).unwrap();
    let eval = |reference: &str| {
        stdout_of(newsdigest().current_dir(d).args([
            "eval",
            "--ref",
            reference,
            "--summary",
            "sys.txt",
            "--format",
            "json",
        ]))
    };
    assert_eq!(eval("utf16/A.txt"), eval("utf8/A.txt"));

    // rouge155 reads its models (and peers) the same way.
    let config = |root: &str| {
        format!(
            "<ROUGE_EVAL version=\"1.55\"><EVAL ID=\"c1\"><PEER-ROOT>.</PEER-ROOT>\
             <MODEL-ROOT>{root}</MODEL-ROOT><INPUT-FORMAT TYPE=\"SPL\"></INPUT-FORMAT>\
             <PEERS><P ID=\"1\">sys.txt</P></PEERS><MODELS><M ID=\"A\">A.txt</M></MODELS>\
             </EVAL></ROUGE_EVAL>\n"
        )
    };
    fs::write(d.join("utf8.xml"), config("utf8")).unwrap();
    fs::write(d.join("utf16.xml"), config("utf16")).unwrap();
    let rouge155 = |xml: &str| {
        stdout_of(
            newsdigest()
                .current_dir(d)
                .args(["rouge155", "-n", "2", "-a", xml]),
        )
    };
    assert_eq!(rouge155("utf16.xml"), rouge155("utf8.xml"));

    // bench reads its references as eval does.
    let data = crate::bench::dataset(d);
    let before = bench_json(&data).0;
    let quake = fs::read_to_string(data.join("quake/refs/A.txt")).unwrap();
    fs::write(data.join("quake/refs/A.txt"), utf16(&quake)).unwrap();
    assert_eq!(
        rouge1(&bench_json(&data).0, "quake"),
        rouge1(&before, "quake")
    );
}

#[test]
fn md_references_and_summaries_were_ignored_without_naming_them() {
    let dir = tempdir();
    let d = dir.path();
    tree(
        d,
        &[
            ("refs/c1/A.txt", REF),
            ("refs/c2/B.md", REF),
            ("sys/c1.md", SUMMARY),
            ("sys/c2.txt", SUMMARY),
        ],
    );
    let run = newsdigest()
        .current_dir(d)
        .args(["eval", "--refs", "refs", "--system", "sys"])
        .assert()
        .code(3);
    let err = stderr_of(&run);
    assert!(
        err.contains(
            "cluster 'c2' has no reference summary: left out of system 'sys' \
             (refs/c2/B.md is not read: only .txt files are)"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "system 'sys' has no summary for cluster 'c1': cluster left out of its scores \
             (sys/c1.md is not read: only .txt files are)"
        ),
        "{err}"
    );
}

#[test]
fn a_sectioned_json_digest_held_no_article_text_as_seen() {
    let input = crate::sections::two_stories();
    let dir = tempdir();
    let digest = dir.path().join("digest.json");
    newsdigest()
        .arg("summarize")
        .args([
            "--format",
            "json",
            "--words",
            "80",
            "--story-words",
            "30",
            "-o",
        ])
        .arg(&digest)
        .arg(input.path())
        .assert()
        .success();
    let json: Value = serde_json::from_slice(&fs::read(&digest).unwrap()).unwrap();
    assert!(json["stories"].as_array().is_some_and(|s| s.len() == 2));
    let sentences = json["sentences"].as_array().unwrap().len();
    // Read back: each sentence once (the stories list them again, and are not read).
    let cleaned = stdout_of(
        newsdigest()
            .args(["clean", "--format", "json"])
            .arg(&digest),
    );
    assert_eq!(cleaned.lines().count(), sentences, "{cleaned}");
    // As what the reader has read: the digest of what they have not.
    let again = stdout_of(
        newsdigest()
            .arg("summarize")
            .arg("--seen")
            .arg(&digest)
            .arg(input.path()),
    );
    let read: Vec<&str> = json["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(
        again.lines().all(|l| !read.contains(&l)),
        "{again}\nrepeats one of\n{read:?}"
    );
}

#[test]
fn run_logged_another_runs_lock_as_an_error() {
    let dir = tempdir();
    let d = dir.path();
    tree(d, &[("in/a.txt", ARTICLE)]);
    fs::create_dir_all(d.join("state")).unwrap();
    let lock = fs::File::create(d.join("state/newsdigest.lock")).unwrap();
    lock.lock().expect("lock");
    for format in ["text", "json"] {
        let run = newsdigest()
            .current_dir(d)
            .args(["run", "--input", "in", "--output-dir", "out"])
            .args(["--state-dir", "state", "--log-format", format])
            .assert()
            .code(7);
        let err = stderr_of(&run);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("another run holds the lock"), "{err}");
        let level = match format {
            "text" => " WARN ",
            _ => "\"level\":\"warn\"",
        };
        assert!(err.contains(level), "{err}");
    }
}
