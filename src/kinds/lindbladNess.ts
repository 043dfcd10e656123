/**
 * The `lindblad-ness` kind of the contract (CONTRACT `lindblad-ness`, CONVENTIONS §1–§3) with
 * `method: "ed"` (the exact diagonalization road of {@link chainNess}) and `method: "free-fermion"`
 * (the closed two-point-function road of {@link freeFermionNess}, CONVENTIONS §2); `"auto"` takes
 * the free-fermion road when the problem is quadratic (every Δ_b = 0 or V = 0, source/sink baths only
 * at sites 1 and L, dephasing, target baths) and ED otherwise.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { quadraticReason } from "../problem/validate.js";
import type { LindbladNessProblem } from "../problem/schema.js";
import type { Result } from "../problem/solve.js";
import { drawFields, fermionChain, heisenbergXzChain, xxzChain, type ChainModel } from "../models/chain.js";
import { chainNess, chainObservables, type ChainNessOptions } from "../open/chainNess.js";
import type { ChainBath } from "../open/lindblad.js";
import { chainDissipators } from "../open/lindblad.js";
import { ED_MAX_L_FULL, ED_MAX_L_U1, respectsWeakU1 } from "../open/chainNess.js";
import { lindbladTebd, type LindbladTebdOptions } from "../mps/lindblad.js";
import { ttyProgress } from "./progress.js";
import { chainFermions, freeFermionNess, freeFermionObservables, xxFermions, type FermionBath, type QuadraticChain } from "../exact/freeFermion.js";

/**
 * The model of a validated `lindblad-ness` Hamiltonian, drawing the fields from `W`/`seed`
 * when given (CONVENTIONS §1: uniform in [−W, W], xoshiro128** seeded by `seed`).
 *
 * @param h - the `hamiltonian` object of the problem
 * @returns the model and the fields used (null when none were drawn)
 *
 * @example
 * ```ts
 * import { chainModelOf } from "nessref";
 * const { model, drawnFields } = chainModelOf({ type: "xxz", L: 6, J: 1, delta: 1, W: 0.6, seed: 3 });
 * drawnFields?.length; // 6
 * ```
 */
export function chainModelOf(h: LindbladNessProblem["hamiltonian"]): {
  /** the chain */ model: ChainModel;
  /** the fields drawn from W/seed, or null */ drawnFields: Float64Array | null;
} {
  if (h.type === "heisenberg-xz") return { model: heisenbergXzChain(h), drawnFields: null };
  const drawn = h.W !== undefined ? drawFields(h.L, h.W, h.seed ?? 0) : null;
  const fields = drawn ?? h.fields;
  if (h.type === "xxz") return { model: xxzChain({ L: h.L, J: h.J, delta: h.delta, fields }), drawnFields: drawn };
  return { model: fermionChain({ L: h.L, J: h.J, V: h.V, fields }), drawnFields: drawn };
}

/**
 * Solve a validated `lindblad-ness` problem by exact diagonalization of its Lindbladian.
 * Result: `magnetization`, `bondEnergy`, `spinCurrent`, `energyCurrent`, for the fermion chain
 * `density` and `particleCurrent`, for `heisenberg-xz` `localBeta`; `method: "ed"`; `fields`
 * when they were drawn from `W`/`seed`; `diagnostics` (residual ‖𝓛ρ‖, relative residual,
 * solver, how uniqueness was established, symmetry and stored entries, iterations, seconds).
 *
 * @param p - a validated problem
 * @param opts - solver options (tolerances, memory limit, progress) for programmatic use
 * @returns the result object
 * With `method: "tebd"` (or `"auto"` beyond the ED size) the NESS comes from Lindblad TEBD of
 * the density matrix ({@link lindbladTebd}, CONVENTIONS §9), with the stationarity record in
 * `diagnostics`.
 *
 * @throws NessrefError("no-convergence") when TEBD is not stationary by `maxTime`; the ED and
 *   free-fermion errors of their roads
 *
 * @example
 * ```ts
 * import { solve } from "nessref";
 * const r = await solve({ kind: "lindblad-ness", method: "ed",
 *   hamiltonian: { type: "xxz", L: 4, J: 1, delta: 1 },
 *   baths: [{ type: "target", sites: [1, 2], beta: 0.5, mu: 0 }, { type: "target", sites: [3, 4], beta: -0.5, mu: 0 }] });
 * r.energyCurrent; // two numbers, equal (continuity)
 * ```
 */
export function solveLindbladNess(p: LindbladNessProblem, opts: ChainNessOptions = {}): Result {
  const method = p.method ?? "auto";
  if (method === "free-fermion") return solveFreeFermionNess(p);
  if (method === "auto" && quadraticReason(p) === null) return solveFreeFermionNess(p);
  const t0 = performance.now();
  const { model, drawnFields } = chainModelOf(p.hamiltonian);
  if (method === "tebd" || (method === "auto" && model.L > edLimit(model, p))) return solveTebdNess(p, model, drawnFields, t0);
  const ness = chainNess(model, p.baths as readonly ChainBath[], opts);
  const o = chainObservables(model, ness);
  const seconds = (performance.now() - t0) / 1000;
  const out: Result = {
    magnetization: Array.from(o.magnetization),
    bondEnergy: Array.from(o.bondEnergy),
    spinCurrent: Array.from(o.spinCurrent),
    energyCurrent: Array.from(o.energyCurrent),
  };
  if (o.density) out.density = Array.from(o.density);
  if (o.particleCurrent) out.particleCurrent = Array.from(o.particleCurrent);
  if (o.localBeta) out.localBeta = Array.from(o.localBeta);
  out.method = "ed";
  if (drawnFields) out.fields = Array.from(drawnFields);
  out.diagnostics = {
    residual: ness.residual,
    residualRelative: ness.residualRelative,
    solver: ness.method,
    uniqueness: ness.uniqueness,
    symmetry: ness.structure.symmetry === "u1" ? "U(1): equal-magnetization blocks" : "none",
    storedEntries: ness.dim,
    fullEntries: 4 ** model.L,
    iterations: ness.iterations,
    deflated: ness.deflated ?? false,
    ...(ness.fallbackFrom ? { fallbackFrom: ness.fallbackFrom } : {}),
    seconds,
  };
  return out;
}

/**
 * TEBD options that `method: "auto"` uses when the chain is beyond the ED size and the problem
 * gives no `tebd` object: χ = 64, dt = 0.1, 4th order, tol = 1e-6, maxTime = 2000, cutoff 0.
 *
 * @example
 * ```ts
 * import { AUTO_NESS_TEBD } from "nessref";
 * AUTO_NESS_TEBD.chi; // 64
 * ```
 */
export const AUTO_NESS_TEBD: Readonly<LindbladTebdOptions> = Object.freeze({ chi: 64, dt: 0.1, order: 4, tol: 1e-6, maxTime: 2000, cutoff: 0 });

/** The largest L the ED road takes for this problem (U(1) blocks when the dissipators allow them). */
function edLimit(model: ChainModel, p: LindbladNessProblem): number {
  const d = chainDissipators(model, p.baths as readonly ChainBath[]);
  return model.conservesMagnetization && respectsWeakU1(d) ? ED_MAX_L_U1 : ED_MAX_L_FULL;
}

function solveTebdNess(p: LindbladNessProblem, model: ChainModel, drawnFields: Float64Array | null, t0: number): Result {
  const o: LindbladTebdOptions = { ...AUTO_NESS_TEBD, ...(p.tebd ?? {}) };
  const progress = ttyProgress("lindblad-ness tebd");
  let r: ReturnType<typeof lindbladTebd>;
  try {
    r = lindbladTebd(model, chainDissipators(model, p.baths as readonly ChainBath[]), { ...o, onProgress: progress });
  } finally {
    progress.done();
  }
  const ob = r.observables;
  const out: Result = {
    magnetization: Array.from(ob.magnetization),
    bondEnergy: Array.from(ob.bondEnergy),
    spinCurrent: Array.from(ob.spinCurrent),
    energyCurrent: Array.from(ob.energyCurrent),
  };
  if (model.type === "fermion-chain") {
    out.density = Array.from(ob.magnetization, (m) => m + 0.5);
    out.particleCurrent = Array.from(ob.spinCurrent);
  }
  if (ob.localBeta) out.localBeta = Array.from(ob.localBeta);
  out.method = "tebd";
  if (drawnFields) out.fields = Array.from(drawnFields);
  const i = r.info;
  out.diagnostics = {
    residualMeaning: "TEBD reports stationarity of the currents, not ‖𝓛ρ‖: see currentChangeRate and distanceEstimate (CONVENTIONS §9)",
    tebd: { chi: o.chi, dt: o.dt, order: i.order, tol: o.tol ?? 1e-6, maxTime: o.maxTime ?? 2000, cutoff: o.cutoff ?? 0 },
    time: i.time,
    steps: i.steps,
    currentChangeRate: i.currentChangeRate,
    currentScale: i.currentScale,
    distanceEstimate: i.distanceEstimate,
    contraction: i.contraction,
    relaxationRate: i.relaxationRate,
    spinCurrentNonuniformity: i.spinCurrentNonuniformity,
    energyCurrentNonuniformity: i.energyCurrentNonuniformity,
    chi: i.chi,
    discardedWeight: i.truncation.discardedWeight,
    maxDiscarded: i.truncation.maxDiscarded,
    updates: i.truncation.updates,
    seconds: (performance.now() - t0) / 1000,
  };
  return out;
}

function quadraticChainOf(p: LindbladNessProblem): { chain: QuadraticChain; drawnFields: Float64Array | null } {
  const h = p.hamiltonian;
  if (h.type === "heisenberg-xz") throw new NessrefError("invalid-input", "the §3 chain is not quadratic", "/hamiltonian/type");
  const drawn = h.W !== undefined ? drawFields(h.L, h.W, h.seed ?? 0) : null;
  const fields = drawn ?? h.fields;
  const chain = h.type === "xxz" ? xxFermions({ L: h.L, J: h.J, fields }) : chainFermions({ L: h.L, J: h.J, fields });
  return { chain, drawnFields: drawn };
}

function solveFreeFermionNess(p: LindbladNessProblem): Result {
  const why = quadraticReason(p);
  if (why) throw new NessrefError("invalid-input", `method 'free-fermion': ${why.message}`, why.path);
  const t0 = performance.now();
  const { chain, drawnFields } = quadraticChainOf(p);
  const ness = freeFermionNess(chain, p.baths as readonly FermionBath[]);
  const o = freeFermionObservables(ness);
  const out: Result = {
    magnetization: Array.from(o.magnetization),
    bondEnergy: Array.from(o.bondEnergy),
    spinCurrent: Array.from(o.spinCurrent),
    energyCurrent: Array.from(o.energyCurrent),
  };
  if (p.hamiltonian.type === "fermion-chain") {
    out.density = Array.from(o.density);
    out.particleCurrent = Array.from(o.spinCurrent);
  }
  out.method = "free-fermion";
  if (drawnFields) out.fields = Array.from(drawnFields);
  out.diagnostics = {
    residual: ness.residual,
    residualMeaning: "max-abs residual of the L×L two-point-function equation relative to the largest bath rate (CONVENTIONS §2)",
    road: ness.method,
    minDamping: ness.minDamping,
    reinjectionUnknowns: ness.reinjectionUnknowns,
    seconds: (performance.now() - t0) / 1000,
  };
  return out;
}
