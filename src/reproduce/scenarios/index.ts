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

export { dimerQuenchScenario, twoLevelErgotropyScenario, ringFig2Scenario, ringFig3Scenario, ringFig4Scenario };

for (const s of [dimerQuenchScenario, twoLevelErgotropyScenario, ringFig2Scenario, ringFig3Scenario, ringFig4Scenario]) {
  if (!getScenario(s.name)) registerScenario(s);
}
