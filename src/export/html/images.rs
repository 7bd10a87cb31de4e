//! Images as `data:` URIs, typed from their bytes, so the page needs no other file.

use base64::Engine as _;

/// The MIME type of an image the HTML page can embed, or `None` for anything else. Raster types are
/// recognised by their signature; SVG by its name and an `<svg` root (it is shown through `<img>`,
/// where its scripts never run).
pub fn mime_type(path: &str, bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if path.to_ascii_lowercase().ends_with(".svg") && looks_like_svg(bytes) {
        Some("image/svg+xml")
    } else {
        None
    }
}

fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    String::from_utf8_lossy(head).contains("<svg")
}

/// The image at `path` as a `data:` URI, or a message saying why it cannot be embedded.
pub fn data_uri(path: &str, bytes: &[u8]) -> Result<String, String> {
    let mime = mime_type(path, bytes).ok_or_else(|| {
        format!("image `{path}` is not a PNG, JPEG, GIF or SVG file, so it cannot be embedded")
    })?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    Ok(format!("data:{mime};base64,{encoded}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_images_by_content() {
        assert_eq!(
            mime_type("a.jpg", b"\x89PNG\r\n\x1a\nrest"),
            Some("image/png")
        );
        assert_eq!(
            mime_type("a.png", &[0xFF, 0xD8, 0xFF, 0xE0]),
            Some("image/jpeg")
        );
        assert_eq!(mime_type("a", b"GIF89a..."), Some("image/gif"));
        assert_eq!(
            mime_type("x/A.SVG", b"<?xml version=\"1.0\"?><svg/>"),
            Some("image/svg+xml")
        );
        assert_eq!(mime_type("a.svg", b"<html><script>"), None);
        assert_eq!(mime_type("a.txt", b"<svg>"), None);
    }

    #[test]
    fn encodes_base64() {
        assert_eq!(
            data_uri("a.gif", b"GIF89a").as_deref(),
            Ok("data:image/gif;base64,R0lGODlh")
        );
        assert!(data_uri("a.bmp", b"BM").is_err());
    }
}
