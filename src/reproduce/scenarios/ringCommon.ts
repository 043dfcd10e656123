/**
 * Helpers shared by the [P3] ring scenarios: sweeps of the exact sector solver, mode bands,
 * and one-dimensional minimisation / root finding (golden section, bisection).
 *
 * @module
 */
import { solveRing4, type Ring4Params, type Ring4Result, type RingMode } from "../../exact/ring4.js";
import type { Band } from "../types.js";

/** Colours of the heat-current modes, as in [P3] Fig. 2 (pink, yellow, green). */
export const MODE_COLORS: Record<Exclude<RingMode, "none">, string> = {
  counterclockwise: "#f4b6c8",
  parallel: "#f6e58d",
  clockwise: "#b8e0b0",
};

/** Uniform grid of n points on [a, b]. */
export function grid(a: number, b: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(n === 1 ? a : a + ((b - a) * k) / (n - 1));
  return out;
}

/** Solve the ring at every Δ of the grid (other parameters fixed). */
export function sweepDelta(base: Omit<Ring4Params, "delta">, deltas: number[], progress?: (k: number) => void): Ring4Result[] {
  return deltas.map((delta, k) => {
    const r = solveRing4({ ...base, delta });
    progress?.(k + 1);
    return r;
  });
}

/** Shaded bands of constant mode along a Δ sweep (band edges half-way between grid points). */
export function modeBands(deltas: number[], results: Ring4Result[]): Band[] {
  const bands: Band[] = [];
  let start = 0;
  for (let k = 1; k <= deltas.length; k++) {
    if (k === deltas.length || results[k]!.mode !== results[start]!.mode) {
      const mode = results[start]!.mode;
      if (mode !== "none") {
        const x0 = start === 0 ? deltas[0]! : (deltas[start - 1]! + deltas[start]!) / 2;
        const x1 = k === deltas.length ? deltas[k - 1]! : (deltas[k - 1]! + deltas[k]!) / 2;
        bands.push({ x0, x1, label: mode, color: MODE_COLORS[mode] });
      }
      start = k;
    }
  }
  return bands;
}

/** Golden-section search for a minimum of f on [a, b] to an interval of width tol. */
export function goldenMin(f: (x: number) => number, a: number, b: number, tol: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let x1 = b - g * (b - a);
  let x2 = a + g * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  while (b - a > tol) {
    if (f1 <= f2) {
      b = x2; x2 = x1; f2 = f1; x1 = b - g * (b - a); f1 = f(x1);
    } else {
      a = x1; x1 = x2; f1 = f2; x2 = a + g * (b - a); f2 = f(x2);
    }
  }
  return (a + b) / 2;
}

/** Bisection for a sign change of f on [a, b] (f(a)·f(b) < 0 required; NaN otherwise). */
export function bisectRoot(f: (x: number) => number, a: number, b: number, tol: number): number {
  let fa = f(a);
  const fb = f(b);
  if (!(fa * fb < 0)) return Number.NaN;
  while (b - a > tol) {
    const m = (a + b) / 2;
    const fm = f(m);
    if (fm === 0) return m;
    if (fa * fm < 0) b = m;
    else { a = m; fa = fm; }
  }
  return (a + b) / 2;
}

/** Index of the grid point where v is smallest / largest. */
export function argExtreme(v: number[], largest: boolean): number {
  let k = 0;
  for (let i = 1; i < v.length; i++) if (largest ? v[i]! > v[k]! : v[i]! < v[k]!) k = i;
  return k;
}

/** Indices of the interior local minima of v. */
export function localMinima(v: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i + 1 < v.length; i++) if (v[i]! < v[i - 1]! && v[i]! <= v[i + 1]!) out.push(i);
  return out;
}
