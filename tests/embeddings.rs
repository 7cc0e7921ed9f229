//! Embedding models end to end: every supported format from small fixtures made here, format
//! detection from content, clear errors (exit code 4) for truncated or corrupt models, the
//! compiled-in default model's coverage of news names, and sentence-vector sanity.

use crate::util::newsdigest;
use finalfusion::compat::fasttext::{FastTextIndexer, WriteFastText};
use finalfusion::norms::NdNorms;
use finalfusion::prelude::Embeddings;
use finalfusion::storage::NdArray;
use finalfusion::subword::BucketIndexer;
use finalfusion::vocab::FastTextSubwordVocab;
use newsdigest::embed::{cosine, SentenceEncoder};
use newsdigest::embeddings::{detect, Format, WordEmbeddings};
use newsdigest::Error;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

const WORDS: [&str; 5] = ["ceasefire", "truce", "talks", "kremlin", "flour"];
const DIMS: usize = 4;

/// Fixture vectors: ceasefire and truce point the same way, flour elsewhere.
fn vectors() -> Vec<[f32; DIMS]> {
    vec![
        [1.0, 0.1, 0.0, 0.0],
        [0.9, 0.2, 0.0, 0.1],
        [0.3, 1.0, 0.1, 0.0],
        [0.0, 0.3, 1.0, 0.2],
        [0.0, 0.0, 0.1, -1.0],
    ]
}

fn text_body() -> String {
    WORDS
        .iter()
        .zip(vectors())
        .map(|(w, v)| format!("{w} {}\n", v.map(|x| x.to_string()).join(" ")))
        .collect()
}

fn write_glove(dir: &Path) -> PathBuf {
    let p = dir.join("vectors.glove");
    fs::write(&p, text_body()).unwrap();
    p
}

fn write_text_dims(dir: &Path) -> PathBuf {
    let p = dir.join("vectors.w2v.txt");
    fs::write(&p, format!("{} {DIMS}\n{}", WORDS.len(), text_body())).unwrap();
    p
}

fn write_word2vec_bin(dir: &Path) -> PathBuf {
    let p = dir.join("vectors.w2v.bin");
    let mut f = fs::File::create(&p).unwrap();
    writeln!(f, "{} {DIMS}", WORDS.len()).unwrap();
    for (w, v) in WORDS.iter().zip(vectors()) {
        f.write_all(w.as_bytes()).unwrap();
        f.write_all(b" ").unwrap();
        for x in v {
            f.write_all(&x.to_le_bytes()).unwrap();
        }
        f.write_all(b"\n").unwrap();
    }
    p
}

fn write_fasttext_bin(dir: &Path) -> PathBuf {
    let p = dir.join("model.bin");
    let buckets = 8;
    let words: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    let vocab = FastTextSubwordVocab::new(words, 3, 6, FastTextIndexer::new(buckets));
    let mut rows: Vec<f32> = vectors().into_iter().flatten().collect();
    rows.extend((0..buckets * DIMS).map(|i| (i % 7) as f32 * 0.01));
    let matrix = ndarray015::Array2::from_shape_vec((WORDS.len() + buckets, DIMS), rows).unwrap();
    let norms = NdNorms::new(ndarray015::Array1::ones(WORDS.len()));
    let embeds = Embeddings::new(None, vocab, NdArray::new(matrix), norms);
    let mut f = std::io::BufWriter::new(fs::File::create(&p).unwrap());
    embeds.write_fasttext(&mut f).unwrap();
    f.flush().unwrap();
    p
}

fn convert(input: &Path, output: &Path, quantize: bool) {
    let mut cmd = newsdigest();
    cmd.arg("embeddings").arg("convert").arg(input).arg(output);
    if quantize {
        cmd.arg("--quantize");
    }
    cmd.assert().success();
}

fn check_model(path: &Path, format: Format) {
    let head = fs::read(path).unwrap();
    assert_eq!(
        detect(&head[..head.len().min(4096)]),
        Some(format),
        "{}",
        path.display()
    );
    let m = WordEmbeddings::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(m.format(), format);
    assert_eq!(m.dims(), DIMS);
    assert_eq!(m.vocab_len(), WORDS.len());
    assert_eq!(m.name(), path.display().to_string());
    let v = m.lookup("ceasefire");
    assert_eq!(v.len(), 1);
    let t = m.lookup("truce");
    let f = m.lookup("flour");
    let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    assert!(dot(&v[0].vector, &t[0].vector) > 0.9);
    assert!(dot(&v[0].vector, &f[0].vector) < 0.2);
    assert!(
        (v[0].norm - 1.005).abs() < 0.01,
        "original norm kept: {}",
        v[0].norm
    );
}

#[test]
fn reads_every_supported_format() {
    let dir = tempfile::tempdir().unwrap();
    check_model(&write_glove(dir.path()), Format::Text);
    check_model(&write_text_dims(dir.path()), Format::TextDims);
    check_model(&write_word2vec_bin(dir.path()), Format::Word2VecBinary);
    let ft = write_fasttext_bin(dir.path());
    let m = WordEmbeddings::load(&ft).unwrap();
    assert_eq!(m.format(), Format::FastText);
    assert_eq!((m.dims(), m.vocab_len()), (DIMS, WORDS.len()));
    // fastText builds unknown words from their character n-grams.
    assert_eq!(m.lookup("ceasefires").len(), 1);
}

#[test]
fn converted_models_load_memory_mapped_and_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    for (i, src) in [
        write_glove(dir.path()),
        write_word2vec_bin(dir.path()),
        write_fasttext_bin(dir.path()),
    ]
    .iter()
    .enumerate()
    {
        let out = dir.path().join(format!("converted-{i}.fifu"));
        convert(src, &out, false);
        let mapped = WordEmbeddings::load(&out).unwrap();
        let read = WordEmbeddings::load_with(&out, false).unwrap();
        assert_eq!(mapped.format(), Format::Finalfusion);
        assert!(
            mapped.info().storage.contains("memory-mapped"),
            "{}",
            mapped.info().storage
        );
        assert!(read.info().storage.contains("in memory"));
        let (a, b) = (mapped.lookup("truce"), read.lookup("truce"));
        assert_eq!(a[0].vector, b[0].vector);
        assert_eq!(mapped.vocab_len(), WORDS.len());
    }
}

#[test]
fn quantized_conversion_keeps_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    // Enough rows for 256 centroids to be trained.
    let mut body = String::new();
    for i in 0..600 {
        let v: Vec<String> = (0..8)
            .map(|d| format!("{:.4}", ((i * 7 + d * 13) % 17) as f32 / 17.0 - 0.5))
            .collect();
        body.push_str(&format!("w{i} {}\n", v.join(" ")));
    }
    let src = dir.path().join("big.txt");
    fs::write(&src, body).unwrap();
    let out = dir.path().join("big.pq.fifu");
    convert(&src, &out, true);
    let q = WordEmbeddings::load(&out).unwrap();
    let plain = WordEmbeddings::load(&src).unwrap();
    assert!(q.info().storage.contains("quantised"));
    assert_eq!(q.vocab_len(), 600);
    let (a, b) = (&q.lookup("w42")[0], &plain.lookup("w42")[0]);
    let cos: f32 = a.vector.iter().zip(&b.vector).map(|(x, y)| x * y).sum();
    assert!(cos > 0.9, "quantised vector drifted: cosine {cos}");
    newsdigest()
        .args(["embeddings", "info"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "product-quantised, memory-mapped",
        ));
}

#[test]
fn truncated_and_corrupt_models_fail_clearly_with_exit_code_4() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.fifu");
    convert(&write_glove(dir.path()), &good, false);
    let bytes = fs::read(&good).unwrap();

    let truncated = dir.path().join("truncated.fifu");
    fs::write(&truncated, &bytes[..bytes.len() - 20]).unwrap();
    let garbage = dir.path().join("garbage.fifu");
    let mut g = b"FiFu".to_vec();
    g.extend((0..200u32).map(|i| (i * 37 % 251) as u8));
    fs::write(&garbage, g).unwrap();
    let short_w2v = dir.path().join("short.bin");
    let w2v = fs::read(write_word2vec_bin(dir.path())).unwrap();
    fs::write(&short_w2v, &w2v[..w2v.len() - 10]).unwrap();
    let not_a_model = dir.path().join("notes.txt");
    fs::write(&not_a_model, "just some notes\nabout the talks\n").unwrap();
    let empty = dir.path().join("empty.vec");
    fs::write(&empty, "").unwrap();
    let missing = dir.path().join("missing.fifu");

    for bad in [
        &truncated,
        &garbage,
        &short_w2v,
        &not_a_model,
        &empty,
        &missing,
    ] {
        match WordEmbeddings::load(bad) {
            Err(Error::Embeddings(msg)) => {
                assert!(
                    msg.contains(&bad.display().to_string()),
                    "message names the file: {msg}"
                );
                assert!(!msg.contains('\n'), "one line: {msg}");
            }
            Err(other) => panic!("{}: wrong error kind {other:?}", bad.display()),
            Ok(_) => panic!("{} loaded", bad.display()),
        }
        let out = newsdigest()
            .args(["embeddings", "info"])
            .arg(bad)
            .assert()
            .code(4);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
        assert!(stderr.contains(&bad.display().to_string()), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    }
}

#[test]
fn default_model_covers_the_news_names() {
    let m = WordEmbeddings::default_model().unwrap();
    assert!(m.name().starts_with("default ("), "{}", m.name());
    let names = [
        "Rubio",
        "Witkoff",
        "Kushner",
        "Zelensky",
        "Zelenskyy",
        "Ushakov",
        "Pokrovsk",
        "Vovchansk",
        "Zaporizhzhia",
        "Zaporozhye",
        "Donetsk",
        "Lugansk",
        "Luhansk",
        "Crimea",
        "Kursk",
        "Jeddah",
        "NATO",
        "ceasefire",
        "Kremlin",
    ];
    for name in names {
        let token = name.to_lowercase();
        let v = m.lookup(&token);
        assert_eq!(v.len(), 1, "{name}: one vector");
        let n: f32 = v[0].vector.iter().map(|x| x * x).sum();
        assert!((n - 1.0).abs() < 1e-3, "{name}: unit vector");
        assert!(v[0].norm > 0.0);
    }
    // Spelling variants of one name are near each other.
    let (a, b) = (
        &m.lookup("zelensky")[0].vector,
        &m.lookup("zelenskyy")[0].vector,
    );
    let cos: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    assert!(cos > 0.5, "zelensky/zelenskyy cosine {cos}");
}

#[test]
fn paraphrases_are_closer_than_unrelated_sentences() {
    let m = WordEmbeddings::default_model().unwrap();
    let enc = SentenceEncoder::new(&m);
    let pairs = [
        ("Russia and Ukraine agreed to a ceasefire.", "Moscow and Kyiv accepted a truce."),
        ("Rubio met Ukrainian officials in Jeddah on Tuesday.", "On Tuesday the US secretary of state Rubio held talks with Ukraine's delegation in Jeddah."),
        ("The Kremlin rejected the peace plan.", "Moscow said no to the proposal for peace."),
    ];
    let unrelated = [
        "Bake the bread for forty minutes.",
        "The striker scored twice in the second half.",
        "Heavy rain is expected over the weekend.",
    ];
    for (a, b) in pairs {
        for u in unrelated {
            let v = enc.encode(&[a, b, u]);
            let (close, far) = (cosine(v.row(0), v.row(1)), cosine(v.row(0), v.row(2)));
            assert!(close > far, "{a:?} ~ {b:?} ({close}) vs {u:?} ({far})");
        }
    }
}

#[test]
fn eval_sts_prints_spearman_last() {
    let dir = tempfile::tempdir().unwrap();
    let sts = dir.path().join("sts.csv");
    let rows = [
        (
            "5.0",
            "Russia and Ukraine agreed to a ceasefire.",
            "Moscow and Kyiv agreed to a truce.",
        ),
        (
            "0.2",
            "The talks in Jeddah ended.",
            "Bake the bread for forty minutes.",
        ),
        (
            "3.8",
            "A man is playing a guitar.",
            "A man plays the guitar.",
        ),
        (
            "0.0",
            "A woman is slicing an onion.",
            "The striker scored twice.",
        ),
        (
            "4.2",
            "The Kremlin rejected the plan.",
            "Moscow rejected the proposal.",
        ),
        (
            "1.0",
            "A dog runs in the park.",
            "Stocks fell sharply on Monday.",
        ),
    ];
    let body: String = rows
        .iter()
        .enumerate()
        .map(|(i, (s, a, b))| format!("main-news\tx\t2025\t{i:04}\t{s}\t{a}\t{b}\n"))
        .collect();
    fs::write(&sts, body).unwrap();
    let out = newsdigest()
        .args(["embeddings", "eval-sts"])
        .arg(&sts)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let last: f64 = stdout
        .trim()
        .lines()
        .last()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(last > 50.0 && last <= 100.0, "{stdout}");

    // SICK format, with a user model.
    let sick = dir.path().join("sick.txt");
    fs::write(
        &sick,
        "pair_ID\tsentence_A\tsentence_B\trelatedness_score\tentailment_judgment\n1\tceasefire talks\ttruce talks\t4.5\tENTAILMENT\n2\tceasefire talks\tflour\t1.0\tNEUTRAL\n3\tkremlin talks\tflour flour\t1.5\tNEUTRAL\n",
    )
    .unwrap();
    let model = write_glove(dir.path());
    let out = newsdigest()
        .args(["embeddings", "eval-sts"])
        .arg(&sick)
        .arg("--embeddings")
        .arg(&model)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.trim().lines().last().unwrap().parse::<f64>().is_ok(),
        "{stdout}"
    );

    newsdigest()
        .args(["embeddings", "eval-sts"])
        .arg(dir.path().join("none.csv"))
        .assert()
        .code(3);

    // Regression: one pair was "no scored sentence pairs".
    let one = dir.path().join("one.csv");
    fs::write(&one, "g\tf\t2012\t1\t5\tsame words\tsame words\n").unwrap();
    newsdigest()
        .args(["embeddings", "eval-sts"])
        .arg(&one)
        .assert()
        .code(3)
        .stderr(predicates::str::contains("only 1 scored sentence pair"));
}

#[test]
fn info_describes_the_default_model() {
    newsdigest()
        .args(["embeddings", "info"])
        .assert()
        .success()
        .stdout(predicates::str::contains("dimensions:"))
        .stdout(predicates::str::contains("word pieces"))
        .stdout(predicates::str::contains("load time:"));
}
