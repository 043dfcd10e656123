/**
 * Headless SVG rendering of a {@link Figure}: a vega-lite spec compiled to vega and
 * rendered with `View(…, { renderer: "none" }).toSVG()` (no canvas, no browser).
 *
 * @module
 */
import { compile } from "vega-lite";
import { View, parse } from "vega";
import { NessrefError } from "../errors.js";
import type { Figure } from "./types.js";

interface Point {
  x: number;
  y: number;
  lo?: number;
  hi?: number;
  series: string;
  mark: string;
}

function points(fig: Figure): Point[] {
  const out: Point[] = [];
  for (const s of fig.series) {
    if (s.x.length !== s.y.length || (s.yErr && s.yErr.length !== s.y.length)) {
      throw new NessrefError("internal", `figure '${fig.id}', series '${s.name}': x, y (and yErr) must have equal lengths`, "");
    }
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i];
      const y = s.y[i];
      const e = s.yErr ? s.yErr[i] : 0;
      if (!Number.isFinite(x) || !Number.isFinite(y) || !Number.isFinite(e)) {
        throw new NessrefError("internal", `figure '${fig.id}', series '${s.name}': point ${i} is not finite`, "");
      }
      if ((fig.logX && x <= 0) || (fig.logY && y <= 0)) continue; // not drawable on a log axis
      const p: Point = { x, y, series: s.name, mark: s.mark ?? "line" };
      if (s.yErr) {
        p.lo = y - e;
        p.hi = y + e;
        if (fig.logY && p.lo <= 0) p.lo = y; // clip the bar at the axis
      }
      out.push(p);
    }
  }
  return out;
}

/**
 * The vega-lite specification of a figure (lines, points, error bars; series coloured
 * in their given order).
 *
 * @param fig - the figure
 * @returns a vega-lite v6 JSON specification
 *
 * @example
 * ```ts
 * import { figureSpec } from "nessref/reproduce";
 * const spec = figureSpec({ id: "f", title: "y = x²", xLabel: "x", yLabel: "y",
 *   series: [{ name: "x²", x: [0, 1, 2], y: [0, 1, 4] }] });
 * ```
 */
export function figureSpec(fig: Figure): Record<string, unknown> {
  const names = fig.series.map((s) => s.name);
  const x = { field: "x", type: "quantitative", title: fig.xLabel, scale: fig.logX ? { type: "log" } : { zero: false } };
  const y = { field: "y", type: "quantitative", title: fig.yLabel, scale: fig.logY ? { type: "log" } : { zero: fig.yZero ?? false } };
  // many series: the legend in three columns (filled column by column, in series order)
  const dashed = fig.series.some((s) => s.dash);
  const legend = {
    orient: "bottom",
    direction: "vertical",
    labelLimit: 0,
    ...(names.length > 8 ? { columns: 3 } : {}),
    // with dash patterns the legend shows short line segments, so the patterns are visible
    ...(dashed ? { symbolType: "stroke", symbolSize: 400, symbolStrokeWidth: 2 } : {}),
  };
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: fig.series.some((s) => s.color)
      ? { domain: names, range: fig.series.map((s, i) => s.color ?? TABLEAU10[i % TABLEAU10.length]!) }
      : { domain: names },
    legend,
  };
  // dash patterns share the colour legend (same field, same domain, same legend settings)
  const strokeDash = dashed
    ? { field: "series", type: "nominal", title: null, scale: { domain: names, range: fig.series.map((s) => s.dash ?? [1, 0]) }, legend }
    : undefined;
  const layers: Record<string, unknown>[] = [];
  if (fig.heatmap) layers.push(heatmapLayer(fig));
  if (fig.bands && fig.bands.length > 0) layers.push(bandLayer(fig));
  const pts = points(fig);
  if (pts.length > 0 || layers.length === 0) {
    layers.push(
      { data: { values: pts }, transform: [{ filter: "datum.mark === 'line'" }], mark: { type: "line", clip: true }, encoding: { x, y, color, ...(strokeDash ? { strokeDash } : {}), order: { field: "x" } } },
      { data: { values: pts }, transform: [{ filter: "datum.mark === 'point'" }], mark: { type: "point", filled: true, clip: true }, encoding: { x, y, color } },
      {
        data: { values: pts },
        transform: [{ filter: "isValid(datum.lo)" }],
        mark: { type: "rule", clip: true },
        encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color },
      },
    );
  }
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: fig.title,
    width: 480,
    height: 300,
    background: "white",
    layer: layers,
    resolve: { scale: { fill: "independent" }, legend: { fill: "independent" } },
  };
}

/** Vega's default categorical palette (used for series without an explicit colour). */
const TABLEAU10 = ["#4c78a8", "#f58518", "#e45756", "#72b7b2", "#54a24b", "#eeca3b", "#b279a2", "#ff9da6", "#9d755d", "#bab0ac"];

function checkFinite(fig: Figure, v: number, what: string): void {
  if (!Number.isFinite(v)) throw new NessrefError("internal", `figure '${fig.id}': ${what} is not finite`, "");
}

/** Shaded x-intervals: rects spanning the full height, coloured by label. */
function bandLayer(fig: Figure): Record<string, unknown> {
  const bands = fig.bands ?? [];
  const labels: string[] = [];
  const colors: string[] = [];
  for (const b of bands) {
    checkFinite(fig, b.x0, "band x0");
    checkFinite(fig, b.x1, "band x1");
    if (!labels.includes(b.label)) {
      labels.push(b.label);
      colors.push(b.color);
    }
  }
  return {
    data: { values: bands.map((b) => ({ x0: b.x0, x1: b.x1, band: b.label })) },
    mark: { type: "rect", opacity: 0.35, clip: true },
    encoding: {
      x: { field: "x0", type: "quantitative", title: fig.xLabel, scale: { zero: false } },
      x2: { field: "x1" },
      fill: { field: "band", type: "nominal", title: null, scale: { domain: labels, range: colors }, legend: { orient: "top", direction: "horizontal", labelLimit: 0 } },
    },
  };
}

/** A heat map: one rect per grid point, edges half-way between neighbours. */
function heatmapLayer(fig: Figure): Record<string, unknown> {
  const h = fig.heatmap!;
  const edges = (v: number[]): number[] => {
    const e: number[] = [];
    for (let i = 0; i <= v.length; i++) {
      if (i === 0) e.push(v.length > 1 ? v[0]! - (v[1]! - v[0]!) / 2 : v[0]! - 0.5);
      else if (i === v.length) e.push(v.length > 1 ? v[i - 1]! + (v[i - 1]! - v[i - 2]!) / 2 : v[0]! + 0.5);
      else e.push((v[i - 1]! + v[i]!) / 2);
    }
    return e;
  };
  const ex = edges(h.x);
  const ey = edges(h.y);
  if (h.z.length !== h.y.length) throw new NessrefError("internal", `figure '${fig.id}': heat map has ${h.z.length} rows for ${h.y.length} y values`, "");
  const cells: { x0: number; x1: number; y0: number; y1: number; z: number }[] = [];
  h.z.forEach((row, i) => {
    if (row.length !== h.x.length) throw new NessrefError("internal", `figure '${fig.id}': heat-map row ${i} has ${row.length} values for ${h.x.length} x values`, "");
    row.forEach((z, j) => {
      checkFinite(fig, z, `heat-map value (${i}, ${j})`);
      cells.push({ x0: ex[j]!, x1: ex[j + 1]!, y0: ey[i]!, y1: ey[i + 1]!, z });
    });
  });
  return {
    data: { values: cells },
    // a hairline stroke in the cell's own colour hides the anti-aliasing seams between cells
    mark: { type: "rect", clip: true, strokeWidth: 0.6 },
    encoding: {
      x: { field: "x0", type: "quantitative", title: fig.xLabel, scale: { zero: false, nice: false } },
      x2: { field: "x1" },
      y: { field: "y0", type: "quantitative", title: fig.yLabel, scale: { zero: false, nice: false } },
      y2: { field: "y1" },
      fill: { field: "z", type: "quantitative", title: h.zLabel, scale: { scheme: "viridis" } },
      stroke: { field: "z", type: "quantitative", scale: { scheme: "viridis" }, legend: null },
    },
  };
}

/**
 * Render a figure to an SVG document (headless, deterministic).
 *
 * @param fig - the figure
 * @returns the SVG text, starting with `<svg`
 *
 * @example
 * ```ts
 * import { figureToSvg } from "nessref/reproduce";
 * const svg = await figureToSvg({ id: "f", title: "y = x²", xLabel: "x", yLabel: "y",
 *   series: [{ name: "x²", x: [0, 1, 2], y: [0, 1, 4] }] });
 * svg.startsWith("<svg"); // true
 * ```
 */
export async function figureToSvg(fig: Figure): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const vg = compile(figureSpec(fig) as any).spec;
  const view = new View(parse(vg), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
