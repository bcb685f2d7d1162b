// The analytics API of the server (contract: /work/shared... see web/README.md "Dashboard"): every call carries the
// admin token as a Bearer header; EventSource cannot send headers, so the SSE URL carries it as ?token=.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class DashboardApi {
  constructor(token, base = location.origin) {
    this.token = token;
    this.base = base;
  }

  url(path, query = {}) {
    const u = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
    return u;
  }

  async request(method, path, query, body) {
    const r = await fetch(this.url(path, query), {
      method,
      headers: {
        Authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: "no-store",
    });
    const text = await r.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
    if (!r.ok) throw new ApiError(r.status, (json && json.error) || text || `HTTP ${r.status}`);
    return json;
  }

  summary() { return this.request("GET", "/api/dashboard/summary"); }
  series(stream, minutes = 30) { return this.request("GET", "/api/dashboard/series", { stream, minutes }); }
  graph(stream) { return this.request("GET", "/api/dashboard/graph", { stream }); }
  sessions(stream, limit = 100) { return this.request("GET", "/api/dashboard/sessions", { stream, limit }); }
  session(id) { return this.request("GET", `/api/dashboard/sessions/${encodeURIComponent(id)}`); }
  policy() { return this.request("GET", "/api/admin/policy"); }
  savePolicy(doc) { return this.request("PUT", "/api/admin/policy", undefined, doc); }

  /** Tracker statistics: public, no token. */
  async trackerStats() {
    const r = await fetch(new URL("/stats", this.base), { cache: "no-store" });
    if (!r.ok) throw new ApiError(r.status, `HTTP ${r.status}`);
    return r.json();
  }

  /** Live summaries: calls `onSummary(json)` for every `summary` event; returns the EventSource. */
  events(onSummary, onState) {
    const source = new EventSource(this.url("/api/dashboard/events", { token: this.token }));
    source.addEventListener("summary", (e) => {
      try { onSummary(JSON.parse(e.data)); } catch { /* a malformed event is skipped */ }
    });
    source.onopen = () => onState(true);
    source.onerror = () => onState(false);
    return source;
  }
}
