/**
 * The registry of reproduce scenarios.
 *
 * @module
 */
import { NessrefError } from "../errors.js";
import type { Scenario } from "./types.js";

const scenarios = new Map<string, Scenario>();

/**
 * Add a scenario to the registry (later issues add the papers' figures this way).
 *
 * @param scenario - the scenario; its name must be new
 * @throws NessrefError `invalid-input` when the name is taken or empty
 *
 * @example
 * ```ts
 * import { registerScenario } from "nessref/reproduce";
 * registerScenario({
 *   name: "one-plus-one", paper: "textbook", reproduces: "1 + 1 = 2",
 *   defaultSize: "trivial", fullSize: "trivial",
 *   run: async () => ({ tables: [], figures: [], checks: [
 *     { name: "sum", value: 1 + 1, reference: 2, tolerance: 0, relative: false,
 *       reason: "exact in binary", referenceSource: "arithmetic" }] }),
 * });
 * ```
 */
export function registerScenario(scenario: Scenario): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(scenario.name)) {
    throw new NessrefError("invalid-input", `scenario name '${scenario.name}' must be lower-case letters, digits and dashes`, "/name");
  }
  if (scenarios.has(scenario.name)) {
    throw new NessrefError("invalid-input", `a scenario named '${scenario.name}' is already registered`, "/name");
  }
  scenarios.set(scenario.name, scenario);
}

/**
 * All registered scenarios, in registration order.
 *
 * @example
 * ```ts
 * import { listScenarios } from "nessref/reproduce";
 * for (const s of listScenarios()) console.log(s.name, "—", s.reproduces);
 * ```
 */
export function listScenarios(): Scenario[] {
  return [...scenarios.values()];
}

/**
 * The scenario of a name, or `undefined`.
 *
 * @param name - the scenario's name
 *
 * @example
 * ```ts
 * import { getScenario } from "nessref/reproduce";
 * getScenario("dimer-quench")?.paper;
 * ```
 */
export function getScenario(name: string): Scenario | undefined {
  return scenarios.get(name);
}
