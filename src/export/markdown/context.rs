//! What every renderer on a page needs: the publication, which page it writes, and where images went.

use std::collections::BTreeMap;

use crate::resolve::{ResolvedPublication, anchor_id};

use super::escape;

/// The page being written.
pub struct Page<'a> {
    /// The publication the page belongs to.
    pub publication: &'a ResolvedPublication,
    /// The index of the page's top-level section.
    pub index: usize,
    /// Where each image (by content-relative path) was copied, relative to the publication folder.
    pub images: &'a BTreeMap<String, String>,
}

impl Page<'_> {
    /// The page file name of a top-level section: `<section-id>.md`.
    pub fn file_name(section_id: &str) -> String {
        format!("{}.md", escape::id(section_id))
    }

    /// The link to a topic (or an anchor inside it): `#anchor` on this page, `./page.md#anchor` on
    /// another (Docusaurus resolves `.md` links to the page's URL). `None` if the publication does
    /// not hold the topic.
    pub fn href(&self, topic: &str, anchor: Option<&str>) -> Option<String> {
        let page = self.publication.page_of(topic)?;
        let fragment = escape::id(&anchor_id(topic, anchor));
        if page == self.index {
            return Some(format!("#{fragment}"));
        }
        let section = self.publication.sections.get(page)?;
        Some(format!("./{}#{fragment}", Self::file_name(&section.id)))
    }

    /// A topic's title, for links written without text.
    pub fn topic_title(&self, topic: &str) -> Option<&str> {
        self.publication
            .topics()
            .into_iter()
            .find(|(_, t)| t.id == topic)
            .map(|(_, t)| t.title.as_str())
    }

    /// Where an image was copied, relative to this page (pages and `img/` share a folder).
    pub fn image_src(&self, path: &str) -> String {
        let relative = self.images.get(path).map_or(path, String::as_str);
        format!("./{}", escape::path(relative))
    }
}
