//! `newsdigest rouge155`: ROUGE-1.5.5's own command line and configuration file, its own output.
//! An input/output layer over the scorer `eval` uses: the flags are parsed by
//! [`Rouge155Args`](crate::rouge::args::Rouge155Args), the file by [`config_xml`].

// Doc comments here are clap's `--help` text: `[PEER_ID]` is a placeholder, not a link.
#![allow(rustdoc::broken_intra_doc_links)]

use super::rouge155_usage;
use super::CommandResult;
use crate::error::{Error, ExitStatus};
use crate::rouge::args::{Help, Rouge155Args};
use crate::rouge::config_xml::{self, InputFormat};
use crate::rouge::file_list;
use crate::rouge::perl_output::{perl_report, PerlStyle, Printed};
use crate::rouge::{files, Counting, Missing, Scorer};
use clap::{ArgAction, Args};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;

const ROUGE155_HELP: &str = "\
Takes ROUGE-1.5.5's options exactly as the Perl script does (Getopt::Std: bundled switches,
values attached or in the next word, options end at CONFIG), and prints what it prints, byte for
byte, on stdout; its warnings go to stderr.
  -a          all peers of CONFIG (else give PEER_ID)
  -n N        ROUGE-1..N (at most 16)      -x   no ROUGE-L
  -w W        ROUGE-W with weight W        -2 D skip bigrams, gap <= D (-1: any)
  -u / -U     ROUGE-SU / ROUGE-S then -SU (-u wins if both are given)
  -m          Porter stemming (WordNet exceptions first), peers and models
  -M          stem the models only, as the script does: ROUGE-N unstemmed; ROUGE-L and
              ROUGE-S/SU stemmed models against unstemmed peers; ROUGE-W unstemmed words whose
              hits are clipped by stemmed model counts. With -m: everything stemmed until the
              script's first model (first peer's ROUGE-N and its first evaluation after it).
  -s          remove stopwords             -l N / -b N  first N words / bytes
  -f A|B      pool models / best model     -p A alpha of F (0..1)
  -c CF       confidence level (0..100)    -r N bootstrap resamples (1..100000)
  -t 0|1|2    average over evals / over tokens / summed counts (M_count P_count H_count)
  -d          per-evaluation lines (R/P/F; under -t 1 and -t 2 the counts, as the script)
  -z SPL|SEE  CONFIG is the script's file list: one evaluation a line, 'peer model1 model2 ...'
              (paths as written; evaluations 1, 2, ...; the one peer is PEER_ID, else X, -a
              or not). Given an XML CONFIG, -z instead overrides every INPUT-FORMAT.
  -e DIR      accepted, ignored (data is built in)
  -v          accepted, ignored
  -h / -H     ROUGE-1.5.5's short / detailed usage, on stderr, exit 2 (as the script, which
              exits non-zero after printing it); --help prints this text on stdout, exit 0
  -3 (BE) and the ISI/SIMPLE formats are not supported (exit 2).
CONFIG is <ROUGE_EVAL> (or <ROUGE-EVAL>) with EVAL ID=, PEER-ROOT, MODEL-ROOT,
INPUT-FORMAT TYPE=SPL|SEE, PEERS <P ID=..>file</P> and MODELS <M ID=..>file</M>; relative roots
resolve against the working directory.

Example (NIST's DUC 2007 jackknifing run):
  newsdigest rouge155 -e data -n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d rougejk.in

Exit codes: 0 success (also --help), 1 internal error, 2 bad option or configuration file (also
-h, -H and a command line without CONFIG, which print the usage on stderr), 3 input error
(configuration or model file missing, a peer with no summary at all), 5 output could not be
written.";

/// Run ROUGE-1.5.5 command lines: its flags, its XML config, its output.
#[derive(Debug, Args)]
#[command(disable_help_flag = true, after_help = ROUGE155_HELP)]
pub struct Rouge155CliArgs {
    /// Print help (`-h` is ROUGE-1.5.5's own help).
    #[arg(long, action = ArgAction::Help)]
    pub help: Option<bool>,
    /// [ROUGE-1.5.5 options] CONFIG.xml [PEER_ID]
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true,
        num_args = 0..
    )]
    pub args: Vec<String>,
}

pub fn run(args: Rouge155CliArgs) -> CommandResult {
    let cmd = Rouge155Args::parse(&args.args)?;
    // As the script: -H and -h print its usage and stop, before anything is checked.
    if let Some(help) = cmd.help {
        print_help(help);
        return Ok(ExitStatus::Usage);
    }
    let Some(config) = cmd.operands.first() else {
        write_stderr(&format!(
            "newsdigest: rouge155: give the configuration file: [options] CONFIG.xml \
             [PEER_ID]\n{}",
            rouge155_usage::SHORT
        ));
        return Ok(ExitStatus::Usage);
    };
    if let Some(extra) = cmd.operands.get(2) {
        return Err(usage(&format!("unexpected argument '{extra}'")));
    }
    let format = cmd.format.as_deref().map(InputFormat::parse).transpose()?;
    let (evals, peer) = evaluations(&cmd, config, format)?;
    let data = files::read_config_data(&evals, peer, format)?;
    for w in &data.warnings {
        crate::warn_line!("{}", crate::stdio::printable(w));
    }
    if let Some((id, _)) = data.peers.iter().find(|(_, texts)| texts.is_empty()) {
        return Err(Error::Input(format!(
            "{config}: peer '{id}' has no summary in any evaluation"
        )));
    }
    let order = evals.iter().map(|e| e.id.clone()).collect();
    let eval = Scorer::new(&data.refs, &cmd.opts)?
        .in_evaluation_order(order)
        .evaluate(&data.peers)?;
    let no_models: BTreeSet<&str> = eval
        .missing
        .iter()
        .filter(|m| m.missing == Missing::References)
        .map(|m| m.cluster.as_str())
        .collect();
    for id in no_models {
        let id = crate::stdio::printable(id);
        crate::warn_line!("newsdigest: warning: evaluation '{id}' has no model summary: left out");
    }
    crate::output::write_stdout(perl_report(&eval, &perl_style(&cmd)).as_bytes())?;
    Ok(ExitStatus::Success)
}

/// The script's usage, short (`-h`) or with the detailed help (`-H`).
fn print_help(help: Help) {
    match help {
        Help::Detailed => write_stderr(&format!(
            "{}{}",
            rouge155_usage::SHORT,
            rouge155_usage::DETAILED
        )),
        Help::Short => write_stderr(rouge155_usage::SHORT),
    }
}

/// The evaluations of the configuration file `config` (ROUGE's XML, or with `-z` a file list)
/// and the peer to score (`None`: every peer, `-a`).
fn evaluations<'a>(
    cmd: &'a Rouge155Args,
    config: &str,
    format: Option<InputFormat>,
) -> Result<(Vec<config_xml::EvalSpec>, Option<&'a str>), Error> {
    let text = config_xml::read_config_text(Path::new(config))?;
    let bad_config = |e: String| Error::Config(format!("{config}: {e}"));
    Ok(match format {
        // -z with a file list: the script's one peer (given, else X), -a or not.
        Some(format) if file_list::is_file_list(&text) => {
            let peer = cmd.operands.get(1).map_or("X", String::as_str);
            let evals = file_list::parse_file_list(&text, peer, format).map_err(bad_config)?;
            (evals, Some(peer))
        }
        _ => {
            let evals = config_xml::parse_config(&text).map_err(bad_config)?;
            // With -a the script evaluates every peer whatever follows the configuration.
            let peer = match (cmd.all, cmd.operands.get(1)) {
                (true, _) => None,
                (false, Some(peer)) => Some(peer.as_str()),
                (false, None) => {
                    return Err(usage(
                        "give a PEER_ID after CONFIG.xml, or -a for every peer",
                    ))
                }
            };
            (evals, peer)
        }
    })
}

/// How the report is printed: the script's number formats, echoed from its flags.
fn perl_style(cmd: &Rouge155Args) -> PerlStyle<'_> {
    PerlStyle {
        confidence: &cmd.confidence_text,
        weight: cmd.weight_text.as_deref(),
        per_eval: cmd.opts.per_cluster,
        printed: match (cmd.opts.counting, cmd.raw_counts) {
            (_, true) => Printed::RawCounts,
            (Counting::Token, false) => Printed::TokenScores,
            (Counting::Sentence, false) => Printed::Scores,
        },
    }
}

fn usage(msg: &str) -> Error {
    Error::Usage(format!("rouge155: {msg}"))
}

/// Usage text on stderr; if stderr itself is gone there is nowhere left to say so.
fn write_stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes()).and_then(|()| err.flush());
}
