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
 * @throws NessrefError("not-implemented") for `method: "free-fermion"` and `"tebd"` (later versions)
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
  if (method === "tebd") {
    throw new NessrefError("not-implemented", `method 'tebd' of 'lindblad-ness' is part of the contract but not built in this version; use 'ed' or 'free-fermion'`, "/method");
  }
  if (method === "free-fermion") return solveFreeFermionNess(p);
  if (method === "auto" && quadraticReason(p) === null) return solveFreeFermionNess(p);
  const t0 = performance.now();
  const { model, drawnFields } = chainModelOf(p.hamiltonian);
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
