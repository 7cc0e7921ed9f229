//! An article's file name, and its day when it carries no publication date: a date stamped in
//! its file name, as wire archives and scrapers name their files ("APW19981017.0151",
//! "2025-03-04-talks.txt").

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

static FILE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d\d)-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])").expect("valid regex")
});

/// The file name of an article id (`path`, `path#N` of a feed item or JSONL line, `-`).
pub fn file_name(id: &str) -> String {
    if id == "-" {
        return "standard input".into();
    }
    std::path::Path::new(id)
        .file_name()
        .map_or_else(|| id.to_string(), |n| n.to_string_lossy().into_owned())
}

/// The first valid date (YYYYMMDD or YYYY-MM-DD) in the file name of `id`.
pub fn from_file_name(id: &str) -> Option<NaiveDate> {
    let name = file_name(id);
    let c = FILE_DATE.captures(&name)?;
    let n = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    NaiveDate::from_ymd_opt(i32::try_from(n(1)?).ok()?, n(2)?, n(3)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_file_names() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            from_file_name("docs/APW19981017.0151.txt"),
            day(1998, 10, 17)
        );
        assert_eq!(from_file_name("2025-03-04-talks.txt"), day(2025, 3, 4));
        assert_eq!(from_file_name("talks.txt"), None);
        assert_eq!(from_file_name("report-19981399.txt"), None);
        assert_eq!(from_file_name("feeds/2025-03-04/talks.txt"), None);
    }
}
