// Types of the <helpdoc-help> custom element (src/helpdoc-help.js).

import type { Found, HelpBundle, Query } from './index.d.ts';

/** The element's own words; `labels` takes a partial object. */
export interface HelpLabels {
  values: string;
  causes: string;
  result: string;
  /** With `{condition}` and `{procedure}` slots. */
  branch: string;
  procedure: string;
  admin: string;
  docs: string;
  noHelp: string;
}

export const DEFAULT_LABELS: Readonly<HelpLabels>;

/** `<helpdoc-help code="…" message="…" heading-level="2">`; set `bundle` to a parsed help bundle. */
export class HelpdocHelp extends HTMLElement {
  bundle: HelpBundle | null;
  get labels(): HelpLabels;
  set labels(labels: Partial<HelpLabels>);
  /** What the last lookup found, or null. */
  readonly found: Found | null;
  /** Shows the help for an error (sets the `code` and `message` attributes); `show({})` clears it. */
  show(query?: Query): Found | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'helpdoc-help': HelpdocHelp;
  }
}
