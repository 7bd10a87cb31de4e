//! The logical structure of a document (tagged PDF, PDF/UA-1): elements made while laying out, content attached while painting.
//!
//! Layout opens elements ([`Flow::tagged`](super::flow::Flow::tagged)) and stamps every unit
//! with the element its content belongs to ([`Item::Tag`](super::layout::Item::Tag)); painting
//! gives each piece of content a marked-content id and records it here; [`super::tags`] writes
//! the tree with lopdf. Children are ordered by where their content first appears in the
//! content streams, which is reading order, so the order elements are made in does not matter
//! (the contents are laid out after the body, the cover last).

/// An element's index in its [`Tree`].
pub type NodeId = u32;

/// How a list numbers its items (the `/ListNumbering` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numbering {
    /// Bullets.
    Disc,
    /// 1, 2, 3.
    Decimal,
    /// a, b, c.
    LowerAlpha,
}

/// What a header cell heads (the `/Scope` attribute).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The cells below it.
    Column,
    /// The cells beside it.
    Row,
}

/// A standard structure type (ISO 32000-1, 14.8.4), with what it needs to say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The whole document (the root).
    Document,
    /// A chapter, section or topic.
    Sect,
    /// A heading, level 1 to 6.
    H(u8),
    /// A paragraph.
    P,
    /// A list.
    L(Numbering),
    /// A list item.
    LI,
    /// A list item's number or bullet.
    Lbl,
    /// A list item's body.
    LBody,
    /// A table.
    Table,
    /// Header rows.
    THead,
    /// Body rows.
    TBody,
    /// A row.
    TR,
    /// A header cell, of a column or of a row.
    TH(Scope),
    /// A data cell.
    TD,
    /// An image, with its alternative text.
    Figure(String),
    /// A table's or figure's caption.
    Caption,
    /// A code block.
    Code,
    /// A block that groups others (admonitions, the error message box).
    Div,
    /// The table of contents (or a nested level of it).
    TOC,
    /// One entry of the contents.
    TOCI,
    /// A link: its text and its annotations.
    Link,
    /// Words in another language (a BCP 47 tag, for `/Lang`), or with an empty tag the other
    /// words of the same text.
    Span(String),
}

impl Role {
    /// The `/S` name.
    pub fn name(&self) -> &'static str {
        match self {
            Role::Document => "Document",
            Role::Sect => "Sect",
            Role::H(1) => "H1",
            Role::H(2) => "H2",
            Role::H(3) => "H3",
            Role::H(4) => "H4",
            Role::H(5) => "H5",
            Role::H(_) => "H6",
            Role::P => "P",
            Role::L(_) => "L",
            Role::LI => "LI",
            Role::Lbl => "Lbl",
            Role::LBody => "LBody",
            Role::Table => "Table",
            Role::THead => "THead",
            Role::TBody => "TBody",
            Role::TR => "TR",
            Role::TH(_) => "TH",
            Role::TD => "TD",
            Role::Figure(_) => "Figure",
            Role::Caption => "Caption",
            Role::Code => "Code",
            Role::Div => "Div",
            Role::TOC => "TOC",
            Role::TOCI => "TOCI",
            Role::Link => "Link",
            Role::Span(_) => "Span",
        }
    }

    /// Table cells stay in the tree when empty, so every row has all its columns.
    fn kept_empty(&self) -> bool {
        matches!(self, Role::TH(_) | Role::TD)
    }
}

/// A piece of an element's content: a marked-content sequence or an annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Marked content `mcid` on page `page` (0-based).
    Mcr {
        /// 0-based page.
        page: u32,
        /// The marked-content id.
        mcid: u32,
    },
    /// The `annot`-th link annotation of page `page`.
    Objr {
        /// 0-based page.
        page: u32,
        /// Position in the page's `/Annots`.
        annot: u32,
    },
}

/// One structure element.
#[derive(Debug, Clone)]
pub struct Node {
    /// Its type.
    pub role: Role,
    /// Its parent (the root is its own parent).
    pub parent: NodeId,
    /// Its own content, each with its position in reading order (page, sequence on page).
    pub content: Vec<((u32, u32), Content)>,
    /// Where it is drawn (figures): page, and `[x1, y1, x2, y2]` in PDF coordinates.
    pub bbox: Option<(u32, [f32; 4])>,
    /// The text a link's annotations describe themselves with (`/Contents`).
    pub description: String,
}

/// The structure elements of one document, and which content each page marks for which.
#[derive(Debug, Clone)]
pub struct Tree {
    /// Every element; index 0 is the `Document` root.
    pub nodes: Vec<Node>,
    /// Per page: the element each marked-content id belongs to (index = MCID).
    pub marks: Vec<Vec<NodeId>>,
    /// Per page: the element each link annotation belongs to, in `/Annots` order.
    pub annotations: Vec<Vec<NodeId>>,
    /// Reading-order counter on the page being painted.
    sequence: u32,
}

impl Default for Tree {
    fn default() -> Self {
        Tree {
            nodes: vec![Node {
                role: Role::Document,
                parent: 0,
                content: Vec::new(),
                bbox: None,
                description: String::new(),
            }],
            marks: Vec::new(),
            annotations: Vec::new(),
            sequence: 0,
        }
    }
}

impl Tree {
    /// The root element.
    pub const ROOT: NodeId = 0;

    /// Adds an element under `parent`.
    pub fn add(&mut self, parent: NodeId, role: Role) -> NodeId {
        let id = NodeId::try_from(self.nodes.len()).unwrap_or(NodeId::MAX);
        self.nodes.push(Node {
            role,
            parent,
            content: Vec::new(),
            bbox: None,
            description: String::new(),
        });
        id
    }

    /// The element `id` (the root when out of range).
    pub fn node(&self, id: NodeId) -> &Node {
        self.nodes
            .get(id as usize)
            .unwrap_or_else(|| &self.nodes[0])
    }

    fn node_mut(&mut self, id: NodeId) -> &mut Node {
        let index = if (id as usize) < self.nodes.len() {
            id as usize
        } else {
            0
        };
        &mut self.nodes[index]
    }

    /// How many `Sect` elements enclose `id` (and `id` itself, if it is one).
    pub fn depth(&self, mut id: NodeId) -> usize {
        let mut depth = 0;
        while id != Self::ROOT {
            let node = self.node(id);
            if node.role == Role::Sect {
                depth += 1;
            }
            id = node.parent;
        }
        depth
    }

    /// Starts painting the next page.
    pub fn begin_page(&mut self) {
        self.marks.push(Vec::new());
        self.annotations.push(Vec::new());
        self.sequence = 0;
    }

    fn page(&self) -> u32 {
        u32::try_from(self.marks.len().saturating_sub(1)).unwrap_or(u32::MAX)
    }

    fn next_position(&mut self) -> (u32, u32) {
        self.sequence += 1;
        (self.page(), self.sequence)
    }

    /// A new marked-content id on the current page, for content of element `id`.
    pub fn mark(&mut self, id: NodeId) -> u32 {
        let page = self.page();
        let position = self.next_position();
        let marks = match self.marks.last_mut() {
            Some(marks) => marks,
            None => {
                self.marks.push(Vec::new());
                self.annotations.push(Vec::new());
                self.marks.last_mut().expect("just pushed")
            }
        };
        let mcid = u32::try_from(marks.len()).unwrap_or(u32::MAX);
        marks.push(id);
        self.node_mut(id)
            .content
            .push((position, Content::Mcr { page, mcid }));
        mcid
    }

    /// Records the next link annotation of the current page as belonging to element `id`.
    pub fn annotate(&mut self, id: NodeId) {
        let page = self.page();
        let position = self.next_position();
        if let Some(annotations) = self.annotations.last_mut() {
            let annot = u32::try_from(annotations.len()).unwrap_or(u32::MAX);
            annotations.push(id);
            self.node_mut(id)
                .content
                .push((position, Content::Objr { page, annot }));
        }
    }

    /// Appends to a link's description.
    pub fn describe(&mut self, id: NodeId, text: &str) {
        self.node_mut(id).description.push_str(text);
    }

    /// Sets where a figure is drawn.
    pub fn set_bbox(&mut self, id: NodeId, bbox: [f32; 4]) {
        let page = self.page();
        self.node_mut(id).bbox.get_or_insert((page, bbox));
    }

    /// The elements in tree order: for each kept element, its children and content in reading
    /// order. Elements without content (and without kept descendants) are left out, except
    /// table cells.
    pub fn ordered(&self) -> Vec<Vec<Kid>> {
        let n = self.nodes.len();
        let mut children: Vec<Vec<NodeId>> = vec![Vec::new(); n];
        for (id, node) in self.nodes.iter().enumerate().skip(1) {
            if (node.parent as usize) < n && (node.parent as usize) < id {
                children[node.parent as usize].push(id as NodeId);
            }
        }
        // First content position of each subtree, children before parents (ids grow downwards).
        // A link's annotation is painted just before its line (so the linked text that follows
        // can claim it), so it does not count: a link sorts where its text is, after the text
        // before it on the line.
        let mut first: Vec<Option<(u32, u32)>> = self
            .nodes
            .iter()
            .map(|node| {
                let positions = || node.content.iter().map(|(p, _)| *p);
                let marked = (node.content.iter())
                    .filter(|(_, c)| matches!(c, Content::Mcr { .. }))
                    .map(|(p, _)| *p)
                    .min();
                marked.or_else(|| positions().min())
            })
            .collect();
        for id in (1..n).rev() {
            let parent = self.nodes[id].parent as usize;
            if parent < id {
                first[parent] = match (first[parent], first[id]) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
        }
        // Kept: whatever has content; and an empty cell when its row has content.
        let mut kept: Vec<bool> = first.iter().map(Option::is_some).collect();
        for id in 1..n {
            if self.nodes[id].role.kept_empty() {
                kept[id] = kept[self.nodes[id].parent as usize];
            }
        }
        let mut out = vec![Vec::new(); n];
        for (id, kids_out) in out.iter_mut().enumerate() {
            if !kept[id] {
                continue;
            }
            let mut kids: Vec<(Option<(u32, u32)>, Kid)> = self.nodes[id]
                .content
                .iter()
                .map(|(p, c)| (Some(*p), Kid::Content(*c)))
                .collect();
            let mut last = None;
            for &child in &children[id] {
                if !kept[child as usize] {
                    continue;
                }
                // An empty cell sorts right after the sibling before it.
                let key = first[child as usize].or(last);
                last = key;
                kids.push((key, Kid::Node(child)));
            }
            kids.sort_by_key(|(key, _)| key.unwrap_or((u32::MAX, u32::MAX)));
            *kids_out = kids.into_iter().map(|(_, kid)| kid).collect();
        }
        out
    }
}

/// A child of an element in the written tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    /// A child element.
    Node(NodeId),
    /// Content of the element itself.
    Content(Content),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_follow_reading_order_not_creation_order() {
        let mut tree = Tree::default();
        let body = tree.add(Tree::ROOT, Role::Sect);
        let contents = tree.add(Tree::ROOT, Role::TOC);
        let empty = tree.add(body, Role::P);
        let item = tree.add(body, Role::LI);
        let label = tree.add(item, Role::Lbl);
        let text = tree.add(item, Role::LBody);
        tree.begin_page();
        tree.mark(contents);
        tree.begin_page();
        tree.mark(label);
        tree.mark(text);
        let order = tree.ordered();
        assert_eq!(
            order[0],
            [Kid::Node(contents), Kid::Node(body)],
            "the contents page comes first"
        );
        assert_eq!(order[body as usize], [Kid::Node(item)], "empty P left out");
        assert!(order[empty as usize].is_empty());
        assert_eq!(order[item as usize], [Kid::Node(label), Kid::Node(text)]);
    }

    #[test]
    fn a_link_sorts_where_its_text_is_not_where_its_annotation_is() {
        // A line "see its [setup guide]." paints the link's annotation first, then the text
        // before the link, the link's text and the text after it.
        let mut tree = Tree::default();
        let paragraph = tree.add(Tree::ROOT, Role::P);
        tree.begin_page();
        let link = tree.add(paragraph, Role::Link);
        tree.annotate(link);
        let before = tree.mark(paragraph);
        let linked = tree.mark(link);
        let after = tree.mark(paragraph);
        let order = tree.ordered();
        let mcr = |mcid| Kid::Content(Content::Mcr { page: 0, mcid });
        assert_eq!(
            order[paragraph as usize],
            [mcr(before), Kid::Node(link), mcr(after)]
        );
        assert_eq!(
            order[link as usize],
            [
                Kid::Content(Content::Objr { page: 0, annot: 0 }),
                mcr(linked)
            ]
        );
    }

    #[test]
    fn empty_cells_stay_in_their_rows() {
        let mut tree = Tree::default();
        let table = tree.add(Tree::ROOT, Role::Table);
        let row = tree.add(table, Role::TR);
        let a = tree.add(row, Role::TD);
        let b = tree.add(row, Role::TD);
        let c = tree.add(row, Role::TD);
        tree.begin_page();
        tree.mark(a);
        tree.mark(c);
        let order = tree.ordered();
        assert_eq!(
            order[row as usize],
            [Kid::Node(a), Kid::Node(b), Kid::Node(c)]
        );
    }
}
