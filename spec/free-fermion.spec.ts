/**
 * Properties of the free-fermion road (CONVENTIONS §2, §7; `src/exact/freeFermion.ts`,
 * `src/exact/freeFermionQuench.ts`): the NESS two-point function C_ij = ⟨a†_i a_j⟩ against the ED
 * road (`chainNess`), the structured (closed-form) road against the general (eigen-decomposition)
 * road, physicality of C, the exactly known equilibrium state, ballistic and diffusive transport
 * with their closed forms (decimal.js), the Gaussian quench against brute-force dense evolution,
 * the domain-wall melting profile, and errors.
 *
 * Tolerances are stated where they are used, each with its reason. The recurring ones:
 * - the general road solves M C + C M† + F + 𝓡(C) = 0 through the eigen-decomposition of the
 *   non-normal L×L matrix M (O(L³)) and checks its own residual; entries carry rounding of order
 *   κ(V)·L·ε (κ(V) the condition number of the eigenvectors, ≲ 10 for the ranges here);
 * - the structured road is a closed form of O(L) operations: rounding of order L·ε;
 * - ED (`chainNess`, default options) solves 𝓛ρ = 0 to ‖𝓛ρ‖/(‖𝓛‖‖ρ‖) ≤ 1e-12 (GMRES tolerance,
 *   or the backward-stable dense road), so its observables carry ≲ 1e-12/σ₂ (σ₂ ≳ 1e-2 for these
 *   rate ranges, spec/lindblad.spec.ts header);
 * - both quench roads are exact (no Trotter step): errors are rounding of the eigen-decompositions
 *   and of the phases e^{−iEt}, growing like N·ε·‖H‖·t.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js"; // named import: the default import does not type-check under NodeNext (as in spec/linalg.spec.ts)
import {
  chainFermions,
  domainWall,
  fermiSea,
  freeFermionNess,
  freeFermionObservables,
  freeFermionQuench,
  gaussianEntropy,
  splitGroundState,
  xxFermions,
  type FermionBath,
  type FreeFermionObservables,
  type QuadraticChain,
} from "../src/exact/index.js";
import { energyCurrentOperator, fermionChain, xxzChain, type ChainModel } from "../src/models/chain.js";
import { chainNess, chainObservables, type ChainObservables } from "../src/open/chainNess.js";
import { chainHamiltonianDense, type ChainBath } from "../src/open/lindblad.js";
import { hermEig, hermEigvalues, symEig, symEigvalues } from "../src/linalg/symeig.js";
import { complexMatrix, realMatrix, type ComplexMatrix } from "../src/linalg/matrix.js";
import { reducedFromState, spin, stateExpectation, vonNeumannEntropy } from "../src/quantum/index.js";
import type { ComplexVector } from "../src/linalg/matrix.js";
import { solve } from "../src/index.js";
import { NessrefError } from "../src/errors.js";

const EPS = Number.EPSILON;

// ------------------------------------------------------------------ arbitraries
// Uniform on [min, max] (2^30 steps), as in spec/lindblad.spec.ts (fc.double is uniform over bit
// patterns, i.e. mostly |x| < 1e-100: not a random chain).
const real = (min: number, max: number) => fc.noBias(fc.integer({ min: 0, max: 2 ** 30 })).map((k) => min + ((max - min) * k) / 2 ** 30);
const arr = (n: number, min: number, max: number) => fc.array(real(min, max), { minLength: n, maxLength: n });
const sitesOf = (L: number) => Array.from({ length: L }, (_, i) => i + 1);

type Lang = "xx" | "fermion";
const OBS = ["magnetization", "bondEnergy", "spinCurrent", "energyCurrent"] as const;

/** The quadratic chain of a language: xx → t = J/2 (CONVENTIONS §1 at Δ = 0), fermion → t = J (§1d at V = 0). */
const quadratic = (lang: Lang, L: number, J: number, fields: ArrayLike<number>): QuadraticChain =>
  lang === "xx" ? xxFermions({ L, J, fields }) : chainFermions({ L, J, fields });
/** The same chain as an ED model. */
const edModel = (lang: Lang, L: number, J: number, fields: ArrayLike<number>): ChainModel =>
  lang === "xx" ? xxzChain({ L, J, delta: 0, fields }) : fermionChain({ L, J, V: 0, fields });
/** The hopping t of the single-particle matrix. */
const hop = (lang: Lang, J: number) => (lang === "xx" ? J / 2 : J);

/** max_k |a_k − b_k| over every observable, relative to max(1, max|a|). */
function relDiff(a: ChainObservables | FreeFermionObservables, b: FreeFermionObservables, withDensity: boolean): number {
  let d = 0, s = 1;
  const keys: readonly string[] = withDensity ? [...OBS, "density"] : OBS;
  for (const k of keys) {
    const x = (a as unknown as Record<string, Float64Array>)[k]!, y = (b as unknown as Record<string, Float64Array>)[k]!;
    expect(x.length).toBe(y.length);
    x.forEach((v, i) => {
      d = Math.max(d, Math.abs(v - y[i]!));
      s = Math.max(s, Math.abs(v));
    });
  }
  return d / s;
}

function allFinite(o: FreeFermionObservables): boolean {
  return [...OBS, "density" as const].every((k) => o[k].every((v) => Number.isFinite(v)));
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

// ------------------------------------------------------------------ problem generators
interface NessCase {
  lang: Lang;
  L: number;
  J: number;
  fields: number[];
  baths: FermionBath[];
}

/**
 * A random quadratic NESS problem: source/sink at none/left/right/both ends, dephasing on all
 * sites / a random subset / none, target baths on (1,2) and/or (L−1,L) with β of both signs. At
 * least one bath exchanges particles (ED refuses a conserved particle number, §1e).
 */
function nessCase(Lmin: number, Lmax: number, opts: { targets?: boolean; uniform?: boolean } = {}): fc.Arbitrary<NessCase> {
  const targets = opts.targets ?? true;
  return fc.integer({ min: Lmin, max: Lmax }).chain((L) =>
    fc
      .record({
        lang: fc.constantFrom<Lang>("xx", "fermion"),
        J: real(0.5, 1.5),
        fields: opts.uniform ? real(-1, 1).map((h) => new Array<number>(L).fill(h)) : arr(L, -1, 1),
        ends: fc.constantFrom("none", "left", "right", "both"),
        ss: fc.tuple(real(0.1, 2), real(0.1, 2), real(0.1, 2), real(0.1, 2)),
        deph: fc.oneof(
          fc.constant(null),
          fc.record({ rate: real(0.05, 1), sites: fc.option(fc.subarray(sitesOf(L), { minLength: 1 }), { nil: undefined }) }),
        ),
        tg: targets ? fc.constantFrom("none", "left", "right", "both") : fc.constant("none"),
        tl: fc.tuple(real(-2, 2), real(-1, 1), real(0.3, 2)),
        tr: fc.tuple(real(-2, 2), real(-1, 1), real(0.3, 2)),
      })
      .filter((p) => p.ends !== "none" || p.tg !== "none")
      .map((p): NessCase => {
        const baths: FermionBath[] = [];
        if (p.ends === "left" || p.ends === "both") baths.push({ type: "source-sink", site: 1, gammaPlus: p.ss[0], gammaMinus: p.ss[1] });
        if (p.ends === "right" || p.ends === "both") baths.push({ type: "source-sink", site: L, gammaPlus: p.ss[2], gammaMinus: p.ss[3] });
        if (p.deph) baths.push(p.deph.sites ? { type: "dephasing", rate: p.deph.rate, sites: p.deph.sites } : { type: "dephasing", rate: p.deph.rate });
        if (p.tg === "left" || p.tg === "both") baths.push({ type: "target", sites: [1, 2], beta: p.tl[0], mu: p.tl[1], rate: p.tl[2] });
        if (p.tg === "right" || p.tg === "both") baths.push({ type: "target", sites: [L - 1, L], beta: p.tr[0], mu: p.tr[1], rate: p.tr[2] });
        return { lang: p.lang, L, J: p.J, fields: p.fields, baths };
      }),
  );
}

// ------------------------------------------------------------------ 1. free fermions = ED
describe("free-fermion NESS = ED NESS (chainNess, default options)", () => {
  it("random XX chains (xxzChain Δ = 0) and fermion chains (V = 0), L = 2..7: every observable to 1e-10", () => {
    fc.assert(
      fc.property(nessCase(2, 7), (c) => {
        const model = edModel(c.lang, c.L, c.J, c.fields);
        const ed = chainNess(model, c.baths as readonly ChainBath[]);
        // the contract value of the ED solve (GMRES tolerance 1e-12, or the dense road ≈ 1e-16)
        expect(ed.residualRelative).toBeLessThanOrEqual(1e-12);
        const ff = freeFermionNess(quadratic(c.lang, c.L, c.J, c.fields), c.baths);
        // the general road's own residual check passes at 1e-8; a backward-stable O(L³) eigen-route leaves
        // ~L·ε·κ(V) (Schur eigen-road: ≤ 1.6e-14 relative to the largest rate over 2000 draws, L ≤ 12): 1e-12
        expect(ff.residual).toBeLessThanOrEqual(1e-12);
        const o = freeFermionObservables(ff);
        // ED's 1e-12 relative residual amplified by 1/σ₂ (σ₂ ≳ 1e-2 here) plus the free-fermion rounding
        // (observed ≤ 5e-13): 1e-10 relative to max(1, max|value|)
        expect(relDiff(chainObservables(model, ed), o, false)).toBeLessThanOrEqual(1e-10);
        if (c.lang === "fermion") {
          // §1d: density = ⟨n_i⟩ = ⟨s^z_i⟩ + ½ (same bound)
          const n = chainObservables(model, ed).density as Float64Array;
          n.forEach((v, i) => expect(Math.abs(v - o.density[i]!)).toBeLessThanOrEqual(1e-10));
        }
      }),
      { numRuns: 24, seed: 0xf100 },
    );
  });

  it("target baths on (1,2) and (L−1,L) that share a site (L = 2: the same pair; L = 3: site 2) agree with ED", () => {
    // Two reset channels on overlapping pairs: 𝓡(C) = Σ_k Γ_k Π_k C Π_k has both terms on the shared
    // entries. Same tolerances as the property above.
    for (const lang of ["xx", "fermion"] as const) {
      for (const L of [2, 3]) {
        const baths: FermionBath[] = [
          { type: "target", sites: [1, 2], beta: -0.7, mu: 0.4, rate: 0.6 },
          { type: "target", sites: [L - 1, L], beta: 1.3, mu: -0.2, rate: 0.9 },
        ];
        const fields = L === 2 ? [0.3, -0.2] : [0.3, -0.2, 0.5];
        const model = edModel(lang, L, 1.1, fields);
        const ed = chainNess(model, baths as readonly ChainBath[]);
        expect(ed.residualRelative).toBeLessThanOrEqual(1e-12);
        const ff = freeFermionNess(quadratic(lang, L, 1.1, fields), baths);
        // rounding of an O(L³) eigen-route at L ≤ 3 (as above)
        expect(ff.residual).toBeLessThanOrEqual(1e-12);
        // as in the property above
        expect(relDiff(chainObservables(model, ed), freeFermionObservables(ff), lang === "fermion")).toBeLessThanOrEqual(1e-10);
      }
    }
  });
});

// ------------------------------------------------------------------ 2. structured = general
interface UniformCase {
  lang: Lang;
  L: number;
  J: number;
  h: number;
  baths: FermionBath[];
}

/** Uniform chain, source/sink at both ends or at one end, dephasing profile with zeros. */
const uniformCase = (Lmin: number, Lmax: number): fc.Arbitrary<UniformCase> =>
  fc.integer({ min: Lmin, max: Lmax }).chain((L) =>
    fc
      .record({
        lang: fc.constantFrom<Lang>("xx", "fermion"),
        J: real(0.5, 1.5),
        h: real(-1, 1),
        ends: fc.constantFrom("both", "both", "both", "left", "right"),
        ss: fc.tuple(real(0.1, 2), real(0.1, 2), real(0.1, 2), real(0.1, 2)),
        profile: fc.array(fc.oneof(fc.constant(0), real(0.05, 1)), { minLength: L, maxLength: L }),
      })
      .map((p): UniformCase => {
        const baths: FermionBath[] = [];
        if (p.ends !== "right") baths.push({ type: "source-sink", site: 1, gammaPlus: p.ss[0], gammaMinus: p.ss[1] });
        if (p.ends !== "left") baths.push({ type: "source-sink", site: L, gammaPlus: p.ss[2], gammaMinus: p.ss[3] });
        p.profile.forEach((g, i) => {
          if (g > 0) baths.push({ type: "dephasing", rate: g, sites: [i + 1] });
        });
        return { lang: p.lang, L, J: p.J, h: p.h, baths };
      }),
  );

describe("structured road = general road", () => {
  it("uniform chains L = 2..40, source/sink at the ends, random dephasing profiles: observables and the whole C", () => {
    fc.assert(
      fc.property(uniformCase(2, 40), (c) => {
        const chain = quadratic(c.lang, c.L, c.J, new Array<number>(c.L).fill(c.h));
        const s = freeFermionNess(chain, c.baths, { method: "structured", full: true });
        const g = freeFermionNess(chain, c.baths, { method: "general" });
        expect(s.method).toBe("structured");
        expect(g.method).toBe("general");
        expect(freeFermionNess(chain, c.baths).method).toBe("structured"); // "auto" takes the closed form
        // closed form in O(L) operations, residual of the full equation at rounding (observed ≤ 1e-15)
        expect(s.residual).toBeLessThanOrEqual(1e-13);
        // general road: rounding of an O(L³) eigen-route plus the s×s re-injection solve (Schur road ≤ 3e-13)
        expect(g.residual).toBeLessThanOrEqual(1e-11);
        // general road: forward error = condition of the C-equation × its residual. With dephasing at one end
        // only, the slowest (diffusive) mode relaxes at ∝ D/L², so the condition reaches ~1e3–1e4 at L = 40;
        // on the Schur eigen-road 1500 draws of these ranges gave ≤ 7.6e-11 (residual ≤ 3e-13): 1e-10
        expect(relDiff(freeFermionObservables(s), freeFermionObservables(g), true)).toBeLessThanOrEqual(1e-10);
        // C is tridiagonal: every entry of the general road's C, including the far off-band ones, matches
        const S = s.matrix as ComplexMatrix, G = g.matrix as ComplexMatrix;
        let d = 0;
        for (let k = 0; k < S.re.length; k++) d = Math.max(d, Math.abs(S.re[k]! - G.re[k]!), Math.abs(S.im[k]! - G.im[k]!));
        // same reason as the observables (|C_ij| ≤ 1)
        expect(d).toBeLessThanOrEqual(1e-10);
      }),
      { numRuns: 40, seed: 0xf200 },
    );
  });
});

// ------------------------------------------------------------------ 3. physical Gaussian state
describe("C is a physical Gaussian state", () => {
  it("general road (L = 2..12, random fields, ends, dephasing, targets): C Hermitian, spectrum in [0, 1]", () => {
    fc.assert(
      fc.property(nessCase(2, 12), (c) => {
        const ff = freeFermionNess(quadratic(c.lang, c.L, c.J, c.fields), c.baths, { method: "general" });
        // as in the ED comparison: residual of a backward-stable eigen-route
        expect(ff.residual).toBeLessThanOrEqual(1e-12);
        const C = ff.matrix as ComplexMatrix, L = c.L;
        let herm = 0;
        for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) {
          herm = Math.max(herm, Math.abs(C.re[i * L + j]! - C.re[j * L + i]!), Math.abs(C.im[i * L + j]! + C.im[j * L + i]!));
        }
        // the solver symmetrises C (exact 0); 1e-12 would also admit a non-symmetrised O(L³) eigen-route
        expect(herm).toBeLessThanOrEqual(1e-12);
        const ev = hermEigvalues(C);
        // 0 ≤ C ≤ 1 for ⟨a†_i a_j⟩ of any state; rounding of C (≲ 1e-13) and of the Hermitian eigensolver
        // (backward error ~ L·ε·‖C‖): 1e-12
        expect(ev[0]!).toBeGreaterThanOrEqual(-1e-12);
        expect(ev[L - 1]!).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 60, seed: 0xf300 },
    );
  });

  it("structured road with full: the tridiagonal C is Hermitian with spectrum in [0, 1] (L = 2..200)", () => {
    fc.assert(
      fc.property(uniformCase(2, 200), (c) => {
        const s = freeFermionNess(quadratic(c.lang, c.L, c.J, new Array<number>(c.L).fill(c.h)), c.baths, { full: true });
        expect(s.method).toBe("structured");
        const ev = hermEigvalues(s.matrix as ComplexMatrix);
        // exact C has 0 ≤ C ≤ 1; closed-form rounding L·ε plus the eigensolver's L·ε·‖C‖
        expect(ev[0]!).toBeGreaterThanOrEqual(-1e-12);
        expect(ev[c.L - 1]!).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 20, seed: 0xf301 },
    );
  });
});

// ------------------------------------------------------------------ 4. equilibrium
describe("equilibrium: equal target densities at both ends", () => {
  it("n* = γ⁺/(γ⁺ + γ⁻) at sites 1 and L (any Γ, fields, ± dephasing, L = 2..12): j = 0 on every bond and C = n*·I", () => {
    // C = n*·I solves the equation exactly: [h, I] = 0, the dephasing terms −4γ_d n* + 4γ_d n* cancel,
    // and at each end −Γ n* + γ⁺ = 0. The solution is unique (the end baths damp every mode).
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((L) =>
          fc.record({
            L: fc.constant(L),
            lang: fc.constantFrom<Lang>("xx", "fermion"),
            J: real(0.5, 1.5),
            fields: fc.oneof(arr(L, -1, 1), real(-1, 1).map((h) => new Array<number>(L).fill(h))),
            n: real(0.02, 0.98),
            G1: real(0.1, 3),
            GL: real(0.1, 3),
            deph: fc.option(fc.record({ rate: real(0.05, 1), sites: fc.subarray(sitesOf(L), { minLength: 1 }) }), { nil: undefined }),
          }),
        ),
        (p) => {
          const baths: FermionBath[] = [
            { type: "source-sink", site: 1, gammaPlus: p.n * p.G1, gammaMinus: (1 - p.n) * p.G1 },
            { type: "source-sink", site: p.L, gammaPlus: p.n * p.GL, gammaMinus: (1 - p.n) * p.GL },
          ];
          if (p.deph) baths.push({ type: "dephasing", ...p.deph });
          const ff = freeFermionNess(quadratic(p.lang, p.L, p.J, p.fields), baths, { full: true });
          const o = freeFermionObservables(ff);
          // rounding of an O(L³) eigen-route (general road) or of γ⁺/Γ at the two ends (structured road),
          // observed ≤ 1e-14: 1e-12
          for (const j of o.spinCurrent) expect(Math.abs(j)).toBeLessThanOrEqual(1e-12);
          const C = ff.matrix as ComplexMatrix, L = p.L;
          let d = 0;
          for (let i = 0; i < L; i++) for (let k = 0; k < L; k++) {
            d = Math.max(d, Math.abs(C.re[i * L + k]! - (i === k ? p.n : 0)), Math.abs(C.im[i * L + k]!));
          }
          // same reason
          expect(d).toBeLessThanOrEqual(1e-12);
        },
      ),
      { numRuns: 60, seed: 0xf400 },
    );
  });
});

// ------------------------------------------------------------------ 5. ballistic
/** j = (n₁* − n_L*)/(1/Γ_1 + 1/Γ_L + (Γ_1 + Γ_L)/(4t²)): source/sink only, uniform chain. */
function ballisticCurrent(t: number, gp1: number, gm1: number, gpL: number, gmL: number): number {
  const G1 = gp1 + gm1, GL = gpL + gmL;
  return (gp1 / G1 - gpL / GL) / (1 / G1 + 1 / GL + (G1 + GL) / (4 * t * t));
}

describe("ballistic transport: source/sink only, no dephasing", () => {
  it("the current does not depend on L (L = 2..500), equals the closed form, and the bulk profile is flat", () => {
    fc.assert(
      fc.property(
        fc.record({
          lang: fc.constantFrom<Lang>("xx", "fermion"),
          J: real(0.5, 1.5),
          h: real(-1, 1),
          g: fc.tuple(real(0.1, 2), real(0.1, 2), real(0.1, 2), real(0.1, 2)),
          Ls: fc.array(fc.integer({ min: 2, max: 500 }), { minLength: 3, maxLength: 3 }),
          Lg: fc.integer({ min: 2, max: 60 }),
        }),
        (p) => {
          const [gp1, gm1, gpL, gmL] = p.g;
          const t = hop(p.lang, p.J);
          const jRef = ballisticCurrent(t, gp1, gm1, gpL, gmL);
          const bathsOf = (L: number): FermionBath[] => [
            { type: "source-sink", site: 1, gammaPlus: gp1, gammaMinus: gm1 },
            { type: "source-sink", site: L, gammaPlus: gpL, gammaMinus: gmL },
          ];
          const chainOf = (L: number) => quadratic(p.lang, L, p.J, new Array<number>(L).fill(p.h));
          for (const L of [2, ...p.Ls]) {
            const o = freeFermionObservables(freeFermionNess(chainOf(L), bathsOf(L)));
            let dj = 0, flat = 0;
            for (const j of o.spinCurrent) dj = Math.max(dj, Math.abs(j - jRef));
            for (let i = 2; i <= L - 1; i++) flat = Math.max(flat, Math.abs(o.density[i - 1]! - o.density[1]!));
            // closed form of a few operations on either side: 100·ε relative (plus an absolute 1e-16 floor)
            expect(dj).toBeLessThanOrEqual(100 * EPS * Math.abs(jRef) + 1e-16);
            // flat bulk: the structured road adds j·d_b/(2t²) with d_b = 0 on interior bonds, exactly
            expect(flat).toBe(0);
          }
          // the independent road: eigen-decomposition of M at L ≤ 60 (ballistic: weakly damped bulk modes)
          const L = p.Lg;
          const g = freeFermionNess(chainOf(L), bathsOf(L), { method: "general" });
          const og = freeFermionObservables(g);
          // forward error = condition × residual: without dephasing the slowest mode has damping minDamping ≈ 2e-5
          // at L = 60 (condition max Γ/minDamping ≲ 2e5) and a backward-stable solve leaves a residual ~1e-15
          // (Schur eigen-road, 1500 draws: error ≤ 4e-13): 1e-10 (|j|, n ≤ 1)
          let dj = 0, flat = 0;
          for (const j of og.spinCurrent) dj = Math.max(dj, Math.abs(j - jRef));
          for (let i = 2; i <= L - 1; i++) flat = Math.max(flat, Math.abs(og.density[i - 1]! - og.density[1]!));
          expect(dj).toBeLessThanOrEqual(1e-10);
          // bulk profile flat on the general road, same reason
          expect(flat).toBeLessThanOrEqual(1e-10);
          // n₁ = (γ⁺₁ − j)/Γ₁ (continuity at site 1) and the bulk value n₁ − jΓ₁/(4t²) (bond 1, d₁ = Γ₁/2)
          if (L >= 3) {
            const n1 = (gp1 - jRef) / (gp1 + gm1);
            // same reason
            expect(Math.abs(og.density[0]! - n1)).toBeLessThanOrEqual(1e-10);
            expect(Math.abs(og.density[1]! - (n1 - (jRef * (gp1 + gm1)) / (4 * t * t)))).toBeLessThanOrEqual(1e-10);
          }
        },
      ),
      { numRuns: 30, seed: 0xf500 },
    );
  });
});

// ------------------------------------------------------------------ 6. diffusive
const D40 = Decimal.clone({ precision: 40 });

/**
 * The resistor law of CONVENTIONS §2 on a 40-digit road: j = (n₁* − n_L*)/(1/Γ_1 + 1/Γ_L + Σ_b d_b/(2t²)),
 * d_b = ½(Γ_b + Γ_{b+1}) + 2(g_b + g_{b+1}) (Γ only at sites 1, L; g the dephasing rates).
 */
function resistorCurrent(t: number, gp1: number, gm1: number, gpL: number, gmL: number, g: readonly number[]): Decimal {
  const L = g.length;
  const G = Array.from({ length: L }, () => new D40(0));
  G[0] = G[0]!.plus(gp1).plus(gm1);
  G[L - 1] = G[L - 1]!.plus(gpL).plus(gmL);
  const t2 = new D40(t).pow(2).times(2);
  let R = new D40(1).div(G[0]!).plus(new D40(1).div(G[L - 1]!));
  for (let b = 0; b < L - 1; b++) {
    const d = G[b]!.plus(G[b + 1]!).div(2).plus(new D40(g[b]!).plus(g[b + 1]!).times(2));
    R = R.plus(d.div(t2));
  }
  const n1 = new D40(gp1).div(G[0]!), nL = new D40(gpL).div(G[L - 1]!);
  return n1.minus(nL).div(R);
}

const diffusiveArb = fc.record({
  lang: fc.constantFrom<Lang>("xx", "fermion"),
  J: real(0.5, 1.5),
  h: real(-1, 1),
  gd: real(0.05, 1),
  // |n₁* − n_L*| ≥ 0.1 so that the bulk gradient is resolved
  n1: real(0.55, 0.95),
  nL: real(0.05, 0.45),
  G1: real(0.2, 3),
  GL: real(0.2, 3),
});

describe("diffusive transport: uniform dephasing γ_d on every site", () => {
  it("D = −j/(n_{i+1} − n_i) on every bulk bond equals t²/(2γ_d) (= J²/(8γ_d) for the XX chain), on both roads", () => {
    // Bulk bond equation (CONVENTIONS §2 road): i t (n_{i+1} − n_i) = d C_{i,i+1}, d = 4γ_d, and
    // j = −2t Im C_{i,i+1}, so n_{i+1} − n_i = −j·d/(2t²) and D = 2t²/d = t²/(2γ_d).
    fc.assert(
      fc.property(diffusiveArb, fc.integer({ min: 4, max: 40 }), fc.integer({ min: 4, max: 2000 }), (p, Lg, Ls) => {
        const t = hop(p.lang, p.J);
        const D = (t * t) / (2 * p.gd);
        if (p.lang === "xx") expect(Math.abs(D - (p.J * p.J) / (8 * p.gd))).toBeLessThanOrEqual(4 * EPS * D); // two roundings
        for (const [L, method] of [[Lg, "general"], [Ls, "structured"]] as const) {
          const baths: FermionBath[] = [
            { type: "source-sink", site: 1, gammaPlus: p.n1 * p.G1, gammaMinus: (1 - p.n1) * p.G1 },
            { type: "source-sink", site: L, gammaPlus: p.nL * p.GL, gammaMinus: (1 - p.nL) * p.GL },
            { type: "dephasing", rate: p.gd },
          ];
          const o = freeFermionObservables(freeFermionNess(quadratic(p.lang, L, p.J, new Array<number>(L).fill(p.h)), baths, { method }));
          const j = o.spinCurrent[0]!;
          let worst = 0;
          for (let b = 2; b <= L - 2; b++) worst = Math.max(worst, Math.abs(-j / (o.density[b]! - o.density[b - 1]!) - D));
          // general road: absolute error ≲ 1e-13 of n_i and j (condition × residual, see "structured road = general
          // road") against a bond gradient |Δn| ≳ 1e-4 at L ≤ 40; structured road: the difference of two O(1) numbers
          // that differ by |Δn| ≥ 2e-5 at L ≤ 2000, i.e. ε/|Δn| relative. Both: 1e-9 relative (observed ≤ 1e-11)
          expect(worst).toBeLessThanOrEqual(1e-9 * D);
        }
      }),
      { numRuns: 30, seed: 0xf600 },
    );
  });

  it("j·(L − 1) → D·(n₁* − n_L*): the deviation falls as 1/L (j ∝ 1/L)", () => {
    // From the resistor law, 1 − j(L−1)/(DΔn*) = x/(1 + x), x = R₀t²/(2γ_d(L−1)) with
    // R₀ = 1/Γ₁ + 1/Γ_L + (Γ₁ + Γ_L)/(4t²): exactly O(1/L). Doubling L − 1 at L ≥ 100 multiplies the
    // deviation by (1 + x)/(2 + x) ∈ (0.5, 0.5 + x/4] (x ≤ 100/99 for these ranges): asserted in [0.45, 0.8].
    fc.assert(
      fc.property(diffusiveArb, (p) => {
        const t = hop(p.lang, p.J);
        const D = (t * t) / (2 * p.gd);
        const dev: number[] = [];
        for (const Lm1 of [99, 198, 396, 792, 1584]) {
          const L = Lm1 + 1;
          const baths: FermionBath[] = [
            { type: "source-sink", site: 1, gammaPlus: p.n1 * p.G1, gammaMinus: (1 - p.n1) * p.G1 },
            { type: "source-sink", site: L, gammaPlus: p.nL * p.GL, gammaMinus: (1 - p.nL) * p.GL },
            { type: "dephasing", rate: p.gd },
          ];
          const o = freeFermionObservables(freeFermionNess(quadratic(p.lang, L, p.J, new Array<number>(L).fill(p.h)), baths));
          // j(L−1) ≤ DΔn* (the contact resistances only add): the deviation is positive
          dev.push(1 - (o.spinCurrent[0]! * Lm1) / (D * (p.n1 - p.nL)));
        }
        for (let k = 0; k < dev.length; k++) expect(dev[k]!).toBeGreaterThan(0);
        for (let k = 1; k < dev.length; k++) {
          const q = dev[k]! / dev[k - 1]!;
          expect(q).toBeGreaterThanOrEqual(0.45);
          expect(q).toBeLessThanOrEqual(0.8);
        }
      }),
      { numRuns: 20, seed: 0xf601 },
    );
  });

  it("the finite-L current equals the resistor law evaluated with 40 digits (uniform and random dephasing profiles)", () => {
    fc.assert(
      fc.property(
        diffusiveArb,
        fc.integer({ min: 2, max: 200 }),
        fc.boolean(),
        fc.array(fc.oneof(fc.constant(0), real(0.05, 1)), { minLength: 200, maxLength: 200 }),
        (p, L, uniform, prof) => {
          const t = hop(p.lang, p.J);
          const g = uniform ? new Array<number>(L).fill(p.gd) : prof.slice(0, L);
          const gp1 = p.n1 * p.G1, gm1 = (1 - p.n1) * p.G1, gpL = p.nL * p.GL, gmL = (1 - p.nL) * p.GL;
          const jDec = resistorCurrent(t, gp1, gm1, gpL, gmL, g);
          const baths: FermionBath[] = [
            { type: "source-sink", site: 1, gammaPlus: gp1, gammaMinus: gm1 },
            { type: "source-sink", site: L, gammaPlus: gpL, gammaMinus: gmL },
          ];
          g.forEach((r, i) => {
            if (r > 0) baths.push({ type: "dephasing", rate: r, sites: [i + 1] });
          });
          const chain = quadratic(p.lang, L, p.J, new Array<number>(L).fill(p.h));
          const js = freeFermionObservables(freeFermionNess(chain, baths, { method: "structured" })).spinCurrent;
          const ref = jDec.toNumber();
          // structured road: a sum of L positive resistances (relative error ≤ L·ε) and n₁* − n_L* with
          // (n₁* + n_L*)/|n₁* − n_L*| ≤ 10: (L + 40)·ε relative ≤ 5.4e-14 for L ≤ 200
          const dev = (x: Float64Array) => x.reduce((a, j) => Math.max(a, Math.abs(j - ref)), 0);
          expect(dev(js)).toBeLessThanOrEqual((L + 40) * EPS * Math.abs(ref));
          if (L <= 40) {
            const jg = freeFermionObservables(freeFermionNess(chain, baths, { method: "general" })).spinCurrent;
            // general road: condition × residual as in "structured road = general road" (|j| ≤ 1): 1e-10
            expect(dev(jg)).toBeLessThanOrEqual(1e-10);
          }
        },
      ),
      { numRuns: 40, seed: 0xf602 },
    );
  });
});

// ------------------------------------------------------------------ 7. quench vs dense evolution
/** ψ(t) = V e^{−iEt} V† ψ₀ (V complex, columns = eigenvectors). */
function evolveDense(V: ComplexMatrix, E: Float64Array, psi0: ComplexVector, t: number): ComplexVector {
  const N = E.length;
  const cr = new Float64Array(N), ci = new Float64Array(N);
  for (let a = 0; a < N; a++) {
    let r = 0, i = 0;
    for (let k = 0; k < N; k++) {
      const vr = V.re[k * N + a]!, vi = -V.im[k * N + a]!;
      r += vr * psi0.re[k]! - vi * psi0.im[k]!;
      i += vr * psi0.im[k]! + vi * psi0.re[k]!;
    }
    const c = Math.cos(E[a]! * t), s = -Math.sin(E[a]! * t);
    cr[a] = r * c - i * s;
    ci[a] = r * s + i * c;
  }
  const out = { re: new Float64Array(N), im: new Float64Array(N) };
  for (let k = 0; k < N; k++) {
    let r = 0, i = 0;
    for (let a = 0; a < N; a++) {
      const vr = V.re[k * N + a]!, vi = V.im[k * N + a]!;
      r += vr * cr[a]! - vi * ci[a]!;
      i += vr * ci[a]! + vi * cr[a]!;
    }
    out.re[k] = r;
    out.im[k] = i;
  }
  return out;
}

/** H' = Σ_b λ_b h_b (λ_b = −1 for b ≤ L/2, +1 otherwise; h_b the XX bond term without fields), CONVENTIONS §7. */
function splitModel(L: number, J: number): ChainModel {
  const m = xxzChain({ L, J, delta: 0 });
  const bondEnergies = m.bondEnergies.map((e, b) => {
    const s = b + 1 <= L / 2 ? -1 : 1;
    return complexMatrix(4, 4, e.re.map((x) => s * x), e.im.map((x) => s * x));
  });
  return { ...m, bondEnergies };
}

/** Largest deviation of a free-fermion frame from the dense state's observables and half-chain entropy. */
function frameDeviation(m: ChainModel, psi: ComplexVector, f: ReturnType<typeof freeFermionQuench>[number]): number {
  const L = m.L;
  let w = 0;
  for (let i = 1; i <= L; i++) w = Math.max(w, Math.abs(stateExpectation(spin("z"), [i], L, psi).re - f.magnetization[i - 1]!));
  for (let b = 1; b < L; b++) {
    w = Math.max(w, Math.abs(stateExpectation(m.bondEnergies[b - 1]!, [b, b + 1], L, psi).re - f.bondEnergy[b - 1]!));
    w = Math.max(w, Math.abs(stateExpectation(m.bondCurrents[b - 1]!, [b, b + 1], L, psi).re - f.spinCurrent[b - 1]!));
  }
  for (let i = 2; i < L; i++) {
    w = Math.max(w, Math.abs(stateExpectation(energyCurrentOperator(m, i), [i - 1, i, i + 1], L, psi).re - f.energyCurrent[i - 2]!));
  }
  const S = vonNeumannEntropy(reducedFromState(psi, sitesOf(L / 2), L));
  return Math.max(w, Math.abs(S - f.entropy));
}

describe("free-fermion quench = exact dense evolution", () => {
  it("L = 4, 6, 8, random J and fields, domain wall and split ground state: all observables and the half-chain entropy to 1e-10", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(4, 6, 8).chain((L) =>
          fc.record({
            L: fc.constant(L),
            J: real(0.5, 1.5),
            fields: arr(L, -1, 1),
            initial: fc.constantFrom("domain-wall", "split"),
            times: fc.array(real(0, 10), { minLength: 3, maxLength: 3 }),
          }),
        ),
        (p) => {
          const { L, J } = p;
          const N = 2 ** L;
          const m = xxzChain({ L, J, delta: 0, fields: p.fields });
          const { values: E, vectors: V } = hermEig(chainHamiltonianDense(m));
          let psi0: ComplexVector;
          if (p.initial === "domain-wall") {
            psi0 = { re: new Float64Array(N), im: new Float64Array(N) };
            psi0.re[2 ** (L / 2) - 1] = 1; // sites 1..L/2 up (bit 0), the rest down (§0)
          } else {
            const g = hermEig(chainHamiltonianDense(splitModel(L, J)));
            // the dense ground state of H' is non-degenerate (gap ≥ 0.09 for J ≥ 0.5, L ≤ 10; rounding ~1e-14)
            expect(g.values[1]! - g.values[0]!).toBeGreaterThan(1e-3);
            psi0 = { re: new Float64Array(N), im: new Float64Array(N) };
            for (let k = 0; k < N; k++) {
              psi0.re[k] = g.vectors.re[k * N]!;
              psi0.im[k] = g.vectors.im[k * N]!;
            }
          }
          const initial = p.initial === "domain-wall" ? domainWall(L) : splitGroundState(xxFermions({ L, J }));
          const times = [0, ...p.times];
          const frames = freeFermionQuench(xxFermions({ L, J, fields: p.fields }), initial, times);
          times.forEach((t, k) => {
            // both roads exact (no Trotter step): rounding of the dense eigen-decomposition (backward error
            // ~N·ε·‖H‖ ≈ 256·2e-16·4) and of the phases E·t (t ≤ 10), observed ≤ 1e-13: 1e-10
            expect(frameDeviation(m, evolveDense(V, E, psi0, t), frames[k]!)).toBeLessThanOrEqual(1e-10);
          });
        },
      ),
      { numRuns: 6, seed: 0xf700 },
    );
  });

  it("L = 10 (fixed J = 1.2 and fields), both initial states, in the half-filled sector of the dense H", () => {
    // 2^10 is dense but its complex eigen-decomposition takes about a minute here; H and H' conserve
    // Σ s^z (checked: no entry of the dense H links two sectors), both initial states lie in the sector
    // with L/2 up spins, so the dense evolution is done there (252 states) and embedded back.
    const L = 10, J = 1.2, N = 2 ** L;
    const fields = [0.31, -0.55, 0.12, 0.9, -0.23, 0.05, -0.77, 0.44, 0.6, -0.38];
    const ups = (k: number) => { let c = 0; for (let i = 0; i < L; i++) c += 1 - ((k >> i) & 1); return c; };
    const sector = (n: number) => Array.from({ length: N }, (_, k) => k).filter((k) => ups(k) === n);
    const block = (H: ComplexMatrix, idx: number[]) => {
      const d = idx.length, A = realMatrix(d, d);
      idx.forEach((a, p) => idx.forEach((b, q) => { A.data[p * d + q] = H.re[a * N + b]!; }));
      return A;
    };
    const m = xxzChain({ L, J, delta: 0, fields });
    const H = chainHamiltonianDense(m);
    const Hs = chainHamiltonianDense(splitModel(L, J));
    const u = Int32Array.from({ length: N }, (_, k) => ups(k));
    for (const X of [H, Hs]) {
      let crossSector = 0, imag = 0;
      for (let a = 0; a < N; a++) for (let b = 0; b < N; b++) {
        if (u[a] !== u[b] && (X.re[a * N + b] !== 0 || X.im[a * N + b] !== 0)) crossSector++;
        if (X.im[a * N + b] !== 0) imag++;
      }
      expect(crossSector).toBe(0); // exact zeros: every term of H conserves Σ s^z
      expect(imag).toBe(0); // the XX chain is real in this basis (s^x s^x + s^y s^y and s^z are real matrices)
    }
    const half = sector(L / 2);
    const d = half.length;
    const { values: E, vectors: Q } = symEig(block(H, half));
    // the split ground state: the lowest level of H' over every sector is in the half-filled one, non-degenerate
    const low = Array.from({ length: L + 1 }, (_, n) => symEigvalues(block(Hs, sector(n))));
    const g = symEig(block(Hs, half));
    for (let n = 0; n <= L; n++) {
      // gap ≥ 0.1 here; rounding of the sector eigenvalues ~ d·ε·‖H'‖ ≈ 1e-13
      if (n !== L / 2) expect(low[n]![0]!).toBeGreaterThan(g.values[0]! + 1e-3);
    }
    expect(g.values[1]! - g.values[0]!).toBeGreaterThan(1e-3);
    const Vc = complexMatrix(d, d, Float64Array.from(Q.data), new Float64Array(d * d));
    const embedState = (x: ComplexVector): ComplexVector => {
      const out = { re: new Float64Array(N), im: new Float64Array(N) };
      half.forEach((k, p) => { out.re[k] = x.re[p]!; out.im[k] = x.im[p]!; });
      return out;
    };
    const dw = { re: new Float64Array(d), im: new Float64Array(d) };
    dw.re[half.indexOf(2 ** (L / 2) - 1)] = 1;
    const sp = { re: new Float64Array(d), im: new Float64Array(d) };
    for (let p = 0; p < d; p++) sp.re[p] = g.vectors.data[p * d]!;
    const times = [0, 0.8, 3.1, 7.4];
    const chain = xxFermions({ L, J, fields });
    for (const [psi0, init] of [[dw, domainWall(L)], [sp, splitGroundState(xxFermions({ L, J }))]] as const) {
      const frames = freeFermionQuench(chain, init, times);
      times.forEach((t, k) => {
        // as in the property above (N = 1024 in the rounding estimate, d = 252 in the eigen-decomposition)
        expect(frameDeviation(m, embedState(evolveDense(Vc, E, psi0, t)), frames[k]!)).toBeLessThanOrEqual(1e-10);
      });
    }
  });

  it("fermiSea is the dense ground state: its energy Σ_{ε<0} ε + Σκ is the lowest eigenvalue of H (L = 2..8)", () => {
    // spin chain with fields: E₀ = Σ_{ε_k < 0} ε_k + Σ_i κ_i (κ_i = −h_i/2); fermiSea fills exactly those modes
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 8 }).chain((L) => fc.record({ L: fc.constant(L), J: real(0.5, 1.5), fields: arr(L, -1, 1) })),
        ({ L, J, fields }) => {
          const chain = xxFermions({ L, J, fields });
          const sea = fermiSea(chain);
          const frame = freeFermionQuench(chain, sea, [0])[0]!;
          const E = frame.bondEnergy.reduce((a, b) => a + b, 0);
          const ev = hermEigvalues(chainHamiltonianDense(xxzChain({ L, J, delta: 0, fields })));
          // dense eigenvalues: backward error ~N·ε·‖H‖ (N ≤ 256, ‖H‖ ≤ 10): 1e-11
          expect(Math.abs(E - ev[0]!)).toBeLessThanOrEqual(1e-11);
          // a product of orbitals: the particle number is the number of negative modes
          expect(frame.density.reduce((a, b) => a + b, 0)).toBeCloseTo(sea.particles, 12);
        },
      ),
      { numRuns: 12, seed: 0xf702 },
    );
  });

  it("gaussianEntropy: ν = ½ gives ln 2, ν ∈ {0, 1} gives 0, rounding outside [0, 1] is clipped", () => {
    expect(gaussianEntropy(Float64Array.of(0.5))).toBe(gaussianEntropy([0.5])); // typed and plain arrays alike
    // −(½ ln ½ + ½ ln ½) = ln 2, to rounding of two logs
    expect(Math.abs(gaussianEntropy([0.5]) - Math.LN2)).toBeLessThanOrEqual(2 * EPS);
    expect(gaussianEntropy([0, 1, -1e-17, 1 + 1e-16])).toBe(0);
  });
});

// ------------------------------------------------------------------ 8. domain-wall melting
describe("domain-wall melting (uniform XX chain, no fields)", () => {
  it("⟨s^z⟩ → −(1/π) arcsin(x/(Jt)) at |x/(Jt)| ≤ 0.7 with an O(1/(Jt)) deviation; Σ s^z = 0 and the profile is odd at every t", () => {
    // The profile depends on τ = Jt only (h = (J/2)·T, e^{iht} = e^{iτT/2}). Measured (scan of τ from 5 to
    // 160 in steps of 0.25, L = 360): dev(τ) = max over sites with |x/τ| ≤ 0.7 of |⟨s^z⟩ + (1/π)arcsin(x/τ)|
    // has dev·τ ∈ [0.159, 0.311] (slowly growing: effective exponent ≈ −0.92 between τ = 10 and 320, i.e.
    // O(1/τ) up to a slowly varying, oscillating prefactor), and dev(2τ)/dev(τ) ∈ [0.385, 0.826]
    // (oscillations). Asserted with margin: dev·τ ∈ [0.12, 0.4] and dev(2t)/dev(t) ≤ 0.9.
    fc.assert(
      fc.property(real(0.5, 2), (J) => {
        const times = [10, 20, 40, 80];
        const L = 2 * Math.ceil(J * times[times.length - 1]!) + 40; // L > 2Jt + 20: the front never reaches the ends
        const frames = freeFermionQuench(xxFermions({ L, J }), domainWall(L), times);
        const dev: number[] = [];
        for (const f of frames) {
          let d = 0, total = 0, odd = 0;
          for (let i = 1; i <= L; i++) {
            const r = (i - (L / 2 + 0.5)) / (J * f.t); // x from the centre bond
            if (Math.abs(r) <= 0.7) d = Math.max(d, Math.abs(f.magnetization[i - 1]! + Math.asin(r) / Math.PI));
            total += f.magnetization[i - 1]!;
            odd = Math.max(odd, Math.abs(f.magnetization[L - i]! + f.magnetization[i - 1]!));
          }
          dev.push(d);
          // rate (header of this test)
          expect(d * J * f.t).toBeGreaterThanOrEqual(0.12);
          expect(d * J * f.t).toBeLessThanOrEqual(0.4);
          // exact lattice identities: Σ n_i = ‖Ψ‖²_F = N (unitary evolution of N = L/2 orbitals) and
          // n_{L+1−i} = 1 − n_i (particle–hole × reflection maps h and the domain wall to themselves).
          // Rounding: Ψ = Q e^{iEt} QᵀΦ with Q orthogonal to O(L·ε): Σ_i n_i to 2N·L·ε, each n_i to 10·L·ε
          expect(Math.abs(total)).toBeLessThanOrEqual(2 * (L / 2) * L * EPS);
          expect(odd).toBeLessThanOrEqual(10 * L * EPS);
        }
        for (let k = 1; k < dev.length; k++) expect(dev[k]!).toBeLessThanOrEqual(0.9 * dev[k - 1]!);
      }),
      { numRuns: 3, seed: 0xf800 },
    );
  });
});

// ------------------------------------------------------------------ 9. errors
describe("errors of the free-fermion road", () => {
  const P = (baths: unknown[], h: Record<string, unknown> = { type: "xxz", L: 5, J: 1, delta: 0 }) => ({
    kind: "lindblad-ness",
    hamiltonian: h,
    baths,
    method: "free-fermion",
  });
  const ss = (site: number, gammaPlus = 1, gammaMinus = 0.5) => ({ type: "source-sink", site, gammaPlus, gammaMinus });

  it("an interior source/sink is refused by the contract path: invalid-input at /baths/k/site", async () => {
    // σ^±_s at an interior site carries a Jordan–Wigner string: the two-point function does not close
    for (const s of [2, 3, 4]) {
      await expectCodeAsync(() => solve(P([ss(1), ss(s)])), "invalid-input", "/baths/1/site");
      await expectCodeAsync(() => solve(P([ss(s), ss(5)], { type: "fermion-chain", L: 5, J: 1, V: 0 })), "invalid-input", "/baths/0/site");
    }
  });

  it("a target bath on an interior pair is refused by the contract path, and 'auto' sends it to ED (which agrees with the spin physics)", async () => {
    // for i < a < a+1 < j the string of a†_i a_j passes through the pair as σ^z_a σ^z_{a+1}: the spin reset does not close
    const tgt = (a: number) => ({ type: "target", sites: [a, a + 1], beta: 0.5, mu: 0.3, rate: 1 });
    const fields = [0.3, -0.2, 0.5, 0.1, -0.4];
    for (const a of [2, 3]) {
      await expectCodeAsync(() => solve(P([ss(1), tgt(a)])), "invalid-input", "/baths/1/sites");
      const auto = await solve({ ...P([ss(1, 1, 0.2), tgt(a), ss(5, 0.3, 0.9)], { type: "xxz", L: 5, J: 1, delta: 0, fields }), method: "auto" }) as Record<string, unknown>;
      expect(auto.method).toBe("ed");
      // the fermionic reset of the exact module (kept there) is a different bath: it moves the magnetization
      const ff = freeFermionObservables(freeFermionNess(xxFermions({ L: 5, J: 1, fields }), [ss(1, 1, 0.2), tgt(a), ss(5, 0.3, 0.9)] as FermionBath[]));
      const mag = auto.magnetization as number[];
      expect(Math.max(...mag.map((m, i) => Math.abs(m - ff.magnetization[i]!)))).toBeGreaterThan(1e-5); // measured 2e-4 … 2e-3
    }
    // the end pairs are exact: auto takes the free-fermion road
    const ends = await solve({ ...P([tgt(1), tgt(4)]), method: "auto" }) as Record<string, unknown>;
    expect(ends.method).toBe("free-fermion");
  });

  it("dephasing only (or no bath): non-unique-ness (the particle number is conserved)", async () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), real(0.05, 1), fc.constantFrom<Lang>("xx", "fermion"), (L, g, lang) => {
        const chain = quadratic(lang, L, 1, new Array<number>(L).fill(0.2));
        expectCode(() => freeFermionNess(chain, [{ type: "dephasing", rate: g }]), "non-unique-ness");
        expectCode(() => freeFermionNess(chain, []), "non-unique-ness");
        expectCode(() => freeFermionNess(chain, [{ type: "source-sink", site: 1, gammaPlus: 0, gammaMinus: 0 }, { type: "dephasing", rate: g }]), "non-unique-ness");
      }),
      { numRuns: 10, seed: 0xf900 },
    );
    await expectCodeAsync(() => solve(P([{ type: "dephasing", rate: 0.3 }])), "non-unique-ness");
  });

  it("J = 0 with an interior site: non-unique-ness (the interior density is conserved), with or without dephasing", async () => {
    for (const L of [3, 4, 7]) {
      for (const lang of ["xx", "fermion"] as const) {
        const chain = quadratic(lang, L, 0, new Array<number>(L).fill(0.1));
        expectCode(() => freeFermionNess(chain, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 }, { type: "source-sink", site: L, gammaPlus: 0.5, gammaMinus: 1 }]), "non-unique-ness");
        expectCode(
          () => freeFermionNess(chain, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.5 }, { type: "source-sink", site: L, gammaPlus: 0.5, gammaMinus: 1 }, { type: "dephasing", rate: 0.3 }]),
          "non-unique-ness",
        );
      }
    }
    await expectCodeAsync(() => solve(P([ss(1), ss(5)], { type: "xxz", L: 5, J: 0, delta: 0 })), "non-unique-ness");
  });

  it("odd L split ground state: non-unique-ness (a zero mode makes the ground state degenerate)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }).map((k) => 2 * k + 1), real(0.5, 2), (L, J) => {
        expectCode(() => splitGroundState(xxFermions({ L, J })), "non-unique-ness");
        // even L is fine
        expect(splitGroundState(xxFermions({ L: L + 1, J })).particles).toBe((L + 1) / 2);
      }),
      { numRuns: 10, seed: 0xf901 },
    );
  });

  it("non-finite rates, β, μ, fields or times: invalid-input with the path of the field", async () => {
    const chain = xxFermions({ L: 4, J: 1 });
    for (const bad of [NaN, Infinity, -Infinity]) {
      expectCode(() => freeFermionNess(chain, [{ type: "source-sink", site: 1, gammaPlus: bad, gammaMinus: 1 }]), "invalid-input", "/baths/0/gammaPlus");
      expectCode(() => freeFermionNess(chain, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: bad }]), "invalid-input", "/baths/0/gammaMinus");
      expectCode(() => freeFermionNess(chain, [ss(1) as FermionBath, { type: "dephasing", rate: bad }]), "invalid-input", "/baths/1/rate");
      expectCode(() => freeFermionNess(chain, [{ type: "target", sites: [1, 2], beta: 1, mu: 0, rate: bad }]), "invalid-input", "/baths/0/rate");
      expectCode(() => freeFermionNess(chain, [{ type: "target", sites: [1, 2], beta: bad, mu: 0 }]), "invalid-input", "/baths/0/beta");
      expectCode(() => freeFermionNess(chain, [{ type: "target", sites: [1, 2], beta: 1, mu: bad }]), "invalid-input", "/baths/0/mu");
      expectCode(() => xxFermions({ L: 3, J: 1, fields: [0, bad, 0] }), "invalid-input", "/fields/1");
      expectCode(() => chainFermions({ L: 3, J: bad }), "invalid-input", "/J");
      expectCode(() => freeFermionQuench(chain, domainWall(4), [0, bad]), "invalid-input", "/times/1");
      await expectCodeAsync(() => solve(P([ss(1, bad)])), "invalid-input", "/baths/0/gammaPlus");
      await expectCodeAsync(() => solve(P([ss(1), { type: "dephasing", rate: bad }])), "invalid-input", "/baths/1/rate");
    }
    expectCode(() => freeFermionNess(chain, [{ type: "source-sink", site: 1, gammaPlus: -0.1, gammaMinus: 1 }]), "invalid-input", "/baths/0/gammaPlus");
    expectCode(() => freeFermionNess(chain, [{ type: "source-sink", site: 5, gammaPlus: 1, gammaMinus: 1 }]), "invalid-input", "/baths/0/site");
  });

  it("never a NaN: extreme but finite parameters give finite observables or a NessrefError", () => {
    const wide = (lo: number, hi: number) => real(Math.log10(lo), Math.log10(hi)).map((e) => 10 ** e);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }).chain((L) =>
          fc.record({
            L: fc.constant(L),
            lang: fc.constantFrom<Lang>("xx", "fermion"),
            J: wide(1e-4, 1e3),
            fields: arr(L, -1e3, 1e3),
            g: fc.tuple(wide(1e-6, 1e4), wide(1e-6, 1e4), wide(1e-6, 1e4), wide(1e-6, 1e4)),
            gd: fc.oneof(fc.constant(0), wide(1e-6, 1e4)),
            beta: real(-1e4, 1e4),
            mu: real(-1e3, 1e3),
            target: fc.boolean(),
            method: fc.constantFrom("auto", "general") as fc.Arbitrary<"auto" | "general">,
          }),
        ),
        (p) => {
          const baths: FermionBath[] = [
            { type: "source-sink", site: 1, gammaPlus: p.g[0], gammaMinus: p.g[1] },
            { type: "source-sink", site: p.L, gammaPlus: p.g[2], gammaMinus: p.g[3] },
            { type: "dephasing", rate: p.gd },
          ];
          if (p.target) baths.push({ type: "target", sites: [1, 2], beta: p.beta, mu: p.mu, rate: p.g[0] });
          try {
            const ness = freeFermionNess(quadratic(p.lang, p.L, p.J, p.fields), baths, { method: p.method });
            expect(Number.isFinite(ness.residual)).toBe(true);
            expect(allFinite(freeFermionObservables(ness))).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(NessrefError);
          }
        },
      ),
      { numRuns: 60, seed: 0xf902 },
    );
    // quench at large times and large L: finite
    const fr = freeFermionQuench(xxFermions({ L: 40, J: 1e3 }), domainWall(40), [0, 1e6]);
    for (const f of fr) {
      expect(allFinite(f)).toBe(true);
      expect(Number.isFinite(f.entropy)).toBe(true);
    }
  });
});
