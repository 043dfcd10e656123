// Pure-state TEBD on fixed larger problems (issue 7): the XX chain at L = 64 against the exact
// free-fermion quench, the truncation error against χ on one fixed interacting problem, and the
// `quench` kind with method "tebd" / "auto" through solve().
//
// Tolerances:
// - Free fermions at L = 64 (1e-8, the bound): the domain wall's entanglement grows like
//   (1/6) ln t, so χ = 64 truncates nothing above 1e-18 up to t = 6 (checked below); what is left is
//   the 4th-order Trotter error C·t·dt⁴, measured 2e-9 at dt = 0.05 (CONVENTIONS §9); the
//   free-fermion road is exact to ~1e-14.
// - Monotonicity in χ: the discarded weight Σε of a fixed run, and the error against a χ = 128
//   reference, must fall strictly as χ doubles while truncation dominates (ε ≫ rounding); the Trotter
//   error is common to all runs (same dt) and cancels in the comparison with the reference.
import { describe, expect, it } from "vitest";
import { tebdQuench } from "../src/mps/quench.js";
import { xxzChain } from "../src/models/chain.js";
import { xxFermions } from "../src/exact/freeFermion.js";
import { domainWall, freeFermionQuench } from "../src/exact/freeFermionQuench.js";
import { solve } from "../src/index.js";
import { NessrefError } from "../src/errors.js";

const KEYS = ["magnetization", "bondEnergy", "spinCurrent", "energyCurrent"] as const;
type Frame = Record<(typeof KEYS)[number], ArrayLike<number>> & { entropy: number };
function maxDiff(a: readonly Frame[], b: readonly Frame[]): number {
  let e = 0;
  a.forEach((f, k) => {
    for (const key of KEYS) for (let i = 0; i < f[key].length; i++) e = Math.max(e, Math.abs(f[key][i] - b[k][key][i]));
    e = Math.max(e, Math.abs(f.entropy - b[k].entropy));
  });
  return e;
}

describe("TEBD quench at Δ = 0 equals the free-fermion quench", () => {
  it("domain wall, L = 64, t ≤ 6, χ = 64, dt = 0.05, order 4: every observable and the half-chain entropy to 1e-8", () => {
    const L = 64, times = [0, 2, 4, 6];
    const exact = freeFermionQuench(xxFermions({ L, J: 1 }), domainWall(L), times);
    const r = tebdQuench(xxzChain({ L, J: 1, delta: 0 }), "domain-wall", times, { chi: 64, dt: 0.05, order: 4 });
    expect(r.truncation.maxDiscarded).toBeLessThanOrEqual(1e-18);
    expect(maxDiff(r.frames, exact)).toBeLessThanOrEqual(1e-8);
    expect(r.frames[3].entropy).toBeGreaterThan(0.5); // the wall has spread: a non-trivial check
  });
});

describe("truncation error decreases monotonically with χ (L = 24, Δ_b = 0 | 0.5 junction, t = 4)", () => {
  it("the discarded weight and the error against χ = 128 fall as χ = 4, 8, 16, 32", () => {
    const L = 24;
    const model = xxzChain({ L, J: 1, delta: Array.from({ length: L - 1 }, (_, b) => (b + 1 <= L / 2 ? 0 : 0.5)) });
    const times = [0, 2, 4];
    const ref = tebdQuench(model, "domain-wall", times, { chi: 128, dt: 0.05, order: 4 });
    expect(ref.truncation.maxDiscarded).toBeLessThanOrEqual(1e-16);
    let lastW = Infinity, lastE = Infinity;
    for (const chi of [4, 8, 16, 32]) {
      const r = tebdQuench(model, "domain-wall", times, { chi, dt: 0.05, order: 4 });
      const w = r.truncation.discardedWeight, e = maxDiff(r.frames, ref.frames);
      expect(w, `χ = ${chi}`).toBeLessThan(lastW);
      expect(e, `χ = ${chi}`).toBeLessThan(lastE);
      lastW = w;
      lastE = e;
    }
    expect(lastE).toBeLessThanOrEqual(1e-6);
  });
});

describe("the quench kind with TEBD", () => {
  it("method 'tebd' gives the contract's arrays and the truncation diagnostics; it equals method 'ed' at L = 8", async () => {
    const base = { kind: "quench", L: 8, J: 1, delta: [0, 0, 0, 0.6, 0.6, 0.6, 0.6], initial: "split-ground-state", times: [0, 1, 2] };
    const t = (await solve({ ...base, method: "tebd", tebd: { chi: 16, dt: 0.05, order: 4, cutoff: 0 } })) as Record<string, unknown>; // cutoff 0: the default 1e-10 would add ~1e-7 of truncation error
    const e = (await solve({ ...base, method: "ed" })) as Record<string, unknown>;
    expect(t.method).toBe("tebd");
    const frames = (x: Record<string, unknown>): Frame[] =>
      (x.times as number[]).map((_, k) => ({
        magnetization: (x.magnetization as number[][])[k], bondEnergy: (x.bondEnergy as number[][])[k],
        spinCurrent: (x.spinCurrent as number[][])[k], energyCurrent: (x.energyCurrent as number[][])[k], entropy: (x.entropy as number[])[k],
      }));
    expect(maxDiff(frames(t), frames(e))).toBeLessThanOrEqual(1e-7); // Trotter error, see spec/tebd.spec.ts
    const d = t.diagnostics as Record<string, unknown>;
    expect(d.tebd).toMatchObject({ chi: 16, dt: 0.05, order: 4, cutoff: 0 });
    expect(typeof d.discardedWeight).toBe("number");
    expect(d.groundState).toMatchObject({ energy: expect.any(Number), lastChange: expect.any(Number) });
  });

  it("auto takes TEBD for Δ ≠ 0 above the ED size (L = 14) and free fermions at Δ = 0", async () => {
    const r = (await solve({ kind: "quench", L: 14, J: 1, delta: 0.5, initial: "domain-wall", times: [0, 0.5], tebd: { chi: 16, dt: 0.05 } })) as Record<string, unknown>;
    expect(r.method).toBe("tebd");
    const f = (await solve({ kind: "quench", L: 14, J: 1, delta: 0, initial: "domain-wall", times: [0, 0.5] })) as Record<string, unknown>;
    expect(f.method).toBe("free-fermion");
  });

  it("bad TEBD input is a NessrefError with a path", async () => {
    const base = { kind: "quench", L: 8, J: 1, delta: 0.5, initial: "domain-wall", times: [0, 1] };
    const err = async (p: unknown) => {
      try {
        await solve(p);
      } catch (e) {
        return e instanceof NessrefError ? { code: e.code, path: e.path } : { code: "other", path: "" };
      }
      return { code: "none", path: "" };
    };
    expect(await err({ ...base, method: "tebd" })).toEqual({ code: "invalid-input", path: "/tebd" });
    expect((await err({ ...base, method: "tebd", tebd: { chi: 0, dt: 0.1 } })).code).toBe("invalid-input");
    expect((await err({ ...base, method: "tebd", tebd: { chi: 4, dt: 0.1, cutoff: 1 } })).code).toBe("invalid-input");
    expect((await err({ ...base, method: "ed", tebd: { chi: 4, dt: 0.1 } })).path).toBe("/tebd");
  });
});
