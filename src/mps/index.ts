/**
 * Matrix-product states and TEBD (CONVENTIONS §9): U(1) MPS of spin chains in Vidal–Hastings form,
 * Trotter–Suzuki schedules, truncation by χ and discarded weight, unitary quenches with the split
 * ground state by imaginary time, and the Lindblad evolution of the density matrix as a real MPS in
 * the Pauli basis.
 *
 * @example
 * ```ts
 * import { tebdQuench } from "nessref/mps";
 * import { xxzChain } from "nessref/models";
 * const r = tebdQuench(xxzChain({ L: 8, J: 1, delta: 0.5 }), "domain-wall", [0, 1], { chi: 16, dt: 0.05 });
 * ```
 *
 * @module nessref/mps
 */
export * from "./trotter.js";
export * from "./truncate.js";
export * from "./pure.js";
export * from "./quench.js";
export * from "./operator.js";
export * from "./lindblad.js";
