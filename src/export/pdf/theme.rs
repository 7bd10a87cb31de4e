//! Page geometry, type sizes and colours, from the publication's `formats.pdf` options.

use crate::model::{PageSize, PdfOptions};

/// An RGB colour, each channel 0..=1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rgb(pub f32, pub f32, pub f32);

impl Rgb {
    /// Parses `#RRGGBB` (or `RRGGBB`).
    pub fn parse(hex: &str) -> Option<Rgb> {
        let hex = hex.trim().trim_start_matches('#');
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| {
            u8::from_str_radix(&hex[i..i + 2], 16)
                .map(|v| f32::from(v) / 255.0)
                .ok()
        };
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    /// Mixes this colour with white: `amount` 0 keeps it, 1 gives white.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: f32| c + (1.0 - c) * amount;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Everything that decides how the pages look. Points throughout (1/72 in).
#[derive(Debug, Clone)]
pub struct Theme {
    /// Page width.
    pub page_width: f32,
    /// Page height.
    pub page_height: f32,
    /// Top margin (the running header sits inside it).
    pub margin_top: f32,
    /// Bottom margin (the footer sits inside it).
    pub margin_bottom: f32,
    /// Left margin.
    pub margin_left: f32,
    /// Right margin.
    pub margin_right: f32,
    /// Body text size.
    pub body_size: f32,
    /// Body line height as a multiple of the size.
    pub leading: f32,
    /// Headings, rules and the cover band.
    pub accent: Rgb,
    /// Body text.
    pub text: Rgb,
    /// Secondary text (header, footer, captions).
    pub muted: Rgb,
    /// Topic summaries and step results.
    pub summary: Rgb,
    /// Link text.
    pub link: Rgb,
    /// The document language (BCP 47), for the catalog's `/Lang`.
    pub language: String,
}

impl Theme {
    /// The theme for a publication's PDF options.
    pub fn from_options(options: &PdfOptions) -> Theme {
        let (page_width, page_height) = match options.page_size {
            PageSize::A4 => (595.276, 841.89),
            PageSize::Letter => (612.0, 792.0),
        };
        let mm = 72.0 / 25.4;
        let margin = |value: Option<f32>, default: f32| {
            value
                .filter(|v| v.is_finite() && *v >= 5.0 && *v <= 60.0)
                .map_or(default * mm, |v| v * mm)
        };
        let margins = options.margins_mm.clone().unwrap_or_default();
        Theme {
            page_width,
            page_height,
            margin_top: margin(margins.top, 25.0),
            margin_bottom: margin(margins.bottom, 25.0),
            margin_left: margin(margins.left, 22.0),
            margin_right: margin(margins.right, 22.0),
            body_size: options
                .font_size
                .filter(|s| s.is_finite() && (7.0..=14.0).contains(s))
                .unwrap_or(10.0),
            leading: 1.45,
            accent: options
                .accent_color
                .as_deref()
                .and_then(Rgb::parse)
                .unwrap_or(Rgb(0.086, 0.286, 0.459)),
            text: Rgb(0.11, 0.11, 0.13),
            muted: Rgb(0.42, 0.44, 0.47),
            summary: Rgb(0.27, 0.29, 0.33),
            link: options
                .link_color
                .as_deref()
                .and_then(Rgb::parse)
                .unwrap_or(Rgb(0.05, 0.36, 0.68)),
            language: options.language.clone().unwrap_or_else(|| "en".to_string()),
        }
    }

    /// Left edge of the text column.
    pub fn left(&self) -> f32 {
        self.margin_left
    }

    /// Width of the text column.
    pub fn text_width(&self) -> f32 {
        self.page_width - self.margin_left - self.margin_right
    }

    /// Top of the body area (from the top of the page).
    pub fn body_top(&self) -> f32 {
        self.margin_top
    }

    /// Bottom of the body area (from the top of the page).
    pub fn body_bottom(&self) -> f32 {
        self.page_height - self.margin_bottom
    }
}
