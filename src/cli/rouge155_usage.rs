//! The usage `newsdigest rouge155 -h` and `-H` print, on stderr, where ROUGE-1.5.5 prints its
//! own (it `die`s with it, so it exits non-zero; here the exit code is 2, a usage error). The
//! same options as the script's usage, in our words; `-M`, which the script takes but does
//! not list, is listed too.

/// `-h`, and what a command line without a configuration file gets.
pub const SHORT: &str = "\
Usage: newsdigest rouge155 [options] ROUGE-eval-config-file [systemID]
  [-a (all systems)] [-c CF] [-d (per-evaluation scores)] [-e ROUGE_EVAL_HOME]
  [-h (usage)] [-H (detailed usage)] [-b BYTES | -l WORDS] [-m (stem)] [-M (stem models)]
  [-n MAX_N] [-s (remove stopwords)] [-r RESAMPLES] [-2 MAX_GAP (< 0: any gap)]
  [-3 H|HM|HMR|HM1|HMR1|HMR2 (BE)] [-u (skip bigrams with unigrams)] [-U (ROUGE-S and -SU)]
  [-w WEIGHT (ROUGE-W)] [-v (verbose)] [-x (no ROUGE-L)] [-f A|B] [-p ALPHA] [-t 0|1|2]
  [-z SEE|SPL|ISI|SIMPLE]
";

/// `-H`: printed after [`SHORT`], every option explained.
pub const DETAILED: &str = "\
ROUGE-eval-config-file: the evaluation setup, <ROUGE_EVAL> (or <ROUGE-EVAL>) with one <EVAL ID=..>
  per evaluation holding PEER-ROOT, MODEL-ROOT, INPUT-FORMAT TYPE=SPL|SEE, PEERS (<P ID=..>file</P>)
  and MODELS (<M ID=..>file</M>); relative roots resolve against the working directory. With -z,
  a file list instead (see -z).
systemID: the peer to score. Not needed with -a, which scores every peer of the file.
With no option but -a: ROUGE-L only, 95% confidence intervals from 1000 bootstrap resamples, no
stemming, stopwords kept, the models' counts pooled (-f A), recall and precision weighted
equally in F (alpha 0.5), averages taken over evaluations (-t 0).
Options:
  -2 GAP   skip bigrams (ROUGE-S): word pairs with at most GAP words between (GAP < 0: any).
  -u       with -2: add the unigrams (ROUGE-SU).
  -U       with -2: both ROUGE-S and ROUGE-SU, in that order (-u wins if both are given).
  -3 MODE  Basic Elements scoring (H, HM, HMR, HM1, HMR1, HMR2): not supported here (exit 2).
  -a       score every peer of the configuration file.
  -c CF    CF% confidence intervals, 0 <= CF <= 100 (default 95).
  -d       also print every evaluation's scores (under -t 1 and -t 2: its counts).
  -e DIR   ROUGE's data directory: accepted and ignored, the word lists are built in.
  -f A|B   A: pool hits and counts over the models (default); B: keep the best model.
  -h       print the short usage (on stderr, exit 2).
  -H       print this detailed usage (on stderr, exit 2).
  -b N     score only the first N bytes of each summary, peers and models alike.
  -l N     score only the first N words of each summary, peers and models alike.
  -m       stem peers and models (WordNet 2.0 exceptions, else Porter) before counting.
  -M       stem the models only, as ROUGE-1.5.5 does it: not for ROUGE-N, the unigram budgets
           only for ROUGE-W (see newsdigest rouge155 --help).
  -n N     ROUGE-1 up to ROUGE-N.
  -p A     relative weight of precision in F, 0 <= A <= 1 (1: precision only, 0: recall only).
  -r N     number of bootstrap resamples (default 1000); fewer is faster, the interval rougher.
  -s       remove stopwords (the SMART list) from peers and models before counting.
  -t 0|1|2 0: average the evaluations' scores; 1: score the counts summed over all
           evaluations; 2: as 1 but print the summed counts instead of scores.
  -v       verbose: accepted, changes nothing.
  -w W     ROUGE-W: a run of L consecutive matches weighs L^W (typically W = 1.2).
  -x       no ROUGE-L.
  -z FMT   ROUGE-eval-config-file is a file list of FMT (SPL or SEE; ISI and SIMPLE are not
           supported here) summaries: one evaluation a line, 'peer model1 ... modelN', paths
           as written; the one peer is systemID (X if not given; -a does not apply). Given
           an XML file instead, FMT overrides its every INPUT-FORMAT.
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_usages_list_every_option_of_the_script() {
        // getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:')
        for flag in "ahHbcdeflmMnpstr23wuUvxz".chars() {
            let name = format!("-{flag}");
            assert!(
                SHORT.contains(&format!("{name} ")),
                "short usage lacks {name}"
            );
            assert!(
                DETAILED.contains(&format!("  {name} ")),
                "detailed usage lacks {name}"
            );
        }
    }
}
