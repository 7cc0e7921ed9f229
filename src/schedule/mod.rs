//! schedule: `newsdigest run`, the daily digest as an unattended job (cron, systemd timers).
//!
//! [`config`] resolves one [`RunConfig`] from the [`settings`] layers (defaults, TOML file,
//! flags);
//! [`run::run`] takes the [`lock`], reads the [`state`], works out the [`plan`] (the new
//! articles from the [`sources`], the [`novelty`] window), summarises, writes the outputs named
//! by [`naming`] atomically, then records them and applies [`retention`]. [`check()`] prints the
//! plan instead. [`log`] writes the timestamped lines cron mails and journald keep.

pub mod check;
pub mod config;
pub mod duration;
pub mod hash;
pub mod journal;
pub mod lock;
pub mod log;
pub mod naming;
pub mod novelty;
pub mod plan;
pub mod retention;
pub mod run;
pub mod settings;
pub mod sources;
pub mod state;

pub use check::check;
pub use config::{resolve, Once, RunConfig, Source};
pub use log::{LogFormat, Logger};
pub use run::{run, Outcome};
pub use settings::Settings;

/// Test hook: with `NEWSDIGEST_TEST_PAUSE=point[,point…]` the run stops at those points, says
/// so on stderr and waits for a line on stdin. Tests use it to kill a run, or to hold its lock,
/// at an exact point instead of racing a timer. Unset (always, in real use), it does nothing.
pub(crate) fn test_pause(point: &str) {
    let Some(points) = std::env::var_os("NEWSDIGEST_TEST_PAUSE") else {
        return;
    };
    if points
        .to_string_lossy()
        .split(',')
        .any(|p| p.trim() == point)
    {
        crate::warn_line!("newsdigest: test pause at {point}");
        let mut line = String::new();
        let _ = std::io::stdin().read_line(&mut line);
    }
}
