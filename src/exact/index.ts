/**
 * Exact references: closed forms and structure-exploiting solvers that give the second
 * road to the general solvers (CONVENTIONS §4–§6).
 *
 * @module exact
 */
export * from "./ring4.js";
export * from "./freeFermion.js";
export * from "./freeFermionQuench.js";
export * from "./drude.js";
export * from "./harmonic.js";
export * from "./hydro/index.js";
