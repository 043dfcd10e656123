/**
 * The built-in scenarios; importing this module registers them.
 *
 * @module
 */
import { registerScenario, getScenario } from "../registry.js";
import { dimerQuenchScenario } from "./dimerQuench.js";
import { twoLevelErgotropyScenario } from "./twoLevelErgotropy.js";

export { dimerQuenchScenario, twoLevelErgotropyScenario };

for (const s of [dimerQuenchScenario, twoLevelErgotropyScenario]) {
  if (!getScenario(s.name)) registerScenario(s);
}
