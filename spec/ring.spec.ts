/**
 * Properties of the four-spin ring with Redfield baths ([P3], CONVENTIONS §6): the exact
 * sector road (src/exact/ring4.ts) against the general Redfield road (src/open/redfield.ts)
 * on the sector block and on the full 16-state space, conservation laws, symmetries,
 * equilibrium limit and the validation of the `redfield-ring` kind.
 *
 * Tolerances: every solve here is a backward-stable linear solve of a generator whose
 * condition number is ≲ 1e5 for the sampled ranges (γ ≥ 1e-3, |E| ≲ 20: the smallest
 * non-zero decay rate is ~γ, the largest entry ~|E|), so solutions agree to κ·ε ≈ 2e-11 in
 * the worst case; we allow 1e-9 on ρ entries (|ρ_ab| ≤ 1). Identities that hold for the
 * computed ρ itself (J_L + J_R = 0, J_L = j_u − j_d, equal spin currents) only see the
 * rounding of the final sums: c·d²·ε relative to the current scale γ·‖H‖, c = 1e3.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { solveRing4, ring4SectorHamiltonian, type Ring4Params } from "../src/exact/ring4.js";
import {
  paperRing,
  restrictToSector,
  ringBondEnergy,
  ringHamiltonian,
  ringHeatCurrentOperator,
  ringSpinCurrentOperator,
} from "../src/models/ring.js";
import {
  ohmicRate,
  redfieldGenerator,
  redfieldHeatCurrent,
  redfieldNess,
  redfieldNessWithCharges,
  type RedfieldCoupling,
} from "../src/open/redfield.js";
import { complexMatrix, complexFromRows, type ComplexMatrix } from "../src/linalg/matrix.js";
import { cadd, cmatmul, csub, cmaxAbs } from "../src/linalg/dense.js";
import { hermEigvalues } from "../src/linalg/symeig.js";
import { kernelDimension } from "../src/linalg/nullspace.js";
import { embed, pauli, numberOp } from "../src/quantum/spin.js";
import { sectorBasis } from "../src/quantum/sectors.js";
import { ergotropy } from "../src/quantum/measures.js";
import { solve } from "../src/problem/index.js";
import { NessrefError } from "../src/errors.js";

const EPS = Number.EPSILON;

// ------------------------------------------------------------------ arbitraries
const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const params = (sectors: number[] = [1, 2, 3]): fc.Arbitrary<Ring4Params> =>
  fc.record({
    J: real(0.3, 1.5),
    delta: real(-3, 3),
    // h2 ≠ 0 breaks the reflection 2 ↔ 4, which commutes with H, σ^z_1 and σ^z_3 when
    // h2 = 0 and would make the sector's NESS non-unique (see the property below).
    h2: fc.oneof(real(-3, -0.2), real(0.2, 3)),
    h3: real(-3, 3),
    TL: real(0.2, 4),
    TR: real(0.2, 4),
    gamma: real(1e-3, 0.05),
    omegaC: real(2, 20),
    sector: fc.constantFrom(...sectors),
  });

// ------------------------------------------------------------------ general road helpers
function generalSector(p: Ring4Params) {
  const m = paperRing(p.J, p.delta, p.h2, p.h3);
  const B = sectorBasis(4, p.sector);
  const H = restrictToSector(ringHamiltonian(m), B);
  const cL: RedfieldCoupling = { S: restrictToSector(embed(pauli("z"), [1], 4), B), G: ohmicRate(p.gamma, p.omegaC, p.TL) };
  const cR: RedfieldCoupling = { S: restrictToSector(embed(pauli("z"), [3], 4), B), G: ohmicRate(p.gamma, p.omegaC, p.TR) };
  const { rho } = redfieldNess(H, [cL, cR]);
  return { m, B, H, cL, cR, rho };
}

function expect_(O: ComplexMatrix, rho: ComplexMatrix): number {
  const d = rho.rows;
  let s = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) s += rho.re[i * d + j] * O.re[j * d + i] - rho.im[i * d + j] * O.im[j * d + i];
  return s;
}

function maxDiff(A: ComplexMatrix, B: ComplexMatrix): number {
  return cmaxAbs(csub(A, B));
}

/** Scale of the currents: γ times the spread of the block spectrum (rates ~γ, energies ~‖H‖). */
function currentScale(p: Ring4Params, energies: number[]): number {
  return p.gamma * Math.max(1, energies[energies.length - 1] - energies[0]);
}

// ------------------------------------------------------------------ the rate function
describe("Ohmic rate G(ω) (CONVENTIONS §6)", () => {
  it("detailed balance G(−ω) = e^{ω/T} G(ω)", () => {
    fc.assert(
      fc.property(real(1e-6, 40), real(0.05, 5), real(1e-3, 0.1), real(1, 30), (w, T, g, wc) => {
        const G = ohmicRate(g, wc, T);
        const x = w / T;
        fc.pre(x < 600); // e^{x} must be representable
        // exp, expm1 and the quotient each carry ~ε relative error; the rounding of x = ω/T
        // is amplified by x in e^{x}: 10·ε·(1 + x).
        const tol = 10 * EPS * (1 + x);
        expect(Math.abs(G(-w) / (G(w) * Math.exp(x)) - 1)).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 300, seed: 0x61 },
    );
  });

  it("G(0) = πγT, continuous through ω = 0, odd spectral density J(−ω) = −J(ω)", () => {
    fc.assert(
      fc.property(real(0.05, 5), real(1e-3, 0.1), real(1, 30), real(1e-3, 30), (T, g, wc, w) => {
        const G = ohmicRate(g, wc, T);
        expect(G(0)).toBe(Math.PI * g * T);
        // G(ω) = πγT(1 − ω/2T − ω/ωc + O(ω²)) near 0: at ω = 1e-9 the relative deviation is
        // 1e-9·(1/2T + 1/ωc) to first order (1% slack for the second order and rounding)
        expect(Math.abs(G(1e-9) / (Math.PI * g * T) - 1)).toBeLessThanOrEqual(1.01e-9 * (1 / (2 * T) + 1 / wc) + 1e-14);
        // J(ω) = G(ω)/(π n_B(ω)); J(−ω)/J(ω) = −1 with n_B(−ω) = −1 − n_B(ω)
        const nB = 1 / Math.expm1(w / T);
        const Jp = G(w) / (Math.PI * nB);
        const Jm = G(-w) / (Math.PI * (-1 - nB));
        expect(Math.abs(Jm / Jp + 1)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(Jp / (g * w * Math.exp(-w / wc)) - 1)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 200, seed: 0x62 },
    );
  });
});

// ------------------------------------------------------------------ two roads
describe("four-spin ring: the exact sector road against the general Redfield road", () => {
  it("the sector solve equals the general road on the sector block (ρ, currents, energies)", () => {
    fc.assert(
      fc.property(params([0, 1, 2, 3, 4]), (p) => {
        const ex = solveRing4(p);
        const g = generalSector(p);
        // ρ: two backward-stable solves of the same generator (see the file header: 1e-9)
        expect(maxDiff(ex.rho, g.rho)).toBeLessThanOrEqual(1e-9);
        const E = hermEigvalues(g.H);
        const escale = Math.max(1, ...Array.from(E, Math.abs));
        // eigenvalues of two symmetric eigensolvers: n·ε·‖H‖ each, slack 100
        ex.energies.forEach((e, k) => expect(Math.abs(e - E[k])).toBeLessThanOrEqual(100 * 6 * EPS * escale));
        const sc = currentScale(p, ex.energies);
        // currents are linear in ρ with operator norms ≲ ‖H‖²: 1e-9·‖H‖² absolute, in units of sc
        const tolJ = 1e-9 * escale * escale;
        expect(Math.abs(ex.heatCurrentLeft - redfieldHeatCurrent(g.H, g.cL, g.rho))).toBeLessThanOrEqual(tolJ);
        expect(Math.abs(ex.heatCurrentRight - redfieldHeatCurrent(g.H, g.cR, g.rho))).toBeLessThanOrEqual(tolJ);
        const ju = expect_(restrictToSector(ringHeatCurrentOperator(g.m, 2), g.B), g.rho);
        const jd = expect_(restrictToSector(ringHeatCurrentOperator(g.m, 4), g.B), g.rho);
        expect(Math.abs(ex.upperHeatCurrent - ju)).toBeLessThanOrEqual(tolJ);
        expect(Math.abs(ex.lowerHeatCurrent - jd)).toBeLessThanOrEqual(tolJ);
        const js = expect_(restrictToSector(ringSpinCurrentOperator(g.m, 1), g.B), g.rho);
        expect(Math.abs(ex.spinCurrent - js)).toBeLessThanOrEqual(1e-9 * escale);
        expect(sc).toBeGreaterThan(0);
        // ergotropy against the foundation's independent routine (hermEig of ρ and H)
        expect(Math.abs(ex.ergotropy - Math.max(0, ergotropy(ex.rho, restrictToSector(ringHamiltonian(g.m), g.B))))).toBeLessThanOrEqual(
          1e-9 * escale,
        );
      }),
      { numRuns: 120, seed: 0x63 },
    );
  });

  it("the sector solve equals the full-space (16-state) general solve with the sector fixed by the charges", () => {
    fc.assert(
      fc.property(params([0, 1, 2, 3, 4]), (p) => {
        const ex = solveRing4(p);
        const H = ringHamiltonian(paperRing(p.J, p.delta, p.h2, p.h3));
        const cs: RedfieldCoupling[] = [
          { S: embed(pauli("z"), [1], 4), G: ohmicRate(p.gamma, p.omegaC, p.TL) },
          { S: embed(pauli("z"), [3], 4), G: ohmicRate(p.gamma, p.omegaC, p.TR) },
        ];
        const P = [0, 1, 2, 3, 4].map((k) => {
          const M = complexMatrix(16, 16);
          for (const s of sectorBasis(4, k).states) M.re[s * 16 + s] = 1;
          return M;
        });
        const w = [0, 1, 2, 3, 4].map((k) => (k === p.sector ? 1 : 0));
        const full = redfieldNessWithCharges(H, cs, P, w).rho;
        const B = sectorBasis(4, p.sector);
        expect(maxDiff(ex.rho, restrictToSector(full, B))).toBeLessThanOrEqual(1e-9);
        // nothing outside the sector block (ρ_ij with i or j outside): same bound
        let outside = 0;
        const inS = new Set(Array.from(B.states));
        for (let i = 0; i < 16; i++) for (let j = 0; j < 16; j++) {
          if (inS.has(i) && inS.has(j)) continue;
          outside = Math.max(outside, Math.abs(full.re[i * 16 + j]), Math.abs(full.im[i * 16 + j]));
        }
        expect(outside).toBeLessThanOrEqual(1e-9);
        // the full-space heat current is the sector's
        const tolJ = 1e-9 * Math.max(1, ...ex.energies.map(Math.abs)) ** 2;
        expect(Math.abs(redfieldHeatCurrent(H, cs[0], full) - ex.heatCurrentLeft)).toBeLessThanOrEqual(tolJ);
      }),
      { numRuns: 12, seed: 0x64 },
    );
  });

  it("the full 16-state generator has a 5-dimensional kernel (one steady state per sector), so a sector is required", () => {
    const p = { J: 1, delta: 2.19, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10 };
    const H = ringHamiltonian(paperRing(p.J, p.delta, p.h2, p.h3));
    const cs: RedfieldCoupling[] = [
      { S: embed(pauli("z"), [1], 4), G: ohmicRate(p.gamma, p.omegaC, p.TL) },
      { S: embed(pauli("z"), [3], 4), G: ohmicRate(p.gamma, p.omegaC, p.TR) },
    ];
    // numerical rank with the default 100·n·ε threshold of the foundation
    expect(kernelDimension(redfieldGenerator(H, cs))).toBe(5);
    // and the general null-vector road refuses to pick one
    expect(() => redfieldNess(H, cs)).toThrow(NessrefError);
    try {
      redfieldNess(H, cs);
    } catch (e) {
      expect((e as NessrefError).code).toBe("non-unique-ness");
    }
  });
});

// ------------------------------------------------------------------ physics properties
describe("four-spin ring: conservation laws, symmetries, equilibrium", () => {
  it("h2 = 0: the reflection 2 ↔ 4 is a strong symmetry and the NESS of sectors 1–3 is reported as non-unique (both roads)", () => {
    fc.assert(
      fc.property(params([1, 2, 3]), (p) => {
        const q = { ...p, h2: 0 };
        expect(() => solveRing4(q)).toThrow(NessrefError);
        expect(() => generalSector(q)).toThrow(NessrefError);
        try {
          solveRing4(q);
        } catch (e) {
          expect((e as NessrefError).code).toBe("non-unique-ness");
        }
      }),
      { numRuns: 30, seed: 0x70 },
    );
  });

  it("ρ is Hermitian with trace 1 and non-negative spectrum (no negative probabilities here); populations sum to 1", () => {
    fc.assert(
      fc.property(params([0, 1, 2, 3, 4]), (p) => {
        const g = generalSector(p);
        const d = g.rho.rows;
        // the general road solves for a complex vector without imposing Hermiticity:
        // ρ − ρ† is rounding only (κ·ε, see header)
        let herm = 0;
        let tr = 0;
        for (let i = 0; i < d; i++) {
          tr += g.rho.re[i * d + i];
          for (let j = 0; j < d; j++) {
            herm = Math.max(herm, Math.abs(g.rho.re[i * d + j] - g.rho.re[j * d + i]), Math.abs(g.rho.im[i * d + j] + g.rho.im[j * d + i]));
          }
        }
        expect(herm).toBeLessThanOrEqual(1e-10);
        expect(Math.abs(tr - 1)).toBeLessThanOrEqual(100 * d * EPS);
        const ex = solveRing4(p);
        const sum = ex.populations.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - 1)).toBeLessThanOrEqual(100 * d * EPS);
        // Redfield is not completely positive in general; for these weak couplings
        // (γ ≤ 0.05) the NESS stays positive up to O(γ²) corrections of the coherences.
        const r = hermEigvalues(ex.rho);
        expect(r[0]).toBeGreaterThanOrEqual(-1e-3);
      }),
      { numRuns: 150, seed: 0x65 },
    );
  });

  it("J_L + J_R = 0, and J_L = j_u − j_d exactly (not only to O(γ))", () => {
    // Why exact: for any A with [S_L, A] = 0, Tr(A R_L[ρ]) = Tr(ρ([S_L,A]Λ + Λ†[A,S_L])) = 0,
    // so bath L only changes the bonds h_41, h_12 touching site 1. Stationarity of ⟨h_12⟩ and
    // ⟨h_41⟩ gives 0 = ⟨ĵ_1⟩ − ⟨ĵ_2⟩ + Tr(h_12 R_L[ρ]) and 0 = ⟨ĵ_4⟩ − ⟨ĵ_1⟩ + Tr(h_41 R_L[ρ]);
    // their sum is J_L = Tr(H R_L[ρ]) = j_u − j_d for the exact NESS of the Redfield
    // equation, at any γ. Numerically it holds to the solve's residual.
    fc.assert(
      fc.property(params([0, 1, 2, 3, 4]), (p) => {
        const ex = solveRing4(p);
        const sc = currentScale(p, ex.energies);
        // residual of the solve (~κ·ε relative to ‖𝓛‖ ~ sc) times the operator norms (~‖H‖)
        const tol = 1e3 * 36 * EPS * sc * Math.max(1, ...ex.energies.map(Math.abs));
        expect(Math.abs(ex.heatCurrentLeft + ex.heatCurrentRight)).toBeLessThanOrEqual(tol);
        expect(Math.abs(ex.heatCurrentLeft - (ex.upperHeatCurrent - ex.lowerHeatCurrent))).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 300, seed: 0x66 },
    );
  });

  it("the spin current is the same on all four bonds (continuity of n_l; the baths conserve every n_l)", () => {
    fc.assert(
      fc.property(params([0, 1, 2, 3, 4]), (p) => {
        const g = generalSector(p);
        const js = [1, 2, 3, 4].map((l) => expect_(restrictToSector(ringSpinCurrentOperator(g.m, l), g.B), g.rho));
        const sc = currentScale(p, hermEigvalues(g.H) as unknown as number[]);
        const tol = 1e3 * 36 * EPS * Math.max(sc, p.J);
        for (const j of js) expect(Math.abs(j - js[0])).toBeLessThanOrEqual(tol);
      }),
      { numRuns: 100, seed: 0x67 },
    );
  });

  it("the spin-current operator is the continuity current: i[H, n_l] = ĵ^S_{l−1} − ĵ^S_l", () => {
    fc.assert(
      fc.property(real(0.3, 1.5), real(-3, 3), real(-3, 3), real(-3, 3), fc.integer({ min: 1, max: 4 }), (J, D, h2, h3, l) => {
        const m = paperRing(J, D, h2, h3);
        const H = ringHamiltonian(m);
        const n = embed(numberOp(), [l], 4);
        const comm = csub(cmatmul(H, n), cmatmul(n, H));
        const lhs = { rows: 16, cols: 16, re: comm.im.map((x) => -x), im: comm.re.slice() }; // i·[H, n]
        const rhs = csub(ringSpinCurrentOperator(m, l === 1 ? 4 : l - 1), ringSpinCurrentOperator(m, l));
        // exact small-integer arithmetic up to the factors J: ε·J·16
        expect(maxDiff(lhs, rhs)).toBeLessThanOrEqual(16 * EPS * 4 * J);
      }),
      { numRuns: 50, seed: 0x68 },
    );
  });

  it("bond energies sum to H_s (fields split ½–½)", () => {
    fc.assert(
      fc.property(real(0.3, 1.5), real(-3, 3), real(-3, 3), real(-3, 3), (J, D, h2, h3) => {
        const m = paperRing(J, D, h2, h3);
        let S = complexMatrix(16, 16);
        for (let l = 1; l <= 4; l++) S = cadd(S, ringBondEnergy(m, l));
        expect(maxDiff(S, ringHamiltonian(m))).toBe(0);
        // and the exact road's bit-string block is the Kronecker-built block
        for (let k = 0; k <= 4; k++) {
          const { H } = ring4SectorHamiltonian({ J, delta: D, h2, h3, sector: k });
          const G = restrictToSector(ringHamiltonian(m), sectorBasis(4, k));
          // same sums in a different order: a few ε·(|J| + |Δ| + |h|)
          for (let i = 0; i < H.data.length; i++) {
            expect(Math.abs(H.data[i] - G.re[i])).toBeLessThanOrEqual(16 * EPS * (4 + Math.abs(D) + Math.abs(h2) + Math.abs(h3)));
            expect(G.im[i]).toBe(0);
          }
        }
      }),
      { numRuns: 50, seed: 0x69 },
    );
  });

  it("sector 3: ρ, J_L and the spin current do not depend on Δ; j_u and j_d are affine in Δ", () => {
    // In sector 3 every configuration has exactly two up-up bonds: Δ Σ n_l n_{l+1} = 2Δ·𝟙,
    // which shifts every level equally and leaves H's eigenvectors and all E_a − E_b unchanged.
    fc.assert(
      fc.property(params([3]), real(-3, 3), real(0.1, 2), (p, D0, step) => {
        const r = [0, 1, 2].map((k) => solveRing4({ ...p, delta: D0 + k * step }));
        const sc = currentScale(p, r[0].energies);
        // identical generators up to the rounding of 2Δ in E_a − E_b: ε·|Δ|·κ
        for (const x of [r[1], r[2]]) {
          expect(maxDiff(x.rho, r[0].rho)).toBeLessThanOrEqual(1e-10);
          expect(Math.abs(x.heatCurrentLeft - r[0].heatCurrentLeft)).toBeLessThanOrEqual(1e-10 * sc);
          expect(Math.abs(x.spinCurrent - r[0].spinCurrent)).toBeLessThanOrEqual(1e-10 * Math.max(sc, p.J));
        }
        // ĵ_l = i[h_{l−1,l}, h_{l,l+1}] is affine in Δ when ρ is fixed
        for (const key of ["upperHeatCurrent", "lowerHeatCurrent"] as const) {
          const second = r[2][key] - 2 * r[1][key] + r[0][key];
          expect(Math.abs(second)).toBeLessThanOrEqual(1e-9 * Math.max(sc, 1e-3) * (1 + Math.abs(D0) + 2 * step));
        }
      }),
      { numRuns: 80, seed: 0x6a },
    );
  });

  it("sectors 0 and 1: Δ plays no role (no two up spins are neighbours)", () => {
    fc.assert(
      fc.property(params([0, 1]), real(-3, 3), (p, D2) => {
        const a = solveRing4(p);
        const b = solveRing4({ ...p, delta: D2 });
        expect(b.energies).toEqual(a.energies);
        expect(b.populations).toEqual(a.populations);
        expect(b.heatCurrentLeft).toBe(a.heatCurrentLeft);
        expect(b.upperHeatCurrent).toBe(a.upperHeatCurrent);
        expect(b.spinCurrent).toBe(a.spinCurrent);
      }),
      { numRuns: 60, seed: 0x6b },
    );
  });

  it("T_L = T_R: the NESS is the Gibbs state of the sector exactly (not only to O(γ)) and all currents vanish", () => {
    // Analysis: with detailed balance G(E_b − E_a) = e^{(E_a − E_b)/T} G(E_a − E_b) and
    // ρ_G = e^{−H/T}/Z, (ρ_G Λ†)_ab = p_a S_ab G(E_b − E_a) = p_b S_ab G(E_a − E_b) = (Λ ρ_G)_ab,
    // so R_l[ρ_G] = [Λρ_G, S] + [S, ρ_G Λ†] = 0 for every bath at the common T (the Lamb shift
    // is dropped), and [H, ρ_G] = 0. The unique NESS is ρ_G. Deviations are rounding (κ·ε).
    fc.assert(
      fc.property(params([0, 1, 2, 3, 4]), (p) => {
        const q = { ...p, TR: p.TL };
        const r = solveRing4(q);
        const E = r.energies;
        const w = E.map((e) => Math.exp(-(e - E[0]) / q.TL));
        const Z = w.reduce((a, b) => a + b, 0);
        r.populations.forEach((x, k) => expect(Math.abs(x - w[k] / Z)).toBeLessThanOrEqual(1e-10));
        const sc = currentScale(q, E);
        for (const j of [r.heatCurrentLeft, r.upperHeatCurrent, r.lowerHeatCurrent, r.spinCurrent]) {
          expect(Math.abs(j)).toBeLessThanOrEqual(1e-10 * Math.max(sc, q.J));
        }
        // a Gibbs state is passive
        expect(r.ergotropy).toBeLessThanOrEqual(1e-10 * Math.max(1, E[E.length - 1] - E[0]));
      }),
      { numRuns: 100, seed: 0x6c },
    );
  });

  it("ergotropy ≥ 0; mode follows the signs of j_u and j_d", () => {
    fc.assert(
      fc.property(params([0, 1, 2, 3, 4]), (p) => {
        const r = solveRing4(p);
        expect(r.ergotropy).toBeGreaterThanOrEqual(0);
        const { upperHeatCurrent: u, lowerHeatCurrent: l } = r;
        if (p.sector === 0 || p.sector === 4) expect(r.mode).toBe("none");
        else if (u > 0 && l > 0) expect(r.mode).toBe("clockwise");
        else if (u < 0 && l < 0) expect(r.mode).toBe("counterclockwise");
        else if (u * l < 0) expect(r.mode).toBe("parallel");
      }),
      { numRuns: 200, seed: 0x6d },
    );
  });

  it("a single bath on a two-level system gives exactly its Gibbs state (general road)", () => {
    fc.assert(
      fc.property(real(0.1, 5), real(0.05, 5), real(1e-3, 0.1), (eps, T, g) => {
        const H = complexFromRows({ re: [[eps / 2, 0], [0, -eps / 2]] });
        const S = complexFromRows({ re: [[0, 1], [1, 0]] });
        const { rho } = redfieldNess(H, [{ S, G: ohmicRate(g, 10, T) }]);
        const pUp = 1 / (1 + Math.exp(eps / T));
        // 2×2 solve, condition ~ eps/γ: 1e-12
        expect(Math.abs(rho.re[0] - pUp)).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(rho.re[1]) + Math.abs(rho.im[1])).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 100, seed: 0x6e },
    );
  });
});

// ------------------------------------------------------------------ the kind and its validation
describe("redfield-ring kind: solve() and validation", () => {
  const good = { kind: "redfield-ring", J: 1, delta: 2.19, h2: 2, h3: 1, TL: 2, TR: 1, gamma: 0.01, omegaC: 10, sector: 2 };

  it("returns every field of the contract and nothing non-finite", async () => {
    const r = await solve(good);
    expect(Object.keys(r).sort()).toEqual(
      ["energies", "ergotropy", "heatCurrentLeft", "heatCurrentRight", "lowerHeatCurrent", "mode", "populations", "spinCurrent", "upperHeatCurrent"].sort(),
    );
    expect((r.energies as number[]).length).toBe(6);
  });

  it("bad input is a NessrefError with the field's path, never a number", async () => {
    const bad = fc.oneof(
      fc.record({ field: fc.constantFrom("TL", "TR"), value: fc.oneof(real(-100, -1e-9), fc.constant(0)) }),
      fc.record({ field: fc.constant("gamma"), value: fc.oneof(real(-1, 0), fc.constant(0)) }),
      fc.record({ field: fc.constant("omegaC"), value: fc.oneof(real(-10, 0), fc.constant(0)) }),
      fc.record({ field: fc.constant("sector"), value: fc.oneof(fc.integer({ min: -10, max: -1 }), fc.integer({ min: 5, max: 100 }), fc.constant(2.5)) }),
      fc.record({
        field: fc.constantFrom("J", "delta", "h2", "h3", "TL", "TR", "gamma", "omegaC", "sector"),
        value: fc.constantFrom(Number.NaN, Infinity, -Infinity, "1", null, [], {}),
      }),
    );
    await fc.assert(
      fc.asyncProperty(bad, async ({ field, value }) => {
        const p: Record<string, unknown> = { ...good, [field]: value };
        let err: unknown;
        try {
          await solve(p);
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(NessrefError);
        const e = err as NessrefError;
        expect(["invalid-input", "non-unique-ness"]).toContain(e.code);
        expect(e.path).toBe(`/${field}`);
      }),
      { numRuns: 300, seed: 0x6f },
    );
  });

  it("a missing sector is refused as a non-unique NESS", async () => {
    const { sector: _s, ...noSector } = good;
    await expect(solve(noSector)).rejects.toMatchObject({ code: "non-unique-ness" });
  });
});
