//! language: only English articles are summarised (the stopwords, the stemmer, the cleaning
//! rules and the built-in model are English). Each article's language is detected from its
//! text (whatlang's trigram profiles) before cleaning; the others are left out and counted.
//!
//! A text too short to tell, or a Latin-script text whatlang is unsure of, counts as unknown
//! and is kept: leaving out an English article by mistake loses news, keeping an unsure one
//! costs at most a sentence that the cleaning rules or the clusters pass over.

use crate::error::{Error, Result};
use crate::read::Article;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::BTreeMap;
use whatlang::{Lang, Script};

/// Fewer letters than this (a Chinese character is one): unknown. whatlang tells a language of
/// another script (Russian from Ukrainian, Chinese from Japanese) and English from one sentence,
/// but is unsure of one French sentence and sure of two (see the tests); a headline is too short.
const MIN_LETTERS: usize = 30;

/// Enough text to tell a language; the rest of a long article only costs time.
const SAMPLE_CHARS: usize = 1000;

/// Articles left out, by language: ISO 639-3 code (`rus`, `fra`, `cmn`, …) → count.
pub type Skipped = BTreeMap<String, usize>;

/// The language of `text`, or `None` when it is too short or whatlang is unsure.
pub fn detect(text: &str) -> Option<Lang> {
    let sample: String = text.chars().take(SAMPLE_CHARS).collect();
    if sample.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return None;
    }
    if plainly_english(&sample) {
        return Some(Lang::Eng);
    }
    let info = whatlang::detect(&sample)?;
    if info.script() == Script::Latin
        && (!reads_as_words(&sample) || (info.lang() != Lang::Eng && reads_as_english(&sample)))
    {
        return None;
    }
    // English is written in Latin script only: another script decides, however unsure the
    // language within it (Russian or Ukrainian, Chinese or Japanese).
    (info.script() != Script::Latin || info.lang() == Lang::Eng || info.is_reliable())
        .then(|| info.lang())
}

/// Whether a Latin-script sample is made of words: mostly letters, in tokens of word length.
/// Random bytes decoded as Windows-1252 are neither, and whatlang called them Welsh.
fn reads_as_words(sample: &str) -> bool {
    let (mut tokens, mut chars, mut letters) = (0usize, 0usize, 0usize);
    for token in sample.split_whitespace() {
        tokens += 1;
        for c in token.chars() {
            chars += 1;
            letters += usize::from(c.is_alphabetic());
        }
    }
    tokens > 0 && chars <= tokens * 20 && letters * 2 >= chars
}

/// Whether a quarter of the sample's words are English stopwords: then a verdict of another
/// Latin-script language is not to be trusted. One English sentence dense in names ("Indonesia
/// annexed East Timor, a former Portuguese colony, after invading during a 1975 civil war…")
/// was Danish to whatlang and left out; English runs at 40–50 %, French, German and Spanish
/// share few of its stopwords (under 10 % in the tests).
fn reads_as_english(sample: &str) -> bool {
    let (n, stop, _) = word_counts(sample);
    n > 0 && stop * 4 >= n
}

/// Words (tokens with a letter), English stopwords among them, and foreign function words
/// ([`FOREIGN_FUNCTION_WORDS`]) among them.
fn word_counts(text: &str) -> (usize, usize, usize) {
    let (mut n, mut stop, mut foreign) = (0usize, 0usize, 0usize);
    crate::words::for_each_token(text, |t| {
        if t.chars().any(char::is_alphabetic) {
            n += 1;
            stop += usize::from(crate::words::is_stopword(t));
            foreign += usize::from(FOREIGN_FUNCTION_WORDS.contains(&t));
        }
    });
    (n, stop, foreign)
}

/// Fewest words of a sentence judged on its own: a shorter one is too little for whatlang.
const SENTENCE_WORDS: usize = 8;

/// Function words of the Latin-script languages news quotes most (Spanish, French, German,
/// Portuguese, Italian) that English does not use.
const FOREIGN_FUNCTION_WORDS: &[&str] = &[
    "el", "la", "los", "las", "que", "de", "del", "en", "y", "por", "con", "para", "una", "un",
    "es", "se", "su", "le", "les", "des", "du", "et", "est", "qui", "dans", "pour", "pas", "sur",
    "au", "der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "dem", "ein", "eine",
    "zu", "auf", "sich", "os", "do", "da", "em", "um", "uma", "não", "il", "che", "di", "della",
    "non", "per",
];

/// Whether one sentence of an English article is in another Latin-script language (an
/// untranslated quotation: "El general Pinochet no puede ser juzgado…", dijo el canciller).
/// It must hold few English stopwords (under 15 %; English sentences run at 40–50 %, the
/// densest in names at 10–15 %) and many foreign function words (a fifth of its words; team
/// sheets and review fragments, also poor in English stopwords, hold next to none), and
/// whatlang must be sure. Counting words keeps the cost low: whatlang sees few sentences.
pub fn is_foreign_sentence(sentence: &str) -> bool {
    let (n, stop, foreign) = word_counts(sentence);
    if n < SENTENCE_WORDS || stop * 100 >= n * 15 || foreign * 5 < n {
        return false;
    }
    whatlang::detect(sentence).is_some_and(|info| {
        info.script() == Script::Latin && info.lang() != Lang::Eng && info.is_reliable()
    })
}

/// English words that no other Latin-script language uses as often.
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "of", "that", "with", "said", "which", "from", "have", "were", "this",
];

/// A text of which a tenth of the words are [`ENGLISH_MARKERS`] is English (news runs at
/// 15–20 %): whatlang's trigram profiles of every language, most of the cost of reading a
/// large feed, are needed only for the rest.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut markers) = (0usize, 0usize);
    for word in sample.split_whitespace() {
        words += 1;
        let word = word.trim_matches(|c: char| !c.is_alphabetic());
        markers += usize::from(ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(word)));
    }
    words >= 20 && markers * 10 >= words
}

/// The articles in English or of unknown language, and how many of each other language were
/// left out. None in English while some are in another language: an input error naming them.
pub fn english_only(articles: &[Article]) -> Result<(Cow<'_, [Article]>, Skipped)> {
    let langs: Vec<Option<Lang>> = articles.par_iter().map(|a| detect(&a.text)).collect();
    let foreign = |l: &Option<Lang>| l.is_some_and(|l| l != Lang::Eng);
    let mut skipped = Skipped::new();
    for lang in langs.iter().filter(|l| foreign(l)).flatten() {
        *skipped.entry(lang.code().to_string()).or_default() += 1;
    }
    if skipped.is_empty() {
        return Ok((Cow::Borrowed(articles), skipped));
    }
    if !langs.contains(&Some(Lang::Eng)) {
        let unknown = langs.iter().filter(|l| l.is_none()).count();
        return Err(Error::Input(no_english(&skipped, unknown)));
    }
    let kept = articles
        .iter()
        .zip(&langs)
        .filter(|(_, l)| !foreign(l))
        .map(|(a, _)| a.clone())
        .collect();
    Ok((Cow::Owned(kept), skipped))
}

/// `3 Russian, 1 French`: the counts, most first.
pub fn describe(skipped: &Skipped) -> String {
    let mut counts: Vec<(&String, &usize)> = skipped.iter().collect();
    counts.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    counts
        .iter()
        .map(|(code, n)| format!("{n} {}", name(code)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The English name of a language code of [`Skipped`].
pub fn name(code: &str) -> &'static str {
    Lang::from_code(code).map_or("unknown", Lang::eng_name)
}

/// The warning for articles left out, e.g. `left out 3 articles not in English (3 Russian)`.
pub fn skipped_warning(skipped: &Skipped) -> Option<String> {
    let n: usize = skipped.values().sum();
    (n > 0).then(|| {
        format!(
            "left out {n} article{} not in English ({}); only English is supported (see README, Languages)",
            plural(n),
            describe(skipped)
        )
    })
}

fn no_english(skipped: &Skipped, unknown: usize) -> String {
    let n: usize = skipped.values().sum();
    let what = match (skipped.len(), unknown) {
        (1, 0) if n == 1 => format!("the input is {}", describe_names(skipped)),
        (1, 0) => format!("the {n} inputs are {}", describe_names(skipped)),
        _ => {
            let mut parts = describe(skipped);
            if unknown > 0 {
                parts.push_str(&format!(", {unknown} too short to tell"));
            }
            format!("no input is in English ({parts})")
        }
    };
    format!("{what}; only English is supported (see README, Languages)")
}

fn describe_names(skipped: &Skipped) -> String {
    skipped
        .keys()
        .map(|c| name(c))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            id: "a.txt".into(),
            text: text.into(),
            ..Article::default()
        }
    }

    const EN: &str = "The foreign ministers agreed on Saturday to hold a new round of talks.";
    const FR: &str = "Les ministres des affaires étrangères ont convenu samedi de reprendre les \
                      négociations. Le président a salué cette décision, qui intervient après des \
                      semaines de tensions.";
    const FR_ONE: &str =
        "Les ministres des affaires étrangères ont convenu samedi de reprendre les négociations.";
    const RU: &str =
        "Министры иностранных дел договорились в субботу провести новый раунд переговоров.";
    const UK: &str =
        "Міністри закордонних справ домовилися в суботу провести новий раунд переговорів.";
    const ZH: &str =
        "各国外交部长星期六同意在日内瓦举行新一轮会谈，以结束这场战争并保护平民的安全。";
    const JA: &str =
        "外務大臣たちは土曜日、ジュネーブで新たな協議を行うことで合意したと発表しました。";
    const DE: &str = "Die Außenminister haben sich am Samstag darauf geeinigt, eine neue Verhandlungsrunde abzuhalten.";

    #[test]
    fn one_sentence_is_enough_to_tell() {
        assert_eq!(detect(EN), Some(Lang::Eng));
        assert_eq!(detect(FR), Some(Lang::Fra));
        assert_eq!(detect(RU), Some(Lang::Rus));
        assert_eq!(detect(UK), Some(Lang::Ukr));
        assert_eq!(detect(DE), Some(Lang::Deu));
        assert_eq!(detect(ZH), Some(Lang::Cmn));
        assert_eq!(detect(JA), Some(Lang::Jpn));
    }

    /// Regression: random bytes of 0x20–0xFF, read as Windows-1252, were "Welsh".
    #[test]
    fn random_latin_1_bytes_are_no_language() {
        let mut x: u32 = 1;
        let noise: String = (0..3000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                char::from(0x20 + ((x >> 16) % 224) as u8)
            })
            .collect();
        assert_eq!(detect(&noise), None);
        assert!(reads_as_words(FR) && reads_as_words(DE));
    }

    #[test]
    fn common_english_words_tell_english_without_the_profiles() {
        let en = "The foreign ministers said on Saturday that they had agreed to hold a new \
                  round of talks with the envoys of both sides, which the United Nations has \
                  called for since the start of the war.";
        assert!(plainly_english(en));
        assert_eq!(detect(en), Some(Lang::Eng));
        // A French article quoting an English phrase is left to whatlang.
        let fr = format!("{FR} Il a déclaré que « the talks were useful » selon l'agence.");
        assert!(!plainly_english(&fr));
        assert_eq!(detect(&fr), Some(Lang::Fra));
        assert!(!plainly_english(DE));
    }

    /// Regression (probe 16): single English sentences dense in names were Afrikaans or
    /// Danish to whatlang, and a file of one was refused as "the input is Afrikaans".
    #[test]
    fn one_english_sentence_dense_in_names_was_afrikaans_or_danish() {
        for en in [
            "On Saturday, Defense Minister Ismet Sezgin said Turkey would soon carry out an \
             exercise near the Syrian border, private NTV television reported.",
            "Indonesia annexed East Timor, a former Portuguese colony, after invading during a \
             1975 civil war that broke out when Portugal colonizers left.",
        ] {
            assert!(detect(en).is_none_or(|l| l == Lang::Eng), "{en}");
        }
        for foreign in [FR, DE] {
            assert!(!reads_as_english(foreign), "{foreign}");
        }
    }

    /// Regression (probe 16): an untranslated Spanish quotation, carried by all six English
    /// articles of a story, opened its digest.
    #[test]
    fn a_spanish_quotation_in_an_english_article_was_a_candidate() {
        assert!(is_foreign_sentence(
            "\"El general Pinochet no puede ser juzgado en un país extranjero, porque tiene \
             inmunidad diplomática como senador vitalicio de la República de Chile\", dijo el \
             canciller José Miguel Insulza en una declaración leída en Santiago."
        ));
        assert!(is_foreign_sentence(FR) && is_foreign_sentence(DE));
        for english in [
            EN,
            "U.S. President Bill Clinton today signed a 247.7 billion U.S. dollar military \
             spending bill.",
            "Cech, Paulo Ferreira, Ricardo Carvalho (Drogba 45), Terry, Gallas, Duff, Tiago \
             (Bridge 45), Makelele, Lampard, Robben.",
            "brilliant, behind tube station, near local stores, restaurant, posh area, near \
             kensington park, great central location.",
            "Les Miserables opened on Broadway in 1987 and ran for sixteen years, producers said.",
        ] {
            assert!(!is_foreign_sentence(english), "{english}");
        }
    }

    #[test]
    fn short_texts_are_unknown() {
        assert_eq!(detect("Talks resume"), None);
        assert_eq!(
            detect(FR_ONE),
            None,
            "Latin script, whatlang unsure: unknown, kept"
        );
        assert_eq!(detect("Переговоры"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn english_articles_are_kept_and_the_others_counted() {
        let all = [
            article(EN),
            article(RU),
            article(RU),
            article(FR),
            article("Short."),
        ];
        let (kept, skipped) = english_only(&all).unwrap();
        assert_eq!(kept.len(), 2, "English and the unknown one");
        assert_eq!(
            skipped,
            Skipped::from([("rus".into(), 2), ("fra".into(), 1)])
        );
        assert_eq!(describe(&skipped), "2 Russian, 1 French");
        let english = [article(EN)];
        assert!(matches!(
            english_only(&english).unwrap().0,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn no_english_article_is_an_input_error_naming_the_language() {
        let e = english_only(&[article(RU), article(RU), article(RU)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "the 3 inputs are Russian; only English is supported (see README, Languages)"
        );
        assert_eq!(e.exit_status(), crate::ExitStatus::Input);
        let e = english_only(&[article(JA)]).unwrap_err();
        assert!(e.to_string().starts_with("the input is Japanese;"), "{e}");
        let e = english_only(&[article(RU), article(FR), article("x")]).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("no input is in English (1 French, 1 Russian, 1 too short to tell)"),
            "{e}"
        );
    }
}
