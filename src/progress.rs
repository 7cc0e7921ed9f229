//! progress: a handle the library reports its long steps to (files read, clusters summarised,
//! pipeline stages), drawn as a bar on stderr by the binary, or nothing.
//!
//! The library never decides whether to draw: a [`Progress`] is hidden (every call a no-op)
//! unless the command line made it with [`Progress::on_stderr`], which draws only on a terminal
//! that can redraw a line. Handles are cheap clones of one display, safe to share between
//! threads.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressFinish, ProgressStyle};
use std::borrow::Cow;
use std::io::IsTerminal;
use std::time::Duration;

/// Where progress goes: a bar on stderr, or nowhere (the default).
#[derive(Clone, Default)]
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl std::fmt::Debug for Progress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.is_on() {
            "Progress(on)"
        } else {
            "Progress(off)"
        })
    }
}

impl Progress {
    /// Reports nothing.
    pub fn hidden() -> Self {
        Progress::default()
    }

    /// A bar on stderr, unless `quiet`, stderr is not a terminal (a pipe, a file, cron) or the
    /// terminal is `TERM=dumb` (it cannot redraw a line). Colours follow `NO_COLOR`.
    pub fn on_stderr(quiet: bool) -> Self {
        let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
        if quiet || dumb || !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
            // A display left behind would read as part of the output: clear it when done.
            .with_finish(ProgressFinish::AndClear);
        Progress { bar: Some(bar) }
    }

    /// Whether anything is drawn.
    pub fn is_on(&self) -> bool {
        self.bar.is_some()
    }

    /// Start a stage of `total` steps, e.g. `stage("reading", files.len())`; 0 steps: a count
    /// that is not known in advance (a spinner with the elapsed time).
    pub fn stage(&self, name: impl Into<Cow<'static, str>>, total: usize) {
        let Some(bar) = &self.bar else { return };
        // Length first: every call below may draw the bar.
        bar.disable_steady_tick();
        if total == 0 {
            bar.unset_length();
        } else {
            bar.set_length(total as u64);
        }
        let template = if total == 0 {
            "{spinner} {msg} {elapsed}"
        } else {
            "{msg:>12} [{bar:30.cyan/blue}] {pos}/{len} {elapsed}"
        };
        // The templates are constants: a failure is a bug of this file, so it only loses style.
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(name);
        // Position, clock and a cleared display start over (and the bar is drawn again).
        bar.reset();
        if total == 0 {
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    }

    /// One step of the current stage done.
    pub fn inc(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Take the display off the screen (it comes back at the next [`stage`](Self::stage)).
    pub fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.disable_steady_tick();
            bar.finish_and_clear();
        }
    }

    /// Print `line` on stderr without breaking the display (warnings while reading).
    pub fn eprintln(&self, line: &str) {
        let line = crate::stdio::printable(line);
        match &self.bar {
            Some(bar) => bar.suspend(|| crate::warn_line!("{line}")),
            None => crate::warn_line!("{line}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_progress_is_a_no_op() {
        let p = Progress::hidden();
        assert!(!p.is_on());
        p.stage("reading", 3);
        p.inc();
        p.clear();
        assert_eq!(format!("{p:?}"), "Progress(off)");
    }

    #[test]
    fn quiet_is_always_hidden() {
        assert!(!Progress::on_stderr(true).is_on());
    }
}
