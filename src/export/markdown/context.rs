//! What every renderer on a page needs: the publication, which page it writes, and where images went.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::resolve::{ResolvedPublication, anchor_id};
use crate::site::route;

use super::escape;

/// The page being written.
pub struct Page<'a> {
    /// The publication the page belongs to.
    pub publication: &'a ResolvedPublication,
    /// The index of the page's top-level section.
    pub index: usize,
    /// Where each image (by content-relative path) was copied, relative to the publication folder.
    pub images: &'a BTreeMap<String, String>,
    /// The ES `import` lines the page's MDX needs, noted by the renderers that write the components.
    imports: RefCell<BTreeSet<&'static str>>,
}

impl<'a> Page<'a> {
    /// The page of the top-level section `index` of `publication`.
    pub fn new(
        publication: &'a ResolvedPublication,
        index: usize,
        images: &'a BTreeMap<String, String>,
    ) -> Self {
        Page {
            publication,
            index,
            images,
            imports: RefCell::default(),
        }
    }

    /// Notes that the page uses a component brought in by the `import` line `statement`.
    pub fn import(&self, statement: &'static str) {
        self.imports.borrow_mut().insert(statement);
    }

    /// The `import` lines noted so far, sorted (the page writes them after rendering its body).
    pub fn imports(&self) -> Vec<String> {
        self.imports
            .borrow()
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    /// The link to a topic (or an anchor inside it), or to a section's heading (a page's title):
    /// `#anchor` on this page, `./page.md#anchor` on another (Docusaurus resolves `.md` links to
    /// the page's URL). `None` if the publication does not hold the topic or section.
    pub fn href(&self, topic: &str, anchor: Option<&str>) -> Option<String> {
        let page = self.publication.page_of(topic)?;
        let fragment = route::id(&anchor_id(topic, anchor));
        if page == self.index {
            return Some(format!("#{fragment}"));
        }
        let section = self.publication.sections.get(page)?;
        Some(format!("./{}#{fragment}", route::file_name(&section.id)))
    }

    /// The link to a page (a top-level section) of the publication: `./page.md`, without an
    /// anchor (Docusaurus gives a page's title heading none). `None` if there is no such page.
    pub fn page_href(&self, section_id: &str) -> Option<String> {
        (self.publication.sections.iter())
            .any(|s| s.id == section_id)
            .then(|| format!("./{}", route::file_name(section_id)))
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
