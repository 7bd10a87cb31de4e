//! cargo-fuzz target `exporters`: see `helpdoc_fuzz::exporters` for what it feeds and asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| helpdoc_fuzz::exporters(data));
