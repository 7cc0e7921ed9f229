//! schedule: `newsdigest run`, the daily digest as an unattended job (cron, systemd timers).
//!
//! [`config`] resolves one [`RunConfig`] from a TOML file and command-line overrides;
//! [`job::run`] takes the [`lock`], reads the [`state`], selects the new articles from the
//! [`sources`], summarises them (avoiding recent digests' sentences), writes the outputs named
//! by [`naming`] atomically, then records them and applies retention. [`log`] writes the
//! timestamped lines cron mails and journald keep.

pub mod config;
pub mod duration;
pub mod hash;
pub mod job;
pub mod lock;
pub mod log;
pub mod naming;
pub mod sources;
pub mod state;

pub use config::{resolve, Overrides, RunConfig, Source};
pub use job::{check, run, Outcome};
pub use log::{LogFormat, Logger};
