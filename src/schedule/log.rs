//! Logging for unattended runs: one timestamped line per event on stderr, as text or JSON.
//! Colour only when stderr is a terminal (and `NO_COLOR` is unset): cron mails and journald
//! should never see escape codes.

use crate::choice::{named, Choice, Named};
use serde_json::Value;
use std::io::{IsTerminal, Write};

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// `2026-11-23T05:00:01.234Z INFO  message`
    #[default]
    Text,
    /// One JSON object per line: `{"ts":…,"level":…,"msg":…, …fields}`.
    Json,
}

impl Choice for LogFormat {
    const CHOICES: &'static [Named<Self>] = &[
        named(LogFormat::Text, "text", "one timestamped line per event"),
        named(LogFormat::Json, "json", "one JSON object per line"),
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Info,
    Warn,
    Error,
}

impl Level {
    fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warn => "warn",
            Level::Error => "error",
        }
    }
}

/// Writes log lines to stderr.
#[derive(Debug, Clone)]
pub struct Logger {
    format: LogFormat,
    quiet: bool,
    colour: bool,
}

impl Logger {
    /// `quiet` keeps warnings and errors only.
    pub fn new(format: LogFormat, quiet: bool) -> Self {
        let colour = format == LogFormat::Text
            && std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none();
        Logger {
            format,
            quiet,
            colour,
        }
    }

    pub fn info(&self, msg: &str, fields: &[(&str, Value)]) {
        self.log(Level::Info, msg, fields);
    }

    pub fn warn(&self, msg: &str, fields: &[(&str, Value)]) {
        self.log(Level::Warn, msg, fields);
    }

    pub fn error(&self, msg: &str, fields: &[(&str, Value)]) {
        self.log(Level::Error, msg, fields);
    }

    pub fn log(&self, level: Level, msg: &str, fields: &[(&str, Value)]) {
        if self.quiet && level == Level::Info {
            return;
        }
        let line = self.format_line(&timestamp(), level, msg, fields);
        // A closed stderr must not abort the run: the digest matters more than its log.
        let _ = std::io::stderr().lock().write_all(line.as_bytes());
    }

    fn format_line(&self, ts: &str, level: Level, msg: &str, fields: &[(&str, Value)]) -> String {
        match self.format {
            LogFormat::Json => {
                // ts, level and msg first (a map would sort them), then the fields.
                let mut line = format!(
                    "{{\"ts\":{},\"level\":{},\"msg\":{}",
                    Value::from(ts),
                    Value::from(level.name()),
                    Value::from(msg)
                );
                for (k, v) in fields {
                    if !matches!(*k, "ts" | "level" | "msg") {
                        line.push_str(&format!(",{}:{v}", Value::from(*k)));
                    }
                }
                line.push_str("}\n");
                line
            }
            LogFormat::Text => {
                let name = level.name().to_ascii_uppercase();
                let name = if self.colour {
                    let code = match level {
                        Level::Info => "32",
                        Level::Warn => "33",
                        Level::Error => "31",
                    };
                    format!("\x1b[{code}m{name:<5}\x1b[0m")
                } else {
                    format!("{name:<5}")
                };
                // Messages are one line each, whatever the error text held, and a file name's
                // control characters (a terminal escape) are shown escaped, never sent.
                let msg = crate::stdio::printable(&msg.replace(['\n', '\r'], " "));
                format!("{ts} {name} {msg}\n")
            }
        }
    }
}

fn timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_are_plain_and_single() {
        let log = Logger {
            format: LogFormat::Text,
            quiet: false,
            colour: false,
        };
        let line = log.format_line("T", Level::Warn, "a\nb", &[("n", Value::from(3))]);
        assert_eq!(line, "T WARN  a b\n");
    }

    #[test]
    fn json_lines_carry_fields() {
        let log = Logger {
            format: LogFormat::Json,
            quiet: false,
            colour: false,
        };
        let line = log.format_line("T", Level::Info, "done", &[("n", Value::from(3))]);
        let v: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["level"], "info");
        assert_eq!(v["msg"], "done");
        assert_eq!(v["n"], 3);
        assert!(line.starts_with("{\"ts\":\"T\",\"level\":\"info\",\"msg\":\"done\""));
        assert!(line.ends_with("}\n"));
    }
}
