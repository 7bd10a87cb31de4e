// The only ES imports helpdoc's Markdown exporter writes (src/export/markdown), each with a stand-in
// that renders as Docusaurus does for the way helpdoc uses it. mdx-compile.mjs --strict allows
// exactly these lines; mdx-render.mjs swaps them for the stand-ins.
//   `<Link id="…" />` (no target): Docusaurus's Link reports the id to its broken-anchor check and
//   renders a plain `<a id="…"></a>`.
export const HELPDOC_IMPORTS = new Map([
  ["import Link from '@docusaurus/Link';", { name: 'Link', standIn: (props) => ({ type: 'a', props }) }],
]);
