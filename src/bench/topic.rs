//! Query-focused benchmarks: a cluster folder may hold `query.txt`, the DUC topic statement
//! (first line a title, then the narrative). With `bench --topic-from-query` each cluster is
//! summarised for its own topic; `--topic TEXT` gives every cluster the same one.

use super::{BenchOptions, Cluster};
use crate::config::SummaryConfig;
use crate::error::Result;
use crate::pipeline::RunContext;
use crate::topic::Topic;
use std::path::Path;

/// Which topic the clusters are summarised for.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum TopicMode {
    /// None: generic digests.
    #[default]
    Generic,
    /// The same topic for every cluster.
    Fixed(Topic),
    /// Each cluster's `query.txt` (a cluster without one gets a generic digest).
    FromQuery,
}

/// The topic statement of the cluster at `dir`, if it has one.
pub fn query(dir: &Path) -> Result<Option<Topic>> {
    let path = dir.join("query.txt");
    if !path.is_file() {
        return Ok(None);
    }
    Topic::read(&path).map(Some)
}

/// `config` for one cluster: its topic.
pub fn cluster_config(
    config: &SummaryConfig,
    cluster: &Cluster,
    opts: &BenchOptions,
) -> SummaryConfig {
    let topic = match &opts.topic {
        TopicMode::Generic => None,
        TopicMode::Fixed(t) => Some(t.clone()),
        TopicMode::FromQuery => cluster.query.clone(),
    };
    SummaryConfig {
        topic,
        ..config.clone()
    }
}

/// What one cluster's reader has seen: `--seen`, and (update layout) the earlier sets.
pub fn cluster_context(cluster: &Cluster, opts: &BenchOptions) -> RunContext {
    let mut seen: Vec<crate::read::Article> = opts.seen.to_vec();
    if opts.update_seen {
        seen.extend(cluster.seen.iter().cloned());
    }
    RunContext {
        seen: seen.into(),
        ..Default::default()
    }
}
