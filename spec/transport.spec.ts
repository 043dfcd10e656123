import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  fickDiffusion,
  fitPowerLaw,
  fitPowerLawEnsemble,
  jackknife,
  bootstrap,
} from "../src/analysis/transport.js";
import { createRng } from "../src/analysis/random.js";
import { NessrefError } from "../src/errors.js";

const EPS = Number.EPSILON;

/** True when the bits of two numbers (or two typed arrays) are identical. */
function sameBits(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function expectNessref(f: () => unknown, path?: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NessrefError);
  expect((caught as NessrefError).code).toBe("invalid-input");
  if (path !== undefined) expect((caught as NessrefError).path).toBe(path);
}

/**
 * First-order rounding bound for γ of the centred least-squares fit of ly = ln|y| on lx = ln x
 * (the fit of transport.ts): per-point rounding of the logarithms, of y = c·x^(−γ) (Math.pow and
 * the product, ≲ 2 ulp → 2ε absolute in ln y) and of the centring subtractions, each at most
 * ε(1 + max|l|), enters the slope as Σ|dx_i||δy_i|/S_xx and Σ|dy_i||δx_i|/S_xx; the recursive sums
 * S_xy and S_xx of n terms contribute n·ε·Σ|dx dy|/S_xx and n·ε·|γ|. A factor 8 covers the
 * constants. Errors in the means are constant shifts and cancel to first order (Σdx = Σdy = 0).
 */
function gammaBound(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  const lx = Array.from(x, Math.log);
  const ly = Array.from(y, (v) => Math.log(Math.abs(v)));
  const mx = lx.reduce((a, b) => a + b, 0) / n;
  const my = ly.reduce((a, b) => a + b, 0) / n;
  let sxx = 0, sxy = 0, sdx = 0, sdy = 0, sdxdy = 0;
  for (let k = 0; k < n; k++) {
    const dx = lx[k] - mx, dy = ly[k] - my;
    sxx += dx * dx; sxy += dx * dy; sdx += Math.abs(dx); sdy += Math.abs(dy); sdxdy += Math.abs(dx * dy);
  }
  const g = Math.abs(sxy / sxx);
  const maxLx = Math.max(...lx.map(Math.abs));
  const maxLy = Math.max(...ly.map(Math.abs));
  return (8 * EPS * ((1 + maxLy) * sdx + (1 + maxLx) * sdy + n * (sdxdy + g * sxx))) / sxx;
}

/** Abscissae x_k = x0·e^{t_k}: t_0 = 0 and t_1 ≥ ln 2, so max x / min x ≥ 2 (the fit is not degenerate). */
const xSet = (minN: number, maxN: number) =>
  fc
    .record({
      x0: fc.double({ min: 0.5, max: 10, noNaN: true }),
      t1: fc.double({ min: Math.LN2, max: 7, noNaN: true }),
      ts: fc.array(fc.double({ min: 0, max: 7, noNaN: true }), { minLength: minN - 2, maxLength: maxN - 2 }),
    })
    .map(({ x0, t1, ts }) => [0, t1, ...ts].map((t) => x0 * Math.exp(t)));

const signedPrefactor = fc
  .record({ e: fc.double({ min: -6, max: 6, noNaN: true }), neg: fc.boolean() })
  .map(({ e, neg }) => (neg ? -1 : 1) * 10 ** e);

describe("fitPowerLaw", () => {
  it("recovers exact power laws c·x^(−γ), γ ∈ [−2, 3], to the rounding bound of the fit (≲ 1e-12)", () => {
    let worst = 0;
    fc.assert(
      fc.property(xSet(2, 50), fc.double({ min: -2, max: 3, noNaN: true }), signedPrefactor, (x, gamma, c) => {
        const y = x.map((v) => c * v ** -gamma);
        const f = fitPowerLaw(x, y);
        const tol = gammaBound(x, y);
        // the bound itself is what "~1e-12" means here: ≤ 50 points, |ln y| ≲ 45
        expect(tol).toBeLessThan(1e-11);
        expect(Math.abs(f.gamma - gamma)).toBeLessThanOrEqual(tol);
        worst = Math.max(worst, Math.abs(f.gamma - gamma));
        const n = x.length;
        const maxLx = Math.max(...x.map((v) => Math.abs(Math.log(v))));
        const maxLy = Math.max(...y.map((v) => Math.abs(Math.log(Math.abs(v)))));
        // ln|c| = ȳ − slope·x̄: the slope error times |x̄| ≤ max|ln x|, plus the rounding of the
        // mean of n logs (n·ε·max|ln y|) and of exp (≲ 2 ulp)
        const tolC = tol * (1 + maxLx) + 8 * n * EPS * (1 + maxLy);
        expect(Math.abs(f.prefactor / c - 1)).toBeLessThanOrEqual(tolC);
        expect(f.sign).toBe(c > 0 ? 1 : -1);
        // residuals of an exact law are rounding only: |r_i| ≤ |δy_i| + |δslope|·|dx_i|
        expect(f.residualMax).toBeLessThanOrEqual(16 * n * EPS * (1 + maxLy) + tol * 2 * maxLx);
        if (n === 2) {
          expect(f.gammaStdErr).toBe(0); // no residual degree of freedom
          expect(f.gammaJackknife).toBeNull();
        } else {
          // identity up to rounding: rss ≤ n·r_max², so SE = √(rss/(n−2)/S_xx) ≤ r_max·√(n/((n−2)S_xx))
          const lx = x.map(Math.log);
          const mx = lx.reduce((a, b) => a + b, 0) / n;
          const sxx = lx.reduce((a, v) => a + (v - mx) ** 2, 0);
          expect(f.gammaStdErr).toBeLessThanOrEqual(f.residualMax * Math.sqrt(n / ((n - 2) * sxx)) * (1 + 1e-12));
        }
      }),
      { numRuns: 300, seed: 101 },
    );
    expect(worst).toBeLessThan(1e-12); // observed worst error, a check that the bound is not loose by design
  });

  it("γ and c are invariant under permuting the points (to rounding: the sums are reordered)", () => {
    fc.assert(
      fc.property(
        xSet(3, 30),
        fc.double({ min: -2, max: 3, noNaN: true }),
        signedPrefactor,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (x, gamma, c, seed) => {
          const rng = createRng(seed);
          const y = x.map((v) => c * v ** -gamma * Math.exp(0.3 * rng.normal()));
          const perm = x.map((_, i) => i);
          for (let i = perm.length - 1; i > 0; i--) {
            const k = rng.int(i + 1);
            [perm[i], perm[k]] = [perm[k], perm[i]];
          }
          const px = perm.map((i) => x[i]);
          const py = perm.map((i) => y[i]);
          const a = fitPowerLaw(x, y);
          const b = fitPowerLaw(px, py);
          const tol = 2 * gammaBound(x, y); // each of the two fits is within the bound of the exact fit
          expect(Math.abs(a.gamma - b.gamma)).toBeLessThanOrEqual(tol);
          const maxLx = Math.max(...x.map((v) => Math.abs(Math.log(v))));
          const maxLy = Math.max(...y.map((v) => Math.abs(Math.log(Math.abs(v)))));
          expect(Math.abs(a.prefactor / b.prefactor - 1)).toBeLessThanOrEqual(tol * (1 + maxLx) + 16 * x.length * EPS * (1 + maxLy));
        },
      ),
      { numRuns: 200, seed: 202 },
    );
  });

  it("the sign is reported and |y| fitted: y and −y give the same γ bit for bit", () => {
    const x = [4, 6, 8, 12, 16];
    const y = x.map((v) => 0.7 * v ** -0.5 * (1 + 0.01 * Math.sin(v)));
    const p = fitPowerLaw(x, y);
    const m = fitPowerLaw(x, y.map((v) => -v));
    expect(m.sign).toBe(-1);
    expect(p.sign).toBe(1);
    expect(Object.is(m.gamma, p.gamma)).toBe(true);
    expect(m.prefactor).toBe(-p.prefactor);
    expect(m.gammaJackknife).toBe(p.gammaJackknife);
  });

  it("gammaJackknife equals the leave-one-point-out jackknife computed by a second road", () => {
    fc.assert(
      fc.property(xSet(3, 20), fc.double({ min: -2, max: 3, noNaN: true }), fc.integer({ min: 0, max: 1e9 }), (x, gamma, seed) => {
        // every leave-one-out subset must keep two distinct x (else γ_(i) is undefined and the
        // result is null, checked with the error cases)
        fc.pre(x.every((_, i) => new Set(x.filter((_, k) => k !== i).map(Math.log)).size > 1));
        const rng = createRng(seed);
        const y = x.map((v) => v ** -gamma * Math.exp(0.2 * rng.normal()));
        const f = fitPowerLaw(x, y);
        // second road: refit every n−1-point subset with fitPowerLaw, textbook jackknife formula
        const n = x.length;
        const g = x.map((_, i) => fitPowerLaw(x.filter((_, k) => k !== i), y.filter((_, k) => k !== i)).gamma);
        const gbar = g.reduce((a, b) => a + b, 0) / n;
        const se = Math.sqrt(((n - 1) / n) * g.reduce((a, v) => a + (v - gbar) ** 2, 0));
        // both roads do the same arithmetic on the same subsets up to summation order of the
        // final variance: relative rounding ≲ n·ε, with 1e-12 absolute for a jackknife error ~ 0
        expect(f.gammaJackknife).not.toBeNull();
        expect(Math.abs((f.gammaJackknife as number) - se)).toBeLessThanOrEqual(1e-9 * se + 1e-12);
        // and the generic helper over points gives the same number
        const pts = x.map((v, i) => [v, y[i]] as const);
        const jg = jackknife(pts, (s) => fitPowerLaw(s.map((p) => p[0]), s.map((p) => p[1])).gamma);
        expect(Math.abs(jg.stdErr - se)).toBeLessThanOrEqual(1e-9 * se + 1e-12);
      }),
      { numRuns: 100, seed: 303 },
    );
  });

  it("rejects bad input with NessrefError invalid-input", () => {
    expectNessref(() => fitPowerLaw([1, 2], [1]), "/y");
    expectNessref(() => fitPowerLaw([1], [1]), "/x");
    expectNessref(() => fitPowerLaw([1, 0], [1, 1]), "/x/1");
    expectNessref(() => fitPowerLaw([1, -2], [1, 1]), "/x/1");
    expectNessref(() => fitPowerLaw([1, NaN], [1, 1]), "/x/1");
    expectNessref(() => fitPowerLaw([1, Infinity], [1, 1]), "/x/1");
    expectNessref(() => fitPowerLaw([1, 2], [1, 0]), "/y/1");
    expectNessref(() => fitPowerLaw([1, 2, 3], [1, 2, -3]), "/y/2");
    expectNessref(() => fitPowerLaw([1, 2], [Infinity, 1]), "/y/0");
    expectNessref(() => fitPowerLaw([3, 3, 3], [1, 2, 3]), "/x");
    expectNessref(() => fitPowerLaw(undefined as unknown as number[], [1, 2]), "/x");
    // a degenerate leave-one-out subset gives a null jackknife, never NaN
    const f = fitPowerLaw([1, 1, 2], [1, 1.1, 0.5]);
    expect(Number.isFinite(f.gamma)).toBe(true);
    expect(f.gammaJackknife).toBeNull();
  });
});

describe("fickDiffusion", () => {
  // profile A_i = α + β·i on sites 1..L, a range of ≥ 2 sites
  const linearCase = fc
    .record({
      L: fc.integer({ min: 2, max: 60 }),
      alpha: fc.double({ min: -10, max: 10, noNaN: true }),
      beta: fc.double({ min: 1e-3, max: 10, noNaN: true }),
      negBeta: fc.boolean(),
      j: fc.double({ min: -5, max: 5, noNaN: true }),
      skip: fc.integer({ min: 0, max: 5 }),
    })
    .filter(({ L, skip }) => L - 2 * skip >= 2);

  it("on an exactly linear profile D = Dslope = −j/β to rounding, Dslope = −j/slope, linearity ≈ 0", () => {
    fc.assert(
      fc.property(linearCase, ({ L, alpha, beta, negBeta, j, skip }) => {
        const b = negBeta ? -beta : beta;
        const A = Array.from({ length: L }, (_, k) => alpha + b * (k + 1));
        const f = fickDiffusion(A, j, { skip });
        expect(f.from).toBe(1 + skip);
        expect(f.to).toBe(L - skip);
        const n = f.to - f.from + 1;
        // each A_i carries rounding ≤ 2ε(|α| + |β|L); the gradient over b − a sites sees it
        // relative to |β|(b − a); the fit adds n·ε summation rounding (Σdx = 0 exactly: integer sites)
        const rel = (2 * EPS * (Math.abs(alpha) + beta * L)) / (beta * (f.to - f.from));
        const exact = -j / b;
        expect(Math.abs(f.D - exact)).toBeLessThanOrEqual(4 * (rel + EPS) * Math.abs(exact));
        expect(Math.abs(f.slope - b)).toBeLessThanOrEqual(8 * n * (rel + EPS) * beta);
        expect(Object.is(f.Dslope, -j / f.slope + 0)).toBe(true); // the definition, bit for bit
        expect(Math.abs(f.Dslope - exact)).toBeLessThanOrEqual(8 * n * (rel + 2 * EPS) * Math.abs(exact));
        // max residual ≲ the rounding of the A_i and of the line, relative to |A_b − A_a|
        expect(f.linearity).toBeLessThanOrEqual(16 * n * rel);
        expect(Math.abs(f.intercept - alpha)).toBeLessThanOrEqual(16 * n * (rel + EPS) * beta * L + 4 * EPS * Math.abs(alpha));
      }),
      { numRuns: 300, seed: 404 },
    );
  });

  it("integer profiles and currents: D === −j/β bit for bit (the gradient is exact)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 40 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -50, max: 50 }).filter((b) => b !== 0),
        fc.integer({ min: -1000, max: 1000 }),
        (L, alpha, b, j) => {
          const A = Array.from({ length: L }, (_, k) => alpha + b * (k + 1));
          const f = fickDiffusion(A, j, { skip: 0 });
          // j(b − a) and A_b − A_a = β(b − a) are exact integers, and one correctly rounded division
          // of j(b−a) by β(b−a) is the correctly rounded j/β
          expect(Object.is(f.D, -j / b + 0)).toBe(true);
          expect(f.linearity).toBe(0);
        },
      ),
      { numRuns: 200, seed: 405 },
    );
  });

  // a noisy linear bulk profile with nonzero gradient
  const noisyCase = fc
    .record({
      L: fc.integer({ min: 4, max: 40 }),
      beta: fc.double({ min: 0.01, max: 1, noNaN: true }),
      negBeta: fc.boolean(),
      // |j| ≥ 1e-3: no subnormals, so scaling by 2^k (|k| ≤ 20) is exact
      j: fc.oneof(fc.double({ min: -2, max: -1e-3, noNaN: true }), fc.double({ min: 1e-3, max: 2, noNaN: true })),
      seed: fc.integer({ min: 0, max: 1e9 }),
    })
    .map(({ L, beta, negBeta, j, seed }) => {
      const rng = createRng(seed);
      const b = negBeta ? -beta : beta;
      return { j, A: Array.from({ length: L }, (_, k) => b * (k + 1) + 0.1 * beta * rng.normal()) };
    })
    .filter(({ A }) => Math.abs(A[A.length - 2] - A[1]) > 1e-3);

  /** Least-squares quantities of the default range (skip 1) for the tolerance of the slope. */
  function rangeStats(A: number[]) {
    const sites = A.slice(1, -1).map((_, k) => k + 2);
    const n = sites.length;
    const mx = sites.reduce((a, b) => a + b, 0) / n;
    const sxx = sites.reduce((a, v) => a + (v - mx) ** 2, 0);
    const sdx = sites.reduce((a, v) => a + Math.abs(v - mx), 0);
    return { n, sxx, sdx };
  }

  it("D is invariant under shifting A by a constant (to the rounding of A + s)", () => {
    fc.assert(
      fc.property(noisyCase, fc.double({ min: -100, max: 100, noNaN: true }), ({ A, j }, s) => {
        const f = fickDiffusion(A, j);
        const g = fickDiffusion(A.map((v) => v + s), j);
        const big = Math.max(...A.map(Math.abs)) + Math.abs(s);
        const dA = Math.abs(A[A.length - 2] - A[1]);
        // A_i + s is rounded by ε·big; the gradient of the end sites sees 2 of those plus its own
        expect(Math.abs(g.D - f.D)).toBeLessThanOrEqual(((8 * EPS * big) / dA) * Math.abs(f.D));
        // the slope: per-point rounding ε·big weighted by |dx_i|/S_xx, plus n·ε summation
        const { n, sxx, sdx } = rangeStats(A);
        const tolSlope = (8 * EPS * big * sdx) / sxx + 8 * n * EPS * Math.abs(f.slope);
        expect(Math.abs(g.slope - f.slope)).toBeLessThanOrEqual(tolSlope);
        expect(Math.abs(g.Dslope - f.Dslope)).toBeLessThanOrEqual((2 * tolSlope * Math.abs(f.Dslope)) / Math.abs(f.slope));
        expect(Math.abs(g.intercept - (f.intercept + s))).toBeLessThanOrEqual(tolSlope * 2 * A.length + 8 * n * EPS * big);
      }),
      { numRuns: 300, seed: 406 },
    );
  });

  it("rescaling: D(cA, j) = D(A, j)/c and D(A, cj) = c·D(A, j); bit for bit for c = 2^k", () => {
    fc.assert(
      fc.property(noisyCase, fc.integer({ min: -20, max: 20 }), fc.double({ min: 0.1, max: 10, noNaN: true }), ({ A, j }, k, c) => {
        const f = fickDiffusion(A, j);
        const p = 2 ** k; // scaling by a power of 2 is exact in every operation
        const fa = fickDiffusion(A.map((v) => v * p), j);
        const fj = fickDiffusion(A, j * p);
        expect(Object.is(fa.D, f.D / p)).toBe(true);
        expect(Object.is(fa.Dslope, f.Dslope / p)).toBe(true);
        expect(Object.is(fa.linearity, f.linearity)).toBe(true);
        expect(Object.is(fj.D, f.D * p)).toBe(true);
        expect(Object.is(fj.Dslope, f.Dslope * p)).toBe(true);
        // a general c: each c·A_i is rounded (ε relative), amplified by max|A|/|A_b − A_a| in the gradient
        const ga = fickDiffusion(A.map((v) => v * c), j);
        const dA = Math.abs(A[A.length - 2] - A[1]);
        const amp = Math.max(...A.map(Math.abs)) / dA;
        expect(Math.abs(ga.D * c - f.D)).toBeLessThanOrEqual(8 * EPS * (1 + amp) * Math.abs(f.D));
        const gj = fickDiffusion(A, j * c);
        expect(Math.abs(gj.D / c - f.D)).toBeLessThanOrEqual(4 * EPS * Math.abs(f.D)); // two roundings
      }),
      { numRuns: 300, seed: 407 },
    );
  });

  it("sign convention and the range options", () => {
    // decreasing profile, current towards increasing site index: D > 0 (CONVENTIONS §0)
    const A = [0.3, 0.2, 0.18, 0.16, 0.14, 0.12, 0.02];
    const f = fickDiffusion(A, 0.02);
    expect([f.from, f.to]).toEqual([2, 6]);
    expect(f.D).toBeCloseTo(1, 14);
    expect(fickDiffusion(A, -0.02).D).toBeCloseTo(-1, 14);
    const all = fickDiffusion(A, 0.02, { from: 1, to: 7 });
    expect(all.D).toBeCloseTo((0.02 * 6) / 0.28, 14);
    expect(all.linearity).toBeGreaterThan(0.1); // the contact jumps are not linear
    expect(fickDiffusion(A, 0.02, { skip: 0 })).toEqual(all);
    const part = fickDiffusion(A, 0.02, { from: 3 });
    expect([part.from, part.to]).toEqual([3, 6]);
    expect(Object.is(fickDiffusion(A, 0).D, 0)).toBe(true); // zero current: D = +0, not −0
    expect(fickDiffusion(Float64Array.from(A), 0.02)).toEqual(f); // typed arrays are accepted
  });

  it("rejects bad input and undefined D with NessrefError invalid-input (never ±∞ or NaN)", () => {
    const A = [0.3, 0.2, 0.18, 0.16, 0.14, 0.12, 0.02];
    expectNessref(() => fickDiffusion([1], 1), "/profile");
    expectNessref(() => fickDiffusion([], 1), "/profile");
    expectNessref(() => fickDiffusion([1, 2, 3], 1), "/skip"); // skip 1 leaves 1 site
    expectNessref(() => fickDiffusion(A, 1, { skip: 3 }), "/skip");
    expectNessref(() => fickDiffusion(A, 1, { skip: -1 }), "/skip");
    expectNessref(() => fickDiffusion(A, 1, { skip: 1.5 }), "/skip");
    expectNessref(() => fickDiffusion(A, 1, { from: 4, to: 4 }), "/to");
    expectNessref(() => fickDiffusion(A, 1, { from: 5, to: 3 }), "/to");
    expectNessref(() => fickDiffusion(A, 1, { from: 0 }), "/from");
    expectNessref(() => fickDiffusion(A, 1, { to: 8 }), "/to");
    expectNessref(() => fickDiffusion(A, 1, { from: 2.5 }), "/from");
    expectNessref(() => fickDiffusion([0.1, NaN, 0.3], 1), "/profile/1");
    expectNessref(() => fickDiffusion([0.1, 0.2, Infinity], 1, { skip: 0 }), "/profile/2");
    expectNessref(() => fickDiffusion(A, NaN), "/current");
    expectNessref(() => fickDiffusion(A, Infinity), "/current");
    expectNessref(() => fickDiffusion([1, 2, 5, 2, 0], 1), "/profile"); // A_4 = A_2: zero gradient
    expectNessref(() => fickDiffusion([0, 3, 0, 1], 1, { skip: 0 }), "/profile"); // fitted slope 0
    expectNessref(() => fickDiffusion("abc" as unknown as number[], 1), "/profile");
  });
});

describe("jackknife and bootstrap", () => {
  it("the jackknife error of the mean is exactly the textbook standard error s/√n", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 60 }), (xs) => {
        const n = xs.length;
        const mean = xs.reduce((a, b) => a + b, 0) / n;
        // Math.hypot scales before squaring: no underflow for tiny samples (an independent road)
        const s = Math.hypot(...xs.map((v) => v - mean)) / Math.sqrt(n - 1);
        const big = Math.max(...xs.map(Math.abs));
        fc.pre(s > 1e-6 * big);
        const j = jackknife(xs, (sub) => sub.reduce((a, b) => a + b, 0) / sub.length);
        // identity θ_(i) − θ̄ = (x̄ − x_i)/(n − 1); each θ_(i) is a sum of n − 1 terms, rounded by
        // ≲ n·ε·max|x| against deviations of size s/(n − 1), so SE is relatively within 2n²ε·max|x|/s
        const tol = 2 * n * n * EPS * (big / s) + 4 * EPS;
        expect(Math.abs(j.stdErr / (s / Math.sqrt(n)) - 1)).toBeLessThanOrEqual(tol);
        expect(j.estimate).toBe(mean);
      }),
      { numRuns: 300, seed: 501 },
    );
  });

  it("jackknife hands the estimator the samples without sample i, in order (second road: filter)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 15 }), (rows) => {
        // an order-sensitive estimator on array samples: Σ_k (k+1)·row_k[0] is exact in integers
        const est = (sub: readonly number[][]) => sub.reduce((a, r, k) => a + (k + 1) * r[0], 0);
        const j = jackknife(rows, est);
        expect(j.estimate).toBe(est(rows));
        for (let i = 0; i < rows.length; i++) expect(j.leaveOneOut[i]).toBe(est(rows.filter((_, k) => k !== i)));
      }),
      { numRuns: 100, seed: 502 },
    );
  });

  const mean = (s: readonly number[]) => s.reduce((a, b) => a + b, 0) / s.length;

  it("bootstrap follows its documented draws bit for bit (fork(b), n·int(n)) and the type-7 percentiles", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.oneof(fc.integer(), fc.string()),
        fc.integer({ min: 2, max: 300 }),
        (xs, seed, B) => {
          const r = bootstrap(xs, mean, { bootstrap: B, seed });
          // second road: the procedure as documented
          const master = createRng(seed);
          const reps = Array.from({ length: B }, (_, b) => {
            const rng = master.fork(b);
            return mean(xs.map(() => xs[rng.int(xs.length)]));
          });
          expect(sameBits(r.replicates, reps)).toBe(true);
          const m = reps.reduce((a, v) => a + v, 0) / B;
          const sd = Math.hypot(...reps.map((v) => v - m)) / Math.sqrt(B - 1);
          // the same deviations (same mean, same order); the library's scaled sum of squares and
          // Math.hypot both avoid underflow and each rounds by ≤ B·ε relatively; results in the
          // subnormal range are rounded to multiples of 2^−1074 (Number.MIN_VALUE)
          expect(Math.abs(r.stdErr - sd)).toBeLessThanOrEqual(2 * B * EPS * sd + 4 * Number.MIN_VALUE);
          const sorted = [...reps].sort((a, b) => a - b);
          const q = (p: number) => {
            const h = (B - 1) * p;
            const lo = Math.floor(h);
            const f = h - lo;
            return lo + 1 < B ? (1 - f) * sorted[lo] + f * sorted[lo + 1] : sorted[lo];
          };
          // (1 − f)a + fb and a + f(b − a) differ by rounding: a few ulps of max|replicate|
          const tol = 4 * EPS * Math.max(...sorted.map(Math.abs));
          expect(Math.abs(r.interval[0] - q(0.025))).toBeLessThanOrEqual(tol);
          expect(Math.abs(r.interval[1] - q(0.975))).toBeLessThanOrEqual(tol);
          expect(r.interval[0]).toBeLessThanOrEqual(r.interval[1]);
          expect(r.estimate).toBe(mean(xs));
        },
      ),
      { numRuns: 100, seed: 503 },
    );
  });

  it("bootstrap is deterministic: same seed → same bits; resample b does not depend on B; default seed 0", () => {
    const xs = Array.from({ length: 50 }, (_, k) => Math.sin(k) * 3);
    const a = bootstrap(xs, mean, { bootstrap: 400, seed: "s" });
    const b = bootstrap(xs, mean, { bootstrap: 400, seed: "s" });
    expect(sameBits(a.replicates, b.replicates)).toBe(true);
    expect(Object.is(a.stdErr, b.stdErr)).toBe(true);
    expect(sameBits(a.interval, b.interval)).toBe(true);
    const c = bootstrap(xs, mean, { bootstrap: 400, seed: "t" });
    expect(sameBits(a.replicates, c.replicates)).toBe(false);
    const short = bootstrap(xs, mean, { bootstrap: 100, seed: "s" });
    expect(sameBits(short.replicates, a.replicates.subarray(0, 100))).toBe(true);
    expect(sameBits(bootstrap(xs, mean).replicates, bootstrap(xs, mean, { seed: 0, bootstrap: 1000 }).replicates)).toBe(true);
  });

  it("bootstrap error of the mean agrees with the jackknife error for Gaussian samples (n = 200)", () => {
    // For the mean the ideal (B → ∞) bootstrap SE is exactly √((n−1)/n)·s/√n = √((n−1)/n)·SE_jack.
    // With B = 1000 replicates (means of 200 draws: Gaussian to high accuracy) the SD estimate has
    // relative Monte Carlo error ≈ 1/√(2(B−1)) = 0.0224; 6σ = 0.134 → P(fail) ≈ 2e-9 per run, and the
    // fast-check seed is fixed, so the check cannot flake. A factor 1.5 is far outside.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (seed, sd) => {
        const rng = createRng(seed);
        const xs = Array.from({ length: 200 }, () => rng.normal(3, sd));
        const j = jackknife(xs, mean);
        const b = bootstrap(xs, mean, { bootstrap: 1000, seed: seed + 1 });
        const ratio = b.stdErr / j.stdErr;
        expect(ratio).toBeGreaterThan(1 / 1.5);
        expect(ratio).toBeLessThan(1.5);
        expect(Math.abs(ratio - Math.sqrt(199 / 200))).toBeLessThan(6 / Math.sqrt(2 * 999));
      }),
      { numRuns: 20, seed: 504 },
    );
  });

  it("rejects bad input with NessrefError invalid-input", () => {
    expectNessref(() => jackknife([1], mean), "/samples");
    expectNessref(() => jackknife(5 as unknown as number[], mean), "/samples");
    expectNessref(() => jackknife([1, 2], 3 as unknown as typeof mean), "/estimator");
    expectNessref(() => jackknife([1, 2, 3], () => NaN), "/estimator");
    expectNessref(() => jackknife([1, 2, 3], (s) => (s.length === 2 ? Infinity : 1)), "/estimator");
    expectNessref(() => bootstrap([1], mean), "/samples");
    expectNessref(() => bootstrap([1, 2], mean, { bootstrap: 1 }), "/bootstrap");
    expectNessref(() => bootstrap([1, 2], mean, { bootstrap: 10.5 }), "/bootstrap");
    expectNessref(() => bootstrap([1, 2], mean, { seed: NaN }), "/seed");
    expectNessref(() => bootstrap([1, 2], () => NaN), "/estimator");
  });
});

describe("fitPowerLawEnsemble", () => {
  /** R noisy realizations y_rl = c·x_l^(−γ)(1 + σξ_rl), ξ standard normal. */
  function ensemble(x: number[], gamma: number, c: number, R: number, sigma: number, seed: number): number[][] {
    const rng = createRng(seed);
    return Array.from({ length: R }, () => x.map((v) => c * v ** -gamma * (1 + sigma * rng.normal())));
  }

  it("γ is the fit to the mean; the jackknife is the leave-one-realization-out jackknife (second road)", () => {
    fc.assert(
      fc.property(
        xSet(2, 8),
        fc.double({ min: -2, max: 3, noNaN: true }),
        signedPrefactor,
        fc.integer({ min: 2, max: 40 }),
        fc.integer({ min: 0, max: 1e9 }),
        (x, gamma, c, R, seed) => {
          const samples = ensemble(x, gamma, c, R, 0.05, seed);
          const f = fitPowerLawEnsemble(x, samples, { bootstrap: 50, seed });
          const m = x.map((_, l) => samples.reduce((a, row) => a + row[l], 0) / R);
          expect(sameBits(f.mean, m)).toBe(true); // the same summation order
          const g = fitPowerLaw(x, m);
          expect(Object.is(f.gamma, g.gamma)).toBe(true);
          expect(Object.is(f.prefactor, g.prefactor)).toBe(true);
          expect(f.sign).toBe(c > 0 ? 1 : -1);
          // second road: refit the mean without realization r with fitPowerLaw
          const gs = samples.map((_, r) => {
            const rest = samples.filter((_, k) => k !== r);
            return fitPowerLaw(x, x.map((_, l) => rest.reduce((a, row) => a + row[l], 0) / (R - 1))).gamma;
          });
          const gbar = gs.reduce((a, b) => a + b, 0) / R;
          const se = Math.sqrt(((R - 1) / R) * gs.reduce((a, v) => a + (v - gbar) ** 2, 0));
          // identical arithmetic on the same subsets, up to the summation order of the variance
          expect(Math.abs(f.jackknifeStdErr - se)).toBeLessThanOrEqual(1e-9 * se + 1e-12);
          expect(f.realizations).toBe(R);
          expect(f.resamples).toBe(50);
        },
      ),
      { numRuns: 100, seed: 601 },
    );
  });

  it("bootstrap and jackknife errors of γ agree within a factor 1.5 at 200 Gaussian-noise realizations", () => {
    // γ is a smooth function of the m realization means; both errors estimate its delta-method
    // standard error, differing by O(1/R) (relative noise of the means 0.2/√200 = 1.4 %, so the
    // nonlinearity is negligible) plus the bootstrap's Monte Carlo error 1/√(2(B−1)) = 2.2 % at
    // B = 1000. A factor 1.5 is ~18σ; 6σ + 3 % is checked too. The fast-check seed is fixed: no flakes.
    // The 95 % percentile interval of a smooth, nearly Gaussian statistic contains the estimate
    // (it would need a bias of ~2 SE to miss it).
    fc.assert(
      fc.property(
        xSet(3, 8),
        fc.double({ min: -2, max: 3, noNaN: true }),
        signedPrefactor,
        fc.integer({ min: 0, max: 1e9 }),
        (x, gamma, c, seed) => {
          const samples = ensemble(x, gamma, c, 200, 0.2, seed);
          const f = fitPowerLawEnsemble(x, samples, { seed });
          expect(f.resamples).toBe(1000);
          const ratio = f.bootstrapStdErr / f.jackknifeStdErr;
          expect(ratio).toBeGreaterThan(1 / 1.5);
          expect(ratio).toBeLessThan(1.5);
          expect(Math.abs(ratio - 1)).toBeLessThan(6 / Math.sqrt(2 * 999) + 0.03);
          expect(f.bootstrapInterval[0]).toBeLessThan(f.gamma);
          expect(f.bootstrapInterval[1]).toBeGreaterThan(f.gamma);
          // and the fit is near the truth: within 6 error bars (plus the O(σ²) bias of ln of a mean)
          expect(Math.abs(f.gamma - gamma)).toBeLessThan(6 * f.jackknifeStdErr + 1e-3);
        },
      ),
      { numRuns: 20, seed: 602 },
    );
  });

  it("is deterministic for a fixed seed (same bits twice), default seed 0, another seed differs", () => {
    const x = [6, 8, 10, 12];
    const samples = ensemble(x, 1.2, 0.4, 60, 0.3, 9);
    const a = fitPowerLawEnsemble(x, samples, { bootstrap: 300, seed: "run" });
    const b = fitPowerLawEnsemble(x, samples, { bootstrap: 300, seed: "run" });
    expect(Object.is(a.bootstrapStdErr, b.bootstrapStdErr)).toBe(true);
    expect(sameBits(a.bootstrapInterval, b.bootstrapInterval)).toBe(true);
    expect(Object.is(a.jackknifeStdErr, b.jackknifeStdErr)).toBe(true);
    const c = fitPowerLawEnsemble(x, samples, { bootstrap: 300, seed: "other" });
    expect(Object.is(a.bootstrapStdErr, c.bootstrapStdErr)).toBe(false);
    const d0 = fitPowerLawEnsemble(x, samples);
    const d1 = fitPowerLawEnsemble(x, samples, { bootstrap: 1000, seed: 0 });
    expect(Object.is(d0.bootstrapStdErr, d1.bootstrapStdErr)).toBe(true);
    // the bootstrap is the generic helper over realizations with the γ-of-the-mean estimator
    const gammaOfMean = (rows: readonly number[][]) =>
      fitPowerLaw(x, x.map((_, l) => rows.reduce((s, r) => s + r[l], 0) / rows.length)).gamma;
    const g = bootstrap(samples, gammaOfMean, { bootstrap: 300, seed: "run" });
    expect(Object.is(g.stdErr, a.bootstrapStdErr)).toBe(true);
  });

  it("rejects bad input with NessrefError invalid-input", () => {
    const x = [2, 4, 8];
    const ok = [[1, 0.5, 0.25], [1.1, 0.6, 0.2]];
    expectNessref(() => fitPowerLawEnsemble(x, [[1, 0.5, 0.25]]), "/samples"); // one realization
    expectNessref(() => fitPowerLawEnsemble(x, []), "/samples");
    expectNessref(() => fitPowerLawEnsemble(x, [[1, 0.5, 0.25], [1, 0.5]]), "/samples/1");
    expectNessref(() => fitPowerLawEnsemble(x, [[1, 0.5, 0.25], [1, NaN, 0.2]]), "/samples/1/1");
    expectNessref(() => fitPowerLawEnsemble(x, [[1, 0.5, 0.25], [-1, -0.6, 0.2]]), "/samples"); // mean changes sign
    expectNessref(() => fitPowerLawEnsemble(x, [[1, 0.5, 0.25], [-1, 0.5, 0.25]]), "/samples"); // mean zero at x[0]
    // mean positive, but the mean without realization 0 is negative: γ of that subset undefined
    expectNessref(() => fitPowerLawEnsemble(x, [[10, 10, 10], [-9.9, -9.9, -9.9]]), "/samples");
    expectNessref(() => fitPowerLawEnsemble([2, -4, 8], ok), "/x/1");
    expectNessref(() => fitPowerLawEnsemble([2, 4], ok), "/samples/0");
    expectNessref(() => fitPowerLawEnsemble([2, 2, 2], ok), "/x");
    expectNessref(() => fitPowerLawEnsemble(x, ok, { bootstrap: 0 }), "/bootstrap");
    expectNessref(() => fitPowerLawEnsemble(x, ok, { seed: Infinity }), "/seed");
    // and the valid case returns finite numbers
    const f = fitPowerLawEnsemble(x, ok, { bootstrap: 20 });
    for (const v of [f.gamma, f.prefactor, f.jackknifeStdErr, f.bootstrapStdErr, ...f.bootstrapInterval]) expect(Number.isFinite(v)).toBe(true);
  });
});
