//! Closed sets of named values (methods, formats, …), spelled the same on the command line, in
//! the configuration file and in JSON. The library owns the names; the CLI and the config
//! reader only look them up, so neither clap nor a file format reaches the library's types.

/// One value of a [`Choice`] with its spelling.
#[derive(Debug, Clone, Copy)]
pub struct Named<T: 'static> {
    pub value: T,
    pub name: &'static str,
    /// Other accepted spellings.
    pub aliases: &'static [&'static str],
    /// One line for `--help`.
    pub help: &'static str,
}

/// A type whose values are chosen by name.
pub trait Choice: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order `--help` lists them.
    const CHOICES: &'static [Named<Self>];

    /// The canonical name.
    fn name(self) -> &'static str {
        Self::CHOICES
            .iter()
            .find(|c| c.value == self)
            .map_or("", |c| c.name)
    }

    /// The value named `s` (any case, aliases too); the error lists the valid names.
    fn parse(s: &str) -> Result<Self, String> {
        Self::CHOICES
            .iter()
            .find(|c| {
                c.name.eq_ignore_ascii_case(s)
                    || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(s))
            })
            .map(|c| c.value)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::CHOICES.iter().map(|c| c.name).collect();
                format!(
                    "unknown value `{s}` (expected one of: {})",
                    names.join(", ")
                )
            })
    }
}

/// Shorthand for a [`Named`] entry without aliases.
pub const fn named<T>(value: T, name: &'static str, help: &'static str) -> Named<T> {
    Named {
        value,
        name,
        aliases: &[],
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Colour {
        Red,
        Blue,
    }

    impl Choice for Colour {
        const CHOICES: &'static [Named<Self>] = &[
            named(Colour::Red, "red", "warm"),
            Named {
                value: Colour::Blue,
                name: "blue",
                aliases: &["azure"],
                help: "cold",
            },
        ];
    }

    #[test]
    fn names_aliases_and_errors() {
        assert_eq!(Colour::Blue.name(), "blue");
        assert_eq!(Colour::parse("RED"), Ok(Colour::Red));
        assert_eq!(Colour::parse("azure"), Ok(Colour::Blue));
        assert_eq!(
            Colour::parse("green"),
            Err("unknown value `green` (expected one of: red, blue)".into())
        );
    }
}
