// Generated from schema/help-bundle.schema.json by `npm run types` (json-schema-to-typescript). Do not edit.

/**
 * The in-product help for one publication: every error it holds, ready to show beside the message
 * the product displays, with a lookup index by error code and by normalized message.
 */
export interface HelpdocInProductHelpBundle {
/**
 * The `$id` of the schema this bundle follows.
 */
$schema: "https://helpdoc.dev/schema/help-bundle.schema.json"
/**
 * The bundle format's major version: it changes only when a change would break a client that
 * reads the previous version (a field removed, renamed, retyped or given a new meaning).
 */
format_version: 3
generator: Generator
publication: PublicationInfo
/**
 * The language of the help text, as a BCP 47 tag (`formats.json.language`, default `en`).
 */
language: string
/**
 * The build date, `YYYY-MM-DD` (UTC, from `SOURCE_DATE_EPOCH` when set).
 */
generated: string
/**
 * The errors, in the publication's reading order.
 */
errors: HelpError[]
index: BundleIndex
}
/**
 * The tool that wrote the bundle.
 */
export interface Generator {
/**
 * Always `helpdoc`.
 */
name: string
/**
 * helpdoc's version.
 */
version: string
}
/**
 * The publication the bundle was built from.
 */
export interface PublicationInfo {
/**
 * The publication id (the bundle's file name without `.json`).
 */
id: string
/**
 * The publication title.
 */
title: string
/**
 * The product the help is for.
 */
product?: string
/**
 * The product or guide version.
 */
version?: string
}
/**
 * One error (or symptom) with its causes and resolutions.
 */
export interface HelpError {
/**
 * The stable topic id; never changes once published.
 */
id: string
/**
 * Exactly what the product shows (or, for a symptom, the user's words), as plain text; with
 * `{name}` placeholders when it is a message template (see `index.templates`).
 */
message: string
/**
 * The product's error code, exactly as written, if it shows one.
 */
code?: string
/**
 * Product error or symptom.
 */
error_type: ("product_error" | "symptom")
/**
 * The help topic's title, as plain text.
 */
title: string
summary?: FormattedText
intro?: FormattedText1
/**
 * Whether a user can fix this alone, without an administrator or support.
 */
user_recoverable: boolean
/**
 * The topic in the published docs (absent when no docs page holds it).
 */
docs_url?: string
/**
 * Every known cause, most likely first.
 */
causes: HelpCause[]
/**
 * Pages that tell the user more, each shown as "Learn more: TITLE" (may be empty).
 */
learn_more?: HelpLink[]
source?: HelpLink1
}
/**
 * A one- or two-sentence answer.
 */
export interface FormattedText {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * Explanation shown before the causes.
 */
export interface FormattedText1 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * One cause of an error and its resolution.
 */
export interface HelpCause {
/**
 * The cause's stable id inside its error, if it has one.
 */
id?: string
/**
 * What went wrong, as plain text.
 */
text: string
/**
 * What went wrong, as inline HTML.
 */
html: string
/**
 * Further causes that the same resolution fixes, after the one in `text` and `html` (empty
 * for a cause with a resolution of its own).
 */
more_causes?: FormattedText2[]
/**
 * The cause in the published docs.
 */
docs_url?: string
resolution: HelpResolution
}
/**
 * The same text twice: plain, and as safe HTML.
 */
export interface FormattedText2 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * How to fix it.
 */
export interface HelpResolution {
intro?: FormattedText3
/**
 * The steps, in order (may be empty).
 */
steps: HelpStep[]
procedure?: ProcedureRef1
}
/**
 * The same text twice: plain, and as safe HTML.
 */
export interface FormattedText3 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * One numbered step.
 */
export interface HelpStep {
/**
 * The step's stable id inside its topic, if it has one.
 */
id?: string
/**
 * What the user does, as plain text.
 */
text: string
/**
 * What the user does, as inline HTML.
 */
html: string
details?: FormattedText4
result?: FormattedText5
after_result?: FormattedText6
/**
 * Nested steps (may be empty).
 */
substeps: HelpStep[]
/**
 * "If CONDITION, follow PROCEDURE instead" (may be empty).
 */
branches: HelpBranch[]
}
/**
 * The same text twice: plain, and as safe HTML.
 */
export interface FormattedText4 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * The same text twice: plain, and as safe HTML.
 */
export interface FormattedText5 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * The same text twice: plain, and as safe HTML.
 */
export interface FormattedText6 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * A condition that sends the user to another procedure.
 */
export interface HelpBranch {
condition: FormattedText7
procedure: ProcedureRef
/**
 * For a branch shown as a callout: the box's kind (`note`, `tip`, `info`, `caution`,
 * `warning` or `danger`); absent for a plain sentence.
 */
type?: ("note" | "tip" | "info" | "caution" | "warning" | "danger")
/**
 * The callout's title, as plain text.
 */
title?: string
details?: FormattedText8
}
/**
 * The same text twice: plain, and as safe HTML.
 */
export interface FormattedText7 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * The procedure to follow.
 */
export interface ProcedureRef {
/**
 * The procedure's topic id.
 */
id: string
/**
 * Its title, as plain text.
 */
title: string
/**
 * The procedure in the published docs.
 */
docs_url?: string
/**
 * The procedure's steps when the publication includes the procedure (a resolution's procedure
 * only); empty otherwise, when `docs_url` is the way to it.
 */
steps: HelpStep[]
}
/**
 * The same text twice: plain, and as safe HTML.
 */
export interface FormattedText8 {
/**
 * Plain text without markup (paragraphs separated by a blank line).
 */
text: string
/**
 * An HTML fragment built only from the bundle's allowed elements; every character of content
 * is escaped, so it can be inserted as markup.
 */
html: string
}
/**
 * A procedure that fixes the cause.
 */
export interface ProcedureRef1 {
/**
 * The procedure's topic id.
 */
id: string
/**
 * Its title, as plain text.
 */
title: string
/**
 * The procedure in the published docs.
 */
docs_url?: string
/**
 * The procedure's steps when the publication includes the procedure (a resolution's procedure
 * only); empty otherwise, when `docs_url` is the way to it.
 */
steps: HelpStep[]
}
/**
 * A link to a web page, with the words to show before it.
 */
export interface HelpLink {
/**
 * The words before the link: `Learn more:` or `Adapted from`.
 */
label: string
/**
 * The page's title, as plain text (the link text).
 */
title: string
/**
 * The page's address (`https:`, `http:` or `mailto:`).
 */
url: string
}
/**
 * A link to a web page, with the words to show before it.
 */
export interface HelpLink1 {
/**
 * The words before the link: `Learn more:` or `Adapted from`.
 */
label: string
/**
 * The page's title, as plain text (the link text).
 */
title: string
/**
 * The page's address (`https:`, `http:` or `mailto:`).
 */
url: string
}
/**
 * Lookup tables from what the product knows (a code, a message) to an error `id`.
 */
export interface BundleIndex {
/**
 * Error code, exactly as written, to error id.
 */
by_code: {
[k: string]: string
}
/**
 * Normalized message (see `normalize_message`) to error id: each error's message and `match`
 * wordings without placeholders.
 */
by_message: {
[k: string]: string
}
/**
 * Messages and `match` wordings with placeholders, in the order to try them: the most
 * literal text first (then by error id, then as written).
 */
templates: MessageTemplate[]
}
/**
 * A message template, split at its placeholders.
 */
export interface MessageTemplate {
/**
 * The error it finds.
 */
id: string
/**
 * The normalized literal text before, between and after the placeholders (one more item than
 * `placeholders`; only the first and the last can be empty). A normalized message matches
 * when it is this text with one or more characters in place of each placeholder.
 * 
 * @minItems 2
 */
literals: [string, string, ...(string)[]]
/**
 * The placeholder names, in order.
 * 
 * @minItems 1
 */
placeholders: [string, ...(string)[]]
}
