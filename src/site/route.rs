//! Where a top-level section is published on the docs site: its Markdown file and its route.
//!
//! The one owner of page paths: the Markdown exporter names its files with [`file_name`] and
//! [`file_path`], and deep links (the help bundle's, and cross-references out of a publication)
//! use [`route`] and [`fragment`], which Docusaurus derives from the same file path and the same
//! heading ids. Changing how a page is named here changes both together.

/// An id as the docs site spells it in file names, routes and heading ids (`\{#id\}`): ids are
/// validated slugs, so this only guards against a bug upstream (anything outside `a-z 0-9 -`
/// becomes `-`).
pub fn id(raw: &str) -> String {
    raw.chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// The Markdown file name of a top-level section's page: `<section>.md`.
pub fn file_name(section: &str) -> String {
    format!("{}.md", id(section))
}

/// The Markdown file of a top-level section's page, relative to the Markdown output folder:
/// `<publication>/<section>.md`.
pub fn file_path(publication: &str, section: &str) -> String {
    format!("{publication}/{}", file_name(section))
}

/// A page's route under the docs base URL, as Docusaurus derives it: the path of its Markdown
/// file ([`file_path`]) without `.md`, or as its `slug` says ([`slugged`]). Each segment is
/// percent-encoded.
pub fn route(publication: &str, section: &str, slug: Option<&str>) -> String {
    let file = id(section);
    (slugged(&[publication], &file, slug).into_iter())
        .map(encode)
        .collect::<Vec<_>>()
        .join("/")
}

/// Docusaurus' `slug` rule, on the route segments of a page in `folder` whose file is `file`:
/// without a slug, the folder's segments then the file's; a slug starting with `/` replaces them
/// all; any other slug replaces the file's. Empty segments (`//`, a trailing `/`) are dropped.
/// Also how `import` reads the routes of a Docusaurus site's drafts.
pub fn slugged<'a>(folder: &[&'a str], file: &'a str, slug: Option<&'a str>) -> Vec<&'a str> {
    let split = |path: &'a str| path.split('/').filter(|s| !s.is_empty());
    match slug {
        None => folder.iter().copied().chain([file]).collect(),
        Some(slug) if slug.starts_with('/') => split(slug).collect(),
        Some(slug) => folder.iter().copied().chain(split(slug)).collect(),
    }
}

/// The URL fragment (after `#`) of a heading id (`topic` or `topic--anchor`), as the page's
/// heading writes it ([`id`]).
pub fn fragment(anchor_id: &str) -> String {
    encode(&id(anchor_id))
}

/// Percent-encodes everything but unreserved URL characters (ids are slugs, so this is a guard).
fn encode(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for byte in part.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_routes_the_page_as_docusaurus_does() {
        assert_eq!(route("guide", "setup", None), "guide/setup");
        assert_eq!(route("guide", "setup", Some("connect")), "guide/connect");
        assert_eq!(route("guide", "setup", Some("/connect/")), "connect");
        assert_eq!(route("guide", "setup", Some("/a/b")), "a/b");
    }

    #[test]
    fn slugs_replace_the_file_or_the_whole_path() {
        assert_eq!(slugged(&["docs", "a"], "b", None), ["docs", "a", "b"]);
        assert_eq!(
            slugged(&["docs", "a"], "b", Some("c/d/")),
            ["docs", "a", "c", "d"]
        );
        assert_eq!(slugged(&["docs", "a"], "b", Some("//c//d")), ["c", "d"]);
        assert!(slugged(&["docs"], "b", Some("/")).is_empty());
    }

    #[test]
    fn the_route_is_the_file_path_without_its_extension() {
        for (publication, section) in [("guide", "setup"), ("guide", "Odd id"), ("g", "a_b")] {
            let file = file_path(publication, section);
            assert_eq!(
                route(publication, section, None),
                file.strip_suffix(".md").unwrap(),
                "{file}"
            );
        }
    }

    #[test]
    fn encodes_unexpected_characters() {
        assert_eq!(encode("a-b_c"), "a-b_c");
        assert_eq!(encode("a b\"<"), "a%20b%22%3C");
        assert_eq!(fragment("topic--Step 1"), "topic---tep-1");
    }
}
