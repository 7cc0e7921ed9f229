//! `newsdigest embeddings …`: inspect, convert and evaluate word-embedding models.

use super::CommandResult;
use crate::embed::{cosine, tokens, EncoderOptions, SentenceEncoder};
use crate::embeddings::{convert, WordEmbeddings};
use crate::error::{Error, ExitStatus, Result};
use crate::read;
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Inspect, convert and evaluate word-embedding models.
///
/// newsdigest reads finalfusion, word2vec binary, GloVe / word2vec text and fastText .bin models,
/// recognised from the file's content (not its name). Without --embeddings it uses the default
/// model compiled into the binary (see embeddings/README.md in the source).
#[derive(Debug, Subcommand)]
pub enum EmbeddingsCommand {
    #[command(after_help = ExitStatus::table(super::MODEL_CODES))]
    Info(InfoArgs),
    #[command(after_help = ExitStatus::table(super::MODEL_CODES))]
    Convert(ConvertArgs),
    #[command(after_help = ExitStatus::table(super::PIPELINE_CODES))]
    EvalSts(EvalStsArgs),
}

/// Show a model's format, vocabulary (size and type), dimensions, storage and vector norms.
///
/// Also reports how long loading took. Without FILE, describes the built-in default model.
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// Model file (finalfusion, word2vec binary, GloVe/word2vec text or fastText .bin).
    #[arg(value_name = "FILE")]
    pub path: Option<PathBuf>,
}

/// Convert any readable model to finalfusion, so that every later run memory-maps it.
///
/// Reading a text model of a few hundred thousand words takes seconds to minutes on every run;
/// a converted finalfusion file is memory-mapped and opens in a fraction of a second (400k words:
/// ~0.3 s instead of ~8 s as text; `--embeddings OUT`). With --quantize the
/// vectors are product-quantised (one byte per 4 dimensions, norms kept exactly): about 10×
/// smaller, at a small cost in precision (the model needs at least 3 words). OUT is written
/// atomically: a temporary .newsdigest-convert-*.tmp beside it, renamed when complete; such files
/// over an hour old, left by a killed convert, are removed by the next convert there. OUT must be
/// a new name, a regular file or a symlink to one (its target is replaced); a device, FIFO or
/// folder is refused, and so is IN itself.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input model: finalfusion, word2vec binary, GloVe/word2vec text or fastText .bin.
    #[arg(value_name = "IN")]
    pub input: PathBuf,
    /// Output finalfusion file (conventionally .fifu).
    #[arg(value_name = "OUT")]
    pub output: PathBuf,
    /// Product-quantise the embedding matrix (the quantiser is trained on up to 40k rows).
    #[arg(long)]
    pub quantize: bool,
}

/// Measure how well sentence vectors match human similarity scores (STS Benchmark or SICK).
///
/// Sentence vectors are made exactly as the summariser makes them (SIF-weighted mean of word
/// vectors, first principal component of the whole file's sentences removed); the score is the
/// Spearman rank correlation between the cosine of each pair and its human score. Input: an
/// STS Benchmark csv (tab-separated: genre, file, year, id, score, sentence 1, sentence 2) or a
/// SICK file (header `pair_ID  sentence_A  sentence_B  relatedness_score …`). The last line
/// printed is the Spearman correlation × 100, alone, for scripts.
#[derive(Debug, Args)]
pub struct EvalStsArgs {
    /// STS Benchmark csv or SICK txt file.
    #[arg(value_name = "STS_FILE")]
    pub file: PathBuf,
    /// The model to evaluate.
    #[command(flatten)]
    pub model: super::common::ModelArgs,
    /// Skip the removal of the first principal component (for comparison).
    #[arg(long)]
    pub no_pc_removal: bool,
    /// Do not weight words by their stored vector norm (for comparison).
    #[arg(long)]
    pub no_norm_weight: bool,
}

pub fn run(cmd: EmbeddingsCommand) -> CommandResult {
    match cmd {
        EmbeddingsCommand::Info(args) => info(args),
        EmbeddingsCommand::Convert(args) => convert_cmd(args),
        EmbeddingsCommand::EvalSts(args) => eval_sts(args),
    }
}

fn load(path: Option<&Path>) -> Result<(WordEmbeddings, f64)> {
    let (model, ms, _) = load_timed(path)?;
    Ok((model, ms))
}

/// Load a model; wall-clock milliseconds, and CPU milliseconds where Linux reports them.
fn load_timed(path: Option<&Path>) -> Result<(WordEmbeddings, f64, Option<f64>)> {
    let (t, cpu) = (Instant::now(), thread_cpu_ns());
    let model = match path {
        Some(p) => WordEmbeddings::load(p)?,
        None => WordEmbeddings::default_model()?,
    };
    let wall = t.elapsed().as_secs_f64() * 1e3;
    let cpu = cpu
        .zip(thread_cpu_ns())
        .map(|(a, b)| b.saturating_sub(a) as f64 / 1e6);
    Ok((model, wall, cpu))
}

/// CPU time of this thread (Linux schedstat, ns): on a busy machine wall time mostly measures
/// waiting for a core, CPU time what loading costs.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn info(args: InfoArgs) -> CommandResult {
    let (model, ms, cpu) = load_timed(args.path.as_deref())?;
    let mut out = model.info().to_string();
    match cpu {
        Some(cpu) => out.push_str(&format!("load time:   {ms:.1} ms ({cpu:.1} ms CPU)\n")),
        None => out.push_str(&format!("load time:   {ms:.1} ms\n")),
    }
    // Through the one stdout writer: `info | head -2` is success, not a panic.
    crate::output::write_stdout(out.as_bytes())?;
    Ok(ExitStatus::Success)
}

fn convert_cmd(args: ConvertArgs) -> CommandResult {
    let t = Instant::now();
    // The source's size, measured before OUT is written.
    let source = std::fs::metadata(&args.input).map(|m| m.len()).unwrap_or(0);
    let model = convert(&args.input, &args.output, args.quantize)?;
    let bytes = std::fs::metadata(&args.output)
        .map(|m| m.len())
        .unwrap_or(0);
    let report = format!(
        "converted {} → {}: {} words, {} dims, {:.1} MB → {:.1} MB{} in {:.1} s\n",
        args.input.display(),
        args.output.display(),
        model.vocab_len(),
        model.dims(),
        source as f64 / 1e6,
        bytes as f64 / 1e6,
        if args.quantize { " (quantised)" } else { "" },
        t.elapsed().as_secs_f64()
    );
    crate::output::write_stdout(report.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// One scored sentence pair.
#[derive(Debug, Clone, PartialEq)]
pub struct StsPair {
    pub score: f64,
    pub a: String,
    pub b: String,
}

/// Parse an STS Benchmark csv or a SICK file; returns the pairs and the number of lines skipped.
pub fn parse_sts(text: &str) -> (Vec<StsPair>, usize) {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty()).peekable();
    let sick = lines.peek().is_some_and(|l| l.starts_with("pair_ID"));
    if sick {
        lines.next();
    }
    let (mut pairs, mut skipped) = (Vec::new(), 0);
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let parsed = if sick {
            (f.len() >= 4).then(|| (f[3], f[1], f[2]))
        } else {
            (f.len() >= 7).then(|| (f[4], f[5], f[6]))
        };
        // A score that is not a finite number (`nan`, `inf`) is no human judgement: skipped.
        let score = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
        match parsed.and_then(|(s, a, b)| Some((score(s)?, a, b))) {
            Some((score, a, b)) => pairs.push(StsPair {
                score,
                a: a.to_string(),
                b: b.to_string(),
            }),
            None => skipped += 1,
        }
    }
    (pairs, skipped)
}

/// Spearman's rank correlation (ties get their average rank).
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    fn ranks(v: &[f64]) -> Vec<f64> {
        let mut idx: Vec<usize> = (0..v.len()).collect();
        idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
        let mut r = vec![0.0; v.len()];
        let mut i = 0;
        while i < idx.len() {
            let mut j = i;
            while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
                j += 1;
            }
            let avg = (i + j) as f64 / 2.0 + 1.0;
            for &k in &idx[i..=j] {
                r[k] = avg;
            }
            i = j + 1;
        }
        r
    }
    let (rx, ry) = (ranks(x), ranks(y));
    let n = x.len() as f64;
    let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in rx.iter().zip(&ry) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    // All tied on one side: no correlation to speak of (not 0, which would read as a score).
    (sxx != 0.0 && syy != 0.0).then(|| sxy / (sxx * syy).sqrt())
}

fn eval_sts(args: EvalStsArgs) -> CommandResult {
    let bytes = read::read_capped(&args.file, read::MAX_INPUT_BYTES, read::Special::Read)
        .map_err(|e| Error::read_io(&args.file, e))?;
    let text = read::decode(&bytes, &args.file)?;
    let (pairs, skipped) = parse_sts(&text);
    let too_few = match pairs.len() {
        0 => Some("no scored sentence pairs (expected STS Benchmark csv or SICK format)"),
        1 => Some("only 1 scored sentence pair; a correlation needs at least 2"),
        _ => None,
    };
    if let Some(why) = too_few {
        return Err(Error::input(&args.file, why));
    }
    let (model, load_ms) = load(args.model.embeddings.as_deref())?;
    let options = EncoderOptions {
        remove_first_component: !args.no_pc_removal,
        norm_weight: !args.no_norm_weight,
    };
    let encoder = SentenceEncoder::with_options(&model, options);
    let t = Instant::now();
    // One batch for the whole file, so the common component is estimated on all its sentences.
    let sentences: Vec<&str> = pairs
        .iter()
        .map(|p| p.a.as_str())
        .chain(pairs.iter().map(|p| p.b.as_str()))
        .collect();
    let vectors = encoder.encode(&sentences);
    let n = pairs.len();
    let sims: Vec<f64> = (0..n)
        .map(|i| cosine(vectors.row(i), vectors.row(n + i)) as f64)
        .collect();
    let gold: Vec<f64> = pairs.iter().map(|p| p.score).collect();
    let rho = spearman(&sims, &gold);

    let (known, total) = vocabulary_coverage(&model, &sentences);
    let report = format!(
        "file:        {} ({n} pairs, {skipped} lines skipped)\n\
         model:       {} ({} dims), loaded in {load_ms:.1} ms\n\
         tokens:      {total}, {:.1}% whole words in the vocabulary\n\
         encoded in:  {:.1} ms\n\
         Spearman × 100 (cosine vs human score):\n\
         {}\n",
        args.file.display(),
        model.name(),
        model.dims(),
        100.0 * known as f64 / total.max(1) as f64,
        t.elapsed().as_secs_f64() * 1e3,
        rho.map_or(
            "undefined (every cosine, or every score, is the same)".into(),
            |r| format!("{:.2}", r * 100.0)
        )
    );
    crate::output::write_stdout(report.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// The tokens of `sentences` the model knows as whole words, and all their tokens.
fn vocabulary_coverage(model: &WordEmbeddings, sentences: &[&str]) -> (usize, usize) {
    let (mut known, mut total) = (0usize, 0usize);
    for s in sentences {
        for tok in tokens(s) {
            total += 1;
            known += model.contains(&tok) as usize;
        }
    }
    (known, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_sts_benchmark_and_sick() {
        let sts = "main-captions\tMSRvid\t2012test\t0024\t2.500\ta girl is styling her hair .\ta girl is brushing her hair .\nbad line\n";
        // Regression (a score of NaN was taken as one: two such pairs gave Spearman 100.00).
        let (p, skipped) = parse_sts("g\tf\t2012\t1\tNaN\ta b\tc d\ng\tf\t2012\t2\tinf\ta\tb\n");
        assert_eq!((p.len(), skipped), (0, 2));
        let (p, skipped) = parse_sts(sts);
        assert_eq!(p.len(), 1);
        assert_eq!(skipped, 1);
        assert_eq!(p[0].score, 2.5);
        assert_eq!(p[0].b, "a girl is brushing her hair .");
        let sick = "pair_ID\tsentence_A\tsentence_B\trelatedness_score\tentailment_judgment\n6\tA boy\tA kid\t3.3\tNEUTRAL\n";
        let (p, skipped) = parse_sts(sick);
        assert_eq!((p.len(), skipped), (1, 0));
        assert_eq!(
            p[0],
            StsPair {
                score: 3.3,
                a: "A boy".into(),
                b: "A kid".into()
            }
        );
    }

    #[test]
    fn spearman_handles_ties_and_order() {
        let rho = |x: &[f64], y: &[f64]| spearman(x, y).unwrap();
        assert!((rho(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]) - 1.0).abs() < 1e-12);
        assert!((rho(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]) + 1.0).abs() < 1e-12);
        let r = rho(&[1.0, 1.0, 2.0, 3.0], &[1.0, 2.0, 3.0, 4.0]);
        assert!(r > 0.9 && r < 1.0);
        // Regression: all tied printed a correlation of 0.00.
        assert_eq!(spearman(&[1.0, 1.0], &[1.0, 2.0]), None);
    }
}
