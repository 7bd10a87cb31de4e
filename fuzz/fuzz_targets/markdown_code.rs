//! cargo-fuzz target `markdown_code`: see `helpdoc_fuzz::markdown_code` for what it feeds and asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| helpdoc_fuzz::markdown_code(data));
