//! Rendering an [`Evaluation`]: a readable table, JSON, or CSV
//! (`system,metric,cluster,recall,precision,f`, cluster `ALL` for the averages).

use super::{Estimate, Evaluation, Missing, MissingCluster};
use serde::Serialize;

/// The figures to a fixed 5 decimals, as ROUGE-1.5.5 prints them.
fn fixed(x: f64) -> String {
    format!("{x:.5}")
}

fn with_ci(e: &Estimate) -> String {
    format!(
        "{} ({} - {})",
        fixed(e.mean),
        fixed(e.ci_low),
        fixed(e.ci_high)
    )
}

/// Left-aligned columns separated by two spaces.
fn columns(rows: &[Vec<String>]) -> String {
    let widths: Vec<usize> = (0..rows.first().map_or(0, Vec::len))
        .map(|c| rows.iter().map(|r| r[c].len()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The readable table: averages with their confidence intervals, then (on request) every
/// cluster's scores.
pub fn table(eval: &Evaluation, flags: &str, confidence: f64, per_cluster: bool) -> String {
    let mut out = format!("ROUGE-1.5.5 {flags}\n\n");
    let ci = format!("{confidence}%-conf.int.");
    let mut rows = vec![vec![
        "system".to_string(),
        "metric".into(),
        "clusters".into(),
        format!("recall ({ci})"),
        "precision".into(),
        "f".into(),
    ]];
    for s in &eval.systems {
        for m in &s.metrics {
            rows.push(vec![
                s.system.clone(),
                m.metric.clone(),
                s.clusters.to_string(),
                with_ci(&m.recall),
                with_ci(&m.precision),
                with_ci(&m.f),
            ]);
        }
    }
    out.push_str(&columns(&rows));
    if per_cluster {
        let mut rows = vec![vec![
            "system".to_string(),
            "metric".into(),
            "cluster".into(),
            "recall".into(),
            "precision".into(),
            "f".into(),
        ]];
        for s in &eval.systems {
            for m in &s.metrics {
                for (cluster, c) in &m.per_cluster {
                    rows.push(vec![
                        s.system.clone(),
                        m.metric.clone(),
                        cluster.clone(),
                        fixed(c.recall),
                        fixed(c.precision),
                        fixed(c.f),
                    ]);
                }
            }
        }
        out.push('\n');
        out.push_str(&columns(&rows));
    }
    out
}

/// One CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV with the header `system,metric,cluster,recall,precision,f`; averages have cluster `ALL`.
pub fn csv(eval: &Evaluation, per_cluster: bool) -> String {
    let mut out = String::from("system,metric,cluster,recall,precision,f\n");
    let mut row = |system: &str, metric: &str, cluster: &str, r: f64, p: f64, f: f64| {
        out.push_str(&format!(
            "{},{},{},{},{},{}\n",
            csv_field(system),
            csv_field(metric),
            csv_field(cluster),
            fixed(r),
            fixed(p),
            fixed(f)
        ));
    };
    for s in &eval.systems {
        for m in &s.metrics {
            row(
                &s.system,
                &m.metric,
                "ALL",
                m.recall.mean,
                m.precision.mean,
                m.f.mean,
            );
            if per_cluster {
                for (cluster, c) in &m.per_cluster {
                    row(&s.system, &m.metric, cluster, c.recall, c.precision, c.f);
                }
            }
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    rouge155_flags: &'a str,
    #[serde(flatten)]
    evaluation: &'a Evaluation,
}

/// JSON: the flags, metric names, each system's averages with intervals (and per-cluster scores
/// on request), and the missing clusters.
pub fn json(eval: &Evaluation, flags: &str, per_cluster: bool) -> String {
    let mut trimmed;
    let evaluation = if per_cluster {
        eval
    } else {
        trimmed = eval.clone();
        for s in &mut trimmed.systems {
            for m in &mut s.metrics {
                m.per_cluster.clear();
            }
        }
        &trimmed
    };
    let report = JsonReport {
        rouge155_flags: flags,
        evaluation,
    };
    // Serialising plain structs of strings and finite numbers cannot fail.
    let mut text = serde_json::to_string_pretty(&report).unwrap_or_default();
    text.push('\n');
    text
}

/// One line per missing cluster, for stderr.
pub fn missing_line(m: &MissingCluster) -> String {
    match m.missing {
        Missing::Summary => format!(
            "system '{}' has no summary for cluster '{}': cluster left out of its scores",
            m.system, m.cluster
        ),
        Missing::References => format!(
            "cluster '{}' has no reference summary: left out of system '{}'",
            m.cluster, m.system
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rouge::{evaluate, RougeOptions};
    use std::collections::BTreeMap;

    fn small() -> Evaluation {
        let refs = BTreeMap::from([("c1".to_string(), vec!["peace talks resume".to_string()])]);
        let sys = BTreeMap::from([("c1".to_string(), "peace talks stall".to_string())]);
        let opts = RougeOptions::from_rouge155("-n 1 -r 10").unwrap();
        evaluate(&[("a,b".to_string(), sys)], &refs, &opts).unwrap()
    }

    #[test]
    fn csv_rows_and_quoting() {
        let text = csv(&small(), true);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "system,metric,cluster,recall,precision,f");
        assert_eq!(lines[1], "\"a,b\",ROUGE-1,ALL,0.66667,0.66667,0.66667");
        assert_eq!(lines[2], "\"a,b\",ROUGE-1,c1,0.66667,0.66667,0.66667");
        assert_eq!(lines[3], "\"a,b\",ROUGE-L,ALL,0.66667,0.66667,0.66667");
    }

    #[test]
    fn json_omits_clusters_unless_asked() {
        let v: serde_json::Value = serde_json::from_str(&json(&small(), "-n 1", false)).unwrap();
        assert_eq!(v["rouge155_flags"], "-n 1");
        assert!(v["systems"][0]["metrics"][0]["per_cluster"]
            .as_object()
            .unwrap()
            .is_empty());
        let v: serde_json::Value = serde_json::from_str(&json(&small(), "-n 1", true)).unwrap();
        assert_eq!(
            v["systems"][0]["metrics"][0]["per_cluster"]["c1"]["recall"],
            0.66667
        );
    }
}
