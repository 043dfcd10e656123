/**
 * The solvers behind the contract's kinds; importing this module registers them with
 * {@link registerKind}.
 *
 * @module
 */
import { registerKind } from "../problem/solve.js";
import { solveRedfieldRing } from "./redfieldRing.js";

export { solveRedfieldRing };

registerKind("redfield-ring", solveRedfieldRing);
