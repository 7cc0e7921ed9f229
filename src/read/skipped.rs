//! JSON lines or items that are no usable article, gathered by reason: a few are reported one
//! by one, many as one line ("1,000,000 items: no article text …; first at item 1"), so that a
//! huge file of bad items gives a readable warning, not a million of them.

use super::Warning;

/// Reported one by one up to this many per reason; beyond, one summarising line.
const SHOWN: usize = 3;

#[derive(Debug, Default)]
pub struct Skipped {
    reasons: Vec<Reason>,
}

#[derive(Debug)]
struct Reason {
    class: String,
    count: usize,
    /// "line 3" or "item 3", and the full message, of the first few.
    first: Vec<(String, String)>,
}

impl Skipped {
    /// One skipped unit at `location`: `class` groups it, `detail` says it in full.
    pub fn add(&mut self, location: String, class: &str, detail: String) {
        let reason = match self.reasons.iter_mut().position(|r| r.class == class) {
            Some(i) => &mut self.reasons[i],
            None => {
                self.reasons.push(Reason {
                    class: class.to_string(),
                    count: 0,
                    first: Vec::new(),
                });
                self.reasons
                    .last_mut()
                    .unwrap_or_else(|| unreachable!("just pushed"))
            }
        };
        reason.count += 1;
        if reason.first.len() < SHOWN {
            reason.first.push((location, detail));
        }
    }

    /// The warnings to show, for the file `location`.
    pub fn warnings(self, location: &str, unit: &str) -> Vec<Warning> {
        let mut out = Vec::new();
        for r in self.reasons {
            if r.count <= SHOWN {
                for (at, detail) in r.first {
                    out.push(Warning {
                        location: location.to_string(),
                        message: format!("{at}: {detail}; skipped"),
                    });
                }
            } else {
                let first = r
                    .first
                    .first()
                    .map_or("", |(at, _)| at.as_str())
                    .to_string();
                out.push(Warning {
                    location: location.to_string(),
                    message: format!(
                        "{} {unit}s skipped: {}; first at {first}",
                        thousands(r.count),
                        r.class
                    ),
                });
            }
        }
        out
    }
}

/// 1000000 → "1,000,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_are_listed_many_are_summarised() {
        let mut s = Skipped::default();
        for i in 1..=2 {
            s.add(format!("line {i}"), "no text", "no text here".into());
        }
        for i in 1..=1_000_000 {
            s.add(format!("item {i}"), "not an object", "a number".into());
        }
        let w = s.warnings("f.json", "item");
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].message, "line 1: no text here; skipped");
        assert_eq!(
            w[2].message,
            "1,000,000 items skipped: not an object; first at item 1"
        );
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
    }
}
