// Lindblad TEBD (issue 7) as a propagator: ρ(t) = e^{𝓛t}ρ(0) of the XX chain at L = 64 against the
// exact open two-point dynamics (a test-local RK4 road), with and without dephasing.
import { describe, expect, it } from "vitest";
import { lindbladEvolve } from "../src/mps/lindblad.js";
import { xxzChain } from "../src/models/chain.js";
import { chainDissipators, type ChainBath } from "../src/open/lindblad.js";

// The XX chain with source/sink baths at its ends (and dephasing) keeps C_ij = ⟨a†_i a_j⟩ closed:
// dC/dt = i(hC − Ch) − ½{Γ, C} − 4γ_d (C − diag C) + diag(γ⁺), Γ = diag(γ⁺ + γ⁻) on the bath sites,
// h the single-particle matrix (h_{i,i+1} = J/2, h_ii = field): MODELS §1b, §1c, §2, written out here
// and integrated by classical RK4 — a road that shares nothing with nessref's exact module or TEBD.
// The NESS itself is out of reach at L = 64 (gap ≈ 7e-5: CONVENTIONS §9), so the Lindblad propagator
// is compared at t = 1, 2, 3. Tolerance 1e-8: Trotter error of order 4 at dt = 0.05 (2–5e-10 measured
// at L = 16..64), RK4 with h = 0.002 (error ~h⁴ ≈ 1e-11 relative), no truncation (χ = 64 not reached
// above 1e-28 discarded weight, checked).
function exactOpenXX(L: number, fields: readonly number[], bath: { gp1: number; gm1: number; gpL: number; gmL: number }, gd: number, times: readonly number[]): { Cr: Float64Array; Ci: Float64Array }[] {
  const n = L * L;
  const Gam = new Float64Array(L), F = new Float64Array(L);
  Gam[0] = bath.gp1 + bath.gm1; Gam[L - 1] = bath.gpL + bath.gmL; F[0] = bath.gp1; F[L - 1] = bath.gpL;
  const hd = (i: number, k: number) => (i === k ? fields[i]! : Math.abs(i - k) === 1 ? 0.5 : 0);
  const rhs = (Cr: Float64Array, Ci: Float64Array, dr: Float64Array, di: Float64Array) => {
    for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) {
      let ar = 0, ai = 0;
      for (let k = Math.max(0, i - 1); k <= Math.min(L - 1, i + 1); k++) { ar += hd(i, k) * Cr[k * L + j]!; ai += hd(i, k) * Ci[k * L + j]!; }
      for (let k = Math.max(0, j - 1); k <= Math.min(L - 1, j + 1); k++) { ar -= Cr[i * L + k]! * hd(k, j); ai -= Ci[i * L + k]! * hd(k, j); }
      const damp = 0.5 * (Gam[i]! + Gam[j]!) + (i !== j ? 4 * gd : 0);
      dr[i * L + j] = -ai - damp * Cr[i * L + j]! + (i === j ? F[i]! : 0);
      di[i * L + j] = ar - damp * Ci[i * L + j]!;
    }
  };
  let Cr = new Float64Array(n), Ci = new Float64Array(n);
  for (let i = 0; i < L; i++) Cr[i * L + i] = 0.5; // the infinite-temperature state
  const out: { Cr: Float64Array; Ci: Float64Array }[] = [];
  const k = Array.from({ length: 4 }, () => [new Float64Array(n), new Float64Array(n)] as const);
  const tr = new Float64Array(n), ti = new Float64Array(n);
  let now = 0;
  for (const T of times) {
    const steps = Math.round((T - now) / 0.002);
    const h = steps > 0 ? (T - now) / steps : 0;
    for (let s = 0; s < steps; s++) {
      rhs(Cr, Ci, k[0]![0], k[0]![1]);
      for (let st = 1; st < 4; st++) {
        const c = st === 3 ? h : h / 2;
        for (let e = 0; e < n; e++) { tr[e] = Cr[e]! + c * k[st - 1]![0][e]!; ti[e] = Ci[e]! + c * k[st - 1]![1][e]!; }
        rhs(tr, ti, k[st]![0], k[st]![1]);
      }
      const nr = new Float64Array(n), ni = new Float64Array(n);
      for (let e = 0; e < n; e++) {
        nr[e] = Cr[e]! + (h / 6) * (k[0]![0][e]! + 2 * k[1]![0][e]! + 2 * k[2]![0][e]! + k[3]![0][e]!);
        ni[e] = Ci[e]! + (h / 6) * (k[0]![1][e]! + 2 * k[1]![1][e]! + 2 * k[2]![1][e]! + k[3]![1][e]!);
      }
      Cr = nr; Ci = ni;
    }
    now = T;
    out.push({ Cr: Cr.slice(), Ci: Ci.slice() });
  }
  return out;
}

describe("Lindblad TEBD propagator at Δ = 0, L = 64, against the exact two-point dynamics", () => {
  const L = 64, times = [1, 2, 3];
  const fields = Array.from({ length: L }, (_, i) => 0.2 * Math.cos(0.9 * i));
  const bath = { gp1: 1, gm1: 0.3, gpL: 0.2, gmL: 0.8 };
  for (const gd of [0, 0.2]) {
    it(`source/sink${gd > 0 ? ` + dephasing γ_d = ${gd}` : ""}: ⟨s^z_i⟩ and j^S_b at t = 1, 2, 3 to 1e-8`, () => {
      const exact = exactOpenXX(L, fields, bath, gd, times);
      const model = xxzChain({ L, J: 1, delta: 0, fields });
      const baths: ChainBath[] = [
        { type: "source-sink", site: 1, gammaPlus: bath.gp1, gammaMinus: bath.gm1 },
        { type: "source-sink", site: L, gammaPlus: bath.gpL, gammaMinus: bath.gmL },
        ...(gd > 0 ? [{ type: "dephasing" as const, rate: gd }] : []),
      ];
      const r = lindbladEvolve(model, chainDissipators(model, baths), times, { chi: 64, dt: 0.05, order: 4 });
      expect(r.truncation.maxDiscarded).toBeLessThanOrEqual(1e-20);
      r.frames.forEach((f, k) => {
        const { Cr, Ci } = exact[k]!;
        for (let i = 0; i < L; i++) expect(Math.abs(f.magnetization[i]! - (Cr[i * L + i]! - 0.5)), `t = ${f.t}, site ${i + 1}`).toBeLessThanOrEqual(1e-8);
        // j^S_b = −2 t_b Im C_{b,b+1} with t_b = J/2 (CONVENTIONS §2)
        for (let b = 0; b < L - 1; b++) expect(Math.abs(f.spinCurrent[b]! + Ci[b * L + b + 1]!), `t = ${f.t}, bond ${b + 1}`).toBeLessThanOrEqual(1e-8);
      });
      expect(Math.abs(r.frames[2]!.spinCurrent[0]!)).toBeGreaterThan(1e-2); // current flows: not a trivial check
    });
  }
});
