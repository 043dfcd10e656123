/**
 * The solvers behind the contract's kinds; importing this module registers them with
 * {@link registerKind}.
 *
 * @module
 */
import { registerKind } from "../problem/solve.js";
import { solveRedfieldRing } from "./redfieldRing.js";
import { AUTO_NESS_TEBD, chainModelOf, solveLindbladNess } from "./lindbladNess.js";

export { solveRedfieldRing, solveLindbladNess, chainModelOf, AUTO_NESS_TEBD };

registerKind("redfield-ring", solveRedfieldRing);
registerKind("lindblad-ness", solveLindbladNess);
import { solveDrude } from "./drude.js";
export { solveDrude };
registerKind("drude", solveDrude);
import { AUTO_QUENCH_TEBD, solveQuench } from "./quench.js";
export { solveQuench, AUTO_QUENCH_TEBD };
registerKind("quench", solveQuench);
import { solveHarmonicChain } from "./harmonicChain.js";
export { solveHarmonicChain };
registerKind("harmonic-chain", solveHarmonicChain);
import { solveResistorNetwork } from "./resistorNetwork.js";
export { solveResistorNetwork };
registerKind("resistor-network", solveResistorNetwork);
