/**
 * Reproduce the papers' headline results: a registry of scenarios (each re-computes a
 * figure or table and checks it against references), a runner that writes `report.md`
 * and one SVG per figure (vega-lite, headless), and the built-in scenarios.
 * Command line: `nessref reproduce [--only NAME...] [--out DIR] [--full] [--list]`.
 *
 * @example
 * ```ts
 * import { listScenarios, runReproduce } from "nessref/reproduce";
 * console.log(listScenarios().map((s) => s.name));
 * const { pass } = await runReproduce({ out: "reproduce-out" });
 * ```
 *
 * @module reproduce
 */
export * from "./types.js";
export * from "./registry.js";
export * from "./svg.js";
export * from "./report.js";
export * from "./run.js";
export * from "./version.js";
export * from "./scenarios/index.js";
