//! The flags that say how inputs are read, shared by every command that reads articles.

use super::choice::choice;
use crate::error::{Error, Result};
use crate::read::{BadLines, FieldMap, InputFormat, ReadOptions};
use clap::Args;

/// How to read the inputs (flattened into a command's arguments).
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Input format. Default: detected from each file's content, then its extension
    /// (.html/.htm, .xml/.rss/.atom, .jsonl/.json, .md, else text).
    #[arg(long, value_parser = choice::<InputFormat>(), default_value = "auto", value_name = "FORMAT")]
    pub input_format: InputFormat,
    // The help lists the defaults from the lookup itself, so that the two never differ.
    #[arg(long = "field", value_name = "KEY=NAME", help = field_help())]
    pub fields: Vec<String>,
    /// JSONL: a line that is not a usable article is reported with its line number and
    /// skipped, or stops the run (exit code 3).
    #[arg(long, value_parser = choice::<BadLines>(), default_value = "skip", value_name = "WHAT")]
    pub bad_lines: BadLines,
}

/// `--field`'s help, with the field names tried by default.
fn field_help() -> String {
    format!(
        "JSONL: read article attribute KEY from JSON field NAME (repeatable; NAME may be a \
         dotted path such as source.name), instead of the first present of its defaults. KEY is \
         one of text, title, url, date, source. The text is a string or a list of strings \
         (paragraphs); any other value is a bad line. Defaults: {}",
        FieldMap::defaults_line()
    )
}

impl InputArgs {
    /// The reader's options; a malformed `--field` is a usage error.
    pub fn read_options(&self) -> Result<ReadOptions> {
        let mut fields = FieldMap::default();
        for spec in &self.fields {
            let (key, name) = spec.split_once('=').ok_or_else(|| {
                Error::Usage(format!("--field {spec}: expected KEY=NAME, e.g. text=body"))
            })?;
            fields.set(key, name).map_err(Error::Usage)?;
        }
        Ok(ReadOptions {
            format: self.input_format,
            fields,
            bad_lines: self.bad_lines,
            progress: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(fields: &[&str]) -> InputArgs {
        InputArgs {
            input_format: InputFormat::Auto,
            fields: fields.iter().map(|s| s.to_string()).collect(),
            bad_lines: BadLines::Fail,
        }
    }

    #[test]
    fn fields_map_and_bad_specs_are_usage_errors() {
        let o = args(&["text=body", "date=meta.published_at"])
            .read_options()
            .unwrap();
        assert_eq!(o.fields.text, vec!["body"]);
        assert_eq!(o.fields.date, vec!["meta.published_at"]);
        assert_eq!(o.fields.title, FieldMap::default().title);
        assert_eq!(o.bad_lines, BadLines::Fail);
        for bad in ["text", "colour=red", "text="] {
            let e = args(&[bad]).read_options().unwrap_err();
            assert!(matches!(e, Error::Usage(_)), "{bad}: {e}");
        }
    }
}
