//! The benchmark's report as a Markdown table (readable as plain text too).

use super::{BenchReport, METRICS};
use crate::choice::Choice;
use crate::rouge::Estimate;

/// The report as a Markdown table (readable as plain text too): recall in percent with the
/// 95 % bootstrap interval, and the time per cluster.
pub fn render_table(report: &BenchReport) -> String {
    let mut out = format!(
        "{}: {}, {}-word summaries, seed {}, model {}\nROUGE-1.5.5 {} (recall, %, 95 % interval)\n\n",
        report.dataset,
        clusters(report),
        report.words,
        report.seed,
        report.model,
        report.rouge
    );
    let mut rows = vec![vec![
        "method".to_string(),
        "ROUGE-1".to_string(),
        "ROUGE-2".to_string(),
        "ROUGE-SU4".to_string(),
        "words".to_string(),
        "ms/cluster".to_string(),
    ]];
    for m in &report.methods {
        let mut row = vec![m.method.name().to_string()];
        for metric in METRICS {
            row.push(m.recall(metric).map_or_else(|| "-".to_string(), percent));
        }
        row.push(format!("{:.1}", m.mean_words));
        row.push(format!("{:.1}", m.ms_per_cluster));
        rows.push(row);
    }
    out.push_str(&markdown_table(&rows));
    for m in &report.methods {
        for f in &m.failed {
            out.push_str(&format!(
                "\n{}: no summary for {} ({}); scored as empty",
                m.method.name(),
                f.cluster,
                f.reason
            ));
        }
    }
    if report.methods.iter().any(|m| !m.failed.is_empty()) {
        out.push('\n');
    }
    out
}

/// A Markdown table of `rows` (the first is the header), columns padded to one width, the
/// first left-aligned and the others right-aligned.
fn markdown_table(rows: &[Vec<String>]) -> String {
    let Some(header) = rows.first() else {
        return String::new();
    };
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let padded = |r: &[String]| {
        r.iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, &w))| {
                if i == 0 {
                    format!("{c:<w$}")
                } else {
                    format!("{c:>w$}")
                }
            })
            .collect()
    };
    let rule = widths
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            if i == 0 {
                "-".repeat(w)
            } else {
                format!("{}:", "-".repeat(w.saturating_sub(1)))
            }
        })
        .collect();
    let mut out = line(padded(header)) + &line(rule);
    for r in &rows[1..] {
        out.push_str(&line(padded(r)));
    }
    out
}

/// `36.02 (34.90–37.11)`.
fn percent(e: &Estimate) -> String {
    format!(
        "{:.2} ({:.2}–{:.2})",
        e.mean * 100.0,
        e.ci_low * 100.0,
        e.ci_high * 100.0
    )
}

/// "30 clusters", or "28 of 30 clusters scored (2 left out: no reference summary)".
fn clusters(report: &BenchReport) -> String {
    match report.clusters_left_out.len() {
        0 => format!("{} clusters", report.clusters),
        n => format!(
            "{} of {} clusters scored ({n} left out: no reference summary)",
            report.clusters,
            report.clusters + n
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bench::{rouge_flags, MethodReport, MetricRecall};
    use crate::config::Method;
    use std::collections::BTreeMap;

    #[test]
    fn table_has_one_row_per_method() {
        let e = Estimate {
            mean: 0.36021,
            ci_low: 0.349,
            ci_high: 0.37114,
        };
        let report = BenchReport {
            dataset: "toy".into(),
            clusters: 1,
            clusters_left_out: vec![],
            words: 100,
            seed: 42,
            rouge: rouge_flags(100),
            model: "m".into(),
            methods: vec![MethodReport {
                method: Method::Lead,
                metrics: METRICS
                    .iter()
                    .map(|m| MetricRecall {
                        metric: m.to_string(),
                        recall: e,
                    })
                    .collect(),
                ms_per_cluster: 1.25,
                mean_words: 101.0,
                per_cluster: BTreeMap::new(),
                failed: vec![],
            }],
            scoring_ms: 0.0,
        };
        let t = render_table(&report);
        assert!(t.contains("| lead "), "{t}");
        assert!(t.contains("36.02 (34.90–37.11)"), "{t}");
        assert_eq!(t.lines().filter(|l| l.starts_with('|')).count(), 3);
    }

    /// Regression (probe 17): a bench that left clusters without references out did not say
    /// how many it scored.
    #[test]
    fn clusters_left_out_were_not_counted() {
        let report = BenchReport {
            dataset: "toy".into(),
            clusters: 3,
            clusters_left_out: vec!["c4".into(), "c5".into()],
            words: 100,
            seed: 42,
            rouge: rouge_flags(100),
            model: "m".into(),
            methods: vec![],
            scoring_ms: 0.0,
        };
        let t = render_table(&report);
        assert!(
            t.starts_with("toy: 3 of 5 clusters scored (2 left out: no reference summary), "),
            "{t}"
        );
    }
}
