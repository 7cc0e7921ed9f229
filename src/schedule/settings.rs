//! The `run` settings as layers: the built-in defaults, then the TOML file (every key
//! documented in `examples/newsdigest.toml`), then the command-line flags. Each key is defined
//! once, in the layer structs below; a later layer's set value wins ([`Settings::over`]).
//! `cli/run.rs` fills a flags layer; [`super::config::resolve`] turns the merged layers into a
//! [`super::RunConfig`].
//!
//! Values are checked while deserialising (the value types below), so the TOML parser's span
//! points at the offending value: errors read `FILE:LINE:COL: KEY: what is wrong`.

use super::log::LogFormat;
use super::naming::NamePattern;
use crate::choice::Choice;
use crate::config::{Method, Order, StoryMode};
use crate::error::{Error, Result};
use crate::read::InputFormat;
use crate::render::OutputFormat;
use chrono::TimeDelta;
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A config file larger than this is refused (a real one is a few kB; this is a wrong path,
/// such as a device).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Where a value was set: the file (its byte span), a flag (its name), or the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    File(Range<usize>),
    Flag(&'static str),
    Default,
}

/// A value with where it was set, for error messages and for relative paths.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    pub fn flag(value: T, flag: &'static str) -> Option<Self> {
        Some(Setting {
            value,
            origin: Origin::Flag(flag),
        })
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Setting<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = toml::Spanned::<T>::deserialize(d)?;
        Ok(Setting {
            origin: Origin::File(s.span()),
            value: s.into_inner(),
        })
    }
}

/// Defines a layer struct (every field an optional [`Setting`]) and its merge.
macro_rules! layer {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident: $ty:ty,)* }) => {
        $(#[$m])*
        #[derive(Debug, Default, Clone, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fm])* pub $field: Option<Setting<$ty>>,)*
        }

        impl $name {
            /// `top`'s set values over `self`'s.
            pub fn over(self, top: Self) -> Self {
                $name { $($field: top.$field.or(self.$field),)* }
            }
        }
    };
}

layer!(
    /// `[sources]`
    SourcesLayer {
        /// Paths and globs; a flag's list replaces the file's.
        inputs: Vec<String>,
        format: Named<InputFormat>,
        max_age: Duration,
    }
);

layer!(
    /// `[output]`
    OutputLayer {
        dir: PathBuf,
        name: Pattern,
        formats: Vec<Named<OutputFormat>>,
        retention_days: u32,
    }
);

layer!(
    /// `[summary]`
    SummaryLayer {
        words: Positive,
        sentences: Positive,
        bytes: Positive,
        method: Named<Method>,
        seed: u64,
        order: Named<Order>,
        embeddings: PathBuf,
        novelty_days: u32,
        topic: String,
        stories: Stories,
        story_words: Positive,
    }
);

layer!(
    /// `[log]`
    LogLayer {
        format: Named<LogFormat>,
        quiet: bool,
    }
);

/// Every setting of a run, as one layer.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub timezone: Option<Setting<Zone>>,
    pub state_dir: Option<Setting<PathBuf>>,
    #[serde(default)]
    pub sources: SourcesLayer,
    #[serde(default)]
    pub output: OutputLayer,
    #[serde(default)]
    pub summary: SummaryLayer,
    #[serde(default)]
    pub log: LogLayer,
}

impl Settings {
    /// `top`'s set values over `self`'s.
    pub fn over(self, top: Settings) -> Settings {
        Settings {
            timezone: top.timezone.or(self.timezone),
            state_dir: top.state_dir.or(self.state_dir),
            sources: self.sources.over(top.sources),
            output: self.output.over(top.output),
            summary: self.summary.over(top.summary),
            log: self.log.over(top.log),
        }
    }

    /// Read a config file into a layer; also returns its text, for error positions.
    pub fn read(path: &Path) -> Result<(Settings, String)> {
        let fail =
            |e: String| Error::Config(format!("cannot read config file {}: {e}", path.display()));
        let bytes = crate::read::read_capped(path, MAX_CONFIG_BYTES, crate::read::Special::Read)
            .map_err(|e| fail(e.to_string()))?;
        let src = String::from_utf8(bytes).map_err(|_| fail("not UTF-8 text".into()))?;
        let settings = toml::from_str(&src)
            .map_err(|e| at(path, &src, e.span(), &in_plain_words(e.message())))?;
        Ok((settings, src))
    }
}

/// serde's expectations in the words of a config file's reader ("expected u32" says nothing to
/// someone editing TOML).
fn in_plain_words(message: &str) -> String {
    const PLAIN: &[(&str, &str)] = &[
        (
            "expected u32",
            "expected a whole number from 0 to 4294967295",
        ),
        (
            "expected u64",
            "expected a whole number from 0 to 18446744073709551615",
        ),
        ("expected usize", "expected a whole number of 0 or more"),
        (
            "expected a sequence",
            "expected a list, such as [\"a\", \"b\"]",
        ),
        ("expected a boolean", "expected true or false"),
    ];
    PLAIN.iter().fold(message.to_string(), |m, (serde, plain)| {
        m.replace(serde, plain)
    })
}

/// Deserialises a `String` and checks it with `parse`.
macro_rules! checked {
    ($(#[$m:meta])* $name:ident($ty:ty) = $parse:expr) => {
        $(#[$m])*
        #[derive(Debug, Clone)]
        pub struct $name(pub $ty);

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $parse(&s).map($name).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// A [`Choice`] written by name.
#[derive(Debug, Clone, Copy)]
pub struct Named<T>(pub T);

impl<'de, T: Choice> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // Checked inside the visitor, so that the parser gives the error this value's own span
        // (an array's bad element at its line, not the array's).
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<T: Choice> serde::de::Visitor<'_> for Visit<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name")
            }
            fn visit_str<E: serde::de::Error>(
                self,
                s: &str,
            ) -> std::result::Result<Self::Value, E> {
                T::parse(s).map(Named).map_err(E::custom)
            }
        }
        d.deserialize_str(Visit(std::marker::PhantomData))
    }
}

checked!(
    /// An IANA time zone name.
    Zone(Tz) = parse_timezone
);
checked!(
    /// A duration such as `36h` or `2d`.
    Duration(TimeDelta) = super::duration::parse_duration
);
checked!(
    /// An output file-name pattern.
    Pattern(NamePattern) = NamePattern::parse
);

/// A count of at least 1.
#[derive(Debug, Clone, Copy)]
pub struct Positive(pub usize);

impl<'de> Deserialize<'de> for Positive {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        // Its own visitor: u32's would say "from 0 to 4294967295" of a value out of range,
        // and 0 is refused.
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Positive;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                write!(f, "a whole number from 1 to {}", u32::MAX)
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> std::result::Result<Positive, E> {
                match u32::try_from(n) {
                    Ok(0) => Err(E::custom("must be at least 1")),
                    Ok(n) => Ok(Positive(n as usize)),
                    Err(_) => Err(E::custom(format!(
                        "`{n}`: expected a whole number from 1 to {}",
                        u32::MAX
                    ))),
                }
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> std::result::Result<Positive, E> {
                self.visit_i64(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        d.deserialize_u32(Visit)
    }
}

/// Sections by story: `"auto"`, `"off"`, or a number of stories (1 or more), as a number or a
/// string.
#[derive(Debug, Clone, Copy)]
pub struct Stories(pub StoryMode);

impl<'de> Deserialize<'de> for Stories {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Stories;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("\"auto\", \"off\" or a number of stories")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> std::result::Result<Stories, E> {
                s.parse().map(Stories).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> std::result::Result<Stories, E> {
                match usize::try_from(n) {
                    Ok(n) if n >= 1 => Ok(Stories(StoryMode::Count(n))),
                    _ => Err(E::custom(format!(
                        "`{n}`: expected auto, off or a number of stories (1 or more)"
                    ))),
                }
            }
        }
        d.deserialize_any(Visit)
    }
}

/// An IANA time zone name such as `Europe/Berlin` or `UTC`.
pub fn parse_timezone(s: &str) -> std::result::Result<Tz, String> {
    s.parse::<Tz>().map_err(|_| {
        format!("unknown time zone `{s}` (use an IANA name such as Europe/Berlin, or UTC)")
    })
}

/// `FILE:LINE:COL: KEY: message`, from the parser's byte span (1-based line and column, the
/// column counted in characters).
pub fn at(path: &Path, src: &str, span: Option<Range<usize>>, msg: &str) -> Error {
    let msg = msg.trim().replace('\n', " ");
    let Some(span) = span else {
        return Error::Config(format!("{}: {msg}", path.display()));
    };
    let mut start = span.start.min(src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    // A span at a line's end (the newline, or the end of the file) belongs to that line.
    let before = &src[..start];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line_no = before.matches('\n').count() + 1;
    let col = before[line_start..].chars().count() + 1;
    let place = format!("{}:{line_no}:{col}", path.display());
    match key_at(src, line_no) {
        Some(key) => Error::Config(format!("{place}: {key}: {msg}")),
        None => Error::Config(format!("{place}: {msg}")),
    }
}

/// The dotted key whose value covers line `line_no` (1-based): the nearest `key =` at or above
/// it (values may span lines), prefixed with the table it sits in.
fn key_at(src: &str, line_no: usize) -> Option<String> {
    let lines: Vec<&str> = src.lines().collect();
    let upto = line_no.min(lines.len());
    let mut key = None;
    for i in (0..upto).rev() {
        let line = lines[i].trim();
        if line.starts_with('[') {
            let table = line.trim_matches(|c| c == '[' || c == ']').trim();
            return Some(match key {
                Some(k) => format!("{table}.{k}"),
                None => table.to_string(),
            });
        }
        if key.is_none() && !line.starts_with('#') {
            if let Some((k, _)) = line.split_once('=') {
                key = Some(k.trim().trim_matches('"').to_string());
            }
        }
    }
    key
}
