//! newsdigest: an extractive multi-document summariser.
//!
//! The pipeline's stages, one module each, data flowing one way:
//! [`read`] → [`language`] → [`clean`] → [`split`] → [`novelty`] → [`stories`] → [`embed`] →
//! [`cluster`] → [`select`] → [`render`]; [`pipeline`] chains them. Evaluation ([`rouge`],
//! [`bench`](mod@bench)) and the scheduled run ([`schedule`]) sit beside it.

// The docs are read with `--document-private-items`: module overviews name their private parts.
#![allow(rustdoc::private_intra_doc_links)]

/// `eprintln!` that never panics: a full or closed standard error loses the line, not the
/// run and its exit code.
#[macro_export]
macro_rules! warn_line {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod bench;
pub mod choice;
pub mod cite;
pub mod clean;
#[doc(hidden)] // the binary's argument parsing; not part of the library API
pub mod cli;
pub mod cluster;
pub mod config;
pub mod digest;
pub mod embed;
pub mod embeddings;
pub mod error;
pub mod language;
pub mod novelty;
pub mod output;
pub mod pipeline;
pub mod progress;
mod quotes;
pub mod read;
pub mod render;
pub mod rouge;
pub mod schedule;
pub mod segment;
pub mod select;
pub mod split;
pub mod stdio;
pub mod stories;
pub mod topic;
mod words;

pub use error::{Error, ExitStatus, Result};
