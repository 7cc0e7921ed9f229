//! The one integration-test binary: every module runs the built `newsdigest` or the library on
//! temporary trees; shared helpers are in `util`.

mod util;

mod architecture;
mod bench;
mod clean;
mod embeddings;
mod eval_cli;
mod inputs;
mod properties;
mod regression;
mod rouge155;
mod rouge_vectors;
mod run;
mod sections;
mod stories;
mod summarize;
mod topic;
mod ux;
