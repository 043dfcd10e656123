/**
 * The JSON contract (CONTRACT.md): problem schemas, validation and `solve`.
 *
 * @module
 */
export * from "./schema.js";
export * from "./validate.js";
export * from "./solve.js";
export { solveRedfieldRing, solveLindbladNess, chainModelOf, solveQuench, AUTO_QUENCH_TEBD, AUTO_NESS_TEBD } from "../kinds/index.js";
