/**
 * The built-in scenarios; importing this module registers them.
 *
 * @module
 */
import { registerScenario, getScenario } from "../registry.js";
import { dimerQuenchScenario } from "./dimerQuench.js";
import { twoLevelErgotropyScenario } from "./twoLevelErgotropy.js";
import { ringFig2Scenario } from "./ringFig2.js";
import { ringFig3Scenario } from "./ringFig3.js";
import { ringFig4Scenario } from "./ringFig4.js";
import { p1Table1Scenario, makeP1Table1Scenario, stepMetrics } from "./p1Table1.js";
import { p1Fig8Scenario, makeP1Fig8Scenario } from "./p1Fig8.js";
import { p0ProfilesScenario } from "./p0Profiles.js";
import { p4DbetaScenario } from "./p4Dbeta.js";
import { ffTransportScenario } from "./ffTransport.js";
import { ffDomainWallScenario } from "./ffDomainWall.js";
import { drudeBoundScenario } from "./drudeBound.js";

export { dimerQuenchScenario, twoLevelErgotropyScenario, ringFig2Scenario, ringFig3Scenario, ringFig4Scenario };

for (const s of [dimerQuenchScenario, twoLevelErgotropyScenario, ringFig2Scenario, ringFig3Scenario, ringFig4Scenario]) {
  if (!getScenario(s.name)) registerScenario(s);
}

// Chain-NESS disorder ensembles ([P1], [P0], [P4]), run on the worker pool of nessref/analysis.
export { p1Table1Scenario, makeP1Table1Scenario, stepMetrics, p1Fig8Scenario, makeP1Fig8Scenario, p0ProfilesScenario, p4DbetaScenario };
export type { P1Table1Options, StepMetrics } from "./p1Table1.js";
export type { P1Fig8Options } from "./p1Fig8.js";
for (const s of [p1Table1Scenario, p1Fig8Scenario, p0ProfilesScenario, p4DbetaScenario]) {
  if (!getScenario(s.name)) registerScenario(s);
}

// Free-fermion references (MODELS §2).
export { ffTransportScenario, ffDomainWallScenario, drudeBoundScenario };
for (const s of [ffTransportScenario, ffDomainWallScenario, drudeBoundScenario]) {
  if (!getScenario(s.name)) registerScenario(s);
}

// Disordered harmonic chains with Langevin baths ([P1] §2, Figs. 1–5; MODELS §5).
import { p1HarmonicFig1Scenario, makeP1HarmonicFig1Scenario } from "./p1HarmonicFig1.js";
import { p1HarmonicFig2Scenario, makeP1HarmonicFig2Scenario } from "./p1HarmonicFig2.js";
import { p1HarmonicFig34Scenario, makeP1HarmonicFig34Scenario } from "./p1HarmonicFig34.js";
import { p1HarmonicFig5Scenario, makeP1HarmonicFig5Scenario } from "./p1HarmonicFig5.js";
export { p1HarmonicFig1Scenario, makeP1HarmonicFig1Scenario, p1HarmonicFig2Scenario, makeP1HarmonicFig2Scenario };
export { p1HarmonicFig34Scenario, makeP1HarmonicFig34Scenario, p1HarmonicFig5Scenario, makeP1HarmonicFig5Scenario };
export { p1HarmonicSeed } from "./p1HarmonicCommon.js";
export type { P1HarmonicFig1Options } from "./p1HarmonicFig1.js";
export type { P1HarmonicFig2Options } from "./p1HarmonicFig2.js";
export type { P1HarmonicFig34Options } from "./p1HarmonicFig34.js";
export type { P1HarmonicFig5Options } from "./p1HarmonicFig5.js";
for (const s of [p1HarmonicFig1Scenario, p1HarmonicFig2Scenario, p1HarmonicFig34Scenario, p1HarmonicFig5Scenario]) {
  if (!getScenario(s.name)) registerScenario(s);
}

// Pure-state TEBD ([P2] spin-transport scenario; CONVENTIONS §9).
import { p2JunctionScenario } from "./p2Junction.js";
export { p2JunctionScenario };
if (!getScenario(p2JunctionScenario.name)) registerScenario(p2JunctionScenario);

// Resistor networks and fractional hydrodynamics ([P4] Fig. 1, SM Figs. 4–7; MODELS §4).
import { p4HydroFig1Scenario, p4HydroFig4Scenario } from "./p4HydroThermal.js";
import { p4HydroCurrentsScenario } from "./p4HydroCurrents.js";
import { p4HydroFig7Scenario } from "./p4HydroFig7.js";
export { p4HydroFig1Scenario, p4HydroFig4Scenario, p4HydroCurrentsScenario, p4HydroFig7Scenario };
for (const s of [p4HydroFig1Scenario, p4HydroFig4Scenario, p4HydroCurrentsScenario, p4HydroFig7Scenario]) {
  if (!getScenario(s.name)) registerScenario(s);
}
