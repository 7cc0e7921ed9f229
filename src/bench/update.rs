//! The DUC 2007 update layout: `<topic>/{A,B,C}/{docs,refs}` (and `<topic>/query.txt`), sets
//! in time order. Each set is a cluster of its own, named `<topic>-A` …; set B is summarised
//! for a reader who has read A, C for one who has read A and B (`bench --no-seen` summarises
//! each set alone), and each is scored against its own references.

use super::{load_cluster, Cluster};
use crate::error::Result;
use std::path::Path;

/// The sets of an update topic, oldest first.
pub const SETS: [&str; 3] = ["A", "B", "C"];

/// Whether `dir` is an update topic (its sets hold `docs/`).
pub fn is_update_topic(dir: &Path) -> bool {
    dir.join(SETS[0]).join("docs").is_dir()
}

/// The sets of the update topic at `dir`, each with the articles of the sets before it as seen.
pub fn load_topic(dir: &Path, name: &str) -> Result<Vec<Cluster>> {
    let query = super::topic::query(dir)?;
    let mut out: Vec<Cluster> = Vec::new();
    let mut seen = Vec::new();
    for set in SETS {
        let path = dir.join(set);
        if !path.join("docs").is_dir() {
            continue;
        }
        let mut cluster = load_cluster(&path, format!("{name}-{set}"))?;
        if cluster.query.is_none() {
            cluster.query = query.clone();
        }
        cluster.seen = seen.clone().into();
        seen.extend(cluster.articles.iter().cloned());
        out.push(cluster);
    }
    Ok(out)
}
