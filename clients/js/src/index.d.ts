// Types of @helpdoc/help-client; the bundle's own types are generated from its JSON Schema (bundle.d.ts).

import type { HelpdocInProductHelpBundle, HelpError } from './bundle.d.ts';

export type * from './bundle.d.ts';

/** A help bundle (`build/json/<publication-id>.json`, parsed). */
export type HelpBundle = HelpdocInProductHelpBundle;

/** What the product knows about the error it shows. */
export interface Query {
  /** The error code, looked up first (exactly as written). */
  code?: string | null;
  /** The message as the product showed it. */
  message?: string | null;
}

/** The help found for a query. */
export interface Found {
  /** The bundle's entry. */
  error: HelpError;
  /** Which step of the contract found it. */
  by: 'code' | 'message' | 'template';
  /** Each placeholder's value, cut from the message (NFKC applied; case and spacing kept). */
  values: Record<string, string>;
}

/** The bundle format version this client reads. */
export const FORMAT_VERSION: 2;

/** Finds the help for a product's error: code, then normalized message, then templates. */
export function lookup(bundle: HelpBundle, query: Query): Found | null;

/** The normalized form of a message (the key of `index.by_message`). */
export function normalizeMessage(message: string): string;

/** Matches a template's literals against a normalized message: each placeholder's [start, end). */
export function matchLiterals(literals: string[], text: string): Array<[number, number]> | null;

/** Builds the lookup structures for a bundle once (later lookups reuse them); checks its version. */
export function prepare(bundle: HelpBundle): unknown;
