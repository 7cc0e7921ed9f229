//! One test per bug fixed, each named after the bug it pins down and written to fail before
//! the fix.
