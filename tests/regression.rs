//! One test per bug fixed, each named after the bug it pins down and written to fail before
//! the fix. Grouped by the issue that reported them.

/// The "Real shapes" issue: cleaning and splitting one-block articles and clean newswire.
mod cleaning;
/// The hardening issue: the command-line edge and the scheduled run.
mod hardening;
/// Embedding models: corrupt headers, non-finite and ragged rows, quantising, temp files.
mod models;
/// Standard output and `-o` onto special files.
mod output;
/// Probe 16: outputs onto files the run reads, messages, JSON and JSON-LD inputs.
mod probe16;
/// Probe 17: eval's and bench's reference sets, a sectioned JSON digest read back, run's log.
mod probe17;
/// Reading inputs: escape sequences, FIFOs and devices, tiny budgets, eval's flags.
mod reading;
/// The scale issue: bad input at scale.
mod scale;
