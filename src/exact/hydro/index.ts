/**
 * Resistor networks and the hydrodynamics of weakly open chains (MODELS §4, [P4] and its
 * supplement): link-length sampling and conductances, the 1D and 2D thermal and charge
 * networks, closed-network spreading, seeded ensembles with exponent fits, and the closed form
 * of the fractional-diffusion fluctuations (SM eq. (12)).
 *
 * @module
 */
export * from "./links.js";
export * from "./network1d.js";
export * from "./network2d.js";
export * from "./spreading.js";
export * from "./fractional.js";
export * from "./realization.js";
export * from "./ensemble.js";
export * from "./fits.js";
