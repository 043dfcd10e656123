/**
 * The solvers behind the contract's kinds; importing this module registers them with
 * {@link registerKind}.
 *
 * @module
 */
import { registerKind } from "../problem/solve.js";
import { solveRedfieldRing } from "./redfieldRing.js";
import { chainModelOf, solveLindbladNess } from "./lindbladNess.js";

export { solveRedfieldRing, solveLindbladNess, chainModelOf };

registerKind("redfield-ring", solveRedfieldRing);
registerKind("lindblad-ness", solveLindbladNess);
import { solveDrude } from "./drude.js";
export { solveDrude };
registerKind("drude", solveDrude);
import { solveQuench } from "./quench.js";
export { solveQuench };
registerKind("quench", solveQuench);
import { solveHarmonicChain } from "./harmonicChain.js";
export { solveHarmonicChain };
registerKind("harmonic-chain", solveHarmonicChain);
