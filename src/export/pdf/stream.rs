//! A page's content stream written straight into bytes, in the syntax printpdf gives its operations.
//!
//! printpdf turns each operation into lopdf objects and lopdf formats them back into text with
//! `std::fmt`: for a guide that was a fifth of the PDF's instructions, all of it on one core.
//! [`ContentStream`] writes the same operators with the same operands into one buffer while
//! the page is painted, and numbers through a shortest-round-trip formatter (`zmij`) that
//! prints what `{}` prints. Glyph runs are coalesced exactly as printpdf's serializer does (one
//! `Tm` and one kerned `TJ` per run of glyphs on one baseline in one font), so a viewer places
//! every glyph where printpdf's stream would. printpdf still assembles the document around
//! these streams (see [`super::render`]).

use printpdf::{CurTransMat, XObjectTransform};

use super::deflate::Packed;
use super::fonts::Face;
use super::syntax::{hex_string, name, real};
use super::theme::Rgb;

/// How a rectangle is painted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paint {
    /// Filled (`f`).
    Fill,
    /// Outlined (`S`).
    Stroke,
    /// Filled and outlined (`B`).
    FillStroke,
}

/// A run of glyphs on one baseline in one font and size, written as one `Tm` and one `TJ`.
struct GlyphRun {
    /// The text matrix the run starts at.
    matrix: [f32; 6],
    face: Face,
    size: f32,
    /// Where the viewer's pen is after the glyphs written so far, relative to the run's origin,
    /// in thousandths of an em (advanced by the same integer widths the font's `/W` holds).
    pen: f64,
    /// The `TJ` array's elements, written.
    array: Vec<u8>,
    /// Whether `array` holds an element (a number after one needs a space).
    has_items: bool,
}

/// One page's content stream.
#[derive(Default)]
pub struct ContentStream {
    out: Vec<u8>,
    /// Whether an operation has been written (operations are separated by newlines).
    started: bool,
    /// Inside `BT` … `ET`.
    in_text: bool,
    /// The font in force (`Tf`).
    font: Option<(Face, f32)>,
    /// A `Tm` not yet written: the next glyphs decide whether it starts or extends a run.
    pending_matrix: Option<[f32; 6]>,
    run: Option<GlyphRun>,
}

impl ContentStream {
    /// An empty stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// The stream's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        self.flush();
        self.out
    }

    /// Writes what the glyph-run merger holds back, before any other operation.
    fn flush(&mut self) {
        if let Some(run) = self.run.take() {
            self.matrix_op(run.matrix, b"Tm");
            self.begin_op();
            self.out.push(b'[');
            self.out.extend_from_slice(&run.array);
            self.out.extend_from_slice(b"] TJ");
        }
        if let Some(matrix) = self.pending_matrix.take() {
            self.matrix_op(matrix, b"Tm");
        }
    }

    /// Starts an operation: a newline after the previous one.
    fn begin_op(&mut self) {
        if self.started {
            self.out.push(b'\n');
        }
        self.started = true;
    }

    /// A whole operation without operands (`q`, `BT`, `EMC`, …).
    fn bare(&mut self, operator: &[u8]) {
        self.flush();
        self.begin_op();
        self.out.extend_from_slice(operator);
    }

    /// An operation whose operands are numbers.
    fn numbers_op(&mut self, numbers: &[f32], operator: &[u8]) {
        self.flush();
        self.begin_op();
        for &number in numbers {
            real(&mut self.out, number);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(operator);
    }

    fn matrix_op(&mut self, matrix: [f32; 6], operator: &[u8]) {
        self.begin_op();
        for number in matrix {
            real(&mut self.out, number);
            self.out.push(b' ');
        }
        self.out.extend_from_slice(operator);
    }

    /// `q`.
    pub fn save(&mut self) {
        self.bare(b"q");
    }

    /// `Q`.
    pub fn restore(&mut self) {
        self.bare(b"Q");
    }

    /// `BT`.
    pub fn begin_text(&mut self) {
        self.bare(b"BT");
        self.in_text = true;
    }

    /// `ET`.
    pub fn end_text(&mut self) {
        self.bare(b"ET");
        self.in_text = false;
    }

    /// `/Artifact BMC`.
    pub fn begin_artifact(&mut self) {
        self.flush();
        self.begin_op();
        self.out.extend_from_slice(b"/Artifact BMC");
    }

    /// `/Tag <</MCID n>> BDC`, or with the alternative text (UTF-16BE) before the id.
    pub fn begin_marked(&mut self, tag: &str, alt: Option<&[u8]>, mcid: u32) {
        self.flush();
        self.begin_op();
        name(&mut self.out, tag.as_bytes());
        self.out.extend_from_slice(b" <<");
        if let Some(alt) = alt {
            self.out.extend_from_slice(b"/Alt");
            hex_string(&mut self.out, alt);
        }
        self.out.extend_from_slice(b"/MCID ");
        self.out
            .extend_from_slice(itoa::Buffer::new().format(mcid).as_bytes());
        self.out.extend_from_slice(b">> BDC");
    }

    /// `EMC`.
    pub fn end_marked(&mut self) {
        self.bare(b"EMC");
    }

    /// `r g b rg`.
    pub fn fill_color(&mut self, color: Rgb) {
        self.numbers_op(&[color.0, color.1, color.2], b"rg");
    }

    /// `r g b RG`.
    pub fn stroke_color(&mut self, color: Rgb) {
        self.numbers_op(&[color.0, color.1, color.2], b"RG");
    }

    /// `w`.
    pub fn line_width(&mut self, width: f32) {
        self.numbers_op(&[width], b"w");
    }

    /// `1 J`: round caps.
    pub fn round_caps(&mut self) {
        self.bare(b"1 J");
    }

    /// `[dashes] phase d`.
    pub fn dash(&mut self, dashes: &[f32], phase: f32) {
        self.flush();
        self.begin_op();
        self.out.push(b'[');
        for (i, &dash) in dashes.iter().enumerate() {
            if i > 0 {
                self.out.push(b' ');
            }
            real(&mut self.out, dash);
        }
        self.out.extend_from_slice(b"] ");
        real(&mut self.out, phase);
        self.out.extend_from_slice(b" d");
    }

    /// A straight line stroked from `from` to `to` (`m`, `l`, `S`).
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32)) {
        self.numbers_op(&[from.0, from.1], b"m");
        self.numbers_op(&[to.0, to.1], b"l");
        self.bare(b"S");
    }

    /// A rectangle from its lower left corner (`re`, then how it is painted).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, paint: Paint) {
        self.numbers_op(&[x, y, w, h], b"re");
        self.bare(match paint {
            Paint::Fill => b"f",
            Paint::Stroke => b"S",
            Paint::FillStroke => b"B",
        });
    }

    /// Draws image XObject `resource` placed by `transform` (`q`, `cm`, `Do`, `Q`); the matrix
    /// is combined by printpdf's own code.
    pub fn image(&mut self, resource: &str, transform: &XObjectTransform) {
        let mut matrix = CurTransMat::Identity;
        for step in transform.get_ctms(None) {
            matrix = CurTransMat::Raw(CurTransMat::combine_matrix(
                matrix.as_array(),
                step.as_array(),
            ));
        }
        self.bare(b"q");
        self.numbers_op(&matrix.as_array(), b"cm");
        self.begin_op();
        name(&mut self.out, resource.as_bytes());
        self.out.extend_from_slice(b" Do");
        self.bare(b"Q");
    }

    /// `/Font size Tf`.
    pub fn set_font(&mut self, face: Face, size: f32) {
        self.flush();
        self.begin_op();
        name(&mut self.out, face.resource_name().as_bytes());
        self.out.push(b' ');
        real(&mut self.out, size);
        self.out.extend_from_slice(b" Tf");
        self.font = Some((face, size));
    }

    /// `1 0 0 1 x y Tm`, held back: glyphs that follow on the same baseline in the same font
    /// extend the run before them.
    pub fn text_position(&mut self, x: f32, y: f32) {
        let matrix = [1.0, 0.0, 0.0, 1.0, x, y];
        if !self.in_text {
            self.flush();
            self.matrix_op(matrix, b"Tm");
            return;
        }
        if let Some(held) = self.pending_matrix.take() {
            self.matrix_op(held, b"Tm");
        }
        self.pending_matrix = Some(matrix);
    }

    /// Shows glyphs: (code in the subset font, width in thousandths of an em as the font's
    /// `/W` gives it, adjustment after it in thousandths of an em).
    pub fn show(&mut self, glyphs: impl IntoIterator<Item = (u16, i64, f32)>) {
        let mergeable = self.in_text
            && (self.pending_matrix.is_some() || self.run.is_some())
            && self.font.is_some_and(|(_, size)| size > 0.0);
        let Some((face, size)) = self.font.filter(|_| mergeable) else {
            // Written as it comes (printpdf does the same outside the pattern above).
            self.flush();
            self.begin_op();
            self.out.push(b'[');
            let mut has_items = false;
            for (code, _, offset) in glyphs {
                push_glyph(&mut self.out, &mut has_items, code, offset);
            }
            self.out.extend_from_slice(b"] TJ");
            return;
        };
        let run = match (self.pending_matrix.take(), self.run.take()) {
            // On the run's baseline in its font: a kern moves the pen from where the last glyph
            // left it to this x.
            (Some(matrix), Some(mut run))
                if run.matrix[5] == matrix[5] && run.face == face && run.size == size =>
            {
                let dx_em =
                    (f64::from(matrix[4]) - f64::from(run.matrix[4])) * 1000.0 / f64::from(size);
                let kern = (run.pen - dx_em) as f32;
                if kern != 0.0 {
                    push_number(&mut run.array, &mut run.has_items, kern);
                    run.pen -= f64::from(kern);
                }
                run
            }
            // Elsewhere: the run before is written and a new one starts here.
            (Some(matrix), open) => {
                self.run = open;
                self.flush();
                GlyphRun {
                    matrix,
                    face,
                    size,
                    pen: 0.0,
                    array: Vec::new(),
                    has_items: false,
                }
            }
            // Continues at the pen, only in the run's own font.
            (None, Some(run)) if run.face == face && run.size == size => run,
            (None, open) => {
                self.run = open;
                self.font = None;
                self.show(glyphs);
                self.font = Some((face, size));
                return;
            }
        };
        let run = self.run.insert(run);
        for (code, width, offset) in glyphs {
            push_glyph(&mut run.array, &mut run.has_items, code, offset);
            run.pen += width as f64;
            if offset != 0.0 {
                run.pen -= f64::from(offset);
            }
        }
    }
}

/// Puts each page's content stream (in page order, deflated already) in place of the one
/// printpdf wrote.
pub fn put_contents(doc: &mut lopdf::Document, contents: Vec<Packed>) -> Result<(), String> {
    let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
    if pages.len() != contents.len() {
        return Err(format!(
            "the PDF has {} pages for {} painted pages",
            pages.len(),
            contents.len()
        ));
    }
    for (page, content) in pages.into_iter().zip(contents) {
        let stream = doc
            .get_dictionary(page)
            .and_then(|page| page.get(b"Contents"))
            .and_then(lopdf::Object::as_reference)
            .and_then(|id| doc.get_object_mut(id))
            .and_then(lopdf::Object::as_stream_mut)
            .map_err(|e| format!("a page's content stream cannot be found: {e}"))?;
        content.put(stream);
    }
    Ok(())
}

/// A glyph's code as a hex string, then its adjustment when there is one.
fn push_glyph(array: &mut Vec<u8>, has_items: &mut bool, code: u16, offset: f32) {
    hex_string(array, &code.to_be_bytes());
    *has_items = true;
    if offset != 0.0 {
        push_number(array, has_items, offset);
    }
}

/// A number in a `TJ` array (a space before it unless it comes first).
fn push_number(array: &mut Vec<u8>, has_items: &mut bool, number: f32) {
    if *has_items {
        array.push(b' ');
    }
    real(array, number);
    *has_items = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyphs_on_one_baseline_become_one_kerned_run() {
        let mut stream = ContentStream::new();
        stream.begin_text();
        stream.set_font(Face::Regular, 10.0);
        stream.text_position(72.0, 700.0);
        stream.show([(1, 500, 0.0), (2, 250, -12.5)]);
        // The pen is at 762.5 thousandths of an em = 7.625 pt: one more point on is a kern of -100.
        stream.text_position(72.0 + 8.625, 700.0);
        stream.show([(3, 600, 0.0)]);
        stream.text_position(72.0, 688.0);
        stream.show([(4, 600, 0.0)]);
        stream.end_text();
        assert_eq!(
            String::from_utf8(stream.finish()).expect("ASCII"),
            "BT\n/HDOCRA 10 Tf\n1 0 0 1 72 700 Tm\n[<0001><0002> -12.5 -100<0003>] TJ\n\
             1 0 0 1 72 688 Tm\n[<0004>] TJ\nET"
        );
    }
}
