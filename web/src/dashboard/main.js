// The /dashboard page: live viewers, P2P share, QoE (P2P vs control), the swarm graph, failures, sessions and the
// policy editor, fed by the server's analytics API (SSE summaries every 2 s, the rest polled every 5 s).
import { DashboardApi, ApiError } from "./api.js";
import { el, replaceChildren, setText } from "./dom.js";
import * as fmt from "./format.js";
import { ViewersChart, ShareChart, SessionChart } from "./charts.js";
import { SwarmGraph } from "./swarm-graph.js";
import { PolicyEditor } from "./policy-editor.js";

const TOKEN_KEY = "hlsswarm-admin-token";
// How often the stream's series, graph, sessions and the tracker's /stats are fetched; `?poll=ms` (≥ 500) overrides.
const POLL_MS = Math.max(500, Number(new URLSearchParams(location.search).get("poll")) || 5000);

/** The token from `#token=` (then removed from the address bar, so it is not in screenshots or history) or storage. */
function takeToken() {
  const hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  const fromHash = hash.get("token");
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, "", location.pathname + location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function askToken(message) {
  document.getElementById("app").hidden = true;
  document.getElementById("token-dialog").hidden = false;
  setText("token-error", message || "");
  document.getElementById("token-input").focus();
}

/** Public state for tests and for the curious (read-only use). */
const state = window.hlsswarmDashboard = {
  summary: null, sessions: [], tracker: null, graph: null, series: null, selected: null, updates: 0, live: false,
};

class Dashboard {
  constructor(api) {
    this.api = api;
    this.viewers = new ViewersChart(document.getElementById("chart-viewers"));
    this.share = new ShareChart(document.getElementById("chart-share"));
    this.sessionChart = null;
    this.graph = new SwarmGraph(document.getElementById("graph"));
    this.policy = new PolicyEditor(api, () => this.refreshSummary(), (e) => this.fail(e));
    this.select = document.getElementById("stream-select");
    this.onSelect = () => {
      state.selected = this.select.value || null;
      this.renderSummary();
      this.refreshStream();
    };
    this.select.addEventListener("change", this.onSelect);
    this.detailId = null;
    this.timers = [];
    this.stopped = false;
  }

  async start() {
    document.getElementById("token-dialog").hidden = true;
    document.getElementById("app").hidden = false;
    await this.refreshSummary();
    if (this.stopped) return; // a refused token: the form is back, nothing more to start
    await this.policy.load();
    if (this.stopped) return;
    this.refreshTracker();
    this.refreshStream();
    this.source = this.api.events((s) => this.onSummary(s), (on) => this.onLive(on));
    this.timers.push(setInterval(() => this.refreshTracker(), POLL_MS));
    this.timers.push(setInterval(() => this.refreshStream(), POLL_MS));
    // Without SSE (a proxy that buffers it) the summary is polled instead.
    this.timers.push(setInterval(() => { if (!state.live) this.refreshSummary(); }, POLL_MS));
  }

  /** Stops everything this instance started, so that a new one (another token) owns the page alone. */
  stop() {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    if (this.source) this.source.close();
    this.select.removeEventListener("change", this.onSelect);
    this.policy.detach();
    this.viewers.destroy();
    this.share.destroy();
    if (this.sessionChart) this.sessionChart.destroy();
  }

  fail(e) {
    if (this.stopped) return true; // a late answer to a dashboard already replaced or closed
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      this.stop();
      sessionStorage.removeItem(TOKEN_KEY);
      askToken(e.status === 401 ? "The server wants a token." : "Wrong token.");
      return true;
    }
    return false;
  }

  async refreshSummary() {
    try {
      this.onSummary(await this.api.summary());
    } catch (e) {
      if (!this.fail(e)) setText("live", `summary: ${e.message}`);
    }
  }

  onLive(on) {
    state.live = on;
    const live = document.getElementById("live");
    live.className = on ? "on" : "off";
    live.textContent = on ? "live" : "reconnecting…";
  }

  onSummary(summary) {
    if (this.stopped) return;
    state.summary = summary;
    state.updates += 1;
    const streams = (summary.streams || []).map((s) => s.stream);
    if (!state.selected || !streams.includes(state.selected)) {
      const busiest = [...(summary.streams || [])].sort((a, b) => (b.viewers || 0) - (a.viewers || 0))[0];
      if (busiest && busiest.stream !== state.selected) {
        state.selected = busiest.stream;
        this.refreshStream();
      }
    }
    this.policy.addStreams(streams);
    this.renderSummary();
  }

  renderSummary() {
    const summary = state.summary;
    if (!summary) return;
    const totals = summary.totals || {};
    const bytes = totals.bytes || {};
    setText("total-viewers", fmt.count(totals.viewers ?? 0));
    setText("total-share", fmt.percent(totals.p2pShare));
    setText("total-p2p", fmt.bytes(bytes.p2p));
    setText("total-http", fmt.bytes(bytes.http));
    setText("total-uploaded", fmt.bytes(bytes.uploaded));

    const streams = summary.streams || [];
    const options = streams.map((s) => el("option", { value: s.stream }, `${fmt.streamLabel(s.stream)} (${s.viewers ?? 0})`));
    const keep = state.selected;
    replaceChildren(this.select, options.length ? options : el("option", { value: "" }, "no streams yet"));
    if (keep) this.select.value = keep;

    replaceChildren(document.querySelector("#streams-table tbody"), streams.length === 0
      ? el("tr", {}, el("td", { colspan: 7, class: "empty" }, "No viewer has sent a beacon in the last 15 s."))
      : streams.map((s) => {
        const b = s.bytes || {};
        const renditions = Object.entries(s.renditions || {}).map(([r, n]) => el("span", { class: "chip" }, `${r || "unknown"}: ${n}`));
        return el("tr", { class: "clickable" + (s.stream === state.selected ? " selected" : ""), "data-stream": s.stream, onclick: () => {
          state.selected = s.stream;
          this.renderSummary();
          this.refreshStream();
        } },
        el("td", { class: "wrap", title: s.stream }, fmt.streamLabel(s.stream)),
        el("td", { class: "num", "data-field": "viewers", "data-value": s.viewers ?? 0 }, fmt.count(s.viewers ?? 0)),
        el("td", {}, renditions),
        el("td", {}, el("div", { class: "bar", title: fmt.percent(s.p2pShare) }, el("span", { style: `width:${Math.round(100 * (s.p2pShare || 0))}%` })), fmt.percent(s.p2pShare)),
        el("td", { class: "num", "data-field": "p2p", "data-value": b.p2p ?? 0 }, fmt.bytes(b.p2p)),
        el("td", { class: "num", "data-field": "http", "data-value": b.http ?? 0 }, fmt.bytes(b.http)),
        el("td", { class: "num", "data-field": "saved", "data-value": s.originBytesSaved ?? 0 }, fmt.bytes(s.originBytesSaved)));
      }));

    const selected = streams.find((s) => s.stream === state.selected) || null;
    const qoe = (selected && selected.qoe) || {};
    replaceChildren(document.querySelector("#qoe-table tbody"), ["p2p", "control"].map((g) => {
      const q = qoe[g] || {};
      return el("tr", { "data-group": g },
        el("td", {}, g === "p2p" ? "P2P" : "Control (HTTP only)"),
        el("td", { class: "num" }, fmt.count(q.sessions ?? 0)),
        el("td", { class: "num" }, fmt.ms(q.startupMsP50)),
        el("td", { class: "num" }, fmt.percent(q.rebufferRatio)));
    }));

    const failures = Object.entries((selected && selected.failures) || {}).sort((a, b) => b[1] - a[1]);
    const maxFailures = Math.max(1, ...failures.map(([, n]) => n));
    replaceChildren(document.querySelector("#failures-table tbody"), failures.length === 0
      ? el("tr", {}, el("td", { colspan: 3, class: "empty" }, "No failed peer connection."))
      : failures.map(([reason, n]) => el("tr", { "data-reason": reason },
        el("td", { class: "wrap" }, reason),
        el("td", { class: "num" }, fmt.count(n)),
        el("td", {}, el("div", { class: "bar", style: "background:var(--chip)" }, el("span", { style: `width:${Math.round(100 * n / maxFailures)}%;background:var(--bad)` }))))));
  }

  async refreshTracker() {
    try {
      const t = await this.api.trackerStats();
      state.tracker = t;
      setText("tracker-peers", fmt.count(t.peers ?? 0));
      setText("tracker-swarms", fmt.count(t.swarms ?? 0));
    } catch (e) {
      setText("tracker-peers", "–");
      document.getElementById("tracker-peers").title = `/stats: ${e.message}`;
    }
  }

  async refreshStream() {
    const stream = state.selected;
    if (!stream || this.stopped) return;
    const [series, graph, sessions] = await Promise.allSettled([
      this.api.series(stream, 30), this.api.graph(stream), this.api.sessions(stream, 100)]);
    for (const r of [series, graph, sessions]) if (r.status === "rejected" && this.fail(r.reason)) return;
    if (stream !== state.selected || this.stopped) return;
    if (series.status === "fulfilled" && series.value) {
      state.series = series.value;
      const points = trimQuietStart(series.value.points || []);
      this.viewers.update(points);
      this.share.update(points);
    }
    if (graph.status === "fulfilled") {
      state.graph = graph.value;
      this.graph.update(graph.value);
    }
    if (sessions.status === "fulfilled") {
      const v = sessions.value;
      state.sessions = Array.isArray(v) ? v : (v && v.sessions) || [];
      this.renderSessions();
    }
    if (this.detailId) this.showSession(this.detailId);
  }

  renderSessions() {
    const now = Date.now();
    replaceChildren(document.querySelector("#sessions-table tbody"), state.sessions.length === 0
      ? el("tr", {}, el("td", { colspan: 11, class: "empty" }, "No sessions for this stream."))
      : state.sessions.map((s) => {
        const b = s.bytes || {};
        const stalls = s.stalls || {};
        const group = (s.p2p && s.p2p.group) || "p2p";
        const enabled = !s.p2p || s.p2p.enabled !== false;
        return el("tr", { class: "clickable" + (s.sessionId === this.detailId ? " selected" : ""), "data-session": s.sessionId,
          onclick: () => this.showSession(s.sessionId) },
        el("td", { class: "id", title: s.sessionId }, fmt.shortId(s.sessionId), s.live === false ? el("span", { class: "muted" }, " (gone)") : null),
        el("td", { class: "id", title: s.peerId ?? "" }, fmt.shortId(s.peerId, 12)),
        el("td", { class: "wrap", "data-field": "rendition" }, s.rendition || "–"),
        el("td", {}, el("span", { class: "chip" }, `${group}${enabled ? "" : ", P2P off"}`)),
        el("td", { class: "num", "data-field": "p2p", "data-value": b.p2p ?? 0 }, fmt.bytes(b.p2p)),
        el("td", { class: "num", "data-field": "http", "data-value": b.http ?? 0 }, fmt.bytes(b.http)),
        el("td", { class: "num", "data-field": "uploaded", "data-value": b.uploaded ?? 0 }, fmt.bytes(b.uploaded)),
        el("td", { class: "num", "data-field": "peers", "data-value": (s.peers && s.peers.connected) ?? 0 }, fmt.count((s.peers && s.peers.connected) ?? 0)),
        el("td", { class: "num" }, fmt.ms(s.startupMs)),
        el("td", { class: "num" }, `${fmt.count(stalls.count ?? 0)} (${fmt.ms(stalls.ms ?? 0)})`),
        el("td", { class: "muted nowrap" }, s.lastSeen ? fmt.ago(s.lastSeen, now) : "–"));
      }));
  }

  async showSession(id) {
    this.detailId = id;
    let s;
    try {
      s = await this.api.session(id);
    } catch (e) {
      if (!this.fail(e)) setText("detail-id", `${id}: ${e.message}`);
      return;
    }
    if (this.detailId !== id || this.stopped) return;
    document.getElementById("session-detail").hidden = false;
    setText("detail-id", id);
    const b = s.bytes || {};
    const stalls = s.stalls || {};
    const kpi = (label, value, text = false) => el("div", { class: "kpi" }, el("div", { class: "label" }, label),
      el("div", { class: text ? "value text" : "value" }, value));
    const rebuffer = (stalls.ms || 0) + (s.playingMs || 0) === 0 ? null : (stalls.ms || 0) / ((stalls.ms || 0) + (s.playingMs || 0));
    const failures = Object.entries((s.peers && s.peers.failures) || {}).map(([r, n]) => `${r}: ${n}`).join(", ");
    replaceChildren(document.getElementById("detail-kpis"),
      kpi("Stream", fmt.streamLabel(s.stream || ""), true),
      kpi("Rendition", s.rendition || "–", true),
      kpi("Client", s.client ? `${s.client.kind ?? ""} ${s.client.version ?? ""}` : "–", true),
      kpi("From peers", fmt.bytes(b.p2p)),
      kpi("From origin", fmt.bytes(b.http)),
      kpi("Uploaded", fmt.bytes(b.uploaded)),
      kpi("Start-up", fmt.ms(s.startupMs)),
      kpi("Rebuffering", fmt.percent(rebuffer)),
      kpi("Live latency", fmt.ms(s.liveLatencyMs)),
      kpi("Peer attempts", fmt.count(s.peers ? s.peers.attempts : null)),
      kpi("Failures", failures || "none", true));
    if (!this.sessionChart) this.sessionChart = new SessionChart(document.getElementById("chart-session"));
    this.sessionChart.update(s.timeline || []);
    // The timeline's steps carry their errors with the beacon's time; the session's own list has no times.
    const timed = (s.timeline || []).flatMap((p) => (p.errors || []).map((e) => ({ t: p.t, kind: e.kind, message: e.message })));
    const errors = timed.length > 0 ? timed : s.errors || [];
    replaceChildren(document.querySelector("#detail-errors tbody"), errors.length === 0
      ? el("tr", {}, el("td", { colspan: 3, class: "empty" }, "No errors."))
      : errors.map((e) => el("tr", {}, el("td", {}, fmt.time(e.t)), el("td", { class: "wrap" }, e.kind ?? ""), el("td", { class: "wrap" }, e.message ?? ""))));
    const transfers = s.transfers || [];
    document.getElementById("detail-transfers-block").hidden = !Array.isArray(s.transfers);
    replaceChildren(document.querySelector("#detail-transfers tbody"), transfers.length === 0
      ? el("tr", {}, el("td", { colspan: 3, class: "empty" }, "No transfers."))
      : transfers.map((t) => el("tr", {}, el("td", { class: "wrap" }, t.peerId ?? ""), el("td", { class: "num" }, fmt.bytes(t.down)), el("td", { class: "num" }, fmt.bytes(t.up)))));
    for (const row of document.querySelectorAll("#sessions-table tbody tr")) {
      row.classList.toggle("selected", row.getAttribute("data-session") === id);
    }
  }
}

/** Drops the empty steps before the first viewer (a fresh server has 30 minutes of nothing), keeping at least a minute. */
function trimQuietStart(points, keep = 6) {
  const first = points.findIndex((p) => (p.viewers || 0) > 0 || (p.http || 0) + (p.p2p || 0) > 0);
  if (first < 0) return points.slice(-keep);
  return points.slice(Math.max(0, Math.min(first - 1, points.length - keep)));
}

let dashboard = null;
function open(token) {
  if (dashboard) dashboard.stop();
  dashboard = new Dashboard(new DashboardApi(token));
  dashboard.start();
}

document.getElementById("token-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const token = document.getElementById("token-input").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  open(token);
});
document.getElementById("logout").addEventListener("click", () => {
  sessionStorage.removeItem(TOKEN_KEY);
  if (dashboard) dashboard.stop();
  askToken("");
});

const token = takeToken();
if (token) open(token);
else askToken("");
