/**
 * Exact references: closed forms and structure-exploiting solvers that give the second
 * road to the general solvers (CONVENTIONS §4–§6).
 *
 * @module exact
 */
export * from "./ring4.js";
