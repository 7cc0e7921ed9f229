//! ROUGE-1.5.5's own report, byte for byte (`printResults`, `printPerEvalData`): for each peer
//! and each metric a separator, the averages with their intervals, and with `-d` a dotted line
//! and one line per evaluation.
//!
//! ```text
//! ---------------------------------------------
//! 35 ROUGE-1 Average_R: 0.28958 (95%-conf.int. 0.27516 - 0.30317)
//! 35 ROUGE-1 Average_P: 0.32924 (95%-conf.int. 0.31583 - 0.34312)
//! 35 ROUGE-1 Average_F: 0.30678 (95%-conf.int. 0.29342 - 0.31937)
//! .............................................
//! 35 ROUGE-1 Eval D0703-A.M.100.A-A.35 R:0.35135 P:0.36491 F:0.35800
//! ```
//!
//! Under `-t 1` and `-t 2` the script keeps per evaluation not R/P/F but the counts (model
//! grams, peer grams, hits), and its `-d` lines print them in those places, as Perl prints
//! numbers (`R:1170 P:1000 F:325`; ROUGE-W's weighted sums with up to 15 significant digits).
//! Under `-t 2` the three average lines are one line of the counts summed over evaluations,
//! truncated to integers: `35 ROUGE-1 M_count: 1170 P_count: 1000 H_count: 325`.

use super::{Estimate, Evaluation, MetricScores};
use std::cmp::Ordering;
use std::fmt::Write;

/// `-t`: what the script prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printed {
    /// `-t 0`: averages of per-evaluation scores; `-d` prints R/P/F.
    Scores,
    /// `-t 1`: averages of summed counts; `-d` prints the counts.
    TokenScores,
    /// `-t 2`: the summed counts; `-d` prints the counts.
    RawCounts,
}

/// How the script prints its own flags back.
#[derive(Debug, Clone)]
pub struct PerlStyle<'a> {
    /// `-c` as given: `95` prints `95%-conf.int.`.
    pub confidence: &'a str,
    /// `-w` as given: `1.2` prints `ROUGE-W-1.2`.
    pub weight: Option<&'a str>,
    /// `-d`: the per-evaluation lines.
    pub per_eval: bool,
    /// `-t`.
    pub printed: Printed,
}

const SEPARATOR: &str = "---------------------------------------------";
const DOTS: &str = ".............................................";

/// The whole report for the systems of `eval`, in their order.
pub fn perl_report(eval: &Evaluation, style: &PerlStyle) -> String {
    let mut out = String::new();
    for system in &eval.systems {
        for metric in &system.metrics {
            metric_block(&mut out, &system.system, metric, style);
        }
    }
    out
}

fn metric_block(out: &mut String, peer: &str, m: &MetricScores, style: &PerlStyle) {
    let name = match (style.weight, m.metric.starts_with("ROUGE-W-")) {
        (Some(w), true) => format!("ROUGE-W-{w}"),
        _ => m.metric.clone(),
    };
    // The script's instances "<eval>.<peer>", sorted as strings (the order it sums them in).
    let mut rows: Vec<(String, _)> = m
        .per_cluster
        .iter()
        .map(|(eval_id, s)| (format!("{eval_id}.{peer}"), s))
        .collect();
    rows.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{SEPARATOR}");
    if style.printed == Printed::RawCounts {
        let sum =
            |f: fn(&super::Counts) -> f64| rows.iter().fold(0.0, |acc, (_, s)| acc + f(&s.counts));
        let _ = writeln!(
            out,
            "{peer} {name} M_count: {} P_count: {} H_count: {}",
            perl_number(sum(|c| c.model).trunc()),
            perl_number(sum(|c| c.peer).trunc()),
            perl_number(sum(|c| c.hits).trunc()),
        );
    } else {
        for (kind, e) in [("R", &m.recall), ("P", &m.precision), ("F", &m.f)] {
            let _ = writeln!(out, "{peer} {name} Average_{kind}: {}", interval(e, style));
        }
    }
    if style.per_eval {
        let _ = writeln!(out, "{DOTS}");
        rows.sort_by(|a, b| by_eval_id(&a.0, &b.0));
        for (id, s) in rows {
            let (r, p, f) = match style.printed {
                Printed::Scores => (
                    format!("{:.5}", s.recall),
                    format!("{:.5}", s.precision),
                    format!("{:.5}", s.f),
                ),
                Printed::TokenScores | Printed::RawCounts => (
                    perl_number(s.counts.model),
                    perl_number(s.counts.peer),
                    perl_number(s.counts.hits),
                ),
            };
            let _ = writeln!(out, "{peer} {name} Eval {id} R:{r} P:{p} F:{f}");
        }
    }
}

/// The order of the script's `-d` lines (`by_evalID`): two instances that both start with
/// digits are compared by that number, any other two as strings. Instances with the same
/// leading number come in Perl's hash order, which changes from run to run; here they are in
/// string order. (The comparison is a total order: a key that does not start with a digit
/// sorts as a string before or after every key that does.)
pub fn by_eval_id(a: &str, b: &str) -> Ordering {
    fn number(s: &str) -> Option<&str> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        (digits > 0).then(|| s[..digits].trim_start_matches('0'))
    }
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x
            .len()
            .cmp(&y.len())
            .then_with(|| x.cmp(y))
            .then_with(|| a.as_bytes().cmp(b.as_bytes())),
        _ => a.as_bytes().cmp(b.as_bytes()),
    }
}

/// A number as Perl prints it: `%.15g` (integers as integers, at most 15 significant digits,
/// no trailing zeros, an exponent below 1e-4 and from 1e15).
pub fn perl_number(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "Inf"
        } else {
            "-Inf"
        }
        .into();
    }
    if x == 0.0 {
        return "0".into();
    }
    let sci = format!("{x:.14e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let trim = |s: &str| {
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s.to_string()
        }
    };
    if !(-4..15).contains(&exp) {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{}e{sign}{:02}", trim(mantissa), exp.abs())
    } else {
        let decimals = usize::try_from(14 - exp).unwrap_or(0);
        trim(&format!("{x:.decimals$}"))
    }
}

fn interval(e: &Estimate, style: &PerlStyle) -> String {
    format!(
        "{:.5} ({}%-conf.int. {:.5} - {:.5})",
        e.mean, style.confidence, e.ci_low, e.ci_high
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rouge::{evaluate, RougeOptions};
    use std::collections::BTreeMap;

    #[test]
    fn blocks_are_the_scripts_and_eval_lines_sort_as_instance_keys() {
        let refs = BTreeMap::from([
            ("X".to_string(), vec!["peace talks resume".to_string()]),
            ("X-A".to_string(), vec!["peace talks".to_string()]),
        ]);
        let texts = BTreeMap::from([
            ("X".to_string(), "peace talks stall".to_string()),
            ("X-A".to_string(), "peace".to_string()),
        ]);
        let opts = RougeOptions::from_rouge155("-n 1 -x -w 1.20 -r 10 -d").unwrap();
        let eval = evaluate(&[("7".to_string(), texts)], &refs, &opts).unwrap();
        let style = PerlStyle {
            confidence: "95",
            weight: Some("1.20"),
            per_eval: true,
            printed: Printed::Scores,
        };
        let text = perl_report(&eval, &style);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], SEPARATOR);
        assert!(
            lines[1].starts_with("7 ROUGE-1 Average_R: "),
            "{}",
            lines[1]
        );
        assert!(lines[1].contains("(95%-conf.int. "), "{}", lines[1]);
        assert_eq!(lines[4], DOTS);
        // "X-A.7" < "X.7" because '-' < '.'.
        assert_eq!(
            lines[5],
            "7 ROUGE-1 Eval X-A.7 R:0.50000 P:1.00000 F:0.66667"
        );
        assert_eq!(lines[6], "7 ROUGE-1 Eval X.7 R:0.66667 P:0.66667 F:0.66667");
        assert!(
            lines[8].starts_with("7 ROUGE-W-1.20 Average_R"),
            "{}",
            lines[8]
        );
        assert_eq!(lines.len(), 14);
        let short = perl_report(
            &eval,
            &PerlStyle {
                per_eval: false,
                ..style
            },
        );
        assert_eq!(short.lines().count(), 8);
    }

    #[test]
    fn eval_lines_sort_by_leading_numbers_as_the_script_does() {
        let mut keys = vec!["10.p", "2.p", "B.p", "1.p", "-x.p", "02b.p", "2a.p", "A.p"];
        keys.sort_by(|a, b| by_eval_id(a, b));
        assert_eq!(
            keys,
            ["-x.p", "1.p", "02b.p", "2.p", "2a.p", "10.p", "A.p", "B.p"]
        );
    }

    #[test]
    fn numbers_print_as_perl_prints_them() {
        for (x, s) in [
            (0.0, "0"),
            (1170.0, "1170"),
            (3.0_f64.powf(1.2), "3.73719281884655"),
            (1.0 / 3.0, "0.333333333333333"),
            (123456789012345.0, "123456789012345"),
            (1e15, "1e+15"),
            (0.0001, "0.0001"),
            (0.00001234, "1.234e-05"),
            (999999999999999.9, "1e+15"),
            (2.5, "2.5"),
        ] {
            assert_eq!(perl_number(x), s, "{x}");
        }
    }

    #[test]
    fn raw_counts_replace_the_averages_and_eval_lines_give_counts() {
        let refs = BTreeMap::from([
            ("2".to_string(), vec!["peace talks resume".to_string()]),
            (
                "10".to_string(),
                vec!["peace talks".to_string(), "talks".to_string()],
            ),
        ]);
        let texts = BTreeMap::from([
            ("2".to_string(), "peace talks stall".to_string()),
            ("10".to_string(), "peace".to_string()),
        ]);
        let opts = RougeOptions::from_rouge155("-n 1 -x -t 1 -r 10 -d").unwrap();
        let eval = evaluate(&[("7".to_string(), texts)], &refs, &opts).unwrap();
        let style = PerlStyle {
            confidence: "95",
            weight: None,
            per_eval: true,
            printed: Printed::RawCounts,
        };
        // Eval 2: 3 model unigrams, 3 peer unigrams, 2 hits; eval 10 (two models, -f A):
        // 2 + 1 model unigrams, 1 + 1 peer unigrams, 1 + 0 hits. "2" comes before "10".
        assert_eq!(
            perl_report(&eval, &style),
            "---------------------------------------------\n\
             7 ROUGE-1 M_count: 6 P_count: 5 H_count: 3\n\
             .............................................\n\
             7 ROUGE-1 Eval 2.7 R:3 P:3 F:2\n\
             7 ROUGE-1 Eval 10.7 R:3 P:2 F:1\n"
        );
        let token = perl_report(
            &eval,
            &PerlStyle {
                printed: Printed::TokenScores,
                ..style
            },
        );
        assert!(token.contains("7 ROUGE-1 Average_R: "), "{token}");
        assert!(
            token.ends_with("7 ROUGE-1 Eval 10.7 R:3 P:2 F:1\n"),
            "{token}"
        );
    }
}
