/**
 * Properties of the exact-diagonalization quench road `edQuench` (CONTRACT `quench`, CONVENTIONS
 * §1, §7): agreement with an independent brute-force road in the full 2^L space, conservation
 * laws, continuity equations, entropy bounds, a closed form at L = 2, the split ground state, its
 * degeneracy detection and the input errors.
 *
 * Tolerances (each stated where it is used):
 * - Two roads (1e-10). Both are backward-stable dense eigensolvers (error O(n ε ‖H‖), n ≤ 256,
 *   ‖H‖ ≤ 20 here: ≲ 1e-12 on eigenvalues); the evolution multiplies the phase error by t ≤ 5 and
 *   the split ground state is as accurate as n ε ‖H'‖ / gap with a gap required ≥ 1e-2 (checked),
 *   so ≲ 1e-11 on every observable.
 * - Conservation (1e-10): ⟨H⟩ and Σ⟨s^z⟩ are exactly constant for the exact ψ(t); the computed ψ(t)
 *   is V e^{−iΛt} Vᵀψ(0) with orthogonal V to O(n ε), so the drift is rounding, ≲ n ε ‖H‖.
 * - Continuity by a centred difference: (f(t+dt) − f(t−dt))/(2dt) − f'(t) = dt² f'''(ξ)/6, and
 *   |f'''| = |⟨[H,[H,[H,A]]]⟩| is bounded through ‖[H, X]‖ ≤ 2 Σ_{b ∩ supp X} ‖e_b‖ ‖X‖ (see
 *   `continuityBound`), plus a rounding term (observable rounding ≈ 1e-13 divided by 2dt).
 * - Entropy: exactly 0 for a product state (the reduced matrix is a projector; its eigenvalues are
 *   1 and 0 to ≈ 1e-16, whose −p ln p is ≲ 1e-14: tolerance 1e-12), and ≤ (L/2) ln 2 (the log of the
 *   dimension of the half chain) + 1e-12 rounding.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ED_QUENCH_MAX_L, edQuench, type EdQuenchFrame } from "../src/open/quench.js";
import { chainHamiltonianDense } from "../src/open/lindblad.js";
import { energyCurrentOperator, heisenbergXzChain, xxzChain, type ChainModel } from "../src/models/chain.js";
import { embed, spin } from "../src/quantum/spin.js";
import { hermEig, hermEigvalues } from "../src/linalg/symeig.js";
import { cadd, cmatvec, cscale } from "../src/linalg/dense.js";
import { complexMatrix, type ComplexMatrix, type ComplexVector } from "../src/linalg/matrix.js";
import { NessrefError } from "../src/errors.js";

// Uniform on [min, max] (2^30 steps); fc.double would draw mostly |x| ≪ 1 (uniform in bit patterns).
const real = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((k) => min + ((max - min) * k) / 2 ** 30);
const arr = (n: number, min: number, max: number) => fc.array(real(min, max), { minLength: n, maxLength: n });

/**
 * Random XXZ chains at even L. |Δ_b| ≤ 0.9 keeps the ground state of H' unique: the gauge
 * Π_{i ≤ L/2, i ≡ L/2 (mod 2)} σ^z_i maps H' to an antiferromagnetic XXZ chain with |Δ'_b| ≤ 0.9
 * (unique ground state at zero magnetization, gapped at finite L); the gap is checked anyway.
 */
const paramsArb = (L: number) =>
  fc.record({ J: fc.oneof(real(0.5, 1.5), real(-1.5, -0.5)), delta: arr(L - 1, -0.9, 0.9), fields: arr(L, -1, 1) });
const chainArb = (L: number) => paramsArb(L).map((p) => xxzChain({ L, ...p }));

// ------------------------------------------------------------------ the brute-force road
// Full 2^L space, complex Hermitian eigensolver, operators embedded as 2^L × 2^L matrices and the
// half-chain entropy from the 2^{L/2} × 2^{L/2} reshaping of ψ — no sector or apply.ts code.

function vdot(a: ComplexVector, b: ComplexVector): { re: number; im: number } {
  let re = 0, im = 0;
  for (let k = 0; k < a.re.length; k++) {
    re += a.re[k] * b.re[k] + a.im[k] * b.im[k];
    im += a.re[k] * b.im[k] - a.im[k] * b.re[k];
  }
  return { re, im };
}

function expect_(op: ComplexMatrix, psi: ComplexVector): number {
  return vdot(psi, cmatvec(op, psi)).re;
}

function column(V: ComplexMatrix, c: number): ComplexVector {
  const n = V.rows;
  const re = new Float64Array(n), im = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    re[i] = V.re[i * n + c];
    im[i] = V.im[i * n + c];
  }
  return { re, im };
}

/** H' = Σ_b λ_b h_b, dense, and its ground state with the gap to the next level (all sectors pooled). */
function bruteSplitGround(model: ChainModel): { psi: ComplexVector; gap: number; E0: number; Hp: ComplexMatrix } {
  const L = model.L;
  const N = 2 ** L;
  let Hp = complexMatrix(N, N);
  model.cleanBonds.forEach((h, b) => {
    Hp = cadd(Hp, cscale(embed(h, [b + 1, b + 2], L), b + 1 <= L / 2 ? -1 : 1));
  });
  const { values, vectors } = hermEig(Hp);
  return { psi: column(vectors, 0), gap: values[1] - values[0], E0: values[0], Hp };
}

function bruteInitial(model: ChainModel, initial: "domain-wall" | "split-ground-state"): ComplexVector {
  const L = model.L;
  const N = 2 ** L;
  if (initial === "domain-wall") {
    const psi = { re: new Float64Array(N), im: new Float64Array(N) };
    psi.re[2 ** (L / 2) - 1] = 1; // bits of sites L/2+1..L set (↓)
    return psi;
  }
  const g = bruteSplitGround(model);
  expect(g.gap).toBeGreaterThan(1e-2); // precondition of the 1e-10 tolerance (see the header)
  return g.psi;
}

function entropyOfHalf(psi: ComplexVector, L: number): number {
  // ψ[a·2^{L/2} + r]: a = left-half index (site 1 most significant), r = right half. ρ_A = M M†.
  const d = 2 ** (L / 2);
  const rho = complexMatrix(d, d);
  for (let a = 0; a < d; a++) {
    for (let c = 0; c < d; c++) {
      let re = 0, im = 0;
      for (let r = 0; r < d; r++) {
        const xr = psi.re[a * d + r], xi = psi.im[a * d + r];
        const yr = psi.re[c * d + r], yi = -psi.im[c * d + r];
        re += xr * yr - xi * yi;
        im += xr * yi + xi * yr;
      }
      rho.re[a * d + c] = re;
      rho.im[a * d + c] = im;
    }
  }
  let S = 0;
  for (const p of hermEigvalues(rho)) if (p > 0) S -= p * Math.log(p);
  return S;
}

function bruteQuench(model: ChainModel, initial: "domain-wall" | "split-ground-state", times: readonly number[]): EdQuenchFrame[] {
  const L = model.L;
  const H = chainHamiltonianDense(model);
  const { values, vectors } = hermEig(H);
  const N = H.rows;
  const psi0 = bruteInitial(model, initial);
  // coefficients c_k = ⟨w_k|ψ0⟩
  const coef = Array.from({ length: N }, (_, k) => vdot(column(vectors, k), psi0));
  const sz = Array.from({ length: L }, (_, i) => embed(spin("z"), [i + 1], L));
  const eb = model.bondEnergies.map((e, b) => embed(e, [b + 1, b + 2], L));
  const jb = model.bondCurrents.map((j, b) => embed(j, [b + 1, b + 2], L));
  const jE = Array.from({ length: L - 2 }, (_, k) => embed(energyCurrentOperator(model, k + 2), [k + 1, k + 2, k + 3], L));
  return times.map((t) => {
    const psi = { re: new Float64Array(N), im: new Float64Array(N) };
    for (let k = 0; k < N; k++) {
      // e^{−iE_k t} c_k
      const cr = Math.cos(values[k] * t), ci = -Math.sin(values[k] * t);
      const ar = cr * coef[k].re - ci * coef[k].im, ai = cr * coef[k].im + ci * coef[k].re;
      for (let i = 0; i < N; i++) {
        const vr = vectors.re[i * N + k], vi = vectors.im[i * N + k];
        psi.re[i] += vr * ar - vi * ai;
        psi.im[i] += vr * ai + vi * ar;
      }
    }
    return {
      t,
      magnetization: Float64Array.from(sz.map((o) => expect_(o, psi))),
      bondEnergy: Float64Array.from(eb.map((o) => expect_(o, psi))),
      spinCurrent: Float64Array.from(jb.map((o) => expect_(o, psi))),
      energyCurrent: Float64Array.from(jE.map((o) => expect_(o, psi))),
      entropy: entropyOfHalf(psi, L),
    };
  });
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let k = 0; k < a.length; k++) m = Math.max(m, Math.abs(a[k] - b[k]));
  return m;
}

function allFinite(f: EdQuenchFrame): boolean {
  return [f.magnetization, f.bondEnergy, f.spinCurrent, f.energyCurrent, [f.entropy, f.t]].every((a) => Array.from(a).every(Number.isFinite));
}

const spectralNorm = (A: ComplexMatrix) => Math.max(...Array.from(hermEigvalues(A), Math.abs));

/**
 * Bound on |d³⟨A⟩/dt³| = |⟨[H,[H,[H,A]]]⟩| for A on `sites0` consecutive sites touched by
 * `bonds0` bonds: each commutator with H = Σ e_b only involves the bonds overlapping the current
 * support (‖[H, X]‖ ≤ 2·(#bonds)·e·‖X‖, e = max ‖e_b‖), and widens the support by one site on each side.
 */
function continuityBound(normA: number, sites0: number, e: number): number {
  let n = normA;
  let sites = sites0;
  for (let k = 0; k < 3; k++) {
    n *= 2 * (sites + 1) * e; // a support of s consecutive sites overlaps at most s + 1 bonds
    sites += 2;
  }
  return n;
}

const TIMES = fc.array(real(0, 5), { minLength: 1, maxLength: 3 }).map((ts) => [0, ...ts]);

describe("edQuench against the brute-force 2^L road", () => {
  for (const L of [4, 6, 8]) {
    for (const initial of ["domain-wall", "split-ground-state"] as const) {
      it(`L = ${L}, ${initial}: every observable to 1e-10 (two backward-stable eigensolvers, see header)`, () => {
        fc.assert(
          fc.property(chainArb(L), TIMES, (model, times) => {
            const ed = edQuench(model, initial, times);
            const bf = bruteQuench(model, initial, times);
            expect(ed.length).toBe(times.length);
            ed.forEach((f, k) => {
              expect(allFinite(f)).toBe(true);
              expect(f.t).toBe(times[k]);
              expect(f.magnetization.length).toBe(L);
              expect(f.bondEnergy.length).toBe(L - 1);
              expect(f.spinCurrent.length).toBe(L - 1);
              expect(f.energyCurrent.length).toBe(L - 2);
              expect(maxDiff(f.magnetization, bf[k].magnetization)).toBeLessThan(1e-10);
              expect(maxDiff(f.bondEnergy, bf[k].bondEnergy)).toBeLessThan(1e-10);
              expect(maxDiff(f.spinCurrent, bf[k].spinCurrent)).toBeLessThan(1e-10);
              expect(maxDiff(f.energyCurrent, bf[k].energyCurrent)).toBeLessThan(1e-10);
              expect(Math.abs(f.entropy - bf[k].entropy)).toBeLessThan(1e-10);
            });
          }),
          { numRuns: L === 8 ? 3 : 8 },
        );
      });
    }
  }
});

describe("edQuench conservation, continuity and entropy", () => {
  it("⟨H⟩ = Σ_b ⟨e_b⟩ and Σ_i ⟨s^z_i⟩ are constant in time (to 1e-10, rounding only)", () => {
    fc.assert(
      fc.property(fc.constantFrom(4, 6, 8, 10), fc.constantFrom("domain-wall", "split-ground-state" as const), fc.integer({ min: 0, max: 2 ** 30 }), (L, initial, seed) => {
        const model = fc.sample(chainArb(L), { seed, numRuns: 1 })[0];
        const frames = edQuench(model, initial as "domain-wall" | "split-ground-state", [0, 0.7, 2.3, 9.1, 40]);
        const E = frames.map((f) => f.bondEnergy.reduce((s, x) => s + x, 0));
        const M = frames.map((f) => f.magnetization.reduce((s, x) => s + x, 0));
        for (let k = 1; k < frames.length; k++) {
          expect(Math.abs(E[k] - E[0])).toBeLessThan(1e-10);
          expect(Math.abs(M[k] - M[0])).toBeLessThan(1e-10);
        }
        // both initial states have zero magnetization for the XXZ chain (split: by spin-flip symmetry of H')
        expect(Math.abs(M[0])).toBeLessThan(1e-10);
      }),
      { numRuns: 8 },
    );
  });

  it("continuity d⟨s^z_i⟩/dt = j^S_{i−1} − j^S_i and d⟨e_b⟩/dt = j^E_b − j^E_{b+1} by a centred difference (O(dt²) bound)", () => {
    const dt = 1e-3;
    // rounding of each observable ≈ 1e-13 (n ε ‖O‖ with n ≤ 256), divided by 2dt: 1e-10; 1e-9 for margin
    const rounding = 1e-9;
    fc.assert(
      fc.property(fc.constantFrom(4, 6, 8), fc.constantFrom("domain-wall", "split-ground-state" as const), real(0.2, 3), fc.integer({ min: 0, max: 2 ** 30 }), (L, initial, t, seed) => {
        const model = fc.sample(chainArb(L), { seed, numRuns: 1 })[0];
        const e = Math.max(...model.bondEnergies.map(spectralNorm));
        const [fm, f0, fp] = edQuench(model, initial as "domain-wall" | "split-ground-state", [t - dt, t, t + dt]);
        // s^z_i: ‖A‖ = ½ on one site; |error| ≤ dt²/6 · bound
        const tolS = (dt * dt / 6) * continuityBound(0.5, 1, e) + rounding;
        for (let i = 1; i <= L; i++) {
          const lhs = (fp.magnetization[i - 1] - fm.magnetization[i - 1]) / (2 * dt);
          const rhs = (i > 1 ? f0.spinCurrent[i - 2] : 0) - (i < L ? f0.spinCurrent[i - 1] : 0);
          expect(Math.abs(lhs - rhs)).toBeLessThan(tolS);
        }
        // e_b: ‖A‖ = e on two sites; j^E_1 = j^E_L = 0 (open ends)
        const tolE = (dt * dt / 6) * continuityBound(e, 2, e) + rounding;
        const jE = (i: number) => (i >= 2 && i <= L - 1 ? f0.energyCurrent[i - 2] : 0);
        for (let b = 1; b <= L - 1; b++) {
          const lhs = (fp.bondEnergy[b - 1] - fm.bondEnergy[b - 1]) / (2 * dt);
          expect(Math.abs(lhs - (jE(b) - jE(b + 1)))).toBeLessThan(tolE);
        }
      }),
      { numRuns: 12 },
    );
  });

  it("the centred-difference error shrinks as dt² (a wrong current would leave an O(1) remainder)", () => {
    const model = xxzChain({ L: 6, J: 1, delta: [0, 0, 0, 0.7, 0.7], fields: [0.3, -0.2, 0.1, 0, 0.4, -0.5] });
    const err = (dt: number) => {
      const [fm, f0, fp] = edQuench(model, "domain-wall", [1 - dt, 1, 1 + dt]);
      const lhs = (fp.magnetization[2] - fm.magnetization[2]) / (2 * dt);
      return Math.abs(lhs - (f0.spinCurrent[1] - f0.spinCurrent[2]));
    };
    const e1 = err(1e-2), e2 = err(1e-3);
    // ratio 100 for a pure dt² error; [50, 200] allows the dt⁴ term and rounding (≈ 1e-10 at dt = 1e-3)
    expect(e1 / e2).toBeGreaterThan(50);
    expect(e1 / e2).toBeLessThan(200);
  });

  it("entropy: 0 at t = 0 for the domain wall (product state), within [0, (L/2) ln 2] always", () => {
    fc.assert(
      fc.property(fc.constantFrom(4, 6, 8, 10), fc.constantFrom("domain-wall", "split-ground-state" as const), fc.integer({ min: 0, max: 2 ** 30 }), (L, initial, seed) => {
        const model = fc.sample(chainArb(L), { seed, numRuns: 1 })[0];
        const frames = edQuench(model, initial as "domain-wall" | "split-ground-state", [0, 0.5, 3, 20]);
        if (initial === "domain-wall") expect(Math.abs(frames[0].entropy)).toBeLessThan(1e-12);
        for (const f of frames) {
          expect(f.entropy).toBeGreaterThanOrEqual(-1e-12);
          expect(f.entropy).toBeLessThanOrEqual((L / 2) * Math.LN2 + 1e-12);
        }
        // and at t = 0 the domain wall is returned exactly (edQuench measures ψ(0) itself there)
        if (initial === "domain-wall") {
          expect(Array.from(frames[0].magnetization)).toEqual(Array.from({ length: L }, (_, i) => (i < L / 2 ? 0.5 : -0.5)));
        }
      }),
      { numRuns: 8 },
    );
  });
});

describe("edQuench closed form at L = 2", () => {
  it("|↑↓⟩ under J(s^x s^x + s^y s^y) + Δ s^z s^z: ⟨s^z_1⟩ = ½cos(Jt), j^S = ½J sin(Jt), S = binary entropy of cos²(Jt/2)", () => {
    fc.assert(
      fc.property(real(-2, 2), real(-2, 2), real(0, 10), (J, delta, t) => {
        const [f] = edQuench(xxzChain({ L: 2, J, delta }), "domain-wall", [t]);
        // ψ(t) = cos(Jt/2)|↑↓⟩ − i sin(Jt/2)|↓↑⟩ (up to a phase): the zz term is a constant −JΔ/4 in the sector
        const c2 = Math.cos((J * t) / 2) ** 2, s2 = 1 - c2;
        const S = (c2 > 0 ? -c2 * Math.log(c2) : 0) - (s2 > 0 ? s2 * Math.log(s2) : 0);
        // 1e-12: a 2×2 eigenproblem, rounding ≈ 10 ε |J| t; the entropy is ill-conditioned only where
        // c2 or s2 → 0 (derivative ln p), so its tolerance is 1e-9 there
        expect(Math.abs(f.magnetization[0] - 0.5 * Math.cos(J * t))).toBeLessThan(1e-12);
        expect(Math.abs(f.magnetization[1] + 0.5 * Math.cos(J * t))).toBeLessThan(1e-12);
        expect(Math.abs(f.spinCurrent[0] - 0.5 * J * Math.sin(J * t))).toBeLessThan(1e-12);
        expect(Math.abs(f.entropy - S)).toBeLessThan(1e-9);
        expect(f.energyCurrent.length).toBe(0);
        // ⟨e_1⟩ = ⟨H⟩ = −JΔ/4 (the hopping has zero mean in |↑↓⟩)
        expect(Math.abs(f.bondEnergy[0] + (J * delta) / 4)).toBeLessThan(1e-12);
      }),
      { numRuns: 30 },
    );
  });
});

describe("edQuench split ground state", () => {
  it("is the lowest eigenstate of H' over all sectors: Σ_b λ_b ⟨h_b⟩ at t = 0 equals E0 of the dense 2^L H' (variational, so ψ is the ground state)", () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 6), fc.integer({ min: 0, max: 2 ** 30 }), (L, seed) => {
        const p = fc.sample(paramsArb(L), { seed, numRuns: 1 })[0];
        const model = xxzChain({ L, ...p });
        const g = bruteSplitGround(model); // hermEig of the full 2^L H': every sector pooled
        expect(g.gap).toBeGreaterThan(1e-2);
        const [f] = edQuench(model, "split-ground-state", [0]);
        // ⟨h_b⟩ = ⟨e_b⟩ − w_b h_b ⟨s^z_b⟩ − w'_{b+1} h_{b+1} ⟨s^z_{b+1}⟩ (field weights of §0)
        let Ep = 0;
        for (let b = 1; b <= L - 1; b++) {
          const w1 = b === 1 ? 1 : 0.5, w2 = b === L - 1 ? 1 : 0.5;
          const hb = f.bondEnergy[b - 1] - w1 * p.fields[b - 1] * f.magnetization[b - 1] - w2 * p.fields[b] * f.magnetization[b];
          Ep += (b <= L / 2 ? -1 : 1) * hb;
        }
        // ⟨H'⟩ − E0 ≥ gap (1 − |⟨Ψ1|ψ⟩|²) ≥ 0: agreement to 1e-10 (rounding, see header) pins ψ to the
        // ground state up to 1e-10/gap ≤ 1e-8 in weight
        expect(Math.abs(Ep - g.E0)).toBeLessThan(1e-10);
        // and the brute-force state is an eigenvector of H' to rounding
        expect(Math.abs(expect_(g.Hp, g.psi) - g.E0)).toBeLessThan(1e-10);
      }),
      { numRuns: 12 },
    );
  });

  it("a degenerate ground state of H' is refused: SU(2)-symmetric H' (Δ = 1), Ising-like left half, J = 0", () => {
    const cases: ChainModel[] = [
      xxzChain({ L: 2, J: 1, delta: 1 }), // −h_1: the triplet is the ground level (3-fold, across sectors)
      xxzChain({ L: 4, J: 1, delta: 1 }), // ferro 1–2–3 (S = 3/2) ⊗ AF to site 4: S = 1 ground level
      xxzChain({ L: 6, J: 1, delta: [3, 3, 3, 0.5, 0.5] }), // −3 s^z s^z on the left half: ↑↑↑/↓↓↓ pair
      xxzChain({ L: 4, J: 0, delta: 0.5 }), // H' = 0
    ];
    for (const m of cases) {
      let err: unknown;
      try {
        edQuench(m, "split-ground-state", [0, 1]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(NessrefError);
      expect((err as NessrefError).code).toBe("non-unique-ness");
      expect((err as NessrefError).path).toBe("/initial");
      expect((err as NessrefError).message).toMatch(/degenerate ground state/);
      // the brute force agrees that these are degenerate (gap 0 to rounding)
      expect(bruteSplitGround(m).gap).toBeLessThan(1e-10);
      // the domain wall of the same chain is fine
      expect(edQuench(m, "domain-wall", [0.5]).every(allFinite)).toBe(true);
    }
  });
});

describe("edQuench input errors", () => {
  const code = (f: () => unknown): [string, string] => {
    try {
      f();
    } catch (e) {
      if (e instanceof NessrefError) return [e.code, e.path];
      throw e;
    }
    return ["none", ""];
  };
  const m4 = xxzChain({ L: 4, J: 1, delta: 0.5 });
  it("odd L, L > ED_QUENCH_MAX_L, bad times, bad initial, a non-conserving model", () => {
    expect(code(() => edQuench(xxzChain({ L: 5, J: 1, delta: 0.5 }), "domain-wall", [0]))).toEqual(["invalid-input", "/L"]);
    expect(code(() => edQuench(xxzChain({ L: ED_QUENCH_MAX_L + 2, J: 1, delta: 0.5 }), "domain-wall", [0]))).toEqual(["resource-limit", "/L"]);
    expect(code(() => edQuench(m4, "domain-wall", [0, -1]))).toEqual(["invalid-input", "/times/1"]);
    expect(code(() => edQuench(m4, "domain-wall", [Number.NaN]))).toEqual(["invalid-input", "/times/0"]);
    expect(code(() => edQuench(m4, "domain-wall", [Infinity]))).toEqual(["invalid-input", "/times/0"]);
    expect(code(() => edQuench(m4, "neel" as "domain-wall", [0]))).toEqual(["invalid-input", "/initial"]);
    const xz = heisenbergXzChain({ L: 4, h: 1, zetaZ: [0.1, 0.2, 0.3, 0.4], zetaX: [0.5, 0, 0, 0] });
    expect(code(() => edQuench(xz, "domain-wall", [0]))).toEqual(["invalid-input", ""]);
    expect(edQuench(m4, "domain-wall", [])).toEqual([]);
  });
});
