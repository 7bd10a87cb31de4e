//! Whether an SVG image could run code, or make a browser do work out of proportion, where it is published.
//!
//! An SVG is a document, not only a picture. The Markdown exporter copies images into the
//! Docusaurus site, which serves the larger ones as files from the site's own origin: opened
//! there (a reader's "open image in new tab"), an SVG's `<script>`, event handler attributes and
//! `javascript:` links run with the site's cookies and storage. So `check` reads every SVG the
//! content shows and refuses active content in it, as it refuses unsafe link addresses in text:
//! scripts and the elements that load other documents, `on…` attributes, link addresses with a
//! scheme other than the ones text may link to (or a `data:` picture), animations that rewrite a
//! link or a handler, style sheets loaded from elsewhere, a document type that declares more than
//! plain text entities (an entity's value or an attribute default can hide all of the above, and
//! nested entities a few hundred bytes long expand to gigabytes; Adobe Illustrator declares its
//! namespaces as plain entities, so those stay), and an encoding other than UTF-8 (which the
//! browser would read differently from this check).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::model::url::has_allowed_scheme;

/// What makes an SVG image unsafe to publish, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgProblem {
    /// What the image holds, e.g. "a script (`<script>`)".
    pub what: String,
    /// The line of the image file it is on (1-based).
    pub line: usize,
}

/// Elements that run code or load another document into the image.
const ACTIVE_ELEMENTS: [&str; 10] = [
    "script", "handler", "listener", "iframe", "frame", "embed", "object", "applet", "base", "meta",
];

/// Attributes that hold an address the browser follows or loads (`base` is `xml:base`).
const ADDRESS_ATTRIBUTES: [&str; 6] = ["href", "src", "action", "formaction", "data", "base"];

/// The first thing in `bytes` (an SVG file) that makes it unsafe to publish, if any; also what
/// keeps it from being an SVG a browser shows (not UTF-8, not well-formed XML, no `<svg>` root).
pub fn svg_problem(bytes: &[u8]) -> Option<SvgProblem> {
    let at = |offset: usize, what: String| SvgProblem {
        what,
        line: line_of(bytes, offset),
    };
    if let Err(error) = std::str::from_utf8(bytes) {
        return Some(at(
            error.valid_up_to(),
            "bytes that are not UTF-8 text".into(),
        ));
    }
    let mut reader = Reader::from_reader(bytes);
    let mut root_seen = false;
    loop {
        let start = offset(&reader);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let offset = usize::try_from(reader.error_position()).unwrap_or(start);
                return Some(at(offset, format!("XML that is not well-formed ({error})")));
            }
        };
        match event {
            Event::Start(element) | Event::Empty(element) => {
                if !root_seen {
                    root_seen = true;
                    if !element.local_name().as_ref().eq_ignore_ascii_case(b"svg") {
                        let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
                        return Some(at(start, format!("a `<{name}>` root, not `<svg>`")));
                    }
                }
                if let Some(what) = active_element(&element) {
                    return Some(at(start, what));
                }
            }
            Event::DocType(doctype) if !plain_document_type(&doctype) => {
                return Some(at(
                    start,
                    "a document type declaring more than plain text entities (`<!DOCTYPE … [`)"
                        .into(),
                ));
            }
            Event::Decl(declaration) if !declares_utf8(&declaration) => {
                return Some(at(
                    start,
                    "an XML declaration naming an encoding other than UTF-8".into(),
                ));
            }
            Event::PI(instruction) if contains(&instruction, b"xml-stylesheet") => {
                return Some(at(
                    start,
                    "a style sheet loaded from elsewhere (`<?xml-stylesheet`)".into(),
                ));
            }
            Event::Eof if !root_seen => return Some(at(0, "no `<svg>` element".into())),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// What is active about one element (its name, an attribute, an address), if anything.
fn active_element(element: &BytesStart<'_>) -> Option<String> {
    let name = String::from_utf8_lossy(element.name().as_ref()).into_owned();
    let local = String::from_utf8_lossy(element.local_name().as_ref()).to_ascii_lowercase();
    if ACTIVE_ELEMENTS.contains(&local.as_str()) {
        return Some(format!(
            "a `<{name}>` element, which runs code or loads a document"
        ));
    }
    let animates = matches!(local.as_str(), "set" | "animate");
    for attribute in element.attributes().with_checks(false) {
        let Ok(attribute) = attribute else {
            return Some(format!("a `<{name}>` element with a malformed attribute"));
        };
        let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
        let key_local =
            String::from_utf8_lossy(attribute.key.local_name().as_ref()).to_ascii_lowercase();
        if is_handler_name(&key_local) {
            return Some(format!("an event handler (`{key}` on `<{name}>`)"));
        }
        let read = ADDRESS_ATTRIBUTES.contains(&key_local.as_str())
            || (animates && key_local == "attributename");
        if !read {
            continue;
        }
        // A reference to an entity the document declares (`&colon;`) would be expanded by the
        // browser into what this check does not see, so such a value is refused.
        let Ok(value) = attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0) else {
            return Some(format!(
                "`{key}` on `<{name}>` with a declared entity in its value"
            ));
        };
        if key_local == "attributename" {
            let target = value.rsplit(':').next().unwrap_or_default().trim();
            let target = target.to_ascii_lowercase();
            if is_handler_name(&target) || ADDRESS_ATTRIBUTES.contains(&target.as_str()) {
                return Some(format!("an animation that rewrites `{value}` (`<{name}>`)"));
            }
        } else if !safe_address(&value, matches!(local.as_str(), "image" | "feimage")) {
            return Some(format!(
                "the address `{}` (`{key}` on `<{name}>`)",
                crate::check::rules::text::shorten(&value, 60)
            ));
        }
    }
    None
}

/// Whether an attribute name (lowercased, without prefix) has the shape of an event handler's:
/// `on` and letters only (`onload`, `onanimationend`; not Inkscape's `only_selected`).
fn is_handler_name(name: &str) -> bool {
    name.strip_prefix("on")
        .is_some_and(|rest| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_alphabetic()))
}

/// Whether an address in an SVG may stay: a reference inside the image or beside it (no
/// scheme), a scheme text may link to, or a `data:` picture (PNG, JPEG, GIF, WebP; and SVG where
/// the element only shows a picture, `<image>` or `<feImage>`, in which scripts never run).
/// Browsers drop tabs, line breaks and leading spaces before they read a scheme, so they are
/// dropped here too.
fn safe_address(value: &str, shows_a_picture: bool) -> bool {
    let address: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let scheme_end = address.find(':');
    let path_start = address.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, path_start) {
        (Some(colon), Some(path)) => colon < path,
        (Some(_), None) => true,
        (None, _) => false,
    };
    if !has_scheme {
        return true;
    }
    let lower = address.to_ascii_lowercase();
    let picture = ["png", "jpeg", "gif", "webp", "svg+xml"]
        .iter()
        .filter(|kind| shows_a_picture || **kind != "svg+xml")
        .any(|kind| lower.starts_with(&format!("data:image/{kind}")));
    picture || has_allowed_scheme(&address)
}

/// Whether the document type declares nothing but plain text entities. Its internal subset
/// (between `[` and `]`) may hold only comments and `<!ENTITY name "value">` whose value has no
/// markup and no reference (`<`, `&`, `%`): anything else can hide active content from this
/// check (an entity whose value is `<script>`, a default `onload` from `<!ATTLIST`) or nest
/// entities. An external document type (`PUBLIC "…" "…"`) stays: browsers do not load it.
fn plain_document_type(doctype: &[u8]) -> bool {
    let Some(open) = doctype.iter().position(|&b| b == b'[') else {
        return !doctype.contains(&b'<') && !doctype.contains(&b'&') && !doctype.contains(&b'%');
    };
    let Some(subset) = doctype[open + 1..].trim_ascii_end().strip_suffix(b"]") else {
        return false;
    };
    let mut rest = subset.trim_ascii_start();
    while !rest.is_empty() {
        rest = if let Some(comment) = rest.strip_prefix(b"<!--") {
            match find(comment, b"-->") {
                Some(end) => &comment[end + 3..],
                None => return false,
            }
        } else if let Some(entity) = rest.strip_prefix(b"<!ENTITY") {
            match plain_entity(entity) {
                Some(after) => after,
                None => return false,
            }
        } else {
            return false;
        }
        .trim_ascii_start();
    }
    true
}

/// After `<!ENTITY`: the rest once a plain `name "value">` is read, or `None`.
fn plain_entity(declaration: &[u8]) -> Option<&[u8]> {
    let rest = declaration
        .strip_prefix(b" ")
        .or(declaration.strip_prefix(b"\t"))?;
    let rest = rest.trim_ascii_start();
    let name_end = rest.iter().position(|b| b.is_ascii_whitespace())?;
    let name = &rest[..name_end];
    if name.is_empty()
        || !name
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.:".contains(b))
    {
        return None;
    }
    let rest = rest[name_end..].trim_ascii_start();
    let quote = *rest.first().filter(|q| **q == b'"' || **q == b'\'')?;
    let value_end = rest[1..].iter().position(|&b| b == quote)? + 1;
    let value = &rest[1..value_end];
    if value.iter().any(|b| b"<&%".contains(b)) {
        return None;
    }
    rest[value_end + 1..].trim_ascii_start().strip_prefix(b">")
}

/// Whether an XML declaration names UTF-8 as the encoding, or none (browsers would decode the
/// bytes, read here as UTF-8, by the named encoding: in ISO-2022-JP an escape sequence can hide
/// a comment's opening and bring a script out of it).
fn declares_utf8(declaration: &quick_xml::events::BytesDecl<'_>) -> bool {
    match declaration.encoding() {
        None => true,
        Some(Ok(name)) => name.eq_ignore_ascii_case(b"utf-8"),
        Some(Err(_)) => false,
    }
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Whether `haystack` holds `needle`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

/// The reader's position as an index into its input.
fn offset(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The 1-based line of `offset` in `bytes`.
fn line_of(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    bytes[..end].iter().filter(|b| **b == b'\n').count() + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn what(svg: &str) -> Option<String> {
        svg_problem(svg.as_bytes()).map(|p| p.what)
    }

    #[test]
    fn plain_drawings_pass() {
        let drawing = r##"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
  <defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>
  <style>.a { fill: url(#g); }</style>
  <a xlink:href="https://example.com/help"><rect class="a" width="10" height="10" onward="x"/></a>
  <use href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <foreignObject width="5" height="5"><div xmlns="http://www.w3.org/1999/xhtml">Label</div></foreignObject>
  <animate attributeName="opacity" from="0" to="1" dur="1s"/>
</svg>"##;
        // `onward` is not a handler name browsers know, but every `on…` name is refused.
        assert_eq!(
            what(drawing).as_deref(),
            Some("an event handler (`onward` on `<rect>`)")
        );
        assert_eq!(what(&drawing.replace(" onward=\"x\"", "")), None);
    }

    #[test]
    fn active_content_is_found_with_its_line() {
        let cases = [
            (
                "<svg>\n<script>alert(1)</script></svg>",
                2,
                "`<script>` element",
            ),
            ("<svg><g>\n\n<SCRIPT/></g></svg>", 3, "`<SCRIPT>` element"),
            (
                "<svg xmlns:s='http://www.w3.org/2000/svg'><s:script/></svg>",
                1,
                "`<s:script>`",
            ),
            ("<svg onload='alert(1)'/>", 1, "event handler (`onload`"),
            (
                "<svg><a href='javascript:alert(1)'/></svg>",
                1,
                "address `javascript:alert(1)`",
            ),
            ("<svg><a href=' java\tscript:x'/></svg>", 1, "address"),
            (
                "<svg><a href='&#106;avascript:x'/></svg>",
                1,
                "address `javascript:x`",
            ),
            (
                "<svg><a xlink:href='data:text/html,x'/></svg>",
                1,
                "address `data:text/html,x`",
            ),
            (
                "<svg><set attributeName='href' to='javascript:x'/></svg>",
                1,
                "animation",
            ),
            (
                "<svg><animate attributeName='xlink:href'/></svg>",
                1,
                "animation",
            ),
            (
                "<svg><foreignObject><iframe xmlns='http://www.w3.org/1999/xhtml'/></foreignObject></svg>",
                1,
                "`<iframe>`",
            ),
            (
                "<?xml-stylesheet href='https://x.test/a.css'?><svg/>",
                1,
                "style sheet",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY a 'x'><!ENTITY b '&a;&a;'>]><svg>&b;</svg>",
                1,
                "plain text entities",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY a SYSTEM 'file:///etc/passwd'>]><svg>&a;</svg>",
                1,
                "plain text entities",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY % p 'x'>]><svg/>",
                1,
                "plain text entities",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY c ':'>]><svg><a href='javascript&c;x'/></svg>",
                1,
                "declared entity",
            ),
            (
                "<svg><a xml:base='javascript:x//' href='y'/></svg>",
                1,
                "`xml:base`",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY s \"<script>x()</script>\">]><svg>&s;</svg>",
                1,
                "plain text entities",
            ),
            (
                "<!DOCTYPE svg [<!ATTLIST svg onload CDATA 'x()'>]><svg/>",
                1,
                "plain text entities",
            ),
            (
                "<!DOCTYPE svg [\n<!-- <!ENTITY ' -->\n<!ENTITY b \"' > &#60;script>x()&#60;/script>\">\n]><svg>&b;</svg>",
                1,
                "plain text entities",
            ),
            (
                "<?xml version='1.0' encoding='ISO-2022-JP'?><svg/>",
                1,
                "other than UTF-8",
            ),
            (
                "<svg><use href='data:image/svg+xml,x'/></svg>",
                1,
                "address",
            ),
            ("<html><svg/></html>", 1, "`<html>` root"),
            ("just text", 1, "no `<svg>` element"),
            ("<svg><g></svg>", 1, "not well-formed"),
        ];
        for (svg, line, expected) in cases {
            let problem = svg_problem(svg.as_bytes()).unwrap_or_else(|| panic!("{svg}: passed"));
            assert!(problem.what.contains(expected), "{svg}: {}", problem.what);
            assert_eq!(problem.line, line, "{svg}");
        }
    }

    #[test]
    fn plain_text_entities_as_illustrator_writes_them_stay() {
        let illustrator = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\" [\n\t<!ENTITY ns_svg \"http://www.w3.org/2000/svg\">\n\t<!ENTITY ns_xlink 'http://www.w3.org/1999/xlink'>\n]>\n<svg xmlns=\"&ns_svg;\" xmlns:xlink=\"&ns_xlink;\"><rect width=\"1\" height=\"1\"/></svg>\n";
        assert_eq!(what(illustrator), None);
        // Comments stay too, and an encoding named UTF-8 in any case.
        let commented = illustrator
            .replace("\n]>", "\n\t<!-- generated -->\n]>")
            .replace(
                "<?xml version=\"1.0\"?>",
                "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            );
        assert_eq!(what(&commented), None);
    }

    #[test]
    fn drawing_tools_attributes_and_embedded_pictures_stay() {
        let inkscape = "<svg xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\"><defs><inkscape:path-effect effect=\"fillet_chamfer\" only_selected=\"false\"/></defs></svg>";
        assert_eq!(what(inkscape), None);
        let embedded = "<svg><image href=\"data:image/svg+xml;base64,PHN2Zy8+\"/><feImage href=\"data:image/svg+xml,x\"/></svg>";
        assert_eq!(what(embedded), None);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_named_with_their_line() {
        let problem = svg_problem(b"<svg>\n\n\xff</svg>").expect("refused");
        assert_eq!(problem.what, "bytes that are not UTF-8 text");
        assert_eq!(problem.line, 3);
    }

    #[test]
    fn addresses_without_a_scheme_or_with_a_linkable_one_stay() {
        for address in [
            "#a",
            "b.png",
            "./c/d.svg#e",
            "https://x.test",
            "mailto:a@x.test",
            "a/b:c",
        ] {
            assert!(safe_address(address, false), "{address}");
        }
        for address in [
            "javascript:x",
            "vbscript:x",
            "data:text/html,x",
            "file:///etc/passwd",
        ] {
            assert!(!safe_address(address, false), "{address}");
        }
    }
}
