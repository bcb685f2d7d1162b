// Time-series charts (Chart.js): viewers, P2P share and origin bytes saved, one session's bytes per step.
import {
  Chart, LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Filler,
  Legend, Tooltip,
} from "chart.js";
import * as fmt from "./format.js";

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, CategoryScale, Filler,
  Legend, Tooltip);

function cssVar(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || "#888";
}

function baseOptions(yTicks) {
  const muted = cssVar("--muted");
  const line = cssVar("--line");
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: "index", intersect: false },
    plugins: { legend: { labels: { color: muted, boxWidth: 12 } } },
    scales: {
      x: { ticks: { color: muted, maxTicksLimit: 8, maxRotation: 0 }, grid: { color: line } },
      y: { beginAtZero: true, ticks: { color: muted, callback: yTicks }, grid: { color: line } },
    },
  };
}

const label = (t) => fmt.time(t);

export class ViewersChart {
  constructor(canvas) {
    const accent = cssVar("--accent");
    this.chart = new Chart(canvas, {
      type: "line",
      data: { labels: [], datasets: [{ label: "viewers", data: [], borderColor: accent, backgroundColor: `${accent}33`, fill: true, pointRadius: 0, stepped: true }] },
      options: baseOptions((v) => (Number.isInteger(v) ? v : "")),
    });
  }

  destroy() { this.chart.destroy(); }

  update(points) {
    this.chart.data.labels = points.map((p) => label(p.t));
    this.chart.data.datasets[0].data = points.map((p) => p.viewers ?? 0);
    this.chart.update("none");
  }
}

export class ShareChart {
  constructor(canvas) {
    const p2p = cssVar("--p2p");
    const http = cssVar("--http");
    const options = baseOptions((v) => `${v} %`);
    options.scales.y.max = 100;
    options.scales.saved = {
      position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
      ticks: { color: cssVar("--muted"), callback: (v) => fmt.bytes(v) },
    };
    options.plugins.tooltip = {
      callbacks: { label: (c) => (c.dataset.yAxisID === "saved" ? `origin saved ${fmt.bytes(c.parsed.y)}` : `P2P share ${c.parsed.y.toFixed(1)} %`) },
    };
    this.chart = new Chart(canvas, {
      type: "line",
      data: {
        labels: [],
        datasets: [
          { label: "P2P share", data: [], borderColor: p2p, backgroundColor: `${p2p}33`, fill: true, pointRadius: 0, yAxisID: "y" },
          { label: "origin bytes saved (cumulative)", data: [], borderColor: http, pointRadius: 0, yAxisID: "saved" },
        ],
      },
      options,
    });
  }

  destroy() { this.chart.destroy(); }

  update(points) {
    let saved = 0;
    this.chart.data.labels = points.map((p) => label(p.t));
    this.chart.data.datasets[0].data = points.map((p) => {
      const total = (p.p2p || 0) + (p.http || 0);
      return total === 0 ? null : (100 * (p.p2p || 0)) / total;
    });
    this.chart.data.datasets[1].data = points.map((p) => (saved += p.p2p || 0));
    this.chart.update("none");
  }
}

export class SessionChart {
  constructor(canvas) {
    const options = baseOptions((v) => fmt.bytes(v));
    options.scales.x.stacked = true;
    options.scales.y.stacked = true;
    options.plugins.tooltip = { callbacks: { label: (c) => `${c.dataset.label} ${fmt.bytes(c.parsed.y)}` } };
    this.chart = new Chart(canvas, {
      type: "bar",
      data: {
        labels: [],
        datasets: [
          { label: "from peers", data: [], backgroundColor: cssVar("--p2p") },
          { label: "from origin", data: [], backgroundColor: cssVar("--http") },
          { label: "uploaded", data: [], backgroundColor: cssVar("--accent"), stack: "up" },
        ],
      },
      options,
    });
  }

  destroy() { this.chart.destroy(); }

  update(timeline) {
    this.chart.data.labels = timeline.map((p) => label(p.t));
    this.chart.data.datasets[0].data = timeline.map((p) => p.p2p || 0);
    this.chart.data.datasets[1].data = timeline.map((p) => p.http || 0);
    this.chart.data.datasets[2].data = timeline.map((p) => p.uploaded || 0);
    this.chart.update("none");
  }
}
