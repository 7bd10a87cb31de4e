//! Rule `duplicate-link`: two links to the same place in one list or one paragraph.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

use super::{Finding, Findings, Level, Rule, RuleContext, RuleMeta, TextSite};
use crate::content::ContentDoc;

/// See the module docs.
pub struct DuplicateLink;

/// The links of a rich text: (target, byte range of the whole link).
fn links(text: &str) -> Vec<(String, Range<usize>)> {
    // Every link CommonMark knows (without extensions) opens with `[` or is an autolink in `<>`;
    // most texts have neither, and need no parse.
    if !text.contains(['[', '<']) {
        return Vec::new();
    }
    Parser::new_ext(text, Options::empty())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                Some((dest_url.trim_end_matches('/').to_string(), range))
            }
            _ => None,
        })
        .collect()
}

/// The group a text belongs to: its list (the items of one list are one group), else itself.
fn group(pointer: &str) -> &str {
    match pointer.rfind("/items/") {
        Some(at)
            if pointer[at + 7..]
                .split('/')
                .next()
                .is_some_and(|n| n.parse::<usize>().is_ok()) =>
        {
            &pointer[..at]
        }
        _ => pointer,
    }
}

/// What `helpdoc rules` says about this rule, and its level when the project sets none.
const META: RuleMeta = RuleMeta {
    code: "duplicate-link",
    description: "a second link to the same place in one list or one paragraph",
    why: "a reader who follows both lands on the same page twice; usually one of them was meant to go somewhere else",
    example: "- list: { items: [\"[Sync errors](topic:sync-errors)\", \"[Resolve sync errors](topic:sync-errors)\"] }",
    default_level: Level::Warn,
};

impl Rule for DuplicateLink {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check_document(
        &self,
        cx: &RuleContext<'_>,
        doc: &ContentDoc,
        texts: &[TextSite],
        findings: &mut Findings,
    ) {
        // A second link needs two in one group, and every link opens with `[` or `<`: only
        // groups with two of these bytes in their texts are parsed.
        let mut openers: HashMap<&str, usize> = HashMap::new();
        for site in texts.iter().filter(|site| site.role.is_none()) {
            let count = site
                .text
                .bytes()
                .filter(|&b| b == b'[' || b == b'<')
                .count();
            if count > 0 {
                *openers.entry(group(&site.pointer)).or_default() += count;
            }
        }
        // (group, target) → the first link's site index and range.
        let mut first: HashMap<(&str, String), (usize, Range<usize>)> = HashMap::new();
        for (index, site) in texts.iter().enumerate() {
            if site.role.is_some() {
                continue;
            }
            if !site.text.contains(['[', '<']) {
                continue;
            }
            let group = group(&site.pointer);
            if openers.get(group).is_none_or(|&count| count < 2) {
                continue;
            }
            for (target, range) in links(site.text) {
                let key = (group, target);
                match first.get(&key) {
                    Some((at, first_range)) => {
                        let first_site = &texts[*at];
                        let first_range = first_site.source_range(cx, first_range.clone());
                        findings.push(
                            Finding::new(
                                doc.file,
                                site.source_range(cx, range),
                                format!("a second link to `{}` here", key.1),
                                "links to the same place as another",
                                "keep one link to each place in a list or paragraph: remove this one, or point it where it was meant to go".into(),
                            )
                            .also(doc.file, first_range, "first link to it"),
                        );
                    }
                    None => {
                        first.insert(key, (index, range));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_of_one_list_are_one_group() {
        assert_eq!(group("/body/3/list/items/1"), "/body/3/list");
        assert_eq!(group("/body/3/paragraph"), "/body/3/paragraph");
        assert_eq!(
            links("[A](topic:a) and [B](https://x.example/)"),
            [
                ("topic:a".to_string(), 0..12),
                ("https://x.example".to_string(), 17..40)
            ]
        );
    }
}
