//! ROUGE-1.5.5's command line taken apart the way the script's `Getopt::Std` does
//! (`getopts('ahHb:c:de:f:l:mMn:p:st:r:2:3:w:uUvxz:')`): into [`RougeOptions`], and into what
//! only `newsdigest rouge155` needs (which peers, the input format, help, how to print).

use super::options::{parse, usage, Counting, Limit, RougeOptions, Scoring, SkipUnigrams};
use crate::error::{Error, Result};

/// `-h` (the short usage) or `-H` (every option explained).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Help {
    Short,
    Detailed,
}

/// A ROUGE-1.5.5 command line: bundled switches (`-amx`), values attached or in the next word
/// (`-n4`, `-n 4`, `-2 -1`), and options ending at the first word that is not one (or at
/// `--`); what follows are the operands (`CONFIG [PEER_ID]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Rouge155Args {
    pub opts: RougeOptions,
    /// `-a`: every peer of the configuration.
    pub all: bool,
    /// `-h` / `-H`; `-H` wins, as in the script, and either wins over any bad value (the script
    /// prints its usage before it checks them).
    pub help: Option<Help>,
    /// `-z FORMAT` as given.
    pub format: Option<String>,
    /// `-c` as given (the script prints it verbatim in `95%-conf.int.`).
    pub confidence_text: String,
    /// `-w` as given (printed verbatim in `ROUGE-W-1.2`).
    pub weight_text: Option<String>,
    /// `-t 2`: the scores are those of `-t 1` (counts summed over evaluations), but the script
    /// prints the summed counts instead of averages.
    pub raw_counts: bool,
    pub operands: Vec<String>,
}

impl Rouge155Args {
    /// Parse the words of a ROUGE-1.5.5 command line (without the script name).
    pub fn parse<S: AsRef<str>>(args: &[S]) -> Result<Self> {
        let mut p = Parsing::new();
        let mut i = 0;
        'words: while i < args.len() {
            let arg = args[i].as_ref();
            i += 1;
            if arg == "--" {
                break;
            }
            let Some(cluster) = arg.strip_prefix('-').filter(|c| !c.is_empty()) else {
                i -= 1;
                break;
            };
            for (pos, flag) in cluster.char_indices() {
                if !"bceflnprtwz23".contains(flag) {
                    p.switch(flag);
                    continue;
                }
                // A flag with a value takes the rest of this word, else the next word.
                let rest = &cluster[pos + flag.len_utf8()..];
                let value = if !rest.is_empty() {
                    rest
                } else if i < args.len() {
                    i += 1;
                    args[i - 1].as_ref()
                } else {
                    keep_first(&mut p.error, Err(usage(format!("-{flag} needs a value"))));
                    break 'words;
                };
                p.valued(flag, value);
                break;
            }
        }
        p.cmd.operands = args[i..].iter().map(|a| a.as_ref().to_string()).collect();
        p.finish()
    }
}

/// What the flags read so far have set, and the first bad flag or value (reported unless
/// -h/-H asks for the usage).
struct Parsing {
    cmd: Rouge155Args,
    error: Option<Error>,
    words: bool,
    bytes: bool,
    su: bool,
    s_and_su: bool,
}

impl Parsing {
    fn new() -> Self {
        Parsing {
            cmd: Rouge155Args {
                opts: RougeOptions::perl_defaults(),
                all: false,
                help: None,
                format: None,
                confidence_text: "95".into(),
                weight_text: None,
                raw_counts: false,
                operands: Vec::new(),
            },
            error: None,
            words: false,
            bytes: false,
            su: false,
            s_and_su: false,
        }
    }

    /// A flag without a value.
    fn switch(&mut self, flag: char) {
        match flag {
            'a' => self.cmd.all = true,
            'h' => {
                self.cmd.help.get_or_insert(Help::Short);
            }
            'H' => self.cmd.help = Some(Help::Detailed),
            'u' => self.su = true,
            'U' => self.s_and_su = true,
            _ => keep_first(&mut self.error, switch(&mut self.cmd.opts, flag)),
        }
    }

    /// A flag and its value.
    fn valued(&mut self, flag: char, value: &str) {
        let cmd = &mut self.cmd;
        match flag {
            'l' => self.words = true,
            'b' => self.bytes = true,
            'c' => cmd.confidence_text = value.to_string(),
            'w' => cmd.weight_text = Some(value.to_string()),
            'z' => cmd.format = Some(value.to_string()),
            't' => {
                // `$opt_t==1` / `==2`, numerically; anything else is -t 0.
                let t = perl_number(value);
                cmd.raw_counts = t == 2.0;
                cmd.opts.counting = if t == 1.0 || t == 2.0 {
                    Counting::Token
                } else {
                    Counting::Sentence
                };
                return;
            }
            _ => {}
        }
        keep_first(&mut self.error, valued(&mut cmd.opts, flag, value));
    }

    fn finish(self) -> Result<Rouge155Args> {
        let mut cmd = self.cmd;
        // The script tests -u first: -u with -U is ROUGE-SU alone.
        cmd.opts.skip_unigrams = match (self.su, self.s_and_su) {
            (true, _) => SkipUnigrams::Yes,
            (false, true) => SkipUnigrams::Both,
            (false, false) => SkipUnigrams::No,
        };
        if cmd.help.is_some() {
            return Ok(cmd);
        }
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.words && self.bytes {
            return Err(usage("give -l or -b, not both".into()));
        }
        cmd.opts.validate()?;
        Ok(cmd)
    }
}

fn keep_first(first: &mut Option<Error>, result: Result<()>) {
    if let Err(e) = result {
        first.get_or_insert(e);
    }
}

/// A switch without a value (`-a`, `-h`, `-H`, `-u` and `-U` are the parser's).
fn switch(opts: &mut RougeOptions, flag: char) -> Result<()> {
    match flag {
        'v' => {}
        'd' => opts.per_cluster = true,
        'm' => opts.stem = true,
        'M' => opts.stem_models = true,
        's' => opts.remove_stopwords = true,
        'x' => opts.rouge_l = false,
        other => return Err(usage(format!("unknown flag -{other}"))),
    }
    Ok(())
}

/// A flag with a value but `-t` (`-c`, `-w` and `-z` are also kept as given by the parser).
fn valued(opts: &mut RougeOptions, flag: char, value: &str) -> Result<()> {
    match flag {
        'n' => opts.max_n = parse(flag, value)?,
        'r' => opts.resamples = parse(flag, value)?,
        'l' => opts.limit = Limit::Words(parse(flag, value)?),
        'b' => opts.limit = Limit::Bytes(parse(flag, value)?),
        'w' => {
            // Its range is checked with the others, in `RougeOptions::validate`.
            opts.wlcs_weight = Some(parse(flag, value)?);
        }
        '2' => opts.skip_distance = Some(parse(flag, value)?),
        'p' => {
            let a: f64 = parse(flag, value)?;
            if !(0.0..=1.0).contains(&a) {
                return Err(usage("alpha (-p) must be between 0 and 1".into()));
            }
            opts.alpha = a;
        }
        'c' => {
            let c: f64 = parse(flag, value)?;
            if !(0.0..=100.0).contains(&c) {
                return Err(usage("confidence (-c) must be between 0 and 100".into()));
            }
            opts.confidence = c;
        }
        'f' => {
            opts.scoring = match value {
                "A" => Scoring::Average,
                "B" => Scoring::Best,
                _ => return Err(usage(format!("-f takes A or B, not '{value}'"))),
            }
        }
        // The data files -e points to are built in; -z is read by the parser.
        'e' | 'z' => {}
        '3' => return Err(usage("-3 (Basic Elements) is not supported".into())),
        other => return Err(usage(format!("unknown flag -{other}"))),
    }
    Ok(())
}

/// A string used as a number, as Perl reads it: leading whitespace, then the longest decimal
/// prefix (`"2"`, `"2.0"`, `" 2abc"`, `"2e0"` are 2; `"x"` and `""` are 0).
fn perl_number(s: &str) -> f64 {
    let s = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    let b = s.as_bytes();
    let digits = |mut k: usize| {
        while b.get(k).is_some_and(u8::is_ascii_digit) {
            k += 1;
        }
        k
    };
    let mut end = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let int_end = digits(end);
    let mut mantissa = int_end > end;
    end = int_end;
    if b.get(end) == Some(&b'.') {
        let frac_end = digits(end + 1);
        if mantissa || frac_end > end + 1 {
            mantissa = true;
            end = frac_end;
        }
    }
    if !mantissa {
        return 0.0;
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(b.get(end + 1), Some(b'+' | b'-')));
        let exp_end = digits(end + 1 + sign);
        if exp_end > end + 1 + sign {
            end = exp_end;
        }
    }
    s[..end].parse().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> Rouge155Args {
        let words: Vec<&str> = line.split_whitespace().collect();
        Rouge155Args::parse(&words).unwrap()
    }

    #[test]
    fn command_lines_split_into_options_and_operands() {
        let cmd = parsed(
            "-e /data -n 4 -w 1.20 -m -2 4 -u -c 95.0 -r 1000 -f A -p 0.5 -t 0 -a -d \
             rougejk.in -x 35",
        );
        assert!(cmd.all && cmd.help.is_none() && !cmd.raw_counts);
        assert!(
            cmd.opts.rouge_l,
            "-x after the config file is an operand, as in Getopt::Std"
        );
        assert_eq!(cmd.operands, ["rougejk.in", "-x", "35"]);
        assert_eq!(cmd.confidence_text, "95.0");
        assert_eq!(cmd.weight_text.as_deref(), Some("1.20"));
        assert_eq!(
            cmd.opts.metric_names(),
            [
                "ROUGE-1",
                "ROUGE-2",
                "ROUGE-3",
                "ROUGE-4",
                "ROUGE-L",
                "ROUGE-W-1.2",
                "ROUGE-SU4"
            ]
        );
        let cmd = Rouge155Args::parse(&["-z", "SEE", "--", "-conf.xml"]).unwrap();
        assert_eq!(cmd.format.as_deref(), Some("SEE"));
        assert_eq!(cmd.operands, ["-conf.xml"]);
    }

    #[test]
    fn u_wins_over_capital_u_whatever_their_order() {
        for line in ["-2 4 -u -U", "-2 4 -U -u", "-2 4 -uU"] {
            assert_eq!(parsed(line).opts.metric_names(), ["ROUGE-L", "ROUGE-SU4"]);
        }
        assert_eq!(
            parsed("-x -2 4 -U").opts.metric_names(),
            ["ROUGE-S4", "ROUGE-SU4"]
        );
        assert_eq!(
            parsed("-x -2 -1 -U").opts.metric_names(),
            ["ROUGE-S*", "ROUGE-SU*"]
        );
        // Without -2 there are no skip bigrams at all.
        assert_eq!(parsed("-x -U -n 1").opts.metric_names(), ["ROUGE-1"]);
    }

    #[test]
    fn t_is_compared_as_a_number() {
        for (value, counting, raw) in [
            ("0", Counting::Sentence, false),
            ("1", Counting::Token, false),
            ("1.0", Counting::Token, false),
            ("2", Counting::Token, true),
            ("2.0", Counting::Token, true),
            ("3", Counting::Sentence, false),
            ("x", Counting::Sentence, false),
        ] {
            let cmd = Rouge155Args::parse(&["-t", value]).unwrap();
            assert_eq!(
                (cmd.opts.counting, cmd.raw_counts),
                (counting, raw),
                "{value}"
            );
        }
    }

    #[test]
    fn perl_numbers() {
        for (s, n) in [
            ("2", 2.0),
            (" 2abc", 2.0),
            ("2e0", 2.0),
            ("+1.", 1.0),
            (".5", 0.5),
            ("1e", 1.0),
            ("-", 0.0),
            (".", 0.0),
            ("", 0.0),
            ("0x2", 0.0),
        ] {
            assert_eq!(perl_number(s), n, "{s:?}");
        }
    }

    #[test]
    fn capital_m_stems_models_only() {
        let cmd = parsed("-M -n 1");
        assert!(cmd.opts.stem_models && !cmd.opts.stem);
        let cmd = parsed("-mM -n 1");
        assert!(cmd.opts.stem_models && cmd.opts.stem);
    }

    #[test]
    fn help_wins_over_bad_values_and_capital_h_over_h() {
        assert_eq!(parsed("-h").help, Some(Help::Short));
        assert_eq!(parsed("-H -h").help, Some(Help::Detailed));
        assert_eq!(parsed("-hH").help, Some(Help::Detailed));
        assert_eq!(parsed("-p 2 -q -l 1 -b 1 -h").help, Some(Help::Short));
        assert_eq!(parsed("-H -n").help, Some(Help::Detailed));
        assert!(Rouge155Args::parse(&["-p", "2", "-q"]).is_err());
    }
}
