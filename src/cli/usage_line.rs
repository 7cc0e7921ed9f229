//! clap's usage errors, folded into the one line every other error gets.
//!
//! clap renders an error as a paragraph: the message, indented details, tips, the usage and a
//! pointer to `--help`. A cron log or a script reading stderr wants one line, so the message,
//! its details and its tips are joined, and the usage becomes the `--help` to try.

/// One line from clap's rendered (plain) error text.
pub fn fold(rendered: &str) -> String {
    let mut lines = rendered.lines().map(str::trim_end);
    let first = lines.next().unwrap_or_default();
    let mut message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    let mut tips = Vec::new();
    let mut command = None;
    let mut in_details = true;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            in_details = false;
        } else if let Some(tip) = trimmed.strip_prefix("tip: ") {
            tips.push(tip);
        } else if let Some(usage) = trimmed.strip_prefix("Usage: ") {
            command = Some(command_words(usage));
        } else if in_details {
            let joint = if message.ends_with(':') || trimmed.starts_with('[') {
                " "
            } else {
                "; "
            };
            message.push_str(joint);
            message.push_str(trimmed);
        }
    }
    if !tips.is_empty() {
        message.push_str(&format!(" (tip: {})", tips.join("; ")));
    }
    match command {
        Some(command) if !command.is_empty() => format!("{message}; see '{command} --help'"),
        _ => message,
    }
}

/// The command words of a usage line: `newsdigest summarize [OPTIONS] <INPUT>...` → the first two.
fn command_words(usage: &str) -> String {
    usage
        .split_whitespace()
        .take_while(|w| !w.starts_with(['[', '<', '-']))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn an_unknown_flag_keeps_its_tip_and_names_the_subcommand_help() {
        let rendered = "error: unexpected argument '--foo' found\n\n  tip: to pass '--foo' as a \
                        value, use '-- --foo'\n\nUsage: newsdigest summarize [OPTIONS] \
                        <INPUT>...\n\nFor more information, try '--help'.\n";
        assert_eq!(
            fold(rendered),
            "unexpected argument '--foo' found (tip: to pass '--foo' as a value, use '-- --foo'); \
             see 'newsdigest summarize --help'"
        );
    }

    #[test]
    fn a_list_after_a_colon_joins_the_message() {
        let rendered = "error: the following required arguments were not provided:\n  \
                        <INPUT>...\n\nUsage: newsdigest summarize <INPUT>...\n\nFor more \
                        information, try '--help'.\n";
        assert_eq!(
            fold(rendered),
            "the following required arguments were not provided: <INPUT>...; see 'newsdigest \
             summarize --help'"
        );
    }

    #[test]
    fn possible_values_stay_and_no_usage_means_no_pointer() {
        let rendered = "error: invalid value 'xx' for '--format <FORMAT>'\n  [possible values: \
                        text, json]\n\nFor more information, try '--help'.\n";
        assert_eq!(
            fold(rendered),
            "invalid value 'xx' for '--format <FORMAT>' [possible values: text, json]"
        );
    }

    #[test]
    fn every_folded_error_is_one_line() {
        for rendered in [
            "",
            "error: x\n\n\n",
            "error: a:\n  b\n  c\n\nUsage: n <C>\n",
        ] {
            assert!(!fold(rendered).contains('\n'), "{rendered:?}");
        }
    }
}
