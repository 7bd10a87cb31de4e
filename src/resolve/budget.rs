//! The expansion budget: how many bytes a build's publications expand to once fragments are
//! included and variables filled, measured from the model before anything is expanded.
//!
//! Includes and variables multiply: a fragment included 100 times in a fragment included 100
//! times is 10,000 copies, a 1 MiB variable used 2,000 times is 2 GiB. Every exporter's memory and
//! output follow the *expanded* size, so `check` measures it (linear in the content: each
//! document is measured once per publication) and refuses content that expands past
//! `max_expanded_bytes`, naming the chain of includes or the variable that multiplied it.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::content::ContentSet;
use crate::model::walk::{RefTarget, TextRole, Visitor, walk};
use crate::model::{Block, DataView, Document, Publication, RichText, TopicId};

use super::{Fill, fill_pieces, included_topics};

/// Bytes counted for every text field, code block, include and reference on top of its text:
/// what an empty list item still costs each exporter (markup, layout), so that a million empty
/// items count as content too.
pub const NODE_BYTES: u64 = 16;

/// What a document uses that expands to more than its own text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Use {
    /// A topic placed in a publication's section.
    Topic(String),
    /// A fragment, by `include`.
    Fragment(String),
    /// A publication variable, by `{{name}}`.
    Variable(String),
}

/// One step of the chain that makes a publication large: `doc` uses `what` `uses` times, each
/// use expanding to `each` bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The id of the document holding the uses.
    pub doc: String,
    /// JSON pointer to the first use in `doc`.
    pub pointer: String,
    /// What is used.
    pub what: Use,
    /// How many times `doc` uses it.
    pub uses: u64,
    /// Bytes one use expands to.
    pub each: u64,
}

/// The build's publications expand past the budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverBudget {
    /// The budget (`max_expanded_bytes`).
    pub limit: u64,
    /// What every publication together expands to.
    pub total: u64,
    /// The publication that expands the most.
    pub publication: String,
    /// What it expands to.
    pub publication_bytes: u64,
    /// The heaviest chain in it, from the publication down to the use that multiplies.
    pub chain: Vec<Link>,
}

/// The expanded size of every publication, in content order.
pub fn measure_all(content: &ContentSet) -> Vec<(String, u64)> {
    // Each publication is measured on its own, so on every core (results in content order).
    let publications: Vec<_> = content.publications().collect();
    publications
        .par_iter()
        .map(|p| (p.id.to_string(), measure(content, p)))
        .collect()
}

/// The expanded size of one publication. It reads other documents only through the content set's
/// lookups, so [`crate::content::reads`] records what it depends on.
pub fn measure(content: &ContentSet, publication: &Publication) -> u64 {
    Measurer::new(content, publication).publication()
}

/// Measures every publication; past `limit` bytes together, says which publication and which
/// chain of uses made it so.
pub fn check_budget(content: &ContentSet, limit: u64) -> Option<OverBudget> {
    over_budget(content, &measure_all(content), limit)
}

/// [`check_budget`] from the publications' sizes ([`measure_all`], in content order).
pub fn over_budget(
    content: &ContentSet,
    sizes: &[(String, u64)],
    limit: u64,
) -> Option<OverBudget> {
    let total = sizes
        .iter()
        .fold(0u64, |sum, (_, b)| sum.saturating_add(*b));
    if total <= limit {
        return None;
    }
    // The heaviest publication; the first of equals, so the report does not depend on order.
    let (index, &(_, publication_bytes)) = sizes
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|(_, (_, bytes))| *bytes)?;
    let publication = content.publications().nth(index)?;
    let chain = Measurer::new(content, publication).heaviest_chain();
    Some(OverBudget {
        limit,
        total,
        publication: publication.id.to_string(),
        publication_bytes,
        chain,
    })
}

/// Measures the documents one publication expands, each once (memoized).
struct Measurer<'a> {
    content: &'a ContentSet,
    publication: &'a Publication,
    included: HashSet<String>,
    /// The publication's variable values (for its selection).
    variables: BTreeMap<String, String>,
    /// Expanded size by document id; `None` while being measured (an include cycle, which
    /// `check` reports on its own, counts as nothing).
    memo: HashMap<String, Option<u64>>,
}

impl<'a> Measurer<'a> {
    fn new(content: &'a ContentSet, publication: &'a Publication) -> Self {
        Measurer {
            content,
            publication,
            included: included_topics(content, publication),
            variables: super::select::Selection::of(publication).variables(publication),
            memo: HashMap::new(),
        }
    }

    fn publication(&mut self) -> u64 {
        let id = self.publication.id.to_string();
        self.doc(&id)
    }

    /// The expanded size of a document.
    fn doc(&mut self, id: &str) -> u64 {
        match self.memo.get(id) {
            Some(Some(bytes)) => return *bytes,
            Some(None) => return 0,
            None => {}
        }
        let Some((own, groups)) = self.uses(id) else {
            return 0;
        };
        self.memo.insert(id.to_string(), None);
        let mut bytes = own;
        for group in &groups {
            let each = self.each(&group.what);
            bytes = bytes.saturating_add(group.count.saturating_mul(each));
        }
        self.memo.insert(id.to_string(), Some(bytes));
        bytes
    }

    /// What one use expands to.
    fn each(&mut self, what: &Use) -> u64 {
        match what {
            Use::Topic(id) | Use::Fragment(id) => self.doc(id),
            Use::Variable(name) => self.variables.get(name).map_or(0, |v| v.len() as u64),
        }
    }

    /// A document's own bytes and what it uses, grouped.
    fn uses(&self, id: &str) -> Option<(u64, Vec<Group>)> {
        let doc = self.content.get(id)?;
        let mut uses = Uses {
            content: self.content,
            variables: &self.variables,
            included: &self.included,
            placing: matches!(doc.document, Document::Publication(_)),
            own: 0,
            groups: Vec::new(),
            index: HashMap::new(),
        };
        walk(&doc.document, &mut uses);
        Some((uses.own, uses.groups))
    }

    /// From the publication down, the use that contributes the most at each level, until the
    /// heaviest part of a document is a variable or its own text.
    fn heaviest_chain(&mut self) -> Vec<Link> {
        let mut chain = Vec::new();
        let mut seen = HashSet::new();
        let mut at = self.publication.id.to_string();
        while seen.insert(at.clone()) {
            let Some((own, groups)) = self.uses(&at) else {
                break;
            };
            let mut heaviest: Option<(u64, Link)> = None;
            for group in groups {
                let each = self.each(&group.what);
                let bytes = group.count.saturating_mul(each);
                if heaviest.as_ref().is_none_or(|(most, _)| bytes > *most) {
                    let link = Link {
                        doc: at.clone(),
                        pointer: group.pointer,
                        what: group.what,
                        uses: group.count,
                        each,
                    };
                    heaviest = Some((bytes, link));
                }
            }
            let Some((bytes, link)) = heaviest else { break };
            if bytes < own {
                break;
            }
            let next = match &link.what {
                Use::Topic(id) | Use::Fragment(id) => Some(id.clone()),
                Use::Variable(_) => None,
            };
            chain.push(link);
            match next {
                Some(id) => at = id,
                None => break,
            }
        }
        chain
    }
}

/// Uses of one thing in a document: how many, and where the first is.
struct Group {
    what: Use,
    pointer: String,
    count: u64,
}

/// Collects a document's own expanded bytes and its grouped uses.
struct Uses<'a> {
    content: &'a ContentSet,
    variables: &'a BTreeMap<String, String>,
    included: &'a HashSet<String>,
    /// Whether topic references place topics (in a publication) rather than name them.
    placing: bool,
    own: u64,
    groups: Vec<Group>,
    index: HashMap<Use, usize>,
}

impl Uses<'_> {
    fn add(&mut self, what: Use, pointer: &str) {
        match self.index.get(&what) {
            Some(&i) => self.groups[i].count += 1,
            None => {
                self.index.insert(what.clone(), self.groups.len());
                self.groups.push(Group {
                    what,
                    pointer: pointer.to_string(),
                    count: 1,
                });
            }
        }
    }

    fn text(&mut self, text: &str, pointer: &str) {
        self.own += NODE_BYTES;
        let variables = self.variables;
        let mut used = Vec::new();
        fill_pieces(text, variables, |piece| match piece {
            Fill::Text(text) => self.own += text.len() as u64,
            Fill::Variable { name, .. } => used.push(name),
        });
        for name in used {
            self.add(Use::Variable(name.to_string()), pointer);
        }
    }
}

impl Visitor<'_> for Uses<'_> {
    fn rich_text(&mut self, text: &RichText, pointer: &str) {
        self.text(text.as_str(), pointer);
    }

    fn plain_text(&mut self, text: &str, _role: TextRole, pointer: &str) {
        self.text(text, pointer);
    }

    fn code(&mut self, code: &str, _pointer: &str) {
        self.own += NODE_BYTES + code.len() as u64;
    }

    fn topic_ref(&mut self, id: &TopicId, _target: RefTarget, pointer: &str) {
        if self.placing {
            if self.included.contains(id.as_str()) {
                self.own += NODE_BYTES;
                self.add(Use::Topic(id.to_string()), pointer);
            }
        } else if let Some(topic) = self.content.topic(id.as_str()) {
            // Exporters print the target's title: count it (variables filled) as this text.
            self.text(&topic.meta().title, pointer);
        }
    }

    fn include(&mut self, id: &TopicId, pointer: &str) {
        self.own += NODE_BYTES;
        self.add(Use::Fragment(id.to_string()), pointer);
    }

    fn block(&mut self, block: &Block, _pointer: &str) {
        // A data view shows at most its whole data file, once per use.
        if let Some(view) = DataView::of(block)
            && let Some(set) = self.content.data.sets.get(view.from())
        {
            self.own = self.own.saturating_add(set.expanded_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::ContentDoc;
    use crate::load::{Node, NodeValue};

    fn parse(json: &str) -> Document {
        let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        match value["kind"].as_str() {
            Some("publication") => {
                Document::Publication(serde_json::from_value(value).expect("publication"))
            }
            Some("fragment") => {
                Document::Fragment(serde_json::from_value(value).expect("fragment"))
            }
            _ => Document::Topic(serde_json::from_value(value).expect("topic")),
        }
    }

    fn doc(json: &str) -> ContentDoc {
        ContentDoc {
            file: crate::diag::FileId(0),
            path: "x.json".into(),
            node: Node {
                span: 0..0,
                value: NodeValue::Null,
            },
            document: parse(json),
            duplicate_subjects: Default::default(),
            alt_texts: Default::default(),
        }
    }

    fn content(docs: &[&str]) -> ContentSet {
        ContentSet::new(
            "c".into(),
            docs.iter().map(|d| doc(d)).collect(),
            Vec::new(),
        )
    }

    const PUBLICATION: &str = r#"{"kind": "publication", "id": "p", "title": "P",
        "variables": {"big": "0123456789"},
        "sections": [{"id": "s", "title": "S", "topics": ["t"]}]}"#;

    #[test]
    fn includes_multiply_and_the_chain_names_them() {
        let set = content(&[
            PUBLICATION,
            r#"{"kind": "concept", "id": "t", "title": "T", "answer": [
                {"include": "outer"}, {"include": "outer"}, {"include": "outer"}]}"#,
            r#"{"kind": "fragment", "id": "outer", "blocks": [
                {"include": "inner"}, {"include": "inner"}]}"#,
            r#"{"kind": "fragment", "id": "inner", "blocks": [{"paragraph": "0123456789"}]}"#,
        ]);
        let inner = NODE_BYTES + 10;
        let outer = 2 * (NODE_BYTES + inner);
        let t = 3 * (NODE_BYTES + outer) + NODE_BYTES + 1;
        let p = (NODE_BYTES + 1) + (NODE_BYTES + 1) + (NODE_BYTES + t);
        assert_eq!(measure_all(&set), vec![("p".to_string(), p)]);
        assert_eq!(check_budget(&set, p), None);
        let over = check_budget(&set, p - 1).expect("over budget");
        let chain: Vec<(&str, &Use, u64)> = over
            .chain
            .iter()
            .map(|l| (l.doc.as_str(), &l.what, l.uses))
            .collect();
        assert_eq!(
            chain,
            vec![
                ("p", &Use::Topic("t".into()), 1),
                ("t", &Use::Fragment("outer".into()), 3),
                ("outer", &Use::Fragment("inner".into()), 2),
            ]
        );
        assert_eq!(over.chain[1].pointer, "/answer/0/include");
    }

    #[test]
    fn variables_count_their_value_at_every_use() {
        let set = content(&[
            PUBLICATION,
            r#"{"kind": "concept", "id": "t", "title": "T", "answer": [
                {"paragraph": "{{big}}{{big}}{{big}}{{big}}{{big}}"}, {"paragraph": "{{big}}"}]}"#,
        ]);
        let over = check_budget(&set, 40).expect("over budget");
        let last = over.chain.last().expect("a chain");
        assert_eq!(last.what, Use::Variable("big".into()));
        assert_eq!((last.uses, last.each), (6, 10));
        assert_eq!(last.pointer, "/answer/0/paragraph");
    }

    #[test]
    fn include_cycles_end() {
        let set = content(&[
            PUBLICATION,
            r#"{"kind": "concept", "id": "t", "title": "T", "answer": [{"include": "a"}]}"#,
            r#"{"kind": "fragment", "id": "a", "blocks": [{"include": "b"}]}"#,
            r#"{"kind": "fragment", "id": "b", "blocks": [{"include": "a"}]}"#,
        ]);
        assert!(measure_all(&set)[0].1 < 200);
    }
}
