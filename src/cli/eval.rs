//! `newsdigest eval`: ROUGE scores that equal ROUGE-1.5.5's, for one or several systems.

use super::CommandResult;
use crate::error::{Error, ExitStatus};
use crate::rouge::{self, files, Limit, RougeOptions, Scoring, SkipUnigrams};
use clap::{Args, ValueEnum};
use std::collections::BTreeMap;
use std::path::PathBuf;

const EVAL_HELP: &str = "\
Defaults are the DUC standard, i.e. ROUGE-1.5.5 with
  -n 4 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a
(ROUGE-1..4 and ROUGE-SU4, Porter stemming, summary AND references cut to 100 words).
--rouge155 \"<flags>\" starts from the Perl script's own flags instead; the options above then
change single settings on top of them. Every figure equals the Perl script's, confidence
intervals included (its bootstrap is replayed with Perl's random generator).
Files are scored as the bytes they are, as by the script; UTF-16 (with its byte-order
mark) is decoded to UTF-8 first, binary data is refused (exit 3), an empty reference is
scored with a warning. In --refs and --system folders only .txt files are read.
The flag-by-flag mapping is in eval/ROUGE.md. Limits (exit 2 beyond them): -n up to 16,
-r up to 100000; per text 10M skip bigrams, and 100000 words (10000 a line) for ROUGE-L/W.
For ROUGE-1.5.5's own command line, XML config and output, see `newsdigest rouge155 --help`.

Examples:
  newsdigest eval --refs refs/ --system lead/ --system mine/ --per-cluster
  newsdigest eval --ref a.txt --ref b.txt --summary mine.txt --format json
  newsdigest eval --refs refs/ --system mine/ --rouge155 \"-n 2 -m -s -l 100 -f B -a\"";

/// Score summaries with ROUGE exactly as ROUGE-1.5.5 does (ROUGE-N, -L, -W, -SU).
#[derive(Debug, Args)]
#[command(after_help = format!("{EVAL_HELP}\n\n{}", ExitStatus::table(super::EVAL_CODES)))]
pub struct EvalArgs {
    /// Reference summaries: REFS_DIR/<cluster>/*.txt, one sentence a line.
    #[arg(long, value_name = "REFS_DIR")]
    pub refs: Option<PathBuf>,
    /// A system's summaries: SYSTEM_DIR/<cluster>.txt (repeat to compare systems).
    #[arg(long = "system", value_name = "SYSTEM_DIR")]
    pub systems: Vec<PathBuf>,
    /// One reference summary of a single cluster (repeat; use with --summary).
    #[arg(long = "ref", value_name = "FILE")]
    pub ref_files: Vec<PathBuf>,
    /// A summary to score against the --ref files (repeat to compare).
    #[arg(long = "summary", value_name = "FILE")]
    pub summaries: Vec<PathBuf>,
    /// ROUGE-1.5.5 flags verbatim, e.g. "-n 4 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a".
    #[arg(long, value_name = "FLAGS", allow_hyphen_values = true)]
    pub rouge155: Option<String>,
    /// ROUGE-1 .. ROUGE-N (-n N; 0 for none).
    #[arg(long, value_name = "N")]
    pub max_n: Option<usize>,
    /// Compute ROUGE-L (the Perl script's default unless -x).
    #[arg(long, overrides_with = "no_rouge_l")]
    pub rouge_l: bool,
    /// Do not compute ROUGE-L (-x).
    #[arg(long)]
    pub no_rouge_l: bool,
    /// Compute ROUGE-W with this weight (-w W, usually 1.2).
    #[arg(long, value_name = "WEIGHT")]
    pub rouge_w: Option<f64>,
    /// Skip bigrams with at most D words in between (-2 D; negative: any gap).
    #[arg(long, value_name = "D", allow_negative_numbers = true)]
    pub skip_gap: Option<i64>,
    /// Skip bigrams without the unigrams (ROUGE-S instead of ROUGE-SU; no -u).
    #[arg(long)]
    pub no_skip_unigrams: bool,
    /// No skip-bigram measure at all (no -2).
    #[arg(long, conflicts_with_all = ["skip_gap", "no_skip_unigrams"])]
    pub no_skip_bigrams: bool,
    /// Porter stemming with the WordNet exceptions (-m).
    #[arg(long, conflicts_with = "no_stem")]
    pub stem: bool,
    /// No stemming (no -m).
    #[arg(long)]
    pub no_stem: bool,
    /// Remove SMART stopwords (-s).
    #[arg(long)]
    pub remove_stopwords: bool,
    /// Cut summary and references to N words (-l N).
    #[arg(long, value_name = "N", conflicts_with_all = ["bytes", "no_limit"])]
    pub words: Option<usize>,
    /// Cut summary and references to N bytes (-b N).
    #[arg(long, value_name = "N", conflicts_with = "no_limit")]
    pub bytes: Option<usize>,
    /// No length cut (neither -l nor -b).
    #[arg(long)]
    pub no_limit: bool,
    /// Several references: pool hits and counts (average, -f A) or take the best one (-f B).
    #[arg(long, value_enum, value_name = "HOW")]
    pub pool: Option<Pool>,
    /// Weight of precision in F (-p ALPHA; 0.5: F1).
    #[arg(long, value_name = "ALPHA")]
    pub alpha: Option<f64>,
    /// Confidence level of the intervals, in percent (-c).
    #[arg(long, value_name = "PERCENT")]
    pub confidence: Option<f64>,
    /// Bootstrap resamples (-r).
    #[arg(long, value_name = "N")]
    pub resamples: Option<usize>,
    /// Also give every cluster's scores (-d).
    #[arg(long)]
    pub per_cluster: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    #[command(flatten)]
    pub progress: super::common::ProgressArgs,
}

/// `--pool`: ROUGE-1.5.5's `-f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Pool {
    /// -f A: hits and counts summed over the references.
    Average,
    /// -f B: the reference with the best recall.
    Best,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

impl EvalArgs {
    /// The scoring options: the DUC default or the --rouge155 flags, then the single options.
    pub fn options(&self) -> crate::error::Result<RougeOptions> {
        let mut o = match &self.rouge155 {
            Some(flags) => RougeOptions::from_rouge155(flags)?,
            None => RougeOptions::default(),
        };
        // In this order: a later flag wins over an earlier one for the same option.
        set(&mut o.max_n, self.max_n);
        set(&mut o.rouge_l, self.rouge_l.then_some(true));
        set(&mut o.rouge_l, self.no_rouge_l.then_some(false));
        set(&mut o.wlcs_weight, self.rouge_w.map(Some));
        set(&mut o.skip_distance, self.skip_gap.map(Some));
        set(
            &mut o.skip_unigrams,
            self.no_skip_unigrams.then_some(SkipUnigrams::No),
        );
        set(&mut o.skip_distance, self.no_skip_bigrams.then_some(None));
        set(&mut o.stem, self.stem.then_some(true));
        set(&mut o.stem, self.no_stem.then_some(false));
        set(
            &mut o.remove_stopwords,
            self.remove_stopwords.then_some(true),
        );
        set(&mut o.limit, self.words.map(Limit::Words));
        set(&mut o.limit, self.bytes.map(Limit::Bytes));
        set(&mut o.limit, self.no_limit.then_some(Limit::None));
        let scoring = |p: &Pool| match p {
            Pool::Average => Scoring::Average,
            Pool::Best => Scoring::Best,
        };
        set(&mut o.scoring, self.pool.as_ref().map(scoring));
        set(&mut o.alpha, self.alpha);
        set(&mut o.confidence, self.confidence);
        set(&mut o.resamples, self.resamples);
        set(&mut o.per_cluster, self.per_cluster.then_some(true));
        o.validate()?;
        Ok(o)
    }
}

type Systems = Vec<(String, BTreeMap<String, Vec<u8>>)>;
type Refs = BTreeMap<String, Vec<Vec<u8>>>;

/// Cluster name used when a single cluster is given as --ref/--summary files.
const SINGLE_CLUSTER: &str = "single";

fn load(args: &EvalArgs) -> crate::error::Result<(Systems, Refs)> {
    let dir_mode = args.refs.is_some() || !args.systems.is_empty();
    let file_mode = !args.ref_files.is_empty() || !args.summaries.is_empty();
    match (dir_mode, file_mode) {
        (true, true) => Err(Error::Usage(
            "eval: use either --refs/--system or --ref/--summary, not both".into(),
        )),
        (true, false) => {
            let Some(refs_dir) = &args.refs else {
                return Err(Error::Usage("eval: --system needs --refs REFS_DIR".into()));
            };
            if args.systems.is_empty() {
                return Err(Error::Usage(
                    "eval: give at least one --system SYSTEM_DIR".into(),
                ));
            }
            let refs = files::read_refs_dir(refs_dir)?;
            if refs.is_empty() {
                return Err(Error::input(
                    refs_dir,
                    "no <cluster>/ directory of references",
                ));
            }
            let mut systems = Systems::new();
            for dir in &args.systems {
                systems.push((files::system_name(dir), files::read_system_dir(dir)?));
            }
            Ok((systems, refs))
        }
        (false, true) => {
            if args.ref_files.is_empty() || args.summaries.is_empty() {
                return Err(Error::Usage(
                    "eval: give at least one --ref FILE and one --summary FILE".into(),
                ));
            }
            let refs_texts = args
                .ref_files
                .iter()
                .map(|p| files::read_reference(p))
                .collect::<crate::error::Result<Vec<_>>>()?;
            let refs = Refs::from([(SINGLE_CLUSTER.to_string(), refs_texts)]);
            let mut systems = Systems::new();
            for path in &args.summaries {
                let text = files::read_summary(path)?;
                let clusters = BTreeMap::from([(SINGLE_CLUSTER.to_string(), text)]);
                systems.push((files::system_name(path), clusters));
            }
            Ok((systems, refs))
        }
        (false, false) => Err(Error::Usage(
            "eval: give --refs REFS_DIR --system SYSTEM_DIR, or --ref FILE --summary FILE".into(),
        )),
    }
}

fn check_names(systems: &Systems) -> crate::error::Result<()> {
    for (i, (name, _)) in systems.iter().enumerate() {
        if systems[..i].iter().any(|(other, _)| other == name) {
            return Err(Error::Usage(format!(
                "eval: two systems are named '{name}' (their directory/file names must differ)"
            )));
        }
    }
    Ok(())
}

pub fn run(args: EvalArgs) -> CommandResult {
    let opts = args.options()?;
    let (systems, refs) = load(&args)?;
    check_names(&systems)?;
    // The systems are scored on several threads at once: a spinner, not a count.
    let progress = args.progress.progress();
    progress.stage(format!("scoring {} system(s)", systems.len()), 0);
    let eval = rouge::evaluate(&systems, &refs, &opts)?;
    progress.clear();
    for m in &eval.missing {
        let line = format!(
            "{}{}",
            rouge::report::missing_line(m),
            unread_note(&args, m)
        );
        crate::warn_line!("newsdigest: warning: {}", crate::stdio::printable(&line));
    }
    if let Some(empty) = eval.systems.iter().find(|s| s.clusters == 0) {
        return Err(Error::Input(format!(
            "system '{}': no cluster has both a summary and references",
            empty.system
        )));
    }
    let flags = opts.to_rouge155();
    let text = match args.format {
        Format::Table => rouge::report::table(&eval, &flags, opts.confidence, opts.per_cluster),
        Format::Json => rouge::report::json(&eval, &flags, opts.per_cluster),
        Format::Csv => rouge::report::csv(&eval, opts.per_cluster),
    };
    crate::output::write_stdout(text.as_bytes())?;
    Ok(ExitStatus::Success)
}

/// For a cluster left out, the files that are there under another extension than `.txt`
/// (`B.md`, `c1.sum`): most likely the summary the user meant, so the warning names them.
fn unread_note(args: &EvalArgs, m: &rouge::MissingCluster) -> String {
    let unread = match m.missing {
        rouge::Missing::References => match &args.refs {
            Some(refs) => files::unread_references(&refs.join(&m.cluster)),
            None => Vec::new(),
        },
        rouge::Missing::Summary => args
            .systems
            .iter()
            .find(|dir| files::system_name(dir) == m.system)
            .map(|dir| files::unread_summaries(dir, &m.cluster))
            .unwrap_or_default(),
    };
    files::unread_note(&unread)
}

/// A flag given overrides the option.
fn set<T>(option: &mut T, flag: Option<T>) {
    if let Some(value) = flag {
        *option = value;
    }
}
