//! `helpdoc new PROJECT` writes a project that checks and builds clean; `helpdoc new KIND ID`
//! adds a content file from a template and, with `--section`, lists it in a publication.

use std::path::Path;

use helpdoc::check::check_folder;
use helpdoc::scaffold::{self, NewError, NewKind, place};

use super::folders::Folders;
use super::ui::{self, say};
use super::{EXIT_ENVIRONMENT, EXIT_OK, NewArgs};

/// `helpdoc new`.
pub(crate) fn new(args: &NewArgs) -> u8 {
    let result = match (NewKind::parse(&args.what), &args.id) {
        (Some(kind), Some(id)) => {
            if !helpdoc::model::TopicId::is_valid(id) {
                Err(NewError::BadId(id.to_string()))
            } else {
                return new_file(args, kind, id);
            }
        }
        (Some(kind), None) => {
            eprintln!(
                "error: name the new {0}: `helpdoc new {0} ID`, where ID is lowercase words joined by hyphens",
                kind.name()
            );
            return EXIT_ENVIRONMENT;
        }
        (None, Some(_)) => Err(NewError::UnknownKind(args.what.clone())),
        (None, None) => new_project(Path::new(&args.what)),
    };
    match result {
        Ok(()) => EXIT_OK,
        Err(error) => {
            eprintln!("error: {error}");
            EXIT_ENVIRONMENT
        }
    }
}

fn new_project(dir: &Path) -> Result<(), NewError> {
    let files = scaffold::new_project(dir)?;
    say!(
        "created the project {} ({})",
        dir.display(),
        helpdoc::diag::words::count(files.len(), "file")
    );
    if ui::get().verbose {
        for file in &files {
            eprintln!("  {}", dir.join(file).display());
        }
    }
    say!(
        "next: cd {} && helpdoc check && helpdoc build (or `helpdoc watch` to rebuild on every change)",
        dir.display()
    );
    Ok(())
}

/// `helpdoc new KIND ID [--section S --publication P]`.
fn new_file(args: &NewArgs, kind: NewKind, id: &str) -> u8 {
    let folders = match Folders::resolve(args.content.as_deref(), None, None) {
        Ok(folders) => folders,
        Err(code) => return code,
    };
    // Read the content first: the id must be free, and the section must exist, before anything
    // is written.
    let checked = match check_folder(&folders.content, &folders.check_options()) {
        Ok(checked) => checked,
        Err(error) => {
            super::report::report_load_error(&error);
            return EXIT_ENVIRONMENT;
        }
    };
    match write_file(args, &folders, &checked, kind, id) {
        Ok(()) => EXIT_OK,
        Err(error) => {
            eprintln!("error: {error}");
            EXIT_ENVIRONMENT
        }
    }
}

fn write_file(
    args: &NewArgs,
    folders: &Folders,
    checked: &helpdoc::check::Checked,
    kind: NewKind,
    id: &str,
) -> Result<(), NewError> {
    if let Some(path) = place::find_id(&checked.content, &checked.sources, id) {
        return Err(NewError::Taken {
            id: id.to_string(),
            path,
        });
    }
    let insertion = match (&args.section, &args.publication) {
        (Some(section), Some(publication)) => {
            place::plan(&checked.content, &checked.sources, publication, section, id)
                .map_err(NewError::Place)?
        }
        _ => None,
    };
    let path = scaffold::new_file(&folders.content, kind, id)?;
    say!("created {}", path.display());
    if let Some(insertion) = insertion {
        place::apply(&insertion).map_err(|error| NewError::Io {
            path: insertion.path.clone(),
            error,
        })?;
        say!(
            "listed `{id}` in the section `{}` of {}:{}",
            args.section.as_deref().unwrap_or_default(),
            insertion.path.display(),
            insertion.line
        );
    }
    Ok(())
}
