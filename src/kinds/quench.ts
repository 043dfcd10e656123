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

function isXX(p: QuenchProblem): boolean {
  return Array.isArray(p.delta) ? p.delta.every((d) => d === 0) : p.delta === 0;
}

/**
 * Solve a validated `quench` problem. `method: "free-fermion"` (every Δ_b = 0) evolves the
 * two-point function, C(t) = e^{iht} C(0) e^{−iht}, at any L; `"ed"` evolves the state vector in its
 * magnetization sector (L ≤ {@link ED_QUENCH_MAX_L}); `"auto"` takes free fermions when every
 * Δ_b = 0 and ED otherwise; `"tebd"` is not built in this version.
 * Result: `times`, `magnetization`, `bondEnergy`, `spinCurrent`, `energyCurrent` (one array per
 * time), `entropy` (half-chain von Neumann entropy, natural log), `method`, `diagnostics`.
 *
 * @param p - a validated problem
 * @returns the result object
 * @throws NessrefError("non-unique-ness") for a degenerate |Ψ1⟩, ("not-implemented") for `tebd`
 *   and for `auto` at Δ ≠ 0 above the ED size, ("resource-limit") for `ed` above its size
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
  if (method === "tebd") throw new NessrefError("not-implemented", "method 'tebd' of 'quench' is part of the contract but not built in this version; use 'free-fermion' (Δ = 0) or 'ed'", "/method");
  let road: "free-fermion" | "ed";
  if (method === "free-fermion") {
    if (!xx) throw new NessrefError("invalid-input", "method 'free-fermion' needs every Δ_b = 0 (CONVENTIONS §2)", "/delta");
    road = "free-fermion";
  } else if (method === "ed") {
    road = "ed";
  } else {
    if (!xx && p.L > ED_QUENCH_MAX_L) {
      throw new NessrefError("not-implemented", `Δ ≠ 0 at L = ${p.L} needs TEBD, which is not built in this version (ED reaches L ≤ ${ED_QUENCH_MAX_L})`, "/L");
    }
    road = xx ? "free-fermion" : "ed";
  }
  const times = [...p.times];
  let frames: { t: number; magnetization: Float64Array; bondEnergy: Float64Array; spinCurrent: Float64Array; energyCurrent: Float64Array; entropy: number }[];
  if (road === "free-fermion") {
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
    diagnostics: { seconds: (performance.now() - t0) / 1000 },
  };
}
