/**
 * Golden comparisons for the four-spin Redfield ring: every golden/ring/*.json (written by
 * golden/generators/ring_qutip.py with QuTiP's bloch_redfield_tensor(use_secular=False) +
 * steadystate, spectrum mapping S_QuTiP(ω) = 2G(−ω), CONVENTIONS §6) against `solve()` of the
 * `redfield-ring` kind, i.e. against the exact sector road.
 *
 * Metric (stored with each case, reason in `toleranceReason`): |x − r| ≤ tol · max(|r|, s)
 * with s the largest |value| of the quantity's family in that case (currents together,
 * energies together, populations: 1, ergotropy: its own magnitude or the current scale).
 */
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { solve } from "../src/problem/index.js";
import type { Ring4Result } from "../src/exact/ring4.js";

interface RingGolden {
  id: string;
  description: string;
  input: Record<string, unknown>;
  reference: Pick<
    Ring4Result,
    "heatCurrentLeft" | "heatCurrentRight" | "upperHeatCurrent" | "lowerHeatCurrent" | "spinCurrent" | "ergotropy" | "mode" | "energies" | "populations"
  >;
  tolerance: number;
  toleranceMetric: string;
  toleranceReason: string;
  provenance: Record<string, string>;
}

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "golden", "ring");
const cases: RingGolden[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as RingGolden);

describe("golden/ring (QuTiP 4.7 non-secular Bloch–Redfield) against redfield-ring", () => {
  it("has the cases the issue asks for: ≥ 20, several sectors, both signs of Δ, both temperature orders", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    const sectors = new Set(cases.map((c) => c.input.sector));
    expect(sectors.size).toBeGreaterThanOrEqual(3);
    expect(cases.some((c) => (c.input.delta as number) < 0)).toBe(true);
    expect(cases.some((c) => (c.input.delta as number) > 0)).toBe(true);
    expect(cases.some((c) => (c.input.TL as number) > (c.input.TR as number))).toBe(true);
    expect(cases.some((c) => (c.input.TL as number) < (c.input.TR as number))).toBe(true);
    for (const c of cases) {
      expect(c.provenance.generator).toBe("golden/generators/ring_qutip.py");
      expect(c.provenance.qutip).toMatch(/^4\./);
    }
  });

  for (const c of cases) {
    it(`${c.id}: ${c.description}`, async () => {
      const r = (await solve(c.input)) as unknown as RingGolden["reference"];
      const ref = c.reference;
      const tol = c.tolerance;
      expect(c.toleranceMetric).toBe("relative-to-scale");
      const close = (x: number, y: number, scale: number, what: string) => {
        expect(Math.abs(x - y), `${what}: ours ${x}, QuTiP ${y}`).toBeLessThanOrEqual(tol * Math.max(Math.abs(y), scale));
      };
      const jscale = Math.max(
        Math.abs(ref.heatCurrentLeft),
        Math.abs(ref.upperHeatCurrent),
        Math.abs(ref.lowerHeatCurrent),
        Math.abs(ref.spinCurrent),
      );
      for (const k of ["heatCurrentLeft", "heatCurrentRight", "upperHeatCurrent", "lowerHeatCurrent", "spinCurrent"] as const) {
        close(r[k], ref[k], jscale, k);
      }
      close(r.ergotropy, ref.ergotropy, Math.max(jscale, Math.abs(ref.ergotropy)), "ergotropy");
      expect(r.energies.length).toBe(ref.energies.length);
      const escale = Math.max(...ref.energies.map(Math.abs));
      r.energies.forEach((e, k) => close(e, ref.energies[k], escale, `energies[${k}]`));
      r.populations.forEach((p, k) => close(p, ref.populations[k], 1, `populations[${k}]`));
      expect(r.mode).toBe(ref.mode);
    });
  }
});
