// The policy editor: global P2P switch, min viewers, A/B share, upload cap, upload on metered, and P2P per stream
// (inherit / on / off). Saving PUTs the whole document to /api/admin/policy; the server bumps its version.
import { el, replaceChildren, setText } from "./dom.js";
import * as fmt from "./format.js";

export class PolicyEditor {
  /** `fail(error)` handles a refused token (true: handled, the page shows the token form). */
  constructor(api, onSaved, fail = () => false) {
    this.api = api;
    this.onSaved = onSaved;
    this.fail = fail;
    this.doc = null;
    this.knownStreams = new Set();
    this.dirty = false;
    this.form = document.getElementById("policy-form");
    this.onInput = () => { this.dirty = true; };
    this.onSubmit = (e) => {
      e.preventDefault();
      this.save();
    };
    this.form.addEventListener("input", this.onInput);
    this.form.addEventListener("submit", this.onSubmit);
  }

  /** Stops listening to the form (the dashboard is closed or reopened with another token). */
  detach() {
    this.form.removeEventListener("input", this.onInput);
    this.form.removeEventListener("submit", this.onSubmit);
  }

  async load() {
    try {
      this.doc = await this.api.policy();
      this.dirty = false;
      this.render();
      setText("policy-status", `version ${this.doc.version}`);
    } catch (e) {
      if (!this.fail(e)) setText("policy-status", `cannot load: ${e.message}`);
    }
  }

  /** Streams seen in the summary get a row even without an entry in the policy. */
  addStreams(streams) {
    let added = false;
    for (const s of streams) {
      if (!this.knownStreams.has(s)) { this.knownStreams.add(s); added = true; }
    }
    if (added && this.doc && !this.dirty) this.renderStreams();
  }

  render() {
    const g = this.doc.global || {};
    document.getElementById("policy-p2p").checked = g.p2p !== false;
    document.getElementById("policy-metered").checked = !!g.uploadOnMetered;
    document.getElementById("policy-min-viewers").value = g.minViewers ?? 0;
    document.getElementById("policy-share").value = Math.round((g.p2pShare ?? 1) * 100);
    document.getElementById("policy-cap").value = g.uploadCapBytesPerSec == null ? "" : Math.round(g.uploadCapBytesPerSec / 1000);
    for (const s of Object.keys(this.doc.streams || {})) this.knownStreams.add(s);
    this.renderStreams();
  }

  renderStreams() {
    const streams = this.doc.streams || {};
    const rows = [...this.knownStreams].sort().map((s) => {
      const entry = streams[s] || {};
      const value = entry.p2p === true ? "on" : entry.p2p === false ? "off" : "inherit";
      const select = el("select", { class: "policy-stream-p2p", "data-stream": s, "aria-label": `P2P for ${s}` },
        el("option", { value: "inherit" }, "global"), el("option", { value: "on" }, "on"), el("option", { value: "off" }, "off"));
      select.value = value;
      return el("tr", {}, el("td", { class: "wrap", title: s }, fmt.streamLabel(s)), el("td", {}, select));
    });
    replaceChildren(this.form.querySelector("#policy-streams tbody"),
      rows.length ? rows : el("tr", {}, el("td", { colspan: 2, class: "empty" }, "No streams yet.")));
  }

  collect() {
    const doc = JSON.parse(JSON.stringify(this.doc || { version: 0, global: {}, streams: {} }));
    doc.global = doc.global || {};
    doc.global.p2p = document.getElementById("policy-p2p").checked;
    doc.global.uploadOnMetered = document.getElementById("policy-metered").checked;
    doc.global.minViewers = Math.max(0, Math.round(Number(document.getElementById("policy-min-viewers").value) || 0));
    doc.global.p2pShare = Math.min(1, Math.max(0, (Number(document.getElementById("policy-share").value) || 0) / 100));
    const cap = document.getElementById("policy-cap").value.trim();
    doc.global.uploadCapBytesPerSec = cap === "" ? null : Math.max(0, Math.round(Number(cap) * 1000));
    doc.streams = doc.streams || {};
    for (const select of this.form.querySelectorAll("select.policy-stream-p2p")) {
      const s = select.getAttribute("data-stream");
      const entry = { ...(doc.streams[s] || {}) };
      if (select.value === "inherit") delete entry.p2p;
      else entry.p2p = select.value === "on";
      if (Object.keys(entry).length === 0) delete doc.streams[s];
      else doc.streams[s] = entry;
    }
    return doc;
  }

  async save() {
    const button = document.getElementById("policy-save");
    button.disabled = true;
    setText("policy-status", "saving…");
    try {
      this.doc = await this.api.savePolicy(this.collect());
      this.dirty = false;
      this.render();
      setText("policy-status", `saved: version ${this.doc.version}`);
      if (this.onSaved) this.onSaved(this.doc);
    } catch (e) {
      if (!this.fail(e)) setText("policy-status", `not saved: ${e.message}`);
    } finally {
      button.disabled = false;
    }
  }
}
