//! Generates a small content set (topics of every kind, fragments, publications, images and a
//! `helpdoc.toml`) from fuzz bytes, shaped to pass `check` often: ids come from small pools so
//! references mostly resolve, and text is built from tokens that stress every exporter's escaping.

use std::path::Path;

use super::bytes::Bytes;
use helpdoc::model::DocumentKind;
use serde_json::{Map, Value, json};

/// Plain text pieces: titles, messages, codes, captions and code blocks are built from these.
const PLAIN: &[&str] = &[
    "Sage Intacct",
    "error",
    " ",
    "  ",
    "\n",
    "\t",
    "\r\n",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "{process.exit()}",
    "import x from 'y'",
    "export const a = 1;",
    "javascript:alert(1)",
    "</pre>",
    "<!--",
    "-->",
    "]]>",
    "&amp;",
    "&",
    "<",
    ">",
    "{",
    "}",
    "{{",
    "}}",
    "`",
    "```",
    "\\",
    "#",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "|",
    "---",
    ":::",
    "'",
    "\"",
    "$",
    "%",
    "${x}",
    "(",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{0}",
    "\u{1B}[31m",
    "\u{7F}",
    "\u{301}",
    "\u{FB01}",
    "é",
    "日本語",
    "עברית",
    "مرحبا",
    "👍🏽",
    "🇫🇷",
    "\u{10FFFF}",
    "%PDF-1.7",
    ") Tj (",
    "\\(",
    "Supercalifragilisticexpialidociousandthensomemorelettersthatnevertakeabreak",
    "word ",
    "click ",
    "Save",
    "\r",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\r```\r",
];

/// Rich-text-only pieces: inline Markdown that `check` accepts (block syntax, raw HTML and unsafe
/// links are the `rich_text` target's business); `@T`, `@A` and `@V` become a topic id, an anchor
/// and a variable name.
const RICH: &[&str] = &[
    "**",
    "*",
    "_",
    "__",
    "`",
    "``",
    "\\",
    "\\<b>",
    "`<script>`",
    "&lt;",
    "[",
    "](",
    ")",
    "  \n",
    "\n",
    "~~",
    "[see this](topic:@T)",
    "[steps](topic:@T#@A)",
    "[**bold** link](topic:@T)",
    "[site](https://example.com/a?b=1&c=<2>\"')",
    "[mail](mailto:someone@example.com)",
    "<https://example.com/x_y>",
    "<someone@example.com>",
    "{{@V}}",
    "{{missing}}",
];

/// A `helpdoc.toml` that turns every content rule into a warning, and spelling off.
const RELAXED_RULES: &str = "[rules]
broken-link = \"warn\"
duplicate-topic = \"warn\"
empty-section = \"warn\"
missing-alt-text = \"warn\"
mojibake = \"warn\"
placeholder = \"warn\"
stale-link-text = \"warn\"
spelling = \"allow\"
";

/// Image files the content may reference: a valid PNG and SVG, and files holding fuzz bytes.
pub const GOOD_IMAGES: [&str; 2] = ["img/ok.png", "img/ok.svg"];
const FUZZ_IMAGES: [&str; 4] = [
    "img/fuzz.png",
    "img/fuzz.svg",
    "img/fuzz.jpg",
    "img/fuzz.gif",
];

/// A 2×1 RGB PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x7b, 0x40, 0xe8,
    0xdd, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0x00, 0x04,
    0xff, 0x01, 0x07, 0x00, 0x01, 0xff, 0xe2, 0x23, 0x9e, 0x59, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"><rect width="4" height="2" fill="#c00"/></svg>"##;

/// A generated content folder, ready to write.
pub struct ContentSpec {
    /// Files by content-relative path.
    pub files: Vec<(String, Vec<u8>)>,
    /// The build date exporters see.
    pub epoch_seconds: i64,
    /// Whether some document references an image holding fuzz bytes (exporters may then fail
    /// with an error, cleanly).
    pub uses_fuzz_image: bool,
}

impl ContentSpec {
    /// Writes the files under `root`.
    pub fn write(&self, root: &Path) {
        for (path, bytes) in &self.files {
            let path = root.join(path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("create a content folder");
            }
            std::fs::write(&path, bytes).expect("write a content file");
        }
    }
}

/// The generator's state: the id pools and what has been referenced.
struct Gen<'a, 'b> {
    u: &'b mut Bytes<'a>,
    topics: Vec<(String, DocumentKind)>,
    fragments: Vec<String>,
    variables: Vec<String>,
    /// Anchors given out in the current topic.
    anchors: usize,
    uses_fuzz_image: bool,
}

/// Generates a content set from fuzz bytes.
pub fn generate(u: &mut Bytes<'_>) -> ContentSpec {
    let topic_count = u.range(1, 5);
    let kinds: Vec<DocumentKind> = DocumentKind::ALL
        .into_iter()
        .filter(|kind| kind.is_topic())
        .collect();
    let mut topics = Vec::new();
    for i in 0..topic_count {
        let id = if u.ratio(1, 8) {
            slug(u, "t")
        } else {
            format!("t{i}")
        };
        topics.push((id, *u.pick(&kinds)));
    }
    let fragments = (0..u.range(0, 2)).map(|i| format!("f{i}")).collect();
    let variables = ["product", "v", "a-b"]
        .iter()
        .take(u.range(0, 3))
        .map(|s| s.to_string())
        .collect();
    let mut g = Gen {
        u,
        topics,
        fragments,
        variables,
        anchors: 0,
        uses_fuzz_image: false,
    };
    let mut files = Vec::new();
    for index in 0..g.topics.len() {
        let (id, kind) = g.topics[index].clone();
        let topic = g.topic(&id, kind);
        files.push((format!("topics/{id}.{}", g.ext()), g.encode(&topic)));
    }
    for index in 0..g.fragments.len() {
        let id = g.fragments[index].clone();
        let mut fragment = Map::new();
        fragment.insert("kind".into(), json!(DocumentKind::Fragment.name()));
        fragment.insert("id".into(), json!(id));
        if g.u.flip() {
            fragment.insert("description".into(), json!(g.plain()));
        }
        // Fragments include no fragment, so includes cannot cycle.
        let blocks = g.blocks(1, false);
        fragment.insert("blocks".into(), blocks);
        files.push((
            format!("fragments/{id}.{}", g.ext()),
            g.encode(&Value::Object(fragment)),
        ));
    }
    for index in 0..g.u.range(1, 2) {
        let publication = g.publication(index);
        files.push((
            format!("publications/p{index}.{}", g.ext()),
            g.encode(&publication),
        ));
    }
    files.push((GOOD_IMAGES[0].into(), PNG.to_vec()));
    files.push((GOOD_IMAGES[1].into(), SVG.as_bytes().to_vec()));
    for path in FUZZ_IMAGES {
        let len = g.u.range(0, 255);
        files.push((path.into(), g.u.take(len).to_vec()));
    }
    if g.u.ratio(3, 4) {
        // Most runs relax the content rules (they still run) so more content reaches the
        // exporters, and skip spelling, whose dictionary is slow to load.
        files.push(("helpdoc.toml".into(), RELAXED_RULES.as_bytes().to_vec()));
    }
    let epoch_seconds = if g.u.ratio(1, 4) {
        g.u.i64()
    } else {
        1_795_305_600
    };
    ContentSpec {
        files,
        epoch_seconds,
        uses_fuzz_image: g.uses_fuzz_image,
    }
}

/// Plain text as rich text that shows it literally: ASCII punctuation backslash-escaped, runs of
/// whitespace as one space (so no line starts a block).
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A random valid id (`^[a-z0-9]+(-[a-z0-9]+)*$`, at most 120 characters).
fn slug(u: &mut Bytes<'_>, prefix: &str) -> String {
    let mut id = prefix.to_string();
    for _ in 0..u.range(0, 6) {
        if u.ratio(1, 4) {
            id.push('-');
        }
        let c = *u.pick(b"abcdefghijklmnopqrstuvwxyz0123456789");
        id.push(char::from(c));
        if u.ratio(1, 16) {
            id.push_str(&"x".repeat(100));
        }
    }
    id.truncate(120);
    id.trim_end_matches('-').to_string()
}

impl Gen<'_, '_> {
    /// The file extension: YAML or JSON (both loaders feed the same model).
    fn ext(&mut self) -> &'static str {
        if self.u.flip() { "json" } else { "yaml" }
    }

    /// Serializes a document. YAML is written as JSON (JSON is YAML), so both loaders load it.
    fn encode(&self, value: &Value) -> Vec<u8> {
        serde_json::to_vec_pretty(value).expect("JSON values serialize")
    }

    fn count(&mut self, max: usize) -> usize {
        self.u.range(0, max)
    }

    /// Plain text from tokens and short arbitrary strings.
    fn plain(&mut self) -> String {
        let mut out = String::new();
        for _ in 0..self.u.range(1, 6) {
            if self.u.ratio(1, 4) {
                let len = self.u.range(0, 12);
                out.push_str(&String::from_utf8_lossy(self.u.take(len)));
            } else {
                out.push_str(self.u.pick::<&str>(PLAIN));
            }
        }
        out
    }

    /// A non-empty title (titles must have visible text to pass `check`).
    fn title(&mut self) -> String {
        let text = self.plain();
        if text.trim().is_empty() {
            format!("Title {text}")
        } else {
            text
        }
    }

    /// Rich text from plain and Markdown tokens, with references into the id pools.
    fn rich(&mut self) -> Value {
        let mut out = String::new();
        for _ in 0..self.u.range(1, 8) {
            let piece = if self.u.flip() {
                escape_markdown(&self.plain())
            } else {
                self.u.pick(RICH).to_string()
            };
            if !piece.contains('@') {
                out.push_str(&piece);
                continue;
            }
            let topic = self.topic_ref();
            let anchor = format!("a{}", self.count(2));
            let variable = match self.variables.is_empty() {
                true => "nothing".to_string(),
                false => self.u.pick(&self.variables).clone(),
            };
            out.push_str(
                &piece
                    .replace("@T", &topic)
                    .replace("@A", &anchor)
                    .replace("@V", &variable),
            );
        }
        json!(out.trim_start())
    }

    /// A procedure's id, if there is one (`go_to` and `procedure` name procedures).
    fn procedure_ref(&mut self) -> Option<String> {
        let procedures: Vec<String> = self
            .topics
            .iter()
            .filter(|(_, kind)| *kind == DocumentKind::Procedure)
            .map(|(id, _)| id.clone())
            .collect();
        (!procedures.is_empty()).then(|| self.u.pick(&procedures).clone())
    }

    fn topic_ref(&mut self) -> String {
        self.u.pick(&self.topics).0.clone()
    }

    fn topic(&mut self, id: &str, kind: DocumentKind) -> Value {
        self.anchors = 0;
        let mut t = Map::new();
        t.insert("kind".into(), json!(kind.name()));
        t.insert("id".into(), json!(id));
        t.insert("title".into(), json!(self.title()));
        if self.u.flip() {
            t.insert("summary".into(), self.rich());
        }
        if self.u.ratio(1, 4) {
            let audience: Vec<&str> = ["admin", "user"]
                .into_iter()
                .take(self.u.range(1, 2))
                .collect();
            t.insert("audience".into(), json!(audience));
        }
        if self.u.ratio(1, 4) {
            let see_also = vec![self.topic_ref()];
            t.insert("see_also".into(), json!(see_also));
        }
        if self.u.ratio(1, 8) {
            t.insert(
                "source".into(),
                json!({"title": self.title(), "url": "https://example.com/source?a=1&b=2"}),
            );
        }
        match kind {
            DocumentKind::Prerequisite => {
                self.maybe(&mut t, "applies_when", |g| g.rich());
                self.maybe(&mut t, "body", |g| g.blocks(2, true));
                self.maybe(&mut t, "check", |g| g.steps(1));
                self.maybe(&mut t, "if_not_met", |g| g.blocks(1, true));
            }
            DocumentKind::Concept => {
                t.insert("answer".into(), self.blocks(2, true));
            }
            DocumentKind::Procedure => {
                self.maybe(&mut t, "applies_when", |g| g.rich());
                self.maybe(&mut t, "intro", |g| g.blocks(1, true));
                t.insert("steps".into(), self.steps(2));
                self.maybe(&mut t, "outro", |g| g.blocks(1, true));
            }
            DocumentKind::Fragment | DocumentKind::Publication => {
                unreachable!("the pool holds topic kinds only")
            }
            DocumentKind::Error => {
                t.insert("message".into(), json!(self.title()));
                if self.u.flip() {
                    t.insert("code".into(), json!(self.plain()));
                }
                if self.u.flip() {
                    t.insert("error_type".into(), json!("symptom"));
                }
                t.insert("user_recoverable".into(), json!(self.u.flip()));
                self.maybe(&mut t, "intro", |g| g.blocks(1, true));
                let mut causes = Vec::new();
                for _ in 0..self.u.range(1, 2) {
                    causes.push(self.cause());
                }
                t.insert("causes".into(), json!(causes));
            }
        }
        Value::Object(t)
    }

    /// Sets `key` to a generated value in about half of the runs.
    fn maybe(
        &mut self,
        map: &mut Map<String, Value>,
        key: &str,
        value: impl FnOnce(&mut Self) -> Value,
    ) {
        if self.u.flip() {
            let value = value(self);
            map.insert(key.into(), value);
        }
    }

    /// The next step or cause anchor of the topic (unique in it: `a0`, `a1`, …).
    fn anchor(&mut self) -> String {
        self.anchors += 1;
        format!("a{}", self.anchors - 1)
    }

    fn cause(&mut self) -> Value {
        let mut resolution = Map::new();
        self.maybe(&mut resolution, "blocks", |g| g.blocks(1, true));
        resolution.insert("steps".into(), self.steps(1));
        if self.u.ratio(1, 4)
            && let Some(procedure) = self.procedure_ref()
        {
            resolution.insert("procedure".into(), json!(procedure));
        }
        let mut cause = Map::new();
        if self.u.flip() {
            cause.insert("id".into(), json!(self.anchor()));
        }
        cause.insert("cause".into(), self.rich());
        cause.insert("resolution".into(), Value::Object(resolution));
        Value::Object(cause)
    }

    fn steps(&mut self, depth: usize) -> Value {
        let mut steps = Vec::new();
        for _ in 0..self.u.range(1, 3) {
            let mut step = Map::new();
            if self.u.flip() {
                step.insert("id".into(), json!(self.anchor()));
            }
            step.insert("action".into(), self.rich());
            if self.u.ratio(1, 3) {
                step.insert("blocks".into(), self.blocks(1, true));
            }
            self.maybe(&mut step, "result", |g| g.rich());
            if depth > 1 && self.u.ratio(1, 3) {
                step.insert("substeps".into(), self.steps(depth - 1));
            }
            if self.u.ratio(1, 4)
                && let Some(procedure) = self.procedure_ref()
            {
                let branch = json!({"if": self.rich(), "go_to": procedure});
                step.insert("branches".into(), json!([branch]));
            }
            steps.push(Value::Object(step));
        }
        json!(steps)
    }

    fn blocks(&mut self, depth: usize, may_include: bool) -> Value {
        let mut blocks = Vec::new();
        for _ in 0..self.u.range(1, 3) {
            blocks.push(self.block(depth, may_include));
        }
        json!(blocks)
    }

    fn block(&mut self, depth: usize, may_include: bool) -> Value {
        match self.u.range(0, 6) {
            0 => json!({"paragraph": self.rich()}),
            1 => {
                let mut items = Vec::new();
                for _ in 0..self.u.range(1, 3) {
                    items.push(self.rich());
                }
                json!({"list": {"ordered": self.u.flip(), "items": items}})
            }
            2 => {
                let columns = self.u.range(1, 3);
                let mut header = Vec::new();
                for _ in 0..columns {
                    header.push(self.rich());
                }
                let mut rows = Vec::new();
                for _ in 0..self.count(3) {
                    let mut row = Vec::new();
                    for _ in 0..columns {
                        row.push(self.rich());
                    }
                    rows.push(json!(row));
                }
                let mut table = json!({"header": header, "rows": rows});
                if self.u.flip() {
                    table["caption"] = json!(self.plain());
                }
                json!({ "table": table })
            }
            3 => {
                let src = if self.u.ratio(1, 4) {
                    self.uses_fuzz_image = true;
                    self.u.pick(&FUZZ_IMAGES)
                } else {
                    self.u.pick(&GOOD_IMAGES)
                };
                let mut image = json!({"src": format!("../{src}"), "alt": self.title()});
                if self.u.flip() {
                    image["caption"] = self.rich();
                }
                json!({ "image": image })
            }
            4 if depth > 0 => {
                let kind = *self.u.pick(&["note", "tip", "caution", "warning"]);
                let mut admonition = json!({"type": kind, "text": self.rich()});
                if self.u.flip() {
                    admonition["title"] = json!(self.plain());
                }
                if self.u.flip() {
                    admonition["blocks"] = self.blocks(depth - 1, may_include);
                }
                json!({ "admonition": admonition })
            }
            5 => {
                let mut code = json!({"code": self.plain()});
                if self.u.flip() {
                    let language = *self.u.pick(&["yaml", "json", "sh", "a b", "<x>", ""]);
                    code["language"] = json!(language);
                }
                json!({ "code": code })
            }
            6 if may_include && !self.fragments.is_empty() => {
                json!({"include": self.u.pick(&self.fragments)})
            }
            _ => json!({"paragraph": self.rich()}),
        }
    }

    fn publication(&mut self, index: usize) -> Value {
        let mut p = Map::new();
        p.insert("kind".into(), json!(DocumentKind::Publication.name()));
        p.insert("id".into(), json!(format!("p{index}")));
        p.insert("title".into(), json!(self.title()));
        for key in ["subtitle", "description", "product", "version", "author"] {
            if self.u.ratio(1, 3) {
                p.insert(key.into(), json!(self.plain()));
            }
        }
        if !self.variables.is_empty() {
            let mut variables = Map::new();
            let names = self.variables.clone();
            for (index, name) in names.iter().enumerate() {
                // A value may name the next variable twice: substituting again would double the
                // text at each step.
                let value = if self.u.ratio(1, 4) {
                    let next = &names[(index + 1) % names.len()];
                    format!("{{{{{next}}}}}{{{{{next}}}}}")
                } else {
                    self.plain()
                };
                variables.insert(name.clone(), json!(value));
            }
            p.insert("variables".into(), Value::Object(variables));
        }
        if self.u.ratio(1, 4) {
            p.insert("audience".into(), json!(["admin"]));
        }
        let mut sections = Vec::new();
        let mut placed = Vec::new();
        for i in 0..self.u.range(1, 3) {
            sections.push(self.section(&format!("s{i}"), 2, &mut placed));
        }
        p.insert("sections".into(), json!(sections));
        p.insert("formats".into(), self.formats());
        Value::Object(p)
    }

    /// A section; each topic is placed once per publication.
    fn section(&mut self, id: &str, depth: usize, placed: &mut Vec<String>) -> Value {
        let mut s = Map::new();
        s.insert("id".into(), json!(id));
        s.insert("title".into(), json!(self.title()));
        if self.u.ratio(1, 4) {
            s.insert("sidebar_label".into(), json!(self.plain()));
        }
        if self.u.ratio(1, 4) {
            s.insert("description".into(), json!(self.plain()));
        }
        if self.u.ratio(1, 4) {
            s.insert("intro".into(), self.blocks(1, true));
        }
        let mut topics = Vec::new();
        for _ in 0..self.count(3) {
            let topic = self.topic_ref();
            if !placed.contains(&topic) {
                placed.push(topic.clone());
                topics.push(topic);
            }
        }
        if !topics.is_empty() {
            s.insert("topics".into(), json!(topics));
        }
        if depth > 1 && self.u.ratio(1, 3) {
            let mut children = Vec::new();
            for i in 0..self.u.range(1, 2) {
                children.push(self.section(&format!("{id}-{i}"), depth - 1, placed));
            }
            s.insert("sections".into(), json!(children));
        }
        Value::Object(s)
    }

    fn formats(&mut self) -> Value {
        let mut formats = Map::new();
        let mut toggle = |g: &mut Self, name: &str, extra: Map<String, Value>| {
            let mut options = extra;
            if g.u.ratio(1, 6) {
                options.insert("enabled".into(), json!(false));
            }
            formats.insert(name.into(), Value::Object(options));
        };
        let mut markdown = Map::new();
        if self.u.ratio(1, 4) {
            markdown.insert("category_label".into(), json!(self.plain()));
            markdown.insert("sidebar_position".into(), json!(self.u.i64() as u32));
        }
        toggle(self, "markdown", markdown);
        toggle(self, "html", Map::new());
        let mut pdf = Map::new();
        if self.u.ratio(1, 3) {
            pdf.insert("page_size".into(), json!(*self.u.pick(&["a4", "letter"])));
            pdf.insert("cover_text".into(), json!(self.plain()));
            pdf.insert("font_size".into(), json!(self.u.range(6, 24)));
            let margin = json!(self.u.range(0, 40));
            pdf.insert("margins_mm".into(), json!({"top": margin, "left": margin}));
            let colour = *self.u.pick(&["#112233", "#abc", "#ABCDEF"]);
            pdf.insert("accent_color".into(), json!(colour));
            pdf.insert("link_color".into(), json!(colour));
            pdf.insert(
                "language".into(),
                json!(*self.u.pick(&["en", "en-US", "fr"])),
            );
        }
        toggle(self, "pdf", pdf);
        let mut json_options = Map::new();
        if self.u.flip() {
            json_options.insert("enabled".into(), json!(true));
            json_options.insert(
                "docs_base_url".into(),
                json!("https://docs.example.com/guide/"),
            );
        }
        toggle(self, "json", json_options);
        Value::Object(formats)
    }
}
