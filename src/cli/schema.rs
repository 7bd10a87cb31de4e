//! `helpdoc schema`: writes the JSON Schemas, or checks the committed ones.

use std::io::Write;

use helpdoc::diag::words::count;

use super::{EXIT_CONTENT, EXIT_ENVIRONMENT, EXIT_OK, SchemaArgs};

/// The project's own content schemas, from the dimensions its configuration declares.
fn project_files(args: &SchemaArgs) -> Result<Vec<(String, String)>, u8> {
    let project = super::project_here()?;
    let content = super::folder(
        args.content.as_ref(),
        project.as_ref(),
        helpdoc::load::Project::content,
        "content",
    );
    let options = helpdoc::check::CheckOptions {
        project,
        ..helpdoc::check::CheckOptions::default()
    };
    let loaded = helpdoc::load::load_folder(&content, &options).map_err(|error| {
        super::report::report_load_error(&error);
        EXIT_ENVIRONMENT
    })?;
    let dimensions = (loaded.config.dimensions.iter())
        .map(|(name, d)| (name.clone(), d.values.clone()))
        .collect();
    Ok(helpdoc::schema::project_schema_files(&dimensions))
}

/// `helpdoc schema`: writes (or with `--check`, compares) the schema files.
pub(crate) fn schema(args: &SchemaArgs) -> u8 {
    let files = if args.project {
        match project_files(args) {
            Ok(files) => files,
            Err(code) => return code,
        }
    } else {
        helpdoc::published_schemas::all_schema_files()
    };
    if args.check {
        let mut stale = Vec::new();
        let folder = helpdoc::load::ReadRoot::new(&args.out, "the schema folder").ok();
        for (name, text) in &files {
            let path = args.out.join(name);
            // Anything longer than the expected text differs: read no more than that.
            let committed = folder
                .as_ref()
                .and_then(|f| f.read(&path, text.len() as u64).ok());
            if committed.as_deref() != Some(text.as_bytes()) {
                stale.push(path.display().to_string());
            }
        }
        if stale.is_empty() {
            if !super::ui::get().quiet {
                println!("schemas in {} are up to date", args.out.display());
            }
            return EXIT_OK;
        }
        eprintln!(
            "error: these schema files differ from the model: {}",
            stale.join(", ")
        );
        eprintln!(
            "help: run `helpdoc schema --out {}` and commit the result",
            args.out.display()
        );
        return EXIT_CONTENT;
    }
    if let Err(error) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create {}: {error}", args.out.display());
        return EXIT_ENVIRONMENT;
    }
    for (name, text) in &files {
        let path = args.out.join(name);
        if let Err(error) = helpdoc::output::write_file_atomic(&path, text.as_bytes()) {
            eprintln!("error: cannot write {}: {error}", path.display());
            return EXIT_ENVIRONMENT;
        }
    }
    if super::ui::get().quiet {
        return EXIT_OK;
    }
    let _ = writeln!(
        std::io::stdout(),
        "wrote {} to {}",
        count(files.len(), "schema file"),
        args.out.display()
    );
    EXIT_OK
}
