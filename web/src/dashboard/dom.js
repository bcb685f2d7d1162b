// DOM building for the dashboard. Every string from the server goes in as a text node (textContent /
// createTextNode), never as HTML: beacon fields are written by any viewer and are stored as sent.

/**
 * Creates an element. `attrs`: `class`, `title`, `data-*` and other attributes (set with setAttribute, which never
 * parses HTML), plus `onclick`-style functions. Children: strings (text nodes), numbers, nodes, null (skipped).
 */
export function el(tag, attrs = {}, ...children) {
  const node = attrs.svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "svg" || v === undefined || v === null || v === false) continue;
    if (typeof v === "function") node.addEventListener(k.replace(/^on/, ""), v);
    else node.setAttribute(k, String(v));
  }
  append(node, children);
  return node;
}

export function svg(tag, attrs = {}, ...children) {
  return el(tag, { ...attrs, svg: true }, ...children);
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
  }
}

/** Replaces the children of `node` (e.g. a tbody) with `children`. */
export function replaceChildren(node, ...children) {
  while (node.firstChild) node.removeChild(node.firstChild);
  append(node, children);
}

export function setText(id, text) {
  const node = document.getElementById(id);
  if (node) node.textContent = String(text);
}
