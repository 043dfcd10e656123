/**
 * The general road for the NESS of a Lindblad chain (CONTRACT `lindblad-ness` with
 * `method: "ed"`, CONVENTIONS §1–§3): model + baths → block Lindbladian → steady state →
 * the contract's observables.
 *
 * The equal-magnetization blocks are used whenever H and every dissipator respect the weak
 * U(1) symmetry (all models here but the x fields of §3): C(2L, L) stored entries instead of 4^L.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import { spin } from "../quantum/spin.js";
import { blockExpectation, blockReduced } from "../quantum/blockState.js";
import { energyCurrentOperator, type ChainModel } from "../models/chain.js";
import { localInverseTemperature } from "../analysis/localTemperature.js";
import { buildBlockLiouvillian, checkBlockNessMemory, solveBlockNess, type BlockNess, type BlockNessOptions } from "./blockLiouvillian.js";
import { chainDissipators, magnetizationChanges, type ChainBath, type LocalDissipator } from "./lindblad.js";

/** Largest L of the U(1) block road (C(24, 12) ≈ 2.7e6 stored entries). */
export const ED_MAX_L_U1 = 12;
/** Largest L of the unrestricted road (4^9 ≈ 2.6e5 stored entries). */
export const ED_MAX_L_FULL = 9;

/**
 * Whether every dissipator maps equal-magnetization blocks to themselves (weak U(1)): each
 * Lindblad operator changes Σ s^z by one definite amount, and each reset target commutes with
 * the local magnetization.
 *
 * @param dissipators - the local dissipators
 * @returns true when the block restriction is exact
 *
 * @example
 * ```ts
 * import { chainDissipators, respectsWeakU1 } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * respectsWeakU1(chainDissipators(xxzChain({ L: 3, J: 1, delta: 1 }), [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 1 }])); // true
 * ```
 */
export function respectsWeakU1(dissipators: readonly LocalDissipator[]): boolean {
  return dissipators.every((d) => {
    const mats = d.kind === "reset" ? [d.target] : d.ops;
    return mats.every((op) => {
      const ch = magnetizationChanges(op, d.sites.length);
      return d.kind === "reset" ? ch.every((c) => c === 0) : ch.length <= 1;
    });
  });
}

/**
 * The contract's observables of a chain NESS (CONTRACT `lindblad-ness` result, CONVENTIONS §1, §1d, §3).
 *
 * @example
 * ```ts
 * import type { ChainObservables } from "nessref/open";
 * const j = (o: ChainObservables) => o.spinCurrent[0];
 * ```
 */
export interface ChainObservables {
  /** ⟨s^z_i⟩, L numbers. */
  magnetization: Float64Array;
  /** ⟨e_b⟩, L−1 numbers. */
  bondEnergy: Float64Array;
  /** ⟨j_b⟩ of the model's bond current, L−1 numbers. */
  spinCurrent: Float64Array;
  /** ⟨j^E_i⟩ = ⟨i[e_{i−1}, e_i]⟩ for i = 2..L−1, L−2 numbers. */
  energyCurrent: Float64Array;
  /** fermion chain: ⟨n_i⟩ = ⟨s^z_i⟩ + ½. */
  density?: Float64Array;
  /** fermion chain: the particle current (= spinCurrent). */
  particleCurrent?: Float64Array;
  /** heisenberg-xz: β_b of §3 for every bond. */
  localBeta?: Float64Array;
}

/**
 * Measure the contract's observables in a block NESS.
 *
 * @param model - the chain
 * @param ness - its steady state
 * @returns the observables (real parts; the imaginary parts vanish for Hermitian ρ)
 *
 * @example
 * ```ts
 * import { chainNess, chainObservables } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const m = xxzChain({ L: 4, J: 1, delta: 1 });
 * const r = chainNess(m, [{ type: "source-sink", site: 1, gammaPlus: 1, gammaMinus: 0.2 }, { type: "source-sink", site: 4, gammaPlus: 0.2, gammaMinus: 1 }]);
 * chainObservables(m, r).spinCurrent; // equal on every bond
 * ```
 */
export function chainObservables(model: ChainModel, ness: BlockNess): ChainObservables {
  const { structure: s, rho } = ness;
  const L = model.L;
  const ex = (op: Parameters<typeof blockExpectation>[2], sites: number[]) => blockExpectation(s, rho, op, sites).re;
  const magnetization = new Float64Array(L);
  const sz = spin("z");
  for (let i = 1; i <= L; i++) magnetization[i - 1] = ex(sz, [i]);
  const bondEnergy = new Float64Array(L - 1), spinCurrent = new Float64Array(L - 1);
  for (let b = 1; b < L; b++) {
    bondEnergy[b - 1] = ex(model.bondEnergies[b - 1], [b, b + 1]);
    spinCurrent[b - 1] = ex(model.bondCurrents[b - 1], [b, b + 1]);
  }
  const energyCurrent = new Float64Array(Math.max(0, L - 2));
  for (let i = 2; i <= L - 1; i++) energyCurrent[i - 2] = ex(energyCurrentOperator(model, i), [i - 1, i, i + 1]);
  const out: ChainObservables = { magnetization, bondEnergy, spinCurrent, energyCurrent };
  if (model.type === "fermion-chain") {
    out.density = magnetization.map((m) => m + 0.5);
    out.particleCurrent = Float64Array.from(spinCurrent);
  }
  if (model.type === "heisenberg-xz") {
    out.localBeta = new Float64Array(L - 1);
    for (let b = 1; b < L; b++) out.localBeta[b - 1] = localInverseTemperature(blockReduced(s, rho, [b, b + 1]), model.bondEnergies[b - 1]).beta;
  }
  return out;
}

/**
 * Options of {@link chainNess}: those of {@link solveBlockNess} plus the symmetry to use.
 *
 * @example
 * ```ts
 * import type { ChainNessOptions } from "nessref/open";
 * const o: ChainNessOptions = { symmetry: "full", method: "iterative" };
 * ```
 */
export interface ChainNessOptions extends BlockNessOptions {
  /** `"auto"` (U(1) blocks when exact), `"u1"` or `"full"`. */
  symmetry?: "auto" | "u1" | "full";
}

/**
 * The NESS of a chain with baths by exact diagonalization of its Lindbladian (CONVENTIONS
 * §1–§3): sizes and memory are checked first, then the block Lindbladian is built and solved.
 *
 * @param model - the chain
 * @param baths - its baths
 * @param opts - symmetry, method, tolerances, memory limit, progress
 * @returns the steady state with diagnostics
 * @throws NessrefError("out-of-range") beyond {@link ED_MAX_L_U1} / {@link ED_MAX_L_FULL} sites,
 *   ("resource-limit") when the solve would not fit in memory, ("non-unique-ness") and
 *   ("no-convergence") from {@link solveBlockNess}
 *
 * @example
 * ```ts
 * import { chainNess } from "nessref/open";
 * import { xxzChain } from "nessref/models";
 * const r = chainNess(xxzChain({ L: 5, J: 1, delta: 1 }), [
 *   { type: "target", sites: [1, 2], beta: 0.2, mu: 0 }, { type: "target", sites: [4, 5], beta: 0.4, mu: 0 }]);
 * r.structure.symmetry; // "u1"
 * ```
 */
export function chainNess(model: ChainModel, baths: readonly ChainBath[], opts: ChainNessOptions = {}): BlockNess {
  const dissipators = chainDissipators(model, baths);
  const u1ok = model.conservesMagnetization && respectsWeakU1(dissipators);
  let symmetry = opts.symmetry ?? "auto";
  if (symmetry === "u1" && !u1ok) throw new NessrefError("invalid-input", "the U(1) block road needs H and baths that conserve Σ s^z weakly (no x fields)", "/hamiltonian");
  if (symmetry === "auto") symmetry = u1ok ? "u1" : "full";
  const max = symmetry === "u1" ? ED_MAX_L_U1 : ED_MAX_L_FULL;
  if (model.L > max) {
    throw new NessrefError("out-of-range", `exact diagonalization of the Lindbladian supports L ≤ ${max} here (${symmetry === "u1" ? "U(1) blocks" : "no symmetry"}); got L = ${model.L}`, "/hamiltonian/L");
  }
  let perEntry = 0;
  for (const d of dissipators) perEntry += d.kind === "reset" ? 4 : d.ops.length;
  const restart = checkBlockNessMemory(model.L, symmetry, Math.max(perEntry, 1), opts);
  const Lv = buildBlockLiouvillian(model, dissipators, symmetry);
  return solveBlockNess(Lv, dissipators, { ...opts, restart });
}
