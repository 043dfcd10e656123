/**
 * Properties of the TEBD road (`nessref/mps`, CONVENTIONS §9) on small random chains, each against
 * an independent road:
 * - pure-state TEBD against the dense exact evolution of `edQuench` (one symmetric eigensolve in the
 *   magnetization sector, exact in t) for random Δ_b, J, fields, both initial states;
 * - the Trotter order: halving dt divides the error by ≈ 2^order;
 * - U(1): Σ⟨s^z⟩ is conserved exactly even under truncation; entropies within [0, (L/2) ln 2];
 * - the truncation rule (kept + discarded = total, χ respected);
 * - the Lindblad bond superoperators sum to the dense Lindbladian (built in the 2^L Hilbert space
 *   from `embeddedLindbladOperators`, an independent formulation) and preserve the trace;
 * - the Lindblad TEBD NESS equals the ED NESS (`chainNess`) for the three bath families of §1 and the
 *   bulk drive of §3.
 *
 * Tolerances (each with its reason):
 * - TEBD vs exact evolution, order 4, dt = 0.05, t ≤ 2, χ = 2^{L/2} (no truncation): the Trotter
 *   error of Suzuki's S4 is C·t·dt⁴ with C a sum of fifth-order nested commutators of the bond terms
 *   (‖e_b‖ ≤ 1.5 here); measured ≤ 3e-9 at L = 8, t = 3, dt = 0.05 and 3.5e-8 at dt = 0.1 (ratio 16:
 *   the dt⁴ law; CONVENTIONS §9). Tolerance 1e-7: 30× above what was measured, far below a wrong
 *   gate or sign (≥ 1e-2). The split ground state adds its imaginary-time error: the slow-mode tail
 *   δ/(2·gap) left by the convergence criterion (up to 2.5e-7 seen on random L = 8 chains with small
 *   gaps): 1e-6 there.
 * - Order: for dt large enough that the Trotter error dominates rounding (errors ≥ 1e-8), the ratio
 *   err(dt)/err(dt/2) is 2^p(1 + O(dt)); accepted windows [10, 24] for p = 4 and [3, 5.5] for p = 2.
 * - Conservation of Σ s^z: every gate and every truncation acts inside U(1) sectors, so the total is
 *   exact up to rounding: ~1e-15 per gate over ≈ 10³ gates (1e-10; 1.4e-12 seen).
 * - Superoperators: exact algebra, rounding only (1e-12 relative to ‖𝓛‖·‖X‖).
 * - Lindblad TEBD vs ED NESS (1e-6, the bound): Trotter error of the stationary state of the
 *   order-4 map at dt = 0.1 (≈ 1e-8 measured), stationarity tol 1e-9 relative to the current, no
 *   truncation at L = 4 (χ = 16 = 4^{L/2}); ED's iterative tolerance is ≲ 1e-10.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { xxzChain, heisenbergXzChain, fermionChain, type ChainModel } from "../src/models/chain.js";
import { edQuench } from "../src/open/quench.js";
import { chainDissipators, chainHamiltonianDense, embeddedLindbladOperators, type ChainBath } from "../src/open/lindblad.js";
import { chainNess, chainObservables } from "../src/open/chainNess.js";
import { tebdQuench } from "../src/mps/quench.js";
import { trotterLayers, stepsFor } from "../src/mps/trotter.js";
import { keepCount } from "../src/mps/truncate.js";
import { bondSuperoperators, lindbladTebd } from "../src/mps/lindblad.js";
import { pauliToDense } from "../src/mps/operator.js";
import { cmatmul, cmatmulAdjointLeft, cmatmulAdjointRight } from "../src/linalg/dense.js";
import { complexMatrix, type ComplexMatrix } from "../src/linalg/matrix.js";
import { NessrefError } from "../src/errors.js";

const real = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((k) => min + ((max - min) * k) / 2 ** 30);
const arr = (n: number, min: number, max: number) => fc.array(real(min, max), { minLength: n, maxLength: n });

/** "code path" of the NessrefError that f throws ("none" if it returns, "other" for another error). */
function code(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return e instanceof NessrefError ? `${e.code} ${e.path}` : "other";
  }
  return "none";
}

type Frame = { magnetization: Float64Array; bondEnergy: Float64Array; spinCurrent: Float64Array; energyCurrent: Float64Array; entropy: number };
const KEYS = ["magnetization", "bondEnergy", "spinCurrent", "energyCurrent"] as const;

/** max over frames and observables (entropy included) of |a − b|. */
function maxDiff(a: readonly Frame[], b: readonly Frame[]): number {
  let e = 0;
  a.forEach((f, k) => {
    for (const key of KEYS) f[key].forEach((v, i) => (e = Math.max(e, Math.abs(v - b[k][key][i]))));
    e = Math.max(e, Math.abs(f.entropy - b[k].entropy));
  });
  return e;
}

/** Random XXZ chain at even L; |Δ_b| ≤ 0.9 keeps |Ψ1⟩ unique (see spec/quench-ed.spec.ts). */
const chainArb = (L: number) =>
  fc.record({ J: fc.oneof(real(0.5, 1.2), real(-1.2, -0.5)), delta: arr(L - 1, -0.9, 0.9), fields: arr(L, -0.5, 0.5) }).map((p) => xxzChain({ L, ...p }));

describe("Trotter schedules and the truncation rule", () => {
  it("each parity's coefficients add up to the number of steps (every bond evolves for the full time)", () => {
    fc.assert(
      fc.property(fc.constantFrom(1 as const, 2 as const, 4 as const), fc.integer({ min: 0, max: 12 }), (order, n) => {
        const layers = trotterLayers(order, n);
        const sum = [0, 0];
        layers.forEach((l, k) => {
          sum[l.parity] += l.c;
          if (k > 0) expect(l.parity).not.toBe(layers[k - 1].parity); // merged
        });
        expect(sum[0]).toBeCloseTo(n, 12);
        expect(sum[1]).toBeCloseTo(n, 12);
      }),
    );
  });

  it("stepsFor: n·τ = T, τ ≤ dt", () => {
    fc.assert(
      fc.property(real(0, 20), real(0.01, 1), (T, dt) => {
        const { steps, tau } = stepsFor(T, dt);
        if (T === 0) return expect(steps).toBe(0);
        expect(steps * tau).toBeCloseTo(T, 10);
        expect(tau).toBeLessThanOrEqual(dt * (1 + 1e-9));
      }),
    );
  });

  it("keepCount: keep ≤ χ, discarded weight = Σ dropped s² / Σ s², ≤ cutoff unless χ binds", () => {
    fc.assert(
      fc.property(fc.array(real(0, 1), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom(0, 1e-12, 1e-6, 1e-2), (raw, chi, cutoff) => {
        const s = Float64Array.from(raw.map((x) => x + 1e-3)).sort().reverse();
        const { keep, discarded, total } = keepCount(s, { chi, cutoff });
        expect(keep).toBeGreaterThanOrEqual(1);
        expect(keep).toBeLessThanOrEqual(Math.min(chi, s.length));
        let tail = 0;
        for (let k = keep; k < s.length; k++) tail += s[k] * s[k];
        expect(Math.abs(discarded - tail / total)).toBeLessThanOrEqual(1e-14);
        if (keep < chi && keep > 1) expect(discarded).toBeLessThanOrEqual(Math.max(cutoff, 1e-28) * (1 + 1e-12));
      }),
    );
  });
});

describe("pure-state TEBD = exact evolution (edQuench) on small chains", () => {
  const times = [0, 0.7, 2];
  for (const initial of ["domain-wall", "split-ground-state"] as const) {
    it(`${initial}, L = 4, 6, 8${initial === "domain-wall" ? ", 10" : ""}: every observable and the entropy to 1e-7 (order 4, dt = 0.05, χ = 2^{L/2})`, () => {
      fc.assert(
        fc.property(fc.constantFrom(4, 6, 8, ...(initial === "domain-wall" ? [10] : [])).chain((L) => chainArb(L)), (model) => {
          const exact = edQuench(model, initial, times);
          const r = tebdQuench(model, initial, times, { chi: 2 ** (model.L / 2), dt: 0.05, order: 4 });
          // split ground state: + the imaginary-time tail δ/(2·gap) (≤ 2.5e-7 seen at L = 8, CONVENTIONS §9)
          expect(maxDiff(r.frames, exact)).toBeLessThanOrEqual(initial === "domain-wall" ? 1e-7 : 1e-6);
          expect(r.truncation.maxDiscarded).toBeLessThanOrEqual(1e-20); // nothing but exact zeros dropped
        }),
        // endOnFailure: shrinking re-runs whole TEBD searches (minutes); the first counterexample is reported as is
        { numRuns: initial === "domain-wall" ? 12 : 6, endOnFailure: true },
      );
    });
  }

  it("the Trotter error shrinks as dt^order (order 2 and 4, L = 6, t = 2)", () => {
    fc.assert(
      fc.property(chainArb(6), (model) => {
        const exact = edQuench(model, "domain-wall", [2]);
        const err = (order: 2 | 4, dt: number) => maxDiff(tebdQuench(model, "domain-wall", [2], { chi: 8, dt, order }).frames, exact);
        const r4 = err(4, 0.4) / err(4, 0.2);
        const r2 = err(2, 0.1) / err(2, 0.05);
        expect(r4).toBeGreaterThanOrEqual(10);
        expect(r4).toBeLessThanOrEqual(24);
        expect(r2).toBeGreaterThanOrEqual(3);
        expect(r2).toBeLessThanOrEqual(5.5);
      }),
      { numRuns: 5, endOnFailure: true },
    );
  });

  it("Σ⟨s^z⟩ is conserved and 0 ≤ S ≤ (L/2) ln 2 even with a small χ (U(1) truncation)", () => {
    fc.assert(
      fc.property(chainArb(10), fc.integer({ min: 2, max: 6 }), (model, chi) => {
        const r = tebdQuench(model, "domain-wall", [0, 1, 3], { chi, dt: 0.1, order: 2 });
        for (const f of r.frames) {
          expect(Math.abs(f.magnetization.reduce((a, b) => a + b, 0))).toBeLessThanOrEqual(1e-10);
          expect(f.entropy).toBeGreaterThanOrEqual(-1e-14);
          expect(f.entropy).toBeLessThanOrEqual(5 * Math.LN2 + 1e-12);
          expect(f.chi).toBeLessThanOrEqual(chi);
        }
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });

  it("refuses what it cannot do: odd L, x fields, bad χ/dt, decreasing times", () => {
    const m = xxzChain({ L: 4, J: 1, delta: 0.5 });
    expect(code(() => tebdQuench(xxzChain({ L: 5, J: 1, delta: 0.5 }), "domain-wall", [0], { chi: 4, dt: 0.1 }))).toBe("invalid-input /L");
    expect(code(() => tebdQuench(heisenbergXzChain({ L: 4, h: 1, zetaZ: [0, 0, 0, 0], zetaX: [1, 0, 0, 0] }), "domain-wall", [0], { chi: 4, dt: 0.1 }))).toBe("invalid-input /fields");
    expect(code(() => tebdQuench(m, "domain-wall", [0], { chi: 0, dt: 0.1 }))).toBe("invalid-input /tebd/chi");
    expect(code(() => tebdQuench(m, "domain-wall", [0], { chi: 4, dt: 0 }))).toBe("invalid-input /tebd/dt");
    expect(code(() => tebdQuench(m, "domain-wall", [1, 0], { chi: 4, dt: 0.1 }))).toBe("invalid-input /times/1");
  });
});

// ------------------------------------------------------------------ Lindblad

/** 𝓛(X) = −i[H, X] + Σ_k (L_k X L_k† − ½{L_k†L_k, X}) in the full 2^L space. */
function denseLindblad(H: ComplexMatrix, Ls: readonly ComplexMatrix[], X: ComplexMatrix): ComplexMatrix {
  const n = X.rows;
  const Y = complexMatrix(n, n);
  const HX = cmatmul(H, X), XH = cmatmul(X, H);
  for (let k = 0; k < n * n; k++) {
    Y.re[k] = HX.im[k] - XH.im[k];
    Y.im[k] = XH.re[k] - HX.re[k];
  }
  for (const L of Ls) {
    const a = cmatmulAdjointRight(cmatmul(L, X), L), LdL = cmatmulAdjointLeft(L, L);
    const b = cmatmul(LdL, X), c = cmatmul(X, LdL);
    for (let k = 0; k < n * n; k++) {
      Y.re[k] += a.re[k] - 0.5 * (b.re[k] + c.re[k]);
      Y.im[k] += a.im[k] - 0.5 * (b.im[k] + c.im[k]);
    }
  }
  return Y;
}

/** Apply the bond superoperators to a Pauli coefficient vector of L sites (first site most significant). */
function applyBonds(M: readonly Float64Array[], c: Float64Array, L: number): Float64Array {
  const out = new Float64Array(c.length);
  M.forEach((Mb, b) => {
    const right = 4 ** (L - b - 2);
    const left = 4 ** b;
    for (let l = 0; l < left; l++) for (let r = 0; r < right; r++) {
      for (let g = 0; g < 16; g++) {
        let acc = 0;
        for (let d = 0; d < 16; d++) acc += Mb[g * 16 + d] * c[(l * 16 + d) * right + r];
        out[(l * 16 + g) * right + r] += acc;
      }
    }
  });
  return out;
}

type Family = "target" | "source-sink" | "dephasing" | "bulk";
const familyArb: fc.Arbitrary<Family> = fc.constantFrom("target", "source-sink", "dephasing", "bulk");

/** A random model with baths of one family (the NESS is unique for each: see the ED road's checks). */
const openArb = (L: number, family: Family): fc.Arbitrary<{ model: ChainModel; baths: ChainBath[] }> => {
  if (family === "bulk") {
    return fc.record({ h: real(0.2, 2), zz: arr(L, -1, 1), zx: arr(L, -1, 1), eps: real(0.2, 1) }).map((p) => ({
      model: heisenbergXzChain({ L, h: p.h, zetaZ: p.zz, zetaX: p.zx }),
      baths: [{ type: "bulk-nonthermal", epsilon: p.eps }],
    }));
  }
  const base = fc.record({ J: real(0.6, 1.4), delta: arr(L - 1, -1.5, 1.5), fields: arr(L, -0.5, 0.5) });
  if (family === "target") {
    return fc.record({ m: base, b1: real(-1, 1), b2: real(-1, 1), mu: real(-0.5, 0.5), g: real(0.5, 1.5) }).map((p) => ({
      model: xxzChain({ L, ...p.m }),
      baths: [
        { type: "target", sites: [1, 2], beta: p.b1, mu: p.mu, rate: p.g },
        { type: "target", sites: [L - 1, L], beta: p.b2, mu: 0, rate: 1 },
      ],
    }));
  }
  return fc.record({ m: base, gp: arr(4, 0.2, 1.5), gd: real(0.1, 1), fermions: fc.boolean() }).map((p) => ({
    model: p.fermions && family === "source-sink" ? fermionChain({ L, J: p.m.J, V: p.m.delta[0], fields: p.m.fields }) : xxzChain({ L, ...p.m }),
    baths: [
      { type: "source-sink", site: 1, gammaPlus: p.gp[0], gammaMinus: p.gp[1] },
      { type: "source-sink", site: L, gammaPlus: p.gp[2], gammaMinus: p.gp[3] },
      ...(family === "dephasing" ? [{ type: "dephasing" as const, rate: p.gd }] : []),
    ],
  }));
};

describe("Lindblad TEBD", () => {
  it("the bond superoperators sum to the dense Lindbladian and preserve the trace (L = 3, 4; all families)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(3, 4).chain((L) => familyArb.chain((f) => openArb(L, f))),
        fc.array(real(-1, 1), { minLength: 256, maxLength: 256 }),
        ({ model, baths }, coeffs) => {
          const L = model.L;
          const d = chainDissipators(model, baths);
          const M = bondSuperoperators(model, d);
          for (const Mb of M) for (let k = 0; k < 16; k++) expect(Math.abs(Mb[k])).toBeLessThanOrEqual(1e-13); // row P0⊗P0: Tr 𝓛_b(X) = 0
          const c = Float64Array.from(coeffs.slice(0, 4 ** L));
          const viaBonds = pauliToDense(applyBonds(M, c, L), L);
          const dense = denseLindblad(chainHamiltonianDense(model), embeddedLindbladOperators(L, d), pauliToDense(c, L));
          let err = 0, scale = 0;
          for (let k = 0; k < dense.re.length; k++) {
            err = Math.max(err, Math.abs(viaBonds.re[k] - dense.re[k]), Math.abs(viaBonds.im[k] - dense.im[k]));
            scale = Math.max(scale, Math.abs(dense.re[k]), Math.abs(dense.im[k]));
          }
          expect(err).toBeLessThanOrEqual(1e-12 * Math.max(1, scale));
        },
      ),
      { numRuns: 40, endOnFailure: true },
    );
  });

  it("pauliToDense: the normalised Pauli strings are Hilbert–Schmidt orthonormal (L = 2)", () => {
    for (let a = 0; a < 16; a++) for (let b = 0; b < 16; b++) {
      const ea = new Float64Array(16), eb = new Float64Array(16);
      ea[a] = 1;
      eb[b] = 1;
      const A = pauliToDense(ea, 2), B = pauliToDense(eb, 2);
      let re = 0;
      for (let k = 0; k < 16; k++) re += A.re[k] * B.re[k] + A.im[k] * B.im[k]; // Tr(A†B)
      expect(re).toBeCloseTo(a === b ? 1 : 0, 14);
    }
  });

  it("the TEBD NESS equals the ED NESS at L = 4 for target, source/sink (spin and fermion chains), dephasing and §3 baths (1e-6)", () => {
    fc.assert(
      fc.property(familyArb.chain((f) => openArb(4, f)), ({ model, baths }) => {
        const ed = chainObservables(model, chainNess(model, baths));
        const r = lindbladTebd(model, chainDissipators(model, baths), { chi: 16, dt: 0.1, tol: 1e-9, maxTime: 4000 });
        let err = 0;
        for (const key of KEYS) r.observables[key].forEach((v, i) => (err = Math.max(err, Math.abs(v - ed[key][i]))));
        expect(err).toBeLessThanOrEqual(1e-6);
        expect(r.info.truncation.maxDiscarded).toBeLessThanOrEqual(1e-20);
      }),
      { numRuns: 12, endOnFailure: true },
    );
  });

  it("refuses a NESS that is not unique (no bath changes Σ s^z) and bad options", () => {
    const m = xxzChain({ L: 4, J: 1, delta: 1 });
    expect(code(() => lindbladTebd(m, chainDissipators(m, [{ type: "dephasing", rate: 1 }]), { chi: 8, dt: 0.1 }))).toBe("non-unique-ness /baths");
    const d = chainDissipators(m, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 }]);
    expect(code(() => lindbladTebd(m, d, { chi: 8, dt: -1 }))).toBe("invalid-input /tebd/dt");
    expect(code(() => lindbladTebd(m, d, { chi: 8, dt: 0.1, tol: -1 }))).toBe("invalid-input /tebd/tol");
    expect(code(() => lindbladTebd(m, d, { chi: 8, dt: 0.1, maxTime: 0.5 }))).toBe("no-convergence /tebd/maxTime");
  });
});
