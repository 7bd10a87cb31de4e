//! Decodes content images for the PDF: PNG to RGB pixels (alpha flattened onto white).

use printpdf::{RawImage, RawImageData, RawImageFormat};

/// A decoded image, ready to embed.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// Width in pixels.
    pub width: usize,
    /// Height in pixels.
    pub height: usize,
    /// RGB, 8 bits per channel, row by row.
    pub rgb: Vec<u8>,
}

impl Decoded {
    /// The printpdf image.
    pub fn to_raw(&self) -> RawImage {
        RawImage {
            pixels: RawImageData::U8(self.rgb.clone()),
            width: self.width,
            height: self.height,
            data_format: RawImageFormat::RGB8,
            tag: Vec::new(),
        }
    }
}

/// Decodes a PNG. Other formats (JPEG, GIF, SVG) are not embedded yet: the caller shows the
/// alternative text in their place and warns.
pub fn decode(path: &str, bytes: &[u8]) -> Result<Decoded, String> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Err(format!(
            "image `{path}` is not a PNG; the PDF shows its alternative text instead (convert it to PNG to embed it)"
        ));
    }
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(bytes),
        png::Limits {
            bytes: 128 * 1024 * 1024,
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let fail = |e: png::DecodingError| format!("image `{path}` cannot be decoded: {e}");
    let mut reader = decoder.read_info().map_err(fail)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| format!("image `{path}` is too large"))?;
    let mut buf = vec![0; size];
    let info = reader.next_frame(&mut buf).map_err(fail)?;
    let (width, height) = (info.width as usize, info.height as usize);
    let channels = match info.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => {
            return Err(format!("image `{path}` has an unsupported palette layout"));
        }
    };
    let mut rgb = Vec::with_capacity(width * height * 3);
    for row in buf.chunks(info.line_size).take(height) {
        for px in row.chunks(channels).take(width) {
            let (r, g, b, a) = match channels {
                1 => (px[0], px[0], px[0], 255),
                2 => (px[0], px[0], px[0], px[1]),
                3 => (px[0], px[1], px[2], 255),
                _ => (px[0], px[1], px[2], px[3]),
            };
            let over_white =
                |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8;
            rgb.extend([over_white(r), over_white(g), over_white(b)]);
        }
    }
    if width == 0 || height == 0 || rgb.len() != width * height * 3 {
        return Err(format!("image `{path}` has no pixels"));
    }
    Ok(Decoded { width, height, rgb })
}
