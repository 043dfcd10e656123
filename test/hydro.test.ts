/**
 * Fixed examples of the resistor networks (MODELS §4, `src/exact/hydro`, the `resistor-network`
 * kind): seeded and explicit realizations through `solve()`, refusals, the samplers against
 * their distributions (Kolmogorov–Smirnov), the α > 1 mean link resistance against its closed
 * form, and the uniform chain's spreading σ_E² = 2Γt.
 */
import { describe, expect, it } from "vitest";
import { solve, NessrefError } from "../src/index.js";
import { createRng, realizationRng } from "../src/analysis/index.js";
import { drawNetworkDisorder, networkEnsemble, sampleLinkLengths, closedSpreading1D, type NetworkModel } from "../src/exact/index.js";

const thermal = { kind: "resistor-network", dim: 1, mode: "thermal", N: 300, a: 1, xi: 1 / 0.3, epsilon: 0.01, kappa0: 1, Gamma0: 5, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05, seed: 11 } as const;

async function refusal(p: unknown): Promise<NessrefError> {
  try {
    await solve(p);
  } catch (e) {
    expect(e).toBeInstanceOf(NessrefError);
    return e as NessrefError;
  }
  throw new Error("expected a refusal");
}

/** erfc to ~1e-7 relative (Numerical Recipes' Chebyshev fit), enough for a KS distance of ~1e-2. */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

function ksDistance(sample: Float64Array, cdf: (x: number) => number): number {
  const s = Float64Array.from(sample).sort();
  let D = 0;
  for (let i = 0; i < s.length; i++) {
    const F = cdf(s[i]);
    D = Math.max(D, Math.abs(F - i / s.length), Math.abs((i + 1) / s.length - F));
  }
  return D;
}

describe("resistor-network through solve()", () => {
  it("a seeded single realization equals the same realization given explicitly", async () => {
    const r = await solve(thermal);
    const m: NetworkModel = { dim: 1, mode: "thermal", N: 300, a: 1, xi: 1 / 0.3, Gamma0: 5, kappa0: 1, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05 };
    const dis = drawNetworkDisorder(m, realizationRng(11, 0));
    const { seed: _s, dg1: _1, dg2: _2, ...rest } = thermal;
    const e = await solve({ ...rest, lengths: Array.from(dis.lengths), g1: Array.from(dis.g1), g2: Array.from(dis.g2) });
    expect(e.temperature).toEqual(r.temperature);
    expect(e.deltaT_over_T).toBe(r.deltaT_over_T);
    expect((r.temperature as number[]).length).toBe(300);
    expect(r.method).toBe("exact");
  });

  it("an ensemble through solve() is the library ensemble, and the same seed gives the same bits", async () => {
    const p = { ...thermal, realizations: 40 };
    const a = await solve(p), b = await solve(p);
    expect(a.deltaT_over_T).toBe(b.deltaT_over_T);
    const m: NetworkModel = { dim: 1, mode: "thermal", N: 300, a: 1, xi: 1 / 0.3, Gamma0: 5, kappa0: 1, T0: 1, theta: 1, dg1: 0.05, dg2: 0.05 };
    const e = await networkEnsemble({ model: m, points: [0.01, 0.1], seed: 11, realizations: 40, workers: 0 });
    expect(a.deltaT_over_T).toBe(e.average[0]);
    expect(a.meanT).toBe(e.secondary[0]);
    expect(a.temperature).toBeUndefined();
    // one realization: the single-network road (thermalNetwork1D) and the ensemble kernel give the same bits
    const one = await solve(thermal);
    const e1 = await networkEnsemble({ model: m, points: [0.01], seed: 11, realizations: 1, workers: 0 });
    expect(one.deltaT_over_T).toBe(e1.average[0]);
    expect(one.meanT).toBe(e1.secondary[0]);
  });

  it("charge and spreading results have the contract's fields", async () => {
    const c = await solve({ kind: "resistor-network", dim: 2, mode: "charge", N: 12, a: 1, xi: 2, epsilon: 0.01, Gamma0: 5, V: 1.2, sigma0: 1, seed: 3, realizations: 3 });
    expect(typeof c.current).toBe("number");
    expect(c.current as number).toBeGreaterThan(0);
    const s = await solve({ kind: "resistor-network", dim: 1, mode: "spreading", N: 101, a: 1, xi: 2, Gamma0: 5, times: [0, 1, 10], x0: 51, seed: 3, realizations: 4 });
    expect((s.sigmaE as number[])[0]).toBe(0);
    expect(s.times).toEqual([0, 1, 10]);
    const s2 = await solve({ kind: "resistor-network", dim: 2, mode: "spreading", N: 9, a: 1, xi: 2, Gamma0: 5, times: [0, 1], x0: 41, seed: 3 });
    expect((s2.sigmaE as number[]).length).toBe(2);
  });

  it("refuses what has no steady state or no meaning, with the offending field", async () => {
    expect((await refusal({ kind: "resistor-network", dim: 1, mode: "spreading", N: 10, a: 1, xi: 2, Gamma0: 5, epsilon: 0.1, times: [1], x0: 5, seed: 1 })).path).toBe("/epsilon");
    expect((await refusal({ ...thermal, dg1: 1 })).path).toBe("/dg1");
    const { seed: _s, dg1: _1, dg2: _2, ...rest } = thermal;
    expect((await refusal({ ...rest, N: 3, lengths: [1, 2] })).path).toBe("/g1");
    const cut = await refusal({ ...rest, N: 3, kappa0: 0, lengths: [1, 2000], g1: [1, 1, 1], g2: [1, 1, 1] });
    expect(cut.code).toBe("singular");
    expect(cut.path).toBe("/lengths/1");
    expect((await refusal({ ...rest, N: 3, lengths: [1, 2], g1: [1, -1, 1], g2: [1, 1, 1] })).path).toBe("/g1/1");
    expect((await refusal({ ...thermal, epsilon: 0 })).path).toBe("/epsilon");
  });
});

describe("samplers (Kolmogorov–Smirnov, 20000 draws, fixed seeds)", () => {
  // the 0.1 % critical value of D for n = 20000 is 1.95/√n = 0.0138; the fixed seeds make the
  // test deterministic, and a wrong law (e.g. ξ → ξ/√2) gives D ≈ 0.1–0.3
  const n = 20000, crit = 1.95 / Math.sqrt(n);
  it("1D: ℓ − a is exponential with mean ξ", () => {
    for (const [a, xi] of [[1, 2], [0.5, 0.2], [2, 10]]) {
      const l = sampleLinkLengths(createRng(`ks1-${a}-${xi}`), n, { dim: 1, a, xi });
      expect(Math.min(...l)).toBeGreaterThanOrEqual(a);
      expect(ksDistance(l, (x) => 1 - Math.exp(-(x - a) / xi))).toBeLessThan(crit);
    }
  });
  it("2D: ℓ ≥ a with density ∝ e^{−(ℓ/ξ)²}", () => {
    for (const [a, xi] of [[1, 2], [1, 0.3], [1, 6.7]]) {
      const l = sampleLinkLengths(createRng(`ks2-${a}-${xi}`), n, { dim: 2, a, xi });
      expect(Math.min(...l)).toBeGreaterThanOrEqual(a);
      const z = erfc(a / xi);
      expect(ksDistance(l, (x) => 1 - erfc(x / xi) / z)).toBeLessThan(crit);
    }
  });
});

describe("closed forms", () => {
  it("α > 1, ε = 0: the mean link resistance of the charge chain is e·α/((α − 1)Γ̃0)", async () => {
    // ⟨e^{ℓ/a}⟩ = e·∫ e^{x/a} e^{−x/ξ} dx/ξ = e/(1 − ξ/a) for ξ < a; α = 3, Γ̃0 = 5 → 0.8155
    const alpha = 3, N = 2000, R = 60, V = 1;
    const e = await networkEnsemble({ model: { dim: 1, mode: "charge", N, a: 1, xi: 1 / alpha, Gamma0: 5, sigma0: 1, V }, points: [0], seed: "alpha3", realizations: R, workers: 0 });
    const perLink = e.samples.map((s) => V / s[0] / N); // Σ_k 1/Γ̃_k / N per realization
    const mean = perLink.reduce((x, y) => x + y, 0) / R;
    const se = Math.sqrt(perLink.reduce((x, y) => x + (y - mean) ** 2, 0) / (R - 1) / R);
    const exact = (Math.E * alpha) / ((alpha - 1) * 5);
    // 5 standard errors (the variance of e^{ℓ/a} is finite for α > 2)
    expect(Math.abs(mean - exact)).toBeLessThan(5 * se);
    expect(se / exact).toBeLessThan(0.01);
  });

  it("uniform chain: σ_E² = 2Γt while the packet is far from the ends", () => {
    const s = closedSpreading1D(Array(400).fill(0.7), 201, [0.5, 5, 20]);
    // the walls at distance 200 enter at order e^{−200}: the contour rule's ~1e-14·Σd² is all that remains
    [0.5, 5, 20].forEach((t, k) => expect(Math.abs(s.secondMoment[k] - 2 * 0.7 * t)).toBeLessThanOrEqual(1e-9 * 2 * 0.7 * t));
  });
});

describe("the [P4] Fig. 1 reproduction (the paper's size: N = 1000, 500 realizations)", () => {
  it("passes every check", async () => {
    const { runReproduce } = await import("../src/reproduce/index.js");
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const summary = await runReproduce({ out: mkdtempSync(join(tmpdir(), "nessref-p4-fig1-")), only: ["p4-hydro-fig1"] });
    const s = summary.scenarios[0];
    expect(s.error).toBeUndefined();
    for (const c of s.checks) expect(c.pass, c.name).toBe(true);
    expect(s.checks.length).toBe(5);
  }, 120_000);
});
