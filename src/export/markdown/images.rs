//! Decides where each image of a publication is copied (`img/<file name>`, or `img/<content path>`
//! when two images share a file name) and returns the copies as artifacts.

use std::collections::BTreeMap;

use crate::export::Artifact;
use crate::resolve::{
    ImageStore, ResolvedBlock, ResolvedPublication, ResolvedSection, ResolvedStep, TopicBody,
    each_step_block,
};

/// Content-relative image path → path relative to the publication folder.
pub type ImagePaths = BTreeMap<String, String>;

/// Places every image the publication shows; fails (with the path) if one was not loaded.
pub fn place(
    publication: &ResolvedPublication,
    store: &ImageStore,
) -> Result<(ImagePaths, Vec<Artifact>), String> {
    let mut used = Vec::new();
    for section in &publication.sections {
        section_images(section, &mut used);
    }
    used.sort();
    used.dedup();
    let file_name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_string();
    let mut placed = ImagePaths::new();
    let mut artifacts = Vec::new();
    for path in &used {
        let bytes = store.get(*path).ok_or_else(|| {
            format!(
                "publication `{}` shows the image `{path}`, which could not be read",
                publication.id
            )
        })?;
        let name = file_name(path);
        let shared = used.iter().filter(|p| file_name(p) == name).count() > 1;
        let relative = if shared {
            format!("img/{path}")
        } else {
            format!("img/{name}")
        };
        artifacts.push(Artifact {
            path: format!("{}/{relative}", publication.id),
            bytes: bytes.clone(),
            publication: Some(publication.id.clone()),
        });
        placed.insert((*path).to_string(), relative);
    }
    Ok((placed, artifacts))
}

fn section_images<'a>(section: &'a ResolvedSection, out: &mut Vec<&'a str>) {
    block_images(&section.intro, out);
    block_images(&section.outro, out);
    for topic in section.topics() {
        match &topic.body {
            TopicBody::Prerequisite {
                body,
                check,
                if_not_met,
                ..
            } => {
                block_images(body, out);
                step_images(check, out);
                block_images(if_not_met, out);
            }
            TopicBody::Concept { answer } => block_images(answer, out),
            TopicBody::Procedure {
                intro,
                steps,
                outro,
                ..
            } => {
                block_images(intro, out);
                step_images(steps, out);
                block_images(outro, out);
            }
            TopicBody::Error { intro, causes, .. } => {
                block_images(intro, out);
                for cause in causes {
                    block_images(&cause.blocks, out);
                    step_images(&cause.steps, out);
                }
            }
        }
    }
    for child in section.sections() {
        section_images(child, out);
    }
}

fn step_images<'a>(steps: &'a [ResolvedStep], out: &mut Vec<&'a str>) {
    each_step_block(steps, &mut |block| push_image(block, out));
}

fn block_images<'a>(blocks: &'a [ResolvedBlock], out: &mut Vec<&'a str>) {
    for block in blocks {
        block.each_nested(&mut |block| push_image(block, out));
    }
}

fn push_image<'a>(block: &'a ResolvedBlock, out: &mut Vec<&'a str>) {
    if let ResolvedBlock::Image { path, .. } = block {
        out.push(path);
    }
}
