//! cargo-fuzz target `load_yaml`: see `helpdoc_fuzz::load_yaml` for what it feeds and asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| helpdoc_fuzz::load_yaml(data));
