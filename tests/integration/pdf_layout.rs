//! Page breaking in the customer PDF, read back with poppler: no page ends with a heading or a
//! lead-in, an error's message stays with its first cause, a continued table repeats its caption
//! and header, no page holds a lone line, and inline cross-references print the page they land on.

use std::path::Path;

use helpdoc::model::inline::plain_text;
use helpdoc::resolve::{ResolvedPublication, TopicBody};
use lopdf::Document;

use crate::pdf::{GUIDE, fixture_pdf, outline, pdf_tool, resolved, shipped_pdf, squash};
use crate::support::{fixture, repo, run_in};

/// Every page's text lines, without the running header (first line, the publication title) and
/// the footer (the last two lines: the product and "Page N of M"); the chapter title of the
/// running header may stay, as the first line.
fn body_lines(pdf: &Path) -> Vec<Vec<String>> {
    let text = pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    text.split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .map(|page| {
            let lines: Vec<String> = page
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            let footer = lines.len().saturating_sub(2);
            lines[..footer].iter().skip(1).cloned().collect()
        })
        .collect()
}

/// The squashed text of every heading the publication prints: chapters, sections, topics, causes
/// and the fixed part headings.
fn headings(publication: &ResolvedPublication) -> Vec<String> {
    let mut out: Vec<String> = [
        "Related topics",
        "Read next",
        "How to check",
        "If this is not met",
    ]
    .iter()
    .map(|h| squash(h))
    .collect();
    let mut sections: Vec<_> = publication.sections.iter().collect();
    while let Some(section) = sections.pop() {
        out.push(squash(&section.title));
        for topic in section.topics() {
            out.push(squash(&topic.title));
            if let TopicBody::Error { causes, .. } = &topic.body {
                for cause in causes {
                    out.push(squash(&plain_text(&cause.cause)));
                }
            }
        }
        sections.extend(section.items.iter().filter_map(|item| match item {
            helpdoc::resolve::ResolvedItem::Section(s) => Some(s),
            helpdoc::resolve::ResolvedItem::Topic(_) => None,
        }));
    }
    out
}

/// Checks every body page (after the cover and contents): its last line is neither a heading
/// (nor the start of one) nor a lead-in ending with a colon, and it holds more than a lone line.
fn assert_no_orphans(pdf: &Path, publication: &ResolvedPublication) {
    let headings = headings(publication);
    let pages = body_lines(pdf);
    for (index, lines) in pages.iter().enumerate().skip(2) {
        let number = index + 1;
        let Some(last) = lines.last() else {
            panic!("page {number} is empty");
        };
        let line = squash(last.trim_start_matches(|c: char| !c.is_alphanumeric()));
        assert!(
            line.len() < 4 || !headings.iter().any(|h| h.starts_with(&line)),
            "page {number} ends with the heading `{last}`:\n{lines:#?}"
        );
        assert!(
            !last.ends_with(':'),
            "page {number} ends with the lead-in `{last}`:\n{lines:#?}"
        );
        // The running header's chapter title, then at least two lines of content.
        assert!(
            lines.len() >= 3,
            "page {number} holds a lone line:\n{lines:#?}"
        );
    }
}

/// Checks that each error's message and first cause are on one page.
fn assert_errors_keep_their_first_cause(pdf: &Path, publication: &ResolvedPublication) {
    let pages: Vec<String> = body_lines(pdf)
        .iter()
        .map(|lines| squash(&lines.join(" ")))
        .collect();
    let mut errors = 0;
    for topic in publication.sections.iter().flat_map(|s| s.topics()) {
        let TopicBody::Error {
            message, causes, ..
        } = &topic.body
        else {
            continue;
        };
        let Some(first) = causes.first() else {
            continue;
        };
        errors += 1;
        // The box: its label, then the message.
        let message = squash(message);
        let boxed = ["Error message", "Symptom"].map(|label| squash(label) + &message);
        let cause = squash(&plain_text(&first.cause));
        let page = (pages.iter()).position(|p| boxed.iter().any(|b| p.contains(b)));
        let cause_page = (pages.iter().enumerate())
            .skip(page.unwrap_or(0))
            .find(|(_, p)| p.contains(&cause))
            .map(|(i, _)| i);
        assert!(page.is_some(), "`{message}` is not printed");
        assert_eq!(
            page.map(|p| p + 1),
            cause_page.map(|p| p + 1),
            "the message box of `{}` is parted from its first cause",
            topic.title
        );
    }
    assert!(errors > 0, "the publication has error topics");
}

/// The page the outline entry titled `title` lands on.
fn page_of_heading(pdf: &Path, title: &str) -> u32 {
    let doc = Document::load(pdf).expect("lopdf reads the PDF");
    outline(&doc)
        .into_iter()
        .find(|(_, t, _)| t == title)
        .map(|(_, _, page)| page)
        .unwrap_or_else(|| panic!("no outline entry `{title}`"))
}

#[test]
fn fixture_pages_never_end_with_a_heading_a_lead_in_or_a_lone_line() {
    let (_temp, pdf) = fixture_pdf();
    let publication = resolved(&fixture("pdf"), "layout-stress");
    assert_no_orphans(&pdf, &publication);
    assert_errors_keep_their_first_cause(&pdf, &publication);
}

#[test]
fn shipped_guide_pages_never_end_with_a_heading_a_lead_in_or_a_lone_line() {
    let (_temp, pdf) = shipped_pdf();
    let publication = resolved(&repo().join("content"), GUIDE);
    assert_no_orphans(&pdf, &publication);
    assert_errors_keep_their_first_cause(&pdf, &publication);
}

#[test]
fn a_continued_table_repeats_its_caption_marked_continued_and_its_header() {
    let (_temp, pdf) = fixture_pdf();
    let caption = "Module permissions for the integration";
    let pages = body_lines(&pdf);
    let first = pages
        .iter()
        .position(|lines| lines.iter().any(|l| l == caption))
        .expect("the caption is printed");
    let next = &pages[first + 1];
    // After the running header's chapter title: the caption, then the header row.
    assert_eq!(
        next.get(1).map(String::as_str),
        Some(format!("{caption} (continued)").as_str()),
        "page {} does not start with the continued caption:\n{next:#?}",
        first + 2
    );
    assert_eq!(next[2..5], ["Module", "Permission", "Why"], "{next:#?}");
    // The table's rows all appear, once each, and the caption is not repeated as content.
    let all: Vec<&String> = pages.iter().flatten().collect();
    for n in 1..=4 {
        let row = format!("Accounts Payable {n}");
        assert_eq!(all.iter().filter(|l| ***l == row).count(), 1, "{row}");
    }
    let captions: Vec<String> = crate::pdf_ua::structure(&pdf)
        .into_iter()
        .filter(|e| e.role == "Caption")
        .map(|e| e.text)
        .filter(|t| squash(t).contains(&squash(caption)))
        .collect();
    assert_eq!(
        captions.len(),
        1,
        "the repeated caption is an artifact, not content again: {captions:?}"
    );
    assert!(!captions[0].contains("continued"), "{captions:?}");
}

#[test]
fn inline_cross_references_print_the_page_they_land_on() {
    let (_temp, pdf) = fixture_pdf();
    let publication = resolved(&fixture("pdf"), "layout-stress");
    let title = |id: &str| {
        (publication.sections.iter().flat_map(|s| s.topics()))
            .find(|t| t.id == id)
            .map(|t| t.title.clone())
            .unwrap_or_else(|| panic!("no topic `{id}`"))
    };
    let text = squash(&pdf_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]));
    let table = page_of_heading(&pdf, "Module permissions");
    for k in 1..=9 {
        // In a paragraph: each link is followed by the page its target's heading is on.
        let error = title(&format!("keep-error-{k}"));
        let expected = squash(&format!(
            "See Module permissions (page {table}) and {error} (page {}).",
            page_of_heading(&pdf, &error)
        ));
        assert!(text.contains(&expected), "missing `{expected}`");
        // In a step, back to the procedure.
        let procedure = title(&format!("keep-procedure-{k}"));
        let expected = squash(&format!(
            "as described in {procedure} (page {}).",
            page_of_heading(&pdf, &procedure)
        ));
        assert!(text.contains(&expected), "missing `{expected}`");
    }

    let (_temp, guide) = shipped_pdf();
    let text = squash(&pdf_tool("pdftotext", &[&guide.to_string_lossy(), "-"]));
    let page = page_of_heading(&guide, "Enable the Web Services subscription");
    let expected = squash(&format!(
        "To turn the subscription on, see Enable the Web Services subscription (page {page})."
    ));
    assert!(text.contains(&expected), "missing `{expected}`");
}

/// Writes a publication of `n` procedures whose introductions grow by a sentence each, so their
/// steps meet page breaks at every height; procedure `k`'s steps carry the words `Alpha{k}` …
/// `Omega{k}` (step 2 has substeps); a product, so the footer is the two lines `body_lines` drops.
fn write_procedures(dir: &Path, n: usize) {
    let topics = dir.join("topics");
    std::fs::create_dir_all(&topics).expect("mkdir");
    let sentence = "The integration reads this setting every time it connects to the company. ";
    for k in 1..=n {
        let intro = sentence.repeat(k % 11 + 1);
        let text = format!(
            "kind: procedure\nid: task-{k}\ntitle: Task number {k}\nsummary: Do task {k}.\n\
             intro:\n  - paragraph: {intro}\nsteps:\n\
             \x20 - action: Open the Alpha{k} screen.\n\
             \x20 - action: Open the Beta{k} panel.\n\
             \x20   substeps:\n\
             \x20     - action: Find the Gamma{k} entry.\n\
             \x20     - action: Switch the Delta{k} toggle.\n\
             \x20 - action: Check the Epsilon{k} field.\n\
             \x20 - action: Click Omega{k} to finish.\n"
        );
        std::fs::write(topics.join(format!("task-{k}.yaml")), text).expect("write");
    }
    let ids: Vec<String> = (1..=n).map(|k| format!("task-{k}")).collect();
    std::fs::write(
        dir.join("guide.yaml"),
        format!(
            "kind: publication\nid: steps\ntitle: Steps\nproduct: Fixture Product\nsections:\n  - id: tasks\n    title: Tasks\n    topics: [{}]\n",
            ids.join(", ")
        ),
    )
    .expect("write");
}

#[test]
fn steps_follow_the_list_widow_and_orphan_rule() {
    let temp = tempfile::tempdir().expect("temp dir");
    let content = temp.path().join("content");
    let n = 40;
    write_procedures(&content, n);
    let result = run_in(
        temp.path(),
        &[
            "build",
            "--content",
            "content",
            "--out",
            "out",
            "--format",
            "pdf",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let pages: Vec<String> = body_lines(&temp.path().join("out/pdf/steps.pdf"))
        .iter()
        .map(|lines| squash(&lines.join(" ")))
        .collect();
    let page = |word: &str| {
        pages
            .iter()
            .position(|p| p.contains(word))
            .unwrap_or_else(|| panic!("`{word}` is not printed"))
            + 1
    };
    for k in 1..=n {
        let [alpha, beta, gamma, epsilon, omega] = [
            format!("Alpha{k}screen"),
            format!("Beta{k}panel"),
            format!("Gamma{k}entry"),
            format!("Epsilon{k}field"),
            format!("Omega{k}to"),
        ]
        .map(|w| page(&w));
        assert_eq!(
            alpha, beta,
            "task {k}: its first step is alone at the foot of page {alpha}"
        );
        assert_eq!(
            beta, gamma,
            "task {k}: step 2's action is parted from its substeps on page {beta}"
        );
        assert_eq!(
            epsilon, omega,
            "task {k}: its last step is alone at the head of page {omega}"
        );
    }
}

/// The helper that breaks text on a second core lists exactly what the first layout pass will
/// break: after it, a first pass over the body breaks nothing new (else the helper's work would
/// be for text the layout never asks for, and the pass would wait for its own breaking).
#[test]
fn the_prebreak_helper_breaks_all_the_first_pass_asks_for() {
    use helpdoc::export::pdf::flow::{Breaking, Flow, Images};
    use helpdoc::export::pdf::fonts::Shaper;
    use helpdoc::export::pdf::linebreak::LineCache;
    use helpdoc::export::pdf::{prebreak, theme::Theme, topics};

    let publications = [
        resolved(&fixture("pdf"), "layout-stress"),
        resolved(&repo().join("content"), GUIDE),
    ];
    for publication in &publications {
        let theme = Theme::from_options(&publication.formats.pdf);
        let store = helpdoc::resolve::ImageStore::new();
        let cache = LineCache::default();
        prebreak::break_ahead(publication, &store, &theme, &cache);
        let broken = cache.len();
        assert!(
            broken > 20,
            "{}: only {broken} texts broken",
            publication.id
        );

        let mut shaper = Shaper::new();
        let mut images = Images::default();
        let refs = topics::PageRefs::new();
        let cached = Breaking::Cached(&cache);
        let mut flow = Flow::new(&theme, &mut shaper, cached, &store, &mut images, &refs);
        topics::publication(&mut flow, publication, &refs);
        assert!(!flow.units.is_empty());
        drop(flow);
        assert_eq!(
            cache.len(),
            broken,
            "{}: the pass broke text the helper did not",
            publication.id
        );
    }
}
