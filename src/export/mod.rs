//! Exporters: turn resolved publications into in-memory artifacts (relative path + bytes).
//! Exporters never touch the filesystem; [`crate::output`] writes what they return.

pub mod command;
pub mod html;
pub mod json;
pub mod line_ends;
pub mod markdown;
pub mod pdf;
pub mod plugins;
pub mod registry;
pub mod template_pack;

/// The class of a list laid out in columns, and with `-N` added its column count: the same in
/// the Docusaurus pages and the standalone HTML, so one stylesheet rule set serves both (the
/// HTML page's own `style.css` holds it; a docs site adds it, see the README).
pub const COLUMN_CLASS: &str = "helpdoc-columns";

use crate::resolve::{ImageStore, Note, ResolvedPublication};

/// The formats helpdoc builds in, in build order.
pub const BUILTIN_FORMATS: [&str; 4] = ["markdown", "html", "json", "pdf"];

/// Facts about this build that exporters may print (never the clock directly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildInfo {
    /// helpdoc's version.
    pub helpdoc_version: &'static str,
    /// The build date as seconds since the Unix epoch (from `SOURCE_DATE_EPOCH` when set).
    pub epoch_seconds: i64,
}

impl BuildInfo {
    /// Build info for now, or for `SOURCE_DATE_EPOCH` when it is set to a valid number.
    pub fn from_environment() -> Self {
        let epoch_seconds = std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_secs() as i64)
            });
        BuildInfo {
            helpdoc_version: env!("CARGO_PKG_VERSION"),
            epoch_seconds,
        }
    }

    /// The build date as `YYYY-MM-DD` (UTC).
    pub fn date(&self) -> String {
        let (y, m, d) = civil_from_days(self.epoch_seconds.div_euclid(86_400));
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// The build date as "23 November 2026".
    pub fn long_date(&self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let (y, m, d) = civil_from_days(self.epoch_seconds.div_euclid(86_400));
        format!("{d} {} {y}", MONTHS[(m - 1) as usize])
    }
}

/// Converts days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// What an exporter reads.
pub struct ExportContext<'a> {
    /// The publications to export (already filtered to those with this format enabled).
    pub publications: &'a [&'a ResolvedPublication],
    /// Where every publication of the content set, whatever its formats, places each topic in
    /// the Markdown docs ([`crate::site::DocsPages::index`]), so an exporter can link into
    /// another publication's output (the JSON bundle's deep links). Made once by the caller,
    /// not per exporter or publication (the incremental engine keeps it between rounds).
    pub pages: &'a crate::site::DocsPages,
    /// Image bytes by content-relative path.
    pub images: &'a ImageStore,
    /// Build facts.
    pub build: &'a BuildInfo,
}

/// One output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    /// Path relative to the format's output folder, `/`-separated, never absolute or with `..`.
    pub path: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// The id of the publication this file belongs to, when the exporter knows: a build of some
    /// publications (`--publication`) keeps the other publications' files by it.
    pub publication: Option<String>,
}

/// What an exporter returns.
#[derive(Debug, Clone, Default)]
pub struct Exported {
    /// Files to write.
    pub artifacts: Vec<Artifact>,
    /// Things the writer should know (not errors), known only once the exporter ran (an image
    /// the PDF cannot decode); what the content alone decides is noted before export.
    pub warnings: Vec<Note>,
}

/// An exporter failure (a template error, a command exporter that failed, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError {
    /// The exporter's name.
    pub exporter: String,
    /// What went wrong and how to fix it.
    pub message: String,
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "exporter `{}` failed: {}", self.exporter, self.message)
    }
}

impl std::error::Error for ExportError {}

/// A format: turns resolved publications into artifacts.
pub trait Exporter: Send + Sync {
    /// The format's name (its output folder).
    fn name(&self) -> &str;
    /// Whether a publication asks for this format.
    fn wants(&self, publication: &ResolvedPublication) -> bool;
    /// Exports every publication in the context.
    fn export(&self, cx: &ExportContext<'_>) -> Result<Exported, ExportError>;
    /// Start-up work that does not depend on the content (parsing embedded fonts). `build` runs
    /// it while the content is being checked, so it costs no wall time on a multi-core machine.
    fn prepare(&self) {}
    /// Whether every artifact names its publication ([`Artifact::publication`]). An exporter
    /// that cannot say (a command exporter) is always given every publication, so a build of
    /// some publications never loses another publication's files of its format.
    fn names_publications(&self) -> bool {
        false
    }
    /// How much work this exporter gives the processor, relative to the others, or `None` for
    /// one that mostly waits (a command exporter's process). Exporters with a weight share one
    /// thread per core, the heaviest started first, so the longest (the PDF) has a core to
    /// itself from the start instead of sharing it with the quick ones; the others each get a
    /// thread of their own, as the time they take is not the processor's.
    fn weight(&self) -> Option<u32> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_days() {
        let info = BuildInfo {
            helpdoc_version: "0",
            epoch_seconds: 1_795_305_600,
        };
        assert_eq!(info.date(), "2026-11-22");
        assert_eq!(info.long_date(), "22 November 2026");
        let epoch = BuildInfo {
            helpdoc_version: "0",
            epoch_seconds: 0,
        };
        assert_eq!(epoch.date(), "1970-01-01");
    }
}
