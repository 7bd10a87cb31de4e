//! `helpdoc import` and `check --lint-drafts` on a Docusaurus help site as a docs team has it
//! (`tests/fixtures/docusaurus-import`): every page lands, and the lint reports the defects seeded
//! in it and little else.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::support::{fixture, repo, run};

/// The site's six pages, as paths from the repository root (three are named `troubleshooting.md`).
fn pages() -> Vec<String> {
    let mut pages: Vec<String> = ["intacct", "ledgerly", "shipwise"]
        .iter()
        .flat_map(|product| {
            let folder = fixture("docusaurus-import/docs").join(product);
            std::fs::read_dir(&folder)
                .expect("the product folder")
                .map(|entry| entry.expect("an entry").path())
                .filter(|path| path.extension().is_some_and(|e| e == "md"))
                .collect::<Vec<_>>()
        })
        .map(|path| {
            path.strip_prefix(repo())
                .expect("in the repository")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    pages.sort();
    pages
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.insert(path.strip_prefix(dir).expect("inside").to_path_buf());
            }
        }
    }
    found
}

#[test]
fn pages_with_one_file_name_in_different_folders_all_land() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("imported");
    let out_arg = out.to_string_lossy().into_owned();
    let pages = pages();
    assert_eq!(pages.len(), 6);
    let mut args = vec!["import", "--out", out_arg.as_str()];
    args.extend(pages.iter().map(String::as_str));
    let first = run(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let on_disk = files_under(&out);
    let publications: Vec<&PathBuf> = on_disk
        .iter()
        .filter(|p| p.starts_with("publications"))
        .collect();
    assert_eq!(
        publications.len(),
        6,
        "one publication per page: {on_disk:?}"
    );
    for key in [
        "troubleshooting",
        "ledgerly-troubleshooting",
        "shipwise-troubleshooting",
    ] {
        let publication = std::fs::read_to_string(out.join(format!("publications/{key}.yaml")))
            .unwrap_or_else(|e| panic!("publications/{key}.yaml: {e}"));
        assert!(
            publication.contains(&format!("\nid: {key}\n")),
            "{publication}"
        );
    }
    // The renames are reported, each at the page renamed.
    for product in ["ledgerly", "shipwise"] {
        let note =
            format!("docs/{product}/troubleshooting.md:1:1: note: another page of this import");
        assert!(first.stderr.contains(&note), "{}", first.stderr);
    }
    // The summary counts the files that are on disk.
    let summary = format!("imported 6 pages into {out_arg}: {} files", on_disk.len());
    assert!(
        first.stderr.contains(&summary),
        "{}\n{on_disk:?}",
        first.stderr
    );

    // Again, into the same folder: nothing is replaced without `--force`.
    let publication = out.join("publications/ledgerly-troubleshooting.yaml");
    std::fs::write(&publication, "# edited by the writer\n").expect("edit");
    let second = run(&args);
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(second.stderr.contains("already exist"), "{}", second.stderr);
    let kept = std::fs::read_to_string(&publication).expect("kept");
    assert_eq!(kept, "# edited by the writer\n");
}
