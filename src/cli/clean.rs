//! `helpdoc clean`: removes what the output folder's manifest says helpdoc made, through the
//! same guards and lock as `build`.

use helpdoc::diag::words::count;
use helpdoc::output::{Cleaned, OutputError, OutputFolder, Wait};

use super::folders::Folders;
use super::ui::{self, say};
use super::{CleanArgs, EXIT_ENVIRONMENT, EXIT_OK};

/// `helpdoc clean`.
pub(crate) fn clean(args: &CleanArgs) -> u8 {
    let folders = match Folders::resolve(args.content.as_deref(), args.out.as_deref(), None) {
        Ok(folders) => folders,
        Err(code) => return code,
    };
    // Opening creates missing parent folders (a build needs them); a clean never does.
    if std::fs::symlink_metadata(&folders.out)
        .is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound)
    {
        say!("nothing to clean: {} does not exist", folders.out.display());
        return EXIT_OK;
    }
    let mut waiting = || {
        say!(
            "waiting for a helpdoc build to finish writing into {}",
            folders.out.display()
        )
    };
    let wait = if args.no_wait {
        Wait::NoWait
    } else {
        Wait::Block(&mut waiting)
    };
    let cleaned = OutputFolder::open(&folders.out, &folders.content, args.force, wait)
        .and_then(|out| out.clean());
    match cleaned {
        Ok(Cleaned {
            files,
            folder_removed: false,
        }) if files.is_empty() => {
            say!("nothing to clean in {}", folders.out.display());
            EXIT_OK
        }
        Ok(Cleaned { files, .. }) if files.is_empty() => {
            say!("removed the empty folder {}", folders.out.display());
            EXIT_OK
        }
        Ok(cleaned) => {
            let folder = if cleaned.folder_removed {
                format!(", and the folder {}", folders.out.display())
            } else {
                format!(
                    " from {} (it holds files helpdoc did not make, which stay)",
                    folders.out.display()
                )
            };
            say!("removed {}{folder}", count(cleaned.files.len(), "file"));
            if ui::get().verbose {
                for file in &cleaned.files {
                    eprintln!("  {}", folders.out.join(file).display());
                }
            }
            EXIT_OK
        }
        Err(error) => {
            eprintln!("error: {error}");
            if matches!(error, OutputError::NotOurs { .. }) {
                eprintln!(
                    "help: `helpdoc clean --force` removes only the files helpdoc made and leaves these"
                );
            }
            EXIT_ENVIRONMENT
        }
    }
}
