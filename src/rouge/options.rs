//! ROUGE-1.5.5 options: what each of the Perl script's flags means to the scorer. Its command
//! line is taken apart by [`Rouge155Args`].

use super::args::Rouge155Args;
use crate::error::{Error, Result};

/// `-l N` / `-b N`: how much of each summary (peer AND references) is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    None,
    /// `-l N`: the first N whitespace-separated words (counted before punctuation is removed).
    Words(usize),
    /// `-b N`: the first N bytes (joining spaces between lines not counted).
    Bytes(usize),
}

/// `-f`: how the references of one cluster are combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scoring {
    /// `-f A`: hits and counts summed over all references before dividing.
    Average,
    /// `-f B`: the reference giving the best recall (first one on ties).
    Best,
}

/// `-t`: the averaging unit over clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counting {
    /// `-t 0`: mean of the per-cluster scores.
    Sentence,
    /// `-t 1`: ratio of hits and counts summed over clusters.
    Token,
}

/// What to compute and how; field by field the meaning of a ROUGE-1.5.5 flag.
#[derive(Debug, Clone, PartialEq)]
pub struct RougeOptions {
    /// `-n N`: ROUGE-1 .. ROUGE-N (0: none).
    pub max_n: usize,
    /// Not `-x`: ROUGE-L (union LCS over sentences).
    pub rouge_l: bool,
    /// `-w W`: ROUGE-W with weight W (> 0).
    pub wlcs_weight: Option<f64>,
    /// `-2 D`: skip bigrams with at most D words between (negative: no limit).
    pub skip_distance: Option<i64>,
    /// `-u`: skip bigrams plus unigrams (ROUGE-SU); `-U`: both ROUGE-S and ROUGE-SU.
    pub skip_unigrams: SkipUnigrams,
    /// `-m`: WordNet exceptions then Porter, on tokens longer than 3 characters.
    pub stem: bool,
    /// `-M`: stem the models (references) only, where and as the script does it: ROUGE-N is not
    /// stemmed at all; ROUGE-L and ROUGE-S/SU compare stemmed model tokens with unstemmed peer
    /// tokens; ROUGE-W compares unstemmed tokens but counts the models' unigram budgets (the
    /// clip of LCS hits) stemmed. With `stem` as well, the script stems everything until the
    /// first model it stems for `-M`, and only the models from then on (see `eval/ROUGE.md`).
    pub stem_models: bool,
    /// `-s`: remove the SMART stopwords.
    pub remove_stopwords: bool,
    /// `-l` / `-b`.
    pub limit: Limit,
    /// `-p`: F = 1 / (alpha/P + (1-alpha)/R).
    pub alpha: f64,
    /// `-c`: confidence level in percent.
    pub confidence: f64,
    /// `-r`: bootstrap resamples.
    pub resamples: usize,
    /// `-f`.
    pub scoring: Scoring,
    /// `-t`.
    pub counting: Counting,
    /// `-d`: print per-evaluation (per-cluster) scores.
    pub per_cluster: bool,
}

/// `-u` / `-U` of ROUGE-1.5.5.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipUnigrams {
    /// Neither: ROUGE-S only.
    No,
    /// `-u`: ROUGE-SU only.
    Yes,
    /// `-U`: ROUGE-S and then ROUGE-SU.
    Both,
}

/// The standard DUC/TAC setting: `-n 4 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a`.
pub const DUC_FLAGS: &str = "-n 4 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a";

/// Largest `-n`: bounded by memory and time, not by the script (which takes any N).
pub const MAX_N: usize = 16;

/// Largest `-r`: the draws of every resample are kept (resamples x evaluations indices).
pub const MAX_RESAMPLES: usize = 100_000;

impl Default for RougeOptions {
    /// The DUC standard ([`DUC_FLAGS`]): ROUGE-1..4 and ROUGE-SU4, stemmed, 100 words, recall
    /// and precision weighted equally, 95 % intervals from 1000 resamples, references pooled.
    fn default() -> Self {
        // Only what the DUC flags change from the script's own defaults.
        RougeOptions {
            max_n: 4,
            rouge_l: false,
            skip_distance: Some(4),
            skip_unigrams: SkipUnigrams::Yes,
            stem: true,
            limit: Limit::Words(100),
            ..RougeOptions::perl_defaults()
        }
    }
}

/// ROUGE-W weights outside this range overflow the weighted LCS (`k^w`, then its inverse) into
/// infinity or NaN on long texts; the script's usual weight is 1.2.
pub const WLCS_WEIGHTS: std::ops::RangeInclusive<f64> = 0.1..=10.0;

/// A ROUGE-W weight must lie in [`WLCS_WEIGHTS`].
pub fn check_wlcs_weight(w: f64) -> Result<()> {
    if !WLCS_WEIGHTS.contains(&w) {
        return Err(usage(format!(
            "ROUGE-W weight must be between {} and {} (the weighted LCS overflows beyond), not {w:?}",
            WLCS_WEIGHTS.start(),
            WLCS_WEIGHTS.end()
        )));
    }
    Ok(())
}

impl RougeOptions {
    /// The Perl script's own defaults (what it does with no flag but `-a`): ROUGE-L only.
    pub fn perl_defaults() -> Self {
        RougeOptions {
            max_n: 0,
            rouge_l: true,
            wlcs_weight: None,
            skip_distance: None,
            skip_unigrams: SkipUnigrams::No,
            stem: false,
            stem_models: false,
            remove_stopwords: false,
            limit: Limit::None,
            alpha: 0.5,
            confidence: 95.0,
            resamples: 1000,
            scoring: Scoring::Average,
            counting: Counting::Sentence,
            per_cluster: false,
        }
    }

    /// Options from ROUGE-1.5.5 flags given verbatim, e.g.
    /// `"-n 4 -x -m -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a"`. Flags not given keep the Perl
    /// script's defaults. `-a`, `-e DIR`, `-v` and `-z SPL` are accepted and change nothing here;
    /// a trailing configuration file / system ID is refused, as are `-h`/`-H`, `-3` (BE) and
    /// `-t 2` (raw counts, which only `newsdigest rouge155` prints).
    pub fn from_rouge155(flags: &str) -> Result<Self> {
        let args: Vec<String> = flags.split_whitespace().map(String::from).collect();
        let cmd = Rouge155Args::parse(&args)?;
        if let Some(arg) = cmd.operands.first() {
            return Err(usage(format!(
                "unexpected argument '{arg}' (give flags only: the summaries come from --refs/--system)"
            )));
        }
        if cmd.help.is_some() {
            return Err(usage("-h/-H: see `newsdigest eval --help`".into()));
        }
        if cmd.raw_counts {
            return Err(usage(
                "-t 2 prints raw counts instead of scores; `newsdigest rouge155` prints them, \
                 eval reports scores (-t 0 or -t 1)"
                    .into(),
            ));
        }
        if let Some(z) = cmd
            .format
            .as_deref()
            .filter(|z| !z.eq_ignore_ascii_case("SPL"))
        {
            return Err(usage(format!("-z {z}: only SPL input is supported here")));
        }
        Ok(cmd.opts)
    }

    /// The equivalent ROUGE-1.5.5 command-line flags (with `-a`), e.g. for reports.
    pub fn to_rouge155(&self) -> String {
        let mut f: Vec<String> = Vec::new();
        if self.max_n > 0 {
            f.push(format!("-n {}", self.max_n));
        }
        if !self.rouge_l {
            f.push("-x".into());
        }
        if self.stem {
            f.push("-m".into());
        }
        if self.stem_models {
            f.push("-M".into());
        }
        if self.remove_stopwords {
            f.push("-s".into());
        }
        if let Some(w) = self.wlcs_weight {
            f.push(format!("-w {w}"));
        }
        if let Some(d) = self.skip_distance {
            f.push(format!("-2 {d}"));
            match self.skip_unigrams {
                SkipUnigrams::No => {}
                SkipUnigrams::Yes => f.push("-u".into()),
                SkipUnigrams::Both => f.push("-U".into()),
            }
        }
        match self.limit {
            Limit::Words(n) if n > 0 => f.push(format!("-l {n}")),
            Limit::Bytes(n) if n > 0 => f.push(format!("-b {n}")),
            _ => {}
        }
        f.push(format!("-p {}", self.alpha));
        f.push(format!("-c {}", self.confidence));
        f.push(format!("-r {}", self.resamples));
        f.push(match self.scoring {
            Scoring::Average => "-f A".into(),
            Scoring::Best => "-f B".into(),
        });
        f.push(match self.counting {
            Counting::Sentence => "-t 0".into(),
            Counting::Token => "-t 1".into(),
        });
        if self.per_cluster {
            f.push("-d".into());
        }
        f.push("-a".into());
        f.join(" ")
    }

    /// Check ranges the way the script does (after options were set field by field).
    pub fn validate(&self) -> Result<()> {
        if let Some(w) = self.wlcs_weight {
            check_wlcs_weight(w)?;
        }
        if !(0.0..=1.0).contains(&self.alpha) {
            return Err(usage("alpha must be between 0 and 1".into()));
        }
        if !(0.0..=100.0).contains(&self.confidence) {
            return Err(usage("confidence must be between 0 and 100".into()));
        }
        if self.resamples == 0 || self.resamples > MAX_RESAMPLES {
            return Err(usage(format!(
                "resamples (-r) must be between 1 and {MAX_RESAMPLES} (the bootstrap keeps \
                 every resample's draws in memory), not {}",
                self.resamples
            )));
        }
        if self.max_n > MAX_N {
            return Err(usage(format!(
                "ROUGE-N (-n) goes up to {MAX_N}-grams (each order is a pass over every text \
                 and a table per reference), not {}",
                self.max_n
            )));
        }
        Ok(())
    }

    /// The metric names in the order the script prints them (`ROUGE-1`, `ROUGE-L`,
    /// `ROUGE-W-1.2`, `ROUGE-SU4`, ...).
    pub fn metric_names(&self) -> Vec<String> {
        self.metrics().into_iter().map(|m| m.name()).collect()
    }

    pub(crate) fn metrics(&self) -> Vec<Metric> {
        let mut out: Vec<Metric> = (1..=self.max_n).map(Metric::N).collect();
        if self.rouge_l {
            out.push(Metric::L);
        }
        if let Some(w) = self.wlcs_weight {
            out.push(Metric::W(w));
        }
        if let Some(d) = self.skip_distance {
            match self.skip_unigrams {
                SkipUnigrams::No => out.push(Metric::S {
                    distance: d,
                    unigrams: false,
                }),
                SkipUnigrams::Yes => out.push(Metric::S {
                    distance: d,
                    unigrams: true,
                }),
                SkipUnigrams::Both => {
                    out.push(Metric::S {
                        distance: d,
                        unigrams: false,
                    });
                    out.push(Metric::S {
                        distance: d,
                        unigrams: true,
                    });
                }
            }
        }
        out
    }
}

/// One ROUGE measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Metric {
    N(usize),
    L,
    W(f64),
    S { distance: i64, unigrams: bool },
}

impl Metric {
    /// The name as the Perl script prints it.
    pub fn name(&self) -> String {
        match *self {
            Metric::N(n) => format!("ROUGE-{n}"),
            Metric::L => "ROUGE-L".into(),
            // Perl prints the number as given; `{}` matches it for the usual values (1.2, 1.5).
            Metric::W(w) => format!("ROUGE-W-{w}"),
            Metric::S { distance, unigrams } => {
                let kind = if unigrams { "SU" } else { "S" };
                if distance >= 0 {
                    format!("ROUGE-{kind}{distance}")
                } else {
                    format!("ROUGE-{kind}*")
                }
            }
        }
    }
}

pub(super) fn usage(msg: String) -> Error {
    Error::Usage(format!("ROUGE options: {msg}"))
}

pub(super) fn parse<T: std::str::FromStr>(flag: char, value: &str) -> Result<T> {
    value
        .parse()
        .map_err(|_| usage(format!("-{flag}: bad value '{value}'")))
}

#[cfg(test)]
mod tests {
    /// Regression (`-w 1e308` or `-w 1e-300` was accepted and scored ROUGE-W as NaN or
    /// infinity).
    #[test]
    fn rouge_w_weights_that_overflow_were_accepted() {
        for w in [1e308, 1e-300, f64::NAN, 0.0, -1.0, 11.0] {
            assert!(super::check_wlcs_weight(w).is_err(), "{w}");
        }
        for w in [0.1, 1.2, 10.0] {
            assert!(super::check_wlcs_weight(w).is_ok(), "{w}");
        }
    }

    use super::*;

    #[test]
    fn duc_flags_give_the_default() {
        let parsed = RougeOptions::from_rouge155(DUC_FLAGS).unwrap();
        assert_eq!(parsed, RougeOptions::default());
    }

    #[test]
    fn flags_round_trip() {
        for flags in [
            DUC_FLAGS,
            "-n 2 -w 1.2 -b 665 -p 0.5 -c 95 -r 1000 -f A -t 0 -a",
            "-n 2 -m -s -U -2 -1 -f B -t 1 -p 0.8 -d -a",
            "-n 1 -M -w 1.5 -a",
            "-m -M -x -2 0 -u -a",
        ] {
            let o = RougeOptions::from_rouge155(flags).unwrap();
            assert_eq!(
                RougeOptions::from_rouge155(&o.to_rouge155()).unwrap(),
                o,
                "{flags}"
            );
        }
        assert_eq!(RougeOptions::default().to_rouge155(), DUC_FLAGS);
    }

    #[test]
    fn no_flags_give_perl_defaults() {
        let parsed = RougeOptions::from_rouge155("-a").unwrap();
        assert_eq!(parsed.metric_names(), ["ROUGE-L"]);
    }

    #[test]
    fn bundled_and_attached_values() {
        let o = RougeOptions::from_rouge155("-amx -n2 -w 1.2 -2 4 -U -b665").unwrap();
        assert!(o.stem && !o.rouge_l);
        assert_eq!(o.limit, Limit::Bytes(665));
        assert_eq!(
            o.metric_names(),
            ["ROUGE-1", "ROUGE-2", "ROUGE-W-1.2", "ROUGE-S4", "ROUGE-SU4"]
        );
    }

    #[test]
    fn bad_flags_are_usage_errors() {
        for bad in [
            "-l 100 -b 665",
            "-q",
            "-n",
            "-n x",
            "-p 2",
            "-f C",
            "-3 HM",
            "config.xml",
            "-r 0",
            "-h",
            "-z SEE",
            "-n 999999",
            "-r 1000000000",
            "-t 2",
            "-H",
        ] {
            let err = RougeOptions::from_rouge155(bad).unwrap_err();
            assert!(matches!(err, Error::Usage(_)), "{bad}");
        }
    }

    #[test]
    fn absurd_values_are_refused_with_the_limit() {
        for (flags, limit) in [("-n 999999", "16"), ("-r 1000000000", "100000")] {
            match RougeOptions::from_rouge155(flags) {
                Err(Error::Usage(msg)) => assert!(msg.contains(limit), "{flags}: {msg}"),
                other => panic!("{flags}: {other:?}"),
            }
        }
        let o = RougeOptions {
            max_n: 1_000_000,
            ..RougeOptions::default()
        };
        assert!(matches!(o.validate(), Err(Error::Usage(_))));
        assert!(RougeOptions::from_rouge155("-n 16 -r 100000").is_ok());
    }
}
