// The only ES imports helpdoc's Markdown exporter writes (src/export/markdown), each with a stand-in
// that renders as Docusaurus does for the way helpdoc uses it. mdx-compile.mjs --strict allows
// exactly these lines; mdx-render.mjs swaps them for the stand-ins.
//   `<Link id="…" />` (no target): Docusaurus's Link reports the id to its broken-anchor check and
//   renders a plain `<a id="…"></a>`.
//   `<Tabs groupId>` with `<TabItem value label>` children: a tablist of the labels, then every
//   pane as a tabpanel (Docusaurus renders them all, hiding all but the selected one).
const children = (props) => [props.children ?? []].flat(Infinity).filter((c) => c && typeof c === 'object');

export const HELPDOC_IMPORTS = new Map([
  ["import Link from '@docusaurus/Link';", { name: 'Link', standIn: (props) => ({ type: 'a', props }) }],
  ["import Tabs from '@theme/Tabs';", {
    name: 'Tabs',
    standIn: (props) => {
      const items = children(props);
      const tabs = items.map((item, i) => ({
        type: 'li',
        props: { role: 'tab', 'aria-selected': String(i === 0), children: item.props.label },
      }));
      return {
        type: 'div',
        props: { className: 'tabs-container', children: [{ type: 'ul', props: { role: 'tablist', children: tabs } }, ...items] },
      };
    },
  }],
  ["import TabItem from '@theme/TabItem';", {
    name: 'TabItem',
    standIn: (props) => ({ type: 'div', props: { role: 'tabpanel', children: props.children } }),
  }],
]);

/** The stand-ins for an ESM node when every line of it is one of helpdoc's imports (MDX makes
 * one node of consecutive import lines), else `null`. */
export function helpdocImports(esm) {
  const known = esm.split('\n').map((line) => HELPDOC_IMPORTS.get(line));
  return known.every(Boolean) ? known : null;
}
