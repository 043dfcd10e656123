/**
 * Model Hamiltonians and their local densities and currents, as dense operators
 * (CONVENTIONS §1–§6).
 *
 * @module models
 */
export * from "./ring.js";
export * from "./chain.js";
