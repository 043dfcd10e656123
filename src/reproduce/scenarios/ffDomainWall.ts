/**
 * Scenario "ff-domain-wall": melting of the domain wall of the XX chain (CONVENTIONS §2, §7) on the
 * free-fermion road, against the infinite-chain arcsin law ⟨s^z⟩ = −(1/π) arcsin(x/(Jt)) and the
 * exact lattice formula.
 *
 * Exact lattice formula (derived here; CONVENTIONS §2): with h_{x,x+1} = J/2 on ℤ,
 * (e^{iht})_{xy} = i^{x−y} J_{x−y}(Jt) (the generating function of the Bessel functions), so from the
 * wall occupied at x ≤ 0, ⟨n_x(t)⟩ = Σ_{m ≥ x} J_m(Jt)². The finite chain (site i ↔ x = i − L/2)
 * agrees with it up to terms of order J_{L/2}(Jt)², negligible while the front Jt is far from the ends.
 * It is evaluated on a decimal.js road (Bessel series at 60 digits) for t ≤ 20.
 *
 * Entanglement: the half-chain entropy of the melting wall grows as (1/6) ln t (Dubail, Stéphan,
 * Viti & Calabrese, SciPost Phys. 2, 002 (2017): S = (1/6) ln[t(1 − x²/t²)^{3/2}] + const at the cut).
 *
 * @module
 */
import { Decimal } from "decimal.js";
import { domainWall, freeFermionQuench } from "../../exact/freeFermionQuench.js";
import { xxFermions } from "../../exact/freeFermion.js";
import { fitPowerLaw } from "../../analysis/transport.js";
import type { Check, Figure, Scenario, ScenarioContext, ScenarioOutput } from "../types.js";

const D60 = Decimal.clone({ precision: 60 });

/** J_m(z)² for m = 0..M by the power series at 60 digits (z ≤ ~40 keeps the cancellation ≤ 1e18). */
function besselSquares(z: number, M: number): Decimal[] {
  const half = new D60(z).div(2), h2 = half.mul(half);
  const out: Decimal[] = [];
  let lead = new D60(1); // (z/2)^m / m!
  for (let m = 0; m <= M; m++) {
    if (m > 0) lead = lead.mul(half).div(m);
    let term = lead, sum = lead;
    for (let k = 1; k < 400; k++) {
      term = term.mul(h2).neg().div(k * (k + m));
      sum = sum.plus(term);
      if (term.abs().lt(new D60(10).pow(-58))) break;
    }
    out.push(sum.mul(sum));
  }
  return out;
}

/** ⟨s^z_i⟩ of the infinite chain, ⟨n_x⟩ − ½ = Σ_{m ≥ x} J_m² − ½ (J_{−m}² = J_m²), for x = i − L/2. */
function latticeProfile(L: number, Jt: number): number[] {
  const M = Math.ceil(Jt + 60);
  const sq = besselSquares(Jt, M);
  const out: number[] = [];
  for (let i = 1; i <= L; i++) {
    const x = i - L / 2;
    let s = new D60(0);
    if (x >= 0) for (let m = x; m <= M; m++) s = s.plus(sq[m]!);
    else {
      // Σ_{m ≥ x} = 1 − Σ_{m < x} = 1 − Σ_{m > |x|} J_m²
      let tail = new D60(0);
      for (let m = -x + 1; m <= M; m++) tail = tail.plus(sq[m]!);
      s = new D60(1).minus(tail);
    }
    out.push(s.minus(0.5).toNumber());
  }
  return out;
}

async function run(ctx: ScenarioContext): Promise<ScenarioOutput> {
  const J = 1;
  const L = ctx.full ? 1000 : 600;
  const times = ctx.full ? [5, 10, 20, 40, 80, 160, 320, 450] : [5, 10, 20, 40, 80, 160, 240];
  const exactTimes = [5, 10, 20];
  const t0 = performance.now();
  ctx.progress(0, 2);
  const frames = freeFermionQuench(xxFermions({ L, J }), domainWall(L), times);
  ctx.progress(1, 2);
  let latticeDev = 0;
  for (const t of exactTimes) {
    const f = frames[times.indexOf(t)]!;
    const ref = latticeProfile(L, J * t);
    ref.forEach((v, i) => { latticeDev = Math.max(latticeDev, Math.abs(v - f.magnetization[i]!)); });
  }
  ctx.progress(2, 2);
  const arcsinDev = frames.map((f) => {
    let d = 0;
    f.magnetization.forEach((m, i) => {
      const u = (i + 1 - (L / 2 + 0.5)) / (J * f.t);
      if (Math.abs(u) <= 0.7) d = Math.max(d, Math.abs(m + Math.asin(u) / Math.PI));
    });
    return d;
  });
  let sumSz = 0, oddness = 0;
  for (const f of frames) {
    sumSz = Math.max(sumSz, Math.abs(f.magnetization.reduce((a, b) => a + b, 0)));
    for (let i = 0; i < L; i++) oddness = Math.max(oddness, Math.abs(f.magnetization[i]! + f.magnetization[L - 1 - i]!));
  }
  const late = frames.filter((f) => f.t >= 20);
  const rate = fitPowerLaw(late.map((f) => f.t), late.map((f) => arcsinDev[frames.indexOf(f)]!));
  const sFit = (() => {
    const xs = frames.filter((f) => f.t >= 40);
    const n = xs.length, lx = xs.map((f) => Math.log(f.t)), y = xs.map((f) => f.entropy);
    const mx = lx.reduce((a, b) => a + b, 0) / n, my = y.reduce((a, b) => a + b, 0) / n;
    let sxy = 0, sxx = 0;
    for (let k = 0; k < n; k++) { sxy += (lx[k]! - mx) * (y[k]! - my); sxx += (lx[k]! - mx) ** 2; }
    return sxy / sxx;
  })();
  const wall = (performance.now() - t0) / 1000;
  const grid = Array.from({ length: 201 }, (_, k) => -1 + k / 100);
  const figures: Figure[] = [
    {
      id: "profiles",
      title: `XX domain-wall melting, L = ${L}: ⟨s^z_i⟩ against x/(Jt), x = i − (L/2 + ½), and −(1/π) arcsin(x/(Jt))`,
      xLabel: "x/(Jt)", yLabel: "⟨s^z⟩",
      series: [
        ...frames.filter((f) => f.t >= 10).map((f) => ({
          name: `t = ${f.t}`, mark: "point" as const,
          x: Array.from(f.magnetization, (_, i) => (i + 1 - (L / 2 + 0.5)) / (J * f.t)).filter((u) => Math.abs(u) <= 1.3),
          y: Array.from(f.magnetization).filter((_, i) => Math.abs((i + 1 - (L / 2 + 0.5)) / (J * f.t)) <= 1.3),
        })),
        { name: "−(1/π) arcsin(x/(Jt))", x: grid, y: grid.map((u) => -Math.asin(u) / Math.PI), dash: [6, 3] },
      ],
    },
    {
      id: "entropy",
      title: `Half-chain entanglement entropy of the melting wall (L = ${L}) and (1/6) ln t + const`,
      xLabel: "t", yLabel: "S (nats)", logX: true,
      series: [
        { name: "free fermions", x: times, y: frames.map((f) => f.entropy), mark: "point" },
        { name: "(1/6) ln t + c", x: times, y: times.map((t) => frames[frames.length - 1]!.entropy + Math.log(t / times[times.length - 1]!) / 6), dash: [6, 3] },
      ],
    },
  ];
  const checks: Check[] = [
    {
      name: `t = ${exactTimes.join(", ")}: max_i |⟨s^z_i⟩ − (Σ_{m ≥ x} J_m(Jt)² − ½)| (exact lattice formula, decimal.js)`,
      value: latticeDev, reference: 0, tolerance: 1e-12, relative: false,
      reason: "the same exact dynamics; the finite chain differs by O(J_{L/2}(Jt)²) < 1e-100 at Jt ≤ 20, L ≥ 600; the L×L eigen-decomposition rounds at ~1e-14",
      referenceSource: "CONVENTIONS §2; this module (Bessel generating function)",
    },
    {
      name: "fitted rate: deviation from the arcsin law over |x/(Jt)| ≤ 0.7 ∝ t^{−p}, p",
      value: rate.gamma, reference: 1, tolerance: 0.15, relative: false,
      reason: "away from the light cone the lattice corrections to the hydrodynamic profile are O(1/t) with oscillations; the max over |x/(Jt)| ≤ 0.7 picks up a slowly growing prefactor near the edge of that window (t·deviation drifts from 0.21 to 0.28 over t = 5..240), so the fitted p over t ≥ 20 comes out ≈ 0.89",
      referenceSource: "MODELS §2 (arcsin law); Antal, Rácz, Rákos & Schütz, PRE 59, 4912 (1999)",
    },
    {
      name: `deviation from the arcsin law at t = ${times[times.length - 1]} (|x/(Jt)| ≤ 0.7)`,
      value: arcsinDev[arcsinDev.length - 1]!, reference: 0, tolerance: 0.4 / times[times.length - 1]!, relative: false,
      reason: "O(1/t) approach: measured t·deviation ≈ 0.21–0.29 for t = 5..300 (L = 600–800); allowed 0.4/t",
      referenceSource: "MODELS §2",
    },
    {
      name: "max over t of |Σ_i ⟨s^z_i⟩| and of |⟨s^z_i⟩ + ⟨s^z_{L+1−i}⟩| (conservation, particle–hole symmetry)",
      value: Math.max(sumSz, oddness), reference: 0, tolerance: 1e-10, relative: false,
      reason: "exact symmetries of the dynamics; rounding of L-term sums", referenceSource: "CONVENTIONS §2",
    },
    {
      name: "slope of the half-chain entropy against ln t (t ≥ 40)",
      value: sFit, reference: 1 / 6, tolerance: 0.015, relative: false,
      reason: "CFT in curved space predicts (1/6) ln t at the cut; subleading O(1/t) oscillations at t ≥ 40 shift the fitted slope by ≲ 1 %",
      referenceSource: "Dubail, Stéphan, Viti & Calabrese, SciPost Phys. 2, 002 (2017)",
    },
  ];
  return {
    tables: [{
      title: "Deviation from the arcsin law and entropy",
      columns: ["t", "max |⟨s^z⟩ + arcsin(x/Jt)/π| (|x/Jt| ≤ 0.7)", "t × deviation", "S(t)"],
      rows: frames.map((f, k) => [f.t, arcsinDev[k]!, f.t * arcsinDev[k]!, f.entropy]),
    }],
    figures,
    checks,
    notes: [`Free-fermion quench of the uniform XX chain (J = 1, no fields), L = ${L}, Slater determinant of L/2 orbitals; front Jt ≤ ${times[times.length - 1]} < L/2. Wall time ${wall.toFixed(1)} s.`],
  };
}

/**
 * The "ff-domain-wall" scenario (see the module comment).
 *
 * @example
 * ```ts
 * import { ffDomainWallScenario } from "nessref/reproduce";
 * const out = await ffDomainWallScenario.run({ full: false, progress: () => {} });
 * out.checks[0].value; // ≈ 1e-15: the lattice formula
 * ```
 */
export const ffDomainWallScenario: Scenario = {
  name: "ff-domain-wall",
  paper: "[P2] (Δ = 0 limit), MODELS §2",
  reproduces: "XX domain-wall melting against −(1/π) arcsin(x/(Jt)) and the exact Bessel formula; entropy growth (1/6) ln t",
  defaultSize: "L = 600, t ≤ 240",
  fullSize: "L = 1000, t ≤ 450",
  run,
};
