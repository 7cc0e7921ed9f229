//! newsdigest: an extractive multi-document summariser.
//!
//! The pipeline's stages, one module each, data flowing one way:
//! [`read`] → [`clean`] → [`split`] → [`embed`] → [`cluster`] → [`select`] → [`render`];
//! [`pipeline`] chains them. Evaluation and the scheduled run sit beside it.

pub mod cli;
pub mod embed;
pub mod embeddings;
pub mod error;
pub mod output;
pub mod read;

pub use error::{Error, ExitStatus, Result};
