/**
 * Golden comparisons for linalg: every golden/linalg/*.json (written by
 * golden/generators/linalg_scipy.py with SciPy/LAPACK) against nessref's kernels, at the
 * tolerance stored in the file (computed there from each case's conditioning; the reason is
 * in the file's `toleranceReason` and repeated per metric below).
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { complexFromRows, fromRows, type ComplexMatrix, type RealMatrix } from "../src/linalg/matrix.js";
import { expm, cexpm } from "../src/linalg/expm.js";
import { eigvals } from "../src/linalg/schur.js";
import { singularValues } from "../src/linalg/svd.js";
import { lyapunov, realLyapunov, sylvester } from "../src/linalg/sylvester.js";

type Rows = number[][];
interface CRows {
  re: Rows;
  im: Rows;
}
interface GoldenCase {
  id: string;
  op: string;
  description: string;
  equation?: string;
  provenance: Record<string, string>;
  input: Record<string, Rows | CRows>;
  reference: Record<string, unknown>;
  tolerance: number;
  toleranceMetric: string;
  toleranceReason: string;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "golden", "linalg");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort();
const cases: GoldenCase[] = files.map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as GoldenCase);

const R = (x: unknown): RealMatrix => fromRows(x as Rows);
const C = (x: unknown): ComplexMatrix => complexFromRows(x as CRows);

/** ‖X − Y‖_F / ‖Y‖_F for real matrices. */
function relFro(X: RealMatrix, Y: RealMatrix): number {
  expect([X.rows, X.cols]).toEqual([Y.rows, Y.cols]);
  let d = 0;
  let y = 0;
  for (let i = 0; i < Y.data.length; i++) {
    d += (X.data[i] - Y.data[i]) ** 2;
    y += Y.data[i] ** 2;
  }
  return Math.sqrt(d / y);
}

/** ‖X − Y‖_F / ‖Y‖_F for complex matrices. */
function crelFro(X: ComplexMatrix, Y: ComplexMatrix): number {
  expect([X.rows, X.cols]).toEqual([Y.rows, Y.cols]);
  let d = 0;
  let y = 0;
  for (let i = 0; i < Y.re.length; i++) {
    d += (X.re[i] - Y.re[i]) ** 2 + (X.im[i] - Y.im[i]) ** 2;
    y += Y.re[i] ** 2 + Y.im[i] ** 2;
  }
  return Math.sqrt(d / y);
}

function norm2Upper(A: RealMatrix): number {
  // ‖A‖₂ ≤ ‖A‖_F: used only to scale an absolute eigenvalue error (conservative side).
  let s = 0;
  for (let i = 0; i < A.data.length; i++) s += A.data[i] ** 2;
  return Math.sqrt(s);
}

/** Greedy multiset matching of two complex spectra; the largest matched distance. */
function maxMatched(ar: Float64Array, ai: Float64Array, br: number[], bi: number[]): number {
  const n = ar.length;
  expect(br.length).toBe(n);
  const used = new Uint8Array(n);
  let worst = 0;
  for (let p = 0; p < n; p++) {
    let best = -1;
    let bd = Infinity;
    for (let q = 0; q < n; q++) {
      if (used[q]) continue;
      const d = Math.hypot(ar[p] - br[q], ai[p] - bi[q]);
      if (d < bd) {
        bd = d;
        best = q;
      }
    }
    used[best] = 1;
    worst = Math.max(worst, bd);
  }
  return worst;
}

/** The error of nessref on one case, in the case's own metric. */
function errorOf(c: GoldenCase): number {
  const inp = c.input;
  const ref = c.reference;
  switch (c.op) {
    case "expm":
      return relFro(expm(R(inp.A)), R(ref.X));
    case "cexpm":
      return crelFro(cexpm(C(inp.A)), C(ref.X));
    case "eigvals": {
      const A = R(inp.A);
      const v = eigvals(A);
      const w = ref.values as { re: number[]; im: number[] };
      // metric matchedAbsOverNorm: |Δλ| / ‖A‖ (file stores ‖A‖₂; use it).
      const nrm = (ref.norm2 as number | undefined) ?? norm2Upper(A);
      return maxMatched(v.re, v.im, w.re, w.im) / nrm;
    }
    case "svdvals": {
      const s = singularValues(R(inp.A));
      const t = ref.s as number[];
      expect(s.length).toBe(t.length);
      let worst = 0;
      for (let i = 0; i < t.length; i++) worst = Math.max(worst, Math.abs(s[i] - t[i]));
      return worst / t[0];
    }
    case "realLyapunov":
      // Our convention: A X + X Aᵀ + Q = 0 (the generator called SciPy with −Q).
      return relFro(realLyapunov(R(inp.A), R(inp.Q)), R(ref.X));
    case "lyapunov": {
      // File: SciPy's A X + X Aᴴ = Q. nessref's lyapunov(A, Q) solves A X + X Aᴴ + Q = 0,
      // so pass −Q.
      expect(c.equation).toBe("A X + X A^H = Q");
      const Q = C(inp.Q);
      const mQ = { rows: Q.rows, cols: Q.cols, re: Q.re.map((x) => -x), im: Q.im.map((x) => -x) };
      return crelFro(lyapunov(C(inp.A), mQ), C(ref.X));
    }
    case "sylvester":
      return relFro(sylvester(R(inp.A), R(inp.B), R(inp.C)), R(ref.X));
    default:
      throw new Error(`golden-linalg: unknown op ${c.op} in ${c.id}`);
  }
}

describe("golden linalg (SciPy/LAPACK references)", () => {
  it("finds the golden files", () => {
    // The generator writes 13 cases; fewer means a missing or renamed file.
    expect(cases.length).toBeGreaterThanOrEqual(13);
    for (const c of cases) {
      expect(c.provenance.generator).toBe("golden/generators/linalg_scipy.py");
      expect(c.tolerance).toBeGreaterThan(0);
      expect(c.toleranceReason.length).toBeGreaterThan(20);
    }
  });

  for (const c of cases) {
    it(`${c.id}: ${c.description}`, () => {
      // Tolerance from the file: computed by the generator from the case's conditioning.
      expect(errorOf(c)).toBeLessThanOrEqual(c.tolerance);
    });
  }
});
