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
        3,
        "one publication per docs folder: {on_disk:?}"
    );
    // Each folder's pages are its top-level sections, in sidebar order; the two
    // `troubleshooting.md` of other folders get keys of their own for their section and topics.
    for (key, sections) in [
        ("intacct", ["set-up-the-connection", "troubleshooting"]),
        ("ledgerly", ["ledgerly-troubleshooting", "sync-errors"]),
        ("shipwise", ["carrier-accounts", "shipwise-troubleshooting"]),
    ] {
        let publication = std::fs::read_to_string(out.join(format!("publications/{key}.yaml")))
            .unwrap_or_else(|e| panic!("publications/{key}.yaml: {e}"));
        assert!(
            publication.contains(&format!("\nid: {key}\n")),
            "{publication}"
        );
        let at: Vec<usize> = sections
            .iter()
            .map(|id| {
                publication
                    .find(&format!("\n  - id: {id}\n"))
                    .unwrap_or_else(|| panic!("{id}: {publication}"))
            })
            .collect();
        assert!(at[0] < at[1], "sidebar order: {publication}");
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
    let publication = out.join("publications/ledgerly.yaml");
    std::fs::write(&publication, "# edited by the writer\n").expect("edit");
    let second = run(&args);
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert!(second.stderr.contains("already exist"), "{}", second.stderr);
    let kept = std::fs::read_to_string(&publication).expect("kept");
    assert_eq!(kept, "# edited by the writer\n");
}

/// One expected finding (or clean line) of `expected-findings.yaml`.
#[derive(serde::Deserialize)]
struct Expected {
    file: String,
    line: u64,
    #[serde(default)]
    rule: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

#[derive(serde::Deserialize)]
struct ExpectedFindings {
    defects: Vec<Expected>,
    also_true: Vec<Expected>,
    clean: Vec<Expected>,
}

#[test]
fn lint_is_precise_on_published_pages_and_finds_every_seeded_defect() {
    let site = fixture("docusaurus-import");
    // Read with helpdoc's own YAML reader (the test crates have no YAML library).
    let text = std::fs::read_to_string(site.join("expected-findings.yaml")).expect("the file");
    let source = helpdoc::diag::SourceFile::new("expected-findings.yaml", text);
    let limits = helpdoc::load::Limits::default();
    let node = helpdoc::load::parse(&source, helpdoc::load::Syntax::Yaml, &limits)
        .expect("expected-findings.yaml parses");
    let expected: ExpectedFindings =
        serde_json::from_value(node.to_json()).expect("expected-findings.yaml has its fields");
    let pages: Vec<String> = pages()
        .iter()
        .map(|p| {
            p.trim_start_matches("tests/fixtures/docusaurus-import/")
                .to_string()
        })
        .collect();
    let mut args = vec![
        "check",
        "--diagnostic-format",
        "json",
        "--content",
        "helpdoc",
        "--lint-drafts",
    ];
    args.extend(pages.iter().map(String::as_str));
    let result = crate::support::run_in(&site, &args);
    assert!(!result.stderr.contains("panicked"), "{}", result.stderr);
    let findings: Vec<(String, u64, String)> = result
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("JSON"))
        .filter(|f| f["file"].is_string())
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_u64().unwrap_or_default(),
                f["code"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let matches = |e: &Expected, f: &(String, u64, String)| {
        e.file == f.0 && e.line == f.1 && e.rule.as_deref() == Some(f.2.as_str())
    };
    let missed: Vec<&Expected> = expected
        .defects
        .iter()
        .filter(|e| !findings.iter().any(|f| matches(e, f)))
        .collect();
    let true_findings = findings
        .iter()
        .filter(|f| {
            expected
                .defects
                .iter()
                .chain(&expected.also_true)
                .any(|e| matches(e, f))
        })
        .count();
    let false_findings: Vec<&(String, u64, String)> = findings
        .iter()
        .filter(|f| {
            !expected
                .defects
                .iter()
                .chain(&expected.also_true)
                .any(|e| matches(e, f))
        })
        .collect();
    let recall = (expected.defects.len() - missed.len()) as f64 / expected.defects.len() as f64;
    let precision = true_findings as f64 / findings.len().max(1) as f64;
    println!(
        "lint on the Docusaurus fixture: {} findings, {true_findings} true; precision {:.1}%, recall {:.1}% ({} of {} seeded defects)",
        findings.len(),
        precision * 100.0,
        recall * 100.0,
        expected.defects.len() - missed.len(),
        expected.defects.len()
    );
    assert!(
        missed.is_empty(),
        "seeded defects not reported: {:?}\nfindings: {findings:?}",
        missed
            .iter()
            .map(|e| format!("{}:{} {:?}", e.file, e.line, e.rule))
            .collect::<Vec<_>>()
    );
    assert!(
        precision >= 0.95,
        "precision {precision}: false findings {false_findings:?}"
    );
    for clean in &expected.clean {
        let line = std::fs::read_to_string(site.join(&clean.file))
            .expect("the page")
            .split('\n')
            .nth(clean.line as usize - 1)
            .unwrap_or_default()
            .to_string();
        let text = clean.text.as_deref().unwrap_or_default();
        assert!(
            line.contains(text),
            "{}:{} is not {text:?}: {line}",
            clean.file,
            clean.line
        );
        let fired: Vec<_> = findings
            .iter()
            .filter(|f| f.0 == clean.file && f.1 == clean.line)
            .collect();
        assert!(fired.is_empty(), "a rule fired on a clean line: {fired:?}");
    }
}

/// The fidelity report on the fixture site: every anchor, cause, admonition, screenshot, table,
/// step and page the published pages have is kept as structure, and the report says so.
#[test]
fn import_keeps_every_anchor_cause_box_image_table_step_and_page() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("imported");
    let out_arg = out.to_string_lossy().into_owned();
    let pages = pages();
    let mut args = vec!["import", "--report", "--out", out_arg.as_str()];
    args.extend(pages.iter().map(String::as_str));
    let result = run(&args);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let totals = result
        .stdout
        .split("all pages:\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no totals: {}", result.stdout));
    for (construct, published, imported) in [
        ("heading anchors", 24, 24),
        ("causes", 11, 15),
        ("admonitions", 5, 5),
        ("images", 12, 12),
        ("tables", 2, 2),
        ("steps", 28, 28),
        ("pages", 6, 6),
    ] {
        let line = format!("  {construct:<16} published {published:>3}  imported {imported:>3}");
        assert!(totals.contains(&line), "{line}\n{}", result.stdout);
    }
    // What did not map is named: headings that became no heading of their own (the
    // "Prerequisites" headings became one prerequisite topic per item; two headings that are no
    // question, error or task were kept as paragraphs, their anchors as aliases).
    let missing: Vec<&str> = result
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("    not mapped: "))
        .collect();
    assert_eq!(
        missing,
        [
            "Prerequisites",
            "Modules that need permissions",
            "Prerequisites",
            "Related pages"
        ],
        "{}",
        result.stdout
    );
    // The tables inside `<Tabs>` in `<details>` are tables in tabs in a collapsible block; the box
    // inside step 2 keeps its text there; the cause list is a shared fix.
    let topics = files_under(&out);
    let read = |suffix: &str| {
        let path = topics
            .iter()
            .find(|p| p.to_string_lossy().ends_with(suffix))
            .unwrap_or_else(|| panic!("{suffix}: {topics:?}"));
        std::fs::read_to_string(out.join(path)).expect("a topic")
    };
    let modules = read("create-a-web-services-user.yaml");
    assert!(modules.contains("collapsible:\n      summary: Permissions by company type\n      blocks:\n        - tabs:"), "{modules}");
    let enable = read("enable-web-services.yaml");
    assert!(enable.contains("  - action: Find _Web Services_ and switch its toggle on.\n    blocks:\n      - admonition:\n          type: tip\n          blocks:\n            - paragraph: If the toggle"), "{enable}");
    let email = read("no-credentials-email.yaml");
    assert!(
        email.contains("causes:\n  - causes:\n      - The email is in your spam or junk folder."),
        "{email}"
    );
    // The published anchor of a question is kept as an alias of its shorter id.
    let unable = read("unable-to-connect-to-intacct.yaml");
    assert!(
        unable.contains("aliases:\n  - how-do-i-resolve-the-unable-to-connect-to-intacct-error\n"),
        "{unable}"
    );
    assert!(
        result
            .stderr
            .contains("user_recoverable` is false until you decide")
    );
    // Links to a heading of an imported page name its topic, and a link to a whole imported
    // page its first topic; a link to a page not imported stays a site link, and the note says
    // which route to declare.
    assert!(
        enable
            .contains("[Add a Web Services authorization](topic:add-a-web-services-authorization)"),
        "{enable}"
    );
    let permissions = read("errors/missing-permissions.yaml");
    assert!(
        permissions.contains("[the module list](topic:create-a-web-services-user)"),
        "{permissions}"
    );
    assert!(
        modules.contains(
            "see [Troubleshoot the Sage Intacct connection](topic:no-credentials-email)."
        ),
        "{modules}"
    );
    let related = read("concepts/related-pages.yaml");
    assert!(
        related.contains("- \"[Resolve bank sync errors](topic:duplicate-transaction)\"\n"),
        "{related}"
    );
    assert!(
        !result.stderr.contains("/docs/ledgerly/sync-errors`")
            && !result.stderr.contains("/docs/intacct/troubleshooting`"),
        "{}",
        result.stderr
    );
    assert!(
        result.stderr.contains("the link to `/docs/shipwise/carrier-accounts` names no imported page: it stays a site link; declare its route under `[site]` in helpdoc.toml (`routes = [\"/docs/shipwise/carrier-accounts\"]`)"),
        "{}",
        result.stderr
    );
    // A link showing the title of the page it opens is not stale text; the seeded one that
    // shows an old title is.
    let checked = run(&[
        "check",
        "--content",
        &out_arg,
        "--diagnostic-format",
        "json",
    ]);
    let stale: Vec<&str> = (checked.stdout.lines())
        .filter(|l| l.contains("\"code\":\"stale-link-text\""))
        .collect();
    assert!(
        stale.len() == 1 && stale[0].contains("the link text \\\"Fix sync failures\\\""),
        "{}",
        checked.stdout
    );
    // The page options of the frontmatter.
    // The folder's `_category_.json` is its publication's sidebar category; each page keeps its
    // route as its slug (the one it had, or its path's).
    let intacct =
        std::fs::read_to_string(out.join("publications/intacct.yaml")).expect("the publication");
    assert!(
        intacct.contains("\n    slug: /intacct/set-up\n"),
        "{intacct}"
    );
    assert!(
        intacct.contains("\n    slug: /intacct/troubleshooting\n"),
        "{intacct}"
    );
    assert!(
        intacct.contains("\ntitle: Sage Intacct\n")
            && intacct.contains(
                "formats:\n  markdown:\n    category_label: Sage Intacct\n    sidebar_position: 1\n"
            ),
        "{intacct}"
    );
    let shipwise =
        std::fs::read_to_string(out.join("publications/shipwise.yaml")).expect("the publication");
    assert!(
        shipwise.contains("    sidebar_position: 3\n    collapsed: false\n"),
        "{shipwise}"
    );
    assert!(
        result.stderr.contains(
            "fields of the folder's `_category_.json` helpdoc has no place for were left out: link"
        ),
        "{}",
        result.stderr
    );
}

/// A team's own MDX components: one mapped under `[import.components]` becomes that construct; one
/// not mapped keeps its text (never escaped JSX) and is reported at its line; a mapping helpdoc
/// does not know is an error at its place, and nothing is written.
#[test]
fn team_components_are_mapped_by_the_import_config_or_kept_and_reported() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("content");
    std::fs::create_dir_all(&out).expect("content");
    let config = out.join("helpdoc.toml");
    std::fs::write(
        &config,
        "[import.components]\nQuestionAnswer = \"collapsible\"\n",
    )
    .expect("config");
    let out_arg = out.to_string_lossy().into_owned();
    let pages = pages();
    let mut args = vec!["import", "--out", out_arg.as_str()];
    args.extend(pages.iter().map(String::as_str));
    let result = run(&args);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let written: Vec<String> = files_under(&out)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .map(|p| std::fs::read_to_string(out.join(p)).expect("a file"))
        .collect();
    let all = written.join("\n");
    assert!(
        all.contains("- collapsible:\n                summary: Can I print labels on a regular printer?\n                blocks:\n                  - paragraph: Yes. Choose the **Letter** paper size"),
        "{all}"
    );
    assert!(
        all.contains("  - paragraph: Read how autogenerated rules match transactions.\n"),
        "{all}"
    );
    assert!(
        !all.contains("<ReadNext") && !all.contains("QuestionAnswer"),
        "{all}"
    );
    assert!(
        result.stderr.contains("docs/ledgerly/troubleshooting.md:51:1: note: the MDX component `<ReadNext>` is not one helpdoc knows: its text was kept as content"),
        "{}",
        result.stderr
    );

    std::fs::write(&config, "[import.components]\nReadNext = \"read-next\"\n").expect("config");
    let other = temp.path().join("other");
    std::fs::create_dir_all(&other).expect("other");
    std::fs::copy(&config, other.join("helpdoc.toml")).expect("config");
    let other_arg = other.to_string_lossy().into_owned();
    let mut args = vec!["import", "--out", other_arg.as_str()];
    args.extend(pages.iter().map(String::as_str));
    let refused = run(&args);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("helpdoc.toml:2:12: invalid helpdoc.toml: unknown variant `read-next`"),
        "{}",
        refused.stderr
    );
    assert_eq!(files_under(&other).len(), 1, "only the configuration");
}

/// `ReadNext = "read_next"` (the fixture's import config): the component's link to a page of the
/// same publication becomes that page's `read_next` entry, and its own text is left out with a
/// note; the link is no longer text of the topic it stood in.
#[test]
fn a_read_next_component_becomes_the_pages_read_next_links() {
    let temp = tempfile::tempdir().expect("temp");
    let out = temp.path().join("content");
    std::fs::create_dir_all(&out).expect("content");
    std::fs::copy(
        fixture("docusaurus-import/helpdoc/helpdoc.toml"),
        out.join("helpdoc.toml"),
    )
    .expect("config");
    let out_arg = out.to_string_lossy().into_owned();
    let pages = pages();
    let mut args = vec!["import", "--out", out_arg.as_str()];
    args.extend(pages.iter().map(String::as_str));
    let result = run(&args);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let ledgerly =
        std::fs::read_to_string(out.join("publications/ledgerly.yaml")).expect("the publication");
    assert!(
        ledgerly.contains("    slug: /ledgerly/troubleshooting\n    read_next:\n      - sync-errors\n  - id: sync-errors\n"),
        "{ledgerly}"
    );
    let related =
        std::fs::read_to_string(out.join("ledgerly-troubleshooting/concepts/related-pages.yaml"))
            .expect("the topic");
    assert!(!related.contains("autogenerated rules"), "{related}");
    assert!(
        result.stderr.contains("docs/ledgerly/troubleshooting.md:51:1: note: the MDX component `<ReadNext>` became the page's read-next links: its own text was left out"),
        "{}",
        result.stderr
    );
    let checked = run(&[
        "check",
        "--content",
        &out_arg,
        "--diagnostic-format",
        "json",
    ]);
    assert!(!checked.stdout.contains("read_next"), "{}", checked.stdout);
}

/// Links a read-next component holds to a heading of the same publication become topic entries;
/// links to a page of another publication, or to a page not imported, stay paragraphs at the end
/// of the page (rewritten as any link is), each with a note.
#[test]
fn read_next_links_outside_the_publication_stay_paragraphs() {
    let temp = tempfile::tempdir().expect("temp");
    let site = temp.path().join("site");
    let page = |path: &str, text: &str| {
        let file = site.join(path);
        std::fs::create_dir_all(file.parent().expect("folder")).expect("folder");
        std::fs::write(file, text).expect("page");
    };
    page("docusaurus.config.js", "module.exports = {};\n");
    page(
        "docs/a/one.md",
        "---\ntitle: One\n---\n\n## How do I start?\n\n1. Click **Start**.\n\n<ReadNext>\n[Two](/docs/a/two), [Stop](/docs/a/two#how-do-i-stop), [Three](/docs/b/three) and [Gone](/docs/gone).\n</ReadNext>\n",
    );
    page(
        "docs/a/two.md",
        "---\ntitle: Two\n---\n\n## How do I stop?\n\n1. Click **Stop**.\n",
    );
    page(
        "docs/b/three.md",
        "---\ntitle: Three\n---\n\n## How do I pause?\n\n1. Click **Pause**.\n",
    );
    let out = temp.path().join("content");
    std::fs::create_dir_all(&out).expect("content");
    std::fs::write(
        out.join("helpdoc.toml"),
        "[import.components]\nReadNext = \"read_next\"\n",
    )
    .expect("config");
    let out_arg = out.to_string_lossy().into_owned();
    let drafts: Vec<String> = ["docs/a/one.md", "docs/a/two.md", "docs/b/three.md"]
        .iter()
        .map(|p| site.join(p).to_string_lossy().into_owned())
        .collect();
    let mut args = vec!["import", "--out", out_arg.as_str()];
    args.extend(drafts.iter().map(String::as_str));
    let result = run(&args);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let a = std::fs::read_to_string(out.join("publications/a.yaml")).expect("the publication");
    assert!(
        a.contains("    outro:\n      - paragraph: \"[Three](topic:pause)\"\n      - paragraph: \"[Gone](/docs/gone)\"\n    read_next:\n      - two\n      - stop\n"),
        "{a}"
    );
    for (target, why) in [
        ("/docs/b/three", "names a page of another publication"),
        ("/docs/gone", "names no imported page"),
    ] {
        assert!(
            result.stderr.contains(&format!("note: the read-next link to `{target}` {why}: it was kept as a paragraph at the end of the page")),
            "{}",
            result.stderr
        );
    }
    assert!(
        result
            .stderr
            .contains("the link to `/docs/gone` names no imported page: it stays a site link"),
        "{}",
        result.stderr
    );
}
