// A tiny string-building JSX runtime for @mdx-js/mdx `evaluate`: renders a compiled page to
// static HTML without React. Shared by mdx-render.mjs and mdx-evaluate.mjs.
const escapeHtml = (s) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link']);

export const Fragment = Symbol('Fragment');
export const jsx = (type, props) => ({ type, props: props ?? {} });

/** Renders a node built by `jsx` to an HTML string (text escaped). */
export function render(node) {
  if (node == null || node === false || node === true) return '';
  if (Array.isArray(node)) return node.map(render).join('');
  if (typeof node === 'string' || typeof node === 'number') return escapeHtml(node);
  const { type, props } = node;
  if (type === Fragment) return render(props.children);
  if (typeof type === 'function') return render(type(props));
  const attrs = Object.entries(props)
    .filter(([k, v]) => k !== 'children' && v != null && v !== false)
    .map(([k, v]) => ` ${k === 'className' ? 'class' : k}="${escapeHtml(v)}"`)
    .join('');
  if (VOID.has(type)) return `<${type}${attrs}>`;
  return `<${type}${attrs}>${render(props.children)}</${type}>`;
}
