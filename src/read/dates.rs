//! Publication dates as news sources write them, and the range a date must lie in.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// Parse a publication date as news sources write them: RFC 3339 / ISO 8601 (with or without
/// zone, `T` or space, fractional seconds), RFC 2822 (RSS), a bare date, or Unix seconds or
/// milliseconds. Times without a zone are taken as UTC. A date outside the years 1000–9999 is
/// no date (a feed's "99999" would make a digest dated `+99999`, not RFC 3339).
pub fn parse_date(s: &str) -> Option<DateTime<FixedOffset>> {
    any_date(s).filter(plausible)
}

/// Whether a parsed date has a four-digit year.
pub(crate) fn plausible(d: &DateTime<FixedOffset>) -> bool {
    (1000..=9999).contains(&chrono::Datelike::year(d))
}

fn any_date(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d);
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d);
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d);
        }
    }
    let utc = |n: NaiveDateTime| Some(Utc.from_utc_datetime(&n).fixed_offset());
    let naive = s.trim_end_matches('Z');
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(n) = NaiveDateTime::parse_from_str(naive, fmt) {
            return utc(n);
        }
    }
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%B %d, %Y", "%b %d, %Y", "%d %B %Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return d.and_hms_opt(0, 0, 0).and_then(utc);
        }
    }
    if s.len() >= 9 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        return unix_time(n);
    }
    None
}

/// Unix seconds, or milliseconds when the number is too large to be seconds of this era.
pub(crate) fn unix_time(n: i64) -> Option<DateTime<FixedOffset>> {
    let secs = if n.unsigned_abs() >= 100_000_000_000 {
        n / 1000
    } else {
        n
    };
    DateTime::from_timestamp(secs, 0)
        .map(|d| d.fixed_offset())
        .filter(plausible)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (a feed's "Mon, 01 Dec 99999" dated a digest "+99999", and its JSON
    /// `last_seen` was no RFC 3339 date).
    #[test]
    fn dates_beyond_four_digit_years_were_taken() {
        assert_eq!(parse_date("Mon, 01 Dec 99999 10:00:00 GMT"), None);
        assert_eq!(parse_date("+99999-01-01T00:00:00Z"), None);
        assert_eq!(unix_time(i64::MAX / 1000), None);
        assert!(parse_date("9999-12-31").is_some());
        assert!(parse_date("Mon, 01 Dec 1800 10:00:00 GMT").is_some());
    }

    #[test]
    fn dates_in_the_usual_shapes() {
        let iso = |s: &str| parse_date(s).map(|d| d.to_rfc3339());
        assert_eq!(
            iso("2025-03-04T10:20:30Z").as_deref(),
            Some("2025-03-04T10:20:30+00:00")
        );
        assert_eq!(
            iso("2025-03-04T10:20:30.123+0100").as_deref(),
            Some("2025-03-04T10:20:30.123+01:00")
        );
        assert_eq!(
            iso("Tue, 04 Mar 2025 10:20:30 GMT").as_deref(),
            Some("2025-03-04T10:20:30+00:00")
        );
        assert_eq!(
            iso("2025-03-04 10:20:30").as_deref(),
            Some("2025-03-04T10:20:30+00:00")
        );
        assert_eq!(
            iso("2025-03-04").as_deref(),
            Some("2025-03-04T00:00:00+00:00")
        );
        assert_eq!(
            iso("1741083630").as_deref(),
            Some("2025-03-04T10:20:30+00:00")
        );
        assert_eq!(
            iso("1741083630000").as_deref(),
            Some("2025-03-04T10:20:30+00:00")
        );
        assert_eq!(iso("yesterday"), None);
    }
}
