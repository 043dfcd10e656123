/**
 * Analysis helpers: the library's one seeded random-number generator.
 *
 * @module analysis
 */
export * from "./random.js";
export * from "./localTemperature.js";
export * from "./ensemble.js";
export * from "./transport.js";
export * from "./harmonic.js";
export * from "./harmonicTasks.js";
