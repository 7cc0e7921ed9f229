//! Durations written as `36h`, `2d`, `1d12h`, `90m`, `1w` (for `--since`).

use chrono::TimeDelta;

/// Parse a duration: one or more `<number><unit>` with unit s, m, h, d or w.
pub fn parse_duration(text: &str) -> Result<TimeDelta, String> {
    let s = text.trim();
    if s.is_empty() {
        return Err("empty duration (write e.g. 36h, 2d, 1d12h)".into());
    }
    let mut total: i64 = 0;
    let mut digits = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit: i64 = match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86_400,
            'w' => 7 * 86_400,
            _ => {
                return Err(format!(
                    "bad duration `{text}`: unknown unit `{c}` (use s, m, h, d or w)"
                ))
            }
        };
        if digits.is_empty() {
            return Err(format!(
                "bad duration `{text}`: a number must come before `{c}`"
            ));
        }
        let n: i64 = digits
            .parse()
            .map_err(|_| format!("bad duration `{text}`: number too large"))?;
        total = n
            .checked_mul(unit)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(|| format!("bad duration `{text}`: too large"))?;
        digits.clear();
    }
    if !digits.is_empty() {
        return Err(format!(
            "bad duration `{text}`: `{digits}` needs a unit (s, m, h, d or w)"
        ));
    }
    // A century is far beyond any sensible window; it also keeps date arithmetic in range.
    if total == 0 || total > 100 * 365 * 86_400 {
        return Err(format!(
            "bad duration `{text}`: must be more than 0 and at most 100 years"
        ));
    }
    Ok(TimeDelta::seconds(total))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_combinations() {
        assert_eq!(parse_duration("36h"), Ok(TimeDelta::hours(36)));
        assert_eq!(parse_duration("2d"), Ok(TimeDelta::days(2)));
        assert_eq!(parse_duration("1d12h"), Ok(TimeDelta::hours(36)));
        assert_eq!(parse_duration("1w"), Ok(TimeDelta::days(7)));
        assert_eq!(parse_duration(" 90m "), Ok(TimeDelta::minutes(90)));
    }

    #[test]
    fn rejects_bad_input() {
        for bad in [
            "",
            "12",
            "h",
            "3x",
            "0d",
            "-1d",
            "999999999999999999999d",
            "1.5h",
        ] {
            assert!(parse_duration(bad).is_err(), "{bad:?} accepted");
        }
    }
}
