// The swarm of one stream as a force-directed graph (d3-force layout, drawn as SVG): a node per viewer, an arrow
// from uploader to downloader per transfer seen in the last 60 s.
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide } from "d3-force";
import { svg, replaceChildren, el } from "./dom.js";
import * as fmt from "./format.js";

const WIDTH = 640;
const HEIGHT = 360;

export class SwarmGraph {
  constructor(container) {
    this.container = container;
    this.positions = new Map();
    this.simulation = null;
  }

  update(graph) {
    const nodes = (graph && graph.nodes || []).map((n) => {
      const id = String(n.peerId ?? n.sessionId ?? "");
      const keep = this.positions.get(id);
      return { id, sessionId: n.sessionId, rendition: n.rendition, x: keep ? keep.x : undefined, y: keep ? keep.y : undefined };
    });
    const ids = new Set(nodes.map((n) => n.id));
    // Edges may name peers without a node (a viewer that sent no beacon, e.g. a native peer): show them too.
    for (const e of graph && graph.edges || []) {
      for (const id of [String(e.from), String(e.to)]) {
        if (!ids.has(id)) { ids.add(id); nodes.push({ id, sessionId: null, rendition: "", external: true }); }
      }
    }
    const links = (graph && graph.edges || []).map((e) => ({ source: String(e.from), target: String(e.to), bytes: Number(e.bytes) || 0 }));
    const uploaded = new Map();
    for (const l of links) uploaded.set(l.source, (uploaded.get(l.source) || 0) + l.bytes);
    const maxBytes = Math.max(1, ...links.map((l) => l.bytes));
    const maxUp = Math.max(1, ...uploaded.values());

    if (nodes.length === 0) {
      replaceChildren(this.container, el("p", { class: "empty" }, "No viewers with P2P transfers in the last 60 s."));
      return;
    }
    if (this.simulation) this.simulation.stop();
    this.simulation = forceSimulation(nodes)
      .force("link", forceLink(links).id((d) => d.id).distance(110))
      .force("charge", forceManyBody().strength(-260))
      .force("center", forceCenter(WIDTH / 2, HEIGHT / 2))
      .force("collide", forceCollide(28))
      .stop();
    // Settle the layout at once (a few hundred ticks of a handful of nodes take milliseconds): no animation to
    // fight with the next live update.
    for (let i = 0; i < 300; i++) this.simulation.tick();
    for (const n of nodes) {
      n.x = Math.max(24, Math.min(WIDTH - 24, n.x));
      n.y = Math.max(24, Math.min(HEIGHT - 40, n.y)); // room for the label under the circle
      this.positions.set(n.id, { x: n.x, y: n.y });
    }

    const defs = svg("defs", {}, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: "10", refY: "5", markerWidth: "9", markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
      svg("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "var(--accent)" })));
    const edges = links.map((l) => {
      const r = radius(uploaded.get(l.target.id) || 0, maxUp) + 3;
      const dx = l.target.x - l.source.x;
      const dy = l.target.y - l.source.y;
      const len = Math.hypot(dx, dy) || 1;
      return svg("line", {
        x1: l.source.x, y1: l.source.y, x2: l.target.x - (dx / len) * r, y2: l.target.y - (dy / len) * r,
        "stroke-width": 1 + 5 * (l.bytes / maxBytes), "marker-end": "url(#arrow)",
      }, svg("title", {}, `${l.source.id} → ${l.target.id}: ${fmt.bytes(l.bytes)}`));
    });
    const circles = nodes.map((n) => svg("g", { class: "node", transform: `translate(${n.x},${n.y})`, "data-peer": n.id },
      svg("circle", { r: radius(uploaded.get(n.id) || 0, maxUp), fill: n.external ? "var(--muted)" : "var(--p2p)" }),
      svg("text", { x: 0, y: radius(uploaded.get(n.id) || 0, maxUp) + 12, "text-anchor": "middle" }, fmt.shortId(n.id, 10)),
      svg("title", {}, `peer ${n.id}\nsession ${n.sessionId ?? "–"}\n${n.rendition || ""}\nuploaded ${fmt.bytes(uploaded.get(n.id) || 0)}`)));
    replaceChildren(this.container, svg("svg", { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: "img", "aria-label": "swarm graph" }, defs, ...edges, ...circles));
  }
}

function radius(up, maxUp) {
  return 8 + 12 * Math.sqrt(up / maxUp);
}
