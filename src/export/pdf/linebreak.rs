//! Ragged-right line breaking over measured widths: Unicode (UAX #14) break opportunities,
//! dictionary hyphenation for long words, and breaking long tokens (URLs) anywhere as a last resort.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};

use foldhash::fast::RandomState;

use hyphenation::{Hyphenator, Language, Load, Standard};
use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::fonts::{ShapedRun, Shaper};
use super::text::{LinkTarget, Span, Style};

/// A run of glyphs in one style on a line.
#[derive(Debug, Clone)]
pub struct Fragment {
    /// Offset from the line's left edge, in points.
    pub x: f32,
    /// Width in points.
    pub width: f32,
    /// How it is drawn.
    pub style: Style,
    /// Where it links to.
    pub link: Option<LinkTarget>,
    /// Its language, when not the document's.
    pub lang: Option<String>,
    /// The shaped pieces, drawn one after another.
    pub runs: Vec<Arc<ShapedRun>>,
}

/// One line of a paragraph.
#[derive(Debug, Clone, Default)]
pub struct Line {
    /// The fragments, left to right.
    pub fragments: Vec<Fragment>,
    /// Width of the text on the line, in points.
    pub width: f32,
}

/// A word (text up to a break opportunity) and the spaces after it.
struct Piece {
    word: std::ops::Range<usize>,
    space: std::ops::Range<usize>,
    hard_break: bool,
}

/// One item placed on the line being built.
struct Placed {
    span: usize,
    run: Arc<ShapedRun>,
    width: f32,
    is_space: bool,
}

struct Breaker<'a> {
    spans: &'a [Span],
    starts: Vec<usize>,
    text: String,
    max: f32,
    shaper: &'a mut Shaper,
    lines: Vec<Line>,
    current: Vec<Placed>,
    used: f32,
}

/// Characters after which a long token (a URL, a path) breaks most naturally.
const TOKEN_BREAKS: &[char] = &['/', '-', '.', '?', '&', '=', '_', ':', '\\', ',', ';', '#'];

/// The longest word offered to the hyphenation dictionary: longer "words" are tokens (codes,
/// pasted data), and trying each break of one means measuring each of its prefixes.
const MAX_HYPHENATED_LETTERS: usize = 64;

/// The en-US hyphenation patterns, loaded once per process.
pub fn load_dictionary() {
    dictionary();
}

fn dictionary() -> Option<&'static Standard> {
    static DICT: OnceLock<Option<Standard>> = OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// Lines already broken, by their spans and width. The layout runs two or three passes over the
/// same text (until the page numbers it prints settle), and only text that prints a page number
/// changes between them: the rest is broken once, and every pass gets the same lines.
///
/// It is shared with a helper that breaks text ahead of the layout ([`super::prebreak`]). A
/// thread claims a text while it breaks it, so that the helper skips what the pass is
/// breaking. The pass never waits for the helper (on a busy machine the helper may not be
/// running): it breaks a text the helper has claimed itself, which is why the helper only takes
/// short texts. Breaking is a pure function of spans and width, so whoever breaks a text, every
/// pass gets the same lines.
#[derive(Default)]
pub struct LineCache {
    /// By a hash of spans and width.
    entries: Mutex<Entries>,
    /// The seed of that hash.
    seed: RandomState,
}

/// The entries, each bucket holding texts with one hash.
type Entries = HashMap<u64, Vec<Broken>, RandomState>;

/// Spans broken at one width.
struct Broken {
    spans: Vec<Span>,
    /// The width's bits.
    width: u32,
    /// The lines, or `None` while a thread is breaking them.
    lines: Option<Vec<Line>>,
}

/// Where a text stands in the cache.
enum State {
    Missing,
    Claimed,
    Ready(Vec<Line>),
}

impl LineCache {
    /// The lines of `spans` at `width`, from `make` the first time they are asked for (or while
    /// another thread is still breaking them).
    pub fn lines(&self, spans: &[Span], width: f32, make: impl FnOnce() -> Vec<Line>) -> Vec<Line> {
        let bits = width.to_bits();
        let key = key(&self.seed, spans, bits);
        let entries = self.lock();
        match state(&entries, key, spans, bits) {
            State::Ready(lines) => lines,
            State::Claimed => {
                drop(entries);
                let lines = make();
                self.store(key, spans, bits, lines.clone());
                lines
            }
            State::Missing => {
                let claim = Claim::new(self, entries, key, spans, bits);
                let lines = make();
                claim.fill(lines.clone());
                lines
            }
        }
    }

    /// Breaks `spans` at `width` with `make`, unless they are broken (or being broken) already.
    pub fn break_unclaimed(&self, spans: &[Span], width: f32, make: impl FnOnce() -> Vec<Line>) {
        let bits = width.to_bits();
        let key = key(&self.seed, spans, bits);
        let entries = self.lock();
        if let State::Missing = state(&entries, key, spans, bits) {
            Claim::new(self, entries, key, spans, bits).fill(make());
        }
    }

    /// How many texts (at a width) are broken or being broken.
    pub fn len(&self) -> usize {
        self.lock().values().map(Vec::len).sum()
    }

    /// Whether nothing is broken yet.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> MutexGuard<'_, Entries> {
        // Entries are whole at every unlock, so a panic elsewhere leaves nothing half made.
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Keeps the lines of a text, replacing a claim on it (the first lines stored stay: any
    /// later ones are the same).
    fn store(&self, key: u64, spans: &[Span], bits: u32, lines: Vec<Line>) {
        let mut entries = self.lock();
        let bucket = entries.entry(key).or_default();
        match bucket
            .iter_mut()
            .find(|b| b.width == bits && b.spans == spans)
        {
            Some(broken) => {
                broken.lines.get_or_insert(lines);
            }
            None => bucket.push(Broken {
                spans: spans.to_vec(),
                width: bits,
                lines: Some(lines),
            }),
        }
    }
}

fn state(entries: &Entries, key: u64, spans: &[Span], bits: u32) -> State {
    let found = (entries.get(&key))
        .and_then(|bucket| bucket.iter().find(|b| b.width == bits && b.spans == spans));
    match found {
        None => State::Missing,
        Some(Broken { lines: None, .. }) => State::Claimed,
        Some(Broken {
            lines: Some(lines), ..
        }) => State::Ready(lines.clone()),
    }
}

/// A text one thread is breaking. Dropped unfilled (the thread panicked), it is given back.
struct Claim<'c, 's> {
    cache: &'c LineCache,
    key: u64,
    spans: &'s [Span],
    bits: u32,
    filled: bool,
}

impl<'c, 's> Claim<'c, 's> {
    /// Claims a text found missing under the lock `entries` (and lets the lock go).
    fn new(
        cache: &'c LineCache,
        mut entries: MutexGuard<'_, Entries>,
        key: u64,
        spans: &'s [Span],
        bits: u32,
    ) -> Self {
        entries.entry(key).or_default().push(Broken {
            spans: spans.to_vec(),
            width: bits,
            lines: None,
        });
        Claim {
            cache,
            key,
            spans,
            bits,
            filled: false,
        }
    }

    /// Stores the lines.
    fn fill(mut self, lines: Vec<Line>) {
        self.filled = true;
        self.cache.store(self.key, self.spans, self.bits, lines);
    }
}

impl Drop for Claim<'_, '_> {
    fn drop(&mut self) {
        if self.filled {
            return;
        }
        let mut entries = self.cache.lock();
        if let Some(bucket) = entries.get_mut(&self.key) {
            bucket.retain(|b| b.lines.is_some() || b.width != self.bits || b.spans != self.spans);
        }
    }
}

/// A hash of everything about `spans` that line breaking reads, and of the width. foldhash is
/// quicker than SipHash on these short keys; its seed is random per cache, so content cannot
/// be written to collide (the cache is never iterated: the seed does not change the output).
fn key(seed: &RandomState, spans: &[Span], width: u32) -> u64 {
    let mut hasher = seed.build_hasher();
    width.hash(&mut hasher);
    for span in spans {
        span.text.hash(&mut hasher);
        let Style { face, size, color } = span.style;
        face.hash(&mut hasher);
        [size, color.0, color.1, color.2]
            .map(f32::to_bits)
            .hash(&mut hasher);
        span.link.hash(&mut hasher);
        span.lang.hash(&mut hasher);
    }
    hasher.finish()
}

/// Breaks styled spans into lines no wider than `max_width` points.
pub fn break_lines(spans: &[Span], max_width: f32, shaper: &mut Shaper) -> Vec<Line> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(spans.len());
    for span in spans {
        starts.push(text.len());
        text.push_str(&span.text);
    }
    let mut breaker = Breaker {
        spans,
        starts,
        text,
        max: max_width.max(1.0),
        shaper,
        lines: Vec::new(),
        current: Vec::new(),
        used: 0.0,
    };
    for piece in breaker.pieces() {
        breaker.place(&piece);
        if piece.hard_break {
            breaker.finish_line(true);
        }
    }
    if !breaker.current.is_empty() {
        breaker.finish_line(false);
    }
    breaker.lines
}

impl Breaker<'_> {
    fn pieces(&self) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut prev = 0;
        for (index, opportunity) in linebreaks(&self.text) {
            if index == prev {
                continue;
            }
            let segment = &self.text[prev..index];
            let hard = opportunity == BreakOpportunity::Mandatory && index < self.text.len()
                || segment.ends_with('\n');
            let content = segment.trim_end_matches(['\n', '\r', '\u{2028}', '\u{2029}']);
            let word = content.trim_end_matches(' ');
            pieces.push(Piece {
                word: prev..prev + word.len(),
                space: prev + word.len()..prev + content.len(),
                hard_break: hard,
            });
            prev = index;
        }
        pieces
    }

    /// The span holding byte `offset`.
    fn span_at(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(mut i) => {
                // Skip empty spans that start at the same offset.
                while i + 1 < self.starts.len() && self.starts[i + 1] == offset {
                    i += 1;
                }
                i
            }
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Splits a byte range at span boundaries: (span, range) parts.
    fn parts(&self, range: std::ops::Range<usize>) -> Vec<(usize, std::ops::Range<usize>)> {
        let mut out = Vec::new();
        let mut at = range.start;
        while at < range.end {
            let span = self.span_at(at);
            let span_end = self
                .starts
                .get(span + 1)
                .copied()
                .unwrap_or(self.text.len());
            let end = span_end.min(range.end).max(at + 1);
            let end = self.ceil_char(end);
            out.push((span, at..end));
            at = end;
        }
        out
    }

    fn ceil_char(&self, mut i: usize) -> usize {
        while i < self.text.len() && !self.text.is_char_boundary(i) {
            i += 1;
        }
        i.min(self.text.len())
    }

    fn measure(&mut self, span: usize, text: &str) -> (Arc<ShapedRun>, f32) {
        let style = self.spans[span].style;
        let run = self.shaper.shape(style.face, text);
        let width = run.width(style.face, style.size);
        (run, width)
    }

    fn place(&mut self, piece: &Piece) {
        let word_parts: Vec<(usize, Arc<ShapedRun>, f32)> = self
            .parts(piece.word.clone())
            .into_iter()
            .map(|(span, range)| {
                let text = self.text[range].to_string();
                let (run, width) = self.measure(span, &text);
                (span, run, width)
            })
            .collect();
        let word_width: f32 = word_parts.iter().map(|p| p.2).sum();
        if self.used + word_width <= self.max + 0.01 {
            for (span, run, width) in word_parts {
                self.push(span, run, width, false);
            }
        } else {
            let mut done = false;
            if !self.current.is_empty() {
                done = self.try_hyphenate(piece, &word_parts);
                if !done {
                    self.finish_line(false);
                }
            }
            if !done {
                if word_width <= self.max + 0.01 {
                    for (span, run, width) in word_parts {
                        self.push(span, run, width, false);
                    }
                } else if !self.try_hyphenate(piece, &word_parts) {
                    self.place_long(piece);
                }
            }
        }
        if !piece.space.is_empty() {
            let span = self.span_at(piece.space.start);
            let text = self.text[piece.space.clone()].to_string();
            let (run, width) = self.measure(span, &text);
            self.push(span, run, width, true);
        }
    }

    /// Hyphenates a one-style word so that its head fills the current line; the tail is
    /// placed after a line break (and may be hyphenated again).
    fn try_hyphenate(&mut self, piece: &Piece, parts: &[(usize, Arc<ShapedRun>, f32)]) -> bool {
        if parts.len() != 1 {
            return false;
        }
        let span = parts[0].0;
        let mut word = self.text[piece.word.clone()].to_string();
        let mut placed_any = false;
        loop {
            let available = self.max - self.used;
            if available < 0.2 * self.max && !self.current.is_empty() {
                return placed_any && self.place_rest(span, &word, piece.word.end);
            }
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if !(7..=MAX_HYPHENATED_LETTERS).contains(&letters)
                || !word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '’')
                || word.to_lowercase().len() != word.len()
            {
                return placed_any && self.place_rest(span, &word, piece.word.end);
            }
            let Some(dict) = dictionary() else {
                return false;
            };
            let breaks = dict.hyphenate(&word).breaks;
            let mut chosen = None;
            for &b in breaks.iter().rev() {
                if b < 2 || word.len() - b < 3 {
                    continue;
                }
                let head = format!("{}-", &word[..b]);
                let (run, width) = self.measure(span, &head);
                if self.used + width <= self.max + 0.01 {
                    chosen = Some((b, run, width));
                    break;
                }
            }
            let Some((b, run, width)) = chosen else {
                return placed_any && self.place_rest(span, &word, piece.word.end);
            };
            self.push(span, run, width, false);
            self.finish_line(false);
            placed_any = true;
            word = word[b..].to_string();
            let (run, width) = self.measure(span, &word);
            if width <= self.max + 0.01 {
                self.push(span, run, width, false);
                return true;
            }
        }
    }

    /// Places the rest of a word after hyphenation stopped (on a new line if needed).
    fn place_rest(&mut self, span: usize, word: &str, end: usize) -> bool {
        let (run, width) = self.measure(span, word);
        if self.used + width > self.max + 0.01 && !self.current.is_empty() {
            self.finish_line(false);
        }
        if width <= self.max + 0.01 {
            self.push(span, run, width, false);
        } else {
            self.break_anywhere(span, end - word.len()..end);
        }
        true
    }

    /// A token wider than the line: break it at the best character that fits.
    fn place_long(&mut self, piece: &Piece) {
        for (span, range) in self.parts(piece.word.clone()) {
            self.break_anywhere(span, range);
        }
    }

    /// Breaks a token at the best character that fits each line. The token is shaped once and
    /// cut by its cumulative cluster advances, so the work is linear in its length (shaping
    /// each remaining suffix again was quadratic for a word of a million characters).
    fn break_anywhere(&mut self, span: usize, range: std::ops::Range<usize>) {
        let text = self.text[range].to_string();
        let style = self.spans[span].style;
        let whole = self.shaper.shape_uncached(style.face, &text);
        let scale = style.size / super::fonts::metrics(style.face).units_per_em;
        let ends = &whole.cluster_ends;
        // The piece starts at byte `start`, after `base` font units; `next` indexes the first
        // cluster that ends after `start`.
        let (mut start, mut base, mut next) = (0, 0, 0);
        while start < text.len() {
            let available = self.max - self.used;
            if (whole.advance - base) as f32 * scale <= available + 0.01 {
                let (run, width) = self.measure(span, &text[start..]);
                self.push(span, run, width, false);
                return;
            }
            let fitting = ends[next..]
                .iter()
                .take_while(|(end, advance)| {
                    *end < text.len() && (advance - base) as f32 * scale <= available + 0.01
                })
                .count();
            if fitting == 0 {
                if self.current.is_empty() {
                    // Not even one character fits: place one cluster anyway rather than loop.
                    let (end, advance) = ends.get(next).copied().unwrap_or((text.len(), 0));
                    let (run, width) = self.measure(span, &text[start..end]);
                    self.push(span, run, width, false);
                    self.finish_line(false);
                    (start, base, next) = (end, advance, next + 1);
                } else {
                    self.finish_line(false);
                }
                continue;
            }
            let last = next + fitting - 1;
            let last_len = ends[last].0 - start;
            let nice = (next..=last).rev().find(|&i| {
                let end = ends[i].0;
                (end - start) * 10 >= last_len * 4
                    && text[start..end]
                        .chars()
                        .next_back()
                        .is_some_and(|c| TOKEN_BREAKS.contains(&c))
            });
            let cut = nice.unwrap_or(last);
            let (end, advance) = ends[cut];
            let (run, width) = self.measure(span, &text[start..end]);
            self.push(span, run, width, false);
            self.finish_line(false);
            (start, base, next) = (end, advance, cut + 1);
        }
    }

    fn push(&mut self, span: usize, run: Arc<ShapedRun>, width: f32, is_space: bool) {
        self.used += width;
        self.current.push(Placed {
            span,
            run,
            width,
            is_space,
        });
    }

    fn finish_line(&mut self, keep_empty: bool) {
        while self.current.last().is_some_and(|p| p.is_space) {
            self.current.pop();
        }
        if self.current.is_empty() && !keep_empty {
            self.used = 0.0;
            return;
        }
        let mut line = Line::default();
        let mut x = 0.0;
        for placed in self.current.drain(..) {
            let span = &self.spans[placed.span];
            match line.fragments.last_mut() {
                Some(last)
                    if last.style == span.style
                        && last.link == span.link
                        && last.lang == span.lang =>
                {
                    last.width += placed.width;
                    last.runs.push(placed.run);
                }
                _ => line.fragments.push(Fragment {
                    x,
                    width: placed.width,
                    style: span.style,
                    link: span.link.clone(),
                    lang: span.lang.clone(),
                    runs: vec![placed.run],
                }),
            }
            x += placed.width;
        }
        line.width = x;
        self.lines.push(line);
        self.used = 0.0;
    }
}

#[cfg(test)]
mod tests {
    use super::super::fonts::Face;
    use super::super::theme::Rgb;
    use super::*;

    fn style() -> Style {
        Style {
            face: Face::Regular,
            size: 10.0,
            color: Rgb(0.0, 0.0, 0.0),
        }
    }

    fn line_text(line: &Line) -> String {
        line.fragments
            .iter()
            .flat_map(|f| f.runs.iter())
            .flat_map(|r| r.glyphs.iter())
            .filter_map(|g| g.text.as_deref())
            .collect()
    }

    #[test]
    fn lines_fit_and_keep_every_word() {
        let mut shaper = Shaper::new();
        let text = "Go to Company > Admin > Roles and click View beside the role you created for the Web Services user.";
        let lines = break_lines(&[Span::new(text, style())], 120.0, &mut shaper);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 120.01));
        let joined: Vec<String> = lines.iter().map(line_text).collect();
        // A hyphenated word ends its line with `-` and continues on the next.
        assert_eq!(joined.join(" ").replace("- ", ""), text);
    }

    #[test]
    fn long_words_hyphenate_and_urls_break_anywhere() {
        let mut shaper = Shaper::new();
        let url =
            "https://example.com/a/very/long/path/that/cannot/possibly/fit/on/one/line?query=yes";
        let lines = break_lines(&[Span::new(url, style())], 90.0, &mut shaper);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.width <= 90.01));
        let joined: String = lines.iter().map(line_text).collect();
        assert_eq!(joined, url);
        let words = "The administrators internationalization responsibilities";
        let lines = break_lines(&[Span::new(words, style())], 80.0, &mut shaper);
        assert!(lines.iter().all(|l| l.width <= 80.01));
        assert!(lines.iter().any(|l| line_text(l).ends_with('-')));
    }

    #[test]
    fn forced_breaks_start_new_lines() {
        let mut shaper = Shaper::new();
        let lines = break_lines(&[Span::new("one\ntwo", style())], 500.0, &mut shaper);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn the_line_cache_breaks_each_text_once_per_width_and_style() {
        let mut shaper = Shaper::new();
        let cache = LineCache::default();
        let text = "Check that these modules are subscribed before you connect again";
        let spans = [Span::new(text, style())];
        let mut made = 0;
        let mut lines = |cache: &LineCache, spans: &[Span], width: f32| {
            cache.lines(spans, width, || {
                made += 1;
                break_lines(spans, width, &mut shaper)
            })
        };
        let first: Vec<String> = lines(&cache, &spans, 120.0).iter().map(line_text).collect();
        let again: Vec<String> = lines(&cache, &spans, 120.0).iter().map(line_text).collect();
        assert_eq!(first, again);
        // Another width, another style: broken anew.
        let wide = lines(&cache, &spans, 400.0);
        assert!(wide.len() < first.len());
        let bold = [Span::new(
            text,
            style().with_face(super::super::fonts::Face::Bold),
        )];
        lines(&cache, &bold, 120.0);
        assert_eq!(made, 3);
    }

    #[test]
    fn a_pass_never_waits_for_text_another_thread_is_breaking() {
        let cache = LineCache::default();
        let spans = [Span::new("Check the connection again", style())];
        let (started, on_start) = std::sync::mpsc::channel();
        let (go, on_go) = std::sync::mpsc::channel::<()>();
        let mut made_here = 0;
        let lines = std::thread::scope(|scope| {
            let helper = scope.spawn(|| {
                let (started, on_go) = (started, on_go);
                cache.break_unclaimed(&spans, 400.0, || {
                    let _ = started.send(());
                    // Held until the pass has its lines: a pass that waited would hang here.
                    let _ = on_go.recv();
                    break_lines(&spans, 400.0, &mut Shaper::new())
                })
            });
            on_start.recv().expect("the helper starts");
            let lines = cache.lines(&spans, 400.0, || {
                made_here += 1;
                break_lines(&spans, 400.0, &mut Shaper::new())
            });
            let _ = go.send(());
            let _ = helper.join();
            lines
        });
        assert_eq!(made_here, 1);
        assert_eq!(line_text(&lines[0]), "Check the connection again");
        assert_eq!(cache.len(), 1);
        // The helper skips what is there already.
        cache.break_unclaimed(&spans, 400.0, || unreachable!("broken again"));
    }

    #[test]
    fn a_claim_whose_breaker_panicked_is_given_back() {
        let cache = LineCache::default();
        let spans = [Span::new("Save the settings", style())];
        let helper = std::thread::scope(|scope| {
            scope
                .spawn(|| cache.break_unclaimed(&spans, 120.0, || panic!("the helper fails")))
                .join()
        });
        assert!(helper.is_err());
        assert!(cache.is_empty(), "the claim stays behind");
        // The next thread to ask breaks it.
        let lines = cache.lines(&spans, 400.0, || {
            break_lines(&spans, 400.0, &mut Shaper::new())
        });
        assert_eq!(line_text(&lines[0]), "Save the settings");
        cache.break_unclaimed(&spans, 400.0, || unreachable!("broken again"));
    }
}
