//! The in-product JSON help bundle: valid for two independent schema validators, its contract
//! pinned (ids, messages, index, deep links that land on real anchors, safe HTML), hostile text
//! kept verbatim, and byte-identical rebuilds.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{build_shipped, client, client_script, fixture, repo, run};

const BUNDLE_SCHEMA: &str = "schema/help-bundle.schema.json";

/// Elements allowed in inline `html` fields (a step, a cause, a summary, a result, a condition).
const INLINE_TAGS: [&str; 6] = ["strong", "em", "code", "a", "br", "span"];
/// Elements allowed in block `html` fields (`intro`, `details`) besides the inline ones.
const BLOCK_TAGS: [&str; 13] = [
    "p", "ul", "ol", "li", "table", "caption", "thead", "tbody", "tr", "th", "td", "pre", "div",
];

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not JSON: {e}", path.display()))
}

/// Validates bundles with python-jsonschema and with Ajv (strict mode), both against `schema/`.
pub(crate) fn validate_with_clients(files: &[PathBuf]) {
    let files: Vec<String> = files
        .iter()
        .map(|f| f.to_string_lossy().into_owned())
        .collect();
    let script = client_script("validate-json.py");
    let mut args = vec![script.as_str(), "--schema-dir", "schema", "--check-formats"];
    args.extend(files.iter().map(String::as_str));
    let python = client("python3", &args);
    assert_eq!(
        python.code, 0,
        "python-jsonschema rejected the bundle:\n{}{}",
        python.stdout, python.stderr
    );
    let script = client_script("ajv-validate.mjs");
    let mut args = vec![script.as_str(), "--schema-dir", "schema"];
    args.extend(files.iter().map(String::as_str));
    let ajv = client("node", &args);
    assert_eq!(
        ajv.code, 0,
        "Ajv rejected the bundle (run .ci/install-test-tools if it is missing):\n{}{}",
        ajv.stdout, ajv.stderr
    );
}

/// Every `(path, value)` under `value` whose key is `key`.
fn collect<'a>(value: &'a Value, key: &str, path: &str, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let here = format!("{path}/{k}");
                if k == key {
                    out.push((here.clone(), v));
                }
                collect(v, key, &here, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect(v, key, &format!("{path}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The start and end tags of an HTML fragment whose text is fully escaped: (name, attributes).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map(|e| start + e)
            .unwrap_or_else(|| panic!("unclosed tag in {html}"));
        let inner = &rest[start + 1..end];
        let (name, mut attrs_text) = inner.split_once(' ').unwrap_or((inner, ""));
        let mut attrs = Vec::new();
        while let Some((attr, value_and_rest)) = attrs_text.trim_start().split_once("=\"") {
            let (value, after) = value_and_rest
                .split_once('"')
                .unwrap_or_else(|| panic!("bad attribute in {html}"));
            attrs.push((attr.to_string(), value.to_string()));
            attrs_text = after;
        }
        assert!(
            attrs_text.trim().is_empty(),
            "unparsed attribute text `{attrs_text}` in {html}"
        );
        out.push((name.trim_start_matches('/').to_string(), attrs));
        rest = &rest[end + 1..];
    }
    out
}

/// Asserts every `html` field uses only the allowed elements and attributes, with safe links.
fn assert_safe_html(bundle: &Value) {
    let mut fields = Vec::new();
    collect(bundle, "html", "", &mut fields);
    assert!(!fields.is_empty());
    for (path, html) in fields {
        let html = html
            .as_str()
            .unwrap_or_else(|| panic!("{path} is not a string"));
        let block = path.contains("/intro/") || path.contains("/details/");
        for (name, attrs) in tags(html) {
            let allowed = INLINE_TAGS.contains(&name.as_str())
                || (block && BLOCK_TAGS.contains(&name.as_str()));
            assert!(
                allowed,
                "{path}: element <{name}> is not allowed here: {html}"
            );
            for (attr, value) in &attrs {
                match (name.as_str(), attr.as_str()) {
                    ("a", "href") => assert!(
                        ["https:", "http:", "mailto:"]
                            .iter()
                            .any(|s| value.starts_with(s)),
                        "{path}: unsafe href {value}"
                    ),
                    ("a", "rel") => assert_eq!(value, "noopener noreferrer", "{path}"),
                    ("div", "class") => assert!(
                        value.starts_with("admonition ")
                            || ["tabs", "tab-pane", "collapsible"].contains(&value.as_str()),
                        "{path}: {value}"
                    ),
                    ("ul" | "ol", "data-columns") => assert!(
                        value.parse::<u8>().is_ok_and(|n| (2..=6).contains(&n)),
                        "{path}: data-columns {value}"
                    ),
                    ("th", "scope") => assert_eq!(value, "row", "{path}"),
                    ("span", "lang") => assert_eq!(
                        helpdoc::text::language::check(value),
                        Ok(()),
                        "{path}: lang {value}"
                    ),
                    _ => panic!("{path}: attribute {attr} on <{name}> is not allowed: {html}"),
                }
            }
        }
    }
}

/// The anchor ids a Markdown page declares: `\{#id\}` heading ids and `id="…"` anchors.
fn markdown_anchors(page: &str) -> Vec<String> {
    let mut ids: Vec<String> = page
        .match_indices("\\{#")
        .filter_map(|(i, _)| {
            page[i + 3..]
                .split_once("\\}")
                .map(|(id, _)| id.to_string())
        })
        .collect();
    ids.extend(html_ids(page));
    ids
}

/// The `id="…"` values in HTML (or MDX) text.
fn html_ids(text: &str) -> Vec<String> {
    text.match_indices(" id=\"")
        .filter_map(|(i, m)| {
            text[i + m.len()..]
                .split_once('"')
                .map(|(id, _)| id.to_string())
        })
        .collect()
}

#[test]
fn shipped_bundle_is_valid_and_pins_the_contract() {
    let (_temp, out) = build_shipped(&["--format", "json,markdown,html"]);
    let json_dir = out.join("json");
    let mut names: Vec<String> = std::fs::read_dir(&json_dir)
        .expect("json output folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // Only the in-product publication enables json (the others switch it off).
    assert_eq!(names, ["in-product-help.json"]);
    let path = json_dir.join("in-product-help.json");
    validate_with_clients(std::slice::from_ref(&path));
    let bundle = read_json(&path);

    let schema = read_json(&repo().join(BUNDLE_SCHEMA));
    assert_eq!(bundle["$schema"], schema["$id"]);
    assert_eq!(bundle["format_version"], 3);
    assert_eq!(bundle["language"], "en");
    assert_eq!(bundle["generator"]["name"], "helpdoc");
    assert_eq!(bundle["generator"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        bundle["generated"], "2026-11-22",
        "the date comes from SOURCE_DATE_EPOCH"
    );
    assert_eq!(bundle["publication"]["id"], "in-product-help");

    let errors = bundle["errors"].as_array().expect("errors array");
    let found: Vec<(&str, &str, &str)> = errors
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or(""),
                e["error_type"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "no-credentials-email",
                "I haven't received an email with credentials",
                "symptom"
            ),
            (
                "unable-to-connect",
                "Unable to connect to Intacct",
                "product_error"
            ),
            (
                "missing-permissions",
                "Missing permissions",
                "product_error"
            ),
            (
                "top-level-access-only",
                "Top level access only",
                "product_error"
            ),
        ]
    );
    for error in errors {
        assert_eq!(error["user_recoverable"], true, "{}", error["id"]);
        assert!(
            !error["causes"].as_array().expect("causes").is_empty(),
            "{}",
            error["id"]
        );
    }

    let by_message = bundle["index"]["by_message"]
        .as_object()
        .expect("by_message");
    assert_eq!(by_message["missing permissions"], "missing-permissions");
    let keys: Vec<&str> = by_message.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "i haven't received an email with credentials",
            "missing permissions",
            "top level access only",
            "top-level access only",
            "unable to connect to intacct"
        ]
    );
    // The `match` wording with a placeholder is a template, split at it.
    assert_eq!(
        bundle["index"]["templates"],
        serde_json::json!([{
            "id": "unable-to-connect",
            "literals": ["unable to connect to intacct: ", ""],
            "placeholders": ["reason"]
        }])
    );
    assert!(
        bundle["index"]["by_code"]
            .as_object()
            .expect("by_code")
            .is_empty(),
        "the shipped errors have no codes"
    );

    // The "user-based permissions" cause keeps its explanation and the included module list.
    let missing = &errors[2];
    let user_cause = &missing["causes"][1];
    assert_eq!(user_cause["id"], "user-missing-permissions");
    assert!(
        user_cause["resolution"]["intro"]["html"]
            .as_str()
            .unwrap_or("")
            .contains("<ul data-columns=\"3\"><li>Administration</li>")
    );
    assert_eq!(
        user_cause["resolution"]["procedure"]["id"],
        "set-user-permissions"
    );
    // Steps: plain text without markup, HTML with it.
    let first_step = &missing["causes"][0]["resolution"]["steps"][0];
    assert!(
        first_step["text"]
            .as_str()
            .unwrap_or("")
            .starts_with("Go to Company > Admin > Roles, click View")
    );
    assert!(
        first_step["html"]
            .as_str()
            .unwrap_or("")
            .starts_with("Go to <strong>Company &gt; Admin &gt; Roles</strong>")
    );
    assert_eq!(
        first_step["result"]["text"],
        "The Roles subscriptions screen opens."
    );
    assert_safe_html(&bundle);

    // Every deep link lands on an anchor that exists in the Markdown page and in the HTML guide.
    assert!(
        errors.iter().all(|e| e["docs_url"].is_string()),
        "every shipped error is on a docs page"
    );
    let guide =
        std::fs::read_to_string(out.join("html/sage-intacct-guide.html")).expect("html guide");
    let links = assert_links_land(
        &bundle,
        &out,
        "https://docs.example.com/sage-intacct/",
        &html_ids(&guide),
    );
    assert!(
        links > 10,
        "expected errors, causes, procedures and cross-references to link, got {links}"
    );
    // Cross-references to topics the bundle leaves out link into the docs site (they were plain
    // text, with a build warning each).
    let text = bundle.to_string();
    for target in [
        "troubleshooting-and-issue-resolution#set-role-permissions--grant-module-permissions\\\" rel",
        "resolve-error-messages#change-account-email--reset-password\\\" rel",
        "troubleshooting-and-issue-resolution#enable-web-services-subscription\\\" rel",
    ] {
        assert!(text.contains(target), "no link to {target} in {text}");
    }
}

/// Checks that every docs link in the bundle (`docs_url` fields and `href`s into the docs) starts
/// with `base` and names an anchor declared in the Markdown page and in `html_anchors`. Returns
/// how many links were checked.
fn assert_links_land(bundle: &Value, out: &Path, base: &str, html_anchors: &[String]) -> usize {
    let mut urls = Vec::new();
    collect(bundle, "docs_url", "", &mut urls);
    let mut hrefs: Vec<String> = urls
        .iter()
        .map(|(_, u)| u.as_str().unwrap_or("").to_string())
        .collect();
    let mut html_fields = Vec::new();
    collect(bundle, "html", "", &mut html_fields);
    for (_, html) in &html_fields {
        for (_, attrs) in tags(html.as_str().unwrap_or("")) {
            hrefs.extend(
                attrs
                    .into_iter()
                    .filter(|(a, v)| a == "href" && v.starts_with(base))
                    .map(|(_, v)| v),
            );
        }
    }
    for url in &hrefs {
        let rest = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} does not start with {base}"));
        let (page, anchor) = rest
            .split_once('#')
            .unwrap_or_else(|| panic!("{url} has no anchor"));
        let md_path = out.join("markdown").join(format!("{page}.md"));
        let md = std::fs::read_to_string(&md_path)
            .unwrap_or_else(|e| panic!("{url}: {}: {e}", md_path.display()));
        assert!(
            markdown_anchors(&md).iter().any(|a| a == anchor),
            "{url}: no anchor `{anchor}` in {}",
            md_path.display()
        );
        assert!(
            html_anchors.iter().any(|a| a == anchor),
            "{url}: no id=\"{anchor}\" in the HTML"
        );
    }
    hrefs.len()
}

#[test]
fn hostile_text_round_trips_verbatim_and_is_escaped_in_html() {
    let content = fixture("json_bundle/hostile");
    let content = content.to_string_lossy();
    let check = run(&["check", "--content", &content]);
    assert_eq!(
        check.code, 0,
        "the fixture must pass check:\n{}",
        check.stderr
    );
    let temp = tempfile::tempdir().expect("temp dir");
    let out = temp.path().join("build");
    let out_arg = out.to_string_lossy();
    let built = run(&[
        "build",
        "--content",
        &content,
        "--out",
        &out_arg,
        "--format",
        "json,markdown,html",
    ]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let path = out.join("json/hostile-help.json");
    validate_with_clients(std::slice::from_ref(&path));

    // As text, the file is safe to inline in <script> and shows no bidi reordering.
    let raw = std::fs::read_to_string(&path).expect("bundle");
    for forbidden in ['<', '>', '&', '\u{202e}', '\u{202c}'] {
        assert!(
            !raw.contains(forbidden),
            "raw {forbidden:?} in the JSON text"
        );
    }
    assert!(raw.contains("\\u003cscript\\u003e") && raw.contains("\\u202e"));

    // Parsed, the strings are exactly what the content says.
    let bundle = read_json(&path);
    assert_eq!(
        bundle["publication"]["title"],
        "Help </script><script>alert('title')</script>"
    );
    assert_eq!(bundle["publication"]["version"], "1.0 \u{202E}gnp.exe");
    let error = &bundle["errors"][0];
    // ICU quoting makes the braces literal: the message is found as the product shows it.
    let message = "Failed: <script>alert(1)</script> \"><img src=x onerror=alert(1)> '{process.exit()}' \u{202E}exe.txt";
    let shown = message.replace("'{process.exit()}'", "{process.exit()}");
    let code = "E<1>\"&{process.exit()}\u{202E}";
    assert_eq!(error["message"], message);
    assert_eq!(error["code"], code);
    assert_eq!(
        error["title"],
        "Resolve <script>alert(1)</script> \"><img src=x onerror=alert(1)>"
    );
    assert_eq!(error["user_recoverable"], false);

    // The index: codes as written; messages lowercased, whitespace collapsed, trailing "…" dropped.
    let index = &bundle["index"];
    assert_eq!(index["by_code"][code], "hostile-error");
    assert_eq!(index["by_message"][shown.to_lowercase()], "hostile-error");
    assert_eq!(
        bundle["errors"][1]["message"],
        "  The   Report didn't LOAD…  "
    );
    assert_eq!(
        index["by_message"]["the report didn't load"],
        "hostile-symptom"
    );

    // Text fields hold the characters; HTML fields escape them and keep only the allowed markup.
    let cause = &error["causes"][0];
    assert_eq!(
        cause["text"],
        "The input held javascript:alert(1) and \"><img src=x onerror=alert(1)>."
    );
    assert_eq!(
        cause["html"],
        "The input held <code>javascript:alert(1)</code> and <code>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</code>."
    );
    let resolution = &cause["resolution"];
    assert_eq!(
        resolution["intro"]["html"],
        "<div class=\"admonition warning\"><p><strong>Careful &lt;b onmouseover=alert(1)&gt;</strong></p>\
         <p>Never paste <code>&lt;svg onload=alert(1)&gt;</code>.</p></div>"
    );
    let step = &resolution["steps"][0];
    assert_eq!(step["id"], "type-value");
    assert_eq!(step["text"], "Type {process.exit()} into the <Name> field.");
    assert_eq!(
        step["html"],
        "Type <code>{process.exit()}</code> into the <strong>&lt;Name&gt;</strong> field."
    );
    assert_eq!(
        step["result"]["text"],
        "The field shows </li></ol><script>alert(1)</script>."
    );
    assert_eq!(
        step["result"]["html"],
        "The field shows <code>&lt;/li&gt;&lt;/ol&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>."
    );
    assert_eq!(
        resolution["steps"][1]["html"],
        "Read the <a href=\"https://example.com/?q=%22%3E&amp;a=1\" rel=\"noopener noreferrer\">safe page</a> \
         and write to <a href=\"mailto:help@example.com\" rel=\"noopener noreferrer\">support</a>."
    );
    // The resolution's procedure is in the publication, so its steps travel with it.
    let procedure = &resolution["procedure"];
    assert_eq!(procedure["title"], "Fix it {process.exit()}");
    assert_eq!(
        procedure["steps"][0]["text"],
        "Click Retry \u{202E}yrter\u{202C}."
    );
    assert_eq!(
        procedure["steps"][0]["substeps"][0]["html"],
        "Confirm with <code>import x from 'y'</code>."
    );
    assert_safe_html(&bundle);

    // Deep links, including a cross-reference to a step, land on anchors in Markdown and HTML.
    let html = std::fs::read_to_string(out.join("html/hostile-help.html")).expect("html page");
    assert_links_land(
        &bundle,
        &out,
        "https://docs.example.com/hostile/",
        &html_ids(&html),
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, first) = build_shipped(&["--format", "json"]);
    let (_b, second) = build_shipped(&["--format", "json"]);
    let name = "json/in-product-help.json";
    let one = std::fs::read(first.join(name)).expect("first bundle");
    let two = std::fs::read(second.join(name)).expect("second bundle");
    assert!(one == two, "two builds of the same content differ");
}
