//! Fuzz the text model readers through the loader's checks: any bytes must give a model or an
//! embeddings error, never a panic, an abort on a huge allocation or a hang.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::embeddings::{Format, WordEmbeddings};

fuzz_target!(|data: &[u8]| {
    quiet_caught_panics();
    // Both text layouts: GloVe (no header) and word2vec text (`WORDS DIMS` first).
    for format in [Format::Text, Format::TextDims] {
        if let Ok(model) = WordEmbeddings::from_bytes(data.to_vec(), format, "fuzz") {
            // A model that loads must answer lookups.
            let _ = model.lookup("the");
            let _ = model.info();
        }
    }
});

/// The loader catches finalfusion's panics on malformed files and reports a corrupt model
/// (exit 4); libfuzzer-sys's hook would abort on those too. A panic that escapes the loader
/// still aborts: libfuzzer-sys checks for one around every input.
fn quiet_caught_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|_| {})));
}
