//! What a publication's selection leaves out that references can point at: the topics it places
//! whose `when` does not hold, and the steps and causes with an anchor inside the topics it
//! keeps, each with the condition that left it out (for resolving the reference to plain text
//! and for saying why).

use std::collections::{HashMap, HashSet};

use crate::content::ContentSet;
use crate::model::{Block, Cause, Condition, Publication, Section, SectionChild, Step, Topic};

use super::select::{Selection, topic_condition};

/// Left out by a publication, with the condition that did it.
#[derive(Debug, Default)]
pub struct LeftOut {
    /// Topics the publication places but leaves out, by id.
    pub topics: HashMap<String, Condition>,
    /// Anchors (`topic`, `anchor`) of steps and causes left out of topics it keeps.
    pub anchors: HashMap<(String, String), Condition>,
}

impl LeftOut {
    /// What `publication` leaves out (`included`: the topics it keeps).
    pub fn of(
        content: &ContentSet,
        publication: &Publication,
        selection: &Selection,
        included: &HashSet<String>,
    ) -> LeftOut {
        let mut left = LeftOut::default();
        fn placed(section: &Section, content: &ContentSet, s: &Selection, left: &mut LeftOut) {
            for (_, child) in section.children() {
                match child {
                    SectionChild::Topic(id) => {
                        if let Some(topic) = content.topic(id.as_str())
                            && let Some(when) = topic_condition(topic.meta())
                            && !s.holds(Some(&when))
                        {
                            left.topics.insert(id.to_string(), when.into_owned());
                        }
                    }
                    SectionChild::Section(nested) => placed(nested, content, s, left),
                }
            }
        }
        for section in &publication.sections {
            placed(section, content, selection, &mut left);
        }
        for id in included {
            if let Some(topic) = content.topic(id) {
                let mut walker = Anchors {
                    content,
                    selection,
                    topic: id,
                    out: &mut left.anchors,
                };
                walker.topic(topic);
            }
        }
        left
    }
}

/// Collects the anchors under conditions that do not hold, in one topic.
struct Anchors<'a> {
    content: &'a ContentSet,
    selection: &'a Selection,
    topic: &'a str,
    out: &'a mut HashMap<(String, String), Condition>,
}

impl Anchors<'_> {
    /// The condition that leaves something out: the one inherited, or its own when it fails.
    fn failing(&self, inherited: Option<&Condition>, own: Option<&Condition>) -> Option<Condition> {
        inherited
            .cloned()
            .or_else(|| own.filter(|w| !self.selection.holds(Some(w))).cloned())
    }

    fn topic(&mut self, topic: &Topic) {
        match topic {
            Topic::Prerequisite(p) => {
                self.blocks(&p.body, None, 0);
                self.steps(&p.check, None, 0);
                self.blocks(&p.if_not_met, None, 0);
            }
            Topic::Concept(c) => self.blocks(&c.answer, None, 0),
            Topic::Procedure(p) => {
                self.blocks(&p.intro, None, 0);
                self.steps(&p.steps, None, 0);
                self.blocks(&p.outro, None, 0);
            }
            Topic::Error(e) => {
                self.blocks(&e.intro, None, 0);
                for cause in &e.causes {
                    self.cause(cause);
                }
            }
        }
    }

    fn record(&mut self, anchor: &str, why: &Option<Condition>) {
        if let Some(why) = why {
            let key = (self.topic.to_string(), anchor.to_string());
            self.out.entry(key).or_insert_with(|| why.clone());
        }
    }

    fn cause(&mut self, cause: &Cause) {
        let why = self.failing(None, cause.when.as_ref());
        if let Some(id) = &cause.id {
            self.record(&id.0, &why);
        }
        self.blocks(&cause.resolution.blocks, why.as_ref(), 0);
        self.steps(&cause.resolution.steps, why.as_ref(), 0);
    }

    fn steps(&mut self, steps: &[Step], inherited: Option<&Condition>, depth: usize) {
        for step in steps {
            let why = self.failing(inherited, step.when.as_ref());
            if let Some(id) = &step.id {
                self.record(&id.0, &why);
            }
            self.blocks(&step.blocks, why.as_ref(), depth);
            self.blocks(&step.after_result, why.as_ref(), depth);
            self.steps(&step.substeps, why.as_ref(), depth);
        }
    }

    fn blocks(&mut self, blocks: &[Block], inherited: Option<&Condition>, depth: usize) {
        // Includes nest at most as deep as resolving follows them.
        if depth > 16 {
            return;
        }
        for block in blocks {
            let (block, when) = block.parts();
            let why = self.failing(inherited, when);
            match block {
                Block::Tabs(tabs) => {
                    for pane in &tabs.panes {
                        let pane_why = self.failing(why.as_ref(), pane.when.as_ref());
                        self.blocks(&pane.blocks, pane_why.as_ref(), depth + 1);
                        self.steps(&pane.steps, pane_why.as_ref(), depth + 1);
                    }
                }
                Block::Admonition(a) => self.blocks(&a.blocks, why.as_ref(), depth + 1),
                Block::Collapsible(c) => self.blocks(&c.blocks, why.as_ref(), depth + 1),
                Block::Include(id) => {
                    if let Some(fragment) = self.content.fragment(id.as_str()) {
                        self.blocks(&fragment.blocks, why.as_ref(), depth + 1);
                    }
                }
                _ => {}
            }
        }
    }
}
