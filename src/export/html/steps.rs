//! Renders numbered steps (with results, sub-steps and branches) and error causes as HTML.

use super::blocks::{BodyRenderer, paragraph};
use super::inline::push_inlines;
use crate::model::CauseStyle;
use crate::resolve::anchors::{cause_part, part_id};
use crate::resolve::{ResolvedBranch, ResolvedCause, ResolvedStep, wording};
use crate::text::html_escape::{escape_attr, push_text};

impl BodyRenderer<'_> {
    /// Renders steps as an ordered list; sub-steps are lettered.
    pub fn steps(
        &self,
        out: &mut String,
        steps: &[ResolvedStep],
        nested: bool,
    ) -> Result<(), String> {
        if steps.is_empty() {
            return Ok(());
        }
        out.push_str(if nested {
            "<ol class=\"substeps\" type=\"a\">\n"
        } else {
            "<ol class=\"steps\">\n"
        });
        for step in steps {
            match &step.anchor {
                Some(anchor) => out.push_str(&format!("<li id=\"{}\">\n", escape_attr(anchor))),
                None => out.push_str("<li>\n"),
            }
            out.push_str(&alias_spans(&step.aliases));
            paragraph(out, Some("step-action"), &step.action);
            self.blocks(out, &step.blocks)?;
            if let Some(result) = &step.result {
                out.push_str("<p class=\"step-result\"><span class=\"label\">Result:</span> ");
                push_inlines(out, result);
                out.push_str("</p>\n");
            }
            self.blocks(out, &step.after_result)?;
            self.steps(out, &step.substeps, true)?;
            for branch in &step.branches {
                self.branch(out, branch)?;
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
        Ok(())
    }

    /// A branch: its callout (an admonition ending with the go-to sentence), or the sentence.
    fn branch(&self, out: &mut String, branch: &ResolvedBranch) -> Result<(), String> {
        if let Some(callout) = &branch.callout {
            return self.blocks(out, std::slice::from_ref(callout));
        }
        let (before, between, after) = wording::BRANCH;
        out.push_str(&format!("<p class=\"step-branch\">{before}"));
        push_inlines(out, &branch.condition);
        out.push_str(between);
        topic_link(out, &branch.go_to, &branch.title);
        out.push_str(&format!("{after}</p>\n"));
        Ok(())
    }

    /// Renders an error's causes with their resolutions: each under its own heading at `level`
    /// (`cause_style: headings`), or as labelled paragraphs (`list`). A group of causes that
    /// share the fix is a list.
    pub fn causes(
        &self,
        out: &mut String,
        topic: &str,
        causes: &[ResolvedCause],
        level: usize,
        style: CauseStyle,
    ) -> Result<(), String> {
        for (index, cause) in causes.iter().enumerate() {
            let id = cause
                .anchor
                .clone()
                .unwrap_or_else(|| part_id(topic, &cause_part(index)));
            let label = if causes.len() > 1 {
                format!("Cause {} of {}", index + 1, causes.len())
            } else {
                "Cause".to_string()
            };
            out.push_str("<section class=\"cause\">\n");
            match style {
                CauseStyle::Headings => {
                    out.push_str(&format!(
                        "<h{level} id=\"{}\" class=\"cause-title\"><span class=\"cause-label\">{label}</span> ",
                        escape_attr(&id)
                    ));
                    if cause.group.is_empty() {
                        push_inlines(out, &cause.cause);
                    } else {
                        push_text(out, wording::POSSIBLE_CAUSES);
                    }
                    out.push_str(&format!("</h{level}>\n"));
                }
                CauseStyle::List => {
                    let id = cause
                        .anchor
                        .as_deref()
                        .map(|a| format!(" id=\"{}\"", escape_attr(a)))
                        .unwrap_or_default();
                    out.push_str(&format!("<p class=\"cause-title\"{id}><strong>"));
                    if cause.group.is_empty() {
                        push_text(out, wording::CAUSE);
                        out.push_str("</strong> ");
                        push_inlines(out, &cause.cause);
                    } else {
                        push_text(out, &format!("{}:", wording::POSSIBLE_CAUSES));
                        out.push_str("</strong>");
                    }
                    out.push_str("</p>\n");
                }
            }
            if !cause.group.is_empty() {
                out.push_str("<ul class=\"cause-group\">\n");
                for text in &cause.group {
                    out.push_str("<li>");
                    push_inlines(out, text);
                    out.push_str("</li>\n");
                }
                out.push_str("</ul>\n");
            }
            out.push_str(&format!(
                "<div class=\"resolution\">\n<p class=\"resolution-label\">{}</p>\n",
                wording::HOW_TO_FIX
            ));
            self.blocks(out, &cause.blocks)?;
            self.steps(out, &cause.steps, false)?;
            if let Some((target, title)) = &cause.procedure {
                out.push_str("<p class=\"follow\">Follow ");
                topic_link(out, target, title);
                out.push_str(".</p>\n");
            }
            out.push_str("</div>\n</section>\n");
        }
        Ok(())
    }
}

/// Empty elements carrying old ids (aliases), written first inside the element they stand for:
/// a link to an old address lands there.
pub fn alias_spans(aliases: &[String]) -> String {
    aliases
        .iter()
        .map(|a| format!("<span id=\"{}\"></span>", escape_attr(a)))
        .collect()
}

/// A link to a topic in this page, showing its title.
pub fn topic_link(out: &mut String, id: &str, title: &str) {
    out.push_str(&format!("<a href=\"#{}\">", escape_attr(id)));
    push_text(out, title);
    out.push_str("</a>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::inline::Inline;
    use crate::resolve::ImageStore;

    fn step(action: &str) -> ResolvedStep {
        ResolvedStep {
            anchor: None,
            aliases: vec![],
            action: vec![Inline::Text(action.into())],
            blocks: vec![],
            result: None,
            after_result: vec![],
            substeps: vec![],
            branches: vec![],
        }
    }

    #[test]
    fn renders_steps_with_substeps_results_and_branches() {
        let images = ImageStore::new();
        let mut first = step("Open <it>");
        first.anchor = Some("t--open".into());
        first.result = Some(vec![Inline::Text("It opens.".into())]);
        first.substeps = vec![step("Look")];
        first.branches = vec![ResolvedBranch {
            condition: vec![Inline::Text("it fails".into())],
            go_to: "fix-it".into(),
            title: "Fix \"it\"".into(),
            callout: None,
        }];
        let mut out = String::new();
        BodyRenderer { images: &images }
            .steps(&mut out, &[first, step("Close")], false)
            .unwrap_or_default();
        assert_eq!(
            out,
            "<ol class=\"steps\">\n<li id=\"t--open\">\n<p class=\"step-action\">Open &lt;it&gt;</p>\n\
             <p class=\"step-result\"><span class=\"label\">Result:</span> It opens.</p>\n\
             <ol class=\"substeps\" type=\"a\">\n<li>\n<p class=\"step-action\">Look</p>\n</li>\n</ol>\n\
             <p class=\"step-branch\">If it fails, go to <a href=\"#fix-it\">Fix &quot;it&quot;</a>.</p>\n</li>\n\
             <li>\n<p class=\"step-action\">Close</p>\n</li>\n</ol>\n"
        );
    }
}
