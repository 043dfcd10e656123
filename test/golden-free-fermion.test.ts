/**
 * Golden comparisons for the `lindblad-ness` kind with `method: "free-fermion"`: every
 * golden/free-fermion/*.json (written by golden/generators/free_fermion_qutip.py with QuTiP 4.7's
 * `steadystate`, direct sparse LU on the full 4^L Liouville space, L = 2..8) against `solve()`, i.e.
 * against the L×L two-point-function road of CONVENTIONS §2 (the O(L) structured road for uniform
 * chains with source/sink at the ends, the general eigen-decomposition road otherwise).
 *
 * Metric (stored with each case, reason in `toleranceReason`; the same as golden/lindblad):
 * |x − r| ≤ tol · max(|r|, s) with s = max(largest |value| of the same result array in that case,
 * 1e-3), per result field. The worst deviation (in units of the allowed one) is printed at the end.
 */
import { afterAll, describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../src/problem/index.js";

interface Bath {
  type: string;
  site?: number;
  sites?: number[];
}

interface FreeFermionGolden {
  id: string;
  description: string;
  input: { hamiltonian: { type: string; L: number; delta?: number; V?: number; fields?: number[] }; baths: Bath[]; method: string } & Record<string, unknown>;
  reference: Record<string, number[]>;
  tolerance: number;
  toleranceMetric: string;
  toleranceReason: string;
  checks: { observables: string[] } & Record<string, unknown>;
  provenance: Record<string, string>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "golden", "free-fermion");
const cases: FreeFermionGolden[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as FreeFermionGolden);

const FIELDS = ["magnetization", "bondEnergy", "spinCurrent", "energyCurrent", "density", "particleCurrent"];

/** worst |x − r| / (tol · max(|r|, s)) over all cases, and where */
const worst = { ratio: 0, abs: 0, where: "" };

describe("golden/free-fermion (QuTiP 4.7 steadystate) against lindblad-ness, method free-fermion", () => {
  it("has the cases the issue asks for: ≥ 20 quadratic cases, L = 2..8 (≥ 2 at L = 8), every bath family", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const Ls = cases.map((c) => c.input.hamiltonian.L);
    expect(Math.min(...Ls)).toBe(2);
    expect(Math.max(...Ls)).toBe(8);
    expect(Ls.filter((L) => L === 8).length).toBeGreaterThanOrEqual(2);
    const types = new Set(cases.map((c) => c.input.hamiltonian.type));
    expect([...types].sort()).toEqual(["fermion-chain", "xxz"]);
    const baths = new Set(cases.flatMap((c) => c.input.baths.map((b) => b.type)));
    expect([...baths].sort()).toEqual(["dephasing", "source-sink", "target"]);
    // partial dephasing, a one-end drive, uniform chains (the structured road) are all present
    expect(cases.some((c) => c.input.baths.some((b) => b.type === "dephasing" && b.sites !== undefined))).toBe(true);
    const touched = (c: FreeFermionGolden): number[] => c.input.baths.flatMap((b) => (b.type === "source-sink" ? [b.site!] : b.type === "target" ? b.sites! : []));
    const oneEnd = (c: FreeFermionGolden): boolean => {
      const L = c.input.hamiltonian.L;
      return L > 3 && (touched(c).every((s) => s <= 2) || touched(c).every((s) => s >= L - 1));
    };
    expect(cases.some(oneEnd)).toBe(true);
    // target baths only at the ends (an interior pair does not close the two-point function)
    for (const c of cases) for (const b of c.input.baths) if (b.type === "target") expect([[1, 2], [c.input.hamiltonian.L - 1, c.input.hamiltonian.L]]).toContainEqual(b.sites);
    expect(cases.some((c) => (c.input.hamiltonian.fields ?? []).every((h, _, a) => h === a[0]))).toBe(true);
    for (const c of cases) {
      expect(c.input.method).toBe("free-fermion");
      const h = c.input.hamiltonian;
      expect(h.type === "xxz" ? h.delta : h.V, `${c.id} is quadratic`).toBe(0);
      expect(c.provenance.generator).toBe("golden/generators/free_fermion_qutip.py");
      expect(c.provenance.qutip).toMatch(/^4\./);
      expect(c.toleranceMetric).toBe("relative-to-scale");
      expect(c.tolerance).toBeLessThanOrEqual(1e-9);
      expect([...c.checks.observables].sort()).toEqual(Object.keys(c.reference).sort());
    }
  });

  for (const c of cases) {
    it(`${c.id}: ${c.description}`, async () => {
      const r = (await solve(c.input)) as unknown as Record<string, number[]> & { method: string };
      expect(r.method).toBe("free-fermion");
      let compared = 0;
      for (const k of FIELDS) {
        const ref = c.reference[k];
        if (ref === undefined) {
          expect(r[k], `${k} is not expected for ${c.input.hamiltonian.type}`).toBeUndefined();
          continue;
        }
        expect(r[k].length, k).toBe(ref.length);
        const s = Math.max(1e-3, ...ref.map(Math.abs));
        ref.forEach((v, i) => {
          const dev = Math.abs(r[k][i] - v);
          const allowed = c.tolerance * Math.max(Math.abs(v), s);
          if (dev / allowed > worst.ratio) Object.assign(worst, { ratio: dev / allowed, abs: dev, where: `${c.id} ${k}[${i}]` });
          expect(dev, `${k}[${i}]: ours ${r[k][i]}, QuTiP ${v}`).toBeLessThanOrEqual(allowed);
          compared++;
        });
      }
      expect(compared).toBe(c.checks.observables.reduce((n, k) => n + c.reference[k]!.length, 0));
    });
  }

  afterAll(() => {
    console.log(`golden/free-fermion: worst deviation ${worst.abs.toExponential(2)} at ${worst.where} = ${worst.ratio.toExponential(2)} × the allowed one`);
  });
});
