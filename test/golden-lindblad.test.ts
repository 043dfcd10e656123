/**
 * Golden comparisons for the `lindblad-ness` kind with `method: "ed"`: every golden/lindblad/*.json
 * (written by golden/generators/lindblad_qutip.py with QuTiP 4.7's `steadystate`, direct sparse LU,
 * on the full 4^L Liouville space) against `solve()`, i.e. against the U(1)-block road (dense SVD
 * up to 300 stored entries, jump-split GMRES above) or the unrestricted road for heisenberg-xz.
 *
 * Metric (stored with each case, reason in `toleranceReason`): |x − r| ≤ tol · max(|r|, s) with
 * s = max(largest |value| of the same result array in that case, 1e-3), per result field.
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../src/problem/index.js";

interface LindbladGolden {
  id: string;
  description: string;
  input: { hamiltonian: { type: string; L: number }; baths: { type: string }[] } & Record<string, unknown>;
  reference: Record<string, number[]>;
  tolerance: number;
  toleranceMetric: string;
  toleranceReason: string;
  provenance: Record<string, string>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "golden", "lindblad");
const cases: LindbladGolden[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as LindbladGolden);

const FIELDS = ["magnetization", "bondEnergy", "spinCurrent", "energyCurrent", "density", "particleCurrent", "localBeta"];

describe("golden/lindblad (QuTiP 4.7 steadystate) against lindblad-ness, method ed", () => {
  it("has the cases the issue asks for: ≥ 30 over the three bath families, the fermion chain and §3, L = 3..7", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    const types = new Set(cases.map((c) => c.input.hamiltonian.type));
    expect([...types].sort()).toEqual(["fermion-chain", "heisenberg-xz", "xxz"]);
    const baths = new Set(cases.flatMap((c) => c.input.baths.map((b) => b.type)));
    for (const b of ["target", "source-sink", "dephasing", "bulk-nonthermal"]) expect(baths.has(b), b).toBe(true);
    const Ls = cases.map((c) => c.input.hamiltonian.L);
    expect(Math.min(...Ls)).toBe(3);
    expect(Math.max(...Ls)).toBe(7);
    for (const c of cases) {
      expect(c.provenance.generator).toBe("golden/generators/lindblad_qutip.py");
      expect(c.provenance.qutip).toMatch(/^4\./);
      expect(c.toleranceMetric).toBe("relative-to-scale");
      expect(c.tolerance).toBeLessThanOrEqual(1e-8);
    }
  });

  for (const c of cases) {
    it(`${c.id}: ${c.description}`, async () => {
      const r = (await solve(c.input)) as unknown as Record<string, number[]> & { method: string };
      expect(r.method).toBe("ed");
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
          expect(Math.abs(r[k][i] - v), `${k}[${i}]: ours ${r[k][i]}, QuTiP ${v}`).toBeLessThanOrEqual(c.tolerance * Math.max(Math.abs(v), s));
          compared++;
        });
      }
      expect(compared).toBeGreaterThan(0);
    });
  }
});
