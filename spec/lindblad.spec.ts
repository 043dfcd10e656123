/**
 * Properties of the NESS of Lindblad spin chains (CONVENTIONS §0, §1, §1a–§1d, §3): the U(1)
 * block road against the full 4^L road and against the textbook Kronecker superoperator of
 * `lindblad.ts`, density-matrix properties, continuity equations, symmetries, exactly known
 * steady states, the local inverse temperature, the dense and iterative roads, and errors.
 *
 * Tolerances. Two kinds of bound are used.
 *
 * (a) Forward error of ρ from the residual. For ρ̂ with Tr ρ̂ = 1 and the exact NESS ρ, δ = ρ̂ − ρ is
 *     traceless; split δ = δ⊥ + c ρ/‖ρ‖ with δ⊥ ⊥ ker 𝓛. Then ‖𝓛ρ̂‖ = ‖𝓛δ⊥‖ ≥ σ₂‖δ⊥‖ (σ₂ the
 *     smallest non-zero singular value of 𝓛) and |c| = |Tr δ⊥|·‖ρ‖ ≤ √N‖δ⊥‖ (N = 2^L, ‖ρ‖_F ≤ 1), so
 *         max_ij |δ_ij| ≤ ‖δ‖_F ≤ (1 + √N) ‖𝓛ρ̂‖_F / σ₂.
 *     ‖𝓛ρ̂‖_F is the residual every solve reports (computed a posteriori from the returned ρ̂). Where
 *     the dense superoperator is formed (L ≤ 3) σ₂ is its own second-smallest singular value;
 *     elsewhere σ₂ ≥ SIGMA2_MIN = 1e-3 is assumed for the sampled ranges (rates ≥ 0.05,
 *     |J|, |Δ|, |h| ≤ 2): by dense SVD of `lindbladSuperoperator` σ₂ ≥ 1.5e-2 on random draws at
 *     L ≤ 4 and σ₂ = 1.3e-2 at L = 5 with the weakest rates and strongest fields of the ranges,
 *     so 1e-3 leaves a factor ≥ 10 for L = 6. A floor of 1e-12 covers the rounding of the
 *     residual evaluation itself. Observables are linear in ρ: |Tr(δ O)| ≤ ‖δ‖_tr‖O‖ ≤ √N‖δ‖_F‖O‖.
 *
 * (b) Identities that follow from the equation of motion of one operator A hold for the computed
 *     ρ̂ up to the residual only: Tr(ρ̂ 𝓛†A) = Tr(A 𝓛ρ̂), so |Tr(ρ̂ 𝓛†A)| ≤ ‖A‖_F ‖𝓛ρ̂‖_F, with no
 *     σ₂ involved (continuity of s^z_i, e_b, n_1). Plus the rounding of the expectation values:
 *     each is a sum of ≤ 8N products of entries ≤ 1 with operator entries ≤ ‖O‖: 1e3·N·ε·‖O‖.
 *
 * Every solve must also report ‖𝓛ρ̂‖/(‖𝓛‖‖ρ̂‖) ≤ 1e-12: the iterative road's GMRES tolerance is
 * 1e-12 and the dense road is backward stable (≈ 1e-16); we check the contract value.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { drawFields, energyCurrentOperator, fermionChain, heisenbergXzChain, xxzChain, type ChainModel } from "../src/models/chain.js";
import {
  chainDissipators,
  chainHamiltonianDense,
  embeddedLindbladOperators,
  lindbladSuperoperator,
  targetState,
  type ChainBath,
} from "../src/open/lindblad.js";
import { buildBlockLiouvillian, applyBlockLiouvillian, type BlockNess } from "../src/open/blockLiouvillian.js";
import { chainNess, chainObservables, type ChainNessOptions } from "../src/open/chainNess.js";
import { blockToDense, denseToBlock, blockReduced } from "../src/quantum/blockState.js";
import { gibbsState } from "../src/quantum/measures.js";
import { localInverseTemperature } from "../src/analysis/localTemperature.js";
import { complexFromRows, complexMatrix, type ComplexMatrix } from "../src/linalg/matrix.js";
import { cmaxAbs, cnormFro, csub } from "../src/linalg/dense.js";
import { hermEigvalues } from "../src/linalg/symeig.js";
import { cnullVector } from "../src/linalg/nullspace.js";
import { solve } from "../src/problem/index.js";
import { NessrefError } from "../src/errors.js";

const EPS = Number.EPSILON;
/** Assumed lower bound on σ₂(𝓛) for the sampled ranges (see the header, bound (a)). */
const SIGMA2_MIN = 1e-3;
/** Rounding floor of a residual-based bound on ρ entries (see the header). */
const RHO_FLOOR = 1e-12;

// ------------------------------------------------------------------ arbitraries
// Uniform on [min, max] (2^30 steps). Not fc.double: it draws uniformly over the bit patterns of the
// doubles in the range, so most draws are |x| < 1e-100 (fields, Δ and β ≈ 0: the degenerate corner of
// every model, covered by dedicated tests below), which is not a random chain.
const real = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((k) => min + ((max - min) * k) / 2 ** 30);
const arr = (n: number, min: number, max: number) => fc.array(real(min, max), { minLength: n, maxLength: n });

type Family = "target" | "source-sink" | "source-sink+dephasing" | "fermion" | "heisenberg-xz";

interface Case {
  family: Family;
  L: number;
  model: ChainModel;
  baths: ChainBath[];
}

const ssBaths = (L: number) =>
  fc.tuple(real(0.1, 2), real(0.1, 2), real(0.1, 2), real(0.1, 2)).map(([p1, m1, pL, mL]): ChainBath[] => [
    { type: "source-sink", site: 1, gammaPlus: p1, gammaMinus: m1 },
    { type: "source-sink", site: L, gammaPlus: pL, gammaMinus: mL },
  ]);

const targetBaths = (L: number) =>
  fc.tuple(real(-2, 2), real(-1, 1), real(0.3, 2), real(-2, 2), real(-1, 1), real(0.3, 2)).map(([bL, mL, gL, bR, mR, gR]): ChainBath[] => [
    { type: "target", sites: [1, 2], beta: bL, mu: mL, rate: gL },
    { type: "target", sites: [L - 1, L], beta: bR, mu: mR, rate: gR },
  ]);

/** A random chain of the given family with L in [Lmin, Lmax] (ranges of the header). */
function caseArb(family: Family, Lmin: number, Lmax: number, opts: { heisenbergZetaXZero?: boolean } = {}): fc.Arbitrary<Case> {
  return fc.integer({ min: Lmin, max: Lmax }).chain((L): fc.Arbitrary<Case> => {
    const xxz = fc
      .record({ J: real(0.5, 1.5), delta: arr(L - 1, -2, 2), fields: arr(L, -1.5, 1.5) })
      .map((p) => xxzChain({ L, ...p }));
    switch (family) {
      case "target":
        return fc.tuple(xxz, targetBaths(L)).map(([model, baths]) => ({ family, L, model, baths }));
      case "source-sink":
        return fc.tuple(xxz, ssBaths(L)).map(([model, baths]) => ({ family, L, model, baths }));
      case "source-sink+dephasing":
        return fc
          .tuple(xxz, ssBaths(L), real(0.05, 1))
          .map(([model, baths, g]) => ({ family, L, model, baths: [...baths, { type: "dephasing", rate: g } as ChainBath] }));
      case "fermion":
        return fc
          .tuple(fc.record({ J: real(0.5, 1.5), V: real(-2, 2), fields: arr(L, -1, 1) }), ssBaths(L))
          .map(([p, baths]) => ({ family, L, model: fermionChain({ L, ...p }), baths }));
      case "heisenberg-xz":
        return fc
          .record({ h: real(0, 2), zetaZ: arr(L, -1, 1), zetaX: arr(L, -1, 1), epsilon: real(0.05, 1) })
          .map((p) => ({
            family,
            L,
            model: heisenbergXzChain({ L, h: p.h, zetaZ: p.zetaZ, zetaX: opts.heisenbergZetaXZero ? new Array(L).fill(0) : p.zetaX }),
            baths: [{ type: "bulk-nonthermal", epsilon: p.epsilon } as ChainBath],
          }));
    }
  });
}

// ------------------------------------------------------------------ helpers
const dense = (r: BlockNess) => blockToDense(r.structure, r.rho);
const maxDiff = (A: ComplexMatrix, B: ComplexMatrix) => cmaxAbs(csub(A, B));

/** Bound (a) of the header on max|ρ̂₁ − ρ̂₂| from the two absolute residuals. */
function rhoBound(L: number, residuals: number[], sigma2 = SIGMA2_MIN): number {
  return ((1 + Math.sqrt(2 ** L)) * residuals.reduce((a, b) => a + b, 0)) / sigma2 + RHO_FLOOR;
}

/** Spectral norm of a Hermitian matrix. */
function opNorm(A: ComplexMatrix): number {
  const ev = hermEigvalues(A);
  return Math.max(Math.abs(ev[0]), Math.abs(ev[ev.length - 1]));
}

/** Largest operator norm of the observables of chainObservables (s^z, e_b, j_b, j^E_i). */
function observableScale(m: ChainModel): number {
  let s = 0.5;
  for (const e of m.bondEnergies) s = Math.max(s, opNorm(e));
  for (const j of m.bondCurrents) s = Math.max(s, opNorm(j));
  for (let i = 2; i <= m.L - 1; i++) s = Math.max(s, opNorm(energyCurrentOperator(m, i)));
  return s;
}

/** Bound on |⟨O⟩(ρ̂₁) − ⟨O⟩(ρ̂₂)| for ‖O‖ ≤ scale: √N·‖δ‖_F·‖O‖ with ‖δ‖_F from bound (a), plus rounding (b). */
function observableBound(L: number, residuals: number[], scale: number): number {
  const N = 2 ** L;
  return Math.sqrt(N) * rhoBound(L, residuals) * scale + 1e3 * N * EPS * scale;
}

/** Bound (b): |Tr(ρ̂ 𝓛†A)| ≤ ‖A‖_F·‖𝓛ρ̂‖ for A a sum of `terms` local operators of Frobenius norm ≤ fro·√(N/d). */
function continuityBound(L: number, residual: number, localFro: number, terms: number, scale: number): number {
  const N = 2 ** L;
  return terms * localFro * Math.sqrt(N / 2) * residual + 1e3 * N * EPS * scale * terms;
}

/** The steady state as the null vector of the dense Kronecker superoperator (column stacking, §0). */
function superoperatorNess(c: Case): { rho: ComplexMatrix; residual: number; sigma2: number } {
  const N = 2 ** c.L, n = N * N;
  const S = lindbladSuperoperator(chainHamiltonianDense(c.model), embeddedLindbladOperators(c.L, chainDissipators(c.model, c.baths)));
  const t = { re: new Float64Array(n), im: new Float64Array(n) };
  for (let i = 0; i < N; i++) t.re[i * N + i] = 1; // vec(I): ρ_ii sits at i·N + i
  const r = cnullVector(S, t);
  const rho = complexMatrix(N, N);
  let xn = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      // column stacking: ρ_ij is entry j·N + i of vec ρ
      rho.re[i * N + j] = r.x.re[j * N + i];
      rho.im[i * N + j] = r.x.im[j * N + i];
    }
  }
  for (let k = 0; k < n; k++) xn += r.x.re[k] ** 2 + r.x.im[k] ** 2;
  const sv = r.smallestSingularValues as number[];
  // cnullVector reports ‖Sx‖/(‖S‖_F‖x‖): back to the absolute ‖Sx‖
  return { rho, residual: r.residual * cnormFro(S) * Math.sqrt(xn), sigma2: sv[1] };
}

function expectCode(f: () => unknown, code: string, path?: string): void {
  let caught: unknown = null;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NessrefError);
  expect((caught as NessrefError).code).toBe(code);
  if (path !== undefined) expect((caught as NessrefError).path).toBe(path);
}

async function expectCodeAsync(f: () => Promise<unknown>, code: string, path?: string): Promise<void> {
  let caught: unknown = null;
  try {
    await f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NessrefError);
  expect((caught as NessrefError).code).toBe(code);
  if (path !== undefined) expect((caught as NessrefError).path).toBe(path);
}

const U1_FAMILIES: Family[] = ["target", "source-sink", "source-sink+dephasing", "fermion"];

// ------------------------------------------------------------------ 1. three roads
describe("chain NESS: U(1) blocks = full 4^L space = null vector of the Kronecker superoperator", () => {
  U1_FAMILIES.forEach((family, k) => {
    it(`${family}: symmetry "u1" equals symmetry "full" (L = 2..6)`, () => {
      fc.assert(
        fc.property(caseArb(family, 2, 6), (c) => {
          const u = chainNess(c.model, c.baths, { symmetry: "u1" });
          const f = chainNess(c.model, c.baths, { symmetry: "full" });
          expect(u.structure.symmetry).toBe("u1");
          expect(f.structure.symmetry).toBe("full");
          // stored entries: Σ_k C(L,k)² = C(2L, L) against 4^L
          let binom = 1;
          for (let j = 1; j <= c.L; j++) binom = (binom * (c.L + j)) / j;
          expect(u.dim).toBe(Math.round(binom));
          expect(f.dim).toBe(4 ** c.L);
          // contract value of both solves (header)
          expect(u.residualRelative).toBeLessThanOrEqual(1e-12);
          expect(f.residualRelative).toBeLessThanOrEqual(1e-12);
          // bound (a) with σ₂ ≥ SIGMA2_MIN
          expect(maxDiff(dense(u), dense(f))).toBeLessThanOrEqual(rhoBound(c.L, [u.residual, f.residual]));
        }),
        { numRuns: 8, seed: 0x100 + k },
      );
    });
  });

  [...U1_FAMILIES, "heisenberg-xz" as Family].forEach((family, k) => {
    it(`${family}: the block solve is the null vector of lindbladSuperoperator (L = 2, 3)`, () => {
      fc.assert(
        fc.property(caseArb(family, 2, 3), (c) => {
          const sup = superoperatorNess(c);
          const roads = family === "heisenberg-xz" ? (["full"] as const) : (["u1", "full"] as const);
          for (const symmetry of roads) {
            const r = chainNess(c.model, c.baths, { symmetry });
            expect(r.residualRelative).toBeLessThanOrEqual(1e-12);
            // bound (a) with the superoperator's own σ₂ (its SVD is computed by cnullVector)
            expect(maxDiff(dense(r), sup.rho)).toBeLessThanOrEqual(rhoBound(c.L, [r.residual, sup.residual], sup.sigma2));
          }
        }),
        { numRuns: 12, seed: 0x110 + k },
      );
    });
  });

  it("heisenberg-xz: x fields break U(1), so the solve is on the full space; without x fields u1 = full", () => {
    fc.assert(
      fc.property(caseArb("heisenberg-xz", 2, 5, { heisenbergZetaXZero: true }), (c) => {
        const u = chainNess(c.model, c.baths, { symmetry: "u1" });
        const f = chainNess(c.model, c.baths, { symmetry: "full" });
        expect(maxDiff(dense(u), dense(f))).toBeLessThanOrEqual(rhoBound(c.L, [u.residual, f.residual]));
      }),
      { numRuns: 8, seed: 0x120 },
    );
    fc.assert(
      fc.property(caseArb("heisenberg-xz", 2, 4), (c) => {
        fc.pre(!c.model.conservesMagnetization);
        expect(chainNess(c.model, c.baths).structure.symmetry).toBe("full"); // "auto" picks full
        expectCode(() => chainNess(c.model, c.baths, { symmetry: "u1" }), "invalid-input", "/hamiltonian");
      }),
      { numRuns: 5, seed: 0x121 },
    );
  });
});

// ------------------------------------------------------------------ 2. density matrix
describe("chain NESS is a density matrix", () => {
  [...U1_FAMILIES, "heisenberg-xz" as Family].forEach((family, k) => {
    it(`${family}: ρ Hermitian, Tr ρ = 1, ρ ≥ 0 (L = 2..6)`, () => {
      fc.assert(
        fc.property(caseArb(family, 2, 6), (c) => {
          const r = chainNess(c.model, c.baths);
          const R = dense(r);
          const N = R.rows;
          let herm = 0, tr = 0;
          for (let i = 0; i < N; i++) {
            tr += R.re[i * N + i];
            for (let j = 0; j < N; j++) {
              herm = Math.max(herm, Math.abs(R.re[i * N + j] - R.re[j * N + i]), Math.abs(R.im[i * N + j] + R.im[j * N + i]));
            }
          }
          // exact: the solver symmetrises ρ and scales both halves by the same number
          expect(herm).toBe(0);
          // ρ is divided by its computed trace; re-summing N diagonal entries rounds by ≤ N·ε
          expect(Math.abs(tr - 1)).toBeLessThanOrEqual(N * EPS);
          // Weyl: λ_min(ρ̂) ≥ λ_min(ρ) − ‖δ‖₂ ≥ −‖δ‖_F (bound (a)); eigensolver backward error 100·N·ε
          expect(hermEigvalues(R)[0]).toBeGreaterThanOrEqual(-(rhoBound(c.L, [r.residual]) + 100 * N * EPS));
        }),
        { numRuns: 8, seed: 0x200 + k },
      );
    });
  });
});

// ------------------------------------------------------------------ 3. continuity
describe("continuity equations in the NESS", () => {
  it("source/sink at sites 1 and L (± dephasing): the spin current is the same on every bond; without dephasing j^E_i is the same for i = 2..L−1", () => {
    // d s^z_i/dt = j_{i−1} − j_i for 2 ≤ i ≤ L−1: no bath acts there, and σ^z dephasing commutes
    // with s^z. d e_b/dt = j^E_b − j^E_{b+1} for 2 ≤ b ≤ L−2 (e_b does not touch sites 1, L); σ^z
    // dephasing does not commute with e_b, so that statement is made without it.
    fc.assert(
      fc.property(caseArb("source-sink", 2, 6), fc.option(real(0.05, 1), { nil: undefined }), (c, gd) => {
        const baths = gd === undefined ? c.baths : [...c.baths, { type: "dephasing", rate: gd } as ChainBath];
        const r = chainNess(c.model, baths);
        const o = chainObservables(c.model, r);
        const sc = observableScale(c.model);
        // j_b − j_1 = −Σ_{i=2}^{b} Tr(ρ̂ 𝓛† s^z_i): ≤ L terms, ‖s^z‖_F = 1/√2 per site
        const tol = continuityBound(c.L, r.residual, Math.SQRT1_2, c.L, sc);
        for (const j of o.spinCurrent) expect(Math.abs(j - o.spinCurrent[0])).toBeLessThanOrEqual(tol);
        if (gd === undefined && c.L >= 4) {
          // j^E_{b+1} − j^E_b = −Tr(ρ̂ 𝓛† e_b): ‖e_b‖_F ≤ 2‖e_b‖ on two sites
          const tolE = continuityBound(c.L, r.residual, 2 * sc, c.L, sc);
          for (const j of o.energyCurrent) expect(Math.abs(j - o.energyCurrent[0])).toBeLessThanOrEqual(tolE);
        }
      }),
      { numRuns: 12, seed: 0x300 },
    );
  });

  it("target baths on (1,2) and (L−1,L), L = 5, 6: j^S equal on bonds 2..L−2; L = 6: j^E equal for i = 3..L−2", () => {
    // The reset channel on (a, a+1) has D†(A) = 0 for every A not acting on a or a+1. Free sites:
    // 3..L−2, so j_{i−1} = j_i there: bonds 2..L−2. Free bonds (e_b off sites 1, 2, L−1, L):
    // b = 3..L−3, so j^E_b = j^E_{b+1} there: i = 3..L−2 (two or more values only for L ≥ 6).
    fc.assert(
      fc.property(caseArb("target", 5, 6), (c) => {
        const r = chainNess(c.model, c.baths);
        const o = chainObservables(c.model, r);
        const sc = observableScale(c.model);
        const tol = continuityBound(c.L, r.residual, Math.SQRT1_2, c.L, sc);
        for (let b = 2; b <= c.L - 2; b++) expect(Math.abs(o.spinCurrent[b - 1] - o.spinCurrent[1])).toBeLessThanOrEqual(tol);
        const tolE = continuityBound(c.L, r.residual, 2 * sc, c.L, sc);
        for (let i = 3; i <= c.L - 2; i++) expect(Math.abs(o.energyCurrent[i - 2] - o.energyCurrent[1])).toBeLessThanOrEqual(tolE);
      }),
      { numRuns: 10, seed: 0x301 },
    );
  });

  it("fermion chain: j = γ⁺₁ − (γ⁺₁ + γ⁻₁) n₁ on every bond ([P1], §1d); particleCurrent = spinCurrent, density = magnetization + ½", () => {
    // 𝓛†(n_1) = −j_1 + γ⁺₁(1 − n_1) − γ⁻₁ n_1 (bath at site 1), and 𝓛†(n_i) = j_{i−1} − j_i inside.
    fc.assert(
      fc.property(caseArb("fermion", 2, 6), (c) => {
        const r = chainNess(c.model, c.baths);
        const o = chainObservables(c.model, r);
        const b1 = c.baths[0] as Extract<ChainBath, { type: "source-sink" }>;
        const n1 = (o.density as Float64Array)[0];
        const formula = b1.gammaPlus - (b1.gammaPlus + b1.gammaMinus) * n1;
        const sc = observableScale(c.model) + b1.gammaPlus + b1.gammaMinus;
        // ‖n_i‖_F = 1 per site, ≤ L terms
        const tol = continuityBound(c.L, r.residual, 1, c.L, sc);
        for (const j of o.spinCurrent) expect(Math.abs(j - formula)).toBeLessThanOrEqual(tol);
        expect(Array.from(o.particleCurrent as Float64Array)).toEqual(Array.from(o.spinCurrent));
        (o.density as Float64Array).forEach((n, i) => expect(n).toBe(o.magnetization[i] + 0.5));
      }),
      { numRuns: 12, seed: 0x302 },
    );
  });
});

// ------------------------------------------------------------------ 4., 5. exactly known states
describe("equal baths and exactly known steady states", () => {
  it("equal target baths, no fields, uniform Δ: reflection-symmetric NESS; zero currents on the bath-free bonds", () => {
    // The reflection R (site i → L+1−i) maps H to itself and the bath on (1,2) to the bath on
    // (L−1,L) (the clean bond and s^z_a + s^z_{a+1} are symmetric under swapping the pair), so the
    // unique NESS is R-invariant. Under R: s^z_i → s^z_{L+1−i}, j_b → −j_{L−b}, j^E_i → −j^E_{L+1−i}.
    // With continuity (bonds 2..L−2 equal, i = 3..L−2 equal) this forces j_b = 0 for b = 2..L−2 and
    // j^E_i = 0 for i = 3..L−2. The currents on the bath bonds (j_1 = −j_{L−1}, j^E_2 = −j^E_{L−1})
    // are NOT zero in general: the reset channel injects and removes inside its own pair.
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        real(0.5, 1.5),
        real(-2, 2),
        real(-2, 2),
        real(-1, 1),
        real(0.3, 2),
        (L, J, D, beta, mu, rate) => {
          const m = xxzChain({ L, J, delta: D });
          const baths: ChainBath[] = [
            { type: "target", sites: [1, 2], beta, mu, rate },
            { type: "target", sites: [L - 1, L], beta, mu, rate },
          ];
          const r = chainNess(m, baths);
          const o = chainObservables(m, r);
          const tol = observableBound(L, [r.residual], observableScale(m));
          for (let i = 1; i <= L; i++) expect(Math.abs(o.magnetization[i - 1] - o.magnetization[L - i])).toBeLessThanOrEqual(2 * tol);
          for (let b = 1; b <= L - 1; b++) {
            expect(Math.abs(o.spinCurrent[b - 1] + o.spinCurrent[L - b - 1])).toBeLessThanOrEqual(2 * tol);
            expect(Math.abs(o.bondEnergy[b - 1] - o.bondEnergy[L - b - 1])).toBeLessThanOrEqual(2 * tol);
          }
          for (let i = 2; i <= L - 1; i++) expect(Math.abs(o.energyCurrent[i - 2] + o.energyCurrent[L - i - 1])).toBeLessThanOrEqual(2 * tol);
          for (let b = 2; b <= L - 2; b++) expect(Math.abs(o.spinCurrent[b - 1])).toBeLessThanOrEqual(tol);
          for (let i = 3; i <= L - 2; i++) expect(Math.abs(o.energyCurrent[i - 2])).toBeLessThanOrEqual(tol);
          if (L === 2) expect(Math.abs(o.spinCurrent[0])).toBeLessThanOrEqual(tol);
        },
      ),
      { numRuns: 12, seed: 0x400 },
    );
  });

  it("source/sink with equal γ⁺/γ⁻ at both ends, any fields and Δ (± dephasing): ρ ∝ exp(μ S^z), all currents zero", () => {
    // ρ = ⊗_i diag(p, 1 − p), p = γ⁺/(γ⁺ + γ⁻) (= e^{μ/2}/(e^{μ/2} + e^{−μ/2}), μ = ln γ⁺/γ⁻) is a
    // function of S^z, so [H, ρ] = 0 and every σ^z dephasing term vanishes on it; each source/sink
    // dissipator annihilates its own site factor diag(p, 1 − p). It is diagonal, so every current
    // (off-diagonal operators, or i[e, e'] with [ρ, e] = 0) has zero expectation.
    fc.assert(
      fc.property(caseArb("source-sink", 2, 6), real(0.1, 2), real(0.1, 2), real(0.2, 3), fc.boolean(), (c, gp, gm, s, deph) => {
        const baths: ChainBath[] = [
          { type: "source-sink", site: 1, gammaPlus: gp, gammaMinus: gm },
          { type: "source-sink", site: c.L, gammaPlus: s * gp, gammaMinus: s * gm },
        ];
        if (deph) baths.push({ type: "dephasing", rate: 0.3 });
        const r = chainNess(c.model, baths);
        const N = 2 ** c.L;
        const exact = complexMatrix(N, N);
        const p = gp / (gp + gm);
        for (let k = 0; k < N; k++) {
          let w = 1;
          for (let i = 0; i < c.L; i++) w *= (k >> i) & 1 ? 1 - p : p; // bit = 1: ↓ (§0)
          exact.re[k * N + k] = w;
        }
        // the exact state is steady to rounding: apply the block Lindbladian to it directly
        const Lv = buildBlockLiouvillian(c.model, chainDissipators(c.model, baths), "u1");
        const x = denseToBlock(Lv.structure, exact);
        const y = { re: new Float64Array(x.re.length), im: new Float64Array(x.re.length) };
        applyBlockLiouvillian(Lv, x, y);
        let res = 0;
        for (let k = 0; k < y.re.length; k++) res += y.re[k] ** 2 + y.im[k] ** 2;
        // each entry of 𝓛ρ is a sum of ≤ 2N + 16 terms of size ≤ ‖𝓛‖ (≲ 40 here): 1e2·N·ε·40 each
        expect(Math.sqrt(res)).toBeLessThanOrEqual(Math.sqrt(x.re.length) * 1e2 * N * EPS * 40);
        expect(maxDiff(dense(r), exact)).toBeLessThanOrEqual(rhoBound(c.L, [r.residual]));
        const o = chainObservables(c.model, r);
        const tol = observableBound(c.L, [r.residual], observableScale(c.model));
        for (const j of [...o.spinCurrent, ...o.energyCurrent]) expect(Math.abs(j)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 12, seed: 0x401 },
    );
  });

  it("target baths at β = 0 (any μ, rates, fields, Δ): ρ = I/2^L (L = 2..5)", () => {
    // The target state is I/4, [H, I] = 0 and the reset maps I/2^L to I/4 ⊗ Tr_{a,a+1}(I/2^L) = I/2^L.
    // L ≤ 5 keeps "auto" on the dense road (≤ 252 stored entries): the iterative road cannot solve
    // this problem too (regression test in the last section: its start I/2^L is already the NESS).
    fc.assert(
      fc.property(caseArb("target", 2, 5), real(-1, 1), (c, mu) => {
        const baths = c.baths.map((b) => ({ ...b, beta: 0, mu })) as ChainBath[];
        const r = chainNess(c.model, baths);
        const N = 2 ** c.L;
        const exact = complexMatrix(N, N);
        for (let k = 0; k < N; k++) exact.re[k * N + k] = 1 / N;
        expect(maxDiff(dense(r), exact)).toBeLessThanOrEqual(rhoBound(c.L, [r.residual]));
        const o = chainObservables(c.model, r);
        const tol = observableBound(c.L, [r.residual], observableScale(c.model));
        for (const v of [...o.magnetization, ...o.spinCurrent, ...o.energyCurrent]) expect(Math.abs(v)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 10, seed: 0x402 },
    );
  });

  it("one target bath on a two-site chain without fields: the NESS is the target state itself", () => {
    // H = h2 commutes with ρ_k = e^{−β(h2 − μ(s^z_1 + s^z_2))}/Z (h2 conserves s^z_1 + s^z_2) and the
    // reset fixes ρ_k. For traceless δ, 𝓛δ = −i[H, δ] − Γδ with ad_H self-adjoint, so ‖𝓛δ‖ ≥ Γ‖δ‖:
    // ‖ρ̂ − ρ_k‖_F ≤ ‖𝓛ρ̂‖/Γ exactly (σ₂ = Γ is not assumed but proven here).
    const models = fc.oneof(
      fc.record({ J: real(0.5, 1.5), D: real(-2, 2) }).map(({ J, D }) => xxzChain({ L: 2, J, delta: D })),
      fc.record({ J: real(0.5, 1.5), V: real(-2, 2) }).map(({ J, V }) => fermionChain({ L: 2, J, V })),
      fc.constant(heisenbergXzChain({ L: 2, h: 0, zetaZ: [0, 0], zetaX: [0, 0] })),
    );
    fc.assert(
      fc.property(models, real(-3, 3), real(-1.5, 1.5), real(0.2, 3), fc.constantFrom("u1", "full") as fc.Arbitrary<"u1" | "full">, (m, beta, mu, rate, symmetry) => {
        const r = chainNess(m, [{ type: "target", sites: [1, 2], beta, mu, rate }], { symmetry });
        const target = targetState(m.cleanBonds[0], beta, mu);
        expect(maxDiff(dense(r), target)).toBeLessThanOrEqual(r.residual / rate + RHO_FLOOR);
      }),
      { numRuns: 30, seed: 0x500 },
    );
  });
});

// ------------------------------------------------------------------ 6. symmetry
describe("spin flip + reflection", () => {
  it("(β_L, μ_L; β_R, μ_R), h_i, Δ_b ↦ (β_R, −μ_R; β_L, −μ_L), −h_{L+1−i}, Δ_{L−b}: observables map with the derived signs", () => {
    // U = F·R with R the reflection i → L+1−i and F = Π σ^x (s^x → s^x, s^y → −s^y, s^z → −s^z):
    //   U H(h, Δ) U† = H(h', Δ') with h'_i = −h_{L+1−i}, Δ'_b = Δ_{L−b} (xx + yy + Δzz is F-invariant);
    //   the target bath (β, μ) on (1,2) goes to (β, −μ) on (L−1, L) and vice versa; source/sink
    //   (γ⁺, γ⁻) at site 1 goes to (γ⁻, γ⁺) at site L (σ^± → σ^∓); dephasing is invariant.
    // So ρ' = U ρ U† and ⟨O⟩' = ⟨U† O U⟩ with
    //   U† s^z_i U = −s^z_{L+1−i}                    ⇒ m'_i   = −m_{L+1−i}
    //   U† e'_b U = e_{L−b} (weights per §0 map too) ⇒ e'_b   = +e_{L−b}
    //   U† j'_b U = (−1)_F·(−1)_R j_{L−b} = j_{L−b}  ⇒ j'_b   = +j_{L−b}
    //   U† j'^E_i U = i[e_{L+1−i}, e_{L−i}]          ⇒ j'^E_i = −j^E_{L+1−i}
    const drive = fc.oneof(
      fc.record({ kind: fc.constant("target" as const), bL: real(-2, 2), mL: real(-1, 1), gL: real(0.3, 2), bR: real(-2, 2), mR: real(-1, 1), gR: real(0.3, 2) }),
      fc.record({ kind: fc.constant("source-sink" as const), p1: real(0.1, 2), m1: real(0.1, 2), pL: real(0.1, 2), mL: real(0.1, 2), gd: real(0, 0.5) }),
    );
    const problem = fc.integer({ min: 2, max: 6 }).chain((L) =>
      fc.record({ L: fc.constant(L), J: real(0.5, 1.5), delta: arr(L - 1, -2, 2), fields: arr(L, -1.5, 1.5), drive }),
    );
    fc.assert(
      fc.property(problem, ({ L, J, delta, fields, drive: d }) => {
        const m = xxzChain({ L, J, delta, fields });
        const mm = xxzChain({ L, J, delta: [...delta].reverse(), fields: [...fields].reverse().map((h) => -h) });
        let baths: ChainBath[], mirrored: ChainBath[];
        if (d.kind === "target") {
          baths = [
            { type: "target", sites: [1, 2], beta: d.bL, mu: d.mL, rate: d.gL },
            { type: "target", sites: [L - 1, L], beta: d.bR, mu: d.mR, rate: d.gR },
          ];
          mirrored = [
            { type: "target", sites: [1, 2], beta: d.bR, mu: -d.mR, rate: d.gR },
            { type: "target", sites: [L - 1, L], beta: d.bL, mu: -d.mL, rate: d.gL },
          ];
        } else {
          baths = [
            { type: "source-sink", site: 1, gammaPlus: d.p1, gammaMinus: d.m1 },
            { type: "source-sink", site: L, gammaPlus: d.pL, gammaMinus: d.mL },
            { type: "dephasing", rate: d.gd },
          ];
          mirrored = [
            { type: "source-sink", site: 1, gammaPlus: d.mL, gammaMinus: d.pL },
            { type: "source-sink", site: L, gammaPlus: d.m1, gammaMinus: d.p1 },
            { type: "dephasing", rate: d.gd },
          ];
        }
        const r = chainNess(m, baths), rm = chainNess(mm, mirrored);
        const o = chainObservables(m, r), om = chainObservables(mm, rm);
        const tol = observableBound(L, [r.residual, rm.residual], Math.max(observableScale(m), observableScale(mm)));
        for (let i = 1; i <= L; i++) expect(Math.abs(om.magnetization[i - 1] + o.magnetization[L - i])).toBeLessThanOrEqual(tol);
        for (let b = 1; b <= L - 1; b++) {
          expect(Math.abs(om.bondEnergy[b - 1] - o.bondEnergy[L - b - 1])).toBeLessThanOrEqual(tol);
          expect(Math.abs(om.spinCurrent[b - 1] - o.spinCurrent[L - b - 1])).toBeLessThanOrEqual(tol);
        }
        for (let i = 2; i <= L - 1; i++) expect(Math.abs(om.energyCurrent[i - 2] + o.energyCurrent[L - i - 1])).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 12, seed: 0x600 },
    );
  });
});

// ------------------------------------------------------------------ 7. local temperature
describe("local inverse temperature (§3)", () => {
  const bondEnergies = fc.oneof(
    fc
      .record({ h: real(0, 2), zz: arr(3, -1, 1), zx: arr(3, -1, 1), b: fc.integer({ min: 0, max: 1 }) })
      .map((p) => heisenbergXzChain({ L: 3, h: p.h, zetaZ: p.zz, zetaX: p.zx }).bondEnergies[p.b]),
    fc
      .record({ J: real(0.5, 1.5), D: arr(2, -2, 2), f: arr(3, -1.5, 1.5), b: fc.integer({ min: 0, max: 1 }) })
      .map((p) => xxzChain({ L: 3, J: p.J, delta: p.D, fields: p.f }).bondEnergies[p.b]),
    fc
      .record({ J: real(0.5, 1.5), V: real(-2, 2), f: arr(3, -1, 1), b: fc.integer({ min: 0, max: 1 }) })
      .map((p) => fermionChain({ L: 3, J: p.J, V: p.V, fields: p.f }).bondEnergies[p.b]),
  );

  it("the β of a two-site Gibbs state e^{−βe}/Z is recovered, with distance ≈ 0 (β ∈ [−10, 10], |β|·spread ≤ 30)", () => {
    fc.assert(
      fc.property(bondEnergies, real(-10, 10), (e, beta) => {
        const ev = hermEigvalues(e);
        const spread = ev[3] - ev[0];
        // The grid reaches |β|·spread ≈ 62; up to 30 every excited weight is ≥ e^{−30} ≈ 1e-13, still
        // resolved by f (the error bound below grows as 1/‖dw/dβ‖ accordingly).
        fc.pre(Math.abs(beta) * spread <= 30);
        const res = localInverseTemperature(gibbsState(e, beta), e);
        // β is fixed by r_k = w_k(β), r_k carrying ~d·ε rounding from the two eigensolvers: the error is
        // ≈ ‖δr‖/‖dw/dβ‖ with ‖dw/dβ‖ = (Σ_k w_k²(ε_k − ⟨ε⟩)²)^{1/2}; slack 100 (observed ≤ 9·ε/‖dw/dβ‖),
        // plus the Newton stopping test 1e-15·(1 + |β|)
        const ref = beta >= 0 ? ev[0] : ev[3];
        const w = Array.from(ev, (x) => Math.exp(-beta * (x - ref)));
        const Z = w.reduce((a, b) => a + b, 0);
        const mean = w.reduce((a, x, k) => a + (x / Z) * ev[k], 0);
        const dw = Math.sqrt(w.reduce((a, x, k) => a + ((x / Z) * (ev[k] - mean)) ** 2, 0));
        expect(Math.abs(res.beta - beta)).toBeLessThanOrEqual((100 * EPS) / dw + 1e-14 * (1 + Math.abs(beta)));
        // f = Tr ρ² − 2Σ w r + Σ w² with all terms ≤ 1: cancellation leaves a few d²·ε, either sign
        expect(Math.abs(res.distance)).toBeLessThanOrEqual(100 * EPS);
      }),
      { numRuns: 200, seed: 0x700 },
    );
  });

  it("an exact Gibbs state with |β|·spread up to 24 is recovered (regression: the grid once ended at 16.6)", () => {
    // e = diag(1, −1) (spread 2): β = 7.9, 8, 12 once threw "the distance decreases towards |β| → ∞"
    // although ρ = e^{−βe}/Z is an exact, well-resolved Gibbs state (weights ≥ e^{−24} ≈ 4e-11 ≫ ε):
    // the grid ended at |β|·spread ≈ 16.6 and a grid end within 1e-12 of the best value raised the
    // error. Now the grid reaches ≈ 62 and only a strictly lower end means |β| → ∞. 10 digits: the
    // minimiser is fixed by w(β) = r with ‖dw/dβ‖ ≥ e^{−24}·2, error ≲ ε/‖dw/dβ‖ ≈ 3e-6·… at β = 12,
    // but the weights here are exact up to rounding, so Newton on f′ lands within ~1e-12.
    const e = complexFromRows({ re: [[1, 0], [0, -1]] });
    for (const beta of [7.9, 8, 12]) expect(localInverseTemperature(gibbsState(e, beta), e).beta).toBeCloseTo(beta, 10);
  });

  it("heisenberg-xz NESS: localBeta is the minimiser for the reduced two-site state of each bond", () => {
    fc.assert(
      fc.property(caseArb("heisenberg-xz", 2, 4), (c) => {
        const r = chainNess(c.model, c.baths);
        const o = chainObservables(c.model, r);
        expect(o.localBeta).toBeDefined();
        for (let b = 1; b < c.L; b++) {
          const rho2 = blockReduced(r.structure, r.rho, [b, b + 1]);
          const lb = localInverseTemperature(rho2, c.model.bondEnergies[b - 1]);
          expect((o.localBeta as Float64Array)[b - 1]).toBe(lb.beta);
          // a global minimiser: no β on a coarse grid does better (f is evaluated to ~d²·ε)
          const ev = hermEigvalues(c.model.bondEnergies[b - 1]);
          for (let k = -40; k <= 40; k++) {
            const beta = (k / 40) * (12 / (ev[3] - ev[0]));
            const g = gibbsState(c.model.bondEnergies[b - 1], beta);
            let f = 0;
            for (let q = 0; q < 16; q++) f += (rho2.re[q] - g.re[q]) ** 2 + (rho2.im[q] - g.im[q]) ** 2;
            expect(lb.distance).toBeLessThanOrEqual(f + 100 * EPS);
          }
        }
      }),
      { numRuns: 6, seed: 0x701 },
    );
  });
});

// ------------------------------------------------------------------ 8. errors
describe("errors of the chain NESS", () => {
  it("dephasing only, or no baths: non-unique-ness (every magnetization sector keeps a steady state)", () => {
    fc.assert(
      fc.property(caseArb("source-sink", 2, 6), real(0.05, 1), fc.constantFrom("auto", "dense", "iterative") as fc.Arbitrary<"auto" | "dense" | "iterative">, (c, g, method) => {
        expectCode(() => chainNess(c.model, [{ type: "dephasing", rate: g }], { method }), "non-unique-ness");
        expectCode(() => chainNess(c.model, [], { method }), "non-unique-ness");
        expectCode(() => chainNess(c.model, [{ type: "dephasing", rate: g, sites: [1] }], { method, symmetry: "full" }), "non-unique-ness");
      }),
      { numRuns: 10, seed: 0x800 },
    );
  });

  it("solve with L = 13 → out-of-range; memoryLimitBytes 1e6 at L = 8 → resource-limit", async () => {
    await expectCodeAsync(
      () =>
        solve({
          kind: "lindblad-ness",
          hamiltonian: { type: "xxz", L: 13, J: 1, delta: 1 },
          baths: [
            { type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 },
            { type: "source-sink", site: 13, gammaPlus: 0.5, gammaMinus: 1 },
          ],
          method: "ed",
        }),
      "out-of-range",
      "/hamiltonian/L",
    );
    const m8 = xxzChain({ L: 8, J: 1, delta: 1 });
    const baths: ChainBath[] = [
      { type: "target", sites: [1, 2], beta: 0.5, mu: 0 },
      { type: "target", sites: [7, 8], beta: -0.5, mu: 0 },
    ];
    for (const symmetry of ["u1", "full"] as const) {
      expectCode(() => chainNess(m8, baths, { symmetry, memoryLimitBytes: 1e6 } as ChainNessOptions), "resource-limit", "/hamiltonian/L");
    }
    // the full road stops at L = 9 (4^L stored entries)
    expectCode(() => chainNess(xxzChain({ L: 10, J: 1, delta: 1 }), baths, { symmetry: "full" }), "out-of-range", "/hamiltonian/L");
  });

  it("a bath on a site that does not exist → invalid-input with the path of the offending field", async () => {
    const L = 4;
    const m = xxzChain({ L, J: 1, delta: 1, fields: drawFields(L, 1, 3) });
    const ok: ChainBath = { type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 };
    // the typed API
    expectCode(() => chainNess(m, [ok, { type: "source-sink", site: L + 1, gammaPlus: 1, gammaMinus: 1 }]), "invalid-input", "/baths/1/site");
    expectCode(() => chainNess(m, [ok, { type: "source-sink", site: 0, gammaPlus: 1, gammaMinus: 1 }]), "invalid-input", "/baths/1/site");
    expectCode(() => chainNess(m, [{ type: "target", sites: [0, 1], beta: 1, mu: 0 }]), "invalid-input", "/baths/0/sites/0");
    expectCode(() => chainNess(m, [ok, { type: "dephasing", rate: 1, sites: [2, 7] }]), "invalid-input", "/baths/1/sites/1");
    expectCode(() => chainNess(m, [ok, { type: "source-sink", site: 2, gammaPlus: -1, gammaMinus: 1 }]), "invalid-input", "/baths/1/gammaPlus");
    // the JSON contract
    const P = (baths: unknown[]) => ({ kind: "lindblad-ness", hamiltonian: { type: "xxz", L, J: 1, delta: 1 }, baths });
    await expectCodeAsync(() => solve(P([{ type: "target", sites: [L, L + 1], beta: 1, mu: 0 }])), "invalid-input", "/baths/0/sites/1");
    await expectCodeAsync(() => solve(P([ok, { type: "source-sink", site: 0, gammaPlus: 1, gammaMinus: 1 }])), "invalid-input", "/baths/1/site");
    await expectCodeAsync(() => solve(P([ok, { type: "dephasing", rate: 1, sites: [1, 9] }])), "invalid-input", "/baths/1/sites/1");
    await expectCodeAsync(() => solve(P([{ type: "dephasing", rate: 1 }])), "non-unique-ness");
  });

  it("chainNess with a target bath on [L, L+1] gives invalid-input at /baths/0/sites/1 (regression: once a TypeError)", () => {
    // chainDissipators once checked sites[0] and adjacency only, then read model.cleanBonds[L − 1]
    // (undefined) → TypeError. solve() was not affected (the validator checks every site).
    const m = xxzChain({ L: 4, J: 1, delta: 1 });
    expectCode(() => chainNess(m, [{ type: "target", sites: [4, 5], beta: 1, mu: 0 }]), "invalid-input", "/baths/0/sites/1");
  });
});

// ------------------------------------------------------------------ 9. dense vs iterative
describe("the dense road and the iterative road agree", () => {
  [...U1_FAMILIES, "heisenberg-xz" as Family].forEach((family, k) => {
    const full = family === "heisenberg-xz";
    it(`${family}: method "dense" = method "iterative" (${full ? "full, L = 2..4" : "u1, L = 2..5"})`, () => {
      fc.assert(
        fc.property(caseArb(family, 2, full ? 4 : 5), (c) => {
          const d = chainNess(c.model, c.baths, { method: "dense" });
          const g = chainNess(c.model, c.baths, { method: "iterative" });
          expect(d.method).toBe("dense-svd");
          expect(d.uniqueness).toBe("singular-values");
          expect(g.method).toBe("gmres-jump-split");
          expect(g.uniqueness).toBe("two-starts");
          expect(d.residualRelative).toBeLessThanOrEqual(1e-12);
          expect(g.residualRelative).toBeLessThanOrEqual(1e-12);
          expect(maxDiff(dense(d), dense(g))).toBeLessThanOrEqual(rhoBound(c.L, [d.residual, g.residual]));
          const o1 = chainObservables(c.model, d), o2 = chainObservables(c.model, g);
          const tol = observableBound(c.L, [d.residual, g.residual], observableScale(c.model));
          o1.spinCurrent.forEach((j, b) => expect(Math.abs(j - o2.spinCurrent[b])).toBeLessThanOrEqual(tol));
          o1.energyCurrent.forEach((j, b) => expect(Math.abs(j - o2.energyCurrent[b])).toBeLessThanOrEqual(tol));
        }),
        { numRuns: 8, seed: 0x900 + k },
      );
    });
  });
});

describe("the iterative road when the start is already the NESS", () => {
  it("method \"iterative\" on a problem whose NESS is I/2^L (β = 0 targets, or γ⁺ = γ⁻ at both ends) converges (regression: once no-convergence)", () => {
    // The first start ρ₀ = I/2^L is the exact NESS, so the GMRES right-hand side 𝓣ρ₀ − ρ₀ is pure
    // rounding (‖b‖ ~ 1e-17); a tolerance relative to ‖b‖ alone once asked for ~1e-29 absolute and
    // GMRES stagnated → "no-convergence". Convergence is now also measured against ‖ρ₀‖.
    const m = xxzChain({ L: 3, J: 1, delta: 0 });
    const r1 = chainNess(m, [{ type: "target", sites: [1, 2], beta: 0, mu: 0 }, { type: "target", sites: [2, 3], beta: 0, mu: 0 }], { method: "iterative" });
    expect(r1.residualRelative).toBeLessThanOrEqual(1e-12);
    const r2 = chainNess(m, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 1 }, { type: "source-sink", site: 3, gammaPlus: 1, gammaMinus: 1 }], { method: "iterative", maxIter: 500 });
    expect(r2.residualRelative).toBeLessThanOrEqual(1e-12);
  });
});
