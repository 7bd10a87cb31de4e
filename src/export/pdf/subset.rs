//! Font subsetting: each face is cut down to the glyphs one document uses, and glyph ids are renumbered to match.
//!
//! helpdoc shapes text itself (harfrust, on the full fonts), so it knows every glyph a
//! document draws before anything is written. Subsetting here, rather than in printpdf, is
//! what lets printpdf run without its `text_layout` feature, which would pull in a whole
//! layout engine (the azul crates) only to reach its subsetter. allsorts, which does the
//! work, is a dependency of printpdf either way.

use std::collections::BTreeSet;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{CmapTarget, SubsetProfile, subset};
use printpdf::ParsedFont;
use rayon::prelude::*;

use super::deflate::Packed;
use super::fonts::Face;
use super::layout::{Item, Page};

/// Which glyphs of each face one document keeps, and the renumbering its glyph ids go through.
/// Known as soon as the pages are laid out, so the pages can be painted while the fonts are cut.
pub struct Subsets {
    /// Per face, the glyph ids kept, in subset order (`.notdef` first); empty when unused.
    ids: Vec<Vec<u16>>,
    /// Per face, original glyph id → subset glyph id (dense; unused ids map to 0).
    remap: Vec<Vec<u16>>,
}

impl Subsets {
    /// The glyphs each face draws on `pages`.
    pub fn of(pages: &[Page]) -> Subsets {
        let mut ids = Vec::with_capacity(Face::ALL.len());
        let mut remap = Vec::with_capacity(Face::ALL.len());
        for used in used_glyphs(pages) {
            if used.is_empty() {
                ids.push(Vec::new());
                remap.push(Vec::new());
                continue;
            }
            // `.notdef` first, no duplicates: allsorts requires both, and gives requested
            // glyph `i` the id `i` in the subset (composite parts are appended after them).
            let kept: Vec<u16> = std::iter::once(0)
                .chain(used.iter().copied().filter(|&gid| gid != 0))
                .collect();
            let len = kept.iter().copied().max().map_or(0, usize::from) + 1;
            let mut table = vec![0; len];
            for (new, &old) in kept.iter().enumerate() {
                table[usize::from(old)] = u16::try_from(new).unwrap_or(0);
            }
            ids.push(kept);
            remap.push(table);
        }
        Subsets { ids, remap }
    }

    /// The id glyph `gid` of the full `face` has in this document's subset of it.
    pub fn gid(&self, face: Face, gid: u16) -> u16 {
        self.remap
            .get(face as usize)
            .and_then(|table| table.get(usize::from(gid)))
            .copied()
            .unwrap_or(0)
    }

    /// One subset font per face the document uses, in [`Face::ALL`] order; the faces are cut
    /// on every core, and each font program is deflated as soon as it is cut (this runs
    /// while the pages are painted).
    pub fn fonts(&self) -> Result<Vec<Cut>, String> {
        let faces: Vec<(Face, &[u16])> = (Face::ALL.into_iter())
            .zip(&self.ids)
            .filter(|(_, ids)| !ids.is_empty())
            .map(|(face, ids)| (face, ids.as_slice()))
            .collect();
        faces
            .into_par_iter()
            .map(|(face, ids)| subset_font(face, ids))
            .collect()
    }
}

/// One face cut down to a document's glyphs.
pub struct Cut {
    /// The face.
    pub face: Face,
    /// The subset, as printpdf reads it.
    pub font: ParsedFont,
    /// The subset's bytes (printpdf embeds them as they are, as the `/FontFile2`), deflated.
    pub program: Packed,
}

/// The PostScript name of a face: the `/BaseFont` after the subset tag.
fn postscript_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "NotoSans-Regular",
        Face::Bold => "NotoSans-Bold",
        Face::Italic => "NotoSans-Italic",
        Face::Mono => "NotoSansMono-Regular",
    }
}

/// The glyph ids each face draws on `pages`.
fn used_glyphs(pages: &[Page]) -> Vec<BTreeSet<u16>> {
    let mut used = vec![BTreeSet::new(); Face::ALL.len()];
    for page in pages {
        for item in &page.items {
            let Item::Text { line, .. } = item else {
                continue;
            };
            for fragment in &line.fragments {
                let set = &mut used[fragment.style.face as usize];
                for run in &fragment.runs {
                    set.extend(run.glyphs.iter().map(|g| g.gid));
                }
            }
        }
    }
    used
}

/// The subset of `face` holding glyphs `ids`.
fn subset_font(face: Face, ids: &[u16]) -> Result<Cut, String> {
    let bytes = subset_face(face, ids)
        .map_err(|e| format!("the embedded font {face:?} cannot be subset: {e}"))?;
    let mut font = ParsedFont::from_bytes(&bytes, 0, &mut Vec::new())
        .ok_or_else(|| format!("the subset of the embedded font {face:?} cannot be read"))?;
    // printpdf writes `font_name` as the `/BaseFont`; the tag says the program is a subset
    // (ISO 32000-1, 9.6.4) and is fixed so the same document gets the same bytes.
    font.font_name = Some(format!(
        "{}+{}",
        face.resource_name(),
        postscript_name(face)
    ));
    Ok(Cut {
        face,
        font,
        program: Packed::new(bytes),
    })
}

fn subset_face(face: Face, ids: &[u16]) -> Result<Vec<u8>, String> {
    let font_file = ReadScope::new(face.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = font_file.table_provider(0).map_err(|e| e.to_string())?;
    subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode).map_err(|e| e.to_string())
}
