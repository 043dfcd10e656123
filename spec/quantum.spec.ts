import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { complexMatrix, complexIdentity, type ComplexMatrix, type ComplexVector } from "../src/linalg/matrix.js";
import { cmatmul, ckron, adjoint, cadd, csub, cscale, ctrace, cmaxAbs, cmatvec } from "../src/linalg/dense.js";
import { cexpm } from "../src/linalg/expm.js";
import { hermEigvalues } from "../src/linalg/symeig.js";
import { pauli, spin, embed, numberOp, productState, type PauliName } from "../src/quantum/spin.js";
import { applyToState, applyLeft, applyRight, expectation, stateExpectation, siteOffsets, complementBases } from "../src/quantum/apply.js";
import { partialTrace, reducedFromState } from "../src/quantum/partialTrace.js";
import { sectorBasis, sectorDimension, upCount, magnetizationOf, equalMagnetizationBlock } from "../src/quantum/sectors.js";
import {
  vonNeumannEntropy,
  entropyOfSpectrum,
  traceDistance,
  purity,
  isDensityMatrix,
  passiveState,
  ergotropy,
  gibbsState,
} from "../src/quantum/measures.js";
import { Rng } from "../src/analysis/random.js";
import { NessrefError } from "../src/errors.js";

const EPS = Number.EPSILON;

// ---------- helpers (test-only) ----------
function randomComplex(rng: Rng, r: number, c: number): ComplexMatrix {
  const A = complexMatrix(r, c);
  for (let k = 0; k < r * c; k++) {
    A.re[k] = rng.normal();
    A.im[k] = rng.normal();
  }
  return A;
}
function randomVector(rng: Rng, n: number): ComplexVector {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    re[k] = rng.normal();
    im[k] = rng.normal();
  }
  return { re, im };
}
function randomHermitian(rng: Rng, n: number): ComplexMatrix {
  const G = randomComplex(rng, n, n);
  return cscale(cadd(G, adjoint(G)), 0.5);
}
/** Random full-rank density matrix G G† / Tr (Ginibre ensemble). */
function randomDensity(rng: Rng, n: number): ComplexMatrix {
  const G = randomComplex(rng, n, n);
  const R = cmatmul(G, adjoint(G));
  const t = ctrace(R).re;
  return cscale(R, 1 / t);
}
function pureDensity(psi: ComplexVector): ComplexMatrix {
  const n = psi.re.length;
  const P = complexMatrix(n, 1, Float64Array.from(psi.re), Float64Array.from(psi.im));
  return cmatmul(P, adjoint(P));
}
function normalize(psi: ComplexVector): ComplexVector {
  let s = 0;
  for (let k = 0; k < psi.re.length; k++) s += psi.re[k] ** 2 + psi.im[k] ** 2;
  const f = 1 / Math.sqrt(s);
  return { re: psi.re.map((x) => x * f), im: psi.im.map((x) => x * f) };
}
/** Random ascending subset of 1..L of size k. */
function randomSites(rng: Rng, L: number, k: number): number[] {
  const all = Array.from({ length: L }, (_, i) => i + 1);
  for (let i = L - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, k).sort((a, b) => a - b);
}
function maxDiff(A: ComplexMatrix, B: ComplexMatrix): number {
  return cmaxAbs(csub(A, B));
}
function vecMaxDiff(x: ComplexVector, y: ComplexVector): number {
  let m = 0;
  for (let k = 0; k < x.re.length; k++) m = Math.max(m, Math.abs(x.re[k] - y.re[k]), Math.abs(x.im[k] - y.im[k]));
  return m;
}
function commutator(A: ComplexMatrix, B: ComplexMatrix): ComplexMatrix {
  return csub(cmatmul(A, B), cmatmul(B, A));
}
function expectCode(f: () => unknown, code: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NessrefError);
  expect((caught as NessrefError).code).toBe(code);
}

// ---------- spin algebra ----------
describe("spin algebra (MODELS §0)", () => {
  it("[s^x, s^y] = i s^z cyclically, (s^α)² = 1/4, σ^± = (σ^x ± iσ^y)/2, s^+|↓⟩ = |↑⟩", () => {
    const names: PauliName[] = ["x", "y", "z"];
    for (let a = 0; a < 3; a++) {
      const A = spin(names[a]);
      const B = spin(names[(a + 1) % 3]);
      const C = spin(names[(a + 2) % 3]);
      // exact small-integer arithmetic on halves: no rounding at all
      expect(maxDiff(commutator(A, B), cscale(C, 0, 1))).toBe(0);
      expect(maxDiff(cmatmul(A, A), cscale(complexIdentity(2), 0.25))).toBe(0);
    }
    const sp = cscale(cadd(pauli("x"), cscale(pauli("y"), 0, 1)), 0.5);
    const sm = cscale(csub(pauli("x"), cscale(pauli("y"), 0, 1)), 0.5);
    expect(maxDiff(sp, pauli("+"))).toBe(0);
    expect(maxDiff(sm, pauli("-"))).toBe(0);
    expect(maxDiff(spin("+"), pauli("+"))).toBe(0);
    expect(maxDiff(spin("-"), pauli("-"))).toBe(0);
    // s^+|↓⟩ = |↑⟩ with |↑⟩ = index 0, |↓⟩ = index 1
    const up = cmatvec(spin("+"), productState([1]));
    expect(Array.from(up.re)).toEqual([1, 0]);
    expect(Array.from(cmatvec(spin("-"), productState([0])).re)).toEqual([0, 1]);
    expect(Array.from(cmatvec(spin("+"), productState([0])).re)).toEqual([0, 0]);
    // σ^z|↑⟩ = +|↑⟩; n = (1 + σ^z)/2
    expect(maxDiff(numberOp(), cscale(cadd(complexIdentity(2), pauli("z")), 0.5))).toBe(0);
    expect(maxDiff(pauli("i"), complexIdentity(2))).toBe(0);
    expectCode(() => pauli("w" as PauliName), "invalid-input");
  });

  it("embed on adjacent sites equals I ⊗ op ⊗ I; site 1 is the most significant factor", () => {
    const rng = new Rng(17);
    const op = randomComplex(rng, 4, 4);
    const I2 = complexIdentity(2);
    const viaKron = ckron(ckron(I2, op), I2);
    expect(maxDiff(embed(op, [2, 3], 4), viaKron)).toBe(0); // pure placement, no arithmetic
    const z1 = embed(pauli("z"), [1], 2);
    expect(Array.from(z1.re.filter((_, k) => k % 5 === 0))).toEqual([1, 1, -1, -1]); // |↑↑⟩,|↑↓⟩,|↓↑⟩,|↓↓⟩
    expect(Array.from(productState([1, 0, 0]).re).indexOf(1)).toBe(4);
    expectCode(() => embed(pauli("z"), [1], 15), "out-of-range");
    expectCode(() => embed(pauli("z"), [0], 3), "invalid-input");
    expectCode(() => embed(op, [2, 2], 3), "invalid-input");
    expectCode(() => embed(op, [3, 2], 3), "invalid-input");
    expectCode(() => embed(op, [1], 3), "invalid-input");
    expect(Array.from(siteOffsets([1, 3], 3))).toEqual([0, 1, 4, 5]);
    expect(Array.from(complementBases([1, 3], 3))).toEqual([0, 2]);
  });
});

// ---------- matrix-free application vs the dense embed route ----------
describe("apply: matrix-free routes agree with embed (L = 1..7)", () => {
  it("applyToState / applyLeft / applyRight / expectation / stateExpectation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (L, kRaw, seed) => {
        const rng = new Rng(seed);
        const k = Math.min(kRaw, L);
        const sites = randomSites(rng, L, k);
        const d = 1 << k;
        const N = 1 << L;
        const op = randomComplex(rng, d, d);
        const rho = randomComplex(rng, N, N);
        const psi = randomVector(rng, N);
        const E = embed(op, sites, L);
        // Each entry is a sum of ≤ 2^k (states) or ≤ N·2^k (traces) products of O(1) normals:
        // error ≤ c·(terms)·ε·(entry scale); scale ~ √terms·few, c = 50 slack.
        const tolV = 50 * d * EPS * 10;
        const tolM = 50 * d * EPS * 10;
        const tolT = 50 * N * d * EPS * 10;
        expect(vecMaxDiff(applyToState(op, sites, L, psi), cmatvec(E, psi))).toBeLessThan(tolV);
        expect(maxDiff(applyLeft(op, sites, L, rho), cmatmul(E, rho))).toBeLessThan(tolM);
        expect(maxDiff(applyRight(rho, op, sites, L), cmatmul(rho, E))).toBeLessThan(tolM);
        const t1 = expectation(op, sites, L, rho);
        const t2 = ctrace(cmatmul(E, rho));
        expect(Math.abs(t1.re - t2.re) + Math.abs(t1.im - t2.im)).toBeLessThan(tolT);
        const s1 = stateExpectation(op, sites, L, psi);
        const Epsi = cmatvec(E, psi);
        let sr = 0;
        let si = 0;
        for (let i = 0; i < N; i++) {
          sr += psi.re[i] * Epsi.re[i] + psi.im[i] * Epsi.im[i];
          si += psi.re[i] * Epsi.im[i] - psi.im[i] * Epsi.re[i];
        }
        expect(Math.abs(s1.re - sr) + Math.abs(s1.im - si)).toBeLessThan(tolT);
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it("shape errors are NessrefError invalid-input", () => {
    const op = pauli("z");
    expectCode(() => applyToState(op, [1], 2, { re: new Float64Array(3), im: new Float64Array(3) }), "invalid-input");
    expectCode(() => applyLeft(op, [1], 2, complexIdentity(3)), "invalid-input");
    expectCode(() => applyRight(complexIdentity(4), complexIdentity(4), [1], 2), "invalid-input");
    expectCode(() => expectation(op, [3], 2, complexIdentity(4)), "invalid-input");
    expectCode(() => stateExpectation(op, [1.5], 2, productState([0, 0])), "invalid-input");
  });
});

// ---------- partial trace ----------
describe("partial trace", () => {
  it("Tr_B(ρ_A ⊗ ρ_B) = ρ_A, Tr_A(ρ_A ⊗ ρ_B) = ρ_B; site order of a three-factor product", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (la, lb, seed) => {
        const rng = new Rng(seed);
        const rA = randomDensity(rng, 1 << la);
        const rB = randomDensity(rng, 1 << lb);
        const L = la + lb;
        const R = ckron(rA, rB);
        const A = Array.from({ length: la }, (_, i) => i + 1);
        const B = Array.from({ length: lb }, (_, i) => la + i + 1);
        // sums of 2^lb (resp. 2^la) positive O(1/dim) terms: relative error ≤ dim·ε, c = 50 slack
        const tol = 50 * (1 << L) * EPS;
        expect(maxDiff(partialTrace(R, A, L), rA)).toBeLessThan(tol);
        expect(maxDiff(partialTrace(R, B, L), rB)).toBeLessThan(tol);
      }),
      { numRuns: 40, seed: 1 },
    );
    const rng = new Rng(5);
    const a = randomDensity(rng, 2);
    const b = randomDensity(rng, 2);
    const c = randomDensity(rng, 2);
    const abc = ckron(ckron(a, b), c);
    const tol = 50 * 8 * EPS; // as above
    expect(maxDiff(partialTrace(abc, [1, 3], 3), ckron(a, c))).toBeLessThan(tol);
    expect(maxDiff(partialTrace(abc, [2], 3), b)).toBeLessThan(tol);
    expect(maxDiff(partialTrace(abc, [1, 2, 3], 3), abc)).toBe(0); // nothing traced: a copy
  });

  it("trace preserved; Tr_¬K(embed(op,K)·ρ) = op·Tr_¬K(ρ); reducedFromState = partialTrace(|ψ⟩⟨ψ|)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), fc.integer(), (L, kRaw, seed) => {
        const rng = new Rng(seed);
        const k = Math.min(kRaw, L);
        const keep = randomSites(rng, L, k);
        const N = 1 << L;
        const rho = randomDensity(rng, N);
        const red = partialTrace(rho, keep, L);
        const tr = ctrace(red);
        // sum of N positive terms of size ~1/N: error ≤ N·ε, c = 50 slack
        expect(Math.abs(tr.re - 1) + Math.abs(tr.im)).toBeLessThan(50 * N * EPS);
        const op = randomComplex(rng, 1 << k, 1 << k);
        const lhs = partialTrace(cmatmul(embed(op, keep, L), rho), keep, L);
        const rhs = cmatmul(op, red);
        // entries are sums of N·2^k products of O(1)·O(1/N·…) terms; c = 50 slack × O(1) op scale 10
        expect(maxDiff(lhs, rhs)).toBeLessThan(50 * 10 * N * EPS);
        const psi = normalize(randomVector(rng, N));
        const P = pureDensity(psi);
        expect(maxDiff(reducedFromState(psi, keep, L), partialTrace(P, keep, L))).toBeLessThan(50 * N * EPS);
      }),
      { numRuns: 60, seed: 2 },
    );
    expectCode(() => partialTrace(complexIdentity(3), [1], 2), "invalid-input");
    expectCode(() => reducedFromState(productState([0, 0]), [2, 1], 2), "invalid-input");
  });
});

// ---------- entropy and distances ----------
describe("entropy and trace distance", () => {
  it("S = 0 for product pure states, ln 2 for half a Bell pair, ln d for the maximally mixed state", () => {
    // eigenvalue error ≤ c·n·ε (backward-stable Hermitian eigensolver); −p ln p near p = 0 amplifies
    // an error δ to δ·|ln δ| ≈ 40·δ, so 1e-12 is a safe bound for n ≤ 16
    const tol = 1e-12;
    const prod = productState([0, 1, 1]);
    expect(Math.abs(vonNeumannEntropy(pureDensity(prod)))).toBeLessThan(tol);
    expect(Math.abs(vonNeumannEntropy(reducedFromState(prod, [2], 3)))).toBeLessThan(tol);
    const bell: ComplexVector = { re: Float64Array.of(Math.SQRT1_2, 0, 0, Math.SQRT1_2), im: new Float64Array(4) };
    const half = reducedFromState(bell, [1], 2);
    expect(Math.abs(vonNeumannEntropy(half) - Math.LN2)).toBeLessThan(tol);
    expect(Math.abs(vonNeumannEntropy(pureDensity(bell)))).toBeLessThan(tol);
    for (const d of [2, 3, 8, 16]) {
      expect(Math.abs(vonNeumannEntropy(cscale(complexIdentity(d), 1 / d)) - Math.log(d))).toBeLessThan(tol);
    }
    expect(entropyOfSpectrum(Float64Array.of(1, 0, -1e-17))).toBe(0);
    expect(purity(cscale(complexIdentity(4), 0.25))).toBe(0.25);
  });

  it("subadditivity and Araki–Lieb on random states; trace distance in [0,1], symmetric, triangle", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 5 }), fc.integer(), fc.boolean(), (L, seed, pure) => {
        const rng = new Rng(seed);
        const N = 1 << L;
        const la = 1 + rng.int(L - 1);
        const rho = pure ? pureDensity(normalize(randomVector(rng, N))) : randomDensity(rng, N);
        const A = Array.from({ length: la }, (_, i) => i + 1);
        const B = Array.from({ length: L - la }, (_, i) => la + i + 1);
        const S = vonNeumannEntropy(rho);
        const SA = vonNeumannEntropy(partialTrace(rho, A, L));
        const SB = vonNeumannEntropy(partialTrace(rho, B, L));
        // entropies are accurate to ~1e-12 (see above); the inequalities are checked with that slack
        const tol = 1e-10;
        expect(S).toBeLessThanOrEqual(SA + SB + tol);
        expect(Math.abs(SA - SB)).toBeLessThanOrEqual(S + tol);
        expect(S).toBeLessThanOrEqual(Math.log(N) + tol);
        if (pure) expect(Math.abs(SA - SB)).toBeLessThan(tol); // Schmidt decomposition
        const s2 = randomDensity(rng, N);
        const s3 = randomDensity(rng, N);
        const d12 = traceDistance(rho, s2);
        const d21 = traceDistance(s2, rho);
        const d23 = traceDistance(s2, s3);
        const d13 = traceDistance(rho, s3);
        expect(d12).toBeGreaterThanOrEqual(0);
        expect(d12).toBeLessThanOrEqual(1 + tol);
        expect(Math.abs(d12 - d21)).toBeLessThan(tol);
        expect(d13).toBeLessThanOrEqual(d12 + d23 + tol);
        expect(traceDistance(rho, rho)).toBeLessThan(tol);
        const p = purity(rho);
        expect(p).toBeLessThanOrEqual(1 + tol);
        expect(p).toBeGreaterThanOrEqual(1 / N - tol);
        const chk = isDensityMatrix(rho);
        expect(chk.valid).toBe(true);
      }),
      { numRuns: 50, seed: 3 },
    );
    // orthogonal pure states are at distance 1; a non-density matrix is flagged
    expect(Math.abs(traceDistance(pureDensity(productState([0])), pureDensity(productState([1]))) - 1)).toBeLessThan(1e-15);
    const bad = isDensityMatrix(pauli("z"));
    expect(bad.valid).toBe(false);
    expect(bad.trace).toBe(0);
    expect(bad.minEigenvalue).toBeCloseTo(-1, 14);
    expect(isDensityMatrix(pauli("+")).hermitian).toBe(false);
  });
});

// ---------- passive states, ergotropy, Gibbs ----------
describe("passive state, ergotropy and Gibbs states (MODELS §6)", () => {
  it("ergotropy ≥ 0 for random ρ, H; passive state commutes with H and is isospectral with ρ", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer(), (n, seed) => {
        const rng = new Rng(seed);
        const H = randomHermitian(rng, n);
        const rho = randomDensity(rng, n);
        const scale = cmaxAbs(H) * n;
        // Tr(ρH) and Σ r E carry errors ≤ c·n·ε·‖H‖ (eigenvalues backward stable), c = 100 slack
        const tol = 100 * n * EPS * scale;
        expect(ergotropy(rho, H)).toBeGreaterThan(-tol);
        const ps = passiveState(rho, H);
        expect(maxDiff(commutator(ps.state, H), complexMatrix(n, n))).toBeLessThan(tol);
        const ev = hermEigvalues(ps.state);
        const er = hermEigvalues(rho);
        for (let k = 0; k < n; k++) expect(Math.abs(ev[k] - er[k])).toBeLessThan(100 * n * EPS);
        for (let k = 1; k < n; k++) {
          expect(ps.energies[k]).toBeGreaterThanOrEqual(ps.energies[k - 1]);
          expect(ps.populations[k]).toBeLessThanOrEqual(ps.populations[k - 1]);
        }
        expect(Math.abs(ergotropy(ps.state, H))).toBeLessThan(tol);
      }),
      { numRuns: 60, seed: 4 },
    );
  });

  it("Gibbs states: zero ergotropy for β ≥ 0, positive for β < 0; agree with exp(−βH)/Z", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.double({ min: -5, max: 5, noNaN: true }), fc.integer(), (n, beta, seed) => {
        const rng = new Rng(seed);
        const H = randomHermitian(rng, n);
        const rho = gibbsState(H, beta);
        const chk = isDensityMatrix(rho, 1e-12);
        expect(chk.valid).toBe(true);
        const scale = cmaxAbs(H) * n;
        // Gibbs state is passive for β ≥ 0: ergotropy is rounding only, ≤ c·n·ε·‖H‖, c = 100 slack
        const tol = 100 * n * EPS * scale;
        if (beta >= 0) expect(Math.abs(ergotropy(rho, H))).toBeLessThan(tol);
        // Second road: scaling-and-squaring exponential; its relative error is O(‖βH‖·ε·10²) at these sizes
        const ex = cexpm(cscale(H, -beta));
        const Z = ctrace(ex).re;
        const viaExpm = cscale(ex, 1 / Z);
        expect(maxDiff(rho, viaExpm)).toBeLessThan(1e-9);
      }),
      { numRuns: 60, seed: 6 },
    );
    // β < 0 on a non-degenerate spectrum inverts populations: ergotropy strictly positive
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.integer(), (n, b, seed) => {
        const rng = new Rng(seed);
        const H = randomHermitian(rng, n); // GUE spectrum: non-degenerate with probability 1
        const E = hermEigvalues(H);
        const rho = gibbsState(H, -b);
        // analytic value: Σ_k p_k (E_k − E_{n−1−k}) with p_k ∝ e^{+b E_k}, computed independently
        const w = Array.from(E, (e) => Math.exp(b * (e - E[n - 1])));
        const Z = w.reduce((x, y) => x + y, 0);
        let expected = 0;
        for (let k = 0; k < n; k++) expected += (w[k] / Z) * (E[k] - E[n - 1 - k]);
        const got = ergotropy(rho, H);
        expect(expected).toBeGreaterThan(0);
        expect(got).toBeGreaterThan(0);
        // both are O(‖H‖) sums with ≤ c·n·ε·‖H‖ rounding, c = 100 slack (plus eigenvector error of ρ)
        expect(Math.abs(got - expected)).toBeLessThan(1e-10 * cmaxAbs(H) * n);
      }),
      { numRuns: 40, seed: 8 },
    );
    // extreme β does not overflow (shifted exponentials)
    const H = complexMatrix(2, 2, Float64Array.of(1, 0, 0, -1), new Float64Array(4));
    const cold = gibbsState(H, 1e4);
    expect(cold.re[3]).toBe(1);
    const inv = gibbsState(H, -1e4);
    expect(inv.re[0]).toBe(1);
    expect(Math.abs(ergotropy(inv, H) - 2)).toBeLessThan(1e-15);
    expectCode(() => gibbsState(H, NaN), "invalid-input");
  });
});

// ---------- U(1) sectors ----------
describe("U(1) magnetization sectors", () => {
  it("dimensions sum to 2^L; states have the right up-count; index map is the inverse", () => {
    for (let L = 1; L <= 10; L++) {
      let total = 0;
      const seen = new Int32Array(1 << L);
      for (let n = 0; n <= L; n++) {
        const { states, index } = sectorBasis(L, n);
        expect(states.length).toBe(sectorDimension(L, n));
        total += states.length;
        for (let k = 0; k < states.length; k++) {
          const s = states[k];
          if (k > 0) expect(s).toBeGreaterThan(states[k - 1]);
          expect(upCount(s, L)).toBe(n);
          expect(magnetizationOf(s, L)).toBe(n - L / 2);
          expect(index[s]).toBe(k);
          seen[s]++;
        }
        let inside = 0;
        for (let i = 0; i < index.length; i++) if (index[i] >= 0) inside++;
        expect(inside).toBe(states.length);
      }
      expect(total).toBe(1 << L);
      expect(seen.every((c) => c === 1)).toBe(true);
    }
    // bit value 0 = ↑: the all-zero index is the all-up state, and it agrees with Σ⟨s^z⟩
    expect(upCount(0, 4)).toBe(4);
    const L = 5;
    for (let i = 0; i < 1 << L; i++) {
      let m = 0;
      for (let s = 1; s <= L; s++) m += expectation(spin("z"), [s], L, pureDensity(basis(i, 1 << L))).re;
      expect(magnetizationOf(i, L)).toBe(m);
    }
    expect(sectorDimension(30, 15)).toBe(155117520);
    expectCode(() => sectorBasis(3, 4), "invalid-input");
    expectCode(() => sectorBasis(27, 1), "out-of-range");
    expectCode(() => upCount(8, 3), "invalid-input");
  });

  it("equal-magnetization Liouville block has dimension C(2L, L) and only equal-magnetization pairs", () => {
    for (let L = 1; L <= 7; L++) {
      const blk = equalMagnetizationBlock(L);
      const N = 1 << L;
      expect(blk.dim).toBe(sectorDimension(2 * L, L));
      let sumSq = 0;
      for (let n = 0; n <= L; n++) sumSq += sectorDimension(L, n) ** 2;
      expect(blk.dim).toBe(sumSq);
      for (let k = 0; k < blk.dim; k++) {
        expect(upCount(blk.rows[k], L)).toBe(upCount(blk.cols[k], L));
        expect(blk.vec[k]).toBe(blk.cols[k] * N + blk.rows[k]);
        expect(blk.index[blk.vec[k]]).toBe(k);
        if (k > 0) expect(blk.vec[k]).toBeGreaterThan(blk.vec[k - 1]);
      }
      let inside = 0;
      for (let p = 0; p < N * N; p++) if (blk.index[p] >= 0) inside++;
      expect(inside).toBe(blk.dim);
    }
    expectCode(() => equalMagnetizationBlock(13), "out-of-range");
  });
});

function basis(i: number, N: number): ComplexVector {
  const re = new Float64Array(N);
  re[i] = 1;
  return { re, im: new Float64Array(N) };
}
