//! Which texts are stemmed: all or none (`-m` or not), or the models only (`-M`), where and as
//! ROUGE-1.5.5 stems them.
//!
//! The script implements `-M` by switching its global `-m` on around the reading of each model
//! and off again afterwards, in three of its four scorers:
//!
//! * ROUGE-N (`computeNGramScore`) never does it: with `-M` alone ROUGE-N is not stemmed at all.
//! * ROUGE-S/SU stems each model's skip bigrams; the peer's stay unstemmed.
//! * ROUGE-L stems each model's sentences and the unigram budgets that clip its LCS hits; the
//!   peer's stay unstemmed (a hit needs the stemmed model word to appear unstemmed in the peer).
//! * ROUGE-W stems only the models' unigram budgets: its sentences are read with `-m` as it is,
//!   so the LCS is between unstemmed words, but a hit counts only while the *stemmed* model
//!   budget of the unstemmed word lasts (a word has one only if it is the stem of a model word).
//!
//! "Off again" means off even when `-m` was given too. With `-m -M` everything is stemmed until
//! the first model the script stems for `-M`, and from then on only the models, as above: the
//! first peer with a summary to score (peers in the script's order) gets stemmed ROUGE-N, and in
//! its first metric after ROUGE-N the first of its evaluations in configuration order is scored
//! with the peer stemmed too (and, for ROUGE-W, the first model's sentences stemmed as well).
//! Everything after that is `-M` alone. With ROUGE-N only, `-m -M` is `-m`.

use super::options::{Metric, RougeOptions};
use super::tokenize::Prepared;

/// How a run stems (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stemming {
    /// Every text alike: stemmed (`-m`) or not.
    Uniform(bool),
    /// `-M` alone.
    ModelsOnly,
    /// `-m -M`: stemmed until the first model, then `-M` alone.
    UntilFirstModel,
}

impl Stemming {
    pub(crate) fn of(opts: &RougeOptions, metrics: &[Metric]) -> Self {
        let reaches_a_model = metrics.iter().any(|m| !matches!(m, Metric::N(_)));
        match (opts.stem, opts.stem_models) {
            (stem, false) => Stemming::Uniform(stem),
            (false, true) => Stemming::ModelsOnly,
            (true, true) if reaches_a_model => Stemming::UntilFirstModel,
            // The script never reads a model in a scorer that switches -m off.
            (true, true) => Stemming::Uniform(true),
        }
    }

    /// Whether the ordinary reading of a text is stemmed.
    pub(crate) fn base(self) -> bool {
        self == Stemming::Uniform(true)
    }

    /// Whether models need a stemmed reading besides the ordinary one.
    pub(crate) fn stems_models(self) -> bool {
        !matches!(self, Stemming::Uniform(_))
    }
}

/// One of the two readings of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    Base,
    Stemmed,
}

/// A model (reference) text, with its stemmed reading when `-M` needs one.
pub(crate) struct Model {
    pub(crate) base: Prepared,
    pub(crate) stemmed: Option<Prepared>,
}

impl Model {
    pub(crate) fn get(&self, reading: Reading) -> &Prepared {
        match (reading, &self.stemmed) {
            (Reading::Stemmed, Some(stemmed)) => stemmed,
            _ => &self.base,
        }
    }
}

/// Which reading of the models a metric takes its sentences (LCS) and its gram counts or
/// unigram budgets from.
pub(crate) fn model_readings(stemming: Stemming, metric: Metric) -> (Reading, Reading) {
    if !stemming.stems_models() {
        return (Reading::Base, Reading::Base);
    }
    match metric {
        Metric::N(_) => (Reading::Base, Reading::Base),
        Metric::S { .. } | Metric::L => (Reading::Stemmed, Reading::Stemmed),
        Metric::W(_) => (Reading::Base, Reading::Stemmed),
    }
}

/// How one instance (peer x evaluation x metric) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// As [`model_readings`] says, the peer in its base reading.
    Normal,
    /// `-m -M` before the first model: everything stemmed (the first peer's ROUGE-N).
    Stemmed,
    /// `-m -M` at the first model: the peer stemmed, the models as [`model_readings`] says,
    /// except that ROUGE-W reads the first model's sentences stemmed.
    FirstModel,
}

/// The view of each metric for one peer; `first_peer` is true for the peer the script reaches
/// the first model with (`-m -M` only), whose instance at `first_eval` is the first model.
pub(crate) fn view(
    stemming: Stemming,
    metrics: &[Metric],
    index: usize,
    first_peer: bool,
    at_first_eval: bool,
) -> View {
    if stemming != Stemming::UntilFirstModel || !first_peer {
        return View::Normal;
    }
    let first_after_n = metrics.iter().position(|m| !matches!(m, Metric::N(_)));
    match metrics.get(index) {
        Some(Metric::N(_)) => View::Stemmed,
        _ if Some(index) == first_after_n && at_first_eval => View::FirstModel,
        _ => View::Normal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(flags: &str) -> Stemming {
        let opts = RougeOptions::from_rouge155(flags).unwrap();
        Stemming::of(&opts, &opts.metrics())
    }

    #[test]
    fn the_run_wide_stemming_of_m_and_capital_m() {
        assert_eq!(of("-n 2"), Stemming::Uniform(false));
        assert_eq!(of("-n 2 -m"), Stemming::Uniform(true));
        assert_eq!(of("-n 2 -M"), Stemming::ModelsOnly);
        assert_eq!(of("-n 2 -m -M"), Stemming::UntilFirstModel);
        // ROUGE-N only: the script never switches -m off.
        assert_eq!(of("-n 2 -x -m -M"), Stemming::Uniform(true));
        assert!(of("-x -n 1 -M").stems_models() && !of("-x -n 1 -M").base());
        assert!(of("-m").base());
    }

    #[test]
    fn each_metric_reads_the_models_as_the_script_does() {
        use Reading::{Base, Stemmed};
        let m = Stemming::ModelsOnly;
        assert_eq!(model_readings(m, Metric::N(1)), (Base, Base));
        assert_eq!(model_readings(m, Metric::L), (Stemmed, Stemmed));
        assert_eq!(model_readings(m, Metric::W(1.2)), (Base, Stemmed));
        let su = Metric::S {
            distance: 4,
            unigrams: true,
        };
        assert_eq!(model_readings(m, su), (Stemmed, Stemmed));
        assert_eq!(model_readings(Stemming::Uniform(true), su), (Base, Base));
    }

    #[test]
    fn only_the_first_peer_sees_stemmed_texts_and_only_until_its_first_model() {
        let metrics = [Metric::N(1), Metric::N(2), Metric::L, Metric::W(1.2)];
        let until = Stemming::UntilFirstModel;
        assert_eq!(view(until, &metrics, 0, true, false), View::Stemmed);
        assert_eq!(view(until, &metrics, 1, true, true), View::Stemmed);
        assert_eq!(view(until, &metrics, 2, true, true), View::FirstModel);
        assert_eq!(view(until, &metrics, 2, true, false), View::Normal);
        assert_eq!(view(until, &metrics, 3, true, true), View::Normal);
        assert_eq!(view(until, &metrics, 0, false, true), View::Normal);
        assert_eq!(
            view(Stemming::ModelsOnly, &metrics, 0, true, true),
            View::Normal
        );
    }
}
