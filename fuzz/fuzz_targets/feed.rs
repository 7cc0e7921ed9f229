//! Fuzz the feed reader: any bytes, decoded and parsed as feed, must give articles or an
//! error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::read::{parse_with_warnings, InputFormat, ReadOptions};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        format: InputFormat::Feed,
        ..ReadOptions::default()
    };
    let _ = parse_with_warnings(data, "fuzz", Path::new("fuzz.rss"), &opts);
});
