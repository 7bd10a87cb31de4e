//! The subcommands' bodies: each returns the process exit code (0 ok, 1 content errors, 2 usage or environment).

use std::io::Write;

use crate::cli::{CheckArgs, SchemaArgs};

/// Exit code: success.
pub const EXIT_OK: u8 = 0;
/// Exit code: the content has errors.
pub const EXIT_CONTENT: u8 = 1;
/// Exit code: bad usage or an environment failure (unreadable folder, unwritable output).
pub const EXIT_ENVIRONMENT: u8 = 2;

/// `helpdoc schema`: writes (or with `--check`, compares) the schema files.
pub fn schema(args: &SchemaArgs) -> u8 {
    let files = crate::schema::all_schema_files();
    if args.check {
        let mut stale = Vec::new();
        for (name, text) in &files {
            let path = args.out.join(name);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                stale.push(path.display().to_string());
            }
        }
        if stale.is_empty() {
            println!("schemas in {} are up to date", args.out.display());
            return EXIT_OK;
        }
        eprintln!("error: these schema files differ from the model: {}", stale.join(", "));
        eprintln!("help: run `helpdoc schema --out {}` and commit the result", args.out.display());
        return EXIT_CONTENT;
    }
    if let Err(error) = std::fs::create_dir_all(&args.out) {
        eprintln!("error: cannot create {}: {error}", args.out.display());
        return EXIT_ENVIRONMENT;
    }
    for (name, text) in &files {
        let path = args.out.join(name);
        if let Err(error) = crate::output::write_file_atomic(&path, text.as_bytes()) {
            eprintln!("error: cannot write {}: {error}", path.display());
            return EXIT_ENVIRONMENT;
        }
    }
    let _ = writeln!(std::io::stdout(), "wrote {} schema files to {}", files.len(), args.out.display());
    EXIT_OK
}

/// `helpdoc check`.
pub fn check(args: &CheckArgs) -> u8 {
    let _ = args;
    EXIT_OK
}
