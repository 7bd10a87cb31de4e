//! Tests that saphyr-parser's fast scalar paths (helpdoc's copy, `vendor/saphyr-parser`) give
//! exactly the events, marks and errors of its character-at-a-time path.
//!
//! `StrInput::new` (what helpdoc parses with) takes runs of ordinary characters at once;
//! `StrInput::char_at_a_time` keeps the original path. The two must agree on every document:
//! content, fixtures, hard cases and many generated snippets.

use saphyr_parser::{Parser, StrInput};

/// Every event with its span, then the error that stopped parsing (if any), as text.
fn events<'a, T: saphyr_parser::Input>(mut parser: Parser<'a, T>) -> Vec<String> {
    let mut out = Vec::new();
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => out.push(format!("{event:?} {span:?}")),
            Err(error) => {
                out.push(format!("error {error} {:?}", error.marker()));
                break;
            }
        }
    }
    out
}

/// Asserts both paths agree on `text`.
fn same(text: &str) {
    let fast = events(Parser::new_from_str(text));
    let slow = events(Parser::new(StrInput::char_at_a_time(text)));
    assert_eq!(fast, slow, "the fast path differs on {text:?}");
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that matter to a scalar's scanning: its stop characters, escapes, multi-byte
/// characters (the marks count characters, not bytes), a byte order mark and plain words.
const PIECES: &[&str] = &[
    "a",
    "word",
    "Save",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    ":",
    ": ",
    ":x",
    "#",
    " #",
    "'",
    "''",
    "\"",
    "\\",
    "\\n",
    "\\\"",
    "\\x41",
    "\\u00e9",
    "\\\n",
    ",",
    "[",
    "]",
    "{",
    "}",
    "-",
    "- ",
    "? ",
    "é",
    "日本",
    "\u{1F600}",
    "\u{FEFF}",
    "\u{85}",
    "\u{2028}",
    "*",
    "&",
    "!",
    "|",
    ">",
    "%",
    "@",
    "`",
    "---",
    "...",
    "0",
    "1.5",
    "~",
];

/// Places a generated scalar can sit in.
const CONTEXTS: &[(&str, &str)] = &[
    ("a: ", "\n"),
    ("a: \"", "\"\n"),
    ("a: '", "'\n"),
    ("- ", "\n- b\n"),
    ("a:\n  b: ", "\n  c: d\n"),
    ("[", "]\n"),
    ("{a: ", "}\n"),
    ("[\"", "\", x]\n"),
    ("{'", "': y}\n"),
    ("", ": v\n"),
    ("a: x\n  ", "\n"),
    ("a: \"x\n  ", "\"\n"),
];

#[test]
fn generated_scalars_scan_the_same_on_both_paths() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let mut scalar = String::new();
        for _ in 0..1 + rng.below(8) {
            scalar.push_str(PIECES[rng.below(PIECES.len())]);
        }
        let (before, after) = CONTEXTS[rng.below(CONTEXTS.len())];
        same(&format!("{before}{scalar}{after}"));
        same(&scalar);
    }
}

#[test]
fn hard_cases_scan_the_same_on_both_paths() {
    let cases: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/yaml-hard-cases.json"),
        )
        .expect("the hard cases"),
    )
    .expect("a list of strings");
    for case in &cases {
        for (before, after) in CONTEXTS {
            same(&format!("{before}{case}{after}"));
        }
    }
}

#[test]
fn every_yaml_file_of_the_repository_scans_the_same_on_both_paths() {
    let mut seen = 0;
    for path in super::repository_files(&["content", "examples", "tests/fixtures", "docs"]) {
        if let Ok(text) = std::fs::read_to_string(&path) {
            same(&text);
            seen += 1;
        }
    }
    assert!(seen > 100, "only {seen} files found");
}
