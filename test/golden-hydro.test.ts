/**
 * Golden comparisons for the random resistor networks of [P4]: every golden/hydro/*.json (written by
 * golden/generators/hydro_scipy.py; MODELS §4) against `solve()` of the `resistor-network` kind.
 * Each input is one explicit realization (`lengths` or `lengthsH`/`lengthsV`, and `g1`, `g2` in
 * thermal mode; no seed), drawn in Python and stored, so no random-number agreement is involved.
 * Thermal and charge: SciPy `solve_banded` (1D) / `spsolve` (2D), verified by a dense solve and by
 * mpmath band elimination at 40 digits (1D charge: the series formula V / Σ 1/Γ̃ in mpmath); where
 * SciPy is off by more than 1e−12 (ε = 1e−10; a Γ̃ spread of 5e6) the mpmath value is the reference.
 * Spreading: SciPy `expm(−tK)` verified by NumPy `eigh` and mpmath `eigsy` (the mpmath value where
 * expm loses more than 1e−12 at t_max‖K‖ ~ 1e4–1e5).
 *
 * Metric (stored with each case, reason in `toleranceReason`), relative to scale, tol = 1e−10:
 *   temperature    |x − r| ≤ tol · max(|r|, s_T), s_T = max_i |r_T,i|;
 *   meanT          |x − r| ≤ tol · max(|r|, s_T);
 *   deltaT_over_T  |x − r| ≤ tol · (1 + |r|) · s_T / |r_meanT| (what a profile accurate to tol · s_T implies
 *                  for the relative population standard deviation of a nearly flat profile);
 *   current        |x − r| ≤ tol · |r|;
 *   sigmaE         |x − r| ≤ tol · max(|r|, max_t |r(t)|) (r(0) = 0 exactly).
 */
import { afterAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../src/index.js";

interface HydroInput {
  kind: "resistor-network";
  dim: 1 | 2;
  mode: "thermal" | "charge" | "spreading";
  N: number;
  a: number;
  xi: number;
  epsilon?: number;
  kappa0?: number;
  sigma0?: number;
  Gamma0: number;
  T0?: number;
  theta?: number;
  V?: number;
  times?: number[];
  x0?: number;
  lengths?: number[];
  lengthsH?: number[];
  lengthsV?: number[];
  g1?: number[];
  g2?: number[];
  seed?: number;
  realizations?: number;
}

interface HydroReference {
  temperature?: number[];
  meanT?: number;
  deltaT_over_T?: number;
  current?: number;
  sigmaE?: number[];
}

interface HydroGolden {
  id: string;
  description: string;
  input: HydroInput;
  reference: HydroReference;
  tolerance: number;
  toleranceMetric: string;
  toleranceReason: string;
  checks: Record<string, number | boolean | null>;
  provenance: { generator: string; peer: string; versions: Record<string, string>; date: string; command: string };
}

interface HydroResult {
  temperature?: number[];
  meanT?: number;
  deltaT_over_T?: number;
  current?: number;
  sigmaE?: number[];
}

const GENERATOR = "golden/generators/hydro_scipy.py";
const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "golden", "hydro");
const cases: HydroGolden[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as HydroGolden);

/** max_i |x_i − r_i| / max(|r_i|, s); a zero denominator admits only an exact match. */
function deviation(x: readonly number[], r: readonly number[], s: number): number {
  let worst = 0;
  for (let i = 0; i < r.length; i++) {
    const d = Math.abs(x[i] - r[i]);
    const den = Math.max(Math.abs(r[i]), s);
    const dev = den > 0 ? d / den : d === 0 ? 0 : Infinity;
    if (!(dev <= worst)) worst = dev; // NaN (a NaN or a missing entry in x) also becomes the worst
  }
  return worst;
}

const worst: Record<string, { dev: number; id: string }> = {
  temperature: { dev: 0, id: "" },
  meanT: { dev: 0, id: "" },
  deltaT_over_T: { dev: 0, id: "" },
  current: { dev: 0, id: "" },
  sigmaE: { dev: 0, id: "" },
};

function record(what: keyof typeof worst, dev: number, id: string): void {
  if (!(dev <= worst[what].dev)) worst[what] = { dev, id };
}

const islands = (c: HydroGolden): number => (c.input.dim === 1 ? c.input.N : c.input.N * c.input.N);
const of = (dim: 1 | 2, mode: HydroInput["mode"]) => cases.filter((c) => c.input.dim === dim && c.input.mode === mode);

describe("golden/hydro (SciPy solve_banded / spsolve / expm, mpmath band elimination / eigsy) against the resistor-network kind", () => {
  it("has ≥ 20 explicit single-realization cases of every dimension and mode, written by the generator", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const dim of [1, 2] as const) {
      for (const mode of ["thermal", "charge", "spreading"] as const) expect(of(dim, mode).length, `${dim}D ${mode}`).toBeGreaterThanOrEqual(2);
    }
    for (const c of cases) {
      const inp = c.input;
      expect(inp.kind).toBe("resistor-network");
      expect(c.provenance.generator).toBe(GENERATOR);
      expect(c.provenance.command).toContain(GENERATOR);
      expect(c.toleranceMetric).toBe("relative-to-scale");
      expect(c.tolerance).toBe(1e-10);
      expect(inp.seed).toBeUndefined();
      expect(inp.realizations === undefined || inp.realizations === 1).toBe(true);
      const N = inp.N;
      if (inp.dim === 1) {
        expect(inp.lengths).toHaveLength(inp.mode === "charge" ? N : N - 1);
        expect(N).toBeLessThanOrEqual(1000);
      } else {
        expect(inp.lengthsH).toHaveLength(N * (N - 1));
        expect(inp.lengthsV).toHaveLength((N - 1) * N);
        expect(N).toBeLessThanOrEqual(inp.mode === "spreading" ? 10 : 30);
      }
      for (const l of [...(inp.lengths ?? []), ...(inp.lengthsH ?? []), ...(inp.lengthsV ?? [])]) expect(l).toBeGreaterThanOrEqual(inp.a);
      if (inp.mode === "thermal") {
        expect(inp.g1).toHaveLength(islands(c));
        expect(inp.g2).toHaveLength(islands(c));
        expect(inp.epsilon).toBeGreaterThan(0);
        expect(c.reference.temperature).toHaveLength(islands(c));
      } else if (inp.mode === "spreading") {
        expect(inp.epsilon).toBeUndefined();
        expect(inp.kappa0).toBeUndefined();
        expect(c.reference.sigmaE).toHaveLength(inp.times!.length);
        expect(inp.times![0]).toBe(0);
        expect(c.reference.sigmaE![0]).toBe(0);
      } else {
        expect(typeof c.reference.current).toBe("number");
      }
    }
    // the edge cases the generator promises: N = 2 in every mode, uniform lengths, links of
    // length 69a (e^{−ℓ/a} ~ 1e−30), a tiny ε, and mpmath references where double precision is not enough
    for (const mode of ["thermal", "charge", "spreading"] as const) expect(cases.some((c) => c.input.mode === mode && c.input.N === 2)).toBe(true);
    const lens = (c: HydroGolden) => [...(c.input.lengths ?? []), ...(c.input.lengthsH ?? []), ...(c.input.lengthsV ?? [])];
    expect(cases.some((c) => new Set(lens(c)).size === 1)).toBe(true);
    expect(cases.some((c) => lens(c).some((l) => Math.exp(-l / c.input.a) < 1e-29))).toBe(true);
    expect(cases.some((c) => c.input.mode === "thermal" && (c.input.epsilon ?? 1) <= 1e-10)).toBe(true);
    expect(cases.some((c) => c.provenance.peer.startsWith("mpmath"))).toBe(true);
  });

  for (const c of cases) {
    it(`${c.id}: ${c.description}`, async () => {
      const r = (await solve(c.input)) as unknown as HydroResult;
      const tol = c.tolerance;
      const ref = c.reference;
      if (c.input.mode === "thermal") {
        const refT = ref.temperature!;
        expect(r.temperature).toHaveLength(refT.length);
        const sT = Math.max(...refT.map(Math.abs));
        const dT = deviation(r.temperature!, refT, sT);
        record("temperature", dT, c.id);
        expect(dT, `temperature: ours ${JSON.stringify(r.temperature)}`).toBeLessThanOrEqual(tol);

        const dM = deviation([r.meanT!], [ref.meanT!], sT);
        record("meanT", dM, c.id);
        expect(dM, `meanT: ours ${r.meanT}, reference ${ref.meanT}`).toBeLessThanOrEqual(tol);

        const rd = ref.deltaT_over_T!;
        const sD = ((1 + Math.abs(rd)) * sT) / Math.abs(ref.meanT!);
        const dD = Math.abs(r.deltaT_over_T! - rd) / sD;
        record("deltaT_over_T", dD, c.id);
        expect(dD, `deltaT_over_T: ours ${r.deltaT_over_T}, reference ${rd}`).toBeLessThanOrEqual(tol);
      } else if (c.input.mode === "charge") {
        const dI = deviation([r.current!], [ref.current!], 0);
        record("current", dI, c.id);
        expect(dI, `current: ours ${r.current}, reference ${ref.current}`).toBeLessThanOrEqual(tol);
      } else {
        const refS = ref.sigmaE!;
        expect(r.sigmaE).toHaveLength(refS.length);
        const sS = Math.max(...refS.map(Math.abs));
        const dS = deviation(r.sigmaE!, refS, sS);
        record("sigmaE", dS, c.id);
        expect(dS, `sigmaE: ours ${JSON.stringify(r.sigmaE)}, reference ${JSON.stringify(refS)}`).toBeLessThanOrEqual(tol);
      }
    });
  }

  afterAll(() => {
    // printed for the record (the per-case bound is asserted above)
    const line = Object.entries(worst)
      .map(([k, w]) => `${k} ${w.dev.toExponential(2)}${w.id ? ` (${w.id})` : ""}`)
      .join(", ");
    console.log(`golden/hydro: worst relative-to-scale deviations over ${cases.length} cases: ${line}`);
  });
});
