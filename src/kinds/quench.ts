/**
 * The `quench` kind of the contract (CONTRACT `quench`, CONVENTIONS §2, §7): unitary dynamics of
 * the XXZ chain from the domain wall or the split ground state |Ψ1⟩.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import type { QuenchProblem } from "../problem/schema.js";
import type { Result } from "../problem/solve.js";
import { xxzChain } from "../models/chain.js";
import { domainWall, freeFermionQuench, splitGroundState } from "../exact/freeFermionQuench.js";
import { xxFermions } from "../exact/freeFermion.js";
import { ED_QUENCH_MAX_L, edQuench } from "../open/quench.js";
import { tebdQuench, type TebdQuenchOptions } from "../mps/quench.js";
import { ttyProgress } from "./progress.js";

/**
 * TEBD options that `method: "auto"` uses when it chooses TEBD (Δ ≠ 0 above the ED size) and the
 * problem gives no `tebd` object: χ = 128, dt = 0.02 (the step of [P2]), 4th order, cutoff 1e-10.
 *
 * @example
 * ```ts
 * import { AUTO_QUENCH_TEBD } from "nessref";
 * AUTO_QUENCH_TEBD.chi; // 128
 * ```
 */
export const AUTO_QUENCH_TEBD: Readonly<TebdQuenchOptions> = Object.freeze({ chi: 128, dt: 0.02, order: 4, cutoff: 1e-10 });

function isXX(p: QuenchProblem): boolean {
  return Array.isArray(p.delta) ? p.delta.every((d) => d === 0) : p.delta === 0;
}

/**
 * Solve a validated `quench` problem. `method: "free-fermion"` (every Δ_b = 0) evolves the
 * two-point function, C(t) = e^{iht} C(0) e^{−iht}, at any L; `"ed"` evolves the state vector in its
 * magnetization sector (L ≤ {@link ED_QUENCH_MAX_L}); `"auto"` takes free fermions when every
 * Δ_b = 0, ED when Δ ≠ 0 and L ≤ ED_QUENCH_MAX_L, and TEBD above (with `tebd` options, or
 * {@link AUTO_QUENCH_TEBD}); `"tebd"` evolves a U(1) matrix-product state (CONVENTIONS §9) with the
 * given χ, dt, Trotter order and cutoff, the split ground state found by imaginary-time TEBD.
 * Result: `times`, `magnetization`, `bondEnergy`, `spinCurrent`, `energyCurrent` (one array per
 * time), `entropy` (half-chain von Neumann entropy, natural log), `method`, `diagnostics`.
 *
 * @param p - a validated problem
 * @returns the result object
 * @throws NessrefError("non-unique-ness") for a degenerate |Ψ1⟩, ("resource-limit") for `ed` above
 *   its size, ("no-convergence") when the imaginary-time search for |Ψ1⟩ does not settle
 *
 * @example
 * ```ts
 * import { solve } from "nessref";
 * const r = await solve({ kind: "quench", L: 40, J: 1, delta: 0, initial: "domain-wall", times: [0, 5] });
 * r.entropy; // [0, …]
 * ```
 */
export function solveQuench(p: QuenchProblem): Result {
  const method = p.method ?? "auto";
  const t0 = performance.now();
  const xx = isXX(p);
  let road: "free-fermion" | "ed" | "tebd";
  if (method === "tebd") road = "tebd";
  else if (method === "free-fermion") {
    if (!xx) throw new NessrefError("invalid-input", "method 'free-fermion' needs every Δ_b = 0 (CONVENTIONS §2)", "/delta");
    road = "free-fermion";
  } else if (method === "ed") {
    road = "ed";
  } else {
    road = xx ? "free-fermion" : p.L > ED_QUENCH_MAX_L ? "tebd" : "ed";
  }
  const times = [...p.times];
  let frames: { t: number; magnetization: Float64Array; bondEnergy: Float64Array; spinCurrent: Float64Array; energyCurrent: Float64Array; entropy: number }[];
  let extra: Record<string, unknown> = {};
  if (road === "tebd") {
    const o = { ...AUTO_QUENCH_TEBD, ...(p.tebd ?? {}) };
    const progress = ttyProgress("quench tebd");
    let r: ReturnType<typeof tebdQuench>;
    try {
      r = tebdQuench(xxzChain({ L: p.L, J: p.J, delta: p.delta, fields: p.fields }), p.initial, times, { ...o, onProgress: progress });
    } finally {
      progress.done();
    }
    frames = r.frames;
    extra = {
      tebd: { chi: o.chi, dt: o.dt, order: o.order, cutoff: o.cutoff, steps: r.steps },
      chi: r.frames.map((f) => f.chi),
      discardedWeight: r.truncation.discardedWeight,
      normErrorBound: r.truncation.normErrorBound,
      maxDiscarded: r.truncation.maxDiscarded,
      maxChi: r.truncation.maxChi,
      ...(r.groundState ? { groundState: { energy: r.groundState.energy, lastChange: r.groundState.lastChange, imaginaryTime: r.groundState.imaginaryTime, steps: r.groundState.steps, discardedWeight: r.groundState.truncation.discardedWeight, maxChi: r.groundState.truncation.maxChi } } : {}),
    };
  } else if (road === "free-fermion") {
    const chain = xxFermions({ L: p.L, J: p.J, fields: p.fields });
    const initial = p.initial === "domain-wall" ? domainWall(p.L) : splitGroundState(chain);
    frames = freeFermionQuench(chain, initial, times);
  } else {
    if (p.L > ED_QUENCH_MAX_L) throw new NessrefError("resource-limit", `method 'ed' of 'quench' is limited to L ≤ ${ED_QUENCH_MAX_L}, got ${p.L}`, "/L");
    frames = edQuench(xxzChain({ L: p.L, J: p.J, delta: p.delta, fields: p.fields }), p.initial, times);
  }
  return {
    times,
    magnetization: frames.map((f) => Array.from(f.magnetization)),
    bondEnergy: frames.map((f) => Array.from(f.bondEnergy)),
    spinCurrent: frames.map((f) => Array.from(f.spinCurrent)),
    energyCurrent: frames.map((f) => Array.from(f.energyCurrent)),
    entropy: frames.map((f) => f.entropy),
    method: road,
    diagnostics: { ...extra, seconds: (performance.now() - t0) / 1000 },
  };
}
