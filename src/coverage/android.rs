//! Android `strings.xml`: each `<string name>` (and each `<plurals name>`, by its `other` form) under `<resources>` is an entry, its text decoded as Android does (XML entities, then `\'`, `\"`, `\n`, `\uXXXX` escapes, quotes and whitespace).

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::load::ParseProblem;

use super::catalog::{CatalogEntry, problem};

const SHAPE: &str =
    "an Android strings file is `<resources>` holding `<string name=\"…\">text</string>` elements";

/// Parses a `strings.xml` file. External entities are never fetched or expanded: an entity
/// other than XML's five and character references is an error.
pub fn parse(text: &str) -> Result<Vec<CatalogEntry>, ParseProblem> {
    let mut reader = Reader::from_str(text);
    let mut entries = Vec::new();
    let mut root = false;
    loop {
        let at = offset(&reader);
        match read(&mut reader)? {
            Event::Start(e) if !root && e.name().as_ref() == b"resources" => {
                root = true;
                resources(&mut reader, &mut entries)?;
            }
            Event::Empty(e) if !root && e.name().as_ref() == b"resources" => root = true,
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let message = if root {
                    format!("`<{name}>` after `</resources>`")
                } else {
                    format!("the root element is `<{name}>`, not `<resources>`")
                };
                return Err(problem(at..offset(&reader), message, SHAPE));
            }
            Event::Text(t) if !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(problem(
                    at..offset(&reader),
                    "text outside `<resources>`",
                    SHAPE,
                ));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root {
        return Err(problem(
            0..0,
            "this file has no `<resources>` element",
            SHAPE,
        ));
    }
    Ok(entries)
}

/// Reads the children of `<resources>` up to its end tag.
fn resources(
    reader: &mut Reader<&[u8]>,
    entries: &mut Vec<CatalogEntry>,
) -> Result<(), ParseProblem> {
    loop {
        let at = offset(reader);
        match read(reader)? {
            Event::Start(e) => {
                let span = at..offset(reader);
                match e.name().as_ref() {
                    b"string" => {
                        let code = name(&e, &span)?;
                        let raw = text_until_end(reader, &span)?;
                        entries.push(entry(code, &raw, span)?);
                    }
                    b"plurals" => {
                        let code = name(&e, &span)?;
                        let raw = plural_text(reader, &span)?;
                        entries.push(entry(code, &raw, span)?);
                    }
                    _ => {
                        let end = e.to_end().into_owned();
                        reader.read_to_end(end.name()).map_err(|e| xml(reader, e))?;
                    }
                }
            }
            Event::End(_) => return Ok(()),
            Event::Eof => {
                let end = offset(reader);
                return Err(problem(
                    end..end,
                    "the file ends before `</resources>`",
                    SHAPE,
                ));
            }
            _ => {}
        }
    }
}

/// An entry from an element's raw (entity-decoded) text.
fn entry(
    code: String,
    raw: &str,
    span: std::ops::Range<usize>,
) -> Result<CatalogEntry, ParseProblem> {
    let message = unescape(raw).map_err(|why| {
        problem(
            span.clone(),
            format!("the text of `{code}` {why}"),
            "escape as Android does: `\\'`, `\\\"`, `\\\\`, `\\n`, `\\t`, `\\uXXXX`",
        )
    })?;
    Ok(CatalogEntry {
        code: Some(code),
        message,
        span,
    })
}

/// The `name` attribute of a start tag.
fn name(e: &BytesStart<'_>, span: &std::ops::Range<usize>) -> Result<String, ParseProblem> {
    let missing = || problem(span.clone(), "this element has no `name`", SHAPE);
    let attribute = e
        .try_get_attribute("name")
        .map_err(|error| problem(span.clone(), format!("invalid attribute: {error}"), SHAPE))?
        .ok_or_else(missing)?;
    let value = attribute
        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
        .map_err(|error| problem(span.clone(), format!("invalid `name`: {error}"), SHAPE))?;
    Ok(value.into_owned())
}

/// The text of the element just opened (markup such as `<b>` or `<xliff:g>` inside it kept as
/// its text), up to its end tag.
fn text_until_end(
    reader: &mut Reader<&[u8]>,
    span: &std::ops::Range<usize>,
) -> Result<String, ParseProblem> {
    let mut text = String::new();
    let mut depth = 0usize;
    loop {
        match read(reader)? {
            Event::Text(t) => text.push_str(&t.decode().map_err(|e| xml(reader, e.into()))?),
            Event::CData(t) => text.push_str(&t.decode().map_err(|e| xml(reader, e.into()))?),
            Event::GeneralRef(r) => {
                let at = offset(reader);
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => match &*r {
                        b"amp" => Some('&'),
                        b"lt" => Some('<'),
                        b"gt" => Some('>'),
                        b"quot" => Some('"'),
                        b"apos" => Some('\''),
                        _ => None,
                    },
                    Err(_) => None,
                };
                let Some(c) = resolved else {
                    let name = String::from_utf8_lossy(&r);
                    return Err(problem(
                        at.saturating_sub(name.len() + 2)..at,
                        format!("unknown entity `&{name};`"),
                        "use `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` or a character reference such as `&#233;`",
                    ));
                };
                text.push(c);
            }
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => return Ok(text),
            Event::End(_) => depth -= 1,
            Event::Eof => {
                return Err(problem(
                    span.clone(),
                    "this element is not closed before the end of the file",
                    SHAPE,
                ));
            }
            _ => {}
        }
    }
}

/// The `other` item of a `<plurals>` (or, with none, its last item), up to `</plurals>`.
fn plural_text(
    reader: &mut Reader<&[u8]>,
    span: &std::ops::Range<usize>,
) -> Result<String, ParseProblem> {
    let mut chosen: Option<String> = None;
    loop {
        let at = offset(reader);
        match read(reader)? {
            Event::Start(e) if e.name().as_ref() == b"item" => {
                let other = e
                    .try_get_attribute("quantity")
                    .ok()
                    .flatten()
                    .is_some_and(|q| q.value.as_ref() == b"other");
                let item_span = at..offset(reader);
                let text = text_until_end(reader, &item_span)?;
                if other {
                    // The `other` form is kept whatever follows.
                    return text_until_end(reader, span).map(|_| text);
                }
                chosen = Some(text);
            }
            Event::End(_) => return Ok(chosen.unwrap_or_default()),
            Event::Eof => {
                return Err(problem(
                    span.clone(),
                    "this element is not closed before the end of the file",
                    SHAPE,
                ));
            }
            _ => {}
        }
    }
}

/// Android's decoding of a resource string: outside double quotes whitespace runs become one
/// space and the ends are trimmed; inside them it is kept; backslash escapes are decoded.
fn unescape(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut quoted = false;
    let mut chars = raw.chars();
    // Whitespace collapsed outside quotes, pending until the next character.
    let mut space = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() && !quoted {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '"' => quoted = !quoted,
            '\\' => {
                match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let c = u32::from_str_radix(&hex, 16)
                        .ok()
                        .filter(|_| hex.len() == 4)
                        .and_then(char::from_u32)
                        .ok_or_else(|| format!("has `\\u{hex}`, which is not four hex digits naming a character"))?;
                        out.push(c);
                    }
                    Some(c @ ('\'' | '"' | '\\' | '@' | '?')) => out.push(c),
                    Some(other) => return Err(format!("has an unknown escape `\\{other}`")),
                    None => return Err("ends with a lone backslash".to_string()),
                }
            }
            c => out.push(c),
        }
    }
    Ok(out)
}

/// The reader's byte offset in the text.
fn offset(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// Reads one event, an XML error becoming a located problem.
fn read<'a>(reader: &mut Reader<&'a [u8]>) -> Result<Event<'a>, ParseProblem> {
    reader.read_event().map_err(|e| xml(reader, e))
}

/// An XML error at the place the reader found it.
fn xml(reader: &Reader<&[u8]>, error: quick_xml::Error) -> ParseProblem {
    let at = usize::try_from(reader.error_position()).unwrap_or(0);
    problem(
        at..at + 1,
        format!("invalid XML: {error}"),
        "fix the XML syntax (an editor with XML support shows where)",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strings_and_plurals_as_android_decodes_them() {
        let text = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<resources>\n  <string name=\"app\" translatable=\"false\">Acme</string>\n  <string name=\"e_denied\">Can\\'t sign in:\n    <xliff:g id=\"r\">%1$s</xliff:g> &amp; \"  spaced  \"</string>\n  <string-array name=\"x\"><item>a</item></string-array>\n  <plurals name=\"left\"><item quantity=\"one\">One left</item><item quantity=\"other\">%d left</item></plurals>\n</resources>\n";
        let entries = parse(text).unwrap();
        let got: Vec<(&str, &str)> = entries
            .iter()
            .map(|e| (e.code.as_deref().unwrap(), e.message.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("app", "Acme"),
                ("e_denied", "Can't sign in: %1$s &   spaced  "),
                ("left", "%d left")
            ]
        );
        assert!(text[entries[1].span.clone()].starts_with("<string name=\"e_denied\">"));
    }

    #[test]
    fn mistakes_are_located() {
        let at = |text: &str| {
            let p = parse(text).unwrap_err();
            (p.range.start, p.message)
        };
        let (start, message) = at("<resources>\n<string name=\"a\">x</strin>\n</resources>");
        assert!(message.starts_with("invalid XML"), "{message}");
        assert!(start > 12, "{start}");
        assert_eq!(at("<resources><string>x</string></resources>").0, 11);
        assert_eq!(
            at("<resources><string name=\"a\">&bogus;</string></resources>").0,
            28
        );
        assert_eq!(
            at("<resources><string name=\"a\">a\\q</string></resources>").0,
            11
        );
        assert_eq!(at("<resources>").0, 11);
        assert_eq!(at("<manifest/>").0, 0);
    }
}
