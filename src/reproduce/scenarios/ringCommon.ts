/**
 * Helpers shared by the [P3] ring scenarios (CONVENTIONS §6): sweeps of the exact sector
 * solver, mode bands, and one-dimensional minimisation / root finding (golden section,
 * bisection). Internal to the scenarios (not re-exported by `nessref/reproduce`); the examples
 * use them from this module.
 *
 * @module
 */
import { solveRing4, type Ring4Params, type Ring4Result, type RingMode } from "../../exact/ring4.js";
import type { Band } from "../types.js";

/**
 * Colours of the heat-current modes (CONVENTIONS §6 "Mode"), as in the shading of [P3] Fig. 2:
 * counterclockwise pink, parallel yellow, clockwise green.
 *
 * @example
 * ```ts
 * MODE_COLORS.clockwise; // "#b8e0b0"
 * ```
 */
export const MODE_COLORS: Record<Exclude<RingMode, "none">, string> = {
  counterclockwise: "#f4b6c8",
  parallel: "#f6e58d",
  clockwise: "#b8e0b0",
};

/**
 * Uniform grid of n points on [a, b] (both ends included), the Δ and ΔT axes of the [P3] scenarios.
 *
 * @example
 * ```ts
 * grid(-1, 1, 5); // [-1, -0.5, 0, 0.5, 1]
 * ```
 */
export function grid(a: number, b: number, n: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < n; k++) out.push(n === 1 ? a : a + ((b - a) * k) / (n - 1));
  return out;
}

/**
 * Solve the ring (CONVENTIONS §6, exact sector road `solveRing4`) at every Δ of the grid, the
 * other parameters fixed; `progress(k)` after the k-th solve.
 *
 * @example
 * ```ts
 * const rs = sweepDelta({ J: 1, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 }, [0, 1, 2]);
 * rs.map((r) => r.heatCurrentLeft);
 * ```
 */
export function sweepDelta(base: Omit<Ring4Params, "delta">, deltas: number[], progress?: (k: number) => void): Ring4Result[] {
  return deltas.map((delta, k) => {
    const r = solveRing4({ ...base, delta });
    progress?.(k + 1);
    return r;
  });
}

/**
 * Shaded bands of constant heat-current mode along a Δ sweep ([P3] Fig. 2 shading; band edges
 * half-way between grid points; `none` is not shaded).
 *
 * @example
 * ```ts
 * const deltas = grid(-3, 4, 141);
 * modeBands(deltas, sweepDelta({ J: 1, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 3 }, deltas));
 * // [{ label: "counterclockwise", … }, { label: "parallel", … }, { label: "clockwise", … }]
 * ```
 */
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

/**
 * Golden-section search for a minimum of a unimodal f on [a, b], to a bracket of width tol
 * (used for the [P3] Fig. 2b heat-current minimum and the Fig. 4 peak positions).
 *
 * @example
 * ```ts
 * goldenMin((x) => (x - 2.19) ** 2, 1.5, 3, 1e-9); // ≈ 2.19
 * ```
 */
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

/**
 * Bisection for a sign change of f on [a, b] (f(a)·f(b) < 0 required; NaN otherwise), used for
 * the spin-current zero of [P3] Fig. 2d.
 *
 * @example
 * ```ts
 * bisectRoot((x) => x * x - 2, 0, 2, 1e-12); // ≈ 1.41421356
 * ```
 */
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

/**
 * Index of the grid point where v is smallest (`largest = false`) or largest (first one on ties).
 *
 * @example
 * ```ts
 * argExtreme([3, 1, 4, 1, 5], true); // 4
 * ```
 */
export function argExtreme(v: number[], largest: boolean): number {
  let k = 0;
  for (let i = 1; i < v.length; i++) if (largest ? v[i]! > v[k]! : v[i]! < v[k]!) k = i;
  return k;
}

/**
 * Indices of the interior local minima of v (v[i] < v[i−1] and v[i] ≤ v[i+1]), e.g. the avoided
 * crossings of a gap curve in [P3] Fig. 4c.
 *
 * @example
 * ```ts
 * localMinima([3, 1, 2, 0, 4]); // [1, 3]
 * ```
 */
export function localMinima(v: number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i + 1 < v.length; i++) if (v[i]! < v[i - 1]! && v[i]! <= v[i + 1]!) out.push(i);
  return out;
}

/**
 * Refine a grid extremum: golden section on [x_{k−1}, x_{k+1}] around the grid point k where
 * `f` is largest (`largest = true`) or smallest, to a bracket of width tol. Used for the peak
 * positions of [P3] Fig. 4 (ergotropy maxima, heat-current minima, gap minima).
 *
 * @example
 * ```ts
 * const xs = grid(0, 4, 41);
 * const f = (x: number) => -((x - 1.234) ** 2);
 * refineExtreme(f, xs, argExtreme(xs.map(f), true), true, 1e-9); // ≈ 1.234
 * ```
 */
export function refineExtreme(f: (x: number) => number, xs: number[], k: number, largest: boolean, tol: number): number {
  const a = xs[Math.max(k - 1, 0)]!;
  const b = xs[Math.min(k + 1, xs.length - 1)]!;
  return goldenMin(largest ? (x) => -f(x) : f, a, b, tol);
}
