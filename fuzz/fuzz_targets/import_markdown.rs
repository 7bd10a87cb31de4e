//! cargo-fuzz target `import_markdown`: see `helpdoc_fuzz::import_markdown` for what it feeds and asserts.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| helpdoc_fuzz::import_markdown(data));
