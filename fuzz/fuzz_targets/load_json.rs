//! cargo-fuzz target `load_json`: see `helpdoc_fuzz::load_json` for what it feeds and asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| helpdoc_fuzz::load_json(data));
