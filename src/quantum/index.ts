/**
 * Spin-1/2 operators and quantum-information measures (MODELS.md §0): site embedding
 * without full Kronecker products, partial traces, U(1) magnetization sectors,
 * entropies, distances, passive states and ergotropy.
 *
 * @module quantum
 */
export * from "./spin.js";
export * from "./apply.js";
export * from "./partialTrace.js";
export * from "./sectors.js";
export * from "./measures.js";
export * from "./blockState.js";
