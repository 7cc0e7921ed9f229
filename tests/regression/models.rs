//! Regression tests of the hardening issue, model side: corrupt headers that aborted on a
//! huge allocation, NaN, huge and ragged rows, quantising tiny models, FIFOs as models and
//! convert's leftover temporary files and targets. Each is named after the bug it pins down.

use crate::util::{examples, newsdigest, tempdir};
use std::path::Path;
use std::time::Duration;

fn info_fails_with_4(path: &Path, expect: &str) {
    let out = newsdigest()
        .args(["embeddings", "info"])
        .arg(path)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(4);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains(expect), "{stderr}");
}

#[test]
fn word2vec_header_of_a_trillion_words_aborts_on_allocation() {
    let dir = tempdir();
    let text = dir.path().join("w2v.txt");
    std::fs::write(&text, "1000000000000 300\nthe 0.1 0.2\n").unwrap();
    info_fails_with_4(&text, "cannot fit");
    let bin = dir.path().join("w2v.bin");
    let mut bytes = b"1000000000000 3\nthe ".to_vec();
    for x in [1f32, 2.0, 3.0] {
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    std::fs::write(&bin, bytes).unwrap();
    info_fails_with_4(&bin, "cannot fit");
}

/// A finalfusion file whose chunks fit the file but whose vocabulary claims 10^12 words.
#[test]
fn finalfusion_vocabulary_count_beyond_the_chunk_aborts_on_allocation() {
    let mut f = b"FiFu".to_vec();
    for v in [0u32, 2, 1, 2] {
        f.extend_from_slice(&v.to_le_bytes()); // version, 2 chunks: SimpleVocab, NdArray
    }
    f.extend_from_slice(&1u32.to_le_bytes());
    f.extend_from_slice(&16u64.to_le_bytes());
    f.extend_from_slice(&1_000_000_000_000u64.to_le_bytes());
    f.extend_from_slice(&[0; 8]);
    f.extend_from_slice(&2u32.to_le_bytes());
    f.extend_from_slice(&16u64.to_le_bytes());
    f.extend_from_slice(&[0; 16]);
    let dir = tempdir();
    let path = dir.path().join("huge.fifu");
    std::fs::write(&path, f).unwrap();
    info_fails_with_4(&path, "vocabulary needs");
}

/// fastText `.bin` whose dictionary claims 4 billion words.
#[test]
fn fasttext_dictionary_of_billions_of_words_aborts_on_allocation() {
    let mut f = 793_712_314u32.to_le_bytes().to_vec();
    f.extend_from_slice(&12u32.to_le_bytes());
    for v in [4u32, 5, 5, 1, 5, 1, 2, 1, 2_000_000, 3, 6, 100] {
        f.extend_from_slice(&v.to_le_bytes());
    }
    f.extend_from_slice(&1e-4f64.to_le_bytes());
    f.extend_from_slice(&u32::MAX.to_le_bytes()); // dictionary size
    f.extend_from_slice(&[0; 8]); // words, labels
    f.extend_from_slice(&0u64.to_le_bytes()); // tokens
    f.extend_from_slice(&(-1i64).to_le_bytes()); // no pruning
    let dir = tempdir();
    let path = dir.path().join("huge.bin");
    std::fs::write(&path, f).unwrap();
    info_fails_with_4(&path, "fastText dictionary");
}

#[test]
fn nan_in_a_text_model_is_accepted_and_fails_later() {
    let dir = tempdir();
    let path = dir.path().join("nan.txt");
    std::fs::write(&path, "the 0.1 0.2\nof nan 0.3\nand 0.1 0.4\n").unwrap();
    info_fails_with_4(&path, "line 2 holds a value that is not a finite number");
    let dims = dir.path().join("inf.txt");
    std::fs::write(&dims, "3 2\nthe 0.1 0.2\nof 0.2 0.3\nand inf 0.4\n").unwrap();
    info_fails_with_4(&dims, "line 4");
}

#[test]
fn rows_of_differing_dimension_are_accepted_and_fail_later() {
    let dir = tempdir();
    let path = dir.path().join("ragged.txt");
    std::fs::write(&path, "the 0.1 0.2\nof 0.3\nand 0.1 0.4 0.5\n").unwrap();
    info_fails_with_4(&path, "line 2 has 1 values, expected 2");
}

#[test]
fn quantizing_a_two_word_model_panics_in_reductive() {
    let dir = tempdir();
    for (rows, ok) in [(2, false), (4, true)] {
        let input = dir.path().join(format!("m{rows}.txt"));
        let lines: String = (0..rows)
            .map(|i| format!("w{i} 0.{i}1 0.2 0.{i}3 0.4\n"))
            .collect();
        std::fs::write(&input, lines).unwrap();
        let out = newsdigest()
            .args(["embeddings", "convert", "--quantize"])
            .arg(&input)
            .arg(dir.path().join(format!("m{rows}.fifu")))
            .assert();
        let out = if ok { out.code(0) } else { out.code(4) };
        let stderr = crate::util::stderr_of(&out);
        assert!(ok || stderr.contains("needs at least 3"), "{stderr}");
    }
}

#[cfg(unix)]
#[test]
fn embeddings_fifo_without_writer_blocks_forever() {
    let dir = tempdir();
    let fifo = dir.path().join("model.txt");
    crate::util::mkfifo(&fifo);
    newsdigest()
        .args(["summarize", "--embeddings"])
        .arg(&fifo)
        .arg(examples())
        .timeout(Duration::from_secs(30))
        .assert()
        .code(4);
}

#[test]
fn convert_leaves_temporary_files_of_killed_runs_forever() {
    let dir = tempdir();
    let input = tiny_model(dir.path());
    let stale = dir.path().join(".newsdigest-convert-abc123.tmp");
    let fresh = dir.path().join(".newsdigest-convert-def456.tmp");
    let other = dir.path().join(".tmpXYZ");
    for p in [&stale, &fresh, &other] {
        std::fs::write(p, "partial model").unwrap();
    }
    let old = std::time::SystemTime::now() - Duration::from_secs(2 * 3600);
    for p in [&stale, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(old)
            .unwrap();
    }
    newsdigest()
        .args(["embeddings", "convert"])
        .arg(&input)
        .arg(dir.path().join("m.fifu"))
        .assert()
        .code(0);
    assert!(!stale.exists(), "a stale temporary file was kept");
    assert!(
        fresh.exists(),
        "a fresh one (a convert running now) was removed"
    );
    assert!(other.exists(), "a file not ours was removed");
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            let name = name.to_string_lossy().into_owned();
            name.starts_with(".newsdigest-convert-") && name != ".newsdigest-convert-def456.tmp"
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn embeddings_info_into_a_closed_pipe_panics() {
    let mut child = std::process::Command::new(crate::util::BIN)
        .args(["embeddings", "info"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Found by the fuzz targets (`fuzz/README.md`): a header dimension near u64::MAX wrapped the
/// size check, a fastText matrix of u64::MAX² overflowed it, and a quantised code past its
/// centroids panicked on first lookup (exit 101).
#[test]
fn fuzzed_models_overflow_the_size_checks_or_panic_on_lookup() {
    for name in [
        "w2v-dims-near-u64-max.bin",
        "fasttext-matrix-u64-max.bin",
        "quantized-code-past-centroids.fifu",
    ] {
        newsdigest()
            .args(["embeddings", "info"])
            .arg(crate::util::fixture("models").join(name))
            .timeout(Duration::from_secs(60))
            .assert()
            .code(4);
    }
}

/// Found by the second fuzz runs: the size checks read other numbers than finalfusion does
/// (a header line past 256 bytes, a fastText quantisation flag of 2, a finalfusion chunk whose
/// content ends elsewhere than its length), so finalfusion allocated unchecked sizes (abort).
#[test]
fn checks_and_finalfusion_read_different_numbers_and_abort() {
    use newsdigest::embeddings::{Format, WordEmbeddings};
    for (name, format) in [
        ("w2v-header-past-256-bytes.bin", Format::Word2VecBinary),
        ("fasttext-quantized-flag-2.bin", Format::FastText),
        (
            "finalfusion-chunk-shorter-than-content.fifu",
            Format::Finalfusion,
        ),
        // Third run: a quantised chunk was not followed by its content either.
        (
            "finalfusion-quantized-chunk-longer-than-length.fifu",
            Format::Finalfusion,
        ),
        // Fourth run: nor was a floret vocabulary chunk.
        (
            "finalfusion-floret-chunk-longer-than-length.fifu",
            Format::Finalfusion,
        ),
    ] {
        let bytes = std::fs::read(crate::util::fixture("models").join(name)).unwrap();
        let err = WordEmbeddings::from_bytes(bytes, format, name).err();
        assert!(err.is_some_and(|e| e.exit_status().code() == 4), "{name}");
    }
}

/// Regression (a model with a word listed twice, or a quantised code past its centroids, was
/// refused with exit 4 but printed finalfusion's or ndarray's panic message first: five lines,
/// fifty with `RUST_BACKTRACE=1`).
#[test]
fn corrupt_models_printed_a_panic_message_before_their_error() {
    let dir = tempdir();
    let twice = dir.path().join("twice.txt");
    std::fs::write(
        &twice,
        "the 0.1 0.2 0.3\nsaid 0.3 0.2 0.1\nthe 0.5 0.5 0.5\n",
    )
    .unwrap();
    let code_past = crate::util::fixture("models").join("quantized-code-past-centroids.fifu");
    for (model, expect) in [(twice, "listed twice"), (code_past, "past its centroids")] {
        let out = newsdigest()
            .args(["embeddings", "info"])
            .arg(&model)
            .env("RUST_BACKTRACE", "1")
            .timeout(Duration::from_secs(60))
            .assert()
            .code(4);
        let stderr = crate::util::stderr_of(&out);
        assert!(stderr.contains(expect), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}

/// Regression (a valid model of 100,000 dimensions aborted the process: the sentence encoder
/// asked for its 40 GB d × d matrix).
#[test]
fn a_model_of_huge_dimension_aborted_on_allocation() {
    let dir = tempdir();
    let wide = dir.path().join("wide.txt");
    std::fs::write(
        &wide,
        format!("1 100000\nword {}\n", "0.5 ".repeat(100_000)),
    )
    .unwrap();
    let out = newsdigest()
        .arg("summarize")
        .arg(examples())
        .arg("--embeddings")
        .arg(&wide)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(4);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("100000-dimensional"), "{stderr}");
}

/// Regression (`embeddings convert m.txt /dev/null`, run as root, replaced /dev/null with a
/// regular file; so it did any FIFO, device or symlink named as OUT): OUT must be a new name,
/// a regular file or a symlink to one, whose target is replaced and the link kept.
#[cfg(unix)]
#[test]
fn convert_replaced_a_fifo_or_device_named_as_its_output() {
    let dir = tempdir();
    let input = tiny_model(dir.path());
    let fifo = dir.path().join("pipe");
    crate::util::mkfifo(&fifo);
    let out = newsdigest()
        .args(["embeddings", "convert"])
        .arg(&input)
        .arg(&fifo)
        .timeout(Duration::from_secs(30))
        .assert()
        .code(5);
    let stderr = crate::util::stderr_of(&out);
    assert!(stderr.contains("refusing to replace"), "{stderr}");
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // A symlink to a model: the model is replaced, the link stays.
    let target = dir.path().join("real.fifu");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.fifu");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    newsdigest()
        .args(["embeddings", "convert"])
        .arg(&input)
        .arg(&link)
        .assert()
        .code(0);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert_ne!(std::fs::read(&target).unwrap(), b"old");
    // `/dev/stdout` names the shell's file (`>> log`): never renamed onto.
    newsdigest()
        .args(["embeddings", "convert"])
        .arg(&input)
        .arg("/dev/stdout")
        .assert()
        .code(5);
}

/// Regression (convert and eval-sts printed with `println!`, which panics when standard
/// output is full or closed: exit 101): a full standard output is exit 5.
#[cfg(target_os = "linux")]
#[test]
fn convert_onto_a_full_standard_output_panicked() {
    let dir = tempdir();
    let input = tiny_model(dir.path());
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(crate::util::BIN)
        .args(["embeddings", "convert"])
        .arg(&input)
        .arg(dir.path().join("m.fifu"))
        .stdout(full)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Regression (the one-line error went out through `eprintln!`, which panics when standard
/// error is full: exit 101 instead of the documented 3): the line is lost, the code is kept.
#[cfg(target_os = "linux")]
#[test]
fn an_error_onto_a_full_standard_error_panicked() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(crate::util::BIN)
        .args(["summarize", "/nonexistent/input"])
        .stderr(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}

/// Regression (`--help` and `--version` were printed by clap, which ignores a write that
/// fails: exit 0 with the help lost on a full standard output): exit 5, as for every output.
#[cfg(target_os = "linux")]
#[test]
fn help_onto_a_full_standard_output_was_success() {
    for args in [&["--help"][..], &["--version"], &["summarize", "--help"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(crate::util::BIN)
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(5), "{args:?}");
    }
    let help = newsdigest().arg("--help").assert().code(0);
    assert!(String::from_utf8_lossy(&help.get_output().stdout).contains("Usage:"));
    newsdigest().arg("--no-such-flag").assert().code(2);
}

/// Run `newsdigest embeddings ARGS…`, expecting exit `code`; its standard error.
fn embeddings(args: &[&Path], code: i32) -> String {
    let out = newsdigest()
        .arg("embeddings")
        .args(args)
        .timeout(Duration::from_secs(60))
        .assert()
        .code(code);
    crate::util::stderr_of(&out)
}

/// Regression (a `convert --quantize` that failed, on an all-zero row, had already renamed its
/// output over OUT, then blamed OUT for being corrupt: exit 4 with the old model lost).
#[test]
fn failed_quantize_replaced_an_existing_out_with_a_corrupt_model() {
    let dir = tempdir();
    let input = tiny_model(dir.path());
    let out = dir.path().join("m.fifu");
    embeddings(&[Path::new("convert"), &input, &out], 0);
    let before = std::fs::read(&out).unwrap();
    let zeros = dir.path().join("mz.txt");
    std::fs::write(&zeros, "the 0.1 0.2\nof 0.3 0.4\nand 0.5 0.6\npad 0 0\n").unwrap();
    let q = Path::new("--quantize");
    let stderr = embeddings(&[Path::new("convert"), q, &zeros, &out], 4);
    assert!(
        stderr.contains("mz.txt") && stderr.contains("line 4"),
        "{stderr}"
    );
    assert!(
        stderr.contains("all zeros") && !stderr.contains("m.fifu"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), before, "OUT was replaced");
    let names = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(names, 3, "a temporary file was left behind");
}

/// Regression (`convert m.txt m.txt`, also through a symlink either side, replaced the source
/// model with its conversion, and reported the replaced file's size as the source's).
#[cfg(unix)]
#[test]
fn convert_onto_its_own_input_overwrote_the_source_model() {
    let dir = tempdir();
    let input = tiny_model(dir.path());
    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&input, &link).unwrap();
    let text = std::fs::read(&input).unwrap();
    for (from, to) in [(&input, &input), (&link, &input), (&input, &link)] {
        let stderr = embeddings(&[Path::new("convert"), from, to], 2);
        assert!(stderr.contains("is the input model"), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert_eq!(std::fs::read(&input).unwrap(), text);
    }
}

/// Regression (a finalfusion model whose norms were 1e30, finite but overflowing once squared,
/// failed in k-means, "internal error … No inertia improvement (-inf)", exit 1; a text value
/// of 1e20 was said to be "not a finite number").
#[test]
fn finite_norms_of_1e30_failed_kmeans_as_an_internal_error() {
    let dir = tempdir();
    let dense = dir.path().join("dense.fifu");
    embeddings(&[Path::new("convert"), &tiny_model(dir.path()), &dense], 0);
    // The norms chunk comes last: one f32 per word.
    let mut bytes = std::fs::read(&dense).unwrap();
    let n = bytes.len() - 12;
    for i in 0..3 {
        bytes[n + 4 * i..n + 4 * i + 4].copy_from_slice(&1e30f32.to_le_bytes());
    }
    let big = dir.path().join("bignorm.fifu");
    std::fs::write(&big, bytes).unwrap();
    let out = newsdigest()
        .args(["summarize", "--embeddings"])
        .arg(&big)
        .arg(examples())
        .timeout(Duration::from_secs(60))
        .assert()
        .code(4);
    let stderr = crate::util::stderr_of(&out);
    assert!(
        stderr.contains("bignorm.fifu") && stderr.contains("norm"),
        "{stderr}"
    );
    let text = dir.path().join("big.txt");
    std::fs::write(&text, "the 0.1 0.2\nof 1e20 0.4\nand 0.5 0.6\n").unwrap();
    let stderr = embeddings(&[Path::new("info"), &text], 4);
    assert!(
        stderr.contains("line 2 holds a value too large"),
        "{stderr}"
    );
}

/// Regression (a headerless GloVe model of 512 to 8,192 dimensions was "not a … model": its
/// first line did not end in the 4 KB sniffed; 9,000 dimensions got that too, not the limit).
#[test]
fn glove_models_of_512_dimensions_were_not_a_model() {
    let dir = tempdir();
    for (dims, code) in [(512, 0), (8192, 0), (9000, 4)] {
        let path = dir.path().join(format!("g{dims}.txt"));
        let row = " -0.123456".repeat(dims);
        std::fs::write(&path, format!("the{row}\nof{row}\n")).unwrap();
        let stderr = embeddings(&[Path::new("info"), &path], code);
        assert!(code == 0 || stderr.contains("9000-dimensional"), "{stderr}");
    }
}

/// Regression (a header `18 999999999` was "18 entries cannot fit", blaming the word count; a
/// Latin-1 word on a GloVe model's first line was "not a … model", on a later line it was read
/// as another word, U+FFFD).
#[test]
fn header_and_encoding_errors_named_the_wrong_fault() {
    let dir = tempdir();
    let header = dir.path().join("hdr.txt");
    std::fs::write(&header, "3 999999999\nthe 0.1 0.2\nof 0.3 0.4\n").unwrap();
    let stderr = embeddings(&[Path::new("info"), &header], 4);
    assert!(stderr.contains("999999999-dimensional"), "{stderr}");
    for (text, line) in [
        (&b"caf\xe9 0.1\nof 0.2\n"[..], "line 1"),
        (b"of 0.2\ncaf\xe9 0.1\n", "line 2"),
    ] {
        let path = dir.path().join("latin1.txt");
        std::fs::write(&path, text).unwrap();
        let stderr = embeddings(&[Path::new("info"), &path], 4);
        assert!(
            stderr.contains(&format!("{line}: the word is not UTF-8")),
            "{stderr}"
        );
    }
}

/// A three-word GloVe text model in `dir`.
fn tiny_model(dir: &Path) -> std::path::PathBuf {
    let input = dir.join("m.txt");
    std::fs::write(&input, "the 0.1 0.2\nof 0.3 0.4\nand 0.5 0.6\n").unwrap();
    input
}
