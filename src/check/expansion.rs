//! Reports content that expands past `max_expanded_bytes`, at the includes or variable uses
//! that multiply it (the measure itself is [`crate::resolve::budget`]).

use crate::content::ContentSet;
use crate::diag::Diagnostic;
use crate::resolve::budget::{Link, OverBudget, Use, check_budget, over_budget};

/// The diagnostic code.
pub const CODE: &str = "too-much-expansion";

/// One error when the publications expand past `limit` bytes, else nothing.
pub fn check_expansion(content: &ContentSet, limit: u64) -> Option<Diagnostic> {
    check_budget(content, limit).map(|over| diagnostic(content, &over))
}

/// [`check_expansion`] from the publications' sizes already measured
/// ([`crate::resolve::budget::measure_all`], in content order).
pub fn check_measured(
    content: &ContentSet,
    sizes: &[(String, u64)],
    limit: u64,
) -> Option<Diagnostic> {
    over_budget(content, sizes, limit).map(|over| diagnostic(content, &over))
}

fn diagnostic(content: &ContentSet, over: &OverBudget) -> Diagnostic {
    let together = if over.total > over.publication_bytes {
        format!(" (all publications together: {})", bytes(over.total))
    } else {
        String::new()
    };
    let mut diagnostic = Diagnostic::error(
        CODE,
        format!(
            "publication `{}` expands to {} once fragments are included and variables filled{together}, more than the limit of {}",
            over.publication,
            bytes(over.publication_bytes),
            bytes(over.limit),
        ),
    );
    // The first include or variable in the chain is where the writer can act; a topic placed
    // in the publication is the fallback.
    let primary = over
        .chain
        .iter()
        .position(|l| !matches!(l.what, Use::Topic(_)))
        .unwrap_or(0);
    for (i, link) in over.chain.iter().enumerate() {
        let Some(doc) = content.get(&link.doc) else {
            continue;
        };
        let range = doc.node.locate(&link.pointer).node.span.clone();
        let label = describe(link);
        diagnostic = if i == primary {
            diagnostic.at(doc.file, range, label)
        } else {
            diagnostic.also(doc.file, range, label)
        };
    }
    let chain: Vec<String> = std::iter::once(format!("`{}`", over.publication))
        .chain(over.chain.iter().map(|link| match &link.what {
            Use::Topic(id) | Use::Fragment(id) if link.uses > 1 => {
                format!("`{id}` (×{})", link.uses)
            }
            Use::Topic(id) | Use::Fragment(id) => format!("`{id}`"),
            Use::Variable(name) => format!("variable `{name}` (×{})", link.uses),
        }))
        .collect();
    diagnostic.help(format!(
        "the chain that multiplies it: {}; include or use less, split the publication, or raise `max_expanded_bytes` under `[limits]` in helpdoc.toml",
        chain.join(" → ")
    ))
}

fn describe(link: &Link) -> String {
    let times = match link.uses {
        1 => "once".to_string(),
        n => format!("{n} times"),
    };
    match &link.what {
        Use::Topic(id) => format!("topic `{id}` is placed {times}, {} each", bytes(link.each)),
        Use::Fragment(id) => format!(
            "fragment `{id}` is included {times} in `{}`, {} each",
            link.doc,
            bytes(link.each)
        ),
        Use::Variable(name) => format!(
            "variable `{name}` ({}) is used {times} in `{}`",
            bytes(link.each),
            link.doc
        ),
    }
}

/// A byte count for people: `12.3 MiB`, `512 bytes`.
fn bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut value = n as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}
