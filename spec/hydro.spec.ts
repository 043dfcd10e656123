/**
 * Properties of the resistor networks and fractional hydrodynamics (MODELS §4, [P4] and its SM;
 * `src/exact/hydro`, CONVENTIONS §10):
 *
 *  1. the subtraction-free path solver against a 50-digit decimal.js Gaussian elimination, on
 *     conductances spread over 14 decades: relative error per component ≤ 8·n·ε_mach;
 *  2. energy conservation of the thermal networks (1D and 2D): Σ sinks = Σ sources;
 *  3. uniform links give the clean diffusive solution: a cosine mode of the sources is the
 *     eigenmode of the open (Neumann) lattice Laplacian, T − T0 − θ = εθδ·mode/(ε + λ_k) (1D and 2D);
 *  4. the 1D charge current equals V/Σ_k Γ̃_k⁻¹ (series law = Kirchhoff solve);
 *  5. ε → 0 with α > 1: the current tends to its finite ε = 0 value linearly in ε;
 *  6. the 2D solvers (CG + IC(0)) agree with a dense LU solve at N ≤ 8;
 *  7. the contour rule for e^{−x} is accurate to 2e-14 for all x ≥ 0, and closed spreading
 *     agrees with the spectral road (dense symmetric eigensolver) and conserves energy;
 *  8. SM eq. (12): the closed form against the decimal.js quadrature of its k-integral, ≥ 12 digits;
 *  9. the exponent fits recover the exponent of exact power laws, with zero error bars when all
 *     realizations are equal.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal } from "decimal.js";
import {
  chargeNetwork1D,
  chargeNetwork2D,
  chainLaplacian,
  closedSpreading1D,
  closedSpreading2D,
  fitCurrentExponent,
  fitSpreadingExponent,
  fitThermalExponent,
  fractionalTemperatureVariance,
  fractionalTemperatureVarianceQuadrature,
  gridLaplacian,
  heatKernelAction,
  solvePathNetwork,
  thermalNetwork1D,
  thermalNetwork2D,
} from "../src/exact/index.js";
import { fromRows, solve as denseSolve, symEig } from "../src/linalg/index.js";

const EPS = 2.220446049250313e-16;
/** conductances spread over decades: 10^u, u uniform in [lo, hi] */
const decades = (lo: number, hi: number) => fc.double({ min: lo, max: hi, noNaN: true }).map((u) => 10 ** u);
const sinkWeights = fc.double({ min: 0.5, max: 1.5, noNaN: true });

describe("1. subtraction-free path solver", () => {
  it("matches a 50-digit elimination to 8·n·ε per component", () => {
    const D = Decimal.clone({ precision: 50 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }).chain((n) =>
          fc.tuple(fc.array(decades(-12, 2), { minLength: n - 1, maxLength: n - 1 }), fc.array(fc.oneof(fc.constant(0), decades(-12, 1)), { minLength: n, maxLength: n }), fc.array(decades(-6, 1), { minLength: n, maxLength: n })),
        ).filter(([, q]) => q.some((v) => v > 0)),
        ([c, q, b]) => {
          const n = q.length;
          const x = solvePathNetwork(c, q, b);
          // decimal Thomas algorithm on the same tridiagonal system
          const d: Decimal[] = [], y: Decimal[] = [];
          for (let i = 0; i < n; i++) {
            let diag = new D(q[i]);
            if (i > 0) diag = diag.add(c[i - 1]);
            if (i < n - 1) diag = diag.add(c[i]);
            let yi = new D(b[i]);
            if (i > 0) {
              const f = new D(c[i - 1]).div(d[i - 1]);
              diag = diag.sub(f.mul(c[i - 1]));
              yi = yi.add(f.mul(y[i - 1]));
            }
            d.push(diag);
            y.push(yi);
          }
          const xd: Decimal[] = new Array(n);
          xd[n - 1] = y[n - 1].div(d[n - 1]);
          for (let i = n - 2; i >= 0; i--) xd[i] = y[i].add(new D(c[i]).mul(xd[i + 1])).div(d[i]);
          for (let i = 0; i < n; i++) {
            // b > 0: every x_i > 0 and the elimination only adds positive terms (a few roundings per step)
            expect(Math.abs(x[i] - xd[i].toNumber()) / xd[i].toNumber()).toBeLessThanOrEqual(8 * n * EPS);
          }
        },
      ),
      { numRuns: 300, seed: 81 },
    );
  });
});

describe("2. energy conservation of the thermal networks", () => {
  it("1D: Σ_i ε g1_i (T_i − T0) = Σ_i ε θ g2_i", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 200 }).chain((N) => fc.tuple(
          fc.array(decades(-8, 1), { minLength: N - 1, maxLength: N - 1 }),
          fc.array(sinkWeights, { minLength: N, maxLength: N }),
          fc.array(sinkWeights, { minLength: N, maxLength: N }),
          decades(-6, 0), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true }),
        )),
        ([G, g1, g2, epsilon, T0, theta]) => {
          const s = thermalNetwork1D({ conductances: G, g1, g2, epsilon, T0, theta });
          // both sides are sums of N positive terms, each correct to a few ulps, but T_i − T0 is
          // recomputed from T_i = T0 + x_i, which costs ε·T0/x_i with x_i ≥ θ·min g2/max g1 ≥ θ/3
          expect(Math.abs(s.sinks - s.sources) / s.sources).toBeLessThanOrEqual(8 * (G.length + 1) * EPS * (1 + (3 * T0) / theta));
          expect(s.residual).toBeLessThanOrEqual(64 * EPS);
        },
      ),
      { numRuns: 300, seed: 82 },
    );
  });

  it("2D: Σ sinks = Σ sources to the CG backward error", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 12 }).chain((N) => fc.tuple(
          fc.constant(N),
          fc.array(decades(-4, 1), { minLength: N * (N - 1), maxLength: N * (N - 1) }),
          fc.array(decades(-4, 1), { minLength: N * (N - 1), maxLength: N * (N - 1) }),
          fc.array(sinkWeights, { minLength: N * N, maxLength: N * N }),
          fc.array(sinkWeights, { minLength: N * N, maxLength: N * N }),
          decades(-4, 0),
        )),
        ([N, gH, gV, g1, g2, epsilon]) => {
          const s = thermalNetwork2D(N, { g1, g2, epsilon, T0: 1, theta: 1 }, gH, gV);
          // the balance is Σ of the residual equations: ≤ N² · backward error · (‖A‖‖x‖ + ‖b‖)/Σ sources;
          // ‖A‖ ≤ 4·10 + ε·1.5, ‖x‖ ≤ θ·1.5/0.5 (a maximum principle), Σ sources ≥ 0.5·ε·N²
          const bound = N * N * Math.max(s.solve.backwardError, 1e-16) * (41 * 3 + 1.5 * epsilon) / (0.5 * epsilon * N * N) + 1e-13;
          expect(Math.abs(s.sinks - s.sources) / s.sources).toBeLessThanOrEqual(bound);
        },
      ),
      { numRuns: 100, seed: 83 },
    );
  });
});

describe("3. uniform links: the clean diffusive solution", () => {
  it("1D: a cosine source mode is the exact eigenmode of the open chain", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 300 }).chain((N) => fc.tuple(fc.constant(N), fc.integer({ min: 0, max: N - 1 }))),
        decades(-2, 1), decades(-6, 0), fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        ([N, k], G, epsilon, delta) => {
          const mode = Array.from({ length: N }, (_, i) => Math.cos((Math.PI * k * (i + 0.5)) / N));
          const g2 = mode.map((m) => 1 + delta * m);
          const s = thermalNetwork1D({ conductances: Array(N - 1).fill(G), g1: Array(N).fill(1), g2, epsilon, T0: 1, theta: 1 });
          const lam = 2 * G * (1 - Math.cos((Math.PI * k) / N));
          const amp = (epsilon * delta) / (epsilon + lam);
          // T − T0 = 1 + amp·mode; subtraction-free solve: error ≤ few·N·ε relative to T − T0 ≥ 1 − δ
          for (let i = 0; i < N; i++) expect(Math.abs(s.temperature[i] - 1 - (1 + amp * mode[i]))).toBeLessThanOrEqual(16 * N * EPS * 2);
        },
      ),
      { numRuns: 300, seed: 84 },
    );
  });

  it("2D: a product of cosines is the exact eigenmode of the open grid", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 16 }).chain((N) => fc.tuple(fc.constant(N), fc.integer({ min: 0, max: N - 1 }), fc.integer({ min: 0, max: N - 1 }))),
        decades(-1, 1), decades(-3, 0), fc.double({ min: 0.01, max: 0.5, noNaN: true }),
        ([N, kr, kc], G, epsilon, delta) => {
          const mode = Array.from({ length: N * N }, (_, i) => Math.cos((Math.PI * kr * (Math.floor(i / N) + 0.5)) / N) * Math.cos((Math.PI * kc * ((i % N) + 0.5)) / N));
          const g2 = mode.map((m) => 1 + delta * m);
          const ones = Array(N * (N - 1)).fill(G);
          const s = thermalNetwork2D(N, { g1: Array(N * N).fill(1), g2, epsilon, T0: 1, theta: 1 }, ones, ones);
          const lam = 2 * G * (2 - Math.cos((Math.PI * kr) / N) - Math.cos((Math.PI * kc) / N));
          const amp = (epsilon * delta) / (epsilon + lam);
          // CG to backward error ≤ 1e-15 or residual ≤ 1e-14: forward error ≤ cond·that, cond ≤ (ε + 8G)/ε
          const tol = 64 * EPS * ((epsilon + 8 * G) / epsilon);
          for (let i = 0; i < N * N; i++) expect(Math.abs(s.temperature[i] - 2 - amp * mode[i])).toBeLessThanOrEqual(tol);
        },
      ),
      { numRuns: 150, seed: 85 },
    );
  });
});

describe("4–5. the 1D charge network", () => {
  it("4. the Kirchhoff solve carries the series current V/Σ Γ̃⁻¹ through every link", () => {
    fc.assert(
      fc.property(
        fc.array(decades(-12, 1), { minLength: 1, maxLength: 400 }), fc.double({ min: -100, max: 100, noNaN: true }).filter((v) => Math.abs(v) > 1e-6),
        (G, V) => {
          const s = chargeNetwork1D(G, V);
          let R = 0;
          for (const g of G) R += 1 / g;
          expect(s.current).toBe(V / R);
          // subtraction-free potentials; a link current Γ̃(μ_{k−1} − μ_k) loses the digits the
          // difference cancels: on the link with the largest drop ≤ 2·drop-ratio, here ≤ 16·N·ε
          expect(Math.abs(s.kirchhoffCurrent - s.current) / Math.abs(s.current)).toBeLessThanOrEqual(16 * (G.length + 1) * EPS);
        },
      ),
      { numRuns: 300, seed: 86 },
    );
  });

  it("5. α > 1: as ε → 0 the current tends to its finite ε = 0 value, linearly in ε", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 8, noNaN: true }), { minLength: 1, maxLength: 200 }), decades(-10, -4),
        (ex, epsilon) => {
          const lengths = ex.map((e) => 1 + e); // ℓ ≥ a = 1
          const g0 = lengths.map((l) => 5 * Math.exp(-l));
          const ge = lengths.map((l, k) => epsilon / l + g0[k]);
          const j0 = chargeNetwork1D(g0, 1).current, je = chargeNetwork1D(ge, 1).current;
          expect(Number.isFinite(j0) && j0 > 0).toBe(true);
          // j(ε) − j(0) = j(ε)j(0)·Σ_k (1/Γ̃_k(0) − 1/Γ̃_k(ε)) ≤ j(0)·ε·max_k (e^{ℓ_k}/5)/ℓ_k… to first order
          const slope = j0 * j0 * lengths.reduce((a, l, k) => a + 1 / (l * g0[k] * g0[k]), 0);
          expect(je).toBeGreaterThanOrEqual(j0);
          expect(je - j0).toBeLessThanOrEqual(slope * epsilon * (1 + 1e-6) + 1e-14 * j0);
        },
      ),
      { numRuns: 200, seed: 87 },
    );
  });
});

describe("6. the 2D solvers against a dense solve (N ≤ 8)", () => {
  const grid = fc.integer({ min: 2, max: 8 }).chain((N) => fc.tuple(
    fc.constant(N),
    fc.array(decades(-5, 1), { minLength: N * (N - 1), maxLength: N * (N - 1) }),
    fc.array(decades(-5, 1), { minLength: N * (N - 1), maxLength: N * (N - 1) }),
  ));

  it("thermal", () => {
    fc.assert(
      fc.property(grid, decades(-5, 0), fc.array(sinkWeights, { minLength: 64, maxLength: 64 }), fc.array(sinkWeights, { minLength: 64, maxLength: 64 }), ([N, gH, gV], epsilon, g1a, g2a) => {
        const n = N * N, g1 = g1a.slice(0, n), g2 = g2a.slice(0, n);
        const s = thermalNetwork2D(N, { g1, g2, epsilon, T0: 1, theta: 1 }, gH, gV);
        const K = gridLaplacian(N, gH, gV);
        const rows = Array.from({ length: n }, () => Array(n).fill(0));
        for (let j = 0; j < n; j++) for (let k = 0; k <= K.bw && j + k < n; k++) { rows[j + k][j] = K.data[j * (K.bw + 1) + k]; rows[j][j + k] = K.data[j * (K.bw + 1) + k]; }
        for (let i = 0; i < n; i++) rows[i][i] += epsilon * g1[i];
        const x = denseSolve(fromRows(rows), Float64Array.from(g2, (g) => epsilon * g));
        // both are backward stable: forward errors ≤ cond·(1e-15…n·ε); cond ≤ (8·10 + ε·1.5)/(0.5ε)
        const cond = (80 + 1.5 * epsilon) / (0.5 * epsilon);
        for (let i = 0; i < n; i++) expect(Math.abs(s.temperature[i] - 1 - x[i])).toBeLessThanOrEqual(cond * 64 * n * EPS * Math.max(...x.map(Math.abs)));
      }),
      { numRuns: 150, seed: 88 },
    );
  });

  it("charge", () => {
    fc.assert(
      fc.property(grid, fc.double({ min: 0.1, max: 10, noNaN: true }), ([N, gH, gV], V) => {
        const s = chargeNetwork2D(N, V, gH, gV);
        // dense Kirchhoff on the full grid with the two columns as Dirichlet rows
        const n = N * N;
        const rows = Array.from({ length: n }, () => Array(n).fill(0));
        const b = new Float64Array(n);
        const K = gridLaplacian(N, gH, gV);
        for (let i = 0; i < n; i++) {
          const c = i % N;
          if (c === 0 || c === N - 1) { rows[i][i] = 1; b[i] = c === 0 ? V : 0; continue; }
          for (let j = 0; j < n; j++) {
            const lo = Math.min(i, j), hi = Math.max(i, j);
            if (hi - lo <= K.bw) rows[i][j] = K.data[lo * (K.bw + 1) + hi - lo];
          }
        }
        const mu = denseSolve(fromRows(rows), b);
        let J = 0;
        for (let r = 0; r < N; r++) J += gH[r * (N - 1)] * (mu[r * N] - mu[r * N + 1]);
        // the current loses what cancels in Γ̃(μ_{r,0} − μ_{r,1}) and what the conditioning of the grounded
        // Laplacian (conductances over 6 decades) costs the potentials: measured ≤ 2.7e-11 relative
        // (300 random grids, N ≤ 8, seed 5); allow 1e-8
        expect(Math.abs(s.current - J) / Math.abs(J)).toBeLessThanOrEqual(1e-8);
        expect(s.currentSpread).toBeLessThanOrEqual(1e-8);
      }),
      { numRuns: 150, seed: 89 },
    );
  });
});

describe("7. closed spreading", () => {
  it("the contour rule gives e^{−x} to 2e-14 for every x ≥ 0", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), decades(-10, 9)), fc.double({ min: 0.001, max: 1000, noNaN: true }), (lam, t) => {
        const e = heatKernelAction({ n: 1, bw: 0, data: Float64Array.of(lam) }, t, [1])[0];
        expect(Math.abs(e - Math.exp(-lam * t))).toBeLessThanOrEqual(2e-14);
      }),
      { numRuns: 500, seed: 90 },
    );
  });

  it("1D and 2D agree with the spectral road and conserve energy", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 2, max: 30 }).chain((N) => fc.tuple(fc.constant(1 as const), fc.constant(N), fc.array(decades(-6, 1), { minLength: N - 1, maxLength: N - 1 }), fc.constant([] as number[]), fc.integer({ min: 1, max: N }))),
          fc.integer({ min: 2, max: 5 }).chain((N) => fc.tuple(fc.constant(2 as const), fc.constant(N), fc.array(decades(-6, 1), { minLength: N * (N - 1), maxLength: N * (N - 1) }), fc.array(decades(-6, 1), { minLength: N * (N - 1), maxLength: N * (N - 1) }), fc.integer({ min: 1, max: N * N }))),
        ),
        fc.array(decades(-3, 6), { minLength: 1, maxLength: 5 }),
        ([d, N, g, gv, x0], times) => {
          const s = d === 1 ? closedSpreading1D(g, x0, times) : closedSpreading2D(N, g, gv, x0, times);
          const K = d === 1 ? chainLaplacian(g) : gridLaplacian(N, g, gv);
          const n = K.n;
          const rows = Array.from({ length: n }, () => Array(n).fill(0));
          for (let j = 0; j < n; j++) for (let k = 0; k <= K.bw && j + k < n; k++) { rows[j + k][j] = K.data[j * (K.bw + 1) + k]; rows[j][j + k] = K.data[j * (K.bw + 1) + k]; }
          const { values, vectors } = symEig(fromRows(rows));
          const dist2 = (i: number) => d === 1 ? (i - x0 + 1) ** 2 : (Math.floor(i / N) - Math.floor((x0 - 1) / N)) ** 2 + ((i % N) - ((x0 - 1) % N)) ** 2;
          const dmax = Math.max(...Array.from({ length: n }, (_, i) => dist2(i)));
          let knorm = 0;
          for (let j = 0; j < n; j++) knorm = Math.max(knorm, 2 * K.data[j * (K.bw + 1)]);
          times.forEach((t, k) => {
            let m2 = 0;
            for (let i = 0; i < n; i++) {
              let e = 0;
              for (let m = 0; m < n; m++) e += vectors.data[i * n + m] * vectors.data[(x0 - 1) * n + m] * Math.exp(-Math.max(values[m], 0) * t);
              m2 += dist2(i) * e;
            }
            // each e_i: the contour rule to 2e-14 plus its rounding, ~ε·t‖K‖ (the conditioning of
            // σ + tK); the spectral road to ~n·ε in the vectors and t·δλ ~ t·n·ε‖K‖ in e^{−λt}:
            // σ² to (2e-14 + (4n + 8t‖K‖(n+1))ε)·n·d²_max
            const tol = (2e-14 + (4 * n + 8 * t * knorm * (n + 1)) * EPS) * n * dmax;
            expect(Math.abs(s.secondMoment[k] - Math.max(m2, 0))).toBeLessThanOrEqual(tol);
          });
          // the drift removed by the renormalisation: the rule's 2e-14 plus its rounding ~ε·t‖K‖
          expect(s.energyError).toBeLessThanOrEqual(2e-14 * Math.sqrt(n) + 16 * EPS * knorm * Math.max(...times) + 1e-14);
        },
      ),
      { numRuns: 200, seed: 91 },
    );
  });
});

describe("8. SM eq. (12): closed form against quadrature", () => {
  it("agree to ≥ 12 significant digits for random z > d", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1 as const, 2 as const), fc.double({ min: 1.001, max: 12, noNaN: true }), decades(-5, -1), decades(-1, 1), decades(-1, 0.5),
        (d, zr, epsilon, gbar, gammaBar) => {
          const p = { d, z: d * zr, epsilon, theta: 1.3, dg: 0.05, gbar, gammaBar };
          const c = fractionalTemperatureVariance(p);
          const q = Number(fractionalTemperatureVarianceQuadrature(p, 16));
          expect(Math.abs(c - q) / q).toBeLessThanOrEqual(1e-12);
        },
      ),
      { numRuns: 12, seed: 92 },
    );
  });
});

describe("9. exponent fits", () => {
  it("recover the exponents of exact power laws, with zero error when every realization is equal", () => {
    fc.assert(
      fc.property(fc.constantFrom(1 as const, 2 as const), fc.double({ min: 1, max: 10, noNaN: true }), fc.integer({ min: 2, max: 6 }), (d, z, R) => {
        const eps = [1e-3, 3e-3, 1e-2, 3e-2, 1e-1];
        // δT/T̄ = 0.1·ε^{d/(2z)} with mean T = 2: Var = (0.2·ε^{d/(2z)})²
        const th = Array.from({ length: R }, () => Float64Array.from(eps.flatMap((e) => [2, (0.2 * e ** (d / (2 * z))) ** 2])));
        const f = fitThermalExponent(d, eps, th, { bootstrap: 20 });
        expect(Math.abs(f.value - z) / z).toBeLessThanOrEqual(1e-12);
        expect(f.jackknifeStdErr).toBeLessThanOrEqual(1e-12 * z);
        const t = [1, 10, 100, 1000];
        const sp = Array.from({ length: R }, () => Float64Array.from(t.map((x) => (3 * x ** (1 / z)) ** 2)));
        expect(Math.abs(fitSpreadingExponent(t, sp, { bootstrap: 20 }).value - z) / z).toBeLessThanOrEqual(1e-12);
        const ch = Array.from({ length: R }, () => Float64Array.from(eps.map((e) => 0.5 * e ** (1 - 1 / z))));
        expect(Math.abs(fitCurrentExponent(eps, ch, { bootstrap: 20 }).value - (1 - 1 / z))).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 50, seed: 93 },
    );
  });
});
