//! `helpdoc new`: a new project, or a new content file from a template, optionally listed in a
//! publication's section (see [`place`]). Returns what it wrote; never prints.

pub mod place;

use std::path::{Path, PathBuf};

use crate::model::{DocumentFamily, DocumentKind, TopicId};
use crate::text::yaml_quote::{Dialect, quote};

/// What `helpdoc new KIND ID` can make: a [`DocumentKind`] that has a template (every kind but
/// `publication`, which `helpdoc new PROJECT` writes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NewKind {
    kind: DocumentKind,
    template: &'static str,
}

impl NewKind {
    /// `kind` with its template, if `helpdoc new` makes that kind.
    fn of(kind: DocumentKind) -> Option<NewKind> {
        let template = match kind {
            DocumentKind::Prerequisite => include_str!("templates/prerequisite.yaml"),
            DocumentKind::Concept => include_str!("templates/concept.yaml"),
            DocumentKind::Procedure => include_str!("templates/procedure.yaml"),
            DocumentKind::Error => include_str!("templates/error.yaml"),
            DocumentKind::Fragment => include_str!("templates/fragment.yaml"),
            DocumentKind::Publication => return None,
        };
        Some(NewKind { kind, template })
    }

    /// Every kind it makes, in the order a project lists them.
    pub fn all() -> impl Iterator<Item = NewKind> {
        DocumentKind::ALL.into_iter().filter_map(NewKind::of)
    }

    /// The kind named `name` (as written after `kind:`), if `helpdoc new` makes it.
    pub fn parse(name: &str) -> Option<NewKind> {
        DocumentKind::parse(name).and_then(NewKind::of)
    }

    /// The name written after `kind:`.
    pub fn name(self) -> &'static str {
        self.kind.name()
    }

    /// The folder of the content folder new files of this kind go into.
    pub fn folder(self) -> &'static str {
        self.kind.plural()
    }

    fn family(self) -> DocumentFamily {
        self.kind.family()
    }
}

/// Why `helpdoc new` wrote nothing.
#[derive(Debug)]
pub enum NewError {
    /// The id is not a valid content id.
    BadId(String),
    /// The kind is not one `new` makes.
    UnknownKind(String),
    /// A file or a non-empty folder is already where `new` would write.
    Exists(PathBuf),
    /// A document already has this id.
    Taken {
        /// The id.
        id: String,
        /// The file holding it.
        path: PathBuf,
    },
    /// The publication or section to list the topic in was not found (see [`place`]).
    Place(place::PlaceError),
    /// A file could not be written.
    Io {
        /// The path.
        path: PathBuf,
        /// The OS error.
        error: std::io::Error,
    },
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::BadId(id) => write!(
                f,
                "`{id}` is not a valid id: use lowercase letters, digits and single hyphens, \
                 at most {} characters, such as `reset-password`",
                TopicId::MAX_LEN
            ),
            NewError::UnknownKind(kind) => write!(
                f,
                "`{kind}` is not a kind `helpdoc new` makes: use one of {}",
                NewKind::all()
                    .map(NewKind::name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            NewError::Exists(path) => write!(
                f,
                "{} already exists; choose another name, or remove it first",
                path.display()
            ),
            NewError::Taken { id, path } => write!(
                f,
                "the id `{id}` is already used by {}; ids are shared by every content file",
                path.display()
            ),
            NewError::Place(error) => error.fmt(f),
            NewError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for NewError {}

/// `reset-password` as a title: `Reset password`.
fn title_of(id: &str) -> String {
    let words = id.replace('-', " ");
    let mut chars = words.chars();
    chars
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// Fills a template's `{{id}}`, `{{title}}` and `{{schema}}`. A placeholder that is a whole YAML
/// value (`id: {{id}}`) is quoted when YAML would read it as something else (`123`, `null`);
/// inside other text it is written as is.
fn fill(template: &str, id: &str, schema: &str) -> String {
    let title = title_of(id);
    let values = [
        ("{{id}}", id),
        ("{{title}}", title.as_str()),
        ("{{schema}}", schema),
    ];
    template
        .split_inclusive('\n')
        .map(|line| {
            let mut line = line.to_string();
            for (placeholder, value) in values {
                let whole = line
                    .trim_end()
                    .strip_suffix(placeholder)
                    .is_some_and(|before| {
                        before.ends_with(": ") && !before.trim_start().starts_with('#')
                    });
                if whole {
                    let at = line.rfind(placeholder).expect("the line ends with it");
                    line.replace_range(at..at + placeholder.len(), &quote(value, Dialect::Yaml));
                }
                line = line.replace(placeholder, value);
            }
            line
        })
        .collect()
}

/// The `$schema` path from a file in `content/<folder>/` to the project's `schema/` folder
/// (beside the content folder).
fn schema_path(depth_below_content: usize, family: DocumentFamily) -> String {
    "../".repeat(depth_below_content + 1) + "schema/" + family.schema_file()
}

/// Writes `text` to a new file at `path` (its folders created); an existing file is an error.
fn write_new(path: &Path, text: &str) -> Result<(), NewError> {
    let failed = |error| NewError::Io {
        path: path.to_path_buf(),
        error,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::AlreadyExists => NewError::Exists(path.to_path_buf()),
            _ => failed(error),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(failed)
}

/// The text of a new `kind` file with this id, for a file one folder below the content folder.
pub fn topic_text(kind: NewKind, id: &str) -> String {
    fill(kind.template, id, &schema_path(1, kind.family()))
}

/// Writes a new `kind` file `content/<kind folder>/<id>.yaml` from its template. The caller has
/// checked that no document has the id (see [`place::find_id`]).
pub fn new_file(content: &Path, kind: NewKind, id: &str) -> Result<PathBuf, NewError> {
    if !TopicId::is_valid(id) {
        return Err(NewError::BadId(id.to_string()));
    }
    let path = content.join(kind.folder()).join(format!("{id}.yaml"));
    write_new(&path, &topic_text(kind, id))?;
    Ok(path)
}

/// Writes a new project into `dir` (which must not exist, or be empty): the content folder
/// with a publication, one file of each kind, `helpdoc.toml` and a word list; its own copy of
/// the JSON Schemas; editor settings pointing at them; a `.gitignore` for the output folder.
/// Returns the files written, relative to `dir`, in the order written.
pub fn new_project(dir: &Path) -> Result<Vec<PathBuf>, NewError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(NewError::Exists(dir.to_path_buf()));
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => {
            return Err(NewError::Io {
                path: dir.to_path_buf(),
                error,
            });
        }
    }
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for kind in NewKind::all() {
        let id = format!("example-{}", kind.name());
        files.push((
            Path::new("content")
                .join(kind.folder())
                .join(format!("{id}.yaml")),
            topic_text(kind, &id),
        ));
    }
    let publication = fill(
        include_str!("templates/publication.yaml"),
        "guide",
        &schema_path(1, DocumentFamily::Publication),
    );
    let publications = Path::new("content").join(DocumentKind::Publication.plural());
    files.push((publications.join("guide.yaml"), publication));
    files.push((
        "helpdoc.toml".into(),
        include_str!("templates/helpdoc.toml").to_string(),
    ));
    files.push((
        "content/wordlist.txt".into(),
        include_str!("templates/wordlist.txt").to_string(),
    ));
    for (name, text) in crate::published_schemas::all_schema_files() {
        files.push((Path::new("schema").join(name), text));
    }
    files.push((
        ".vscode/settings.json".into(),
        include_str!("templates/vscode-settings.json").to_string(),
    ));
    files.push((
        "README.md".into(),
        include_str!("templates/README.md").to_string(),
    ));
    files.push((".gitignore".into(), "/build/\n".to_string()));
    for (relative, text) in &files {
        write_new(&dir.join(relative), text)?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_ids() {
        assert_eq!(title_of("reset-password"), "Reset password");
    }

    /// An id longer than the schemas allow would give a file that `check` refuses.
    #[test]
    fn new_files_need_ids_the_schemas_accept() {
        let dir = tempfile::tempdir().unwrap();
        let long = "a".repeat(TopicId::MAX_LEN + 1);
        let procedure = NewKind::parse("procedure").unwrap();
        let refused = new_file(dir.path(), procedure, &long);
        assert!(matches!(refused, Err(NewError::BadId(_))), "{refused:?}");
        let longest = "a".repeat(TopicId::MAX_LEN);
        assert!(new_file(dir.path(), procedure, &longest).is_ok());
    }

    #[test]
    fn every_template_filled_with_any_valid_id_reads_back_as_strings() {
        use crate::diag::SourceFile;
        use crate::load::{Limits, NodeValue, Syntax};
        const TEMPLATES: [&str; 6] = [
            include_str!("templates/concept.yaml"),
            include_str!("templates/procedure.yaml"),
            include_str!("templates/error.yaml"),
            include_str!("templates/prerequisite.yaml"),
            include_str!("templates/fragment.yaml"),
            include_str!("templates/publication.yaml"),
        ];
        for template in TEMPLATES {
            for id in ["123", "null", "1e3", "0x1f", "yes", "reset-password"] {
                let text = fill(template, id, "../schema/x.schema.json");
                let file = SourceFile::new("t.yaml", text.clone());
                let node = crate::load::parse(&file, Syntax::Yaml, &Limits::default())
                    .unwrap_or_else(|e| panic!("{text}: {e:?}"));
                assert_eq!(node.get("id").and_then(|n| n.as_str()), Some(id), "{text}");
                if let Some(title) = node.get("title") {
                    assert!(matches!(title.value, NodeValue::String(_)), "{text}");
                }
                if let Some(message) = node.get("message") {
                    assert!(matches!(message.value, NodeValue::String(_)), "{text}");
                }
            }
        }
    }
}
