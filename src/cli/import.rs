//! `helpdoc import`: Docusaurus drafts into content files, and what could not be mapped.

use helpdoc::diag::words::count;

use super::ui::say;
use super::{EXIT_CONTENT, EXIT_ENVIRONMENT, EXIT_OK, ImportArgs};

/// `helpdoc import`: writes content files for the drafts and prints what it could not map.
pub(crate) fn import(args: &ImportArgs) -> u8 {
    let options = helpdoc::import::ImportOptions {
        pages: args.pages.clone(),
        out: args.out.clone(),
        force: args.force,
        schema_url: args.schema_url.clone(),
        report: args.report,
    };
    match helpdoc::import::import(&options) {
        Ok(summary) => {
            for note in &summary.notes {
                eprintln!("{note}");
            }
            if let Some(note) = &summary.schema_note {
                eprintln!("note: {note}");
            }
            for line in helpdoc::import::fidelity::render(&summary.fidelity) {
                println!("{line}");
            }
            let replaced = match summary.overwritten {
                0 => String::new(),
                n => format!(" ({n} replaced)"),
            };
            say!(
                "imported {} into {}: {}{replaced}",
                count(args.pages.len(), "page"),
                args.out.display(),
                count(summary.written.len(), "file")
            );
            say!(
                "next: run `helpdoc check --content {}` to see what to fix",
                args.out.display()
            );
            EXIT_OK
        }
        Err(helpdoc::import::ImportError::Images(refused)) => {
            let code = refused_images(&refused);
            eprintln!("note: nothing was written");
            code
        }
        Err(error) => {
            eprintln!("error: {error}");
            if matches!(error, helpdoc::import::ImportError::Exists(_)) {
                eprintln!(
                    "help: nothing was written; pass `--force` to replace them, or import into another folder"
                );
            }
            EXIT_ENVIRONMENT
        }
    }
}

/// Prints the images the drafts name that were refused (each line already located and with its
/// help): a mistake in the drafts, so the content exit code.
pub(crate) fn refused_images(refused: &[String]) -> u8 {
    for line in refused {
        eprintln!("{line}");
    }
    EXIT_CONTENT
}
