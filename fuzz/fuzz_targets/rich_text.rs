//! cargo-fuzz target `rich_text`: see `helpdoc_fuzz::rich_text` for what it feeds and asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| helpdoc_fuzz::rich_text(data));
