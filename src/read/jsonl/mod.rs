//! JSON Lines exports from scrapers and news APIs: one article object per line.
//!
//! Field names differ between exporters, so each article attribute is looked up under a list
//! of names (first present wins), replaceable per attribute with `--field KEY=NAME`; a name may
//! be a dotted path into nested objects (`source.name` in NewsAPI exports). A whole-file JSON
//! array of objects, or a single object, is read too, and so is an API response wrapping the
//! articles in a list (`{"status": "ok", "articles": [...]}`), a whole file or one a line.

use super::skipped::Skipped;
use super::{fragment, non_empty, parse_date, unix_time, Article, ReadOptions, Warning};
use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset};
use serde_json::Value;
use std::path::Path;

mod fields;
pub use fields::{BadLines, FieldMap, KEYS};

/// Parse JSONL (or a JSON array / single object) into articles; bad lines become warnings or
/// an error, per `opts.bad_lines`.
pub fn parse_jsonl(
    text: &str,
    id: &str,
    path: &Path,
    opts: &ReadOptions,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Article>> {
    let mut reader = Items {
        id,
        path,
        opts,
        articles: Vec::new(),
        skipped: Skipped::default(),
        warnings,
    };
    let trimmed = text.trim_start();
    let unit = if trimmed.starts_with('[') {
        reader.array(text)?;
        "item"
    } else if let Some(value) = whole_object(text, trimmed, path, &opts.fields)? {
        // A single object (a `.json` export, pretty-printed or on one line), maybe wrapping a
        // list.
        match wrapped_list(&value, &opts.fields) {
            Some(items) => {
                for (i, item) in items.iter().enumerate() {
                    reader.item(item, format!("item {}", i + 1), &(i + 1).to_string())?;
                }
            }
            None => reader.item(&value, "item 1".into(), "1")?,
        }
        "item"
    } else {
        reader.lines(text)?;
        "line"
    };
    let location = path.display().to_string();
    reader
        .warnings
        .extend(reader.skipped.warnings(&location, unit));
    Ok(reader.articles)
}

/// The articles read so far from one file, and what was skipped.
struct Items<'a> {
    id: &'a str,
    path: &'a Path,
    opts: &'a ReadOptions,
    articles: Vec<Article>,
    skipped: Skipped,
    warnings: &'a mut Vec<Warning>,
}

impl Items<'_> {
    /// One JSON value at `at` ("line 3", "item 3"), the article `id#n`.
    fn item(&mut self, value: &Value, at: String, n: &str) -> Result<()> {
        match to_article(value, &format!("{}#{n}", self.id), &self.opts.fields) {
            Ok((article, note)) => {
                if let Some(note) = note {
                    self.warnings.push(Warning {
                        location: self.path.display().to_string(),
                        message: format!("{at}: {note}"),
                    });
                }
                self.articles.push(article);
                Ok(())
            }
            Err(why) => self.bad(at, &why.class, why.detail),
        }
    }

    fn bad(&mut self, at: String, class: &str, detail: String) -> Result<()> {
        match self.opts.bad_lines {
            BadLines::Fail => Err(Error::input(self.path, format!("{at}: {detail}"))),
            BadLines::Skip => {
                self.skipped.add(at, class, detail);
                Ok(())
            }
        }
    }

    fn lines(&mut self, text: &str) -> Result<()> {
        for (i, line) in text.split('\n').enumerate() {
            let at = format!("line {}", i + 1);
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Value>(line) {
                // One API response a line (a scraper saving each page it fetched): its items
                // are `#3.1`, `#3.2`… of line 3.
                Ok(value) => match wrapped_list(&value, &self.opts.fields) {
                    Some(items) => {
                        for (j, item) in items.iter().enumerate() {
                            let n = format!("{}.{}", i + 1, j + 1);
                            self.item(item, format!("{at}, item {}", j + 1), &n)?;
                        }
                    }
                    None => self.item(&value, at, &(i + 1).to_string())?,
                },
                Err(e) => {
                    let at = format!("{at}, column {}", e.column());
                    self.bad(
                        at,
                        "invalid JSON",
                        format!("invalid JSON: {}", bare_message(&e)),
                    )?;
                }
            }
        }
        Ok(())
    }

    /// A whole-file array, read one element at a time: memory follows the articles kept, not
    /// the size of the array.
    fn array(&mut self, text: &str) -> Result<()> {
        let mut de = serde_json::Deserializer::from_str(text);
        let mut failure = None;
        serde::Deserializer::deserialize_seq(
            &mut de,
            ArrayVisitor {
                items: self,
                failure: &mut failure,
            },
        )
        .and_then(|()| de.end())
        .map_err(|e| failure.take().unwrap_or_else(|| invalid(self.path, &e)))
    }
}

/// Feeds each element of a JSON array to [`Items::item`] as it is parsed.
struct ArrayVisitor<'r, 'a> {
    items: &'r mut Items<'a>,
    failure: &'r mut Option<Error>,
}

impl<'de> serde::de::Visitor<'de> for ArrayVisitor<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an array of article objects")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut seq: A,
    ) -> std::result::Result<(), A::Error> {
        let mut n = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            n += 1;
            if let Err(e) = self.items.item(&value, format!("item {n}"), &n.to_string()) {
                *self.failure = Some(e);
                return Err(serde::de::Error::custom("stopped"));
            }
        }
        Ok(())
    }
}

/// Invalid JSON, located.
fn invalid(path: &Path, e: &serde_json::Error) -> Error {
    Error::input(
        path,
        format!(
            "line {}, column {}: invalid JSON: {}",
            e.line(),
            e.column(),
            bare_message(e)
        ),
    )
}

/// Why a JSON value is not an article: the class groups many alike, the detail says it.
struct NotAnArticle {
    class: String,
    detail: String,
}

/// An API response wrapping its articles (`{"status": "ok", "articles": [..]}` from NewsAPI,
/// `items`, `results`, `data`...): the first array of objects, when the wrapper itself has no
/// article text; of several, the first whose objects hold text. (A sectioned digest of
/// `summarize --format json` lists its `stories`, which hold no text of their own, beside its
/// `sentences`, which hold every story's sentences once: its sentences are read.)
fn wrapped_list<'v>(value: &'v Value, fields: &FieldMap) -> Option<&'v [Value]> {
    const LIST_NAMES: &[&str] = &[
        "articles", "items", "results", "data", "entries", "posts", "docs", "stories",
    ];
    let object = value.as_object()?;
    if lookup(value, &fields.text).is_some() {
        return None;
    }
    let is_list = |v: &Value| {
        v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_object))
    };
    let named = LIST_NAMES.iter().filter_map(|n| object.get(*n));
    let lists: Vec<&[Value]> = named
        .chain(object.values())
        .filter(|v| is_list(v))
        .filter_map(|v| v.as_array().map(Vec::as_slice))
        .collect();
    let has_text = |list: &&&[Value]| list.iter().any(|o| lookup(o, &fields.text).is_some());
    // None holding text: the first, whose items are then reported as holding no article text.
    lists.iter().find(has_text).or(lists.first()).copied()
}

/// The text as one JSON object: pretty-printed ([`pretty_object`]), or the one line of the
/// file when it wraps a list (an API response saved as it came, `{"status": "ok", "articles":
/// [...]}`), whose articles are then items of the file as in a pretty-printed one.
fn whole_object(
    text: &str,
    trimmed: &str,
    path: &Path,
    fields: &FieldMap,
) -> Result<Option<Value>> {
    if let Some(value) = pretty_object(text, trimmed, path)? {
        return Ok(Some(value));
    }
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let (Some(only), None) = (lines.next(), lines.next()) else {
        return Ok(None);
    };
    Ok(serde_json::from_str::<Value>(only)
        .ok()
        .filter(|v| wrapped_list(v, fields).is_some()))
}

/// Whether the first non-blank line parses as JSON on its own (JSONL), or the object goes on.
fn first_line_is_complete(text: &str) -> bool {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    serde_json::from_str::<Value>(line).is_ok()
}

/// The text as one pretty-printed JSON object, when it is one: it starts with `{` and its first
/// line is not a whole object. A text that does not parse as one document but has later lines
/// that are whole objects is JSONL with a bad first line (`None`: read line by line).
fn pretty_object(text: &str, trimmed: &str, path: &Path) -> Result<Option<Value>> {
    if !trimmed.starts_with('{') || first_line_is_complete(text) {
        return Ok(None);
    }
    match serde_json::from_str(text) {
        Ok(value) => Ok(Some(value)),
        Err(_) if later_lines_are_jsonl(text) => Ok(None),
        Err(e) => Err(invalid(path, &e)),
    }
}

/// Lines looked at after a first line that does not parse on its own.
const JSONL_PROBE_LINES: usize = 20;

/// Whether a line among the next few parses on its own as a JSON object: then the text is
/// JSONL whose first line is bad (skipped or fatal per `--bad-lines`, like any other line), not
/// a pretty-printed object.
fn later_lines_are_jsonl(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .skip(1)
        .take(JSONL_PROBE_LINES)
        .any(|l| l.trim_start().starts_with('{') && serde_json::from_str::<Value>(l).is_ok())
}

/// serde_json's message without its " at line L column C" tail (we give our own location).
fn bare_message(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// One JSON value to an article; `Err` says why it is not one, `Ok((_, Some(note)))` keeps it
/// with a remark (e.g. a date that could not be read).
fn to_article(
    value: &Value,
    id: &str,
    fields: &FieldMap,
) -> std::result::Result<(Article, Option<String>), NotAnArticle> {
    let Value::Object(_) = value else {
        let detail = format!("not a JSON object but {}", kind(value));
        return Err(NotAnArticle {
            class: detail.clone(),
            detail,
        });
    };
    let text = article_text(value, fields)?;
    let (published, note) = published(lookup(value, &fields.date));
    let source = lookup(value, &fields.source)
        .and_then(|v| match v {
            // NewsAPI and similar nest the outlet: {"source": {"id": .., "name": "BBC News"}}.
            Value::Object(o) => o
                .get("name")
                .or_else(|| o.get("title"))
                .and_then(Value::as_str)
                .map(str::to_string),
            other => text_of(other),
        })
        .map(|s| fragment::markup_text(&s))
        .and_then(|s| non_empty(&s));
    Ok((
        Article {
            id: id.to_string(),
            // CMS exports escape titles ("Fire &amp; smoke") and mark them up.
            title: lookup(value, &fields.title)
                .and_then(text_of)
                .and_then(|t| non_empty(&fragment::markup_text(&t))),
            url: lookup(value, &fields.url).and_then(text_of),
            source,
            published,
            text,
        },
        note,
    ))
}

/// The object's article text (HTML fragments reduced to their text), or why it has none. The
/// text is a string, or a list of strings (its paragraphs); a number, a boolean, an object or a
/// list of anything else is a bad line, not text: it is an export whose fields mean something
/// else, which `--field text=NAME` may fix.
fn article_text(value: &Value, fields: &FieldMap) -> std::result::Result<String, NotAnArticle> {
    let field = lookup_named(value, &fields.text);
    if let Some((name, other)) = field.filter(|(_, v)| !is_text(v)) {
        return Err(NotAnArticle {
            class: format!("the text field is {}, not text", kind(other)),
            detail: format!(
                "the text field {name:?} is {}, not text (a string or a list of strings)",
                kind(other)
            ),
        });
    }
    field
        .and_then(|(_, v)| text_of(v))
        .map(|t| {
            if fragment::has_markup(&t) {
                fragment::fragment_text(&t)
            } else {
                t.replace("\r\n", "\n")
            }
        })
        .filter(|t| !t.trim().is_empty())
        .ok_or_else(|| {
            let detail = format!(
                "no article text (looked for field {})",
                fields.text.join(", ")
            );
            NotAnArticle {
                class: detail.clone(),
                detail,
            }
        })
}

/// The publication time of a date field (a Unix time or a date string), with a note when the
/// field is there but not understood.
fn published(field: Option<&Value>) -> (Option<DateTime<FixedOffset>>, Option<String>) {
    match field {
        None | Some(Value::Null) => (None, None),
        Some(Value::Number(n)) => (n.as_i64().and_then(unix_time), None),
        Some(Value::String(s)) => {
            let d = parse_date(s);
            let note = (d.is_none() && !s.trim().is_empty())
                .then(|| format!("date {s:?} not understood; ignored"));
            (d, note)
        }
        Some(other) => (
            None,
            Some(format!("date is {}, not a date; ignored", kind(other))),
        ),
    }
}

/// The first of `names` present (and not null) in `value`; a name may be a dotted path.
fn lookup<'a>(value: &'a Value, names: &[String]) -> Option<&'a Value> {
    lookup_named(value, names).map(|(_, v)| v)
}

/// [`lookup`], with the name found.
fn lookup_named<'a, 'n>(value: &'a Value, names: &'n [String]) -> Option<(&'n str, &'a Value)> {
    names.iter().find_map(|name| {
        let direct = value.get(name.as_str());
        let found = direct.or_else(|| {
            name.split('.')
                .try_fold(value, |v, part| v.get(part))
                .filter(|_| name.contains('.'))
        })?;
        (!found.is_null()).then_some((name.as_str(), found))
    })
}

/// Whether an article text field holds text: a string or a list of strings.
fn is_text(value: &Value) -> bool {
    match value {
        Value::String(_) => true,
        Value::Array(items) => items.iter().all(Value::is_string),
        _ => false,
    }
}

/// A string, a number, or an array of strings (paragraphs) as text.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(text_of).collect();
            (!parts.is_empty()).then(|| parts.join("\n"))
        }
        _ => None,
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, opts: &ReadOptions) -> (Result<Vec<Article>>, Vec<Warning>) {
        let mut w = Vec::new();
        let r = parse_jsonl(text, "f.jsonl", Path::new("f.jsonl"), opts, &mut w);
        (r, w)
    }

    #[test]
    fn defaults_nested_source_and_mapping() {
        let text = "{\"title\":\"T\",\"content\":\"Body one.\",\"url\":\"https://a.example/x\",\
                    \"publishedAt\":\"2025-01-02T03:04:05Z\",\"source\":{\"id\":null,\"name\":\"Wire\"}}\n";
        let (r, w) = run(text, &ReadOptions::default());
        let a = &r.unwrap()[0];
        assert!(w.is_empty());
        assert_eq!(a.id, "f.jsonl#1");
        assert_eq!(a.text, "Body one.");
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert!(a.published.is_some());

        let mut opts = ReadOptions::default();
        opts.fields.set("text", "story.body").unwrap();
        let (r, _) = run("{\"story\":{\"body\":\"Nested.\"},\"text\":\"no\"}", &opts);
        assert_eq!(r.unwrap()[0].text, "Nested.");
        assert!(opts.fields.clone().set("colour", "x").is_err());
    }

    #[test]
    fn bad_lines_are_skipped_or_fatal() {
        let text = "{\"text\":\"One.\"}\n{\"text\": \"Two.\",,}\n\n[1]\n{\"title\":\"no text\"}\n{\"text\":\"Five.\"}\n";
        let (r, w) = run(text, &ReadOptions::default());
        assert_eq!(r.unwrap().len(), 2);
        let msgs: Vec<String> = w.iter().map(|w| w.to_string()).collect();
        assert!(
            msgs[0].starts_with("f.jsonl: line 2, column 17: invalid JSON"),
            "{msgs:?}"
        );
        assert!(msgs[1].contains("line 4: not a JSON object"), "{msgs:?}");
        assert!(msgs[2].contains("line 5: no article text"), "{msgs:?}");
        let opts = ReadOptions {
            bad_lines: BadLines::Fail,
            ..ReadOptions::default()
        };
        let e = run(text, &opts).0.unwrap_err().to_string();
        assert!(
            e.starts_with("f.jsonl: line 2, column 17: invalid JSON"),
            "{e}"
        );
    }

    #[test]
    fn arrays_pretty_objects_and_html_bodies() {
        let (r, _) = run("[\n {\"body\": \"<p>First para.</p><p>Second &amp; last.</p>\"},\n {\"text\": [\"a.\", \"b.\"]}\n]", &ReadOptions::default());
        let r = r.unwrap();
        assert_eq!(r[0].text, "First para.\nSecond & last.");
        assert_eq!(r[1].text, "a.\nb.");
        let (r, _) = run("{\n  \"text\": \"Pretty.\"\n}\n", &ReadOptions::default());
        assert_eq!(r.unwrap()[0].text, "Pretty.");
        let api = "{\n \"status\": \"ok\", \"totalResults\": 2,\n \"articles\": [\n  \
                   {\"content\": \"One.\"}, {\"content\": \"Two.\"}]}";
        let (r, _) = run(api, &ReadOptions::default());
        let r = r.unwrap();
        assert_eq!((r.len(), r[1].id.as_str()), (2, "f.jsonl#2"));
        let e = run("[{\"text\": \"x\"},", &ReadOptions::default())
            .0
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 1, column 15: invalid JSON"), "{e}");
    }

    /// Regression (probe 16: `{"text": 5}` read as the text "5", and `{"text": [1, "b"]}` as
    /// "b", with no bad-line warning).
    #[test]
    fn a_text_field_that_is_no_string_was_read_as_text() {
        let text = "{\"text\": 5}\n{\"text\": true}\n{\"text\": {\"p\": \"x\"}}\n\
                    {\"text\": [1, \"b\"]}\n{\"text\": [\"One.\", \"Two.\"]}\n";
        let (r, w) = run(text, &ReadOptions::default());
        let r = r.unwrap();
        assert_eq!((r.len(), r[0].text.as_str()), (1, "One.\nTwo."));
        let msgs: Vec<String> = w.iter().map(|w| w.to_string()).collect();
        assert!(
            msgs[0].starts_with("f.jsonl: line 1: the text field \"text\" is a number, not text"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].contains("line 2: the text field \"text\" is a boolean"),
            "{msgs:?}"
        );
        assert!(
            msgs[2].contains("line 3: the text field \"text\" is an object"),
            "{msgs:?}"
        );
        assert!(
            msgs[3].contains("line 4: the text field \"text\" is an array"),
            "{msgs:?}"
        );
        let opts = ReadOptions {
            bad_lines: BadLines::Fail,
            ..ReadOptions::default()
        };
        let e = run(text, &opts).0.unwrap_err().to_string();
        assert!(
            e.starts_with("f.jsonl: line 1: the text field \"text\" is a number"),
            "{e}"
        );
    }

    /// Regression (probe 16: a NewsAPI response saved on one line, `{"status": "ok",
    /// "articles": [...]}`, said "line 1: no article text": only a pretty-printed one was
    /// read as the list it wraps).
    #[test]
    fn an_api_response_on_one_line_had_no_article_text() {
        let mut opts = ReadOptions::default();
        opts.fields.set("text", "body").unwrap();
        let one =
            "{\"status\": \"ok\", \"articles\": [{\"body\": \"One.\"}, {\"body\": \"Two.\"}]}\n";
        let (r, w) = run(one, &opts);
        let ids: Vec<String> = r.unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(ids, ["f.jsonl#1", "f.jsonl#2"]);
        assert!(w.is_empty(), "{w:?}");
        // One response a line: each line's items, numbered within it.
        let (r, w) = run(&format!("{one}{one}"), &opts);
        let ids: Vec<String> = r.unwrap().into_iter().map(|a| a.id).collect();
        assert_eq!(
            ids,
            ["f.jsonl#1.1", "f.jsonl#1.2", "f.jsonl#2.1", "f.jsonl#2.2"]
        );
        assert!(w.is_empty(), "{w:?}");
        // A single article on one line is still line 1.
        let (r, _) = run("{\"body\": \"Alone.\"}\n", &opts);
        assert_eq!(r.unwrap()[0].id, "f.jsonl#1");
        let (_, w) = run("{\"status\": \"ok\", \"items\": [{\"x\": 1}, {\"text\": \"no\"}]}\n{\"body\": \"B.\"}\n", &opts);
        assert!(
            w[0].to_string().contains("line 1, item 1: no article text"),
            "{w:?}"
        );
    }

    /// Regression: entities and tags were resolved only in a text that held tags, never in a
    /// title or an outlet ("Fire &amp; smoke" was cited as such, and shown as `&amp;amp;`).
    #[test]
    fn entities_and_tags_resolved_in_every_field() {
        let line = "{\"title\": \"<b>Fire</b> &amp; smoke\", \"source\": \"AT&amp;T News\", \
                    \"text\": \"Firefighters &amp; soldiers battled the blaze.\"}";
        let a = &run(line, &ReadOptions::default()).0.unwrap()[0];
        assert_eq!(a.title.as_deref(), Some("Fire & smoke"));
        assert_eq!(a.source.as_deref(), Some("AT&T News"));
        assert_eq!(a.text, "Firefighters & soldiers battled the blaze.");
        // A bare ampersand is text.
        let a = &run("{\"text\": \"AT&T said so.\"}", &ReadOptions::default())
            .0
            .unwrap()[0];
        assert_eq!(a.text, "AT&T said so.");
    }
}
