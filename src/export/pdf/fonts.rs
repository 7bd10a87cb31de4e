//! The embedded font family (Noto Sans, OFL): loading, metrics, and HarfBuzz shaping with a cache.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::OnceLock;

use foldhash::fast::RandomState;
use harfrust::{Buffer, Direction, Font, ShapeOptions, ShapePlan, ShaperFont};

/// One face of the family. The PDF gets one embedded, subset font per face that is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Body text.
    Regular,
    /// Headings and UI labels.
    Bold,
    /// Screen names and emphasis.
    Italic,
    /// Code and exact strings.
    Mono,
}

impl Face {
    /// Every face, in resource order.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::Mono];

    fn index(self) -> usize {
        self as usize
    }

    /// The font file, compiled into the binary so helpdoc runs with nothing beside it.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf"),
            Face::Bold => include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf"),
            Face::Italic => include_bytes!("../../../assets/fonts/NotoSans-Italic.ttf"),
            Face::Mono => include_bytes!("../../../assets/fonts/NotoSansMono-Regular.ttf"),
        }
    }

    /// The resource name in the PDF. printpdf uses its first six letters as the subset tag
    /// (`HDOCRA+NotoSans-Regular`), so it is fixed here rather than drawn from printpdf's
    /// process-global counter: the same document gets the same bytes whatever was built before.
    pub fn resource_name(self) -> &'static str {
        match self {
            Face::Regular => "HDOCRA",
            Face::Bold => "HDOCBA",
            Face::Italic => "HDOCIA",
            Face::Mono => "HDOCMA",
        }
    }
}

/// Vertical metrics of a face, as fractions of the font size.
#[derive(Debug, Clone, Copy)]
pub struct FaceMetrics {
    /// Design units per em.
    pub units_per_em: f32,
    /// Height above the baseline.
    pub ascender: f32,
    /// Depth below the baseline (positive).
    pub descender: f32,
}

struct Loaded {
    fonts: Vec<Font>,
    metrics: Vec<FaceMetrics>,
}

fn loaded() -> Result<&'static Loaded, String> {
    static LOADED: OnceLock<Result<Loaded, String>> = OnceLock::new();
    LOADED
        .get_or_init(|| {
            let mut fonts = Vec::new();
            let mut metrics = Vec::new();
            for face in Face::ALL {
                let font = Font::new(face.bytes(), 0)
                    .ok_or_else(|| format!("the embedded font for {face:?} cannot be read"))?;
                let m = font.metrics();
                let upem = f32::from(m.units_per_em);
                let (asc, desc) = m
                    .hhea_line
                    .as_ref()
                    .map(|l| (l.ascender.to_f32(), -l.descender.to_f32()))
                    .unwrap_or((0.8 * upem, 0.2 * upem));
                metrics.push(FaceMetrics {
                    units_per_em: upem,
                    ascender: asc / upem,
                    descender: desc / upem,
                });
                fonts.push(font);
            }
            Ok(Loaded { fonts, metrics })
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// Checks once that every embedded font can be read (a broken build fails with a message,
/// not a panic).
pub fn check_fonts() -> Result<(), String> {
    loaded().map(|_| ())
}

/// The vertical metrics of a face.
pub fn metrics(face: Face) -> FaceMetrics {
    loaded()
        .map(|l| l.metrics[face.index()])
        .unwrap_or(FaceMetrics {
            units_per_em: 1000.0,
            ascender: 0.8,
            descender: 0.2,
        })
}

/// One shaped glyph.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Glyph id in the face.
    pub gid: u16,
    /// Advance after shaping (kerning included), in font units.
    pub advance: i32,
    /// The advance the PDF viewer will apply from the font's widths, in font units.
    pub nominal: i32,
    /// The text this glyph stands for (the whole cluster, on its first glyph), so that a
    /// ligature copies as the letters it joins.
    pub text: Option<Arc<str>>,
}

/// A shaped piece of text in one face.
#[derive(Debug, Clone, Default)]
pub struct ShapedRun {
    /// The glyphs, in visual (left-to-right) order.
    pub glyphs: Vec<Glyph>,
    /// Sum of the shaped advances, in font units.
    pub advance: i32,
    /// Width of the run for each cluster end, for breaking a long token anywhere:
    /// (byte offset in the text after the cluster, advance up to there).
    pub cluster_ends: Vec<(usize, i32)>,
}

impl ShapedRun {
    /// The width at a font size, in points.
    pub fn width(&self, face: Face, size: f32) -> f32 {
        self.advance as f32 * size / metrics(face).units_per_em
    }
}

/// The longest text [`Shaper::shape`] caches, in bytes.
const MAX_CACHED_BYTES: usize = 64;

/// Shapes text, remembering each (face, text) it has shaped: a guide repeats the same words
/// ("Click", "Save", "the") thousands of times. (foldhash is quicker than SipHash on words; its
/// seed is random, so content cannot be written to collide, and as the cache is only looked up,
/// never iterated, the seed cannot change the output.)
#[derive(Default)]
pub struct Shaper {
    cache: [HashMap<Box<str>, Arc<ShapedRun>, RandomState>; 4],
    plans: Vec<(Face, Option<harfrust::Script>, ShapePlan)>,
    buffer: Option<Buffer>,
}

impl Shaper {
    /// A shaper with an empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// Shapes `text` in `face`, cached when it is word-sized (longer texts rarely repeat, and
    /// caching them would keep a copy of every long text the document holds).
    pub fn shape(&mut self, face: Face, text: &str) -> Arc<ShapedRun> {
        if let Some(run) = self.cache[face.index()].get(text) {
            return run.clone();
        }
        if text.len() > MAX_CACHED_BYTES {
            return Arc::new(self.shape_uncached(face, text));
        }
        let run = Arc::new(self.shape_uncached(face, text));
        self.cache[face.index()].insert(Box::from(text), run.clone());
        run
    }

    /// The width of `text` in `face` at `size`, in points.
    pub fn width(&mut self, face: Face, size: f32, text: &str) -> f32 {
        self.shape(face, text).width(face, size)
    }

    /// Shapes `text` in `face` without looking at or filling the cache.
    pub fn shape_uncached(&mut self, face: Face, text: &str) -> ShapedRun {
        let Ok(loaded) = loaded() else {
            return ShapedRun::default();
        };
        if text.is_empty() {
            return ShapedRun::default();
        }
        let font = &loaded.fonts[face.index()];
        let shaper = ShaperFont::new(font);
        let mut buffer = self.buffer.take().unwrap_or_default();
        buffer.clear();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        // Layout is left to right; bidi reordering is out of scope, so shape every run LTR.
        buffer.set_direction(Direction::LeftToRight);
        let script = buffer.script();
        let plan_index = match self
            .plans
            .iter()
            .position(|(f, s, _)| *f == face && *s == script)
        {
            Some(i) => i,
            None => {
                let plan = ShapePlan::new(font, Direction::LeftToRight, script, None, &[]);
                self.plans.push((face, script, plan));
                self.plans.len() - 1
            }
        };
        let plan = &self.plans[plan_index].2;
        let mut out = ShapedRun::default();
        if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(plan))).is_ok() {
            let infos = buffer.glyph_infos();
            let positions = buffer.glyph_positions();
            let mut ends: Vec<usize> = infos.iter().map(|i| i.cluster as usize).collect();
            ends.push(text.len());
            let mut advance = 0;
            for (i, (info, pos)) in infos.iter().zip(positions).enumerate() {
                let start = info.cluster as usize;
                let first_of_cluster = i == 0 || infos[i - 1].cluster != info.cluster;
                let end = ends[i + 1..]
                    .iter()
                    .copied()
                    .find(|&e| e > start)
                    .unwrap_or(text.len());
                let gid = u16::try_from(info.glyph_id).unwrap_or(0);
                let nominal = shaper.glyph_h_advance(harfrust::GlyphId::new(info.glyph_id));
                let cluster_text = text.get(start..end).filter(|_| first_of_cluster);
                out.glyphs.push(Glyph {
                    gid,
                    advance: pos.x_advance,
                    nominal,
                    text: cluster_text.map(Arc::from),
                });
                advance += pos.x_advance;
                let last_of_cluster = infos.get(i + 1).is_none_or(|n| n.cluster != info.cluster);
                if last_of_cluster {
                    out.cluster_ends.push((end, advance));
                }
            }
            out.advance = advance;
        }
        buffer.clear();
        self.buffer = Some(buffer);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ligatures_keep_their_text_and_kerning_changes_widths() {
        let mut shaper = Shaper::new();
        let run = shaper.shape(Face::Regular, "office");
        let text: String = run
            .glyphs
            .iter()
            .filter_map(|g| g.text.as_deref())
            .collect();
        assert_eq!(text, "office");
        let kerned = shaper.shape(Face::Regular, "AV");
        let nominal: i32 = kerned.glyphs.iter().map(|g| g.nominal).sum();
        assert!(kerned.advance < nominal, "AV is kerned in Noto Sans");
    }
}
