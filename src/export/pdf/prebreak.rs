//! Breaks a publication's text on a second core, from its end, while the layout's first pass
//! breaks it from the start.
//!
//! Line breaking (shaping, UAX #14, hyphenation) is most of the first layout pass, and each
//! paragraph's lines depend only on its spans and width. So a helper thread lists what the
//! pass will ask for (a [`Breaking::Recorded`] flow over the same body, which costs a fraction
//! of a real pass), then breaks those texts last first into the shared [`LineCache`]. The pass
//! finds the helper's lines when it gets there and breaks the rest itself, never waiting for the
//! helper; the two meet in the middle. Whoever breaks a text, the lines are the same, so the PDF
//! does not depend on timing.
//!
//! The helper (like the page deflater and the check's warm-up) runs at the normal priority: the
//! layout joins it at the end, and a thread the critical path waits for must not be starved.
//! At nice 19 (tried), four busy processes on a two-core machine left the helpers almost no
//! CPU, and the guide's build took 3.4 times as long as at the normal priority (276 against
//! 82 ms, median of 21 interleaved rounds); on an idle machine the two were equal.

use crate::resolve::{ImageStore, ResolvedPublication};

use super::flow::{Breaking, Flow, Images, break_text};
use super::fonts::Shaper;
use super::linebreak::LineCache;
use super::text::Span;
use super::theme::Theme;
use super::topics::{self, PageRefs};

/// The longest text the helper breaks, in bytes. The pass never waits for the helper, so when
/// both reach one text at once it is broken twice: that must cost little (a huge pasted log or
/// unbroken token broken twice at once would double the memory its breaking takes). A guide's
/// paragraphs are far shorter.
const MAX_AHEAD_BYTES: usize = 4096;

/// Lists the text the body's first pass will break, and breaks it into `cache`, last first,
/// skipping what is there or claimed already (what the pass has reached, or what this helper
/// broke for a later occurrence).
pub fn break_ahead(
    publication: &ResolvedPublication,
    store: &ImageStore,
    theme: &Theme,
    cache: &LineCache,
) {
    let mut shaper = Shaper::new();
    let wanted = {
        // Images are not decoded: a recording flow needs no pixels (and the pass decodes them).
        let mut images = Images::undecoded();
        // The first pass knows no page numbers yet.
        let refs = PageRefs::new();
        let recording = Breaking::Recorded(Vec::new());
        let mut flow = Flow::new(theme, &mut shaper, recording, store, &mut images, &refs);
        topics::publication(&mut flow, publication, &refs);
        flow.take_recorded()
    };
    let short = wanted
        .iter()
        .filter(|(spans, _)| text_len(spans) <= MAX_AHEAD_BYTES);
    for (spans, width) in short.rev() {
        cache.break_unclaimed(spans, *width, || break_text(spans, *width, &mut shaper));
    }
}

fn text_len(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.text.len()).sum()
}
