//! Decides where each image of a publication is copied (`img/<file name>`, or `img/<content path>`
//! when two images share a file name) and returns the copies as artifacts.

use std::collections::BTreeMap;

use crate::export::Artifact;
use crate::resolve::{ImageStore, ResolvedBlock, ResolvedPublication};

/// Content-relative image path → path relative to the publication folder.
pub type ImagePaths = BTreeMap<String, String>;

/// Places every image the publication shows; fails (with the path) if one was not loaded.
pub fn place(
    publication: &ResolvedPublication,
    store: &ImageStore,
) -> Result<(ImagePaths, Vec<Artifact>), String> {
    let mut used = Vec::new();
    publication.each_block(&mut |block| push_image(block, &mut used));
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

fn push_image<'a>(block: &'a ResolvedBlock, out: &mut Vec<&'a str>) {
    if let ResolvedBlock::Image { path, .. } = block {
        out.push(path);
    }
}
