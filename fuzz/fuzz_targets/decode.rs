//! Fuzz byte decoding and format detection: any bytes must give text or an error, never a
//! panic; decoded text never holds NUL.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdigest::read::{decode::decode_bytes, detect};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    if let Ok(decoded) = decode_bytes(data, Path::new("fuzz")) {
        assert!(!decoded.text.contains('\0'));
        let _ = detect(Path::new("fuzz.txt"), &decoded.text);
    }
});
