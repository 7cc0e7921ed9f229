//! ROUGE-1.5.5's own report, byte for byte: for each peer and each metric a separator, the
//! averages with their intervals, and with `-d` a dotted line and one line per evaluation.
//!
//! ```text
//! ---------------------------------------------
//! 35 ROUGE-1 Average_R: 0.28958 (95%-conf.int. 0.27516 - 0.30317)
//! 35 ROUGE-1 Average_P: 0.32924 (95%-conf.int. 0.31583 - 0.34312)
//! 35 ROUGE-1 Average_F: 0.30678 (95%-conf.int. 0.29342 - 0.31937)
//! .............................................
//! 35 ROUGE-1 Eval D0703-A.M.100.A-A.35 R:0.35135 P:0.36491 F:0.35800
//! ```

use super::{Estimate, Evaluation, MetricScores};
use std::fmt::Write;

/// How the script prints its own flags back.
#[derive(Debug, Clone)]
pub struct PerlStyle<'a> {
    /// `-c` as given: `95` prints `95%-conf.int.`.
    pub confidence: &'a str,
    /// `-w` as given: `1.2` prints `ROUGE-W-1.2`.
    pub weight: Option<&'a str>,
    /// `-d`: the per-evaluation lines.
    pub per_eval: bool,
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
    // Writing to a String cannot fail.
    let _ = writeln!(out, "{SEPARATOR}");
    for (kind, e) in [("R", &m.recall), ("P", &m.precision), ("F", &m.f)] {
        let _ = writeln!(out, "{peer} {name} Average_{kind}: {}", interval(e, style));
    }
    if style.per_eval {
        let _ = writeln!(out, "{DOTS}");
        // The script's instances are sorted as strings "<eval>.<peer>", not by eval ID alone.
        let mut rows: Vec<(String, _)> = m
            .per_cluster
            .iter()
            .map(|(eval_id, s)| (format!("{eval_id}.{peer}"), s))
            .collect();
        rows.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        for (id, s) in rows {
            let _ = writeln!(
                out,
                "{peer} {name} Eval {id} R:{:.5} P:{:.5} F:{:.5}",
                s.recall, s.precision, s.f
            );
        }
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
}
