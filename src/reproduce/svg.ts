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
  const y = { field: "y", type: "quantitative", title: fig.yLabel, scale: fig.logY ? { type: "log" } : { zero: false } };
  const color = {
    field: "series",
    type: "nominal",
    title: null,
    scale: { domain: names },
    legend: { orient: "bottom", direction: "vertical", labelLimit: 0 },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: fig.title,
    width: 480,
    height: 300,
    background: "white",
    data: { values: points(fig) },
    layer: [
      { transform: [{ filter: "datum.mark === 'line'" }], mark: { type: "line", clip: true }, encoding: { x, y, color, order: { field: "x" } } },
      { transform: [{ filter: "datum.mark === 'point'" }], mark: { type: "point", filled: true, clip: true }, encoding: { x, y, color } },
      {
        transform: [{ filter: "isValid(datum.lo)" }],
        mark: { type: "rule", clip: true },
        encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color },
      },
    ],
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
